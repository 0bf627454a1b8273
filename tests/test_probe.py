"""``probe_smtp`` against real lab SMTP servers on loopback, one per way a server can be.

The engine trusts exactly the lab CA here (``SSL_CERT_FILE`` and an empty ``SSL_CERT_DIR``),
as a user's machine trusts its OS store. Blackholed addresses need the lab's network namespace
and are tested there; the connect timeout here comes from a listener whose queue is full.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from typing import TYPE_CHECKING

import pytest

from tests.lab.certs import WRONG_HOST, CertKind, LabCA
from tests.lab.smtp_server import LabSmtpServer, SmtpBehaviour
from tests.smtp_fixtures import HOST, presented_fingerprint
from wizard.model import Certificate, CertProblem, ProbeFailure, Security
from wizard.smtp.probe import ProbeTimeouts, probe_smtp

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
    from pathlib import Path

    from tests.smtp_fixtures import StartServer

    Talk = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]

pytestmark = pytest.mark.usefixtures("trust_smtp_ca")  # for every test, server or not

TIMEOUTS = ProbeTimeouts(connect=2.0, greeting=2.0, command=2.0)
SHORT = ProbeTimeouts(connect=0.3, greeting=0.3, command=0.3)  # for the deadlines that run out
ACCOUNTS = {"alice@example.org": "correct horse battery staple"}
TLS_MODES = [Security.SSL, Security.STARTTLS]


async def until_client_hangs_up(server: LabSmtpServer) -> None:
    """The probe must close its socket itself, not leave that to the server's ``stop()``."""
    async with asyncio.timeout(2):
        await server.wait_until(lambda: server.open_connections == 0)


@contextlib.asynccontextmanager
async def raw_service(talk: Talk) -> AsyncIterator[int]:
    """A TCP service that is not SMTP, on a loopback port (yielded). On exit it waits for the
    client to have hung up, which the prober must do by itself."""
    finished = asyncio.Event()

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await talk(reader, writer)
        except ConnectionError:
            pass
        finally:
            writer.close()
            finished.set()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    async with server:
        yield server.sockets[0].getsockname()[1]
        async with asyncio.timeout(2):
            await finished.wait()


@pytest.mark.parametrize("security", TLS_MODES)
async def test_trusted_tls_server_is_verified_with_its_auth_mechanisms(
    start_server: StartServer, security: Security
) -> None:
    server = await start_server(SmtpBehaviour(security=security, accounts=ACCOUNTS))

    result = await probe_smtp(HOST, server.port, security, timeouts=TIMEOUTS)

    assert result.failure is None
    assert result.verified
    assert result.auth_mechanisms == ("LOGIN", "PLAIN")
    assert result.greeting is not None
    assert result.greeting.startswith(HOST)
    assert (server.sessions, server.auth_attempts, server.received) == (1, [], [])
    assert result.certificate == Certificate(
        sha256=await presented_fingerprint(server), verified=True
    )


async def test_plain_server_needs_no_certificate(start_server: StartServer) -> None:
    server = await start_server(
        SmtpBehaviour(security=Security.NONE, accounts=ACCOUNTS, auth_before_tls=True)
    )

    result = await probe_smtp(HOST, server.port, Security.NONE, timeouts=TIMEOUTS)

    assert result.failure is None
    assert result.verified
    assert result.certificate is None
    assert result.auth_mechanisms == ("LOGIN", "PLAIN")


async def test_server_without_accounts_offers_no_auth(start_server: StartServer) -> None:
    server = await start_server(SmtpBehaviour(security=Security.STARTTLS))

    result = await probe_smtp(HOST, server.port, Security.STARTTLS, timeouts=TIMEOUTS)

    assert result.verified
    assert result.auth_mechanisms == ()


async def test_starttls_expected_but_not_offered(start_server: StartServer) -> None:
    server = await start_server(
        SmtpBehaviour(security=Security.NONE, accounts=ACCOUNTS, auth_before_tls=True)
    )

    result = await probe_smtp(HOST, server.port, Security.STARTTLS, timeouts=TIMEOUTS)

    assert result.failure is ProbeFailure.NO_STARTTLS
    assert not result.reachable
    assert result.auth_mechanisms == ("LOGIN", "PLAIN")  # seen in the clear, still reported
    assert result.certificate is None


