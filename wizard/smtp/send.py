"""The real test: log in to the outgoing server and send one message, as a mail program would.

Detection proves that a server answers; only a login and an accepted message prove the
password, the form of the username the server wants and that it lets this address send. The
GUI and the CLI both run this one function and explain its outcome with the same words.

What it promises, because the password is at stake:

- The security the settings state is the security used: a STARTTLS server that does not offer
  STARTTLS ends the test, it is never quietly continued unencrypted.
- The certificate is checked against the OS trust store. One that fails is reported with the
  reason and its SHA-256 fingerprint, and the password is not sent, unless it is exactly the
  certificate the user pinned after seeing that fingerprint.
- No password crosses an unencrypted connection unless the user allowed it, and not even then
  when the server offers STARTTLS.
- A wrong password costs at most three failed logins, so that the test never runs into the
  lockouts servers impose after a few.
- The transcript shows every command and reply but never the AUTH payloads, nor the password
  or a payload in any form a server may have said back (``wizard.smtp.redact``).
- Every reply, malformed or not, ends in a diagnosis, and the whole conversation ends within
  ``SEND_LIMIT`` seconds however slowly the server answers each step in time.

``submit_message`` runs the same conversation under the same promises for a message that is not
a test (``email-setup-wizard send``): it logs in once, with the stored username only, and sends
what it is given. Either way no message goes out unless every recipient was accepted, so a
caller never has to find out afterwards who got it.

The conversation reuses the steps it shares with the detection probe
(``wizard.smtp.session``): connecting with separate deadlines for "nobody answers" and
"no greeting", the handshake, EHLO, QUIT, and hanging up without waiting on a stalled TLS
close.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP, SMTPUTF8
from email.utils import formatdate, make_msgid
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, TypeVar

import aiosmtplib
from aiosmtplib.typing import Default, SMTPStatus

from wizard.address import parse_address
from wizard.model import Certificate, ProbeFailure, Security
from wizard.net.certificates import certificate_from
from wizard.net.tls import client_context, pinned, same_fingerprint, unverified_context
from wizard.smtp.diagnosis import Diagnosis, Reply, Stage, diagnose, diagnose_bearer
from wizard.smtp.envelope import Envelope, seven_bit, xtext
from wizard.smtp.probe import ProbeTimeouts
from wizard.smtp.redact import MASK, Redactor
from wizard.smtp.sasl import Bearer, bearer_mechanism, decode_error, error_answer, initial_response
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
from wizard.values import check_display_name, check_password, check_username
from wizard.wording import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    import socket
    from collections.abc import Coroutine

    from wizard.address import EmailAddress

__all__ = [
    "BODY",
    "SEND_LIMIT",
    "SEND_TIMEOUTS",
    "SUBJECT",
    "SUPPORTED_MECHANISMS",
    "Bearer",
    "Reply",
    "SendSettings",
    "Stage",
    "StepCallback",
    "TestOutcome",
    "send_test_message",
    "submit_message",
]

T = TypeVar("T")

# Longer than the probe's: this is the server the user chose, and a login or a message may
# legitimately take a while (delays after a failed login, content scanning after DATA).
SEND_TIMEOUTS = ProbeTimeouts(connect=10.0, greeting=20.0, command=30.0)
# The whole conversation, however many steps each answer just in time: a server that waits
# 29 s before each of a dozen replies must not hold the user for six minutes.
SEND_LIMIT = 120.0

# The test message, in English; the GUI and the command line hand the session its words in
# the user's language (``wizard.messages.words_of_test_message``), so the person who finds it in
# their inbox can read it.
SUBJECT = QT_TRANSLATE_NOOP("Messages", "Test message from Email Setup Wizard")
BODY = QT_TRANSLATE_NOOP(
    "Messages",
    "This message was sent by Email Setup Wizard to check the settings for sending mail from\n"
    "{address} through {host}, port {port}.\n"
    "\n"
    "It arrived, so the settings work. You can delete it.\n",
)

# Failed logins one test may cost the user, whatever the number of usernames tried: servers
# lock an account or ban an address after a few (fail2ban: five by default), and the user may
# well run the test again with a corrected password.
_MAX_FAILED_LOGINS = 3
# The SASL mechanisms aiosmtplib has, best first. Over TLS the connection already protects the
# password, so PLAIN (then LOGIN), which every server can check, is preferred; CRAM-MD5 adds
# nothing there, and servers that keep only password hashes offer it without being able to
# check it, so a right password would count as a failed login. Without TLS, CRAM-MD5 at least
# keeps the password itself off the wire.
_MECHANISMS_OVER_TLS = ("plain", "login", "cram-md5")
# The SASL mechanisms this module can log in with, for a user who wants to choose one.
SUPPORTED_MECHANISMS = frozenset(m.upper() for m in _MECHANISMS_OVER_TLS)
_MECHANISMS_WITHOUT_TLS = ("cram-md5", "plain", "login")

StepCallback: TypeAlias = Callable[[Stage, Reply | None], None]


@dataclass(frozen=True)
class SendSettings:
    """What the test uses; everything but the password, which is passed on its own."""

    host: str
    port: int
    security: Security
    username: str
    address: str  # the From address (also the default recipient)
    display_name: str = ""
    recipient: str | None = None
    allow_plaintext: bool = False  # may the password cross an unencrypted connection
    pinned_sha256: str | None = None  # accept exactly this certificate even if it does not verify
    auth_method: str | None = None  # a SASL mechanism ("PLAIN"...) to use; None: the best offered
    # What an organisation's preset holds the server to (``wizard.presets_rules.enforce``):
    # the SASL mechanisms it allows (upper-case; None: any), and its pinned certificates with
    # the servers they hold for (its incoming server too, for the delivery confirmation): the
    # only certificates accepted there, even where the OS trusts another (``pins_for``).
    allowed_mechanisms: frozenset[str] | None = None
    organisation_pins: tuple[str, ...] = ()
    organisation_hosts: frozenset[str] = frozenset()
    # The test message's subject and body ({address}, {host} and {port} filled in), in the
    # user's language.
    subject: str = SUBJECT
    body: str = BODY

    def pins_for(self, host: str) -> tuple[str, ...]:
        """The organisation's pinned certificates that alone are accepted at ``host``."""
        return self.organisation_pins if host.lower() in self.organisation_hosts else ()


