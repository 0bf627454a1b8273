"""Running the engine's coroutines from synchronous code (the CLI, the GUI's worker thread)."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")

# Name lookups through the system resolver (getaddrinfo) block a worker thread each. Python's
# default pool has only cores+4 threads, so a handful of slow lookups could starve every other
# connection; a larger pool keeps one slow name from stalling the rest.
RESOLVER_THREADS = 32


def new_event_loop() -> asyncio.AbstractEventLoop:
    """An event loop set up for the engine."""
    loop = asyncio.new_event_loop()
    loop.set_default_executor(
        ThreadPoolExecutor(max_workers=RESOLVER_THREADS, thread_name_prefix="resolver")
    )
    return loop


def run(coro: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run`` with the engine's loop; Ctrl-C cancels the coroutine cleanly."""
    with asyncio.Runner(loop_factory=new_event_loop) as runner:
        return runner.run(coro)
