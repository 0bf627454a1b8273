"""The real test send against scripted aiosmtpd servers on loopback, and the diagnosis of the
replies real servers give.

The servers are real (aiosmtpd over real sockets and real TLS); the engine trusts exactly the
lab CA (``SSL_CERT_FILE`` and an empty ``SSL_CERT_DIR``), as it would trust the OS store on a
user's machine.
"""

from __future__ import annotations

import asyncio
import base64
import email
import email.policy
import email.utils
import socket
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from typing import TYPE_CHECKING

import pytest

from tests.lab.certs import WRONG_HOST, CertKind
from tests.lab.smtp_server import LabSmtpServer, SmtpBehaviour
from tests.smtp_fixtures import HOST, presented_fingerprint
from wizard.messages import (
    describe_certificate_problem,
    describe_diagnosis,
    describe_outcome,
    stage_label,
)
from wizard.model import Certificate, CertProblem, ProbeFailure, Security
from wizard.smtp.diagnosis import Diagnosis, Reply, Stage, diagnose, enhanced_code
from wizard.smtp.probe import ProbeTimeouts
from wizard.smtp.send import SUBJECT, SendSettings, command_line, send_test_message

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from _pytest.mark import ParameterSet

    from tests.lab.world import Lab
    from tests.smtp_fixtures import StartServer

pytestmark = pytest.mark.usefixtures("trust_smtp_ca")  # for every test, server or not

ADDRESS = "alice@example.test"
PASSWORD = "correct horse battery staple"
# Short, so that the tests of silent servers finish quickly; loopback answers in microseconds.
QUICK = ProbeTimeouts(connect=2.0, greeting=0.5, command=0.5)


def settings_for(server: LabSmtpServer, **changes: object) -> SendSettings:
    values: dict[str, object] = {
        "host": HOST,
        "port": server.port,
        "security": server.behaviour.security,
        "username": ADDRESS,
        "address": ADDRESS,
        "display_name": "Alice Example",
    }
    values.update(changes)
    return SendSettings(**values)  # type: ignore[arg-type]


def alice(**changes: object) -> SmtpBehaviour:
    """A server where Alice has an account, with the password above."""
    values: dict[str, object] = {"accounts": {ADDRESS: PASSWORD}}
    values.update(changes)
    return SmtpBehaviour(**values)  # type: ignore[arg-type]


def parsed(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def secrets(username: str, password: str) -> list[str]:
    """Every form in which a password could leak into a transcript."""

    def b64(raw: str) -> str:
        return base64.b64encode(raw.encode()).decode()

    return [password, b64(password), b64(f"\0{username}\0{password}")]


# -- Success ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("behaviour", "changes", "stages"),
    [
        pytest.param(
            alice(security=Security.SSL),
            {},
            [Stage.CONNECT, Stage.TLS, Stage.GREETING, Stage.AUTH, Stage.SEND, Stage.DONE],
            id="ssl",
        ),
        pytest.param(
            alice(security=Security.STARTTLS),
            {},
            [Stage.CONNECT, Stage.GREETING, Stage.TLS, Stage.AUTH, Stage.SEND, Stage.DONE],
            id="starttls",
        ),
        pytest.param(
            alice(security=Security.NONE, auth_before_tls=True),
            {"allow_plaintext": True},
            [Stage.CONNECT, Stage.GREETING, Stage.AUTH, Stage.SEND, Stage.DONE],
            id="plain-allowed",
        ),
    ],
)
async def test_a_test_message_arrives_once_with_everything_a_mail_program_sends(
    start_server: StartServer,
    behaviour: SmtpBehaviour,
    changes: dict[str, object],
    stages: list[Stage],
) -> None:
    server = await start_server(behaviour)
    steps: list[tuple[Stage, Reply | None]] = []

    outcome = await send_test_message(
        settings_for(server, **changes), PASSWORD, on_step=lambda *step: steps.append(step)
    )

    assert (outcome.ok, outcome.stage, outcome.diagnosis) == (True, Stage.DONE, None)
    assert outcome.reply is not None
    assert outcome.reply.code == 250
    assert outcome.username == ADDRESS
    assert [stage for stage, _ in steps] == stages
    assert steps[-1] == (Stage.DONE, outcome.reply)
    encrypted = behaviour.security is not Security.NONE
    assert (outcome.certificate is not None) == encrypted
    assert outcome.certificate is None or outcome.certificate.verified
    [received] = server.received
    assert (received.mail_from, received.rcpt_tos) == (ADDRESS, (ADDRESS,))
    assert (received.auth_login, received.tls) == (ADDRESS, encrypted)
    message = parsed(received.data)
    assert message["From"] == f"Alice Example <{ADDRESS}>"
    assert message["To"] == ADDRESS
    assert message["Subject"] == SUBJECT
    assert message["Message-ID"] == outcome.message_id
    assert outcome.message_id is not None
    assert outcome.message_id.endswith("@example.test>")
    sent_at = email.utils.parsedate_to_datetime(message["Date"])
    assert sent_at.tzinfo is not None
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    body = message.get_content()
    assert "Email Setup Wizard" in body
    assert ADDRESS in body
    assert outcome.transcript[-2:] == ("C: QUIT", "S: 221 Bye")