@dataclass(frozen=True)
class TestOutcome:
    """How the test ended.

    ``stage`` is where it stopped (``DONE`` on success); ``reply`` the server's answer that
    decided it (the acceptance of the message, or the refusal), ``None`` when the test ended
    for a reason of its own (no answer, a certificate, a refusal to send the password).
    ``username`` is the login the server accepted and ``mechanism`` the SASL mechanism it
    accepted (upper-case, e.g. ``PLAIN``), both ``None`` until a login went through.
    ``refused`` lists every recipient the server refused, with its reply; then nothing was
    sent to anyone.
    """

    ok: bool
    stage: Stage
    reply: Reply | None
    username: str | None
    message_id: str | None
    diagnosis: Diagnosis | None
    certificate: Certificate | None
    transcript: tuple[str, ...]
    mechanism: str | None = None
    refused: tuple[tuple[str, Reply], ...] = ()
    auth: str = "password"  # "password" or "oauth2": what the login was tried with
    envelope_id: str | None = None  # the RFC 3461 ENVID the message went with (server's DSN)

    __test__ = False  # not a pytest test class, whatever its name


async def send_test_message(
    settings: SendSettings,
    password: str | Bearer,
    *,
    on_step: StepCallback | None = None,
    timeouts: ProbeTimeouts | None = None,
    local_part: str | None = None,
    limit: float = SEND_LIMIT,
) -> TestOutcome:
    """Log in to ``settings.host`` and send a test message; never raises for a failed test.

    ``on_step(stage, reply)`` is called as each stage begins, with the last server reply so
    far, and finally with ``Stage.DONE`` and the reply accepting the message. When a
    certificate is rejected the server is connected to once more, without verification, only
    to read the certificate (and to use it if it is the pinned one), so the stages repeat.

    ``password`` is the password, or a ``Bearer`` access token for an OAuth2 login (OAUTHBEARER
    when the server offers it, else XOAUTH2; ``wizard.smtp.sasl``).

    If a password is refused as wrong, the full address and then ``local_part`` (by default
    the address's) are tried as the username, as mail programs do; a token belongs to one
    login, so it is tried with the configured username only.

    The test ends with ``Diagnosis.OUT_OF_TIME`` once it has taken ``limit`` seconds.

    Raises ``InvalidAddressError`` if the address or the recipient is not an email address, and
    ``InvalidValueError`` for a display name, username or password that cannot be sent (a
    line break, NUL, bytes that are not UTF-8), before connecting: that is the caller's to
    check before a test. Cancelling stops at once and closes the socket.
    """
    sender = parse_address(settings.address)
    recipient = parse_address(settings.recipient) if settings.recipient else sender
    check_display_name(settings.display_name)
    usernames: tuple[str, ...] = (settings.username,)
    if not isinstance(password, Bearer):
        usernames += (settings.address, local_part or sender.local_part)
    envelope, message_id = _test_message(settings, sender, recipient)
    return await submit_message(
        settings,
        password,
        envelope,
        message_id=message_id,
        usernames=tuple(name for name in dict.fromkeys(usernames) if name),
        on_step=on_step,
        timeouts=timeouts,
        limit=limit,
    )


