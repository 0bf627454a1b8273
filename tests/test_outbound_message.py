"""The message ``send`` is given, made ready: sendmail's header rules, and nothing else touched.

Plain unit tests on bytes: what the server would receive, before any connection.
"""

from __future__ import annotations

import email.policy
from email.parser import BytesParser

import pytest

from wizard.address import parse_address
from wizard.keychain import KeychainProblem
from wizard.messages import describe_error, describe_send_failure
from wizard.outbound import exit_codes
from wizard.outbound.message import (
    MessageError,
    MessageProblem,
    finish,
    read_header,
    until_lone_dot,
)
from wizard.outbound.sender import SendError, SendProblem
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


def test_the_header_names_its_addresses() -> None:
    header = read_header(
        "From: Zoë <zoë@bücher.example>\nTo: Bob <bob@x.test>, carol@x.test\n"
        "Cc: undisclosed-recipients:;\nBcc: bob@X.TEST, dave@x.test\n\nbody\n".encode()
    )

    assert header.sender is not None
    assert header.sender.address == "zoë@xn--bcher-kva.example"
    assert [address.address for address in header.recipients] == [
        "bob@x.test",
        "carol@x.test",
        "dave@x.test",
    ]


@pytest.mark.parametrize(
    ("field", "problem", "value"),
    [
        ("To: bob@@x.test", MessageProblem.BAD_RECIPIENT, "bob@@x.test"),
        ("Cc: bob", MessageProblem.BAD_RECIPIENT, "bob"),
        ("From: alice at example", MessageProblem.BAD_SENDER, "alice at example"),
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


def test_a_lone_dot_ends_the_input() -> None:
    assert until_lone_dot(b"a\r\n.\r\nb\r\n") == b"a\r\n"
    assert until_lone_dot(b"a\n..\nb\n") == b"a\n..\nb\n"
    assert until_lone_dot(b"a\n. \n") == b"a\n. \n"


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
    assert {exit_codes.for_message_problem(p) for p in MessageProblem} == {64, 65}
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