async def test_another_recipient_and_an_international_address(start_server: StartServer) -> None:
    """A non-ASCII mailbox name travels with SMTPUTF8; the domain goes out as its A-label."""
    address = "zoë@bücher.example"
    server = await start_server(SmtpBehaviour(security=Security.SSL, accounts={address: PASSWORD}))

    outcome = await send_test_message(
        settings_for(
            server,
            username=address,
            address=address,
            display_name="Zoë",
            recipient="bob@example.org",
        ),
        PASSWORD,
    )

    assert outcome.ok, outcome
    [received] = server.received
    assert received.mail_from == "zoë@xn--bcher-kva.example"
    assert received.rcpt_tos == ("bob@example.org",)
    message = parsed(received.data)
    assert message["From"] == "Zoë <zoë@xn--bcher-kva.example>"
    assert message["To"] == "bob@example.org"
    assert "zoë@bücher.example" in message.get_content()
    assert any("SMTPUTF8" in line.split() for line in outcome.transcript if "MAIL FROM" in line)


async def test_the_full_address_is_tried_when_the_username_is_refused(
    start_server: StartServer,
) -> None:
    server = await start_server(alice(security=Security.SSL))

    outcome = await send_test_message(settings_for(server, username="alice"), PASSWORD)

    assert outcome.ok
    assert outcome.username == ADDRESS
    assert server.auth_attempts == [("alice", False), (ADDRESS, True)]
    assert server.received[0].auth_login == ADDRESS


# -- Sign-in mechanisms -------------------------------------------------------------------------


def offered_mechanisms(transcript: tuple[str, ...]) -> set[str]:
    """The SASL mechanisms the server's EHLO replies offered (``S: 250-AUTH PLAIN LOGIN``)."""
    replies = (line.removeprefix("S: 250-").removeprefix("S: 250 ") for line in transcript)
    return {word for reply in replies if reply.startswith("AUTH ") for word in reply.split()[1:]}


@pytest.mark.parametrize(
    ("behaviour", "changes", "mechanism"),
    [
        pytest.param(alice(security=Security.SSL, cram_md5=True), {}, "PLAIN", id="over-tls-plain"),
        pytest.param(
            alice(security=Security.NONE, auth_before_tls=True, cram_md5=True),
            {"allow_plaintext": True},
            "CRAM-MD5",
            id="without-tls-cram-md5",
        ),
    ],
)
async def test_cram_md5_is_used_only_where_it_protects_the_password(
    start_server: StartServer,
    behaviour: SmtpBehaviour,
    changes: dict[str, object],
    mechanism: str,
) -> None:
    server = await start_server(behaviour)

    outcome = await send_test_message(settings_for(server, **changes), PASSWORD)

    assert outcome.ok, outcome
    assert {"CRAM-MD5", "PLAIN", "LOGIN"} <= offered_mechanisms(outcome.transcript)
    assert [line for line in outcome.transcript if line.startswith("C: AUTH")] == [
        f"C: AUTH {mechanism}" + " ********" * (mechanism == "PLAIN")
    ]
    assert server.auth_attempts == [(ADDRESS, True)]
    assert len(server.received) == 1


async def test_a_wrong_password_costs_at_most_three_failed_logins(
    start_server: StartServer,
) -> None:
    """fail2ban bans after five failures: one mechanism per username, three usernames at most,
    even where the server offers CRAM-MD5, PLAIN and LOGIN."""
    server = await start_server(alice(security=Security.SSL, cram_md5=True))

    outcome = await send_test_message(settings_for(server, username="alice.login"), "wrong")

    assert (outcome.ok, outcome.diagnosis) == (False, Diagnosis.WRONG_PASSWORD)
    assert {"CRAM-MD5", "PLAIN", "LOGIN"} <= offered_mechanisms(outcome.transcript)
    assert server.auth_attempts == [("alice.login", False), (ADDRESS, False), ("alice", False)]
    assert outcome.transcript.count("C: AUTH PLAIN ********") == 3
    assert not any(line.startswith("C: AUTH CRAM-MD5") for line in outcome.transcript)


