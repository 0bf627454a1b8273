"""The test send against servers and input that mean harm (issue 10): replies that are not
SMTP, replies that echo the password or carry terminal escape sequences, a server that answers
every step just in time, and values that must never reach a server.

Real aiosmtpd servers on loopback, scripted through ``SmtpBehaviour``; what is asserted is what
the user is shown and what the server received.
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING

import pytest

from tests.test_send import ADDRESS, PASSWORD, QUICK, alice, secrets, settings_for
from wizard.errors import InvalidValueError, ValueField, ValueProblem
from wizard.messages import describe_error, describe_outcome
from wizard.model import Security
from wizard.printable import printable
from wizard.report import outcome_json
from wizard.smtp.diagnosis import Diagnosis, Stage
from wizard.smtp.probe import ProbeTimeouts
from wizard.smtp.redact import MASK, Redactor
from wizard.smtp.send import send_test_message

if TYPE_CHECKING:
    from tests.smtp_fixtures import StartServer

pytestmark = pytest.mark.usefixtures("trust_smtp_ca")


@pytest.mark.parametrize("line", ["", "hello there"], ids=["empty-line", "not-smtp"])
async def test_an_auth_answer_that_is_not_smtp_is_diagnosed(
    start_server: StartServer, line: str
) -> None:
    server = await start_server(alice(security=Security.SSL, auth_answer=line))

    outcome = await send_test_message(settings_for(server), PASSWORD, timeouts=QUICK)

    assert (outcome.ok, outcome.stage, outcome.diagnosis) == (
        False,
        Stage.AUTH,
        Diagnosis.MALFORMED_REPLY,
    )
    assert server.received == []
    assert outcome.transcript[-1].startswith("S: ")  # what the server said is on record
    explanation, next_step = (
        outcome_json(outcome)["explanation"],
        outcome_json(outcome)["next_step"],
    )
    assert explanation and next_step


async def test_a_server_echoing_the_auth_payload_never_shows_the_password(
    start_server: StartServer,
) -> None:
    server = await start_server(
        alice(security=Security.SSL, auth_answer="535 5.7.8 Bad credentials: {payload}")
    )

    outcome = await send_test_message(settings_for(server), PASSWORD, timeouts=QUICK)

    assert outcome.diagnosis is Diagnosis.WRONG_PASSWORD  # read from the words, then masked
    assert outcome.reply is not None and MASK in outcome.reply.text
    shown = "\n".join([*outcome.transcript, outcome.reply.text, *describe_outcome(outcome)]) + str(
        outcome_json(outcome)
    )
    for username in (ADDRESS, "alice"):
        for secret in secrets(username, PASSWORD):
            assert secret not in shown


@pytest.mark.parametrize("prefix", [b"", b"\0", b"\0x\0", b"\0alice@example.test\0"])
@pytest.mark.parametrize("password", [PASSWORD, "pässwörd", "four"])
def test_every_base64_form_of_the_password_is_masked(prefix: bytes, password: str) -> None:
    redact = Redactor(password)
    encoded = base64.b64encode(prefix + password.encode()).decode()

    shown = redact(f"535 5.7.8 {encoded} and {password} and {password.encode().hex()}")

    assert encoded not in shown and password not in shown
    assert shown.startswith("535 5.7.8 ")  # the rest of the reply stays readable


def test_a_payload_the_client_sent_is_masked_whole() -> None:
    redact = Redactor(PASSWORD)
    redact.add_payload(b"YWxpY2UgZGlnZXN0")  # a CRAM-MD5 answer: no password in it as such

    assert redact("501 YWxpY2UgZGlnZXN0 is wrong") == f"501 {MASK} is wrong"


async def test_escape_sequences_from_the_server_are_shown_not_obeyed(
    start_server: StartServer,
) -> None:
    hostile = "535 5.7.8 \x1b]0;owned\x07\x1b[2J\x1b[HPassword:\u202eevil"
    server = await start_server(alice(security=Security.SSL, auth_answer=hostile))

    outcome = await send_test_message(settings_for(server), PASSWORD, timeouts=QUICK)

    lines = describe_outcome(outcome)
    assert all(printable(line) == line for line in lines)
    assert any("\\e]0;owned\\x07\\e[2J\\e[HPassword:\\u202eevil" in line for line in lines)


async def test_the_whole_test_has_a_time_limit(start_server: StartServer) -> None:
    # Every line comes well within its step's deadline; all of them together do not.
    server = await start_server(alice(security=Security.SSL, reply_delay=0.1))
    patient = ProbeTimeouts(connect=5.0, greeting=5.0, command=5.0)

    outcome = await send_test_message(settings_for(server), PASSWORD, timeouts=patient, limit=0.5)

    assert (outcome.ok, outcome.diagnosis) == (False, Diagnosis.OUT_OF_TIME)
    assert server.received == []


@pytest.mark.parametrize(
    ("changes", "password", "field", "problem"),
    [
        pytest.param(
            {"display_name": "Eve\r\nBcc: victim@example.test"},
            PASSWORD,
            ValueField.DISPLAY_NAME,
            ValueProblem.CONTROL_CHARACTER,
            id="crlf-name",
        ),
        pytest.param(
            {"display_name": "Eve \x1b[2J"},
            PASSWORD,
            ValueField.DISPLAY_NAME,
            ValueProblem.CONTROL_CHARACTER,
            id="escape-in-name",
        ),
        pytest.param(
            {}, "caf\udce9", ValueField.PASSWORD, ValueProblem.NOT_UTF8, id="latin-1-password"
        ),
        pytest.param(
            {}, "pass\0word", ValueField.PASSWORD, ValueProblem.CONTROL_CHARACTER, id="nul"
        ),
        pytest.param(
            {"username": "alice\r\nRSET"},
            PASSWORD,
            ValueField.USERNAME,
            ValueProblem.CONTROL_CHARACTER,
            id="crlf-username",
        ),
    ],
)
async def test_values_that_cannot_be_sent_are_refused_before_connecting(
    start_server: StartServer,
    changes: dict[str, object],
    password: str,
    field: ValueField,
    problem: ValueProblem,
) -> None:
    server = await start_server(alice(security=Security.SSL))

    with pytest.raises(InvalidValueError) as refused:
        await send_test_message(settings_for(server, **changes), password)

    assert (refused.value.field, refused.value.problem) == (field, problem)
    assert server.sessions == 0
    explained = describe_error(refused.value)
    assert printable(explained) == explained
    assert password not in str(refused.value)


async def test_a_quoted_local_part_travels_quoted(start_server: StartServer) -> None:
    quoted = '"john doe"@example.test'
    server = await start_server(alice(security=Security.SSL, accounts={quoted: PASSWORD}))

    outcome = await send_test_message(
        settings_for(server, address=quoted, username=quoted), PASSWORD, timeouts=QUICK
    )

    assert outcome.ok, outcome
    (received,) = server.received
    assert received.mail_from == quoted
    assert b'From: Alice Example <"john doe"@example.test>' in received.data
