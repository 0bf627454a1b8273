"""The steps of an SMTP conversation that the probe and the test send share.

Each step has its own deadline over the whole step, so a server that trickles bytes cannot
stretch it. The TCP connection is opened here, not by aiosmtplib, because aiosmtplib gives
connecting and waiting for the greeting one shared timeout, and "nobody answers" (a firewall)
must be told apart from "connected, but the server never said hello".
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
from typing import TYPE_CHECKING, Any

import aiosmtplib

from wizard.model import ProbeFailure, Security
from wizard.net.certificates import Presented, presented_on
from wizard.smtp.phases import Milestones

if TYPE_CHECKING:
    from collections.abc import Sequence


# Waiting for the answer to QUIT is courtesy; it must not hold up a finished result.
QUIT_GRACE = 1.0
# Addresses of one host tried in turn: a name may resolve to a thousand, and each try that no
# one answers costs a connection attempt; real servers have one to a few.
ADDRESSES_TRIED = 4


# RFC 5321 421: the server is closing the connection (overloaded, shutting down).
CLOSING = 421


class SessionFailed(Exception):
    """The conversation ended early, for a reason the user is shown."""

    def __init__(self, failure: ProbeFailure, detail: str) -> None:
        super().__init__(f"{failure.value}: {detail}")
        self.failure = failure
        self.detail = detail


async def open_socket(
    host: str, port: int, seconds: float, milestones: Milestones | None = None
) -> socket.socket:
    """A connected socket to the first address of ``host`` that accepts, within ``seconds``."""
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(seconds):
            addresses = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            return await _connect_first(loop, addresses, milestones or Milestones())
    except TimeoutError as err:
        raise SessionFailed(
            ProbeFailure.CONNECT_TIMEOUT, f"no answer within {seconds:g} s"
        ) from err
    except socket.gaierror as err:
        raise SessionFailed(ProbeFailure.NO_SUCH_HOST, err.strerror or str(err)) from err
    except UnicodeError as err:  # a label too long or empty: no DNS name can match it
        raise SessionFailed(ProbeFailure.NO_SUCH_HOST, str(err)) from err
    except ConnectionRefusedError as err:
        raise SessionFailed(ProbeFailure.REFUSED, err.strerror or str(err)) from err
    except OSError as err:  # unreachable host or network: as good as no answer
        raise SessionFailed(ProbeFailure.CONNECT_TIMEOUT, err.strerror or str(err)) from err


async def _connect_first(
    loop: asyncio.AbstractEventLoop,
    addresses: Sequence[tuple[socket.AddressFamily, socket.SocketKind, int, str, tuple[Any, ...]]],
    milestones: Milestones,
) -> socket.socket:
    last_error: OSError = OSError(f"no address for {addresses!r}")
    for family, kind, proto, _, address in addresses[:ADDRESSES_TRIED]:
        sock = socket.socket(family, kind, proto)
        try:
            sock.setblocking(False)
            milestones.connecting(str(address[0]))
            await loop.sock_connect(sock, address)
        except OSError as err:
            sock.close()
            last_error = err
        except BaseException:
            sock.close()
            raise
        else:
            milestones.connected()
            return sock
    raise last_error


async def greet(
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
                sock=sock, local_hostname=local_hostname or address_literal(sock)
            )
    except TimeoutError as err:
        raise SessionFailed(ProbeFailure.NO_GREETING, f"no greeting within {seconds:g} s") from err
    except aiosmtplib.SMTPResponseException as err:  # a refusal, or bytes that are not SMTP
        failure = ProbeFailure.CLOSED if err.code == CLOSING else ProbeFailure.NOT_SMTP
        raise SessionFailed(failure, reply_text(err)) from err
    except aiosmtplib.SMTPConnectError as err:
        cause = err.__cause__
        if isinstance(cause, ssl.SSLCertVerificationError):
            raise cause from None
        if isinstance(cause, aiosmtplib.SMTPServerDisconnected) or security is not Security.SSL:
            raise SessionFailed(ProbeFailure.CLOSED, "the server hung up before greeting") from err
        raise SessionFailed(ProbeFailure.TLS_FAILED, str(cause or err)) from err
    return response.message


async def ehlo(smtp: aiosmtplib.SMTP, seconds: float) -> tuple[str, ...]:
    """Send EHLO; the AUTH mechanisms offered, upper-case, in the server's order."""
    try:
        async with asyncio.timeout(seconds):
            await smtp.ehlo()
    except TimeoutError as err:
        raise SessionFailed(ProbeFailure.CLOSED, f"no answer to EHLO within {seconds:g} s") from err
    except aiosmtplib.SMTPServerDisconnected as err:
        raise SessionFailed(ProbeFailure.CLOSED, "the server hung up after EHLO") from err
    except aiosmtplib.SMTPResponseException as err:
        failure = ProbeFailure.CLOSED if err.code == CLOSING else ProbeFailure.NOT_SMTP
        raise SessionFailed(failure, f"EHLO: {reply_text(err)}") from err
    return tuple(dict.fromkeys(method.upper() for method in smtp.server_auth_methods))


