""" "Save report…" and "Copy report" for the pages that have something to report (detection,
the test, done), and the report's preview window.

The report is gathered on the engine thread (the network and domain checks take a few
seconds), from what the wizard already knows: the address, the detection, the settings, the
test and the password, so nothing is detected or sent twice. The preview shows exactly what
will be shared, rendered from the same HTML that is saved; saving writes that one file and
opens it in the browser. Secrets never appear (``wizard.reporting.redact``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from wizard.gui.widgets import Notice, Tone, plain_label
from wizard.gui.worker import EngineWorker, Job, Report
from wizard.messages import Translate

if TYPE_CHECKING:
    from wizard.oauth.results import SignedIn
    from wizard.reporting.context import ReportContext
    from wizard.reporting.run import Gathered

    GatherOperation = Callable[[ReportContext, Report], Awaitable[Gathered]]
    ContextSource = Callable[[], ReportContext | None]


def _qt_translate(context: str, text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(context, text)


def rendered(gathered: Gathered, form: str, *, anonymize: bool) -> str:
    """The report in ``form`` in the user's language, redacted. (The report's machinery is
    loaded here, when a report is asked for, not with the window.)"""
    from wizard.reporting.redact import Redactor
    from wizard.reporting.render import ReportFormat, render_report

    report = gathered.report
    local = report.address.rpartition("@")[0] if anonymize else None
    redactor = Redactor(secrets=gathered.secrets, usernames=gathered.usernames, local_part=local)
    tr: Translate = _qt_translate
    return render_report(report, ReportFormat(form), redactor, tr)


class ReportActions(QWidget):
    """The two buttons, and the notice that says what they did."""

    def __init__(
        self,
        worker: EngineWorker,
        gather: GatherOperation,
        context: ContextSource,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._worker = worker
        self._gather = gather
        self._context = context
        self._job: Job | None = None
        self.save_button = QPushButton(self.tr("Sa&ve report…"), self)
        self.save_button.setAccessibleName(plain_label(self.save_button.text()).rstrip("…"))
        self.save_button.setAccessibleDescription(
            self.tr("A diagnosis report for your helpdesk, without your password")
        )
        self.copy_button = QPushButton(self.tr("Cop&y report"), self)
        self.copy_button.setAccessibleName(plain_label(self.copy_button.text()))
        for button in (self.save_button, self.copy_button):
            button.setAutoDefault(False)
        self.notice = Notice(self)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        row.addWidget(self.save_button)
        row.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.notice)
        layout.addLayout(row)
        self.save_button.clicked.connect(self.save_report)
        self.copy_button.clicked.connect(self.copy_report)
        self.dialog: ReportDialog | None = None

    def abandon(self) -> None:
        if self._job is not None:
            self._job.detach()
            self._job = None
        self._busy(busy=False)

    @Slot()
    def save_report(self) -> None:
        self._start(self._show_preview)

    @Slot()
    def copy_report(self) -> None:
        self._start(self._copy)

    def _start(self, then: Callable[[Gathered], None]) -> None:
        context = self._context()
        if context is None or self._job is not None:
            return
        self._busy(busy=True)
        self.notice.show_text(
            Tone.INFO,
            self.tr(
                "Preparing the report: checking the network and your domain (up to about "
                "15 seconds)…"
            ),
            announce=True,  # the button pressed is disabled meanwhile: the focus moves on
        )
        job = self._worker.submit(lambda report: self._gather(context, report))
        job.succeeded.connect(lambda gathered: self._done(gathered, then))
        job.failed.connect(self._failed)
        job.cancelled.connect(lambda: self._busy(busy=False))
        self._job = job

    def _busy(self, *, busy: bool) -> None:
        self.save_button.setEnabled(not busy)
        self.copy_button.setEnabled(not busy)

    def _done(self, gathered: object, then: Callable[[Gathered], None]) -> None:
        self._job = None
        self._busy(busy=False)
        then(gathered)  # type: ignore[arg-type]  # what gather_report returns

    @Slot(object)
    def _failed(self, error: object) -> None:
        self._job = None
        self._busy(busy=False)
        self.notice.show_text(
            Tone.DANGER,
            self.tr("The report could not be prepared: {error}").format(error=error),
            announce=True,
        )

    def _copy(self, gathered: Gathered) -> None:
        QGuiApplication.clipboard().setText(rendered(gathered, "text", anonymize=False))
        self.notice.show_text(
            Tone.OK,
            self.tr(
                "The report is on the clipboard, without your password: paste it into your ticket."
            ),
            announce=True,
        )

    def _show_preview(self, gathered: Gathered) -> None:
        self.notice.clear()
        self.dialog = ReportDialog(gathered, self)
        self.dialog.saved.connect(self._saved)
        self.dialog.open()

    @Slot(str)
    def _saved(self, path: str) -> None:
        self.notice.show_text(
            Tone.OK,
            self.tr("The report was saved to {path} and opened in your browser.").format(path=path),
            announce=True,
        )


class ReportDialog(QDialog):
    """The report as it will be shared, with Save (and open in the browser) and Copy."""

    from PySide6.QtCore import Signal

    saved = Signal(str)

    def __init__(self, gathered: Gathered, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._gathered = gathered
        self.setWindowTitle(self.tr("Diagnosis report"))
        self.resize(720, 640)
        self.preview = QTextBrowser(self)
        self.preview.setAccessibleName(self.tr("Report preview"))
        self.preview.setOpenLinks(False)
        self.anonymize = QCheckBox(self.tr("&Hide the part of my address before the @"), self)
        self.anonymize.setAccessibleDescription(self.tr("For posting the report in a public forum"))
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(
            self.tr("&Save and open…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.copy_button = buttons.addButton(
            self.tr("Copy as &text"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.anonymize)
        layout.addWidget(buttons)
        self.anonymize.toggled.connect(self._show)
        self.save_button.clicked.connect(self.save)
        self.copy_button.clicked.connect(self.copy)
        self.close_button.clicked.connect(self.reject)
        # Injectable for tests: asking for a file name, and opening the saved file.
        self.choose_file: Callable[[str], str] = self._ask_for_file
        self.open_file: Callable[[str], object] = lambda path: QDesktopServices.openUrl(
            QUrl.fromLocalFile(path)
        )
        self._show()

    @Slot()
    def _show(self) -> None:
        self.preview.setHtml(self.html())

    def html(self) -> str:
        return rendered(self._gathered, "html", anonymize=self.anonymize.isChecked())

    @Slot()
    def copy(self) -> None:
        text = rendered(self._gathered, "text", anonymize=self.anonymize.isChecked())
        QGuiApplication.clipboard().setText(text)

    @Slot()
    def save(self) -> None:
        path = self.choose_file(self._default_name())
        if not path:
            return
        Path(path).write_text(self.html(), encoding="utf-8")
        self.open_file(path)
        self.saved.emit(path)
        self.accept()

    def _default_name(self) -> str:
        domain = self._gathered.report.address.rpartition("@")[2]
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M")
        return str(Path.home() / f"email-diagnosis-{domain}-{stamp}.html")

    def _ask_for_file(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the report"), suggested, self.tr("Web page (*.html)")
        )
        return path


def secrets_of(secret: str | SignedIn) -> tuple[str, ...]:
    """What the report must never show of what the user signed in with: the password, or the
    OAuth2 tokens."""
    if isinstance(secret, str):
        return (secret,)
    tokens = secret.tokens
    return tuple(filter(None, (tokens.access_token, tokens.refresh_token)))