# -- Refusals -----------------------------------------------------------------------------------


async def test_a_wrong_password_is_tried_with_each_username_once(start_server: StartServer) -> None:
    server = await start_server(alice(security=Security.STARTTLS))

    outcome = await send_test_message(settings_for(server), "wrong")

    assert (outcome.ok, outcome.stage, outcome.diagnosis) == (
        False,
        Stage.AUTH,
        Diagnosis.WRONG_PASSWORD,
    )
    assert outcome.reply is not None
    assert outcome.reply.code == 535
    assert outcome.username is None
    # The configured username is the address, so only the local part is left to try.
    assert server.auth_attempts == [(ADDRESS, False), ("alice", False)]
    assert server.received == []


@dataclass
class Case:
    """A server that refuses, and what the user must be told."""

    behaviour: SmtpBehaviour
    stage: Stage
    diagnosis: Diagnosis
    code: int | None = None
    changes: dict[str, object] = field(default_factory=dict)
    logins: int = 1  # AUTH attempts the server must have seen


REFUSALS = {
    "app-password": Case(
        alice(
            security=Security.SSL,
            auth_reply=(534, "5.7.9 Application-specific password required. Learn more at"),
        ),
        Stage.AUTH,
        Diagnosis.APP_PASSWORD_REQUIRED,
        534,
    ),
    "smtp-auth-disabled": Case(
        alice(
            auth_reply=(
                535,
                "5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled "
                "for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.",
            )
        ),
        Stage.AUTH,
        Diagnosis.SMTP_AUTH_DISABLED,
        535,
    ),
    "auth-only-after-starttls": Case(
        alice(security=Security.STARTTLS),
        Stage.AUTH,
        Diagnosis.STARTTLS_REQUIRED,
        changes={"security": Security.NONE, "allow_plaintext": True},
        logins=0,
    ),
    "plaintext-where-starttls-is-offered": Case(
        alice(security=Security.STARTTLS, auth_before_tls=True),
        Stage.AUTH,
        Diagnosis.STARTTLS_OFFERED,
        changes={"security": Security.NONE, "allow_plaintext": True},
        logins=0,
    ),
    "plaintext-without-permission": Case(
        alice(security=Security.NONE, auth_before_tls=True),
        Stage.AUTH,
        Diagnosis.PLAINTEXT_REFUSED,
        logins=0,
    ),
    "no-auth-at-all": Case(
        SmtpBehaviour(security=Security.SSL),
        Stage.AUTH,
        Diagnosis.AUTH_NOT_OFFERED,
        logins=0,
    ),
    "starttls-missing": Case(
        alice(security=Security.NONE, auth_before_tls=True),
        Stage.TLS,
        Diagnosis.STARTTLS_MISSING,
        changes={"security": Security.STARTTLS, "allow_plaintext": True},
        logins=0,
    ),
    "sender-rejected": Case(
        alice(mail_from_reply=(553, "5.7.1 <alice@example.test>: Sender address rejected")),
        Stage.SEND,
        Diagnosis.SENDER_REJECTED,
        553,
    ),
    "greylisted": Case(
        alice(
            rcpt_reply=(
                451,
                "4.7.1 <alice@example.test>: Recipient address rejected: "
                "Greylisted, try again later",
            )
        ),
        Stage.SEND,
        Diagnosis.GREYLISTED,
        451,
    ),
    "relay-denied": Case(
        alice(rcpt_reply=(554, "5.7.1 <bob@elsewhere.test>: Relay access denied")),
        Stage.SEND,
        Diagnosis.RELAY_DENIED,
        554,
    ),
    "message-rejected": Case(
        alice(data_reply=(554, "5.7.1 Message rejected as spam")),
        Stage.SEND,
        Diagnosis.MESSAGE_REJECTED,
        554,
    ),
    "hangs-up-on-mail": Case(alice(close_after="MAIL"), Stage.SEND, Diagnosis.CONNECTION_CLOSED),
    "hangs-up-after-data": Case(alice(close_after="DATA"), Stage.SEND, Diagnosis.CONNECTION_CLOSED),
    "hangs-up-on-auth": Case(
        alice(close_after="AUTH"), Stage.AUTH, Diagnosis.CONNECTION_CLOSED, logins=0
    ),
    "falls-silent": Case(alice(stall_after="RCPT"), Stage.SEND, Diagnosis.CONNECTION_CLOSED),
    "busy-greeting": Case(
        alice(greeting_reply=(421, "4.3.2 Service not available, closing transmission channel")),
        Stage.GREETING,
        Diagnosis.TEMPORARY,
        421,
        logins=0,
    ),
    "no-greeting": Case(
        SmtpBehaviour(silent=True), Stage.GREETING, Diagnosis.NO_GREETING, logins=0
    ),
    "ssl-to-a-starttls-port": Case(
        alice(security=Security.STARTTLS),
        Stage.TLS,
        Diagnosis.TLS_FAILED,
        changes={"security": Security.SSL},
        logins=0,
    ),
}


