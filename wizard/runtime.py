"""Running the engine's coroutines from synchronous code (the CLI, the GUI's worker thread), and
the threads that help them, so that the program always ends cleanly and at once.

Two rules hold for every thread the program starts (``start_thread``):

- It never receives the signals a person sends the program (Ctrl-C, ``kill``): they are blocked
  in it, so the kernel hands them to the main thread, where Python runs their handlers. A
  Ctrl-C taken by a helper thread would only set a flag that the main thread, blocked reading
  a password, never looks at.
- None starts once the program is ending (``wind_down``). Python 3.11 frees a new thread's
  state when it finalizes; a thread started by another thread at that moment writes to the
  freed memory as it begins to run, and the program ends in a segmentation fault instead of
  its exit status.

``wind_down`` runs as Python exits (``atexit``, before it finalizes): it cancels the work of
every background loop (``in_background``) and of every other thread started with a ``stop``,
and waits for those threads, ``WIND_DOWN_SECONDS`` at most. It also gives blocking calls still
under way (``DaemonExecutor``) ``BLOCKING_CALL_GRACE_SECONDS`` to end: a thread left inside
OpenSSL (a trust store being read, an IMAP handshake) as the process exits crashes it, since
OpenSSL's own exit handler frees what the thread is using. Name lookups are not waited for:
they hold nothing of OpenSSL's, and a slow DNS answer nobody needs would hold every exit. What
may still run then is idle or blocked outside Python (a slow name lookup): it holds nothing the
interpreter needs, and Python stops it when it comes back.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import itertools
import selectors
import signal
import socket
import sys
import threading
import time
import weakref
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from typing import Any, Generic, ParamSpec, TypeVar

T = TypeVar("T")
P = ParamSpec("P")

# How long the program's end may wait for its background work to stop once cancelled. It
# normally takes milliseconds: cancelled coroutines end at their next step.
WIND_DOWN_SECONDS = 2.0
# How much of it blocking calls still under way get (name lookups none). Short: only a call
# stuck on a keychain prompt, say, takes it all.
BLOCKING_CALL_GRACE_SECONDS = 1.0

# The signals a person or another program sends (not those the CPU raises for a fault), where
# this platform has them.
_SENT_SIGNALS = frozenset(
    getattr(signal, name)
    for name in (
        "SIGINT",
        "SIGTERM",
        "SIGHUP",
        "SIGQUIT",
        "SIGUSR1",
        "SIGUSR2",
        "SIGALRM",
        "SIGCHLD",
        "SIGWINCH",
    )
    if hasattr(signal, name)
)

_starting = threading.Lock()  # held while a thread starts, and to end thread starts for good
_ending = False  # set under ``_starting`` by ``wind_down``: no thread starts any more
_stoppers: dict[threading.Thread, Callable[[], None]] = {}  # see ``start_thread``
_blocking_calls: set[threading.Thread] = set()  # the threads running one now (``_call``)


def start_thread(
    target: Callable[[], object], name: str, *, stop: Callable[[], None] | None = None
) -> threading.Thread:
    """Start a daemon thread running ``target`` that receives no signals (they go to the main
    thread); returns once the thread runs. Raises ``RuntimeError`` once the program is ending,
    as an executor does after its shutdown.

    With ``stop``, the thread does work that must end before Python finalizes: ``wind_down``
    calls ``stop()`` (from another thread; it must not block), then waits for the thread.
    Such a thread calls ``done_with_exit()`` as it ends by itself.
    """
    thread = threading.Thread(target=target, name=name, daemon=True)
    with _starting:
        if _ending:
            raise RuntimeError("the program is ending: no new thread starts")
        if stop is not None:
            _stoppers[thread] = stop
        with _signals_blocked():  # the new thread inherits the mask of the one starting it
            thread.start()
    return thread


@contextlib.contextmanager
def _signals_blocked() -> Iterator[None]:
    if not hasattr(signal, "pthread_sigmask"):  # Windows: console signals are no thread's
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, _SENT_SIGNALS)
    try:
        yield
    finally:  # one that arrived meanwhile is delivered here, to this thread
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def done_with_exit() -> None:
    """The calling thread, started with a ``stop``, has ended its work: nothing to wait for."""
    with _starting:
        _stoppers.pop(threading.current_thread(), None)


@atexit.register
def wind_down(seconds: float = WIND_DOWN_SECONDS) -> None:
    """Stop every background thread's work and wait for the threads, ``seconds`` at most; then
    no thread starts any more. Python calls this as it exits, before it finalizes; a second
    Ctrl-C meanwhile ends the waiting."""
    global _ending  # one program, one ending
    now = time.monotonic()
    deadline = now + seconds
    with _starting:
        waiting = dict(_stoppers)
        calls = list(_blocking_calls)
    try:
        for stop in waiting.values():
            stop()
        for thread in waiting:
            thread.join(max(0.0, deadline - time.monotonic()))
        deadline = min(deadline, now + BLOCKING_CALL_GRACE_SECONDS)
        for thread in calls:
            thread.join(max(0.0, deadline - time.monotonic()))
    except KeyboardInterrupt:
        pass  # asked again: no more waiting
    finally:
        with _starting:
            _ending = True


def new_event_loop() -> asyncio.AbstractEventLoop:
    """An event loop set up for the engine: blocking calls never queue, and hold exit for
    ``BLOCKING_CALL_GRACE_SECONDS`` at most; work can wait for the network (``when_waiting``).
    """
    if sys.platform == "win32":  # its proactor loop has no selector to watch
        loop = asyncio.new_event_loop()
    else:
        selector = _Selector()
        loop = asyncio.SelectorEventLoop(selector)
        _selectors[loop] = selector
    loop.set_default_executor(DaemonExecutor())
    return loop


def when_waiting(callback: Callable[[], object]) -> None:
    """Call ``callback`` on the running loop's thread once that loop has run all that was
    ready and waits on the network; at once on a loop not made by ``new_event_loop``.

    What can wait (imports and files on other threads) starts then, after the questions that
    cannot: a thread started earlier shares the interpreter with the code sending them, and
    on a slow machine they went out twice as late. ``callback`` must not raise.
    """
    selector = _selectors.get(asyncio.get_running_loop())
    if selector is None:
        callback()
    else:
        selector.deferred.append(callback)


async def until_waiting() -> None:
    """Return once the running loop has run all that was ready and waits on the network
    (``when_waiting``)."""
    ready: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def now() -> None:
        if not ready.done():  # cancelled
            ready.set_result(None)

    when_waiting(now)
    await ready


class _Selector(selectors.DefaultSelector):
    """The selector of a loop made by ``new_event_loop``, which sees it begin to wait: asyncio
    asks it to wait with no time limit or a positive one only when nothing is ready to run."""

    def __init__(self) -> None:
        super().__init__()
        self.deferred: list[Callable[[], object]] = []

    def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
        if self.deferred and (timeout is None or timeout > 0):
            deferred, self.deferred = self.deferred, []
            for callback in deferred:
                callback()
            timeout = 0  # what they made ready runs before any waiting
        return super().select(timeout)


_selectors: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Selector] = (
    weakref.WeakKeyDictionary()
)


class DaemonExecutor(ThreadPoolExecutor):
    """Runs each blocking call of the loop (``getaddrinfo``, the keychain) on a daemon thread
    of its own.

    asyncio wants its default executor to be a ``ThreadPoolExecutor``, but that pool's threads
    are joined when Python exits: one call stuck on a slow resolver or a keychain prompt would
    keep the program running after its answer was printed or its window closed, and a small
    pool would let a few slow lookups starve every other connection. These threads hold the
    program's exit for ``BLOCKING_CALL_GRACE_SECONDS`` at most (``wind_down``). Every call
    starts at once (a slow lookup holds up no other), so nothing is ever queued: ``shutdown``
    has nothing to cancel, and waits for nothing.
    """

    _numbers = itertools.count(1)

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        future: Future[T] = Future()
        # A name lookup holds nothing of OpenSSL's, so the program's end never waits for one:
        # a slow DNS answer nobody needs any more would otherwise hold every exit a second.
        waited = fn not in (socket.getaddrinfo, socket.getnameinfo)
        call = partial(_call, future, partial(fn, *args, **kwargs), waited=waited)
        start_thread(call, name=f"engine-blocking-{next(self._numbers)}")
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Nothing to do: no call waits in a queue, and running ones are left to the OS."""
        del wait, cancel_futures


