"""The message ``send`` is given, made ready: sendmail's header rules, and nothing else touched.

Plain unit tests on bytes: what the server would receive, before any connection.
"""

from __future__ import annotations

import email.policy
import io
from email.parser import BytesParser

import pytest

from wizard.address import parse_address
from wizard.keychain import KeychainProblem
from wizard.messages import describe_error, describe_send_failure
from wizard.outbound import exit_codes
from wizard.outbound.errors import MessageError, MessageProblem, SendError, SendProblem
from wizard.outbound.message import finish, read_header, read_input
from wizard.smtp.diagnosis import Diagnosis, Reply, Stage
from wizard.smtp.envelope import Envelope, seven_bit
from wizard.smtp.send import TestOutcome

ALICE = parse_address("alice@bücher.example")
PATCH_BODY = b"---\n a.txt | 1 +\n\ndiff --git a/a.txt b/a.txt\n+ trailing space \n-- \n2.39.5\n"


def test_bcc_goes_and_everything_else_stays_byte_for_byte() -> None:
    head = (
        b"From: Alice <alice@xn--bcher-kva.example>\n"
        b"To: bob@example.test\n"
        b"Bcc: carol@example.test,\n"
        b"\tdave@example.test\n"
        b"Subject: [PATCH] a\n"
        b"Date: Mon, 7 Dec 2026 10:00:00 +0100\n"
        b"Message-ID: <1@example.test>\n"
    )

    content, message_id = finish(head + b"\n" + PATCH_BODY, sender=ALICE, display_name="")

    assert message_id == "<1@example.test>"
    assert content == head.replace(b"Bcc: carol@example.test,\n\tdave@example.test\n", b"") + (
        b"\n" + PATCH_BODY
    )


def test_from_date_and_message_id_are_added_when_missing() -> None:
    content, message_id = finish(
        b"To: bob@example.test\r\nSubject: hi\r\n\r\nbody\r\n",
        sender=ALICE,
        display_name="Zoë Example",
        now=0,
    )

    message = BytesParser(policy=email.policy.default).parsebytes(content)
    assert message["From"].addresses[0].display_name == "Zoë Example"
    assert message["From"].addresses[0].addr_spec == "alice@xn--bcher-kva.example"
    assert message["Date"].datetime.year == 1970
    assert message["Message-ID"] == message_id
    assert message_id.endswith("@xn--bcher-kva.example>")
    assert content.endswith(b"\r\n\r\nbody\r\n")  # the message's own line endings are kept
    assert content.isascii()  # the name went into an encoded word


def test_an_mbox_separator_line_is_dropped() -> None:
    patch = b"From 1234abcd Mon Sep 17 00:00:00 2001\nFrom: a@example.test\n\nx\n"

    content, _ = finish(patch, sender=ALICE, display_name="")

    assert content.startswith(b"From: a@example.test\n")


def test_a_message_without_a_header_is_all_body() -> None:
    content, _ = finish(b"just a line of text\n", sender=ALICE, display_name="")

    assert content.endswith(b"\n\njust a line of text\n")
    assert b"From: alice@xn--bcher-kva.example\n" in content


@pytest.mark.parametrize(
    ("field", "problem", "value"),
    [
        ("To: bob@@x.test", MessageProblem.BAD_RECIPIENT, "bob@@x.test"),
        ("Cc: bob", MessageProblem.BAD_RECIPIENT, "bob"),
        ("From: alice at example", MessageProblem.BAD_SENDER, "alice at example"),
        ("Resent-To: bob@@x.test", MessageProblem.BAD_RESENT_RECIPIENT, "bob@@x.test"),
        ("Resent-From: alice at example", MessageProblem.BAD_RESENT_SENDER, "alice at example"),
    ],
)
def test_an_address_that_is_not_one_is_named(
    field: str, problem: MessageProblem, value: str
) -> None:
    with pytest.raises(MessageError) as raised:
        read_header(f"{field}\n\nbody\n".encode())

    assert raised.value.problem is problem
    assert value in raised.value.value  # as the parser read it, quotes perhaps added
    assert value in describe_error(raised.value)


def until_lone_dot(data: bytes, limit: int = 1000) -> bytes:
    return read_input(io.BytesIO(data), to_end_of_input=False, limit=limit)


