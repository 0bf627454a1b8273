"""The sender domain's health on the done page: one sentence, the findings under it.

The check runs on the engine thread (at most 10 s) once the test went through; the page is
usable meanwhile. The verdict is about whether mail the user sends will arrive (SPF, DKIM,
DMARC); the details also say how others deliver to the domain.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from wizard.domaincheck.model import DomainHealth, Severity
from wizard.gui.widgets import Folding, Notice, Tone, plain_label
from wizard.gui.worker import EngineWorker, Job, Report
from wizard.messages import (
    describe_finding,
    domain_check_label,
    domain_verdict,
    severity_label,
)

DomainOperation = Callable[[str, str | None, Report], Awaitable[DomainHealth]]
"""Takes the domain and the outgoing server."""

_TONES = {
    Severity.GOOD: Tone.OK,
    Severity.INFO: Tone.INFO,
    Severity.WARNING: Tone.WARNING,
    Severity.PROBLEM: Tone.DANGER,
}


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


class DomainVerdict(QWidget):
    """The verdict, and a button that shows every finding."""

    def __init__(
        self, worker: EngineWorker, check: DomainOperation, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._worker = worker
        self._check = check
        self._job: Job | None = None
        self.health: DomainHealth | None = None
        self.verdict = Notice(self)
        self.details = QLabel()  # given its parent by the folding, after its button: Tab order
        self.details.setWordWrap(True)
        # Reached by Tab once unfolded, and selectable from the keyboard: the findings say what
        # to ask whoever runs the domain's DNS, for screen reader users too.
        self.details.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.details.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.folding = Folding(self.tr("Domain &details"), self.details, self)
        self.details_button = self.folding.button
        self.details_button.setAccessibleName(plain_label(self.details_button.text()))
        self.folding.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.verdict)
        layout.addWidget(self.folding)

    def start(self, domain: str, server: str | None) -> None:
        """Check ``domain`` for mail sent through ``server``, unless it is already checked."""
        if self._job is not None or (self.health and self.health.domain == domain):
            return
        self.verdict.show_text(
            Tone.INFO,
            self.tr("Checking {domain}'s mail records (SPF, DKIM, DMARC)…").format(domain=domain),
        )
        job = self._worker.submit(lambda report: self._check(domain, server, report))
        job.succeeded.connect(self._on_checked)
        job.failed.connect(self._on_failed)
        job.cancelled.connect(self._on_failed)
        self._job = job

    def abandon(self) -> None:
        if self._job is not None:
            self._job.detach()
            self._job = None

    @Slot(object)
    def _on_checked(self, health: DomainHealth) -> None:
        self._job = None
        self.health = health
        verdict = domain_verdict(health.verdict, health.domain, _tr)
        self.verdict.show_text(_TONES[health.verdict], verdict, announce=True)
        lines = [
            f"{severity_label(f.severity, _tr)} — {domain_check_label(f.check, _tr)}: "
            f"{describe_finding(f, health.domain, _tr)}"
            for f in sorted(health.findings, key=lambda f: (f.check.inbound, -f.severity.rank))
        ]
        self.details.setText("\n\n".join(lines))
        self.details.setAccessibleName(self.details.text())
        self.folding.show()

    @Slot()
    def _on_failed(self, _error: object = None) -> None:
        self._job = None
        self.verdict.clear()