async def submit_message(
    settings: SendSettings,
    password: str | Bearer,
    envelope: Envelope,
    *,
    message_id: str | None = None,
    usernames: tuple[str, ...] | None = None,
    on_step: StepCallback | None = None,
    timeouts: ProbeTimeouts | None = None,
    limit: float = SEND_LIMIT,
) -> TestOutcome:
    """Log in to ``settings.host`` and send ``envelope``; never raises for a failed send. The
    outcome is that of a test, with ``message_id`` handed back in it; after ``limit`` seconds,
    ``Diagnosis.OUT_OF_TIME``. ``InvalidValueError`` for a username or password that cannot be
    sent, before connecting.

    Only ``settings.username`` is tried unless ``usernames`` lists others to try after a
    wrong-password refusal: a set-up account's login is known, and every failed login counts
    towards a lockout. ``settings.address`` and ``settings.recipient`` play no part here: the
    envelope says who sends and who receives.
    """
    usernames = usernames or (settings.username,)
    for username in usernames:
        check_username(username)
    # A token is masked wherever a server says it back, as a password is.
    secret = password.token if isinstance(password, Bearer) else check_password(password)
    test = _Test(
        settings=settings,
        password=password,
        envelope=envelope,
        message_id=message_id,
        usernames=usernames,
        timeouts=timeouts or SEND_TIMEOUTS,
        on_step=on_step,
        redact=Redactor(secret),
    )
    verifying = await asyncio.to_thread(client_context)  # read from disk only the first time
    try:
        async with asyncio.timeout(limit):
            try:
                return await test.run(verifying)
            except ssl.SSLCertVerificationError as rejection:
                return await test.run(unverified_context(), rejection)
    except TimeoutError:
        return test.out_of_time()


class _Stop(Exception):
    """The test ends here, for a reason the user is shown."""

    def __init__(self, diagnosis: Diagnosis, reply: Reply | None = None) -> None:
        super().__init__(diagnosis.value)
        self.diagnosis = diagnosis
        self.reply = reply


