"""What ``parse_address`` accepts, what it refuses, and the exact reason it gives."""

from __future__ import annotations

import pytest

from wizard.address import EmailAddress, parse_address
from wizard.errors import AddressProblem, InvalidAddressError

P = AddressProblem

# Labels that grow from 22 UTF-8 octets to 28 ASCII ones when IDNA-encoded.
_GROWING_LABEL = "b" * 20 + "ü"


def _domain_of(labels: int) -> str:
    return ".".join([_GROWING_LABEL] * labels) + ".example"


ACCEPTED = [
    pytest.param("alice@example.com", "alice", "example.com", "example.com", id="plain"),
    pytest.param("alice+news@example.com", "alice+news", "example.com", "example.com", id="plus"),
    pytest.param(
        "Alice.Smith@Example.COM", "Alice.Smith", "example.com", "example.com", id="mixed-case"
    ),
    # email-validator lower-cases this one (RFC 2142 role name); we keep what was typed.
    pytest.param("Postmaster@Example.com", "Postmaster", "example.com", "example.com", id="role"),
    pytest.param(" \talice@example.com \u3000", "alice", "example.com", "example.com", id="spaces"),
    pytest.param("alice@example.com.", "alice", "example.com", "example.com", id="fqdn-dot"),
    pytest.param(
        "jörg@bücher.example", "jörg", "xn--bcher-kva.example", "bücher.example", id="idn"
    ),
    pytest.param(
        "jörg@XN--BCHER-KVA.example", "jörg", "xn--bcher-kva.example", "bücher.example", id="alabel"
    ),
    pytest.param(
        "alice@Bücher。Example", "alice", "xn--bcher-kva.example", "bücher.example", id="ideo-dot"
    ),
    pytest.param("用户@例子.广告", "用户", "xn--fsqu00a.xn--4rr70v", "例子.广告", id="cjk"),
    pytest.param("alice@mail.lab.test", "alice", "mail.lab.test", "mail.lab.test", id="test"),
    pytest.param("alice@docs.example", "alice", "docs.example", "docs.example", id="example"),
    pytest.param("alice@nowhere.invalid", "alice", "nowhere.invalid", "nowhere.invalid", id="inv"),
    pytest.param("alice@mx.localhost", "alice", "mx.localhost", "mx.localhost", id="localhost"),
    pytest.param("a" * 64 + "@example.com", "a" * 64, "example.com", "example.com", id="64"),
    # RFC 5321 quoted local parts, in the library's normal form: quotes only where needed.
    pytest.param('"john.doe"@example.org', "john.doe", "example.org", "example.org", id="quoted"),
    pytest.param(
        '"john doe"@example.org', '"john doe"', "example.org", "example.org", id="quoted-space"
    ),
    pytest.param('"a@b"@example.com', '"a@b"', "example.com", "example.com", id="quoted-at"),
]


def test_a_quoted_local_part_is_the_mailbox_without_its_quotes() -> None:
    assert parse_address('"john doe"@example.org').mailbox == "john doe"
    assert parse_address('"a\\"b"@example.org').mailbox == 'a"b'
    assert parse_address("alice@example.org").mailbox == "alice"


def test_what_is_refused_even_in_quotes_is_said() -> None:
    with pytest.raises(InvalidAddressError) as refused:
        parse_address('"tab\there"@example.org')
    from wizard.messages import describe_error

    assert "even between quotes" in describe_error(refused.value)


@pytest.mark.parametrize(("text", "local_part", "domain", "display"), ACCEPTED)
def test_accepted(text: str, local_part: str, domain: str, display: str) -> None:
    parsed = parse_address(text)
    assert parsed == EmailAddress(local_part, domain, display)
    assert parsed.address == f"{local_part}@{domain}"
    assert parsed.display == f"{local_part}@{display}"


def test_a_label_and_u_label_spellings_are_the_same_address() -> None:
    assert parse_address("jörg@xn--bcher-kva.example") == parse_address("jörg@bücher.example")


