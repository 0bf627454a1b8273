"""The thread bridge: results, errors, progress and cancelling, always on the GUI thread."""

from __future__ import annotations

import asyncio
import logging
import threading
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QObject, Slot

from wizard.errors import WizardError

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from wizard.gui.worker import EngineWorker, Job, Report


class Recorder(QObject):
    """Receives a job's signals the way pages do: through slots, noting the thread."""

    def __init__(self, job: Job) -> None:
        super().__init__()
        self.events: list[tuple[str, object]] = []
        self.threads: set[str] = set()
        job.progress.connect(self.progress)
        job.succeeded.connect(self.succeeded)
        job.failed.connect(self.failed)
        job.cancelled.connect(self.cancelled)

    def _note(self, kind: str, value: object) -> None:
        self.threads.add(threading.current_thread().name)
        self.events.append((kind, value))

    @Slot(object)
    def progress(self, value: object) -> None:
        self._note("progress", value)

    @Slot(object)
    def succeeded(self, value: object) -> None:
        self._note("succeeded", value)

    @Slot(object)
    def failed(self, value: object) -> None:
        self._note("failed", value)

    @Slot()
    def cancelled(self) -> None:
        self._note("cancelled", None)


async def counts_to_three(report: Report) -> str:
    for number in (1, 2, 3):
        report(number)
        await asyncio.sleep(0)  # let other work in between, as real operations do
    return "three"


async def waits_forever(report: Report) -> None:
    report("started")
    await asyncio.Event().wait()


def test_progress_then_result_on_the_gui_thread(qtbot: QtBot, worker: EngineWorker) -> None:
    job = worker.submit(counts_to_three)
    recorder = Recorder(job)
    with qtbot.waitSignal(job.succeeded):
        pass

    assert recorder.events == [
        ("progress", 1),
        ("progress", 2),
        ("progress", 3),
        ("succeeded", "three"),
    ]
    assert recorder.threads == {threading.main_thread().name}
    assert not job.running


def test_an_engine_error_comes_back_as_itself(qtbot: QtBot, worker: EngineWorker) -> None:
    problem = WizardError("no keychain")

    async def fails(report: Report) -> None:
        del report
        raise problem

    job = worker.submit(fails)
    with qtbot.waitSignal(job.failed) as failure:
        pass
    assert failure.args == [problem]


def test_a_bug_is_reported_and_logged(
    qtbot: QtBot, worker: EngineWorker, caplog: pytest.LogCaptureFixture
) -> None:
    def not_a_coroutine(report: Report) -> None:  # called like an operation, fails at once
        del report
        raise KeyError("bug")

    job = worker.submit(not_a_coroutine)  # type: ignore[arg-type]
    with caplog.at_level(logging.ERROR), qtbot.waitSignal(job.failed) as failure:
        pass
    assert isinstance(failure.args[0], KeyError)
    assert "failed unexpectedly" in caplog.text


def test_cancel_stops_the_operation(qtbot: QtBot, worker: EngineWorker) -> None:
    job = worker.submit(waits_forever)
    recorder = Recorder(job)
    with qtbot.waitSignal(job.progress):
        pass
    with qtbot.waitSignal(job.cancelled):
        job.cancel()
    assert recorder.events == [("progress", "started"), ("cancelled", None)]


def test_a_detached_job_is_never_heard_from_again(qtbot: QtBot, worker: EngineWorker) -> None:
    abandoned = worker.submit(waits_forever)
    recorder = Recorder(abandoned)
    abandoned.detach()
    # The worker handles jobs in order: once a later one has answered, the first has ended.
    later = worker.submit(counts_to_three)
    with qtbot.waitSignal(later.succeeded):
        pass
    assert recorder.events == []
    assert not abandoned.running