@dataclass
class _Test:
    settings: SendSettings
    password: str | Bearer = field(repr=False)
    envelope: Envelope
    message_id: str | None  # handed back on success
    usernames: tuple[str, ...]
    timeouts: ProbeTimeouts
    on_step: StepCallback | None
    redact: Redactor
    transcript: list[str] = field(default_factory=list)  # across both connections, if two
    stage: Stage = Stage.CONNECT
    certificate: Certificate | None = None
    mechanism: str | None = None  # the one the server accepted
    refused: tuple[tuple[str, Reply], ...] = ()
    envelope_id: str | None = None  # the ENVID asked for, where the server offered DSN

    async def run(
        self, tls_context: ssl.SSLContext, rejection: ssl.SSLCertVerificationError | None = None
    ) -> TestOutcome:
        """One connection. With ``rejection`` set, ``tls_context`` does not verify, and the
        certificate is only accepted if it is the pinned one. A rejected certificate on a
        verifying connection escapes as ``SSLCertVerificationError``."""
        smtp = _RecordingSMTP(
            self.transcript,
            self.redact,
            hostname=self.settings.host,
            use_tls=self.settings.security is Security.SSL,
            start_tls=False,  # upgraded explicitly, so that "not offered" is seen
            tls_context=tls_context,
            timeout=None,  # every deadline is enforced here, per step
        )
        sock: socket.socket | None = None
        try:
            self._begin(Stage.CONNECT, smtp)
            sock = await open_socket(self.settings.host, self.settings.port, self.timeouts.connect)
            return await self._converse(smtp, sock, tls_context, rejection)
        except SessionFailed as failed:
            reply = _reply_of(failed.__cause__)
            shown = None if reply is None else self._masked(reply)
            stop = _Stop(self._diagnose(reply, failed.failure, heard=smtp.last_reply), shown)
        except _Stop as stopped:
            stop = stopped
        finally:
            hang_up(smtp)
            if sock is not None:
                sock.close()  # in case aiosmtplib never took it over
        return self._outcome(stop.diagnosis, stop.reply)

    async def _converse(
        self,
        smtp: _RecordingSMTP,
        sock: socket.socket,
        tls_context: ssl.SSLContext,
        rejection: ssl.SSLCertVerificationError | None,
    ) -> TestOutcome:
        security = self.settings.security
        try:
            self._begin(Stage.TLS if security is Security.SSL else Stage.GREETING, smtp)
            await greet(smtp, sock, security, None, self.timeouts.greeting)
            if security is Security.SSL:
                self._check_certificate(smtp, rejection)
                self._begin(Stage.GREETING, smtp)
            await ehlo(smtp, self.timeouts.command)
            if security is Security.STARTTLS:
                self._begin(Stage.TLS, smtp)
                if not smtp.supports_extension("starttls"):
                    raise _Stop(Diagnosis.STARTTLS_MISSING)
                await starttls(smtp, self.settings.host, tls_context, self.timeouts.command)
                self._check_certificate(smtp, rejection)
                await ehlo(smtp, self.timeouts.command)
            self._begin(Stage.AUTH, smtp)
            username = await self._log_in(smtp)
            self._begin(Stage.SEND, smtp)
            reply = await self._send(smtp)
        except (_Stop, SessionFailed):
            await self._say_goodbye(smtp)
            raise
        await self._say_goodbye(smtp)
        self.stage = Stage.DONE
        if self.on_step is not None:
            self.on_step(Stage.DONE, reply)
        return self._outcome(None, reply, username=username, message_id=self.message_id)

    def _diagnose(
        self, reply: Reply | None, failure: ProbeFailure, *, heard: Reply | None
    ) -> Diagnosis:
        """Why the conversation failed, from the ``reply`` that ended it, if any, and what the
        connection did; ``heard`` is the last thing the server said at all. Silence, or a
        hang-up, before any greeting on port 465 reached without TLS is the server waiting for
        a TLS handshake (RFC 8314): the security setting is wrong, not the server."""
        diagnosis = diagnose(self.stage, reply, failure=failure)
        unencrypted_to_465 = (
            self.settings.security is not Security.SSL
            and self.settings.port == Security.SSL.submission_port
        )
        silent = heard is None and diagnosis in (
            Diagnosis.NO_GREETING,
            Diagnosis.CONNECTION_CLOSED,
        )
        return Diagnosis.IMPLICIT_TLS_PORT if unencrypted_to_465 and silent else diagnosis

    @staticmethod
    async def _say_goodbye(smtp: _RecordingSMTP) -> None:
        """Say goodbye after a refusal; after silence, only hang up (QUIT would wait in vain)."""
        if smtp.is_connected and smtp.answered:
            await quit_politely(smtp)

    def _begin(self, stage: Stage, smtp: _RecordingSMTP) -> None:
        self.stage = stage
        if self.on_step is not None:
            self.on_step(stage, smtp.last_reply)

    def _check_certificate(
        self, smtp: _RecordingSMTP, rejection: ssl.SSLCertVerificationError | None
    ) -> None:
        """Note the certificate; stop unless it verified or is the one the user pinned. Where
        the organisation pinned certificates for the server, only those pass, verified or not."""
        presented = peer_certificate(smtp)
        fingerprint = presented.sha256 if presented else None
        self.certificate = certificate_from(presented, rejection, self.settings.host)
        organisation_pins = self.settings.pins_for(self.settings.host)
        if organisation_pins:
            if not pinned(fingerprint, organisation_pins):
                raise _Stop(Diagnosis.CERTIFICATE_NOT_PINNED)
            return
        pin = self.settings.pinned_sha256
        if rejection is not None and not (
            fingerprint and pin and same_fingerprint(fingerprint, pin)
        ):
            raise _Stop(Diagnosis.CERTIFICATE)

    async def _log_in(self, smtp: _RecordingSMTP) -> str:
        """Log in with the first username the server accepts; the one that worked.

        Each username is tried once, with one mechanism, and never more than
        ``_MAX_FAILED_LOGINS`` of them. Another username is tried only after a wrong-password
        refusal: a refusal for any other reason (an app password needed, logins disabled)
        would be the same for all.
        """
        mechanism = self._mechanism(smtp)
        refusal: _Stop | None = None
        for username in self.usernames[:_MAX_FAILED_LOGINS]:
            try:
                await self._authenticate(smtp, mechanism, username)
            except _Stop as stop:
                if refusal is not None and stop.diagnosis is Diagnosis.CONNECTION_CLOSED:
                    raise refusal from stop  # hung up on a retry: the refusal is the news
                if stop.diagnosis is not Diagnosis.WRONG_PASSWORD:
                    raise
                refusal = refusal or stop
            else:
                self.mechanism = mechanism.upper()
                return username
        assert refusal is not None  # there is always at least the address to try
        raise refusal

    def _mechanism(self, smtp: _RecordingSMTP) -> str:
        """The one SASL mechanism to log in with: the chosen one, or the best offered for this
        connection; or the reason not to send the password at all.

        Without encryption the password is sent only when the user allowed it and the server
        offers no encryption either: where STARTTLS is on offer, the right setting is STARTTLS.
        """
        offered = smtp.supported_auth_methods
        encrypted = self.settings.security is not Security.NONE
        if not encrypted:
            if not self.settings.allow_plaintext:
                raise _Stop(Diagnosis.PLAINTEXT_REFUSED)
            if smtp.supports_extension("starttls"):
                raise _Stop(Diagnosis.STARTTLS_OFFERED if offered else Diagnosis.STARTTLS_REQUIRED)
        if isinstance(self.password, Bearer):
            return self._bearer_mechanism(smtp)
        if self.settings.auth_method:
            offered = [m for m in offered if m == self.settings.auth_method.lower()]
        preference = _MECHANISMS_OVER_TLS if encrypted else _MECHANISMS_WITHOUT_TLS
        usable = [mechanism for mechanism in preference if mechanism in offered]
        best = next((m for m in usable if self._allowed(m)), None)
        if best is None:
            raise _Stop(Diagnosis.AUTH_NOT_ALLOWED if usable else Diagnosis.AUTH_NOT_OFFERED)
        return best

    def _allowed(self, mechanism: str) -> bool:
        """Whether the organisation (if any) allows ``mechanism``."""
        allowed = self.settings.allowed_mechanisms
        return allowed is None or mechanism.upper() in allowed

    def _bearer_mechanism(self, smtp: _RecordingSMTP) -> str:
        """OAUTHBEARER or XOAUTH2, whichever the server offers (the chosen one, if one was).
        aiosmtplib lists only the mechanisms it implements itself: the server's list is read."""
        named = [m.upper() for m in smtp.server_auth_methods]
        if self.settings.auth_method:
            named = [m for m in named if m == self.settings.auth_method.upper()]
        mechanism = bearer_mechanism(named)
        if mechanism is None:
            raise _Stop(Diagnosis.OAUTH_NOT_OFFERED)
        if not self._allowed(mechanism):
            raise _Stop(Diagnosis.AUTH_NOT_ALLOWED)
        return mechanism

    async def _authenticate(self, smtp: _RecordingSMTP, mechanism: str, username: str) -> None:
        """One login attempt as ``username``.

        Unlike aiosmtplib's ``login``, a refusal is not retried with every other mechanism:
        each failed attempt counts towards the lockouts servers impose.
        """
        if isinstance(self.password, Bearer):
            await self._bearer_login(smtp, mechanism, username, self.password)
            return
        methods = {
            "cram-md5": smtp.auth_crammd5,
            "plain": smtp.auth_plain,
            "login": smtp.auth_login,
        }
        try:
            await self._exchange(methods[mechanism](username, self.password))
        except aiosmtplib.SMTPAuthenticationError as err:
            raise self._refusal(Stage.AUTH, err) from err

    async def _bearer_login(
        self, smtp: _RecordingSMTP, mechanism: str, username: str, bearer: Bearer
    ) -> None:
        """Log in with an access token, sent as the initial response. A refusal comes as a
        334 challenge with a JSON error first, which is answered so that the session goes
        on to the final refusal instead of hanging."""
        response = initial_response(
            mechanism, username, bearer.token, self.settings.host, self.settings.port
        )
        answer = await self._exchange(
            smtp.execute_command(b"AUTH", mechanism.encode("ascii"), response)
        )
        error = None
        if answer.code == SMTPStatus.auth_continue:
            error = decode_error(answer.message)
            answer = await self._exchange(smtp.execute_command(error_answer(mechanism)))
        if answer.code != SMTPStatus.auth_successful:
            reply = Reply(answer.code, answer.message)
            raise _Stop(diagnose_bearer(reply, error), reply)

    async def _send(self, smtp: _RecordingSMTP) -> Reply:
        """MAIL, RCPT for every recipient, then DATA; the server's acceptance of the message.

        Every recipient is offered even after a refusal, so that all refusals are known; if
        there was one, the transaction is reset before DATA and nothing goes to anyone.
        """
        envelope = self.envelope
        options, content = self._fit(smtp)
        encoding = "utf-8" if "SMTPUTF8" in options else "ascii"
        try:
            await self._exchange(smtp.mail(envelope.sender, options=options, encoding=encoding))
        except aiosmtplib.SMTPResponseException as err:
            raise self._refusal(Stage.SEND, err, "MAIL") from err
        refused: list[tuple[str, Reply]] = []
        for recipient in envelope.recipients:
            try:
                await self._exchange(smtp.rcpt(recipient, encoding=encoding))
            except aiosmtplib.SMTPResponseException as err:
                refused.append((recipient, Reply(err.code, err.message)))
        if refused:
            self.refused = tuple((recipient, self._masked(reply)) for recipient, reply in refused)
            with contextlib.suppress(_Stop, aiosmtplib.SMTPResponseException):
                await self._exchange(smtp.rset())
            reply = refused[0][1]
            raise _Stop(diagnose(Stage.SEND, reply, command="RCPT"), self._masked(reply))
        try:
            response = await self._exchange(smtp.data(content))
        except aiosmtplib.SMTPResponseException as err:
            raise self._refusal(Stage.SEND, err, "DATA") from err
        return Reply(response.code, self.redact(response.message))

    def _fit(self, smtp: _RecordingSMTP) -> tuple[list[str], bytes]:
        """The MAIL parameters the message needs, and the message as this server can take it:
        SMTPUTF8 for UTF-8 addresses or headers, 8BITMIME for 8-bit data, or 8-bit text parts
        re-encoded for a server without it; and where the server offers DSN, the envelope's
        ENVID, with only the headers asked back in a bounce (RET=HDRS)."""
        envelope = self.envelope
        options: list[str] = []
        if envelope.envid and smtp.supports_extension("dsn"):
            options += [f"ENVID={xtext(envelope.envid)}", "RET=HDRS"]
            self.envelope_id = envelope.envid
        if envelope.needs_smtputf8 or envelope.utf8_headers:
            if smtp.supports_extension("smtputf8"):
                options.append("SMTPUTF8")
            elif envelope.needs_smtputf8:
                raise _Stop(Diagnosis.SMTPUTF8_UNSUPPORTED)
        content = envelope.content
        if envelope.eight_bit:
            if smtp.supports_extension("8bitmime"):
                options.append("BODY=8BITMIME")
            else:
                try:
                    content = seven_bit(content)
                except ValueError as err:
                    raise _Stop(Diagnosis.EIGHT_BIT_UNSUPPORTED) from err
        return options, content

    async def _exchange(self, step: Coroutine[Any, Any, T]) -> T:
        """Await one step under the command deadline; silence, a hang-up or an answer that is
        not an SMTP reply at all (an empty line, ``hello there``) ends the test."""
        try:
            async with asyncio.timeout(self.timeouts.command):
                return await step
        except OSError as err:  # timeouts and hang-ups, aiosmtplib's included, are OSErrors
            raise _Stop(Diagnosis.CONNECTION_CLOSED) from err
        except aiosmtplib.SMTPResponseException as err:
            if err.code <= 0:  # aiosmtplib's stand-in code for a line it could not read
                raise _Stop(Diagnosis.MALFORMED_REPLY) from err
            raise

    def _refusal(
        self, stage: Stage, error: aiosmtplib.SMTPResponseException, command: str | None = None
    ) -> _Stop:
        """The end of the test when the server refused: what the reply means (read from its
        own words), and the reply as the user is shown it (masked)."""
        reply = Reply(error.code, error.message)
        return _Stop(diagnose(stage, reply, command=command), self._masked(reply))

    def _masked(self, reply: Reply) -> Reply:
        return Reply(reply.code, self.redact(reply.text))

    def out_of_time(self) -> TestOutcome:
        """The outcome once the overall time limit has ended the test, at whatever stage."""
        return self._outcome(Diagnosis.OUT_OF_TIME, None)

    def _outcome(
        self,
        diagnosis: Diagnosis | None,
        reply: Reply | None,
        *,
        username: str | None = None,
        message_id: str | None = None,
    ) -> TestOutcome:
        return TestOutcome(
            ok=diagnosis is None,
            stage=self.stage,
            reply=reply,
            username=username,
            message_id=message_id,
            diagnosis=diagnosis,
            certificate=self.certificate,
            transcript=tuple(self.transcript),
            mechanism=self.mechanism,
            refused=self.refused,
            auth="oauth2" if isinstance(self.password, Bearer) else "password",
            envelope_id=self.envelope_id if diagnosis is None else None,
        )


