"""Scripted SMTP servers for the lab: real aiosmtpd sessions whose answers a test chooses.

A ``SmtpBehaviour`` describes one server the way a user meets it: implicit TLS or STARTTLS or
plain, a good or a broken certificate, which accounts exist, and the replies that make mail
fail in real life (wrong password, "AUTH only after STARTTLS", sender rejected, greylisting,
a server hanging up mid-session). ``LabSmtpServer`` runs it on the current event loop and
records what clients did, never a password, so tests can assert what a server received.
"""

from __future__ import annotations

import asyncio
import base64
import collections
import hmac
import json
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, AnyStr

from aiosmtpd.smtp import (
    MISSING,
    SMTP,
    AuthResult,
    Envelope,
    LoginPassword,
    Session,
    TLSSetupException,
)

from tests.lab.certs import CertKind
from wizard.model import Security

if TYPE_CHECKING:
    import ssl
    from collections.abc import Callable

    from tests.lab.certs import LabCA

# Verbs ``close_after`` and ``stall_after`` act on: those aiosmtpd hands to a handler hook.
SCRIPTABLE_VERBS = frozenset({"EHLO", "AUTH", "MAIL", "RCPT", "DATA"})
LONG_LINE = 16384  # bytes an AUTH line may have on a server offering OAuth2
# A client that stalls in an implicit-TLS handshake is dropped after this long.
TLS_HANDSHAKE_TIMEOUT = 10.0
# ``stop()`` waits this long for aborted connections to report closed; only a lab bug takes it.
STOP_GRACE = 5.0


@dataclass
class SmtpBehaviour:
    """How a lab SMTP server behaves. Replies are ``(code, text)``, e.g. ``(451, "4.7.1 Try
    again later")``; ``None`` means aiosmtpd's normal answer."""

    security: Security = Security.STARTTLS  # SSL: implicit TLS; STARTTLS: offers it; NONE: plain
    cert: CertKind = CertKind.VALID
    accounts: dict[str, str] = field(default_factory=dict)  # login -> password; empty: no AUTH
    # Offer and accept AUTH without TLS. Otherwise AUTH exists only under TLS, so a plain
    # (NONE) server offers it only with this set.
    auth_before_tls: bool = False
    cram_md5: bool = False  # also offer CRAM-MD5 (aiosmtpd itself offers only PLAIN and LOGIN)
    # EHLO keywords not to offer, e.g. {"SMTPUTF8", "8BITMIME"}: an older or stricter server.
    # Without SMTPUTF8 the server also refuses the SMTPUTF8 parameter.
    withheld: frozenset[str] = frozenset()
    # OAuth2 logins offered ("XOAUTH2", "OAUTHBEARER"); ``bearer`` says whose an access
    # token is (None: not valid), e.g. ``LabAuthServer.login_of``.
    oauth_mechanisms: tuple[str, ...] = ()
    bearer: Callable[[str], str | None] | None = None
    silent: bool = False  # accept TCP (no TLS either), never send a byte, hold until stop()
    greeting_delay: float = 0.0  # seconds before the greeting (after the TLS handshake)
    greeting_drip: float = 0.0  # seconds between the greeting's bytes: a greeting that trickles
    greeting_reply: tuple[int, str] | None = None  # replaces the 220 greeting, then hangs up
    mail_from_reply: tuple[int, str] | None = None  # e.g. (553, "5.7.1 Sender address rejected")
    rcpt_reply: tuple[int, str] | None = None  # e.g. (451, "4.7.1 Greylisted, try again later")
    data_reply: tuple[int, str] | None = None  # the answer after the message content
    # Answer to every AUTH once the credentials are in, whatever they are, e.g.
    # (534, "5.7.9 Application-specific password required"); a 2xx code logs the client in.
    auth_reply: tuple[int, str] | None = None
    # A raw line sent in answer to AUTH instead of the exchange, even one that is no SMTP reply
    # at all ("", "hello there"); "{payload}" in it is replaced by the AUTH command's arguments,
    # for a server that echoes what the client sent.
    auth_answer: str | None = None
    reply_delay: float = 0.0  # seconds before every line the server sends, greeting included
    # Hang up without answering on this verb (one of SCRIPTABLE_VERBS). For DATA: once the
    # message content has arrived, before the final reply ("did my mail go out?").
    close_after: str | None = None
    # Never answer this verb, but keep the connection open: a server that stopped responding.
    stall_after: str | None = None

    def __post_init__(self) -> None:
        for name in ("close_after", "stall_after"):
            verb = getattr(self, name)
            if verb is not None:
                if verb.upper() not in SCRIPTABLE_VERBS:
                    raise ValueError(f"{name} must be one of {sorted(SCRIPTABLE_VERBS)}")
                setattr(self, name, verb.upper())


