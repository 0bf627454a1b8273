"""Running the engine's coroutines from synchronous code (the CLI, the GUI's worker thread)."""

from __future__ import annotations

import asyncio
import itertools
import threading
from collections.abc import Callable, Coroutine
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from typing import Any, ParamSpec, TypeVar

T = TypeVar("T")
P = ParamSpec("P")


def new_event_loop() -> asyncio.AbstractEventLoop:
    """An event loop set up for the engine: blocking calls never queue and never hold exit."""
    loop = asyncio.new_event_loop()
    loop.set_default_executor(DaemonExecutor())
    return loop


class DaemonExecutor(ThreadPoolExecutor):
    """Runs each blocking call of the loop (``getaddrinfo``, the keychain) on a daemon thread
    of its own.

    asyncio wants its default executor to be a ``ThreadPoolExecutor``, but that pool's threads
    are joined when Python exits: one call stuck on a slow resolver or a keychain prompt would
    keep the program running after its answer was printed or its window closed, and a small
    pool would let a few slow lookups starve every other connection. These threads never
    hold the process. Every call starts at once (a slow lookup holds up no other), so nothing
    is ever queued: ``shutdown`` has nothing to cancel, and waits for nothing.
    """

    _numbers = itertools.count(1)

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        future: Future[T] = Future()
        threading.Thread(
            target=_call,
            args=(future, partial(fn, *args, **kwargs)),
            name=f"engine-blocking-{next(self._numbers)}",
            daemon=True,
        ).start()
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Nothing to do: no call waits in a queue, and running ones are left to the OS."""
        del wait, cancel_futures


def _call(future: Future[T], call: Callable[[], T]) -> None:
    if not future.set_running_or_notify_cancel():
        return
    try:
        result = call()
    except BaseException as error:  # whatever it is, the awaiting coroutine gets it, as from a pool
        future.set_exception(error)
    else:
        future.set_result(result)


def run(coro: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run`` with the engine's loop; Ctrl-C cancels the coroutine cleanly."""
    with asyncio.Runner(loop_factory=new_event_loop) as runner:
        return runner.run(coro)


def in_background(coro: Coroutine[Any, Any, T]) -> Future[T]:
    """Run ``coro`` to its end on a daemon thread with an engine loop of its own, while the
    caller goes on; the future holds its result or error. (The command line finds the
    incoming server this way while it sends the test message.)"""
    future: Future[T] = Future()

    def work() -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            future.set_result(run(coro))
        except BaseException as error:  # whatever it is, the caller gets it from the future
            future.set_exception(error)

    threading.Thread(target=work, name="engine-background", daemon=True).start()
    return future
