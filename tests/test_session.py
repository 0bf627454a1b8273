"""The steps of an SMTP conversation that the probe, the test send and the report share
(``wizard.smtp.session``), where the Python under them misbehaves."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import aiosmtplib
import pytest

from tests.lab.smtp_server import SmtpBehaviour
from tests.smtp_fixtures import HOST
from wizard.model import Security
from wizard.net.tls import client_context
from wizard.smtp.session import Connection, greet, hang_up, open_socket

if TYPE_CHECKING:
    from tests.smtp_fixtures import StartServer


async def test_hanging_up_a_tls_connection_closed_twice_already(start_server: StartServer) -> None:
    """Python 3.11.2 (Debian 12's, what users run) forgets a TLS transport's SSL protocol when
    the transport is closed a second time, as asyncio itself does when a handshake fails, and
    its ``abort()`` then raises AttributeError. Hanging up must still work, and the server must
    see the connection end."""
    server = await start_server(SmtpBehaviour(security=Security.SSL))
    smtp = aiosmtplib.SMTP(
        hostname=HOST, use_tls=True, start_tls=False, tls_context=client_context(), timeout=None
    )
    await greet(smtp, await open_socket(HOST, server.port, 2.0), Security.SSL, None, 2.0)
    transport = smtp.transport
    assert isinstance(transport, asyncio.WriteTransport)
    transport.close()
    transport.close()

    hang_up(smtp)

    assert smtp.transport is None
    async with asyncio.timeout(2):
        await server.wait_until(lambda: server.open_connections == 0)


async def test_a_greeting_wait_cancelled_drops_the_connection_at_once(
    start_server: StartServer,
) -> None:
    """Detection cancels the checks it no longer needs, often while a server is still to
    greet. The connection must end there and then, not wait for a TLS goodbye (close_notify)
    that a stalled server may never send: the socket used to outlive the check, and often the
    detection itself."""
    server = await start_server(SmtpBehaviour(security=Security.SSL, greeting_delay=60))
    smtp = Connection(
        hostname=HOST, use_tls=True, start_tls=False, tls_context=client_context(), timeout=None
    )
    sock = await open_socket(HOST, server.port, 2.0)
    greeting = asyncio.create_task(greet(smtp, sock, Security.SSL, None, 60.0))
    await server.wait_until(lambda: server.open_connections == 1)

    greeting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await greeting
    hang_up(smtp)

    assert sock.fileno() == -1
