"""Page 2, "Finding your server": every source at once, each with its live status, its time and
a sentence on what it found.

Detection starts when the page is entered and runs on the engine thread; the rows follow its
progress events. "Stop" cancels it at any moment; "Set up manually" cancels it too and moves
on with empty settings.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QElapsedTimer, QLocale, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wizard.discovery.events import SourceFinished
from wizard.gui import texts
from wizard.gui.draft import Draft
from wizard.gui.engine import Engine
from wizard.gui.pages.base import EnginePage
from wizard.gui.widgets import Notice, Tone, chain_tab_order
from wizard.gui.worker import EngineWorker
from wizard.model import DetectionResult, SourceName

_TICK_MS = 100  # how often the elapsed time of running sources is redrawn

_COLUMN_SOURCE, _COLUMN_STATUS, _COLUMN_TIME, _COLUMN_DETAILS = range(4)


class DetectPage(EnginePage):
    """Shows detection as it happens; complete once it has ended, however it ended."""

    source_finished = Signal(object)  # a source's row shows how it ended (its SourceName)
    finished = Signal()  # detection ended: a result, an error, or cancelled

    def __init__(
        self,
        draft: Draft,
        worker: EngineWorker,
        engine: Engine,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(draft, worker, engine, parent)
        self._ended = False
        self._clock = QElapsedTimer()
        self._rows: dict[SourceName, QTreeWidgetItem] = {}
        self._finished: set[SourceName] = set()
        self.setTitle(self.tr("Finding your server"))
        self.setSubTitle(self.tr("Every source is asked at once; each row shows how it is going."))

        self.table = QTreeWidget(self)
        self.table.setAccessibleName(self.tr("Progress of each source"))
        self.table.setHeaderLabels(
            [self.tr("Source"), self.tr("Status"), self.tr("Time"), self.tr("Details")]
        )
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        header = self.table.header()
        header.setStretchLastSection(False)
        for column in (_COLUMN_SOURCE, _COLUMN_STATUS, _COLUMN_TIME):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(_COLUMN_DETAILS, QHeaderView.ResizeMode.Stretch)
        for source in SourceName:
            item = QTreeWidgetItem(self.table, [texts.source_label(source), "", "", ""])
            self._rows[source] = item

        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName(self.tr("Searching"))
        self.summary = Notice(self)
        self.stop_button = QPushButton(self.tr("&Stop"), self)
        self.stop_button.setAccessibleName(self.tr("Stop searching"))
        self.stop_button.setAutoDefault(False)
        self.manual_button = QPushButton(self.tr("Set up &manually"), self)
        self.manual_button.setAccessibleName(self.tr("Set up manually, with empty settings"))
        self.manual_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        buttons.addWidget(self.manual_button)

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.busy)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        chain_tab_order(self.table, self.stop_button, self.manual_button)

        self._ticker = QTimer(self)
        self._ticker.setInterval(_TICK_MS)
        self._ticker.timeout.connect(self._tick)
        self.stop_button.clicked.connect(self.stop)
        self.manual_button.clicked.connect(self._set_up_manually)

    # -- QWizardPage -----------------------------------------------------------------------

    def initializePage(self) -> None:
        address = self._draft.address
        assert address is not None, "the account page sets the address"
        self.abandon()
        self._draft.detection = None
        self._ended = False
        self.intro.setText(
            self.tr("Looking for the outgoing-mail server of {address}…").format(
                address=address.display
            )
        )
        self._finished.clear()
        for item in self._rows.values():
            item.setText(_COLUMN_STATUS, self.tr("working…"))
            item.setText(_COLUMN_TIME, "")
            item.setText(_COLUMN_DETAILS, "")
            item.setToolTip(_COLUMN_STATUS, "")
            item.setToolTip(_COLUMN_DETAILS, "")
        self.summary.clear()
        self.busy.show()
        self.stop_button.setEnabled(True)
        self._clock.start()
        self._ticker.start()
        self._tick()
        self._start_job(
            partial(self._engine.detect, address),
            progress=self._on_progress,
            succeeded=self._on_result,
            failed=self._on_error,
            cancelled=self._on_cancelled,
        )
        self.completeChanged.emit()

    def cleanupPage(self) -> None:
        """Back to the account page: whatever runs is no longer wanted."""
        self.abandon()

    def isComplete(self) -> bool:
        return self._ended

    # -- actions ---------------------------------------------------------------------------

    @Slot()
    def stop(self) -> None:
        """Cancel detection; the page says so once the engine has actually stopped."""
        self._cancel_job(self.stop_button, self.summary, self.tr("Stopping…"))

    def abandon(self) -> None:
        """Stop detection and hear nothing more of it; the times stop counting too."""
        super().abandon()
        self._ticker.stop()

    @Slot()
    def _set_up_manually(self) -> None:
        self.abandon()
        self._draft.detection = None
        self._end()
        self.wizard().next()

    # -- engine signals --------------------------------------------------------------------

    @Slot(object)
    def _on_progress(self, event: object) -> None:
        if isinstance(event, SourceFinished):
            report = event.report
            item = self._rows[report.name]
            summary = texts.describe_source(report)
            item.setText(_COLUMN_STATUS, texts.status_label(report.status))
            item.setText(_COLUMN_TIME, self._seconds(report.elapsed_ms))
            item.setText(_COLUMN_DETAILS, summary)
            # The engine's own account of the source (URLs, DNS names, protocol words): data for
            # a helpdesk, like a server's reply, so it is shown as it is, under a translated title.
            # The sentence comes first: a narrow window cuts it short in the row.
            details = self.tr("Technical details, for your helpdesk:\n{details}")
            tip = f"{summary}\n\n{details.format(details=report.detail)}"
            item.setToolTip(_COLUMN_STATUS, tip)
            item.setToolTip(_COLUMN_DETAILS, tip)
            self._finished.add(report.name)
            self.source_finished.emit(report.name)

    @Slot(object)
    def _on_result(self, result: DetectionResult) -> None:
        self._draft.detection = result
        for report in result.sources:  # rows whose event is still on its way
            if report.name not in self._finished:
                self._on_progress(SourceFinished(report))
        best = result.best
        if best is None:
            self.summary.show_text(
                Tone.WARNING,
                self.tr(
                    "No settings were found. Click Next to enter them yourself; your "
                    "provider's help pages list them."
                ),
            )
        else:
            config = best.config
            self.summary.show_text(
                Tone.OK,
                self.tr("Found: {host}, port {port}, {security}. Click Next to review.").format(
                    host=config.host,
                    port=config.port,
                    security=texts.security_label(config.security),
                ),
            )
        self._end()

    @Slot(object)
    def _on_error(self, error: BaseException) -> None:
        self.summary.show_text(Tone.ERROR, texts.describe_error(error))
        self._end()

    @Slot()
    def _on_cancelled(self) -> None:
        for source, item in self._rows.items():
            if source not in self._finished:
                item.setText(_COLUMN_STATUS, self.tr("stopped"))
        self.summary.show_text(
            Tone.INFO, self.tr("Stopped. Click Next to enter the settings yourself.")
        )
        self._end()

    def _end(self) -> None:
        self._ticker.stop()
        self._job = None
        self.busy.hide()
        self.stop_button.setEnabled(False)
        self._ended = True
        self.completeChanged.emit()
        self.finished.emit()

    @Slot()
    def _tick(self) -> None:
        elapsed = self._seconds(self._clock.elapsed())
        for source, item in self._rows.items():
            if source not in self._finished:
                item.setText(_COLUMN_TIME, elapsed)

    def _seconds(self, milliseconds: int) -> str:
        return self.tr("{seconds} s").format(
            seconds=QLocale().toString(milliseconds / 1000, "f", 1)
        )