def _test_message(
    settings: SendSettings, sender: EmailAddress, recipient: EmailAddress
) -> tuple[Envelope, str]:
    """The test message and its Message-ID. Domains are in their ASCII form, so only a
    non-ASCII mailbox name needs the server's SMTPUTF8."""
    message = EmailMessage()
    message["From"] = Address(settings.display_name, username=sender.mailbox, domain=sender.domain)
    message["To"] = Address(username=recipient.mailbox, domain=recipient.domain)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=sender.domain)
    message["Subject"] = settings.subject
    message.set_content(
        settings.body.format(address=sender.display, host=settings.host, port=settings.port),
        charset="utf-8",
    )
    international = not (sender.local_part.isascii() and recipient.local_part.isascii())
    content = message.as_bytes(policy=SMTPUTF8 if international else SMTP)
    # A bounce quotes it back even when it returns nothing of the message (RFC 3461 4.4).
    envid = f"esw-{secrets.token_hex(16)}"
    envelope = Envelope(sender.address, (recipient.address,), content, envid)
    return envelope, str(message["Message-ID"])


def _reply_of(error: BaseException | None) -> Reply | None:
    """The server's reply behind a probe step's failure, if it was a reply at all."""
    if isinstance(error, aiosmtplib.SMTPResponseException) and error.code > 0:
        return Reply(error.code, error.message)
    return None


