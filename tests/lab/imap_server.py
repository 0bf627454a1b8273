"""Scripted IMAP servers for the lab, as far as detection sees them: before any login.

Detection's IMAP probe (``wizard.imap.probe``) only reads the greeting and the capabilities,
asks for STARTTLS and logs out. These servers answer exactly that, with the variations real
servers show: implicit TLS or STARTTLS, good or broken certificates, STARTTLS not offered, a
silent or non-IMAP server. The logged-in side (login, search, IDLE, moving messages) is tested
against a real Dovecot (``tests.lab.postfix``), not against a script.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from tests.lab import StreamService
from tests.lab.certs import CertKind, LabCA
from wizard.model import Security

FOREVER = 3600.0


@dataclass(frozen=True)
class ImapBehaviour:
    """How a lab IMAP server behaves before login."""

    security: Security = Security.SSL  # SSL: implicit TLS; STARTTLS or NONE: plain at first
    cert: CertKind = CertKind.VALID
    offer_starttls: bool = True  # a plain server offers STARTTLS (NONE: it never does)
    silent: bool = False  # accept TCP, never send a byte
    greeting: str | None = None  # replaces "* OK [CAPABILITY ...] ready", e.g. an SSH banner


@dataclass
class LabImapServer:
    """One scripted IMAP server on ``ip:port``; ``commands`` records what clients sent."""

    ip: str
    port: int
    hostname: str
    behaviour: ImapBehaviour
    _ca: LabCA
    commands: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._service = StreamService(self._serve)

    async def start(self) -> None:
        await self._service.start(self.ip, self.port)

    async def stop(self) -> None:
        await self._service.stop()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        behaviour = self.behaviour
        if behaviour.silent:
            await asyncio.sleep(FOREVER)
        tls = behaviour.security is Security.SSL
        if tls:
            await writer.start_tls(self._ca.server_context([self.hostname], behaviour.cert))
        greeting = behaviour.greeting or f"* OK [CAPABILITY {self._capabilities(tls)}] Lab ready"
        await _say(writer, greeting)
        while line := (await reader.readline()).decode("ascii", "replace").strip():
            tag, _, command = line.partition(" ")
            verb = command.split(" ", 1)[0].upper()
            self.commands.append(verb)  # never the arguments: LOGIN would carry a password
            if verb == "CAPABILITY":
                await _say(writer, f"* CAPABILITY {self._capabilities(tls)}")
                await _say(writer, f"{tag} OK CAPABILITY completed")
            elif verb == "STARTTLS" and self._starttls(tls):
                await _say(writer, f"{tag} OK Begin TLS negotiation now")
                await writer.start_tls(self._ca.server_context([self.hostname], behaviour.cert))
                tls = True
            elif verb == "LOGOUT":
                await _say(writer, "* BYE Logging out")
                await _say(writer, f"{tag} OK LOGOUT completed")
                return
            else:
                await _say(writer, f"{tag} BAD Not in the lab's script")

    def _starttls(self, tls: bool) -> bool:
        behaviour = self.behaviour
        return not tls and behaviour.offer_starttls and behaviour.security is not Security.NONE

    def _capabilities(self, tls: bool) -> str:
        if tls:
            return "IMAP4rev1 IDLE AUTH=PLAIN"
        return "IMAP4rev1 IDLE LOGINDISABLED" + (" STARTTLS" if self._starttls(tls) else "")


async def _say(writer: asyncio.StreamWriter, line: str) -> None:
    writer.write(f"{line}\r\n".encode("ascii"))
    await writer.drain()
