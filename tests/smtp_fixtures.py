"""Scripted lab SMTP servers on loopback, started by the test itself, and the trust they need.

A pytest plugin (registered in ``conftest.py``) for the engine's own tests of probing and
sending, which need a server of a given behaviour on a free port, not the whole lab: no DNS,
no namespace, the name ``HOST`` resolved through ``/etc/hosts``.
"""

from __future__ import annotations

import hashlib
import ssl
from typing import TYPE_CHECKING

import aiosmtplib
import pytest

from tests.lab.certs import LabCA
from tests.lab.smtp_server import LabSmtpServer, SmtpBehaviour
from wizard.model import Security

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable
    from pathlib import Path

    StartServer = Callable[[SmtpBehaviour], Awaitable[LabSmtpServer]]

HOST = "localhost"  # /etc/hosts: 127.0.0.1, no DNS involved; the servers' certificates name it


@pytest.fixture(scope="session")
def smtp_ca(tmp_path_factory: pytest.TempPathFactory) -> LabCA:
    """The CA that signs the certificates of the servers ``start_server`` starts."""
    return LabCA(tmp_path_factory.mktemp("smtp-ca"))


@pytest.fixture
def trust_smtp_ca(smtp_ca: LabCA, trust_only: Callable[[Path], None]) -> LabCA:
    """``smtp_ca`` is this machine's only trusted root for the test."""
    trust_only(smtp_ca.ca_pem)
    return smtp_ca


@pytest.fixture
async def start_server(trust_smtp_ca: LabCA) -> AsyncIterator[StartServer]:
    """Starts lab SMTP servers of a given behaviour on 127.0.0.1, each on a port of its own
    (``server.port``), trusted through ``trust_smtp_ca``; all are stopped after the test."""
    servers: list[LabSmtpServer] = []

    async def start(behaviour: SmtpBehaviour) -> LabSmtpServer:
        server = LabSmtpServer("127.0.0.1", 0, HOST, behaviour, trust_smtp_ca)
        await server.start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        await server.stop()


async def presented_fingerprint(server: LabSmtpServer) -> str:
    """The SHA-256 of the certificate ``server`` presents, fetched by a separate client that
    verifies nothing, in the colon-separated upper-case hex the engine reports."""
    look_only = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    look_only.check_hostname = False
    look_only.verify_mode = ssl.CERT_NONE
    implicit = server.behaviour.security is Security.SSL
    async with aiosmtplib.SMTP(
        hostname=HOST,
        port=server.port,
        use_tls=implicit,
        start_tls=not implicit,
        tls_context=look_only,
        local_hostname="test.invalid",
    ) as smtp:
        der = smtp.get_transport_info("ssl_object").getpeercert(binary_form=True)
    assert isinstance(der, bytes)
    return ":".join(f"{byte:02X}" for byte in hashlib.sha256(der).digest())
