"""What the pages that run engine operations share: the draft, the worker and the engine they
are handed, and the one job each runs at a time, which the page can cancel or abandon.

No text is shown from here: the pages' ``self.tr`` strings stay in the pages, whose class
names are their translation contexts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QPushButton, QWidget, QWizardPage

from wizard.gui.draft import Draft
from wizard.gui.engine import Engine
from wizard.gui.widgets import Notice, Tone
from wizard.gui.worker import EngineWorker, Job, Operation


class EnginePage(QWizardPage):
    """A wizard page with at most one engine job of its own running."""

    def __init__(
        self, draft: Draft, worker: EngineWorker, engine: Engine, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._draft = draft
        self._worker = worker
        self._engine = engine
        self._job: Job | None = None

    @property
    def running(self) -> bool:
        return self._job is not None and self._job.running

    def abandon(self) -> None:
        """The page is left or the wizard is closing: stop the job, and hear nothing more."""
        if self._job is not None:
            self._job.detach()
            self._job = None

    def _start_job(
        self,
        operation: Operation,
        *,
        succeeded: Callable[[Any], None],
        failed: Callable[[BaseException], None],
        cancelled: Callable[[], None],
        progress: Callable[[Any], None] | None = None,
    ) -> None:
        """Run ``operation`` on the engine thread as this page's job, its ending and progress
        connected to the page's slots."""
        job = self._worker.submit(operation)
        if progress is not None:
            job.progress.connect(progress)
        job.succeeded.connect(succeeded)
        job.failed.connect(failed)
        job.cancelled.connect(cancelled)
        self._job = job

    def _cancel_job(self, button: QPushButton, notice: Notice, saying: str) -> None:
        """Ask the running job to stop: ``button`` is disabled and ``notice`` shows ``saying``
        until the job's ``cancelled`` arrives (or its result, had it already finished)."""
        if self._job is not None and self._job.running:
            button.setEnabled(False)
            notice.show_text(Tone.INFO, saying, announce=True)
            self._job.cancel()
