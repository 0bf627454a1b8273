"""The loopback "simulated internet" the integration tests run against.

Everything runs inside the private network namespace that ``tests/lab/run-in-lab`` creates:
a DNS server that answers for every name, HTTP(S) and SMTP servers on 127.x.y.z addresses, and
an nftables blackhole. ``world.Lab`` puts them together.

This module holds the one piece of plumbing the TCP servers share.
"""

from __future__ import annotations

import asyncio
import socket
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

    It accepts connections itself rather than through ``asyncio.start_server``: there, a client
    accepted just as the server closes is left to a task that has not yet run, which 3.11 then
    cannot attach to the closed server, so the socket is dropped unclosed (and a connection task
    not yet running escapes ``stop()``). Here each accepted socket gets its task in the same
    callback that accepts it, and ``stop()`` closes the sockets of tasks that never began.
    """

    def __init__(
        self,
        handler: Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]],
    ) -> None:
        self._handler = handler
        self._listener: socket.socket | None = None
        self._connections: set[asyncio.Task[None]] = set()
        self._unclaimed: set[socket.socket] = set()  # accepted; their task has not yet begun

    async def start(self, ip: str, port: int) -> None:
        listener = socket.create_server((ip, port), backlog=100)
        listener.setblocking(False)
        asyncio.get_running_loop().add_reader(listener, self._accept)
        self._listener = listener

    async def stop(self) -> None:
        if self._listener is None:
            return
        asyncio.get_running_loop().remove_reader(self._listener)
        self._listener.close()
        self._listener = None
        for task in self._connections:
            task.cancel()
        await asyncio.gather(*self._connections, return_exceptions=True)
        for connection in self._unclaimed:
            connection.close()
        self._unclaimed.clear()

    def _accept(self) -> None:
        assert self._listener is not None
        while True:
            try:
                connection, _ = self._listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except ConnectionAbortedError:
                continue  # the client gave up while it waited to be accepted
            connection.setblocking(False)
            self._unclaimed.add(connection)
            task = asyncio.get_running_loop().create_task(self._serve(connection))
            self._connections.add(task)
            task.add_done_callback(self._connections.discard)

    async def _serve(self, connection: socket.socket) -> None:
        self._unclaimed.discard(connection)  # this task closes it from here on
        writers: list[asyncio.StreamWriter] = []
        reader = asyncio.StreamReader()
        # A client_connected_cb makes the streams server-side (start_tls needs that). Cancelled
        # while connecting, connect_accepted_socket closes the transport and so the socket.
        await asyncio.get_running_loop().connect_accepted_socket(
            lambda: asyncio.StreamReaderProtocol(reader, lambda _, w: writers.append(w)),
            connection,
        )
        (writer,) = writers
        try:
            await self._handler(reader, writer)
        except (*PEER_ERRORS, asyncio.CancelledError):
            # Cancelled means stop() ended the connection: for this task that is a normal end.
            pass
        except Exception as error:  # a lab bug: report it, the Lab fails the running test
            asyncio.get_running_loop().call_exception_handler(
                {"message": "lab connection handler failed", "exception": error}
            )
        finally:
            writer.close()