CERT_PROBLEMS = [
    (CertKind.EXPIRED, CertProblem.EXPIRED),
    (CertKind.NOT_YET_VALID, CertProblem.NOT_YET_VALID),
    (CertKind.WRONG_HOST, CertProblem.WRONG_HOST),
    (CertKind.UNKNOWN_ISSUER, CertProblem.UNKNOWN_ISSUER),
    (CertKind.SELF_SIGNED, CertProblem.SELF_SIGNED),
]


@pytest.mark.parametrize("security", TLS_MODES)
@pytest.mark.parametrize(("kind", "problem"), CERT_PROBLEMS, ids=[k for k, _ in CERT_PROBLEMS])
async def test_untrusted_certificate_is_reachable_but_not_verified(
    start_server: StartServer, security: Security, kind: CertKind, problem: CertProblem
) -> None:
    server = await start_server(SmtpBehaviour(security=security, cert=kind, accounts=ACCOUNTS))

    result = await probe_smtp(HOST, server.port, security, timeouts=TIMEOUTS)

    assert result.reachable
    assert not result.verified
    assert result.certificate is not None
    assert result.certificate.verified is False
    assert result.certificate.problem is problem
    assert result.certificate.detail
    # Read for the user (``wizard.net.certificates``): whom it was issued to.
    assert result.certificate.names == ((WRONG_HOST,) if kind is CertKind.WRONG_HOST else (HOST,))
    assert result.auth_mechanisms == ("LOGIN", "PLAIN")  # learned on the second, look-only visit
    assert (server.sessions, server.auth_attempts) == (2, [])
    assert result.certificate.sha256 == await presented_fingerprint(server)