async def starttls(
    smtp: aiosmtplib.SMTP, host: str, tls_context: ssl.SSLContext, seconds: float
) -> None:
    """Upgrade the connection; a rejected certificate escapes as ``SSLCertVerificationError``."""
    try:
        async with asyncio.timeout(seconds):
            await smtp.starttls(server_hostname=host, tls_context=tls_context)
    except ssl.SSLCertVerificationError:
        raise
    except TimeoutError as err:
        raise SessionFailed(ProbeFailure.TLS_FAILED, f"STARTTLS took over {seconds:g} s") from err
    except aiosmtplib.SMTPResponseException as err:
        failure = ProbeFailure.CLOSED if err.code == CLOSING else ProbeFailure.TLS_FAILED
        raise SessionFailed(failure, f"STARTTLS: {reply_text(err)}") from err
    except (aiosmtplib.SMTPException, OSError) as err:
        raise SessionFailed(ProbeFailure.TLS_FAILED, str(err) or type(err).__name__) from err


async def quit_politely(smtp: aiosmtplib.SMTP) -> None:
    """Say goodbye, waiting briefly for the reply; whatever happens, the findings stand."""
    try:
        async with asyncio.timeout(QUIT_GRACE):
            await smtp.execute_command(b"QUIT")
    except (TimeoutError, aiosmtplib.SMTPException, OSError):
        pass


class Connection(aiosmtplib.SMTP):
    """aiosmtplib's client, except that closing always drops the connection at once.

    aiosmtplib closes a TLS connection gracefully, also when one of its steps is cancelled or
    runs out of time (a greeting that never comes): it sends close_notify and keeps the socket
    until the server answers, up to 30 s, which a stalled server may never do. Detection
    cancels the checks it no longer needs all the time; their sockets outlived them, and often
    the detection itself.
    """

    def close(self) -> None:
        _drop(self.transport)
        super().close()


def hang_up(smtp: aiosmtplib.SMTP) -> None:
    """Drop the connection now, without TLS's close_notify exchange.

    A graceful TLS close waits up to 30 s for the server's answer, which a server that
    stalled or was just told QUIT may never send; the socket would outlive the probe.
    """
    _drop(smtp.transport)
    smtp.close()


def _drop(transport: asyncio.BaseTransport | None) -> None:
    if isinstance(transport, asyncio.WriteTransport):
        try:
            transport.abort()
        except AttributeError:
            # Python 3.11.2 (Debian 12's) raises this for a TLS transport that was closed twice
            # already: its SSL protocol is gone. It is shutting down anyway; 3.11.3 and later
            # return quietly.
            if not transport.is_closing():
                raise


def peer_certificate(smtp: aiosmtplib.SMTP) -> Presented | None:
    """The certificate the server presented, if the connection is encrypted."""
    transport = smtp.transport
    return presented_on(transport.get_extra_info("ssl_object") if transport is not None else None)


def address_literal(sock: socket.socket) -> str:
    """The RFC 5321 address literal of our end of the connection: ``[ip]`` or ``[IPv6:ip]``."""
    address = ipaddress.ip_address(str(sock.getsockname()[0]).split("%", 1)[0])
    return f"[IPv6:{address}]" if address.version == 6 else f"[{address}]"


def reply_text(err: aiosmtplib.SMTPResponseException) -> str:
    return f"{err.code} {err.message}" if err.code > 0 else err.message
