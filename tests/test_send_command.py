"""``email-setup-wizard send``, the sendmail-compatible sender, as programs run it.

The installed program runs in a subprocess inside the lab, its account stored as ``setup``
leaves it (profile file, password in the private gnome-keyring of tests/lab/with-keyring); the
tests check sendmail's exit codes, what the user reads on stderr, and what the lab's SMTP
servers and the real Postfix received.
"""

from __future__ import annotations

import contextlib
import email.policy
import os
import subprocess
from email.parser import BytesParser
from pathlib import Path
from typing import TYPE_CHECKING

import keyring
import pytest

from tests.lab.postfix import DOMAIN as POSTFIX_DOMAIN
from tests.lab.smtp_server import SmtpBehaviour
from tests.test_cli_accounts import profiles_file, program
from wizard.model import Security
from wizard.outbound.message import MAX_MESSAGE_BYTES
from wizard.profiles import AccountProfile, ProfileStore

if TYPE_CHECKING:
    from collections.abc import Mapping
    from email.message import EmailMessage

    from tests.lab.postfix import PostfixLab
    from tests.lab.smtp_server import LabSmtpServer, ReceivedMessage
    from tests.lab.world import Lab

pytestmark = pytest.mark.usefixtures("private_keychain")

PASSWORD = "s3cret ✓ pass"


def set_up(config_home: Path, address: str, host: str, port: int, **changes: object) -> None:
    """``address`` set up as ``setup`` leaves it: logging in as itself, implicit TLS unless
    ``changes`` say otherwise, its password in the keychain."""
    fields: dict[str, object] = {
        "display_name": "Alice Example",
        "address": address,
        "host": host,
        "port": port,
        "security": Security.SSL,
        "username": address,
        **changes,
    }
    profile = AccountProfile(**fields)  # type: ignore[arg-type]
    ProfileStore(profiles_file(config_home)).save(profile)
    keyring.set_password(profile.keychain_service, profile.username, PASSWORD)


def lab_server(lab: Lab, domain: str, **behaviour: object) -> LabSmtpServer:
    """``smtp.<domain>`` on 465 (implicit TLS), where ``alice@<domain>`` logs in."""
    accounts = {f"alice@{domain}": PASSWORD}
    options: dict[str, object] = {"security": Security.SSL, "accounts": accounts, **behaviour}
    return lab.smtp(f"smtp.{domain}", 465, SmtpBehaviour(**options))  # type: ignore[arg-type]


@pytest.fixture
def alice(lab: Lab, config_home: Path, domain: str) -> tuple[str, LabSmtpServer]:
    """Alice's account, set up, and her provider's server."""
    address = f"alice@{domain}"
    server = lab_server(lab, domain)
    set_up(config_home, address, f"smtp.{domain}", 465)
    return address, server


