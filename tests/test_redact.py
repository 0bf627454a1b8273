"""Redaction on its own: every form a secret can take in a report, and the local part."""

from __future__ import annotations

import base64
from dataclasses import dataclass

from wizard.reporting.redact import MASK, Redactor


@dataclass(frozen=True)
class _Record:
    username: str
    lines: tuple[str, ...]


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def test_secrets_in_every_form_are_masked() -> None:
    redactor = Redactor(secrets=("hunter2!",), usernames=("alice@example.test",))
    lines = (
        "C: AUTH PLAIN " + b64("\0alice@example.test\0hunter2!"),
        "C: " + b64("hunter2!"),
        "S: 535 bad password hunter2!",
        "C: AUTH XOAUTH2 " + b64("user=alice@example.test\x01auth=Bearer hunter2!\x01\x01"),
        "C: AUTH LOGIN c29tZXRoaW5nLWVsc2U=",
    )
    cleaned = redactor.data(_Record("alice@example.test", lines))
    text = "\n".join(cleaned.lines)
    assert "hunter2" not in text
    assert b64("hunter2!") not in text
    assert "C: AUTH PLAIN ********" in text
    assert "C: AUTH LOGIN ********" in text  # whatever follows the mechanism name
    assert cleaned.username == "alice@example.test"  # not a secret


def test_anonymizing_masks_the_local_part_but_not_words() -> None:
    redactor = Redactor(local_part="mail")
    cleaned = redactor.data(
        _Record(
            "Mail",
            (
                "MAIL FROM:<mail@example.test>",
                "https://autoconfig.example.test/?emailaddress=mail%40example.test",
                "Mail you send through mail.example.test",
            ),
        )
    )
    assert cleaned.username == "x"
    assert cleaned.lines == (
        "MAIL FROM:<x@example.test>",
        "https://autoconfig.example.test/?emailaddress=x%40example.test",
        "Mail you send through mail.example.test",
    )
    assert redactor.text("nothing secret") == "nothing secret"
    assert MASK == "********"


def test_the_command_line_offers_every_format() -> None:
    from wizard.cli.report import FORMATS
    from wizard.reporting.render import ReportFormat

    assert tuple(form.value for form in ReportFormat) == FORMATS