def _call(future: Future[T], call: Callable[[], T], *, waited: bool) -> None:
    if not future.set_running_or_notify_cancel():
        return
    if waited:
        _blocking_calls.add(threading.current_thread())
    try:
        result = call()
    except BaseException as error:  # whatever it is, the awaiting coroutine gets it, as from a pool
        future.set_exception(error)
    else:
        future.set_result(result)
    finally:
        _blocking_calls.discard(threading.current_thread())


def run(coro: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run`` with the engine's loop; Ctrl-C cancels the coroutine cleanly."""
    with asyncio.Runner(loop_factory=new_event_loop) as runner:
        return runner.run(coro)


def in_background(coro: Coroutine[Any, Any, T]) -> Future[T]:
    """Run ``coro`` to its end on a thread with an engine loop of its own, while the caller
    goes on; the future holds its result or error. (The command line finds the incoming server
    this way while it sends the test message.) If the program ends first, ``wind_down`` cancels
    it and waits for its thread."""
    background = _Background(coro)
    start_thread(background.work, name="engine-background", stop=background.stop)
    return background.future


class _Background(Generic[T]):
    """One coroutine on a loop of its own, which another thread can cancel."""

    def __init__(self, coro: Coroutine[Any, Any, T]) -> None:
        self.future: Future[T] = Future()
        self._coro = coro
        self._lock = threading.Lock()
        self._stopped = False
        self._task: asyncio.Task[Any] | None = None

    def work(self) -> None:
        try:
            if self.future.set_running_or_notify_cancel():
                try:
                    self.future.set_result(run(self._tracked()))
                except BaseException as error:  # whatever it is, the caller gets it
                    self.future.set_exception(error)
        finally:
            done_with_exit()

    async def _tracked(self) -> T:
        with self._lock:
            stopped = self._stopped
            self._task = asyncio.current_task()
        if stopped:
            self._coro.close()
            raise asyncio.CancelledError
        return await self._coro

    def stop(self) -> None:
        """Cancel the coroutine (from any thread), whether or not it has begun."""
        with self._lock:
            self._stopped = True
            task = self._task
        if task is not None:
            with contextlib.suppress(RuntimeError):  # its loop has closed: it has ended
                task.get_loop().call_soon_threadsafe(task.cancel)
