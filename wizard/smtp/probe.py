"""A short, bounded conversation with an SMTP server: does it answer, with the security it
was said to have, which AUTH mechanisms it offers and which certificate it shows.

The probe never logs in and never sends a password. Each phase has its own deadline (connect,
greeting, every command), measured over the whole phase, so a server that trickles one byte at
a time cannot stretch it; cancelling the calling task stops it at once and closes the socket.

aiosmtplib speaks the protocol. The TCP connection is opened here, not by aiosmtplib, because
aiosmtplib gives connecting and waiting for the greeting one shared timeout, and "nobody
answers" (a firewall) must be told apart from "connected, but the server never said hello".
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import aiosmtplib

from wizard.model import Certificate, ProbeFailure, ProbeResult, Security
from wizard.net.tls import (
    classify_verification_error,
    client_context,
    sha256_fingerprint,
    unverified_context,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

# Waiting for the answer to QUIT is courtesy; it must not hold up a finished result.
_QUIT_GRACE = 1.0
# RFC 5321 421: the server is closing the connection (overloaded, shutting down).
_CLOSING = 421


@dataclass(frozen=True)
class ProbeTimeouts:
    """Deadlines in seconds for each phase of a probe."""

    connect: float = 4.0  # name resolution and TCP connect
    greeting: float = 5.0  # from connected to the 220 greeting (including implicit TLS)
    command: float = 5.0  # each command and its reply (EHLO, STARTTLS and its handshake)


class _Failed(Exception):
    """The conversation ended early, for a reason the user is shown."""

    def __init__(self, failure: ProbeFailure, detail: str) -> None:
        super().__init__(f"{failure.value}: {detail}")
        self.failure = failure
        self.detail = detail


@dataclass
class _Findings:
    """What one conversation learned, filled in as it goes so a failure keeps the rest."""

    greeting: str | None = None
    auth_mechanisms: tuple[str, ...] = ()
    fingerprint: str | None = None
    failure: ProbeFailure | None = None
    detail: str | None = None


async def probe_smtp(
    host: str,
    port: int,
    security: Security,
    *,
    timeouts: ProbeTimeouts = ProbeTimeouts(),
    local_hostname: str | None = None,
) -> ProbeResult:
    """Talk to ``host:port`` as far as AUTH would begin, then say goodbye.

    A certificate the OS does not trust does not make the server unreachable: the result is
    reachable, with ``certificate.verified`` false and the reason, so the user can decide.
    ``local_hostname`` is the EHLO argument; by default the connection's own address literal
    (``[192.0.2.1]``), which reveals nothing about the machine and needs no DNS lookup.
    """
    started = time.monotonic()
    conversation = _Conversation(host, port, security, timeouts, local_hostname)
    rejection: ssl.SSLCertVerificationError | None = None
    try:
        findings = await conversation.run(client_context())
    except ssl.SSLCertVerificationError as err:
        rejection = err
        # Once more without verification, only to show the user what was presented.
        findings = await conversation.run(unverified_context())
    return ProbeResult(
        host=host,
        port=port,
        security=security,
        failure=findings.failure,
        detail=findings.detail,
        greeting=findings.greeting,
        auth_mechanisms=findings.auth_mechanisms,
        certificate=_certificate(findings.fingerprint, rejection),
        elapsed_ms=round((time.monotonic() - started) * 1000),
    )


def _certificate(
    fingerprint: str | None, rejection: ssl.SSLCertVerificationError | None
) -> Certificate | None:
    if fingerprint is None:
        return None
    if rejection is None:
        return Certificate(sha256=fingerprint, verified=True)
    return Certificate(
        sha256=fingerprint,
        verified=False,
        problem=classify_verification_error(rejection),
        detail=getattr(rejection, "verify_message", None) or str(rejection),
    )


@dataclass(frozen=True)
class _Conversation:
    host: str
    port: int
    security: Security
    timeouts: ProbeTimeouts
    local_hostname: str | None

    async def run(self, tls_context: ssl.SSLContext) -> _Findings:
        """One connection. A rejected certificate escapes as ``SSLCertVerificationError``."""
        findings = _Findings()
        try:
            await self._talk(tls_context, findings)
        except _Failed as failed:
            findings.failure = failed.failure
            findings.detail = failed.detail
        return findings

    async def _talk(self, tls_context: ssl.SSLContext, findings: _Findings) -> None:
        # Built before the socket exists, so a bad ``local_hostname`` cannot leak one.
        smtp = aiosmtplib.SMTP(
            hostname=self.host,
            use_tls=self.security is Security.SSL,
            start_tls=False,  # upgraded below, explicitly, so "not offered" is seen
            tls_context=tls_context,
            local_hostname=self.local_hostname,
            timeout=None,  # every deadline is enforced here, per phase
        )
        sock = await _open_socket(self.host, self.port, self.timeouts.connect)
        try:
            findings.greeting = await _greet(
                smtp, sock, self.security, self.local_hostname, self.timeouts.greeting
            )
            findings.fingerprint = _peer_fingerprint(smtp)
            findings.auth_mechanisms = await _ehlo(smtp, self.timeouts.command)
            if self.security is Security.STARTTLS:
                if not smtp.supports_extension("starttls"):
                    await _quit(smtp)
                    raise _Failed(ProbeFailure.NO_STARTTLS, "STARTTLS is not offered")
                await _starttls(smtp, self.host, tls_context, self.timeouts.command)
                findings.fingerprint = _peer_fingerprint(smtp)
                findings.auth_mechanisms = await _ehlo(smtp, self.timeouts.command)
            await _quit(smtp)
        finally:
            _hang_up(smtp)


async def _open_socket(host: str, port: int, seconds: float) -> socket.socket:
    """A connected socket to the first address of ``host`` that accepts, within ``seconds``."""
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(seconds):
            addresses = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            return await _connect_first(loop, addresses)
    except TimeoutError as err:
        raise _Failed(ProbeFailure.CONNECT_TIMEOUT, f"no answer within {seconds:g} s") from err
    except socket.gaierror as err:
        raise _Failed(ProbeFailure.NO_SUCH_HOST, err.strerror or str(err)) from err
    except UnicodeError as err:  # a label too long or empty: no DNS name can match it
        raise _Failed(ProbeFailure.NO_SUCH_HOST, str(err)) from err
    except ConnectionRefusedError as err:
        raise _Failed(ProbeFailure.REFUSED, err.strerror or str(err)) from err
    except OSError as err:  # unreachable host or network: as good as no answer
        raise _Failed(ProbeFailure.CONNECT_TIMEOUT, err.strerror or str(err)) from err


async def _connect_first(
    loop: asyncio.AbstractEventLoop,
    addresses: Sequence[tuple[socket.AddressFamily, socket.SocketKind, int, str, tuple[Any, ...]]],
) -> socket.socket:
    last_error: OSError = OSError(f"no address for {addresses!r}")
    for family, kind, proto, _, address in addresses:
        sock = socket.socket(family, kind, proto)
        try:
            sock.setblocking(False)
            await loop.sock_connect(sock, address)
        except OSError as err:
            sock.close()
            last_error = err
        except BaseException:
            sock.close()
            raise
        else:
            return sock
    raise last_error


async def _greet(
    smtp: aiosmtplib.SMTP,
    sock: socket.socket,
    security: Security,
    local_hostname: str | None,
    seconds: float,
) -> str:
    """Hand the socket to aiosmtplib (which owns it from here) and read the 220 greeting."""
    try:
        async with asyncio.timeout(seconds):
            response = await smtp.connect(
                sock=sock, local_hostname=local_hostname or _address_literal(sock)
            )
    except TimeoutError as err:
        raise _Failed(ProbeFailure.NO_GREETING, f"no greeting within {seconds:g} s") from err
    except aiosmtplib.SMTPResponseException as err:  # a refusal, or bytes that are not SMTP
        failure = ProbeFailure.CLOSED if err.code == _CLOSING else ProbeFailure.NOT_SMTP
        raise _Failed(failure, _reply_text(err)) from err
    except aiosmtplib.SMTPConnectError as err:
        cause = err.__cause__
        if isinstance(cause, ssl.SSLCertVerificationError):
            raise cause from None
        if isinstance(cause, aiosmtplib.SMTPServerDisconnected) or security is not Security.SSL:
            raise _Failed(ProbeFailure.CLOSED, "the server hung up before greeting") from err
        raise _Failed(ProbeFailure.TLS_FAILED, str(cause or err)) from err
    return response.message


async def _ehlo(smtp: aiosmtplib.SMTP, seconds: float) -> tuple[str, ...]:
    """Send EHLO; the AUTH mechanisms offered, upper-case, in the server's order."""
    try:
        async with asyncio.timeout(seconds):
            await smtp.ehlo()
    except TimeoutError as err:
        raise _Failed(ProbeFailure.CLOSED, f"no answer to EHLO within {seconds:g} s") from err
    except aiosmtplib.SMTPServerDisconnected as err:
        raise _Failed(ProbeFailure.CLOSED, "the server hung up after EHLO") from err
    except aiosmtplib.SMTPResponseException as err:
        failure = ProbeFailure.CLOSED if err.code == _CLOSING else ProbeFailure.NOT_SMTP
        raise _Failed(failure, f"EHLO: {_reply_text(err)}") from err
    return tuple(dict.fromkeys(method.upper() for method in smtp.server_auth_methods))