def test_a_lone_dot_ends_the_input() -> None:
    assert until_lone_dot(b"a\r\n.\r\nb\r\n") == b"a\r\n"
    assert until_lone_dot(b"a\n.\n") == b"a\n"
    assert until_lone_dot(b"a\n.") == b"a\n"
    assert until_lone_dot(b"a\n..\nb\n") == b"a\n..\nb\n"
    assert until_lone_dot(b"a\n. \n") == b"a\n. \n"
    # At the limit, a lone dot still ends the message; a line beginning with one is no end.
    assert until_lone_dot(b"abc\n.\r\n", limit=4) == b"abc\n"
    with pytest.raises(MessageError):
        until_lone_dot(b"abc\n.x\n", limit=4)


@pytest.mark.parametrize("to_end_of_input", [True, False])
def test_input_up_to_the_limit_is_read_and_no_further(*, to_end_of_input: bool) -> None:
    exactly = b"x" * 9 + b"\n"
    assert read_input(io.BytesIO(exactly), to_end_of_input=to_end_of_input, limit=10) == exactly

    stream = io.BytesIO(exactly + b"y\n" + b"z" * 10_000)
    with pytest.raises(MessageError) as raised:
        read_input(stream, to_end_of_input=to_end_of_input, limit=10)

    assert raised.value.problem is MessageProblem.TOO_LARGE
    assert stream.tell() <= 10 + len(b".\r\n")  # the rest was left unread
    assert exit_codes.for_message_problem(raised.value.problem) == 69  # as a server's 552


def test_a_too_large_message_is_explained_with_the_limit() -> None:
    with pytest.raises(MessageError) as raised:
        read_input(io.BytesIO(b"x" * (3 * 2**20)), to_end_of_input=True, limit=2 * 2**20)

    said = describe_error(raised.value)
    assert "larger than 2 MiB" in said and "was not sent" in said
    assert "link" in said  # what to do instead


RESENT = (
    "Resent-From: Zoë <zoë@bücher.example>\n"
    "Resent-Date: Tue, 8 Dec 2026 09:00:00 +0100\n"
    "Resent-To: Erin <erin@x.test>\n"
    "Resent-Cc: frank@x.test\n"
    "Resent-Bcc: grace@x.test\n"
    "Resent-From: older@x.test\n"  # a block of an earlier resending
    "Resent-To: heidi@x.test\n"
    "From: Bob <bob@x.test>\n"
    "To: carol@x.test\n"
    "Bcc: dave@x.test\n"
    "Subject: minutes\n"
    "Date: Mon, 7 Dec 2026 10:00:00 +0100\n"
    "Message-ID: <1@x.test>\n"
)


@pytest.mark.parametrize(
    ("head", "recipients"),
    [
        pytest.param(
            "From: Zoë <zoë@bücher.example>\nTo: Bob <bob@x.test>, carol@x.test\n"
            "Cc: undisclosed-recipients:;\nBcc: bob@X.TEST, dave@x.test\n",
            ["bob@x.test", "carol@x.test", "dave@x.test"],
            id="sent",
        ),
        # Resent: the newest resent block's, not the original's nor an earlier resending's.
        pytest.param(RESENT, ["erin@x.test", "frank@x.test", "grace@x.test"], id="resent"),
    ],
)
def test_the_header_names_its_addresses(head: str, recipients: list[str]) -> None:
    header = read_header(f"{head}\nbody\n".encode())

    assert header.sender is not None
    assert header.sender.address == "zoë@xn--bcher-kva.example"
    assert [address.address for address in header.recipients] == recipients


def test_a_resent_message_gets_the_resent_fields_it_lacks_and_keeps_its_own() -> None:
    message = (
        "Received: from x.test by y.test; Tue, 8 Dec 2026 08:00:00 +0100\n"
        "Resent-To: erin@x.test\n"
        "Resent-Bcc: grace@x.test\n"
        "From: Bob <bob@x.test>\n"
        "Bcc: dave@x.test\n"
        "Date: Mon, 7 Dec 2026 10:00:00 +0100\n"
        "Message-ID: <1@x.test>\n"
        "\nbody\n"
    )

    content, message_id = finish(message.encode(), sender=ALICE, display_name="Alice", now=0)

    lines = content.decode().splitlines()
    assert lines[0].startswith("Received: ")
    assert lines[1] == "Resent-To: erin@x.test"
    assert lines[2] == "Resent-From: Alice <alice@xn--bcher-kva.example>"
    assert lines[3].startswith("Resent-Date: ")
    assert lines[4] == f"Resent-Message-ID: {message_id}"
    assert message_id.endswith("@xn--bcher-kva.example>")
    assert lines[5:] == [
        "From: Bob <bob@x.test>",
        "Date: Mon, 7 Dec 2026 10:00:00 +0100",
        "Message-ID: <1@x.test>",
        "",
        "body",
    ]


