"""Fetching documents: what a fetch leaves behind when detection cancels it.

Detection cancels fetches all the time (a better answer came, a deadline ran out). Whatever
the fetch was doing, its connection must be closed at once by the client, not left to the
garbage collector: the server must see it go, which is what these tests wait for.
"""

from __future__ import annotations

import asyncio
import gc
from typing import TYPE_CHECKING

import pytest

from tests.lab.smtp_server import SmtpBehaviour
from tests.smtp_fixtures import HOST
from wizard.model import Security
from wizard.net.http import fetch_document, new_client

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tests.smtp_fixtures import StartServer


@pytest.fixture
def no_garbage_collector() -> Iterator[None]:
    """A connection the client forgot is closed by the garbage collector when it runs: off
    for the test, so that only the client itself can close it."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


# The lab SMTP servers are simply TCP (or TLS) servers here. One that never says a word holds
# an HTTPS client inside its TLS handshake once it has heard the client's hello, and an HTTP
# client waiting for its answer once it has heard the request; an implicit-TLS one that delays
# its greeting holds an HTTPS client after the handshake (the connection counts as open then).
@pytest.mark.parametrize(
    ("scheme", "behaviour", "held"),
    [
        pytest.param("https", SmtpBehaviour(silent=True), "heard", id="https-in-the-tls-handshake"),
        pytest.param(
            "https",
            SmtpBehaviour(security=Security.SSL, greeting_delay=60),
            "open_connections",
            id="https-after-the-handshake",
        ),
        pytest.param("http", SmtpBehaviour(silent=True), "heard", id="http-waiting-for-the-answer"),
    ],
)
@pytest.mark.usefixtures("no_garbage_collector")
async def test_a_cancelled_fetch_closes_its_connection(
    start_server: StartServer, scheme: str, behaviour: SmtpBehaviour, held: str
) -> None:
    server = await start_server(behaviour)
    async with new_client() as client:
        fetch = asyncio.create_task(
            fetch_document(client, f"{scheme}://{HOST}:{server.port}/doc.xml", max_bytes=1000)
        )
        await server.wait_until(lambda: bool(getattr(server, held)))

        fetch.cancel()

        with pytest.raises(asyncio.CancelledError):
            await fetch
        async with asyncio.timeout(2):
            await server.wait_until(lambda: server.open_connections == 0)