REJECTED = [
    pytest.param("", P.EMPTY, id="empty"),
    pytest.param(" \t ", P.EMPTY, id="blank"),
    pytest.param("alice@example.com\r\nRCPT TO:<x@evil.example>", P.LINE_BREAK, id="crlf"),
    pytest.param("alice\n@example.com", P.LINE_BREAK, id="lf"),
    pytest.param("alice@example.com\r", P.LINE_BREAK, id="trailing-cr"),
    pytest.param("alice @example.com", P.WHITESPACE, id="space"),
    pytest.param("alice@exam\tple.com", P.WHITESPACE, id="tab"),
    pytest.param("alice@exam\u00a0ple.com", P.WHITESPACE, id="nbsp"),
    pytest.param("Alice <alice@example.com>", P.NAME_AND_ADDRESS, id="display-name"),
    pytest.param("alice.example.com", P.MISSING_AT, id="no-at"),
    pytest.param("alice＠example.com", P.MISSING_AT, id="fullwidth-at"),
    pytest.param("alice@@example.com", P.MULTIPLE_AT, id="double-at"),
    pytest.param("alice@bob@example.com", P.MULTIPLE_AT, id="two-at"),
    pytest.param("@example.com", P.EMPTY_LOCAL_PART, id="no-local"),
    pytest.param("alice@", P.EMPTY_DOMAIN, id="no-domain"),
    pytest.param("alice@localhost", P.DOTLESS_DOMAIN, id="localhost"),
    pytest.param("alice@example", P.DOTLESS_DOMAIN, id="example"),
    pytest.param("alice@example.", P.DOTLESS_DOMAIN, id="tld-dot"),
    pytest.param("a" * 65 + "@example.com", P.TOO_LONG, id="local-65"),
    pytest.param("ö" * 33 + "@example.com", P.TOO_LONG, id="local-66-octets"),
    pytest.param("a" * 64 + "@" + "b" * 63 + "." + "c" * 63 + "." + "d" * 63, P.TOO_LONG, id="255"),
    # Fits in UTF-8, overflows once the domain is IDNA-encoded: only email-validator can tell.
    pytest.param("a" * 60 + "@" + _domain_of(7), P.TOO_LONG, id="idna-total"),
    pytest.param('"tab\there"@example.com', P.BAD_QUOTED_LOCAL_PART, id="quoted-tab"),
    pytest.param('"a\x01b"@example.com', P.BAD_QUOTED_LOCAL_PART, id="quoted-control"),
    pytest.param(".alice@example.com", P.BAD_LOCAL_PART, id="local-leading-dot"),
    pytest.param("alice.@example.com", P.BAD_LOCAL_PART, id="local-trailing-dot"),
    pytest.param("al..ice@example.com", P.BAD_LOCAL_PART, id="local-dots"),
    pytest.param("a(b)@example.com", P.BAD_LOCAL_PART, id="local-parens"),
    pytest.param("<alice@example.com>", P.NAME_AND_ADDRESS, id="angle"),
    pytest.param("a\u200b@example.com", P.BAD_LOCAL_PART, id="local-zwsp"),
    pytest.param("\ud800@example.com", P.BAD_LOCAL_PART, id="surrogate"),
    pytest.param("alice@example..com", P.BAD_DOMAIN, id="domain-dots"),
    pytest.param("alice@.", P.BAD_DOMAIN, id="only-dot"),
    pytest.param("alice@.example.com", P.BAD_DOMAIN, id="domain-leading-dot"),
    pytest.param("alice@-example.com", P.BAD_DOMAIN, id="leading-hyphen"),
    pytest.param("alice@example-.com", P.BAD_DOMAIN, id="trailing-hyphen"),
    pytest.param("alice@ab--cd.example", P.BAD_DOMAIN, id="r-ldh"),
    pytest.param("alice@exa_mple.com", P.BAD_DOMAIN, id="underscore"),
    pytest.param("alice@exam\u200bple.com", P.BAD_DOMAIN, id="domain-zwsp"),
    pytest.param("alice@xn--zz.example", P.BAD_DOMAIN, id="bad-punycode"),
    pytest.param("alice@" + "b" * 64 + ".com", P.BAD_DOMAIN, id="label-64"),
    pytest.param("alice@example.123", P.BAD_DOMAIN, id="numeric-tld"),
    pytest.param("alice@192.0.2.1", P.BAD_DOMAIN, id="ip"),
    pytest.param("alice@[192.0.2.1]", P.BAD_DOMAIN, id="literal"),
    pytest.param("alice@hidden.onion", P.BAD_DOMAIN, id="onion"),
    pytest.param("alice@printer.local", P.BAD_DOMAIN, id="mdns"),
    # The domain alone outgrows DNS's 253 octets once IDNA-encoded: not a usable domain.
    pytest.param("a@" + _domain_of(10), P.BAD_DOMAIN, id="idna-domain"),
]


@pytest.mark.parametrize(("text", "problem"), REJECTED)
def test_rejected(text: str, problem: AddressProblem) -> None:
    with pytest.raises(InvalidAddressError) as caught:
        parse_address(text)
    error = caught.value
    assert error.problem is problem
    assert error.value == text
    assert str(error).startswith(f"{problem.value}: ")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("al..ice@example.com", "two periods"),
        ("alice@exa_mple.com", "'_'"),
        ("a" * 60 + "@" + _domain_of(7), "IDNA"),
    ],
)
def test_email_validator_reason_is_kept_as_detail(text: str, words: str) -> None:
    with pytest.raises(InvalidAddressError) as caught:
        parse_address(text)
    assert words in caught.value.detail
    assert caught.value.detail in str(caught.value)


@pytest.mark.parametrize(
    "text",
    [
        "Alice <alice@example.com>",
        "Alice<alice@example.com>",  # what removing the spaces left
        '"Smith, Alice" <alice@example.com>',
        "<alice@example.com>",
        "  Alice Smith < alice@example.com >  ",
    ],
)
def test_a_pasted_name_and_address_is_refused_naming_the_address(text: str) -> None:
    """A "Name <address>" copied from a mail program is never taken silently; the user is
    told to enter only the address, and which one that is."""
    from wizard.messages import describe_error

    with pytest.raises(InvalidAddressError) as refused:
        parse_address(text)

    assert refused.value.problem is P.NAME_AND_ADDRESS
    assert refused.value.found == "alice@example.com"
    words = describe_error(refused.value)
    assert words == "Enter only the address, without a name or angle brackets: alice@example.com"
