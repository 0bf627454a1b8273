"""A logged-in IMAP conversation for the delivery confirmation, on a maintained client.

imapclient (BSD licence) speaks the protocol: SPECIAL-USE folders, IDLE, MOVE, UID EXPUNGE,
SASL logins including XOAUTH2 and OAUTHBEARER. It is blocking, so every call runs on a daemon
thread of its own while the engine's event loop awaits it under a deadline. A call that runs
out of time, or whose caller is cancelled, shuts the socket down, which ends the blocked call
at once; the connection is then finished, as after any failure.

The same promises as the test send (``wizard.smtp.send``) hold for the password or token:
the certificate is checked against the OS trust store before anything is sent (a certificate
the user pinned by its fingerprint for the outgoing server counts, if it is exactly that one;
where the organisation pinned certificates for the server, only those count, trusted or not),
a STARTTLS server that does not offer STARTTLS is not logged in to, and nothing is ever sent
over an unencrypted connection.

An OAuth2 access token logs in with ``AUTHENTICATE OAUTHBEARER`` (RFC 7628) when CAPABILITY
offers it, else ``XOAUTH2``, exactly as on SMTP (``wizard.smtp.sasl``); a refused token gets
a continuation holding a JSON error, which is answered as the mechanism requires so that the
server ends the exchange instead of waiting for ever.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import ssl
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, TypeVar

import imapclient
from imapclient.exceptions import IMAPClientError, LoginError

from wizard.imap.errors import ImapError, ImapProblem, ImapSettings
from wizard.imap.probe import probe_imap
from wizard.model import Certificate, ProbeFailure, Security
from wizard.net.tls import (
    client_context,
    pinned,
    same_fingerprint,
    sha256_fingerprint,
    unverified_context,
)
from wizard.runtime import DaemonExecutor
from wizard.smtp.probe import ProbeTimeouts
from wizard.smtp.sasl import (
    OAUTHBEARER,
    XOAUTH2,
    Bearer,
    bearer_mechanism,
    client_message,
    error_document,
    error_reply,
)

T = TypeVar("T")

# Failed logins the confirmation may cost, whatever the number of usernames tried: the SMTP
# test already used some of the lockout allowance servers grant (often shared with IMAP).
MAX_FAILED_LOGINS = 2


@dataclass(frozen=True)
class ImapTimeouts:
    connect: float = 10.0  # name resolution, TCP connect, TLS handshake and greeting
    command: float = 20.0  # each command and its answer


_PROBLEM_BY_FAILURE = {
    ProbeFailure.NO_STARTTLS: ImapProblem.NO_STARTTLS,
    ProbeFailure.TLS_FAILED: ImapProblem.TLS_FAILED,
}


class ImapSession:
    """One connection, encrypted as the settings say, with its certificate checked; logged in
    by ``login``. Every method may raise ``ImapError``; ``close`` always ends it."""

    def __init__(
        self,
        client: imapclient.IMAPClient,
        certificate: Certificate | None,
        timeouts: ImapTimeouts,
        settings: ImapSettings,
    ) -> None:
        self._client = client
        self.certificate = certificate
        self._timeouts = timeouts
        self._settings = settings
        self._busy: Future[Any] | None = None  # the call running on a thread, if any
        self.mechanism: str | None = None  # how ``login`` logged in: LOGIN, OAUTHBEARER...

    @classmethod
    async def connect(cls, settings: ImapSettings, timeouts: ImapTimeouts) -> ImapSession:
        """Connect and secure the connection; raises ``ImapError`` when no login may follow.

        The server is first looked at as detection does (``probe_imap``: a connection of its
        own that never logs in), so that a certificate that does not verify is seen, and
        reported with its fingerprint, before the client library holds a connection; only
        then does the client connect, verifying again (or, for the pinned certificate,
        checking that it is exactly that one).
        """
        if settings.security is Security.NONE:
            raise ImapError(ImapProblem.NOT_ENCRYPTED)
        probe = await probe_imap(
            settings.host,
            settings.port,
            settings.security,
            timeouts=ProbeTimeouts(timeouts.connect, timeouts.connect, timeouts.command),
        )
        if probe.failure is not None:
            problem = _PROBLEM_BY_FAILURE.get(probe.failure, ImapProblem.UNREACHABLE)
            raise ImapError(problem, probe.detail or probe.failure.value)
        certificate = probe.certificate
        strict = settings.organisation_pins
        if strict and not pinned(certificate.sha256 if certificate else None, strict):
            raise ImapError(ImapProblem.NOT_PINNED, "not a pinned certificate", certificate)
        pin = settings.pinned_sha256
        accepted = bool(strict) or bool(certificate and pin and pinned(certificate.sha256, (pin,)))
        if certificate is None or not (certificate.verified or accepted):
            detail = certificate.detail if certificate else "no certificate"
            raise ImapError(ImapProblem.CERTIFICATE, detail or "", certificate)
        if certificate.verified:
            client = await _open(settings, client_context(), timeouts)
            if not strict:
                return cls(client, certificate, timeouts, settings)
        else:
            client = await _open(settings, unverified_context(), timeouts)
        session = cls(client, certificate, timeouts, settings)
        presented = _fingerprint(client)
        if presented is None or not same_fingerprint(presented, certificate.sha256):
            session.hang_up()  # another certificate than a moment ago: not the pinned one
            problem = ImapProblem.NOT_PINNED if strict else ImapProblem.CERTIFICATE
            raise ImapError(problem, "the certificate changed", certificate)
        return session

    def offers(self, capability: str) -> bool:
        """Whether the server listed ``capability`` (as last asked, i.e. after login)."""
        return bool(self._client.has_capability(capability))

    async def login(self, usernames: tuple[str, ...], secret: str | Bearer) -> str:
        """Log in with the first username the server accepts, trying at most
        ``MAX_FAILED_LOGINS``; the one that worked. A token is tried with the first username
        only: it belongs to one login, the one the outgoing server accepted it for."""
        if isinstance(secret, Bearer):
            return await self._token_login(usernames[0], secret.token)
        if self.offers("LOGINDISABLED"):
            raise ImapError(ImapProblem.LOGIN_DISABLED)
        refusal = ImapError(ImapProblem.LOGIN_REFUSED)
        for username in usernames[:MAX_FAILED_LOGINS]:
            try:
                await self.call(self._client.login, username, secret)
            except LoginError as err:
                refusal = ImapError(ImapProblem.LOGIN_REFUSED, str(err))
            else:
                self.mechanism = "LOGIN"
                return username
        raise refusal

    async def _token_login(self, username: str, token: str) -> str:
        offered = [m for m in (OAUTHBEARER, XOAUTH2) if self.offers(f"AUTH={m}")]
        mechanism = bearer_mechanism(offered)
        if mechanism is None:
            raise ImapError(ImapProblem.NO_TOKEN_LOGIN)
        settings = self._settings
        first = client_message(mechanism, username, token, settings.host, settings.port)
        exchange = _TokenExchange(mechanism, first)
        try:
            await self.call(self._client.sasl_login, mechanism, exchange)
        except IMAPClientError as err:  # imapclient's LoginError, or a refusal of AUTHENTICATE
            raise ImapError(ImapProblem.TOKEN_REFUSED, exchange.error or str(err)) from err
        self.mechanism = mechanism
        return username

    async def call(self, method: Callable[..., T], *args: Any) -> T:
        """``method(*args)`` of the client, under the command deadline. A hang-up or silence
        ends the session (``CONNECTION_LOST``); a refusal (NO, BAD) is the caller's to judge,
        as imapclient's ``IMAPClientError``."""
        try:
            return await _blocking(
                lambda: method(*args), self._timeouts.command, self._hang_up_during
            )
        except TimeoutError as err:
            raise ImapError(ImapProblem.CONNECTION_LOST, "no answer in time") from err
        except (IMAPClientError, OSError) as err:
            if isinstance(err, imapclient.exceptions.IMAPClientAbortError | OSError):
                raise ImapError(ImapProblem.CONNECTION_LOST, str(err)) from err
            raise

    @property
    def client(self) -> imapclient.IMAPClient:
        """The client, for ``call(session.client.method, ...)``."""
        return self._client

    async def close(self) -> None:
        """Log out (which never expunges anything), or just hang up if that fails."""
        try:
            await self.call(self._client.logout)
        except (ImapError, IMAPClientError):
            self.hang_up()

    def hang_up(self) -> None:
        """Drop the connection now, from the event loop, whatever is running.

        The socket is shut down first, which ends a call blocked on it at once; it is closed
        only when that call has returned, never under its feet.
        """
        with contextlib.suppress(OSError):  # already closed
            self._client.socket().shutdown(socket.SHUT_RDWR)
        busy = self._busy
        if busy is None or busy.done():
            self._close_socket()
        else:
            busy.add_done_callback(lambda _done: self._close_socket())

    def _hang_up_during(self, call: Future[Any]) -> None:
        self._busy = call
        self.hang_up()

    def _close_socket(self) -> None:
        with contextlib.suppress(Exception):  # whatever state imaplib was left in
            self._client.shutdown()