async def _starttls(
    smtp: aiosmtplib.SMTP, host: str, tls_context: ssl.SSLContext, seconds: float
) -> None:
    """Upgrade the connection; a rejected certificate escapes as ``SSLCertVerificationError``."""
    try:
        async with asyncio.timeout(seconds):
            await smtp.starttls(server_hostname=host, tls_context=tls_context)
    except ssl.SSLCertVerificationError:
        raise
    except TimeoutError as err:
        raise _Failed(ProbeFailure.TLS_FAILED, f"STARTTLS took over {seconds:g} s") from err
    except aiosmtplib.SMTPResponseException as err:
        failure = ProbeFailure.CLOSED if err.code == _CLOSING else ProbeFailure.TLS_FAILED
        raise _Failed(failure, f"STARTTLS: {_reply_text(err)}") from err
    except (aiosmtplib.SMTPException, OSError) as err:
        raise _Failed(ProbeFailure.TLS_FAILED, str(err) or type(err).__name__) from err


async def _quit(smtp: aiosmtplib.SMTP) -> None:
    """Say goodbye, waiting briefly for the reply; whatever happens, the findings stand."""
    try:
        async with asyncio.timeout(_QUIT_GRACE):
            await smtp.execute_command(b"QUIT")
    except (TimeoutError, aiosmtplib.SMTPException, OSError):
        pass


def _hang_up(smtp: aiosmtplib.SMTP) -> None:
    """Drop the connection now, without TLS's close_notify exchange.

    A graceful TLS close waits up to 30 s for the server's answer, which a server that
    stalled or was just told QUIT may never send; the socket would outlive the probe.
    """
    transport = smtp.transport
    if isinstance(transport, asyncio.WriteTransport):
        transport.abort()
    smtp.close()


def _peer_fingerprint(smtp: aiosmtplib.SMTP) -> str | None:
    transport = smtp.transport
    ssl_object = transport.get_extra_info("ssl_object") if transport is not None else None
    if not isinstance(ssl_object, ssl.SSLObject):
        return None
    der = ssl_object.getpeercert(binary_form=True)
    return sha256_fingerprint(der) if der else None


def _address_literal(sock: socket.socket) -> str:
    """The RFC 5321 address literal of our end of the connection: ``[ip]`` or ``[IPv6:ip]``."""
    address = ipaddress.ip_address(str(sock.getsockname()[0]).split("%", 1)[0])
    return f"[IPv6:{address}]" if address.version == 6 else f"[{address}]"


def _reply_text(err: aiosmtplib.SMTPResponseException) -> str:
    return f"{err.code} {err.message}" if err.code > 0 else err.message