@pytest.mark.parametrize("case", REFUSALS.values(), ids=REFUSALS.keys())
async def test_a_refusal_is_diagnosed_and_nothing_is_sent(
    start_server: StartServer, case: Case
) -> None:
    server = await start_server(case.behaviour)

    outcome = await send_test_message(
        settings_for(server, **case.changes), PASSWORD, timeouts=QUICK
    )

    assert (outcome.ok, outcome.stage, outcome.diagnosis) == (False, case.stage, case.diagnosis)
    assert (outcome.reply.code if outcome.reply else None) == case.code
    assert len(server.auth_attempts) == case.logins
    assert server.received == []
    assert outcome.message_id is None


@pytest.mark.parametrize("security", [Security.STARTTLS, Security.NONE])
async def test_an_unencrypted_start_on_port_465_is_told_to_choose_ssl(
    lab: Lab, security: Security
) -> None:
    """STARTTLS (or none) on port 465, which waits for a TLS handshake: the server never greets
    and hangs up in the end. That is a setting to change, not a server to wait for."""
    host = "smtp.implicit.test"
    server = lab.smtp(host, 465, SmtpBehaviour(security=Security.SSL, accounts={ADDRESS: PASSWORD}))
    settings = SendSettings(host, 465, security, ADDRESS, ADDRESS, allow_plaintext=True)

    outcome = await send_test_message(settings, PASSWORD, timeouts=QUICK)

    assert (outcome.ok, outcome.stage) == (False, Stage.GREETING)
    assert outcome.diagnosis is Diagnosis.IMPLICIT_TLS_PORT
    assert describe_diagnosis(outcome.diagnosis) == (
        "Port 465 is for connections encrypted from the start (SSL/TLS), and the server did "
        "not answer one without.",
        "Choose SSL/TLS for port 465, or STARTTLS with port 587.",
    )
    assert server.auth_attempts == [] and server.received == []


async def test_a_closed_port_is_reported_as_blocked() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # free once closed: nothing listens there

    outcome = await send_test_message(
        SendSettings("127.0.0.1", port, Security.SSL, ADDRESS, ADDRESS), PASSWORD
    )

    assert (outcome.ok, outcome.stage, outcome.diagnosis) == (
        False,
        Stage.CONNECT,
        Diagnosis.PORT_BLOCKED,
    )
    assert outcome.transcript == ()


# -- Certificates -------------------------------------------------------------------------------


@pytest.mark.parametrize("security", [Security.SSL, Security.STARTTLS])
@pytest.mark.parametrize(
    ("kind", "problem"),
    [
        (CertKind.EXPIRED, CertProblem.EXPIRED),
        (CertKind.SELF_SIGNED, CertProblem.SELF_SIGNED),
        (CertKind.WRONG_HOST, CertProblem.WRONG_HOST),
    ],
)
async def test_an_untrusted_certificate_stops_the_test_before_the_password(
    start_server: StartServer, security: Security, kind: CertKind, problem: CertProblem
) -> None:
    server = await start_server(alice(security=security, cert=kind))

    outcome = await send_test_message(settings_for(server), PASSWORD)

    assert (outcome.ok, outcome.stage, outcome.diagnosis) == (
        False,
        Stage.TLS,
        Diagnosis.CERTIFICATE,
    )
    assert outcome.certificate is not None
    assert (outcome.certificate.verified, outcome.certificate.problem) == (False, problem)
    assert outcome.certificate.sha256 == await presented_fingerprint(server)
    assert server.auth_attempts == []
    assert not any("AUTH" in line for line in outcome.transcript)
    assert server.received == []


