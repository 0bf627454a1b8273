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

import ssl
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from wizard.model import ProbeFailure, ProbeResult, Security
from wizard.net.certificates import Presented, certificate_from
from wizard.net.tls import (
    client_context,
    unverified_context,
)
from wizard.smtp.phases import Milestones, ProbeTimeouts
from wizard.smtp.session import (
    Connection,
    SessionFailed,
    ehlo,
    greet,
    hang_up,
    open_socket,
    peer_certificate,
    quit_politely,
    starttls,
)

__all__ = ["Findings", "ProbeTimeouts", "probe_smtp", "probe_with"]


@dataclass
class Findings:
    """What one conversation learned, filled in as it goes so a failure keeps the rest.
    (The IMAP probe, ``wizard.imap.probe``, fills in the same.)"""

    greeting: str | None = None
    auth_mechanisms: tuple[str, ...] = ()
    presented: Presented | None = None  # the certificate, on an encrypted connection
    failure: ProbeFailure | None = None
    detail: str | None = None


async def probe_smtp(
    host: str,
    port: int,
    security: Security,
    *,
    timeouts: ProbeTimeouts | None = None,
    local_hostname: str | None = None,
    milestones: Milestones | None = None,
) -> ProbeResult:
    """Talk to ``host:port`` as far as AUTH would begin, then say goodbye.

    A certificate the OS does not trust does not make the server unreachable: the result is
    reachable, with ``certificate.verified`` false and the reason, so the user can decide.
    ``local_hostname`` is the EHLO argument; by default the connection's own address literal
    (``[192.0.2.1]``), which reveals nothing about the machine and needs no DNS lookup.
    ``milestones`` hears how far the conversation got, as it happens.
    """
    timeouts = timeouts or ProbeTimeouts()
    milestones = milestones or Milestones()
    conversation = _Conversation(host, port, security, timeouts, local_hostname, milestones)
    return await probe_with(host, port, security, conversation.talk)


async def probe_with(
    host: str,
    port: int,
    security: Security,
    talk: Callable[[ssl.SSLContext, Findings], Awaitable[None]],
) -> ProbeResult:
    """What ``talk``, one conversation, found. If it rejects the certificate, it runs once
    more without verification, only to show the user what was presented."""
    started = time.monotonic()
    rejection: ssl.SSLCertVerificationError | None = None
    try:
        findings = await _findings(talk, client_context())
    except ssl.SSLCertVerificationError as err:
        rejection = err
        findings = await _findings(talk, unverified_context())
    return ProbeResult(
        host=host,
        port=port,
        security=security,
        failure=findings.failure,
        detail=findings.detail,
        greeting=findings.greeting,
        auth_mechanisms=findings.auth_mechanisms,
        certificate=certificate_from(findings.presented, rejection, host),
        elapsed_ms=round((time.monotonic() - started) * 1000),
    )


async def _findings(
    talk: Callable[[ssl.SSLContext, Findings], Awaitable[None]], tls_context: ssl.SSLContext
) -> Findings:
    findings = Findings()
    try:
        await talk(tls_context, findings)
    except SessionFailed as failed:
        findings.failure = failed.failure
        findings.detail = failed.detail
    return findings


@dataclass(frozen=True)
class _Conversation:
    host: str
    port: int
    security: Security
    timeouts: ProbeTimeouts
    local_hostname: str | None
    milestones: Milestones

    async def talk(self, tls_context: ssl.SSLContext, findings: Findings) -> None:
        """One connection, filling in ``findings``. A failure raises ``SessionFailed``; a
        rejected certificate escapes as ``SSLCertVerificationError``."""
        # Built before the socket exists, so a bad ``local_hostname`` cannot leak one.
        smtp = Connection(
            hostname=self.host,
            use_tls=self.security is Security.SSL,
            start_tls=False,  # upgraded below, explicitly, so "not offered" is seen
            tls_context=tls_context,
            local_hostname=self.local_hostname,
            timeout=None,  # every deadline is enforced here, per phase
        )
        sock = await open_socket(self.host, self.port, self.timeouts.connect, self.milestones)
        try:
            findings.greeting = await greet(
                smtp, sock, self.security, self.local_hostname, self.timeouts.greeting
            )
            self.milestones.greeted()
            findings.presented = peer_certificate(smtp)
            findings.auth_mechanisms = await ehlo(smtp, self.timeouts.command)
            if self.security is Security.STARTTLS:
                if not smtp.supports_extension("starttls"):
                    await quit_politely(smtp)
                    raise SessionFailed(ProbeFailure.NO_STARTTLS, "STARTTLS is not offered")
                await starttls(smtp, self.host, tls_context, self.timeouts.command)
                findings.presented = peer_certificate(smtp)
                findings.auth_mechanisms = await ehlo(smtp, self.timeouts.command)
            await quit_politely(smtp)
        finally:
            hang_up(smtp)
