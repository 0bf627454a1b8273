"""Checks of the values besides the address (display name, login, password, server name,
fingerprint) and of ``printable``, which shows network text without obeying it."""

from __future__ import annotations

import pytest

from wizard.errors import InvalidValueError, ValueField, ValueProblem
from wizard.messages import describe_error
from wizard.printable import is_printable, printable
from wizard.values import (
    check_display_name,
    check_fingerprint,
    check_host,
    check_password,
    check_username,
)

FINGERPRINT = ":".join(["AB"] * 32)


@pytest.mark.parametrize(
    "host", ["smtp.example.com", "SMTP.Example.COM.", "mail.bücher.example", "127.0.0.1", "::1"]
)
def test_server_names_and_addresses_are_accepted(host: str) -> None:
    assert check_host(host) == host


@pytest.mark.parametrize(
    "host",
    [
        "",
        "smtp example.com",
        "smtp..example.com",
        "-smtp.example.com",
        "a" * 64 + ".example",
        "smtp.example.com\r\nQUIT",
        "smtp.exa\udcffmple.com",
        "smtp/example",
    ],
)
def test_anything_else_is_not_a_server_name(host: str) -> None:
    with pytest.raises(InvalidValueError) as refused:
        check_host(host)
    assert refused.value.field is ValueField.HOST
    explained = describe_error(refused.value)
    assert is_printable(explained) and "server name" in explained


@pytest.mark.parametrize(
    "text",
    [FINGERPRINT, FINGERPRINT.lower(), FINGERPRINT.replace(":", ""), FINGERPRINT.replace(":", " ")],
)
def test_fingerprints_as_people_copy_them(text: str) -> None:
    assert check_fingerprint(text) == text


@pytest.mark.parametrize(
    "text", ["", "AB:CD", FINGERPRINT + ":AB", FINGERPRINT.replace("A", "G"), "yes"]
)
def test_anything_else_is_not_a_fingerprint(text: str) -> None:
    with pytest.raises(InvalidValueError) as refused:
        check_fingerprint(text)
    assert (refused.value.field, refused.value.problem) == (
        ValueField.FINGERPRINT,
        ValueProblem.MALFORMED,
    )


def test_names_and_logins_are_one_line_of_text() -> None:
    assert check_display_name("Zoë O'Brien (Büro)") == "Zoë O'Brien (Büro)"
    assert check_username("alice+tag@example.com") == "alice+tag@example.com"
    for bad, problem in (
        ("Eve\r\nBcc: x@example.com", ValueProblem.CONTROL_CHARACTER),
        ("Eve\u2028", ValueProblem.CONTROL_CHARACTER),
        ("Eve\x9b2J", ValueProblem.CONTROL_CHARACTER),
        ("Ev\udce9", ValueProblem.NOT_UTF8),
    ):
        with pytest.raises(InvalidValueError) as refused:
            check_display_name(bad)
        assert refused.value.problem is problem


def test_passwords_may_hold_anything_that_can_be_sent() -> None:
    assert check_password("tab\there ✓ \x1b") == "tab\there ✓ \x1b"
    with pytest.raises(InvalidValueError) as refused:
        check_password("s3cret\0")
    assert "s3cret" not in str(refused.value) and refused.value.value == ""


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain text, ümlauts ✓", "plain text, ümlauts ✓"),
        ("\x1b]0;title\x07", "\\e]0;title\\x07"),
        ("line\r\nTrust: trusted", "line\\r\\nTrust: trusted"),
        ("\u202etxt.exe", "\\u202etxt.exe"),
        ("\x9b2J\x7f", "\\x9b2J\\x7f"),
        ("caf\udce9", "caf\\xe9"),
    ],
)
def test_printable_shows_control_characters_instead_of_obeying_them(text: str, shown: str) -> None:
    assert printable(text) == shown
    assert is_printable(printable(text))


def test_printable_can_keep_the_lines_of_a_multi_line_reply() -> None:
    assert (
        printable("250-first\n250 \x1b[1mlast", keep_newlines=True) == "250-first\n250 \\e[1mlast"
    )