@pytest.mark.parametrize(
    ("pin", "accepted"),
    [
        pytest.param(lambda real: real, True, id="as-shown"),
        pytest.param(lambda real: real.replace(":", "").lower(), True, id="typed-loosely"),
        # Another fingerprint whatever the real one is: its first byte changed (the server's
        # certificate is new at every run, so a fixed "00" matched it once in 256 runs).
        pytest.param(
            lambda real: ("01" if real.startswith("00") else "00") + real[2:],
            False,
            id="another-certificate",
        ),
    ],
)
async def test_a_pinned_certificate_is_accepted_only_if_it_is_that_one(
    start_server: StartServer, pin: Callable[[str], str], accepted: bool
) -> None:
    server = await start_server(alice(security=Security.SSL, cert=CertKind.SELF_SIGNED))
    real = await presented_fingerprint(server)

    outcome = await send_test_message(settings_for(server, pinned_sha256=pin(real)), PASSWORD)

    assert outcome.ok is accepted
    assert outcome.certificate is not None
    assert outcome.certificate.sha256 == real
    assert (outcome.certificate.verified, outcome.certificate.problem) == (
        False,
        CertProblem.SELF_SIGNED,
    )
    assert len(server.received) == int(accepted)
    assert len(server.auth_attempts) == int(accepted)
    if not accepted:
        assert (outcome.stage, outcome.diagnosis) == (Stage.TLS, Diagnosis.CERTIFICATE)


# -- Transcript and cancellation ----------------------------------------------------------------


async def test_the_transcript_never_shows_the_password(start_server: StartServer) -> None:
    server = await start_server(alice(security=Security.STARTTLS))

    outcome = await send_test_message(settings_for(server, username="alice"), PASSWORD)

    assert outcome.ok
    text = "\n".join(outcome.transcript)
    for secret in secrets("alice", PASSWORD) + secrets(ADDRESS, PASSWORD):
        assert secret not in text
    assert outcome.transcript.count("C: AUTH PLAIN ********") == 2
    assert "S: 535 5.7.8 Authentication credentials invalid" in outcome.transcript
    assert "S: 235 2.7.0 Authentication successful" in outcome.transcript
    for expected in ("C: STARTTLS", "C: DATA", "C: QUIT"):
        assert expected in outcome.transcript
    assert outcome.transcript[0].startswith("S: 220 ")
    assert any(line.startswith("S: 250-") for line in outcome.transcript)  # EHLO, line by line


@pytest.mark.parametrize(
    ("args", "continuing", "shown"),
    [
        ((b"AUTH", b"PLAIN", b"AGFsaWNlAHNlY3JldA=="), False, "AUTH PLAIN ********"),
        ((b"AUTH", b"LOGIN", b"YWxpY2U="), False, "AUTH LOGIN ********"),
        ((b"c2VjcmV0",), True, "********"),  # LOGIN's password, after 334
        ((b"AUTH", b"CRAM-MD5"), False, "AUTH CRAM-MD5"),
        ((b"YWxpY2UgZGlnZXN0",), True, "********"),  # CRAM-MD5's digest, after 334
        (
            (b"MAIL", "FROM:<zoë@example.test>".encode(), b"SMTPUTF8"),
            False,
            "MAIL FROM:<zoë@example.test> SMTPUTF8",
        ),
    ],
)
def test_auth_payloads_are_redacted_in_every_mechanism(
    args: tuple[bytes, ...], continuing: bool, shown: str
) -> None:
    assert command_line(args, continuing=continuing) == shown


@pytest.mark.parametrize(
    ("behaviour", "parked"),
    [
        pytest.param(SmtpBehaviour(silent=True), "open_connections", id="waiting-for-greeting"),
        pytest.param(
            alice(security=Security.SSL, stall_after="RCPT"), "auth_attempts", id="mid-session"
        ),
    ],
)
async def test_cancelling_stops_at_once_and_closes_the_connection(
    start_server: StartServer, behaviour: SmtpBehaviour, parked: str
) -> None:
    server = await start_server(behaviour)
    task = asyncio.create_task(send_test_message(settings_for(server), PASSWORD))
    await server.wait_until(lambda: bool(getattr(server, parked)))

    task.cancel()

    with pytest.raises(asyncio.CancelledError):
        await task
    async with asyncio.timeout(2):
        await server.wait_until(lambda: server.open_connections == 0)


# -- Diagnosis of real replies ------------------------------------------------------------------

