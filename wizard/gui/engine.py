"""The three engine operations the wizard runs, handed to it rather than imported by the pages.

``Engine.real`` is the program's: detection, the real test send and the keychain with the
profile file. The screenshot script (and page tests that need no network) hand in canned ones
with the same shapes, so every page can be shown in every state without touching a server.

Each operation runs on the engine thread (see ``worker``) and takes the job's ``report`` as its
last argument, for progress the page shows as it happens. What each needs (detection's engine,
the SMTP client, the keychain) is imported there, when first used: the window does not wait
for any of it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from wizard.discovery.context import ISPDB_URL, Deadlines
from wizard.gui.worker import Report
from wizard.smtp.diagnosis import Reply, Stage
from wizard.smtp.phases import ProbeTimeouts

if TYPE_CHECKING:
    from wizard.accounts import StoredAccount
    from wizard.address import EmailAddress
    from wizard.model import DetectionResult
    from wizard.profiles import AccountProfile, ProfileStore
    from wizard.smtp.send import SendSettings, TestOutcome

DetectOperation = Callable[["EmailAddress", Report], Awaitable["DetectionResult"]]
"""Reports ``wizard.discovery.events`` as they happen."""

SendOperation = Callable[["SendSettings", str, Report], Awaitable["TestOutcome"]]
"""Takes the settings and the password; reports a ``StageBegun`` as each stage begins."""

StoreOperation = Callable[["AccountProfile", str, Report], Awaitable["StoredAccount"]]
"""Takes the profile and the password (``wizard.accounts.store_account``)."""


@dataclass(frozen=True)
class StageBegun:
    """A test-send stage began; ``reply`` is the server's last reply so far."""

    stage: Stage
    reply: Reply | None


@dataclass(frozen=True)
class Engine:
    detect: DetectOperation
    send: SendOperation
    store: StoreOperation

    @classmethod
    def real(
        cls,
        profiles: ProfileStore,
        *,
        deadlines: Deadlines | None = None,
        ispdb_url: str = ISPDB_URL,
        send_timeouts: ProbeTimeouts | None = None,
    ) -> Engine:
        """The program's operations; the keyword arguments are for tests (the defaults are
        the engine's own)."""
        return cls(
            detect=partial(_detect, deadlines, ispdb_url),
            send=partial(_send, send_timeouts),
            store=partial(_store, profiles),
        )


async def _detect(
    deadlines: Deadlines | None, ispdb_url: str, address: EmailAddress, report: Report
) -> DetectionResult:
    from wizard.discovery.engine import detect

    return await detect(address, deadlines=deadlines, on_event=report, ispdb_url=ispdb_url)


async def _send(
    timeouts: ProbeTimeouts | None, settings: SendSettings, password: str, report: Report
) -> TestOutcome:
    from wizard.smtp.send import send_test_message

    def on_step(stage: Stage, reply: Reply | None) -> None:
        report(StageBegun(stage, reply))

    return await send_test_message(settings, password, on_step=on_step, timeouts=timeouts)


async def _store(
    profiles: ProfileStore, profile: AccountProfile, password: str, _report: Report
) -> StoredAccount:
    """Storing blocks (D-Bus, a keychain prompt, disk), so it runs beside the loop."""
    from wizard.accounts import store_account

    return await asyncio.to_thread(store_account, profiles, profile, password)
