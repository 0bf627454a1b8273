"""Delivery confirmation against a real mail server: Postfix delivers into Maildirs that
Dovecot serves over IMAP (``tests.lab.postfix``).

Each lab mailbox stands for one way a receiving side treats the test message (Inbox, Junk,
dropped, which Authentication-Results it adds, a forgery by the sending side). The tests send
the real test message through Postfix, then confirm it through Dovecot, and check what the
user is told and what the mailbox looks like afterwards.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest
import trustme

from tests.lab.postfix import (
    AUTHSERV_ID,
    DKIM_SELECTOR,
    DOMAIN,
    FAR_RECIPIENT,
    NO_IDLE_IP,
    PASSWORD,
    PostfixLab,
)
from wizard.delivery.authresults import DkimSignature
from wizard.delivery.confirm import Watch, confirm_delivery
from wizard.delivery.result import DeliveryResult, DeliveryStatus, Removal, SkipReason
from wizard.imap.errors import ImapProblem, ImapSettings
from wizard.model import Security
from wizard.smtp.send import SendSettings, TestOutcome, send_test_message

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


def old_message(number: int) -> bytes:
    """A message the user already had."""
    return (
        f"From: someone@example.org\r\nSubject: Old message {number}\r\n"
        f"Message-ID: <old-{number}@example.org>\r\n\r\nHello.\r\n"
    ).encode()


@pytest.fixture
def mta(postfix_lab: PostfixLab, trust_only: Callable[[Path], None]) -> PostfixLab:
    """The running lab with empty mailboxes, its CA the only root the engine trusts."""
    trust_only(postfix_lab.ca_pem)
    postfix_lab.empty_mailboxes()
    return postfix_lab


async def send(mta: PostfixLab, name: str, recipient: str | None = None) -> TestOutcome:
    address = f"{name}@{DOMAIN}"
    settings = SendSettings(
        host=mta.host,
        port=mta.ssl_port,
        security=Security.SSL,
        username=address,
        address=address,
        recipient=recipient,
    )
    outcome = await send_test_message(settings, PASSWORD)
    assert outcome.ok, "\n".join(outcome.transcript)
    return outcome


def imap(mta: PostfixLab, name: str, security: Security = Security.SSL) -> ImapSettings:
    port = mta.imaps_port if security is Security.SSL else mta.imap_port
    return ImapSettings(mta.host, port, security, f"{name}@{DOMAIN}")


async def send_and_confirm(
    mta: PostfixLab,
    name: str,
    *,
    wait: float = 10.0,
    keep: bool = False,
    to: str | None = None,
    security: Security = Security.SSL,
) -> DeliveryResult:
    started = time.monotonic()
    outcome = await send(mta, name, recipient=to)
    assert outcome.message_id is not None
    watch = Watch(outcome.message_id, to is None, wait, keep, sent_at=started)
    return await confirm_delivery(imap(mta, name, security), PASSWORD, watch)


async def test_the_message_arrives_in_the_inbox_with_a_passing_verdict(mta: PostfixLab) -> None:
    result = await send_and_confirm(mta, "alice")

    assert (result.status, result.folder, result.problem) == (DeliveryStatus.INBOX, "INBOX", None)
    assert result.seconds is not None
    assert 0 < result.seconds < 10
    assert result.username == f"alice@{DOMAIN}"
    verdict = result.verdict
    assert verdict is not None
    assert verdict.authserv_id == AUTHSERV_ID
    assert [(r.method, r.result) for r in verdict.results] == [
        ("spf", "pass"),
        ("dkim", "pass"),
        ("dmarc", "pass"),
        ("arc", "none"),
    ]
    assert verdict.signatures == (DkimSignature(DOMAIN, DKIM_SELECTOR),)
    assert result.removal is Removal.TRASH
    assert result.certificate is not None
    assert result.certificate.verified


async def test_over_starttls_on_143_too(mta: PostfixLab) -> None:
    result = await send_and_confirm(mta, "alice", security=Security.STARTTLS)

    assert result.status is DeliveryStatus.INBOX
    assert result.certificate is not None
    assert result.certificate.verified


async def test_the_message_lands_in_junk_with_a_failing_verdict(mta: PostfixLab) -> None:
    result = await send_and_confirm(mta, "frank")

    assert (result.status, result.folder) == (DeliveryStatus.JUNK, "Junk")
    assert result.verdict is not None
    assert [(r.method, r.result) for r in result.verdict.results] == [
        ("spf", "softfail"),
        ("dkim", "fail"),
        ("dmarc", "fail"),
    ]
    dkim = result.verdict.result("dkim")
    assert dkim is not None
    assert dkim.reason == "signature did not verify"
    assert result.removal is Removal.TRASH
    assert not any(folder == "Junk" for folder, _ in mta.snapshot("frank"))


async def test_a_dropped_message_is_reported_as_not_arrived(mta: PostfixLab) -> None:
    result = await send_and_confirm(mta, "grace", wait=3.0)

    assert (result.status, result.folder, result.bounce) == (
        DeliveryStatus.NOT_ARRIVED,
        None,
        None,
    )
    assert result.seconds == 3.0
    assert result.timeout == 3.0


async def test_none_results_are_read_and_a_forged_pass_is_ignored(mta: PostfixLab) -> None:
    result = await send_and_confirm(mta, "erin")

    assert result.status is DeliveryStatus.INBOX
    verdict = result.verdict
    assert verdict is not None
    assert verdict.authserv_id == AUTHSERV_ID
    assert [(r.method, r.result) for r in verdict.results] == [
        ("spf", "none"),
        ("dkim", "none"),
        ("dmarc", "none"),
    ]
    assert verdict.signatures == ()
    assert verdict.ignored == 1  # the sending side's "pass", below the server's Received


async def test_a_forged_verdict_is_not_taken_when_the_receiver_added_none(
    mta: PostfixLab,
) -> None:
    result = await send_and_confirm(mta, "dave", keep=True)

    assert result.status is DeliveryStatus.INBOX
    assert result.verdict is not None
    assert (result.verdict.authserv_id, result.verdict.results, result.verdict.ignored) == (
        None,
        (),
        1,
    )
    # The forgery is really in the delivered copy, claiming the receiving server's id.
    [path] = [p for p in mta.maildir("dave").glob("*/*") if p.parent.name in ("cur", "new")]
    assert f"Authentication-Results: {AUTHSERV_ID}; spf=pass" in path.read_text()


async def test_only_the_test_message_is_removed_and_nothing_else_changes(
    mta: PostfixLab,
) -> None:
    mta.put("alice", "INBOX", old_message(1), "S")
    mta.put("alice", "INBOX", old_message(2), "FS")
    mta.put("alice", "INBOX", old_message(3), "ST")  # marked deleted, not yet expunged
    mta.put("alice", "INBOX", old_message(4))
    mta.put("alice", "Junk", old_message(5))
    before = mta.snapshot("alice")

    result = await send_and_confirm(mta, "alice")

    assert (result.status, result.removal) == (DeliveryStatus.INBOX, Removal.TRASH)
    after = mta.snapshot("alice")
    assert {key: flags for key, flags in after.items() if key[0] != "Trash"} == before
    assert [folder for folder, _ in after if folder == "Trash"] == ["Trash"]


async def test_the_test_message_is_kept_when_asked(mta: PostfixLab) -> None:
    result = await send_and_confirm(mta, "alice", keep=True)

    assert (result.status, result.removal) == (DeliveryStatus.INBOX, Removal.KEPT)
    assert [folder for folder, _ in mta.snapshot("alice")] == ["INBOX"]


async def test_a_bounce_for_another_recipient_is_recognised(mta: PostfixLab) -> None:
    result = await send_and_confirm(mta, "alice", to=FAR_RECIPIENT)

    assert result.status is DeliveryStatus.NOT_ARRIVED
    bounce = result.bounce
    assert bounce is not None
    assert bounce.failed
    assert bounce.recipient == "nobody@elsewhere.test"
    assert bounce.status == "5.1.1"
    assert bounce.diagnostic is not None
    assert "550 5.1.1" in bounce.diagnostic
    assert "No such user here" in bounce.diagnostic
    assert bounce.remote_mta == "127.0.0.1"
    assert bounce.reporting_mta == f"mta.{DOMAIN}"


async def test_the_test_goes_with_an_envelope_id_that_its_bounce_quotes(
    mta: PostfixLab,
) -> None:
    """Postfix offers DSN (RFC 3461): the test message goes with an ENVID and asks for only
    the headers back; the bounce Postfix writes quotes the ENVID, and is matched by it."""
    outcome = await send(mta, "alice", recipient=FAR_RECIPIENT)
    envid = outcome.envelope_id
    assert envid is not None
    assert envid.startswith("esw-")
    assert f"C: MAIL FROM:<alice@{DOMAIN}> ENVID={envid} RET=HDRS" in outcome.transcript
    assert outcome.message_id is not None

    watch = Watch(outcome.message_id, own_mailbox=False, timeout=10.0, envelope_id=envid)
    result = await confirm_delivery(imap(mta, "alice"), PASSWORD, watch)

    assert result.status is DeliveryStatus.NOT_ARRIVED
    assert result.bounce is not None
    assert result.bounce.envelope_id == envid  # what Postfix wrote back: it got the ENVID


async def test_a_bounce_that_returns_nothing_of_the_message_is_known_by_its_envelope_id(
    mta: PostfixLab,
) -> None:
    """Some servers return no copy of the message, not even its headers: Postfix's own bounce,
    with its returned headers cut off, is still recognised, by the envelope ID alone."""
    outcome = await send(mta, "alice", recipient=FAR_RECIPIENT)
    assert outcome.message_id is not None
    (bounce,) = mta.delivered()
    mta.empty_mailboxes()
    report = bounce.as_bytes()
    returned = report.rindex(b"Content-Type: text/rfc822-headers")
    boundary = report.rindex(b"\n--", 0, returned)
    headless = report[:boundary] + f"\n--{bounce.get_boundary()}--\n".encode()
    assert outcome.message_id.encode() not in headless
    mta.put("alice", "INBOX", headless)

    by_id = Watch(outcome.message_id, own_mailbox=False, timeout=2.0)
    by_envelope = replace(by_id, envelope_id=outcome.envelope_id)
    not_known = await confirm_delivery(imap(mta, "alice"), PASSWORD, by_id)
    known = await confirm_delivery(imap(mta, "alice"), PASSWORD, by_envelope)

    assert (not_known.status, not_known.bounce) == (DeliveryStatus.SKIPPED, None)
    assert known.status is DeliveryStatus.NOT_ARRIVED
    assert known.bounce is not None
    assert (known.bounce.status, known.bounce.recipient) == ("5.1.1", FAR_RECIPIENT)


async def test_no_bounce_for_another_recipient_means_arrival_cannot_be_checked(
    mta: PostfixLab,
) -> None:
    result = await send_and_confirm(mta, "alice", to=f"grace@{DOMAIN}", wait=2.0)

    assert (result.status, result.reason, result.bounce) == (
        DeliveryStatus.SKIPPED,
        SkipReason.OTHER_RECIPIENT,
        None,
    )


async def test_a_bad_certificate_on_993_means_no_login(
    mta: PostfixLab, trust_only: Callable[[Path], None], tmp_path: Path
) -> None:
    outcome = await send(mta, "alice")
    assert outcome.message_id is not None
    stranger = trustme.CA(organization_name="Not the lab's CA")
    stranger.cert_pem.write_to_path(str(tmp_path / "stranger.pem"))
    trust_only(tmp_path / "stranger.pem")
    log_before = mta.imap_log()

    result = await confirm_delivery(
        imap(mta, "alice"), PASSWORD, Watch(outcome.message_id, timeout=5.0)
    )

    assert (result.status, result.problem) == (DeliveryStatus.ERROR, ImapProblem.CERTIFICATE)
    assert result.certificate is not None
    assert not result.certificate.verified
    new_log = mta.imap_log().removeprefix(log_before)
    assert "imap-login" in new_log  # it was looked at...
    assert "user=<alice" not in new_log  # ...but no username, let alone a password, was sent


async def test_a_wrong_password_is_reported(mta: PostfixLab) -> None:
    outcome = await send(mta, "alice")
    assert outcome.message_id is not None

    result = await confirm_delivery(
        imap(mta, "alice"), "not the password", Watch(outcome.message_id, timeout=5.0)
    )

    assert (result.status, result.problem) == (DeliveryStatus.ERROR, ImapProblem.LOGIN_REFUSED)


async def test_cancelling_during_the_wait_hangs_up_at_once(mta: PostfixLab) -> None:
    outcome = await send(mta, "grace")  # dropped: the wait would last its full 60 s
    assert outcome.message_id is not None
    log_before = mta.imap_log()
    watching = asyncio.create_task(
        confirm_delivery(imap(mta, "grace"), PASSWORD, Watch(outcome.message_id))
    )
    await wait_for_log(mta, log_before, "Login: user=<grace@")

    watching.cancel()
    with pytest.raises(asyncio.CancelledError):
        await watching

    await wait_for_log(mta, log_before, "Disconnected")


@pytest.mark.parametrize(("host", "idle"), [("localhost", True), (NO_IDLE_IP, False)])
async def test_a_message_that_comes_during_the_wait_is_found_with_or_without_idle(
    mta: PostfixLab, host: str, idle: bool
) -> None:
    """Where the server offers IDLE, the confirmation waits in it; where it does not (the
    lab's Dovecot on ``NO_IDLE_IP`` leaves it out of CAPABILITY), it looks again after
    growing pauses. Either way a message that comes while it waits is found; what Dovecot
    received says how it waited."""
    mta.record_imap("alice")
    message_id = f"<later.{int(idle)}@{DOMAIN}>"
    settings = ImapSettings(host, mta.imaps_port, Security.SSL, f"alice@{DOMAIN}")
    watching = asyncio.create_task(
        confirm_delivery(settings, PASSWORD, Watch(message_id, timeout=30.0))
    )
    async with asyncio.timeout(10):  # the first look found nothing: it waits now
        while not any("SEARCH" in c for c in mta.imap_commands("alice")):  # noqa: ASYNC110
            await asyncio.sleep(0.05)

    mta.put("alice", "INBOX", f"Message-ID: {message_id}\r\nSubject: Test\r\n\r\nHi\r\n".encode())
    result = await watching

    assert (result.status, result.removal) == (DeliveryStatus.INBOX, Removal.TRASH)
    async with asyncio.timeout(10):  # Dovecot has written down the whole session
        while "LOGOUT" not in mta.imap_commands("alice"):  # noqa: ASYNC110 (a file)
            await asyncio.sleep(0.05)
    commands = mta.imap_commands("alice")
    assert ("IDLE" in commands) is idle
    searches = [c for c in commands if "HEADER Message-ID" in c]
    assert len(searches) >= 3  # INBOX and Junk at first, INBOX again once the message came
    # Read-write only to move the test message away: never anything else.
    assert [c for c in commands if c.startswith("SELECT")] == ['SELECT "INBOX"']


async def wait_for_log(mta: PostfixLab, before: str, text: str, seconds: float = 10.0) -> None:
    """Return once Dovecot has logged ``text`` since ``before``; fail after ``seconds``."""
    async with asyncio.timeout(seconds):
        while text not in mta.imap_log().removeprefix(before):  # noqa: ASYNC110 (a file)
            await asyncio.sleep(0.05)