class _TokenExchange:
    """The client's side of ``AUTHENTICATE`` with a token: the initial message for the
    server's first (empty) challenge; to a challenge after it, which carries the JSON error
    of a refused token, the reply that lets the server end the exchange (RFC 7628 section
    3.2.3); to anything more, the abort (imaplib sends ``*``)."""

    def __init__(self, mechanism: str, first: bytes) -> None:
        self._mechanism = mechanism
        self._first: bytes | None = first
        self._answered_error = False
        self.error = ""  # the server's JSON error, compact, as it said it (never the token)

    def __call__(self, challenge: bytes) -> bytes | None:
        if self._first is not None:
            first, self._first = self._first, None
            return first
        if self._answered_error:
            return None
        self._answered_error = True
        document = error_document(challenge)
        self.error = (
            json.dumps(document, separators=(",", ":"), sort_keys=True)
            if document is not None
            else challenge.decode("utf-8", "replace")[:200]
        )
        return error_reply(self._mechanism)


async def _open(
    settings: ImapSettings, tls_context: ssl.SSLContext, timeouts: ImapTimeouts
) -> imapclient.IMAPClient:
    """A connected client, upgraded with STARTTLS where the settings say so."""

    def connect() -> imapclient.IMAPClient:
        client = imapclient.IMAPClient(
            settings.host,
            settings.port,
            ssl=settings.security is Security.SSL,
            ssl_context=tls_context,
            timeout=imapclient.SocketTimeout(timeouts.connect, timeouts.command),
        )
        if settings.security is Security.STARTTLS:
            try:
                if not client.has_capability("STARTTLS"):
                    raise ImapError(ImapProblem.NO_STARTTLS)
                client.starttls(tls_context)
            except BaseException:
                client.shutdown()
                raise
        return client

    def close_when_connected(future: Future[imapclient.IMAPClient]) -> None:
        """Nobody waits for this connection any more: hang up as soon as it is made."""

        def close(done: Future[imapclient.IMAPClient]) -> None:
            if not done.cancelled() and done.exception() is None:
                done.result().shutdown()

        future.add_done_callback(close)

    try:
        return await _blocking(connect, timeouts.connect + timeouts.command, close_when_connected)
    except ssl.SSLCertVerificationError:
        raise
    except ssl.SSLError as err:
        raise ImapError(ImapProblem.TLS_FAILED, str(err)) from err
    except (TimeoutError, OSError, IMAPClientError) as err:
        raise ImapError(ImapProblem.UNREACHABLE, str(err) or type(err).__name__) from err


async def _blocking(call: Callable[[], T], seconds: float, abort: Callable[[Future[T]], None]) -> T:
    """``call()`` on a daemon thread, awaited for at most ``seconds``; ``abort(future)`` runs
    when the wait ends early (deadline or cancellation), to end or tidy up the blocked call."""
    future = DaemonExecutor().submit(call)
    try:
        async with asyncio.timeout(seconds):
            return await asyncio.wrap_future(future)
    except BaseException:
        if not future.done():
            abort(future)
        raise


def _fingerprint(client: imapclient.IMAPClient) -> str | None:
    sock = client.socket()
    der = sock.getpeercert(binary_form=True) if isinstance(sock, ssl.SSLSocket) else None
    return sha256_fingerprint(der) if der else None
