"""A short, bounded look at an IMAP server before any login: does it answer as IMAP, with the
security it was said to have, what does it offer and which certificate does it show.

The same job as ``wizard.smtp.probe`` for the incoming server that detection proposes, with the
same rules: the probe never logs in, each phase has its own deadline (connect, greeting, every
command), and a certificate the OS does not trust leaves the server reachable but unverified,
with the reason and fingerprint for the user.

Only four commands are ever sent (CAPABILITY, STARTTLS, CAPABILITY, LOGOUT), all before login,
and their answers are single lines, so the conversation is spoken here over asyncio streams: an
IMAP client library would connect by itself, blocking, and could then not tell "nobody answers"
(a firewall) from "connected, but no greeting", nor be cancelled at once. The logged-in session
of the delivery confirmation uses a maintained client (``wizard.imap.session``).
"""

from __future__ import annotations

import asyncio
import functools
import ssl
from dataclasses import dataclass

from wizard.model import ProbeFailure, ProbeResult, Security
from wizard.net.certificates import Presented, presented_on
from wizard.smtp.phases import Milestones
from wizard.smtp.probe import Findings, ProbeTimeouts, probe_with
from wizard.smtp.session import QUIT_GRACE, SessionFailed, open_socket

# RFC 9051 / 3501: a greeting or response line is short; one longer than this is not IMAP.
_MAX_LINE = 8192


async def probe_imap(
    host: str,
    port: int,
    security: Security,
    *,
    timeouts: ProbeTimeouts | None = None,
    milestones: Milestones | None = None,
) -> ProbeResult:
    """Talk to ``host:port`` as far as a login would begin, then log out.

    ``auth_mechanisms`` of the result are the SASL mechanisms the server offers (``AUTH=``),
    upper-case; ``LOGINDISABLED`` among the capabilities means no password login here.
    ``milestones`` hears how far the conversation got, as it happens.
    """
    talk = functools.partial(
        _talk, host, port, security, timeouts or ProbeTimeouts(), milestones or Milestones()
    )
    return await probe_with(host, port, security, talk)


def capabilities_in(line: str) -> tuple[str, ...] | None:
    """The capabilities a ``* CAPABILITY ...`` line or a ``[CAPABILITY ...]`` response code
    lists (upper-case), or None if the line has neither."""
    words = line.split()
    if words[:2] == ["*", "CAPABILITY"]:
        return tuple(word.upper() for word in words[2:])
    start = line.find("[CAPABILITY ")
    end = line.find("]", start)
    if start < 0 or end < 0:
        return None
    return tuple(word.upper() for word in line[start + 1 : end].split()[1:])


def sasl_mechanisms(capabilities: tuple[str, ...]) -> tuple[str, ...]:
    """The ``AUTH=`` mechanisms among ``capabilities``, in the server's order."""
    return tuple(dict.fromkeys(c[5:] for c in capabilities if c.startswith("AUTH=")))


async def _talk(
    host: str,
    port: int,
    security: Security,
    timeouts: ProbeTimeouts,
    milestones: Milestones,
    tls_context: ssl.SSLContext,
    findings: Findings,
) -> None:
    """One connection, filling in ``findings``. A failure raises ``SessionFailed``; a rejected
    certificate escapes as ``SSLCertVerificationError``."""
    sock = await open_socket(host, port, timeouts.connect, milestones)
    implicit = security is Security.SSL
    try:
        async with asyncio.timeout(timeouts.greeting):
            reader, writer = await asyncio.open_connection(
                sock=sock,
                ssl=tls_context if implicit else None,
                server_hostname=host if implicit else None,
                limit=_MAX_LINE,
            )
    except TimeoutError as err:
        sock.close()
        raise SessionFailed(ProbeFailure.NO_GREETING, "no TLS handshake in time") from err
    except ssl.SSLCertVerificationError:
        sock.close()
        raise
    except (ssl.SSLError, OSError) as err:
        sock.close()
        raise SessionFailed(ProbeFailure.TLS_FAILED, str(err) or type(err).__name__) from err
    talk = _Lines(reader, writer, timeouts)
    try:
        findings.presented = talk.presented()
        findings.greeting = await talk.greeting()
        milestones.greeted()
        capabilities = capabilities_in(findings.greeting) or await talk.capability()
        findings.auth_mechanisms = sasl_mechanisms(capabilities)
        if security is Security.STARTTLS:
            if "STARTTLS" not in capabilities:
                await talk.logout()
                raise SessionFailed(ProbeFailure.NO_STARTTLS, "STARTTLS is not offered")
            await talk.starttls(host, tls_context)
            findings.presented = talk.presented()
            # RFC 9051 7.1: what was offered before TLS no longer counts.
            findings.auth_mechanisms = sasl_mechanisms(await talk.capability())
        await talk.logout()
    finally:
        talk.hang_up()


