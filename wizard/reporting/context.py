"""What a front end asks a report for: kept apart from the gathering, so that the wizard's
pages can name it without loading the network checks (start-up imports)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wizard.address import EmailAddress
    from wizard.model import DetectionResult
    from wizard.smtp.send import SendSettings, TestOutcome


@dataclass(frozen=True)
class ReportContext:
    """What a front end already knows when it asks for a report (the wizard's state)."""

    address: EmailAddress
    detection: DetectionResult | None = None
    settings: SendSettings | None = None
    test: TestOutcome | None = None
    password: str = field(default="", repr=False)  # to send with, when no test was run
    secrets: tuple[str, ...] = field(default=(), repr=False)  # only to redact (tokens)
