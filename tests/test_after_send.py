"""Which incoming server a confirmation may log in to, right after a test send: the rules
``test``, ``setup`` and the wizard share (``wizard.delivery.after_send``). Plain data in, a
decision out: no server is needed to check them."""

from __future__ import annotations

from wizard.delivery.after_send import AfterSend, incoming_server, usable_incoming
from wizard.delivery.result import DeliveryResult, DeliveryStatus, Removal, SkipReason
from wizard.imap.errors import ImapSettings
from wizard.messages import describe_delivery_lines
from wizard.model import (
    Candidate,
    DetectionResult,
    ProbeFailure,
    ProbeResult,
    Security,
    ServerConfig,
    SourceName,
    Tier,
    Trust,
)
from wizard.profiles import IncomingServer
from wizard.reporting.delivery import delivery_section
from wizard.reporting.document import Fact, Note
from wizard.smtp.diagnosis import Stage
from wizard.smtp.sasl import Bearer
from wizard.smtp.send import SendSettings, TestOutcome

SETTINGS = SendSettings("smtp.example.com", 465, Security.SSL, "alice", "alice@example.com")
SENT = TestOutcome(True, Stage.DONE, None, "alice", "<id@example.com>", None, None, ())


def incoming(
    host: str = "imap.example.com", trust: Trust = Trust.TRUSTED, answered: bool = True
) -> DetectionResult:
    config = ServerConfig(
        host, 993, Security.SSL, "alice@example.com", SourceName.SRV, trust, Tier.SRV, "test"
    )
    failure = None if answered else ProbeFailure.REFUSED
    probe = ProbeResult(host, 993, Security.SSL, failure)
    return DetectionResult("alice@example.com", "example.com", Candidate(config, probe))


def after(outcome: TestOutcome = SENT, *, accepted: bool = False) -> AfterSend:
    return AfterSend(SETTINGS, outcome, "pw", 0.0, 60.0, accepted_untrusted=accepted)


def test_a_trusted_server_that_answered_is_used_with_the_outgoing_pin() -> None:
    pinned = AfterSend(
        SendSettings(
            "smtp.example.com", 465, Security.SSL, "alice", "alice@example.com", pinned_sha256="AB"
        ),
        SENT,
        "pw",
        0.0,
        60.0,
    )

    assert incoming_server(pinned, incoming()) == ImapSettings(
        "imap.example.com", 993, Security.SSL, "alice@example.com", "AB"
    )


def test_nothing_is_looked_for_when_the_send_failed() -> None:
    failed = TestOutcome(False, Stage.AUTH, None, None, None, None, None, ())

    assert incoming_server(after(failed), incoming()) is SkipReason.NOT_SENT


def test_no_server_or_one_that_did_not_answer_is_not_used() -> None:
    assert incoming_server(after(), None) is SkipReason.NO_SERVER
    assert incoming_server(after(), incoming(answered=False)) is SkipReason.NO_SERVER


def test_an_untrusted_server_needs_the_users_yes_or_the_outgoing_host() -> None:
    untrusted = incoming(trust=Trust.UNAUTHENTICATED)
    same_host = incoming("smtp.example.com", Trust.GUESSED)

    assert incoming_server(after(), untrusted) is SkipReason.UNTRUSTED
    assert isinstance(incoming_server(after(accepted=True), untrusted), ImapSettings)
    assert isinstance(incoming_server(after(), same_host), ImapSettings)


def test_a_token_logs_in_only_if_its_scope_reaches_the_mailbox() -> None:
    def with_token(mailbox: bool) -> AfterSend:
        return AfterSend(SETTINGS, SENT, Bearer("token", mailbox=mailbox), 0.0, 60.0)

    assert incoming_server(with_token(False), incoming()) is SkipReason.SIGNED_IN_FOR_SENDING
    assert incoming_server(with_token(True), incoming()) == ImapSettings(
        "imap.example.com", 993, Security.SSL, "alice@example.com"
    )


def test_the_server_the_account_keeps_is_used_as_it_is() -> None:
    kept = IncomingServer("mail.example.net", 143, Security.STARTTLS, "alice")

    assert incoming_server(after(), kept) == ImapSettings(
        "mail.example.net", 143, Security.STARTTLS, "alice"
    )
    assert usable_incoming(incoming(), SETTINGS, accepted_untrusted=False) == IncomingServer(
        "imap.example.com", 993, Security.SSL
    )  # its username is the address: not kept twice
    untrusted = incoming(trust=Trust.UNAUTHENTICATED)
    assert usable_incoming(untrusted, SETTINGS, accepted_untrusted=False) is SkipReason.UNTRUSTED


def test_the_report_section_says_what_the_command_line_says() -> None:
    result = DeliveryResult(DeliveryStatus.JUNK, folder="Junk", seconds=2.44, removal=Removal.KEPT)

    section = delivery_section(result)

    assert section.title == "Arrived in your mailbox?"
    assert section.items[:3] == (
        Fact("Status", "junk"),
        Fact("Folder", "Junk"),
        Fact("Time", "2.4 s"),
    )
    assert [item.text for item in section.items[3:] if isinstance(item, Note)] == (
        describe_delivery_lines(result)
    )