# Real replies: where each came (the stage, or the command while sending), the reply as the
# server sent it ("\\n" between the lines of a multi-line one; help links cut off) and what it
# means. Google, Microsoft, Postfix, Dovecot, Exim, Yahoo, postgrey, Amazon SES...
REAL_REPLIES = """
AUTH 535 5.7.8 Username and Password not accepted. For more information, go to\\n5.7.8 https:
    => google-password-refused
AUTH 535 5.7.8 Username and Password not accepted. Learn more at\\n5.7.8
    https://support.google.com/mail/?p=BadCredentials
    => google-password-refused
AUTH 534 5.7.9 Application-specific password required. Learn more at\\n5.7.9 https://support.
    => app-password-required
AUTH 534 5.7.9 Application-specific password required. Learn more at\\n5.7.9
    https://support.google.com/mail/?p=InvalidSecondFactor
    => app-password-required
AUTH 534 5.7.14 <https://accounts.google.com/signin/continue?sarp=1>\\n5.7.14 Please log in via
    your web browser and\\n5.7.14 then try again.
    => web-login-required
AUTH 534 5.7.9 Please log in with your web browser and then try again. Learn more at
    https://support.google.com/mail/?p=WebLoginRequired
    => web-login-required
AUTH 535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.
    Visit https://aka.ms/smtp_auth_disabled for more information.
    => smtp-auth-disabled
AUTH 535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox.
    Visit https://aka.ms/smtp_auth_disabled for more information.
    => smtp-auth-disabled
AUTH 535 5.7.139 Authentication unsuccessful, basic authentication is disabled.
    [BN9PR03CA0001.namprd03.prod.outlook.com 2026-11-02T10:00:00.000Z 08DD0000000000]
    => basic-auth-disabled
AUTH 535 5.7.139 Authentication unsuccessful, user is locked by your organization's security
    defaults policy. Contact your administrator.
    => auth-disabled
AUTH 535 5.7.139 Authentication unsuccessful, the request did not meet the criteria to be
    authenticated successfully. Contact your administrator.
    => auth-disabled
AUTH 535 5.7.139 Authentication unsuccessful, the user credentials were incorrect.
    => wrong-password
AUTH 535 5.7.3 Authentication unsuccessful [AM0PR02CA0001.eurprd02.prod.outlook.com]
    => wrong-password
AUTH 535 5.7.8 Error: authentication failed: authentication failure
    => wrong-password
AUTH 535 Incorrect authentication data
    => wrong-password
AUTH 535 5.7.0 (#AUTH005) Too many bad auth attempts.
    => too-many-attempts
AUTH 535 5.7.1 Authentication disabled
    => auth-disabled
AUTH 530 5.7.0 Must issue a STARTTLS command first
    => starttls-required
AUTH 538 5.7.11 Encryption required for requested authentication mechanism
    => starttls-required
AUTH 503 5.5.1 Error: authentication not enabled
    => auth-not-offered
AUTH 504 5.5.4 Unrecognized authentication type
    => auth-not-offered
AUTH 454 4.7.0 Temporary authentication failure
    => temporary
AUTH 550 5.7.1 Access denied
    => unknown
AUTH 334 VXNlcm5hbWU6
    => unknown
MAIL 553 5.7.1 <bob@example.org>: Sender address rejected: not owned by user alice@example.test
    => sender-rejected
MAIL 550 5.7.60 SMTP; Client does not have permissions to send as this sender
    => sender-rejected
MAIL 553 5.1.8 <alice@nowhere.invalid>: Sender address rejected: Domain not found
    => sender-rejected
MAIL 550 5.1.7 Invalid sender
    => sender-rejected
MAIL 530 5.7.0 Must issue a STARTTLS command first
    => starttls-required
MAIL 421 4.7.0 Try again later, closing connection. (MAIL)
    => greylisted
RCPT 554 5.7.1 <bob@elsewhere.test>: Relay access denied
    => relay-denied
RCPT 553 5.7.1 <mallory@example.test>: Sender address rejected: not owned by user alice@example.test
    => sender-rejected
RCPT 550 5.7.1 Unable to relay for bob@elsewhere.test
    => relay-denied
RCPT 550 relay not permitted
    => relay-denied
RCPT 550 5.1.1 <bob@example.test>: Recipient address rejected: User unknown in virtual mailbox
    => recipient-rejected
RCPT 553 5.1.3 Invalid address
    => recipient-rejected
RCPT 450 4.2.0 <bob@example.test>: Recipient address rejected: Greylisted, see http://postgrey
    => greylisted
RCPT 451 4.7.1 Please try again later
    => greylisted
RCPT 451 4.7.1 <bob@example.test>: Recipient address rejected: Service is unavailable
    => greylisted
RCPT 450 4.2.1 The user you are trying to contact is receiving mail at a rate that prevents
    additional messages from being delivered.
    => temporary
RCPT 452 4.5.3 Too many recipients
    => temporary
DATA 554 5.7.1 Message rejected as spam
    => message-rejected
DATA 554 Message rejected: Email address is not verified.
    => message-rejected
DATA 552 5.3.4 Message size exceeds fixed maximum message size
    => message-rejected
DATA 451 4.3.0 Error: queue file write error
    => temporary
SEND 500 5.5.2 Syntax error
    => unknown
GREETING 421 4.3.2 Service not available
    => temporary
GREETING 554 5.7.1 Client host [192.0.2.1] blocked using zen.spamhaus.org
    => unknown
TLS 454 4.7.0 TLS not available due to local problem
    => temporary
"""