@dataclass
class _Lines:
    """The line-by-line exchange of one connection, each step under its deadline."""

    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    timeouts: ProbeTimeouts
    tags: int = 0

    async def greeting(self) -> str:
        try:
            line = await self._read(self.timeouts.greeting)
        except TimeoutError as err:
            detail = f"no greeting within {self.timeouts.greeting:g} s"
            raise SessionFailed(ProbeFailure.NO_GREETING, detail) from err
        words = line.split(maxsplit=2)
        if words[:2] == ["*", "BYE"]:
            raise SessionFailed(ProbeFailure.CLOSED, line)
        if words[:2] not in (["*", "OK"], ["*", "PREAUTH"]):
            raise SessionFailed(ProbeFailure.NOT_IMAP, line[:200])
        return line

    async def capability(self) -> tuple[str, ...]:
        found: tuple[str, ...] = ()
        for line in await self._command("CAPABILITY"):
            found = capabilities_in(line) or found
        return found

    async def starttls(self, host: str, tls_context: ssl.SSLContext) -> None:
        await self._command("STARTTLS")
        try:
            async with asyncio.timeout(self.timeouts.command):
                await self.writer.start_tls(tls_context, server_hostname=host)
        except ssl.SSLCertVerificationError:
            raise
        except TimeoutError as err:
            raise SessionFailed(ProbeFailure.TLS_FAILED, "STARTTLS took too long") from err
        except (ssl.SSLError, OSError) as err:
            raise SessionFailed(ProbeFailure.TLS_FAILED, str(err) or type(err).__name__) from err

    async def logout(self) -> None:
        """Say goodbye, waiting briefly for the answer; whatever happens, the findings stand."""
        try:
            async with asyncio.timeout(QUIT_GRACE):
                await self._command("LOGOUT")
        except (TimeoutError, SessionFailed):
            pass

    def presented(self) -> Presented | None:
        return presented_on(self.writer.get_extra_info("ssl_object"))

    def hang_up(self) -> None:
        """Drop the connection now, without waiting for TLS's close_notify exchange."""
        self.writer.transport.abort()

    async def _command(self, command: str) -> list[str]:
        """Send ``command``; the untagged lines before its OK. A NO or BAD ends the probe."""
        self.tags += 1
        tag = f"W{self.tags}"
        self.writer.write(f"{tag} {command}\r\n".encode("ascii"))
        lines: list[str] = []
        try:
            async with asyncio.timeout(self.timeouts.command):
                while True:
                    line = await self._read(None)
                    if line.startswith(f"{tag} "):
                        break
                    lines.append(line)
        except TimeoutError as err:
            raise SessionFailed(ProbeFailure.CLOSED, f"no answer to {command} in time") from err
        status = line.split(maxsplit=2)[1:2]
        if status != ["OK"]:
            failure = ProbeFailure.TLS_FAILED if command == "STARTTLS" else ProbeFailure.NOT_IMAP
            raise SessionFailed(failure, f"{command}: {line[:200]}")
        return lines

    async def _read(self, seconds: float | None) -> str:
        """One line, without its CRLF; a hang-up or a line too long ends the probe."""
        try:
            async with asyncio.timeout(seconds):
                raw = await self.reader.readuntil(b"\n")
        except asyncio.IncompleteReadError as err:
            raise SessionFailed(ProbeFailure.CLOSED, "the server hung up") from err
        except asyncio.LimitOverrunError as err:
            raise SessionFailed(ProbeFailure.NOT_IMAP, "a line too long for IMAP") from err
        except TimeoutError:
            raise  # the caller's deadline: it knows what the silence means
        except (ssl.SSLError, OSError) as err:
            raise SessionFailed(ProbeFailure.CLOSED, str(err) or type(err).__name__) from err
        return raw.decode("utf-8", "replace").rstrip("\r\n")
