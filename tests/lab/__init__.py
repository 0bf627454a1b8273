"""The loopback "simulated internet" the integration tests run against.

Everything runs inside the private network namespace that ``tests/lab/run-in-lab`` creates:
a DNS server that answers for every name, HTTP(S) and SMTP servers on 127.x.y.z addresses, and
an nftables blackhole. ``world.Lab`` puts them together.

This module holds the one piece of plumbing the TCP servers share.
"""

from __future__ import annotations

import asyncio
import ssl
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

# What a peer can do to a connection; none of it is a lab bug.
PEER_ERRORS = (
    ConnectionError,
    asyncio.IncompleteReadError,
    asyncio.LimitOverrunError,
    ssl.SSLError,
)


class StreamService:
    """An asyncio stream server that keeps hold of its connections.

    On Python 3.11 ``Server.close()`` only stops listening: open connections (a client parked on
    a "hang forever" route, a half-done TLS handshake) would outlive the test and leak sockets.
    This class tracks every connection task so that ``stop()`` ends them all.
    """

    def __init__(
        self,
        handler: Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]],
    ) -> None:
        self._handler = handler
        self._server: asyncio.Server | None = None
        self._connections: set[asyncio.Task[None]] = set()

    async def start(self, ip: str, port: int) -> None:
        self._server = await asyncio.start_server(self._serve, ip, port)

    async def stop(self) -> None:
        if self._server is None:
            return
        self._server.close()
        for task in self._connections:
            task.cancel()
        await asyncio.gather(*self._connections, return_exceptions=True)
        await self._server.wait_closed()
        self._server = None

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._connections.add(task)
        try:
            await self._handler(reader, writer)
        except (*PEER_ERRORS, asyncio.CancelledError):
            # Cancelled means stop() ended the connection: for this task that is a normal end
            # (and 3.11's streams report a cancelled connection task as an error).
            pass
        except Exception as error:  # a lab bug: report it, the Lab fails the running test
            asyncio.get_running_loop().call_exception_handler(
                {"message": "lab connection handler failed", "exception": error}
            )
        finally:
            self._connections.discard(task)
            writer.close()