def real_replies() -> Iterator[ParameterSet]:
    """The table above as test cases: an entry's text may go on over indented lines."""
    words: list[str] = []
    for line in REAL_REPLIES.strip().splitlines():
        if not line.lstrip().startswith("=> "):
            words.append(line.strip())
            continue
        where, code, text = " ".join(words).split(" ", 2)
        expected = Diagnosis(line.split("=> ", 1)[1])
        command = where if where in ("MAIL", "RCPT", "DATA") else None
        stage = Stage.SEND if command else Stage(where.lower())
        reply = Reply(int(code), text.replace("\\n", "\n"))
        yield pytest.param(stage, command, reply, expected, id=f"{where}-{code}-{expected}")
        words = []


@pytest.mark.parametrize(("stage", "command", "reply", "expected"), list(real_replies()))
def test_real_server_replies_are_diagnosed(
    stage: Stage, command: str | None, reply: Reply, expected: Diagnosis
) -> None:
    assert diagnose(stage, reply, command=command) is expected


@pytest.mark.parametrize(
    ("failure", "expected"),
    [
        (ProbeFailure.NO_SUCH_HOST, Diagnosis.NO_SUCH_HOST),
        (ProbeFailure.REFUSED, Diagnosis.PORT_BLOCKED),
        (ProbeFailure.CONNECT_TIMEOUT, Diagnosis.PORT_BLOCKED),
        (ProbeFailure.NO_GREETING, Diagnosis.NO_GREETING),
        (ProbeFailure.NOT_SMTP, Diagnosis.NO_GREETING),
        (ProbeFailure.TLS_FAILED, Diagnosis.TLS_FAILED),
        (ProbeFailure.NO_STARTTLS, Diagnosis.STARTTLS_MISSING),
        (ProbeFailure.CLOSED, Diagnosis.CONNECTION_CLOSED),
    ],
)
def test_without_a_reply_what_the_connection_did_decides(
    failure: ProbeFailure, expected: Diagnosis
) -> None:
    assert diagnose(Stage.CONNECT, None, failure=failure) is expected
    # aiosmtplib's -1 stands for "not an SMTP reply": no better witness than the failure.
    assert diagnose(Stage.GREETING, Reply(-1, "HTTP/1.1 400"), failure=failure) is expected


def test_a_reply_is_a_better_witness_than_the_connection() -> None:
    reply = Reply(421, "4.7.0 Too many connections from your IP")
    assert diagnose(Stage.GREETING, reply, failure=ProbeFailure.CLOSED) is Diagnosis.TEMPORARY
    assert diagnose(Stage.SEND, None) is Diagnosis.UNKNOWN


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("5.7.139 Authentication unsuccessful", "5.7.139"),
        ("  4.7.1 Greylisted", "4.7.1"),
        ("2.0.0 Ok: queued as 4ABC", "2.0.0"),
        ("Authentication unsuccessful 5.7.8", None),
        ("3.1.1 not a class", None),
        ("5.7.1234 too long", None),
        ("5.7.1.2 four parts", None),
    ],
)
def test_the_enhanced_status_code_is_read_from_the_start_only(text: str, code: str | None) -> None:
    assert enhanced_code(text) == code


@pytest.mark.parametrize("diagnosis", list(Diagnosis))
def test_every_diagnosis_is_explained_with_a_next_step(diagnosis: Diagnosis) -> None:
    calls: list[str] = []

    def tr(context: str, text: str) -> str:
        calls.append(context)
        return f"«{text}»"

    happened, remedy = describe_diagnosis(diagnosis, tr)

    assert calls == ["Messages", "Messages"]
    assert happened.startswith("«") and remedy.startswith("«")
    assert happened != remedy
    assert happened.endswith(".»") and remedy.endswith(".»")