def test_a_resent_message_with_its_resent_fields_is_left_as_it_is() -> None:
    content, message_id = finish(
        f"Resent-Message-ID: <2@x.test>\n{RESENT}\nbody\n".encode(),
        sender=ALICE,
        display_name="",
    )

    assert message_id == "<2@x.test>"
    without_bcc = RESENT.replace("Resent-Bcc: grace@x.test\n", "").replace("Bcc: dave@x.test\n", "")
    assert content.decode() == f"Resent-Message-ID: <2@x.test>\n{without_bcc}\nbody\n"


def test_what_the_envelope_needs_from_the_server() -> None:
    plain = Envelope("a@x.test", ("b@y.test",), b"Subject: x\n\nhi\n")
    utf8_address = Envelope("a@x.test", ("jörg@y.test",), b"Subject: x\n\nhi\n")
    utf8_header = Envelope("a@x.test", ("b@y.test",), "Subject: Grüße\n\nhi\n".encode())
    eight_bit_body = Envelope("a@x.test", ("b@y.test",), "Subject: x\n\nGrüße\n".encode())

    assert (plain.needs_smtputf8, plain.utf8_headers, plain.eight_bit) == (False, False, False)
    assert utf8_address.needs_smtputf8
    assert (utf8_header.utf8_headers, utf8_header.eight_bit) == (True, True)
    assert (eight_bit_body.utf8_headers, eight_bit_body.eight_bit) == (False, True)


def test_seven_bit_re_encodes_what_it_can_and_refuses_the_rest() -> None:
    declared = (
        "Subject: x\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: 8bit\n\nGrüße\n"
    ).encode()

    converted = seven_bit(declared)

    assert converted.isascii()
    assert BytesParser(policy=email.policy.default).parsebytes(converted).get_content() == (
        "Grüße\n"
    )
    with pytest.raises(ValueError, match="names no character set"):
        seven_bit("Subject: x\n\nGrüße\n".encode())
    with pytest.raises(ValueError, match="header"):
        seven_bit("Subject: Grüße\n\nx\n".encode())


def test_every_way_of_failing_has_a_sendmail_exit_code() -> None:
    assert {exit_codes.for_diagnosis(d) for d in Diagnosis} <= set(exit_codes.SendmailExit)
    assert exit_codes.for_diagnosis(Diagnosis.WRONG_PASSWORD) == 77
    assert exit_codes.for_diagnosis(Diagnosis.RECIPIENT_REJECTED) == 67
    assert exit_codes.for_diagnosis(Diagnosis.GREYLISTED) == 75
    assert exit_codes.for_diagnosis(Diagnosis.SMTPUTF8_UNSUPPORTED) == 69
    assert {exit_codes.for_message_problem(p) for p in MessageProblem} == {64, 65, 69}
    assert exit_codes.for_keychain_problem(KeychainProblem.LOCKED) == 75


@pytest.mark.parametrize("problem", list(SendProblem))
def test_every_send_problem_says_what_to_do(problem: SendProblem) -> None:
    sentence = describe_error(SendError(problem, "alice@example.test"))

    assert sentence and "{" not in sentence
    assert "email-setup-wizard setup" in sentence or "--account" in sentence


def test_a_failed_send_is_worded_for_a_real_message() -> None:
    outcome = TestOutcome(
        ok=False,
        stage=Stage.SEND,
        reply=Reply(550, "5.1.1 User unknown"),
        username="alice@example.test",
        message_id=None,
        diagnosis=Diagnosis.RECIPIENT_REJECTED,
        certificate=None,
        transcript=(),
        refused=(("bob@example.test", Reply(550, "5.1.1 User unknown")),),
    )

    lines = describe_send_failure(outcome, "alice@example.test")

    assert lines == [
        "The server refused the recipient's address.",
        "Check the recipient's address for typos.",
        "Refused: bob@example.test (550 5.1.1 User unknown)",
        "The message was not sent.",
    ]
