"""Importing detection's heavier parts in the background, one after the other.

The sources that fetch over HTTPS, parse XML or read the public suffix list, and the probes'
SMTP and IMAP clients, take longer to import than a DNS round trip. Detection asks for them as
it starts and goes on asking DNS meanwhile. They are imported by a single background thread,
in the order asked: imports hold the interpreter while they run, and the event loop should
share it with one importer, not with one per module. A program that has its answer never waits
for an import nobody needs any more; as it exits, the importer finishes the import under way
and takes no other (``wizard.runtime.wind_down``), so that Python never finalizes in the middle
of one.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import queue
import threading
from types import ModuleType

from wizard.runtime import done_with_exit, start_thread, when_waiting

_Request = tuple[str, asyncio.AbstractEventLoop, "asyncio.Future[ModuleType]"]

_requests: queue.SimpleQueue[_Request | None] = queue.SimpleQueue()  # None: stop
_started = threading.Lock()
_thread: threading.Thread | None = None
_stopping = threading.Event()


def load(name: str) -> asyncio.Future[ModuleType]:
    """The module ``name``, imported by the background thread (at once if it is loaded).

    The thread is asked once the loop waits on the network (``wizard.runtime.when_waiting``):
    the DNS questions asked meanwhile go out first, with the interpreter to themselves.
    """
    loop = asyncio.get_running_loop()
    future: asyncio.Future[ModuleType] = loop.create_future()
    when_waiting(lambda: _ask(name, loop, future))
    return future


def _ask(name: str, loop: asyncio.AbstractEventLoop, future: asyncio.Future[ModuleType]) -> None:
    if future.done():  # no longer wanted
        return
    try:
        _start()
    except RuntimeError as error:  # the program is ending
        future.set_exception(error)
        return
    _requests.put((name, loop, future))


def _start() -> None:
    global _thread  # one importer for the whole program
    with _started:
        if _thread is None:
            _thread = start_thread(_serve, name="importer", stop=_stop)


def _stop() -> None:
    _stopping.set()
    _requests.put(None)


def _serve() -> None:
    while (request := _requests.get()) is not None:
        name, loop, future = request
        # Nobody waits for it any more (detection ended, or the program does): skip it. (A read
        # across threads: at worst, an import nobody needs happens anyway.)
        if future.cancelled() or _stopping.is_set():
            _settle(loop, future, None)
            continue
        try:
            module = importlib.import_module(name)
        except BaseException as error:  # the waiting coroutine gets it, whatever it is
            _settle(loop, future, error)
        else:
            _settle(loop, future, module)
    done_with_exit()


def _settle(
    loop: asyncio.AbstractEventLoop,
    future: asyncio.Future[ModuleType],
    outcome: ModuleType | BaseException | None,
) -> None:
    """Hand ``outcome`` to ``future`` on its loop; None cancels it (the import was skipped)."""

    def deliver() -> None:
        if future.done():  # nobody waits any more (detection ended, or was cancelled)
            return
        if outcome is None:
            future.cancel()
        elif isinstance(outcome, BaseException):
            future.set_exception(outcome)
        else:
            future.set_result(outcome)

    with contextlib.suppress(RuntimeError):  # the loop has closed: nobody to tell
        loop.call_soon_threadsafe(deliver)
