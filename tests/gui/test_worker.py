"""The thread bridge: results, errors, progress and cancelling, always on the GUI thread."""

from __future__ import annotations

import asyncio
import gc
import logging
import subprocess
import sys
import threading
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import anyio
import pytest
from PySide6.QtCore import QObject, Slot

from wizard.errors import WizardError
from wizard.gui.worker import EngineWorker

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from wizard.gui.worker import Job, Report

REPO = Path(__file__).resolve().parents[2]


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
    go_on = threading.Event()

    async def last_words_already_on_their_way(report: Report) -> str:
        report("started")
        # Holds the engine thread itself, so the cancel that detaching asks for cannot arrive
        # before the operation has reported again and finished: its last words are sent.
        go_on.wait(timeout=10)
        report("still here")
        return "done"

    abandoned = worker.submit(last_words_already_on_their_way)
    recorder = Recorder(abandoned)
    with qtbot.waitSignal(abandoned.progress):
        pass
    abandoned.detach()
    go_on.set()
    # The worker handles jobs in order: once a later one has answered, the first has ended.
    later = worker.submit(counts_to_three)
    with qtbot.waitSignal(later.succeeded):
        pass
    assert recorder.events == [("progress", "started")]
    assert not abandoned.running


# Run as a program of its own: a blocking call still waiting (a name lookup, a keychain
# prompt) when the window closes must not keep the process alive.
ENDS_WHILE_A_CALL_BLOCKS = """
import asyncio, threading
from wizard.gui.worker import EngineWorker

entered, never = threading.Event(), threading.Event()

def blocks() -> None:
    entered.set()
    never.wait()

async def operation(report) -> None:
    await asyncio.to_thread(blocks)

worker = EngineWorker()
worker.submit(operation)
assert entered.wait(10)
worker.shutdown()
print("shut down", flush=True)
"""


def test_the_program_ends_while_a_blocking_call_still_waits() -> None:
    ended = subprocess.run(
        [sys.executable, "-c", ENDS_WHILE_A_CALL_BLOCKS],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=15,  # unbounded before: shutdown, then Python's exit, waited for the call
        check=False,
    )
    assert (ended.returncode, ended.stdout, ended.stderr) == (0, "shut down\n", "")


def test_a_job_can_be_cancelled_after_shutdown(qtbot: QtBot) -> None:
    worker = EngineWorker()
    job = worker.submit(waits_forever)
    with qtbot.waitSignal(job.progress):
        pass
    worker.shutdown()
    job.cancel()  # the page does not know the loop is closed: nothing happens, nothing raises
    job.detach()
    assert not job.running


async def starts_a_task_as_the_window_closes(report: Report) -> None:
    """Starts an anyio task, as httpx does for each connection attempt, in the very pass of the
    loop in which shutdown's stop arrives (here the operation stops the loop itself, at that
    moment): the task has not taken its first step when the worker winds down."""
    async with anyio.create_task_group() as group:
        group.start_soon(anyio.sleep_forever)
        asyncio.get_running_loop().stop()
        await anyio.sleep_forever()


def test_the_program_ending_as_work_starts_a_task_leaves_no_coroutine_unawaited(
    qtbot: QtBot,
) -> None:
    worker = EngineWorker()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        job = worker.submit(starts_a_task_as_the_window_closes)
        with qtbot.waitSignal(job.cancelled):  # cancelled as the worker wound down
            pass
        worker.shutdown()  # the window's own, arriving as the worker winds down: waits for it
        gc.collect()  # anyio's task and the coroutine it wraps hold each other

    # Before: "RuntimeWarning: coroutine 'sleep_forever' was never awaited" (anyio's task was
    # cancelled before its first step), or "Event loop stopped before Future completed" (the
    # second stop cut the winding down short).
    assert [str(warning.message) for warning in caught] == []