@pytest.mark.parametrize(
    "label",
    [
        *map(stage_label, Stage),
        *(
            describe_certificate_problem(Certificate("AB", verified=False, problem=problem))
            for problem in CertProblem
        ),
    ],
)
def test_every_stage_and_certificate_problem_has_words(label: str) -> None:
    assert label.strip()


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        (CertKind.EXPIRED, "The certificate expired on {not_after}."),
        (
            CertKind.NOT_YET_VALID,
            "The certificate is valid only from {not_before}; check this computer's date and time.",
        ),
        (CertKind.WRONG_HOST, f"The certificate was issued for {WRONG_HOST}, not for {HOST}."),
        (
            CertKind.UNKNOWN_ISSUER,
            "The certificate was not issued by an authority your computer trusts.",
        ),
    ],
)
async def test_a_refused_certificate_is_told_as_a_person_understands_it(
    start_server: StartServer, kind: CertKind, words: str
) -> None:
    server = await start_server(alice(security=Security.SSL, cert=kind))

    outcome = await send_test_message(settings_for(server), PASSWORD)

    certificate = outcome.certificate
    assert certificate is not None and certificate.host == HOST
    # The lab's certificates: expired yesterday, valid from tomorrow, or for another name.
    now = datetime.now(UTC)
    if kind is CertKind.EXPIRED:
        assert certificate.not_after is not None and certificate.not_after < now
    if kind is CertKind.NOT_YET_VALID:
        assert certificate.not_before is not None and certificate.not_before > now
    assert certificate.names == ((WRONG_HOST,) if kind is CertKind.WRONG_HOST else (HOST,))
    days = {
        "not_after": certificate.not_after and certificate.not_after.astimezone().date(),
        "not_before": certificate.not_before and certificate.not_before.astimezone().date(),
    }
    assert words.format(**days) in describe_outcome(outcome)
    # A day as the caller's locale writes it.
    if kind is CertKind.EXPIRED:
        german = describe_outcome(outcome, date=lambda when: when.strftime("%d.%m.%Y"))
        assert f"The certificate expired on {certificate.not_after:%d.%m.%Y}." in german


async def test_the_outcome_is_told_with_the_servers_words_and_the_certificate(
    start_server: StartServer,
) -> None:
    refusing = await start_server(alice(security=Security.SSL))
    self_signed = await start_server(alice(security=Security.SSL, cert=CertKind.SELF_SIGNED))

    sent = await send_test_message(settings_for(refusing), PASSWORD)
    refused = await send_test_message(settings_for(refusing), "wrong")
    untrusted = await send_test_message(settings_for(self_signed), PASSWORD)

    assert describe_outcome(sent) == [
        "The server accepted the test message: sending works.",
        f"Logged in as “{ADDRESS}”.",
        f"Message-ID: {sent.message_id}",
    ]
    assert describe_outcome(refused) == [
        *describe_diagnosis(Diagnosis.WRONG_PASSWORD),
        "The test stopped at this step: Log in.",
        "The server answered: 535 5.7.8 Authentication credentials invalid",
    ]
    assert untrusted.certificate is not None
    assert describe_outcome(untrusted) == [
        *describe_diagnosis(Diagnosis.CERTIFICATE),
        "The test stopped at this step: Secure the connection.",
        "The certificate is self-signed: no authority vouches for it.",
        f"Certificate fingerprint (SHA-256): {untrusted.certificate.sha256}",
    ]


async def test_a_chosen_sign_in_method_is_the_one_used(start_server: StartServer) -> None:
    server = await start_server(alice(security=Security.SSL))

    outcome = await send_test_message(settings_for(server, auth_method="LOGIN"), PASSWORD)

    assert outcome.ok
    assert any(line.startswith("C: AUTH LOGIN") for line in outcome.transcript)
    assert not any(line.startswith("C: AUTH PLAIN") for line in outcome.transcript)


async def test_a_chosen_sign_in_method_the_server_lacks_is_not_replaced(
    start_server: StartServer,
) -> None:
    server = await start_server(alice(security=Security.SSL))

    outcome = await send_test_message(settings_for(server, auth_method="CRAM-MD5"), PASSWORD)

    assert not outcome.ok
    assert outcome.diagnosis is Diagnosis.AUTH_NOT_OFFERED
    assert server.auth_attempts == []
    assert server.received == []
