"""The steps of an SMTP conversation that the probe, the test send and the report share
(``wizard.smtp.session``), where the Python under them misbehaves."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import aiosmtplib

from tests.lab.smtp_server import SmtpBehaviour
from tests.smtp_fixtures import HOST
from wizard.model import Security
from wizard.net.tls import client_context
from wizard.smtp.session import greet, hang_up, open_socket

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