def send(
    lab: Lab,
    config_home: Path,
    *args: str,
    message: str | bytes,
    env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``email-setup-wizard send ARGS`` with ``message`` on standard input."""
    data = message.encode() if isinstance(message, str) else message
    done = subprocess.run(
        [program(), "send", *args],
        input=data,
        capture_output=True,
        env={**lab.env(), "XDG_CONFIG_HOME": str(config_home), **(env or {})},
        timeout=60,
        check=False,
    )
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode(), done.stderr.decode()
    )


def parsed(data: bytes) -> EmailMessage:
    """A message as it arrived, with the wire's CRLF line endings made Python's."""
    message = BytesParser(policy=email.policy.default).parsebytes(data.replace(b"\r\n", b"\n"))
    assert isinstance(message, email.message.EmailMessage)
    return message


def sent_with_t(
    lab: Lab, config_home: Path, server: LabSmtpServer, message: str
) -> ReceivedMessage:
    """``send -t -i`` with ``message``: what ``server`` received, once it was sent silently."""
    done = send(lab, config_home, "-t", "-i", message=message)

    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    [received] = server.received
    return received


# -- what arrives -----------------------------------------------------------------------------


def test_bcc_recipients_get_the_message_without_seeing_the_bcc(
    lab: Lab, config_home: Path, alice: tuple[str, LabSmtpServer], domain: str
) -> None:
    address, server = alice
    message = (
        f"From: Alice Example <{address}>\n"
        f"To: Bob <bob@{domain}>\n"
        f"Cc: carol@{domain}\n"
        f"Bcc: dave@{domain},\n"
        f" erin@{domain}\n"
        "Subject: Minutes\n"
        "\n"
        "See you on Monday.\n"
    )

    received = sent_with_t(lab, config_home, server, message)

    assert received.mail_from == address
    assert received.rcpt_tos == tuple(
        f"{name}@{domain}" for name in ("bob", "carol", "dave", "erin")
    )
    assert received.auth_login == address and received.tls
    assert b"Bcc" not in received.data and b"dave@" not in received.data
    arrived = parsed(received.data)
    assert arrived["Subject"] == "Minutes"
    assert arrived["Cc"] == f"carol@{domain}"
    assert arrived["Message-ID"].endswith(f"@{domain}>")  # added, in the sender's domain
    assert arrived["Date"].datetime.tzinfo is not None  # added
    assert arrived.get_content() == "See you on Monday.\n"


def test_t_sends_a_resent_message_to_its_resent_recipients_only(
    lab: Lab, config_home: Path, alice: tuple[str, LabSmtpServer], domain: str
) -> None:
    """sendmail -t's resend mode (RFC 5322 3.6.6): a message Alice passes on goes to the
    newest Resent-To, Resent-Cc and Resent-Bcc, not again to the original's To, Cc and Bcc
    nor to an earlier resending's; her Resent-From chooses her account (the original's From
    has none here), and what a resending needs and lacks is added."""
    address, server = alice
    message = (
        f"Resent-From: Alice Example <{address}>\n"
        f"Resent-To: Bob <bob@{domain}>\n"
        f"Resent-Cc: carol@{domain}\n"
        f"Resent-Bcc: dave@{domain}\n"
        f"Resent-From: mallory@{domain}\n"
        f"Resent-To: trent@{domain}\n"
        f"From: Peggy <peggy@{domain}>\n"
        f"To: victor@{domain}\n"
        f"Bcc: walter@{domain}\n"
        "Subject: Minutes\n"
        "Date: Mon, 7 Dec 2026 10:00:00 +0100\n"
        f"Message-ID: <minutes@{domain}>\n"
        "\n"
        "See you on Monday.\n"
    )

    received = sent_with_t(lab, config_home, server, message)

    assert received.mail_from == address
    assert received.auth_login == address
    assert received.rcpt_tos == tuple(f"{name}@{domain}" for name in ("bob", "carol", "dave"))
    assert b"Bcc" not in received.data and b"dave@" not in received.data
    assert b"walter@" not in received.data
    arrived = parsed(received.data)
    assert arrived["Resent-Message-ID"].endswith(f"@{domain}>")  # added, with Resent-Date
    assert arrived["Resent-Date"].datetime.tzinfo is not None
    assert arrived["Message-ID"] == f"<minutes@{domain}>"  # the original's, kept
    assert arrived["From"] == f"Peggy <peggy@{domain}>"
    assert arrived.get_content() == "See you on Monday.\n"


def test_a_utf8_recipient_travels_with_smtputf8_and_8bitmime(
    lab: Lab, config_home: Path, alice: tuple[str, LabSmtpServer]
) -> None:
    address, server = alice
    message = (
        "Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\n"
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: 8bit\n"
        "\n"
        "Grüße aus Köln\n"
    )

    done = send(lab, config_home, "jörg@bücher.example", message=message)

    assert done.returncode == 0, done.stderr
    [received] = server.received
    assert received.rcpt_tos == ("jörg@xn--bcher-kva.example",)
    assert set(received.mail_options) == {"SMTPUTF8", "BODY=8BITMIME"}
    arrived = parsed(received.data)
    assert arrived["From"] == f"Alice Example <{address}>"  # added from the account
    assert arrived.get_content() == "Grüße aus Köln\n"  # the 8-bit body, untouched


def test_a_utf8_recipient_fails_clearly_without_smtputf8(
    lab: Lab, config_home: Path, domain: str
) -> None:
    address = f"alice@{domain}"
    server = lab_server(lab, domain, withheld=frozenset({"SMTPUTF8"}))
    set_up(config_home, address, f"smtp.{domain}", 465)

    done = send(lab, config_home, "jörg@bücher.example", message="Subject: hi\n\nhi\n")

    assert done.returncode == 69  # EX_UNAVAILABLE
    assert "accented or non-Latin letters" in done.stderr
    assert "SMTPUTF8" in done.stderr
    assert "The message was not sent." in done.stderr
    assert server.received == []


def test_8bit_text_is_re_encoded_for_a_server_without_8bitmime(
    lab: Lab, config_home: Path, domain: str
) -> None:
    address = f"alice@{domain}"
    server = lab_server(lab, domain, withheld=frozenset({"8BITMIME"}))
    set_up(config_home, address, f"smtp.{domain}", 465)
    message = (
        "Subject: hi\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: 8bit\n\nGrüße\n"
    )

    done = send(lab, config_home, f"bob@{domain}", message=message)

    assert done.returncode == 0, done.stderr
    [received] = server.received
    assert received.mail_options == ()
    assert received.data.isascii()
    assert parsed(received.data).get_content() == "Grüße\n"


# -- refusals and their exit codes -----------------------------------------------------------


@pytest.mark.parametrize(
    ("behaviour", "status", "said"),
    [
        pytest.param(
            {"rcpt_reply": (550, "5.1.1 <bob@x> User unknown")},
            67,  # EX_NOUSER
            "Refused: bob@",
            id="unknown-recipient",
        ),
        pytest.param(
            {"rcpt_reply": (451, "4.7.1 Greylisted, try again later")},
            75,  # EX_TEMPFAIL
            "Try again in a few minutes.",
            id="greylisted",
        ),
        pytest.param(
            {"data_reply": (554, "5.7.1 Message rejected as spam")},
            69,  # EX_UNAVAILABLE
            "The server answered: 554 5.7.1 Message rejected as spam",
            id="content-refused",
        ),
        pytest.param(
            {"mail_from_reply": (553, "5.7.1 Sender address rejected: not owned by user")},
            77,  # EX_NOPERM
            "refused to send mail from this address",
            id="sender-refused",
        ),
    ],
)
def test_a_server_refusal_is_the_callers_error(
    lab: Lab,
    config_home: Path,
    domain: str,
    behaviour: dict[str, object],
    status: int,
    said: str,
) -> None:
    address = f"alice@{domain}"
    server = lab_server(lab, domain, **behaviour)
    set_up(config_home, address, f"smtp.{domain}", 465)

    done = send(lab, config_home, f"bob@{domain}", message="Subject: hi\n\nhi\n")

    assert done.returncode == status, done.stderr
    assert said in done.stderr
    assert done.stderr.startswith("email-setup-wizard: ")
    assert "The message was not sent." in done.stderr
    assert server.received == []  # never queued, never half-sent


def test_a_wrong_password_after_a_password_change(
    lab: Lab, config_home: Path, alice: tuple[str, LabSmtpServer], domain: str
) -> None:
    address, server = alice
    server.behaviour.accounts[address] = "the new password"  # changed at the provider

    done = send(lab, config_home, f"bob@{domain}", message="Subject: hi\n\nhi\n")

    assert done.returncode == 77, done.stderr  # EX_NOPERM
    assert "did not accept the username or password" in done.stderr
    assert f"email-setup-wizard setup {address}" in done.stderr
    assert "535" in done.stderr
    assert server.auth_attempts == [(address, False)]  # one attempt: no lockout risk
    assert server.received == []
    assert PASSWORD not in done.stdout + done.stderr


def test_the_conversation_on_request_never_shows_the_password(
    lab: Lab, config_home: Path, alice: tuple[str, LabSmtpServer], domain: str
) -> None:
    done = send(lab, config_home, "-v", f"bob@{domain}", message="Subject: hi\n\nhi\n")

    assert done.returncode == 0, done.stderr
    assert "C: AUTH PLAIN ********" in done.stderr
    assert "C: DATA" in done.stderr
    assert PASSWORD not in done.stderr


def test_an_unreachable_server_is_a_temporary_failure(
    lab: Lab, config_home: Path, domain: str
) -> None:
    address = f"alice@{domain}"
    lab.host(f"smtp.{domain}")  # the name exists; nothing listens
    set_up(config_home, address, f"smtp.{domain}", 465)

    done = send(lab, config_home, f"bob@{domain}", message="hi\n")

    assert done.returncode == 75, done.stderr  # EX_TEMPFAIL: the caller keeps the message
    assert "could not be reached" in done.stderr


def test_a_slow_server_cannot_hold_the_caller_past_the_send_timeout(
    lab: Lab, config_home: Path, domain: str
) -> None:
    address = f"alice@{domain}"
    lab_server(lab, domain, reply_delay=0.3)  # every line in time, all of them not
    set_up(config_home, address, f"smtp.{domain}", 465)

    done = send(lab, config_home, "--send-timeout", "1", f"bob@{domain}", message="hi\n")

    assert done.returncode == 75, done.stderr  # EX_TEMPFAIL: the caller keeps the message
    assert "the time limit for sending ran out" in done.stderr
    refused = send(lab, config_home, "--send-timeout", "-5", f"bob@{domain}", message="hi\n")
    assert refused.returncode == 64
    assert "--send-timeout: expected seconds between 0 and 600, got '-5'" in refused.stderr


# -- choosing the account, and using the command wrongly ------------------------------------


def test_the_account_is_chosen_by_from_or_f_or_account(
    lab: Lab, config_home: Path, domain: str
) -> None:
    alias = f"sales@{domain}"
    server = lab_server(lab, domain, accounts={f"alice@{domain}": PASSWORD, alias: PASSWORD})
    set_up(config_home, f"alice@{domain}", f"smtp.{domain}", 465)
    set_up(config_home, alias, f"smtp.{domain}", 465, display_name="Sales")

    by_from = send(lab, config_home, f"bob@{domain}", message=f"From: {alias}\n\nhi\n")
    by_f = send(lab, config_home, "-f", alias, f"bob@{domain}", message="hi\n")
    by_account = send(lab, config_home, f"--account={alias}", f"bob@{domain}", message="hi\n")

    assert [done.returncode for done in (by_from, by_f, by_account)] == [0, 0, 0]
    assert [message.auth_login for message in server.received] == [alias] * 3
    assert [message.mail_from for message in server.received] == [alias] * 3
    assert parsed(server.received[1].data)["From"] == f"Sales <{alias}>"


@pytest.mark.parametrize(
    ("args", "message", "status", "said"),
    [
        pytest.param(["-t"], "Subject: hi\n\nhi\n", 64, "no recipients", id="no-recipients"),
        pytest.param(["-q"], "", 64, "option -q not recognized", id="queue-run"),
        pytest.param(["-bp"], "", 64, "keeps no queue", id="list-queue"),
        pytest.param(["bob"], "hi\n", 64, "bob: An email address needs", id="bad-recipient"),
        pytest.param(
            ["-t"], "To: bob@@example.test\n\nhi\n", 65, "bob@@example.test", id="bad-header"
        ),
        pytest.param(
            ["-f", "nobody@example.test", "bob@example.test"],
            "hi\n",
            78,
            "No account for nobody@example.test is set up",
            id="no-account",
        ),
    ],
)
def test_what_cannot_be_sent_is_refused_before_connecting(
    lab: Lab,
    config_home: Path,
    alice: tuple[str, LabSmtpServer],
    args: list[str],
    message: str,
    status: int,
    said: str,
) -> None:
    _, server = alice

    done = send(lab, config_home, *args, message=message)

    assert done.returncode == status, done.stderr
    assert said in done.stderr
    assert "Traceback" not in done.stderr
    assert server.sessions == 0


def test_several_accounts_and_nothing_says_which(lab: Lab, config_home: Path, domain: str) -> None:
    set_up(config_home, f"alice@{domain}", f"smtp.{domain}", 465)
    set_up(config_home, f"sales@{domain}", f"smtp.{domain}", 465)

    done = send(lab, config_home, f"bob@{domain}", message="hi\n")

    assert done.returncode == 78  # EX_CONFIG
    assert "--account ADDRESS" in done.stderr


def test_a_password_missing_from_the_keychain(
    lab: Lab, config_home: Path, alice: tuple[str, LabSmtpServer], domain: str
) -> None:
    address, server = alice
    keyring.delete_password(f"smtp://smtp.{domain}:465", address)

    done = send(lab, config_home, f"bob@{domain}", message="hi\n")

    assert done.returncode == 78
    assert f"holds no password for {address}" in done.stderr
    assert server.sessions == 0


def test_a_lone_dot_ends_the_message_unless_i(
    lab: Lab, config_home: Path, alice: tuple[str, LabSmtpServer], domain: str
) -> None:
    _, server = alice
    message = "Subject: dots\n\nbefore\n.\nafter\n"

    assert send(lab, config_home, f"bob@{domain}", message=message).returncode == 0
    assert send(lab, config_home, "-oi", f"bob@{domain}", message=message).returncode == 0

    cut, whole = (parsed(received.data).get_content() for received in server.received)
    assert cut == "before\n"
    assert whole == "before\n.\nafter\n"


@pytest.mark.parametrize("args", [["-i"], []], ids=["to-end-of-input", "to-lone-dot"])
def test_an_endless_message_is_refused_at_the_limit_without_reading_on(
    lab: Lab, config_home: Path, alice: tuple[str, LabSmtpServer], domain: str, args: list[str]
) -> None:
    """A runaway producer (a script's loop, a log piped in by mistake) cannot make ``send``
    hold more than its limit: it stops reading there, says so, and the writer is stopped by
    the closed pipe after at most the limit and what the pipe buffers."""
    _, server = alice
    process = subprocess.Popen(
        [program(), "send", *args, f"bob@{domain}"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**lab.env(), "XDG_CONFIG_HOME": str(config_home)},
    )
    assert process.stdin is not None
    line = b"Subject: logs\n" + b"x" * 1023 + b"\n"
    chunk = line * 1024  # 1 MiB
    written = 0
    try:
        while written < 3 * MAX_MESSAGE_BYTES:
            process.stdin.write(chunk)
            written += len(chunk)
    except BrokenPipeError:
        stopped = True
    else:
        stopped = False
    finally:
        with contextlib.suppress(BrokenPipeError):
            process.stdin.close()
    assert process.stdout is not None and process.stderr is not None
    with process.stdout, process.stderr:
        err, out = process.stderr.read(), process.stdout.read()  # a few lines at most
    process.wait(timeout=60)

    assert stopped, f"all {written} bytes were taken"
    assert written < MAX_MESSAGE_BYTES + 2 * len(chunk)
    assert process.returncode == 69, err  # EX_UNAVAILABLE, as for a server's size refusal
    said = err.decode()
    limit = f"{MAX_MESSAGE_BYTES // 2**20} MiB"
    assert said.startswith(f"email-setup-wizard: The message is larger than {limit}")
    assert "share large files as a link" in said
    assert "Traceback" not in said
    assert out == b""
    assert server.sessions == 0


def test_sendmail_by_name_and_by_option(
    lab: Lab, config_home: Path, alice: tuple[str, LabSmtpServer], domain: str, tmp_path: Path
) -> None:
    """Programs that take only a path to sendmail get one: a symlink named ``sendmail``."""
    _, server = alice
    sendmail = tmp_path / "sendmail"
    sendmail.symlink_to(program())
    env = {**lab.env(), "XDG_CONFIG_HOME": str(config_home)}

    for command in ([str(sendmail)], [program(), "--sendmail-compat"]):
        done = subprocess.run(
            [*command, "-oi", "-t"],
            input=f"To: bob@{domain}\nSubject: by name\n\nhi\n".encode(),
            capture_output=True,
            env=env,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr

    assert [received.rcpt_tos for received in server.received] == [(f"bob@{domain}",)] * 2


# -- the real MTA ---------------------------------------------------------------------------


def postfix_env(mta: PostfixLab, config_home: Path, tmp_path: Path) -> dict[str, str]:
    """The program's environment for the Postfix lab: only its CA is trusted."""
    no_more_cas = tmp_path / "no-more-cas"
    no_more_cas.mkdir(exist_ok=True)
    env = dict(os.environ, SSL_CERT_FILE=str(mta.ca_pem), SSL_CERT_DIR=str(no_more_cas))
    env.pop("REQUESTS_CA_BUNDLE", None)
    return {**env, "XDG_CONFIG_HOME": str(config_home)}


def postfix_send(
    mta: PostfixLab, config_home: Path, tmp_path: Path, *args: str, message: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [program(), "send", *args],
        input=message,
        capture_output=True,
        text=True,
        env=postfix_env(mta, config_home, tmp_path),
        timeout=60,
        check=False,
    )


@pytest.fixture
def postfix_alice(mta: PostfixLab, config_home: Path) -> PostfixLab:
    """Alice's account at the Postfix lab (submission with STARTTLS), set up."""
    address = mta.account.address
    profile = AccountProfile(
        "Alice Example", address, mta.host, mta.starttls_port, Security.STARTTLS, address
    )
    ProfileStore(profiles_file(config_home)).save(profile)
    keyring.set_password(profile.keychain_service, address, mta.account.password)
    return mta


@pytest.mark.parametrize(
    ("head", "names", "kept"),
    [
        pytest.param(
            f"From: Alice Example <{{alice}}>\nTo: bob@{POSTFIX_DOMAIN}\n"
            f"Bcc: carol@{POSTFIX_DOMAIN}, jörg@{POSTFIX_DOMAIN}\n",
            ("bob", "carol", "jörg"),
            {"From": "Alice Example <{alice}>"},
            id="bcc-and-utf8",
        ),
        pytest.param(
            f"Resent-From: {{alice}}\nResent-To: bob@{POSTFIX_DOMAIN}\n"
            f"Resent-Bcc: carol@{POSTFIX_DOMAIN}\n"
            f"From: jörg@{POSTFIX_DOMAIN}\nTo: jörg@{POSTFIX_DOMAIN}\n",
            ("bob", "carol"),  # not Jörg, who wrote it and had it
            {"Resent-From": "{alice}", "To": f"jörg@{POSTFIX_DOMAIN}"},
            id="resent",
        ),
    ],
)
def test_postfix_delivers_to_bcc_and_resent_recipients(
    postfix_alice: PostfixLab,
    config_home: Path,
    tmp_path: Path,
    head: str,
    names: tuple[str, ...],
    kept: dict[str, str],
) -> None:
    mta = postfix_alice
    alice = mta.account.address
    message = head.format(alice=alice) + "Subject: Postfix\n\nhello\n"

    done = postfix_send(mta, config_home, tmp_path, "-t", message=message)

    assert done.returncode == 0, done.stderr + mta.logs()
    delivered = mta.delivered(expected=len(names))
    assert sorted(str(m["Delivered-To"]) for m in delivered) == sorted(
        f"{name}@{POSTFIX_DOMAIN}" for name in names
    )
    for arrived in delivered:
        assert "Bcc" not in arrived and "Resent-Bcc" not in arrived
        assert arrived["Subject"] == "Postfix"
        for name, value in kept.items():
            assert arrived[name] == value.format(alice=alice)
        # Postfix's record: SMTPUTF8 (Jörg's address), logged in (A), over TLS (S).
        assert " with UTF8SMTPSA id " in arrived["Received"]


def test_postfix_refuses_an_unknown_recipient_and_nobody_gets_the_message(
    postfix_alice: PostfixLab, config_home: Path, tmp_path: Path
) -> None:
    """Nothing is sent unless every recipient was accepted, so that no caller has to find
    out afterwards who got the message."""
    mta = postfix_alice
    recipients = (f"bob@{POSTFIX_DOMAIN}", f"nobody@{POSTFIX_DOMAIN}")

    done = postfix_send(mta, config_home, tmp_path, *recipients, message="Subject: x\n\nx\n")

    assert done.returncode == 67, done.stderr  # EX_NOUSER
    assert f"Refused: nobody@{POSTFIX_DOMAIN} (550 5.1.1" in done.stderr
    assert "Refused: bob@" not in done.stderr
    assert mta.delivered(expected=0) == []


def test_postfix_after_a_password_change(
    postfix_alice: PostfixLab, config_home: Path, tmp_path: Path
) -> None:
    mta = postfix_alice
    mta.set_password("a new password")
    try:
        done = postfix_send(
            mta, config_home, tmp_path, f"bob@{POSTFIX_DOMAIN}", message="Subject: x\n\nx\n"
        )
    finally:
        mta.set_password(mta.account.password)

    assert done.returncode == 77, done.stderr  # EX_NOPERM
    assert "did not accept the username or password" in done.stderr
    assert "535 5.7.8" in done.stderr
    assert f"email-setup-wizard setup {mta.account.address}" in done.stderr
    assert mta.delivered(expected=0) == []
    assert mta.account.password not in done.stderr
