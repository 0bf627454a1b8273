"""Page 2, "Finding your server": the answer first, the per-source account folded away.

Detection starts when the page is entered and runs on the engine thread. While it runs, one
status line says what is happening (and, for a server that answered but is slow to greet,
that the wizard is still waiting for it); when it ends, a result card says what was found and
what it means, and screen readers hear it. Under "Details" each source has a line in a list
(wrapped, never cut off) and the technical account for a helpdesk, reachable by keyboard and
copyable. "Stop" cancels at any moment; "Set up manually" cancels too and moves on to empty
settings, and the next page says which of the two happened.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QElapsedTimer, QLocale, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wizard.discovery.events import CandidateChecked, SlowGreeting, SourceFinished
from wizard.gui import texts
from wizard.gui.draft import Draft, SearchEnd
from wizard.gui.engine import Engine
from wizard.gui.pages.base import EnginePage
from wizard.gui.report_actions import ReportActions
from wizard.gui.result_card import ResultCard
from wizard.gui.widgets import CopyableText, Folding, Notice, Tone, announce, page_body
from wizard.gui.worker import EngineWorker
from wizard.model import DetectionResult, SourceName, SourceReport
from wizard.printable import printable
from wizard.reporting.context import ReportContext

_TICK_MS = 100  # how often the elapsed time of running sources is redrawn


class DetectPage(EnginePage):
    """Shows detection as it happens; complete once it has ended, however it ended."""

    source_finished = Signal(object)  # a source's line shows how it ended (its SourceName)
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
        self._reports: dict[SourceName, SourceReport] = {}
        self._slow: tuple[SlowGreeting, int] | None = None  # and when it came (page clock, ms)
        self.setTitle(self.tr("Finding your server"))
        self.setSubTitle(self.tr("Every place that may know your settings is asked at once."))
        body = page_body(self)

        # Created in reading order, which is the Tab order.
        self.status = Notice(body)
        self.busy = QProgressBar(body)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName(self.tr("Searching"))
        self.slow = Notice(body)
        self.card = ResultCard(body)
        self.stop_button = QPushButton(self.tr("&Stop"), body)
        self.stop_button.setAutoDefault(False)
        self.manual_button = QPushButton(self.tr("Set up &manually"), body)
        self.manual_button.setAutoDefault(False)
        self.sources = QListWidget()
        self.sources.setAccessibleName(self.tr("Sources"))
        self.sources.setWordWrap(True)
        self.sources.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sources.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        self._items = {
            source: QListWidgetItem(texts.source_label(source), self.sources)
            for source in SourceName
        }
        self.technical = CopyableText(self.tr("Technical details, for your helpdesk:"))
        folded = QWidget()
        inner = QVBoxLayout(folded)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.sources, 1)
        inner.addWidget(self.technical)
        self.details = Folding(self.tr("&Details"), folded, body)

        buttons = QHBoxLayout()
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        buttons.addWidget(self.manual_button)
        layout = QVBoxLayout(body)
        layout.addWidget(self.status)
        layout.addWidget(self.busy)
        layout.addWidget(self.slow)
        layout.addWidget(self.card)
        layout.addLayout(buttons)
        layout.addWidget(self.details, 1)
        self.report = ReportActions(worker, engine.gather_report, self._report_context, body)
        self.report.hide()  # until detection has ended
        layout.addWidget(self.report)
        layout.addStretch(0)

        self._ticker = QTimer(self)
        self._ticker.setInterval(_TICK_MS)
        self._ticker.timeout.connect(self._tick)
        self.stop_button.clicked.connect(self.stop)
        self.manual_button.clicked.connect(self._set_up_manually)

    # -- QWizardPage -----------------------------------------------------------------------

    def initializePage(self) -> None:
        self.report.hide()
        address = self._draft.address
        assert address is not None, "the account page sets the address"
        self.abandon()
        self._draft.detection = None
        self._draft.search_end = SearchEnd.FINISHED
        self._ended = False
        self._reports.clear()
        self._slow = None
        self.status.show_text(
            Tone.INFO,
            self.tr("Looking for the outgoing-mail server of {address}…").format(
                address=address.display
            ),
        )
        self.slow.clear()
        self.card.hide()
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
        self._draft.search_end = SearchEnd.STOPPED
        self._cancel_job(self.stop_button, self.status, self.tr("Stopping…"))

    def abandon(self) -> None:
        """Stop detection and hear nothing more of it; the times stop counting too."""
        super().abandon()
        self._ticker.stop()
        self.report.abandon()

    def _report_context(self) -> ReportContext | None:
        """The address and what detection found (no test has run yet)."""
        address = self._draft.address
        if address is None:
            return None
        return ReportContext(address, detection=self._draft.detection)

    @Slot()
    def _set_up_manually(self) -> None:
        self.abandon()
        self._draft.detection = None
        self._draft.search_end = SearchEnd.MANUAL
        # Said to whoever comes Back here: the search is not running any more.
        self._end(self.tr("Stopped: you chose to set up the account yourself."))
        self.wizard().next()

    # -- engine signals --------------------------------------------------------------------

    @Slot(object)
    def _on_progress(self, event: object) -> None:
        if isinstance(event, SourceFinished):
            report = event.report
            self._reports[report.name] = report
            self._draw_source(report.name)
            self._draw_technical()
            self.source_finished.emit(report.name)
        elif isinstance(event, SlowGreeting):
            self._slow = (event, self._clock.elapsed())
            self._tick()
            if self.slow.text():  # once per server (the seconds tick on unsaid): why it waits
                announce(self, self.slow.text())
        elif isinstance(event, CandidateChecked) and self._is_slow(event):
            self._slow = None  # it has answered at last
            self.slow.clear()

    def _is_slow(self, checked: CandidateChecked) -> bool:
        endpoint = checked.candidate.config.endpoint
        return self._slow is not None and self._slow[0].candidate.config.endpoint == endpoint

    @Slot(object)
    def _on_result(self, result: DetectionResult) -> None:
        self._draft.detection = result
        self.report.show()
        for report in result.sources:  # lines whose event is still on its way
            if report.name not in self._reports:
                self._on_progress(SourceFinished(report))
        best = result.best
        domain = self._draft.address.domain_display if self._draft.address else result.domain
        if best is None:
            said = self.card.show_nothing(
                self.tr("No settings were found"),
                self.tr("Click Next to enter them yourself; your provider's help pages list them."),
                # Why, where detection knows it: the domain does not exist (a typo?).
                "\n".join(texts.describe_caution(c, domain) for c in result.warnings),
            )
        else:
            said = self.card.show_candidate(best, domain)
        self._end(self.tr("The search has finished."), said)

    @Slot(object)
    def _on_error(self, error: BaseException) -> None:
        problem = texts.describe_error(error)
        self._end(problem, problem, tone=Tone.DANGER)

    @Slot()
    def _on_cancelled(self) -> None:
        text = self.tr("Stopped. Click Next to enter the settings yourself.")
        self._end(text, text)

    def _end(self, status: str = "", said: str = "", *, tone: Tone = Tone.INFO) -> None:
        self._ticker.stop()
        self._job = None
        self.busy.hide()
        self.slow.clear()
        self.stop_button.setEnabled(False)
        self._ended = True
        for source in SourceName:
            self._draw_source(source)
        if status:
            self.status.show_text(tone, status)
        if said:
            announce(self, said, urgent=tone is Tone.DANGER)
        self._ended = True
        self.completeChanged.emit()
        self.finished.emit()

    # -- drawing ---------------------------------------------------------------------------

    def _draw_source(self, source: SourceName) -> None:
        """One line per source: name, status, time and what it found, wrapped."""
        item = self._items[source]
        report = self._reports.get(source)
        name = texts.source_label(source)
        if report is not None:
            text = self.tr("{source}: {status}, {time}").format(
                source=name,
                status=texts.status_label(report.status),
                time=self._seconds(report.elapsed_ms),
            )
            if report.note is not None:  # else the summary would only repeat the status
                text = self.tr("{line}. {summary}").format(
                    line=text, summary=texts.describe_source(report)
                )
        elif self._ended:
            text = self.tr("{source}: stopped").format(source=name)
        else:
            text = self.tr("{source}: working… {time}").format(
                source=name, time=self._seconds(self._clock.elapsed())
            )
        item.setText(text)

    def _draw_technical(self) -> None:
        self.technical.set_text(
            "\n".join(
                f"{source.value}: {printable(report.detail)}"
                for source, report in self._reports.items()
                if report.detail
            )
        )

    @Slot()
    def _tick(self) -> None:
        for source in SourceName:
            if source not in self._reports:
                self._draw_source(source)
        if self._slow is not None and not self._ended:
            slow, since = self._slow
            waited = (slow.waited_ms + self._clock.elapsed() - since) // 1000
            self.slow.show_text(
                Tone.INFO,
                self.tr("{host} answers slowly; still waiting, {seconds} s…").format(
                    host=slow.candidate.config.host, seconds=QLocale().toString(waited)
                ),
            )

    def _seconds(self, milliseconds: int) -> str:
        return self.tr("{seconds} s").format(
            seconds=QLocale().toString(milliseconds / 1000, "f", 1)
        )
