"""The one bridge between the Qt GUI thread and the engine's asyncio world.

PySide6's QtAsyncio cannot open TCP or TLS connections, so the engine cannot run on Qt's own
event loop. Instead one thread owns an asyncio loop for the whole program; work goes in through
``call_soon_threadsafe`` and comes back as queued Qt signals, so every GUI update happens on the
GUI thread and the engine never learns that Qt exists.

Each operation is a ``Job``. Its public signals (``progress``, ``succeeded``, ``failed``,
``cancelled``) are emitted on the GUI thread only: the engine thread emits private signals
that are queued to the job's own slots, which drop them once the job has been ``detach``\\ ed.
A page that moves on therefore never hears from an operation it abandoned, even if that
operation's last words were already on their way.

Ending is bounded: the window closing must end the program, whatever the engine is doing.
Shutting down cancels every task and gives them a moment to hang up; blocking calls (name
lookups, the keychain, which may be waiting on a prompt) run on daemon threads that are
abandoned, never waited for. A task is cancelled only once it has started, as anyio does: one
cancelled before its first step never runs, and where it wraps another coroutine (anyio's tasks,
such as httpx's connection attempts) that one is left never awaited.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import Enum, auto
from functools import partial
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal, Slot

from wizard.errors import WizardError
from wizard.runtime import new_event_loop, start_thread

log = logging.getLogger(__name__)

Report = Callable[[object], None]
"""Hands a progress event from the engine thread to the GUI (``Job.progress``)."""

Operation = Callable[[Report], Awaitable[Any]]
"""Starts an engine coroutine; called on the engine thread so no coroutine is left unawaited."""

T = TypeVar("T")

# How long cancelled operations get to end (close their sockets) when the program ends, and how
# long the GUI thread waits for the engine thread in all. Both are short: nothing the user can
# see is left to finish, and a process that lingers after its window closed looks hung.
_WIND_DOWN_SECONDS = 1.0
_JOIN_SECONDS = 2.0


class _End(Enum):
    SUCCEEDED = auto()
    FAILED = auto()
    CANCELLED = auto()


@dataclass(frozen=True)
class _Ending:
    how: _End
    value: object = None


class Job(QObject):
    """One operation on the engine thread, seen from the GUI thread.

    Exactly one of ``succeeded`` (the result), ``failed`` (the exception) or ``cancelled``
    ends it, unless it was detached first.
    """

    progress = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()

    # Emitted on the engine thread, delivered (queued) to this object's slots on the GUI thread.
    _reported = Signal(object)
    _ended = Signal(object)

    def __init__(self, worker: EngineWorker) -> None:
        super().__init__()
        self._worker = worker
        self._running = True
        self._detached = False
        # Alive until the GUI thread has heard the ending, whoever lets go of it meanwhile (a
        # page that detached it): otherwise the engine thread could drop the last reference,
        # destroying a QObject of the GUI thread on the wrong thread, with its ending queued.
        self._keepalive: Job | None = self
        self._reported.connect(self._deliver_progress, Qt.ConnectionType.QueuedConnection)
        self._ended.connect(self._deliver_end, Qt.ConnectionType.QueuedConnection)

    @property
    def running(self) -> bool:
        """True until the GUI thread has heard how the operation ended."""
        return self._running

    def cancel(self) -> None:
        """Ask the engine to stop; ``cancelled`` follows once it has (unless it finished first)."""
        self._worker.cancel(self)

    def detach(self) -> None:
        """Cancel, and emit nothing more: for a page that no longer cares about the answer."""
        self._detached = True
        self._running = False
        self.cancel()

    @Slot(object)
    def _deliver_progress(self, event: object) -> None:
        if not self._detached:
            self.progress.emit(event)

    @Slot(object)
    def _deliver_end(self, ending: _Ending) -> None:
        self._keepalive = None  # released here, on the GUI thread
        if self._detached:
            return
        self._running = False
        if ending.how is _End.SUCCEEDED:
            self.succeeded.emit(ending.value)
        elif ending.how is _End.FAILED:
            self.failed.emit(ending.value)
        else:
            self.cancelled.emit()


class EngineWorker:
    """The engine's thread and event loop, shared by every page for the program's lifetime."""

    def __init__(self) -> None:
        self._loop = new_event_loop()
        self._tasks: dict[Job, asyncio.Task[Any]] = {}  # touched on the engine thread only
        self._stopping = False  # set on the engine thread once the loop has been stopped
        self._thread = start_thread(self._run, name="engine")

    def submit(self, operation: Operation) -> Job:
        """Run ``operation(report)`` on the engine thread; the returned job tells how it goes."""
        job = Job(self)
        self._loop.call_soon_threadsafe(self._start, job, operation)
        return job

    def cancel(self, job: Job) -> None:
        """Ask for ``job`` to be cancelled; harmless once the worker has shut down (the loop
        may close at any moment before or during this call: then nothing is left to cancel)."""
        with contextlib.suppress(RuntimeError):  # "Event loop is closed"
            self._loop.call_soon_threadsafe(self._cancel, job)

    def shutdown(self) -> None:
        """Cancel whatever still runs and end the engine thread, waiting a moment at most.

        It runs on the GUI thread as the program ends, so nothing may hold it: operations get
        ``_WIND_DOWN_SECONDS`` to end once cancelled, blocking calls are abandoned, and the
        thread (a daemon) is waited for ``_JOIN_SECONDS`` at most.
        """
        with contextlib.suppress(RuntimeError):  # closed already: shut down before
            self._loop.call_soon_threadsafe(self._stop)
        self._thread.join(timeout=_JOIN_SECONDS)

    # -- on the engine thread --------------------------------------------------------------

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_forever()
        finally:
            self._stopping = True
            try:
                self._wind_down()
            finally:
                self._loop.close()  # shuts the executor down without waiting

    def _stop(self) -> None:
        if not self._stopping:  # a second shutdown must not cut the winding down short
            self._loop.stop()

    def _wind_down(self) -> None:
        """Cancel every task (the jobs' and any they started) and give them a moment to end."""
        self._loop.run_until_complete(_cancel_every_task(_WIND_DOWN_SECONDS))
        self._loop.run_until_complete(self._loop.shutdown_asyncgens())

    def _start(self, job: Job, operation: Operation) -> None:
        if self._stopping:  # submitted as the worker shut down: it never starts
            job._ended.emit(_Ending(_End.CANCELLED))
            return
        task = self._loop.create_task(_run_operation(operation, job._reported.emit))
        self._tasks[job] = task
        task.add_done_callback(partial(self._finish, job))

    def _cancel(self, job: Job) -> None:
        task = self._tasks.get(job)
        if task is not None:
            task.cancel()

    def _finish(self, job: Job, task: asyncio.Task[Any]) -> None:
        del self._tasks[job]
        if task.cancelled():
            job._ended.emit(_Ending(_End.CANCELLED))
            return
        error = task.exception()
        if error is None:
            job._ended.emit(_Ending(_End.SUCCEEDED, task.result()))
            return
        if not isinstance(error, WizardError):
            # Not a problem the engine knows how to name: a bug. The user still gets a
            # message (and can go on), the log gets the traceback.
            log.error("engine operation failed unexpectedly", exc_info=error)
        job._ended.emit(_Ending(_End.FAILED, error))


async def _cancel_every_task(seconds: float) -> None:
    """Cancel every other task of the loop, each once it has started, and wait for them to
    end, ``seconds`` at most.

    The loop may have stopped just after a task was created (an operation that had just started
    a connection attempt as the window closed): it starts on the loop's next pass, and is
    cancelled then. Cancelled before its first step, it would never run, and the coroutine that
    a library's task wraps (anyio's, for each of httpx's connection attempts) would be dropped
    unawaited, a RuntimeWarning when it is collected.
    """
    this = asyncio.current_task()
    cancelled: set[asyncio.Task[Any]] = set()
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(seconds):
            while others := asyncio.all_tasks() - {this}:
                for task in others - cancelled:
                    if _started(task):
                        task.cancel()
                        cancelled.add(task)
                if others <= cancelled:
                    await asyncio.wait(others, return_when=asyncio.FIRST_COMPLETED)
                else:
                    await asyncio.sleep(0)  # one pass of the loop: the new tasks take a step


def _started(task: asyncio.Task[Any]) -> bool:
    coro = task.get_coro()
    return not inspect.iscoroutine(coro) or inspect.getcoroutinestate(coro) != inspect.CORO_CREATED


async def _run_operation(operation: Operation, report: Report) -> Any:
    """Calls the operation inside the task, so even a synchronous error ends the job."""
    return await operation(report)