def command_line(args: tuple[bytes, ...], *, continuing: bool) -> str:
    """A client command as the transcript shows it, with AUTH secrets replaced.

    ``continuing``: the previous reply was 334, so this line answers a SASL challenge (the
    password of AUTH LOGIN, the digest of CRAM-MD5) and is hidden whole. An AUTH command keeps
    its mechanism and loses its initial response, which for PLAIN is the password in base64.
    """
    hidden = _secret_args(args, continuing=continuing)
    shown = [arg.decode("utf-8", "replace") for arg in args[: len(args) - len(hidden)]]
    return " ".join(shown + [MASK] * bool(hidden))


def _secret_args(args: tuple[bytes, ...], *, continuing: bool) -> tuple[bytes, ...]:
    """The trailing arguments of a client command that carry a secret (see ``command_line``)."""
    if continuing:
        return args
    if args and args[0].upper() == b"AUTH":
        return args[2:]
    return ()


class _RecordingSMTP(Connection):
    """The SMTP client (``Connection``), writing the conversation into a transcript as it goes.

    Commands pass through ``execute_command``; the three exchanges that bypass it (the
    greeting, STARTTLS and DATA) are recorded around the public methods that run them.
    """

    def __init__(self, transcript: list[str], redact: Redactor, **options: Any) -> None:
        super().__init__(**options)
        self._transcript = transcript
        self._redact = redact
        self.last_reply: Reply | None = None
        self.answered = False  # the server has answered everything said to it

    async def execute_command(
        self,
        *args: bytes,
        timeout: float | Literal[Default.token] | None = Default.token,  # noqa: ASYNC109
    ) -> aiosmtplib.SMTPResponse:
        if self.is_connected:  # otherwise aiosmtplib refuses without sending anything
            continuing = self.last_reply is not None and self.last_reply.code == 334
            for payload in _secret_args(args, continuing=continuing):
                self._redact.add_payload(payload)
            self._said(command_line(args, continuing=continuing))
        return await self._recorded(super().execute_command(*args, timeout=timeout))

    async def connect(self, **options: Any) -> aiosmtplib.SMTPResponse:
        self.answered = False  # the greeting is due
        return await self._recorded(super().connect(**options))

    async def starttls(self, **options: Any) -> aiosmtplib.SMTPResponse:
        self._said("STARTTLS")
        return await self._recorded(super().starttls(**options))

    async def data(
        self,
        message: str | bytes,
        /,
        *,
        timeout: float | Literal[Default.token] | None = Default.token,  # noqa: ASYNC109
    ) -> aiosmtplib.SMTPResponse:
        # The 354 go-ahead is consumed inside aiosmtplib; the content is summed up, not shown.
        self._said("DATA")
        content_line = len(self._transcript)
        response = await self._recorded(super().data(message, timeout=timeout))
        self._transcript.insert(content_line, f"C: [message, {len(message)} bytes]")
        return response

    async def _recorded(
        self, exchange: Coroutine[Any, Any, aiosmtplib.SMTPResponse]
    ) -> aiosmtplib.SMTPResponse:
        try:
            response = await exchange
        except aiosmtplib.SMTPResponseException as err:
            self._record(err.code, err.message)
            raise
        self._record(response.code, response.message)
        return response

    def _said(self, line: str) -> None:
        self._transcript.append(f"C: {line}")
        self.answered = False

    def _record(self, code: int, text: str) -> None:
        text = self._redact(text)
        self.last_reply = Reply(code, text)
        # After a line that is no reply at all the conversation is broken: hang up, no QUIT.
        self.answered = code > 0
        if code <= 0:  # aiosmtplib's stand-in for "not an SMTP reply at all"
            self._transcript.append(f"S: {text}")
            return
        lines = text.split("\n")
        for number, line in enumerate(lines, start=1):
            self._transcript.append(f"S: {code}{' ' if number == len(lines) else '-'}{line}")