@dataclass(frozen=True)
class ReceivedMessage:
    """A message a lab server accepted, as it arrived."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    data: bytes
    auth_login: str | None  # who was logged in when it was sent
    tls: bool  # whether the session was encrypted by then
    mail_options: tuple[str, ...] = ()  # the MAIL FROM parameters (SMTPUTF8, BODY=8BITMIME)


class LabSmtpServer:
    """One scripted SMTP server on ``ip:port`` (port 0: the OS picks; ``port`` then tells).

    Runs on the event loop that calls ``start()``: the lab owns one loop on one thread, so no
    aiosmtpd ``Controller`` thread is involved. Servers with accounts require AUTH before MAIL,
    as submission servers do.
    """

    def __init__(
        self, ip: str, port: int, hostname: str, behaviour: SmtpBehaviour, ca: LabCA
    ) -> None:
        self.ip = ip
        self.port = port
        self.hostname = hostname
        self.behaviour = behaviour
        self._ca = ca
        self.received: list[ReceivedMessage] = []
        self.sessions = 0  # TCP connections accepted, TLS handshake or not
        self.heard = 0  # bytes a ``silent`` server was sent (and never answered)
        self.auth_attempts: list[tuple[str, bool]] = []  # (login, succeeded); never the password
        self.auth_mechanisms: list[str] = []  # the mechanism of each AUTH, in order
        self.error_answers: list[bytes] = []  # what clients answered a 334 error challenge
        self._server: asyncio.Server | None = None
        self._open: dict[asyncio.BaseProtocol, asyncio.BaseTransport] = {}
        self._changed = asyncio.Event()
        self._script = _Script(self)

    @property
    def open_connections(self) -> int:
        """Client connections not yet closed (counted once the TLS handshake, if any, is done)."""
        return len(self._open)

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        behaviour = self.behaviour
        implicit_tls = behaviour.security is Security.SSL and not behaviour.silent
        if implicit_tls:
            self._server = await loop.create_server(
                self._new_connection,
                self.ip,
                self.port,
                ssl=self._tls_context(),
                ssl_handshake_timeout=TLS_HANDSHAKE_TIMEOUT,
            )
        else:
            self._server = await loop.create_server(self._new_connection, self.ip, self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        """Stop listening and cut every open connection (Python 3.11's ``Server.close()``
        leaves accepted connections open)."""
        if self._server is None:
            return
        self._server.close()
        for transport in list(self._open.values()):
            assert isinstance(transport, asyncio.WriteTransport)
            try:
                transport.abort()
            except AttributeError:
                # Python 3.11.2 (Debian 12's) raises this for a TLS transport that was already
                # closed twice: its SSL protocol is gone. It is shutting down anyway, as later
                # versions (3.11.3+) silently accept; connection_lost() still follows.
                assert transport.is_closing()
        async with asyncio.timeout(STOP_GRACE):
            await self.wait_until(lambda: not self._open)
        await self._server.wait_closed()
        self._server = None

    async def wait_until(self, condition: Callable[[], bool]) -> None:
        """Return once ``condition()`` holds; it is rechecked whenever a client connects,
        disconnects, authenticates or sends a message."""
        while not condition():
            await self._changed.wait()

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    def _opened(self, protocol: asyncio.BaseProtocol, transport: asyncio.BaseTransport) -> None:
        self._open.setdefault(protocol, transport)  # STARTTLS reports a second, inner transport
        self._notify()

    def _closed(self, protocol: asyncio.BaseProtocol) -> None:
        self._open.pop(protocol, None)
        self._notify()

    def _tls_context(self) -> ssl.SSLContext:
        return self._ca.server_context([self.hostname], self.behaviour.cert)

    def _new_connection(self) -> asyncio.BaseProtocol:
        self.sessions += 1
        behaviour = self.behaviour
        if behaviour.silent:
            return _Silent(self)
        return _LabSMTP(
            self,
            self._script,
            hostname=self.hostname,
            tls_context=self._tls_context() if behaviour.security is Security.STARTTLS else None,
            # aiosmtpd counts only STARTTLS as TLS, so implicit TLS must lift the requirement.
            auth_require_tls=not (behaviour.security is Security.SSL or behaviour.auth_before_tls),
            authenticator=self._script.authenticate,
            auth_exclude_mechanism=self._excluded_mechanisms(),
            enable_SMTPUTF8="SMTPUTF8" not in behaviour.withheld,
            loop=asyncio.get_running_loop(),
        )

    def _excluded_mechanisms(self) -> list[str]:
        behaviour = self.behaviour
        excluded = [m for m in ("XOAUTH2", "OAUTHBEARER") if m not in behaviour.oauth_mechanisms]
        if not behaviour.cram_md5:
            excluded.append("CRAM-MD5")
        if not behaviour.accounts:  # OAuth2 only
            excluded += ["PLAIN", "LOGIN"]
        return excluded


class _LabSMTP(SMTP):
    """aiosmtpd's session, reporting its life to the server and able to delay or replace the
    greeting."""

    def __init__(self, owner: LabSmtpServer, handler: _Script, **options: Any) -> None:
        if owner.behaviour.oauth_mechanisms:
            # Access tokens run past 2.5 KB: real servers take AUTH lines far longer than
            # aiosmtpd's defaults (1001 bytes a line, 512 a command).
            self.line_length_limit = LONG_LINE
        super().__init__(handler, **options)
        if owner.behaviour.oauth_mechanisms:
            self.command_size_limits = collections.defaultdict(lambda: LONG_LINE)
        self._owner = owner
        self._drip = owner.behaviour.greeting_drip

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)
        self._owner._opened(self, transport)

    def connection_lost(self, error: Exception | None) -> None:
        super().connection_lost(error)
        self._owner._closed(self)

    async def push(self, status: AnyStr) -> None:
        """Every line after ``reply_delay``; the first reply (the greeting) one byte at a time
        if ``greeting_drip`` says so."""
        if self._owner.behaviour.reply_delay:
            await asyncio.sleep(self._owner.behaviour.reply_delay)
        drip, self._drip = self._drip, 0.0
        if not drip:
            await super().push(status)
            return
        line = (status.encode() if isinstance(status, str) else status) + b"\r\n"
        for byte in line:
            self._writer.write(bytes([byte]))
            await self._writer.drain()
            await asyncio.sleep(drip)

    async def _handle_client(self) -> None:
        behaviour = self._owner.behaviour
        if behaviour.greeting_delay:
            await asyncio.sleep(behaviour.greeting_delay)
        if behaviour.greeting_reply is not None:
            await self.push(_reply(behaviour.greeting_reply))
            assert self.transport is not None
            self.transport.close()
            return
        await super()._handle_client()


class _Silent(asyncio.Protocol):
    """Accepts a connection and never says a word; closes when the client does."""

    def __init__(self, owner: LabSmtpServer) -> None:
        self._owner = owner

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._owner._opened(self, transport)

    def data_received(self, data: bytes) -> None:
        self._owner.heard += len(data)
        self._owner._notify()

    def connection_lost(self, exc: Exception | None) -> None:
        self._owner._closed(self)


class _Script:
    """The aiosmtpd handler: applies a ``SmtpBehaviour``'s scripted replies and records what
    the client did."""

    def __init__(self, owner: LabSmtpServer) -> None:
        self._owner = owner

    # aiosmtpd offers every ``auth_<MECHANISM>`` method of its handler; this one only where
    # ``SmtpBehaviour.cram_md5`` asks for it (``auth_exclude_mechanism`` otherwise).
    async def auth_CRAM__MD5(self, server: SMTP, args: list[str]) -> AuthResult:
        challenge = f"<{secrets.token_hex(8)}@{self._owner.hostname}>".encode()
        response = await server.challenge_auth(challenge)
        if response is MISSING:  # the client gave up; aiosmtpd has answered already
            return AuthResult(success=False, handled=True)
        login, _, digest = bytes(response).decode().rpartition(" ")
        known = self._owner.behaviour.accounts.get(login, "")
        proven = hmac.compare_digest(hmac.new(known.encode(), challenge, "md5").hexdigest(), digest)
        # The digest proves the password, or nothing: the lab's own check does the rest.
        given = LoginPassword(login.encode(), known.encode() if proven else b"")
        assert server.session is not None and server.envelope is not None
        return self.authenticate(server, server.session, server.envelope, "CRAM-MD5", given)

    async def auth_XOAUTH2(self, server: SMTP, args: list[str]) -> AuthResult:
        return await self._bearer_login(server, args, "XOAUTH2")

    async def auth_OAUTHBEARER(self, server: SMTP, args: list[str]) -> AuthResult:
        return await self._bearer_login(server, args, "OAUTHBEARER")

    async def _bearer_login(self, server: SMTP, args: list[str], mechanism: str) -> AuthResult:
        """Check the access token against the lab's authorization server; a refused token
        gets the providers' 334 JSON error challenge, whose answer is recorded."""
        self._owner.auth_mechanisms.append(mechanism)
        if len(args) > 1:  # aiosmtpd hands over the mechanism and the initial response
            response = base64.b64decode(args[1])
        else:
            answer = await server.challenge_auth("")
            if answer is MISSING:
                return AuthResult(success=False, handled=True)
            response = bytes(answer)
        login, token = _bearer_fields(response.decode("utf-8", "replace"), mechanism)
        check = self._behaviour.bearer
        owner_of = check(token) if check is not None and token else None
        success = owner_of is not None and owner_of == login
        self._owner.auth_attempts.append((login, success))
        self._owner._notify()
        if not success:
            error = {"status": "invalid_token", "scope": "smtp"}
            answer = await server.challenge_auth(json.dumps(error))
            self._owner.error_answers.append(b"*" if answer is MISSING else bytes(answer))
            if answer is MISSING:
                return AuthResult(success=False, handled=True)
        return AuthResult(success=success, handled=False, auth_data=login)

    @property
    def _behaviour(self) -> SmtpBehaviour:
        return self._owner.behaviour

    async def _breaks_off(self, server: SMTP, verb: str) -> bool:
        """Play ``close_after`` / ``stall_after`` for ``verb``; true when the session is over."""
        if self._behaviour.stall_after == verb:
            # Never resolves: aiosmtpd cancels the session's task when the connection drops.
            await asyncio.get_running_loop().create_future()
        if self._behaviour.close_after != verb:
            return False
        assert server.transport is not None
        server.transport.close()
        return True

    async def handle_exception(self, error: Exception) -> str:
        """A client giving up on a STARTTLS handshake (a rejected certificate) is routine
        here; anything else is a lab bug, reported like ``StreamService`` reports one."""
        if not isinstance(error, TLSSetupException):
            asyncio.get_running_loop().call_exception_handler(
                {"message": "lab SMTP session failed", "exception": error}
            )
        return f"500 5.3.0 {type(error).__name__}"  # not sent after a failed handshake

    async def handle_EHLO(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        hostname: str,
        responses: list[str],
    ) -> list[str]:
        session.host_name = hostname  # with this hook, aiosmtpd leaves it to us
        if await self._breaks_off(server, "EHLO"):
            return []
        withheld = {keyword.upper() for keyword in self._behaviour.withheld}
        if not self._behaviour.accounts and not self._behaviour.oauth_mechanisms:
            withheld.add("AUTH")
        return [line for line in responses if line[4:].upper().split(" ")[0] not in withheld]

    async def handle_AUTH(
        self, server: SMTP, session: Session, envelope: Envelope, args: list[str]
    ) -> Any:
        if await self._breaks_off(server, "AUTH"):
            return ""
        if self._behaviour.auth_answer is not None:
            return self._behaviour.auth_answer.replace("{payload}", " ".join(args))
        return MISSING  # carry on with aiosmtpd's own exchange, then ``authenticate``

    def authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        assert isinstance(data, LoginPassword)
        login = data.login.decode("utf-8", "replace")
        forced = self._behaviour.auth_reply
        if forced is not None:
            success = _positive(forced)
            message: str | None = _reply(forced)
        else:
            password = data.password.decode("utf-8", "replace")
            success = self._behaviour.accounts.get(login) == password
            message = None  # aiosmtpd's 235 or 535
        self._owner.auth_attempts.append((login, success))
        self._owner._notify()
        return AuthResult(success=success, handled=False, message=message, auth_data=login)

    async def handle_MAIL(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if await self._breaks_off(server, "MAIL"):
            return ""
        needs_login = self._behaviour.accounts or self._behaviour.oauth_mechanisms
        if needs_login and not session.authenticated:
            return "530 5.7.0 Authentication required"
        reply = self._behaviour.mail_from_reply
        if reply is None or _positive(reply):
            envelope.mail_from = address
            envelope.mail_options.extend(options)
        return _reply(reply or (250, "OK"))

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if await self._breaks_off(server, "RCPT"):
            return ""
        reply = self._behaviour.rcpt_reply
        if reply is None or _positive(reply):
            envelope.rcpt_tos.append(address)
            envelope.rcpt_options.extend(options)
        return _reply(reply or (250, "OK"))

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if await self._breaks_off(server, "DATA"):
            return ""
        reply = self._behaviour.data_reply
        if reply is None or _positive(reply):
            assert envelope.mail_from is not None
            assert server.transport is not None
            self._owner.received.append(
                ReceivedMessage(
                    mail_from=envelope.mail_from,
                    rcpt_tos=tuple(envelope.rcpt_tos),
                    data=envelope.original_content or b"",
                    auth_login=session.auth_data if session.authenticated else None,
                    tls=server.transport.get_extra_info("ssl_object") is not None,
                    mail_options=tuple(envelope.mail_options),
                )
            )
            self._owner._notify()
        return _reply(reply or (250, "OK"))


def _bearer_fields(text: str, mechanism: str) -> tuple[str, str]:
    """The login and the token of an XOAUTH2 or OAUTHBEARER initial response."""
    fields = text.split("\x01")
    login = ""
    token = ""
    for part in fields:
        if part.startswith("user="):
            login = part[5:]
        elif part.startswith("auth=Bearer "):
            token = part[len("auth=Bearer ") :]
    if mechanism == "OAUTHBEARER" and fields:
        header = fields[0]  # n,a=LOGIN,
        for item in header.split(","):
            if item.startswith("a="):
                login = item[2:].replace("=2C", ",").replace("=3D", "=")
    return login, token


def _reply(reply: tuple[int, str]) -> str:
    code, text = reply
    return f"{code} {text}"


def _positive(reply: tuple[int, str]) -> bool:
    return 200 <= reply[0] < 300