async def test_trust_follows_the_environment_between_probes(
    start_server: StartServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = await start_server(SmtpBehaviour(security=Security.SSL))
    trusted = await probe_smtp(HOST, server.port, Security.SSL, timeouts=TIMEOUTS)

    monkeypatch.setenv("SSL_CERT_FILE", str(LabCA(tmp_path).ca_pem))  # another, unrelated CA
    untrusted = await probe_smtp(HOST, server.port, Security.SSL, timeouts=TIMEOUTS)

    assert trusted.certificate is not None
    assert trusted.certificate.verified
    assert trusted.certificate.names == ()  # a trusted certificate is not read: no need
    assert untrusted.certificate is not None
    assert (untrusted.certificate.verified, untrusted.certificate.problem) == (
        False,
        CertProblem.UNKNOWN_ISSUER,
    )
    assert untrusted.certificate.sha256 == trusted.certificate.sha256


async def test_refused_port() -> None:
    with socket.socket() as bound_not_listening:
        bound_not_listening.bind(("127.0.0.1", 0))
        port = bound_not_listening.getsockname()[1]

        result = await probe_smtp(HOST, port, Security.SSL, timeouts=TIMEOUTS)

    assert result.failure is ProbeFailure.REFUSED
    assert result.certificate is None


async def test_name_that_does_not_resolve() -> None:
    # glibc refuses a leading hyphen itself; a name it would ask DNS about (NXDOMAIN from a
    # real server) is the lab's test, inside its namespace: no packet may leave loopback.
    result = await probe_smtp("-no-such-host.invalid", 465, Security.SSL, timeouts=TIMEOUTS)

    assert result.failure is ProbeFailure.NO_SUCH_HOST


@pytest.fixture
def full_listener() -> Iterator[int]:
    """A port whose accept queue is full, so the kernel drops new connection attempts."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    fillers: list[socket.socket] = []
    try:
        while len(fillers) < 16:
            filler = socket.socket()
            fillers.append(filler)
            filler.settimeout(0.2)
            try:
                filler.connect(listener.getsockname())
            except TimeoutError:
                break  # this attempt was dropped: the queue is full
        else:
            pytest.fail("the accept queue never filled up")
        yield listener.getsockname()[1]
    finally:
        for filler in fillers:
            filler.close()
        listener.close()


async def test_connect_timeout(full_listener: int) -> None:
    result = await probe_smtp(HOST, full_listener, Security.STARTTLS, timeouts=SHORT)

    assert result.failure is ProbeFailure.CONNECT_TIMEOUT


@pytest.mark.parametrize("security", [Security.SSL, Security.STARTTLS, Security.NONE])
async def test_silent_server_gives_no_greeting(
    start_server: StartServer, security: Security
) -> None:
    server = await start_server(SmtpBehaviour(silent=True))

    result = await probe_smtp(HOST, server.port, security, timeouts=SHORT)

    assert result.failure is ProbeFailure.NO_GREETING
    assert server.sessions == 1
    assert result.elapsed_ms >= 290  # it did wait for the greeting deadline
    await until_client_hangs_up(server)


async def test_greeting_slower_than_the_deadline(start_server: StartServer) -> None:
    server = await start_server(SmtpBehaviour(security=Security.SSL, greeting_delay=30))

    result = await probe_smtp(HOST, server.port, Security.SSL, timeouts=SHORT)

    assert result.failure is ProbeFailure.NO_GREETING
    await until_client_hangs_up(server)


@pytest.mark.parametrize(
    ("greeting", "failure"),
    [
        ((554, "5.7.1 No SMTP service here"), ProbeFailure.NOT_SMTP),
        ((421, "4.3.2 Too busy, try later"), ProbeFailure.CLOSED),
    ],
)
async def test_refusing_greeting(
    start_server: StartServer, greeting: tuple[int, str], failure: ProbeFailure
) -> None:
    server = await start_server(SmtpBehaviour(security=Security.NONE, greeting_reply=greeting))

    result = await probe_smtp(HOST, server.port, Security.NONE, timeouts=TIMEOUTS)

    assert result.failure is failure
    assert result.detail == f"{greeting[0]} {greeting[1]}"


async def test_service_that_is_not_smtp() -> None:
    async def ssh(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n")
        await reader.read()

    async with raw_service(ssh) as port:
        result = await probe_smtp(HOST, port, Security.NONE, timeouts=TIMEOUTS)

    assert result.failure is ProbeFailure.NOT_SMTP


async def test_trickling_server_cannot_stretch_the_greeting_deadline() -> None:
    async def trickle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while not reader.at_eof():  # an endless multi-line greeting, one line at a time
            writer.write(b"220-still saying hello\r\n")
            await writer.drain()
            await asyncio.sleep(0.02)

    async with raw_service(trickle) as port:
        result = await probe_smtp(HOST, port, Security.NONE, timeouts=SHORT)

    assert result.failure is ProbeFailure.NO_GREETING


async def test_implicit_tls_against_a_plain_port(start_server: StartServer) -> None:
    server = await start_server(SmtpBehaviour(security=Security.NONE))

    result = await probe_smtp(HOST, server.port, Security.SSL, timeouts=TIMEOUTS)

    assert result.failure is ProbeFailure.TLS_FAILED
    assert result.certificate is None


async def test_server_hanging_up_after_ehlo(start_server: StartServer) -> None:
    server = await start_server(SmtpBehaviour(security=Security.STARTTLS, close_after="EHLO"))

    result = await probe_smtp(HOST, server.port, Security.STARTTLS, timeouts=TIMEOUTS)

    assert result.failure is ProbeFailure.CLOSED
    assert result.greeting is not None


@pytest.mark.parametrize("security", TLS_MODES)
async def test_server_that_stops_answering_ehlo(
    start_server: StartServer, security: Security
) -> None:
    server = await start_server(SmtpBehaviour(security=security, stall_after="EHLO"))

    result = await probe_smtp(HOST, server.port, security, timeouts=SHORT)

    assert result.failure is ProbeFailure.CLOSED
    assert result.greeting is not None
    await until_client_hangs_up(server)


@pytest.mark.parametrize(
    "behaviour",
    [
        SmtpBehaviour(security=Security.STARTTLS, silent=True),
        SmtpBehaviour(security=Security.SSL, greeting_delay=30),  # waiting inside TLS
    ],
    ids=["plain", "tls"],
)
async def test_cancelling_mid_greeting_closes_the_connection(
    start_server: StartServer, behaviour: SmtpBehaviour
) -> None:
    server = await start_server(behaviour)
    probe = asyncio.create_task(
        probe_smtp(HOST, server.port, behaviour.security, timeouts=TIMEOUTS)
    )
    await server.wait_until(lambda: server.open_connections == 1)

    probe.cancel()

    with pytest.raises(asyncio.CancelledError):
        await probe
    await until_client_hangs_up(server)
