"""The email address the user typed, checked and split into the parts the engine needs.

email-validator does the real work (syntax, UTS-46/IDNA, SMTPUTF8). A few cheap checks run
first because the library explains a failure only in English prose: each check below turns
one common mistake into its own ``AddressProblem``, which ``wizard.messages`` can explain in
the user's language. Whatever gets past them and still fails is blamed on the half of the
address the library rejects (see ``_problem_from_library``).

RFC 5321 and 6531 allow a quoted local part (``"john doe"@example.org``); it is accepted
wherever email-validator accepts one, and kept in the normal form the library gives it
(``"john.doe"`` needs no quotes and loses them). What the library refuses even between quotes
(a tab, a control character) is named as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import email_validator
from email_validator import EmailNotValidError, ValidatedEmail, validate_email

from wizard.errors import AddressProblem, InvalidAddressError

# RFC 6761 reserves these names for testing and documentation. email-validator refuses them
# (except "example", which it never listed) because mail to them can't reach anyone; the
# wizard must accept them, because its loopback test lab and its documentation use them.
# The list is email-validator's documented switch for this, and it has no per-call one.
# Other special-use names (local = mDNS, onion = Tor, arpa = DNS infrastructure) stay refused:
# no provider's settings can be found for them.
_RFC_6761_NAMES = frozenset({"test", "invalid", "localhost"})
email_validator.SPECIAL_USE_DOMAIN_NAMES[:] = [
    name for name in email_validator.SPECIAL_USE_DOMAIN_NAMES if name not in _RFC_6761_NAMES
]

# The characters IDNA accepts as the dot between labels (RFC 3490 section 3.1): people who type
# in Chinese or Japanese often get an ideographic or full-width one, and UTS-46 maps them to ".".
_LABEL_SEPARATORS = ".\u3002\uff0e\uff61"

# RFC 5321 section 4.5.3.1, counted in UTF-8 octets as RFC 6531 says for SMTPUTF8.
_LOCAL_PART_MAX_OCTETS = 64
_ADDRESS_MAX_OCTETS = 254  # the 256-octet path limit, less its angle brackets

# A name with the address in angle brackets, as mail programs show and copy it:
# "Alice <alice@example.com>", "Alice<alice@example.com>", or "<alice@example.com>".
_NAME_AND_ADDRESS = re.compile(r"[^<>]*<\s*([^<>]*@[^<>]*?)\s*>")

# Stand-ins of known validity, used to find which half of a rejected address is at fault.
_GOOD_LOCAL_PART = "postmaster"
_GOOD_DOMAIN = "example.com"


@dataclass(frozen=True)
class EmailAddress:
    """A valid address, with its domain both in the form DNS needs and the form people read."""

    local_part: str  # as typed: case and plus-tags kept, since some servers log in with it
    domain: str  # A-label, lower-case, for DNS and HTTP ("xn--bcher-kva.example")
    domain_display: str  # U-label, lower-case, for showing ("bücher.example")

    @property
    def address(self) -> str:
        """The address for the wire and for URLs: the domain as ASCII."""
        return f"{self.local_part}@{self.domain}"

    @property
    def display(self) -> str:
        """The address as people read it: the domain in its own script."""
        return f"{self.local_part}@{self.domain_display}"

    @property
    def mailbox(self) -> str:
        """The local part as a mail library wants it, without the quoting an address needs
        around some (``"john doe"`` is the mailbox ``john doe``)."""
        if _is_quoted(self.local_part):
            return re.sub(r"\\(.)", r"\1", self.local_part[1:-1])
        return self.local_part


def parse_address(text: str) -> EmailAddress:
    """Check ``text`` and split it, or raise ``InvalidAddressError`` saying what is wrong.

    Whitespace around the address is dropped (it comes with copy and paste). So is one dot at
    the end of the domain: ``example.com.`` is DNS's fully-qualified spelling of the same
    domain, which people copy from DNS tools, while RFC 5321 forbids it in an address, so the
    domain is passed on without it.
    """
    stripped = text.strip()
    local, domain = _pre_check(text, stripped)
    try:
        valid = _validate(f"{local}@{domain}")
    except EmailNotValidError as exc:
        raise InvalidAddressError(_problem_from_library(local, domain), text, str(exc)) from exc
    # A quoted local part in the library's normal form: quotes only where they are needed.
    local_part = valid.local_part if _is_quoted(local) else local
    return EmailAddress(
        local_part=local_part, domain=valid.ascii_domain, domain_display=valid.domain
    )


def _is_quoted(local: str) -> bool:
    return len(local) > 1 and local[0] == local[-1] == '"'


def _pre_check(text: str, stripped: str) -> tuple[str, str]:
    """Catch the mistakes that deserve their own words; return (local part, domain)."""

    def fail(problem: AddressProblem) -> InvalidAddressError:
        return InvalidAddressError(problem, text)

    if not stripped:
        raise fail(AddressProblem.EMPTY)
    # Checked on the raw text, even at its ends: a line break in an address is how SMTP
    # command and mail header injection start, so it is refused, never quietly removed.
    if "\r" in text or "\n" in text:
        raise fail(AddressProblem.LINE_BREAK)
    # Pasted from a mail program's "To" line: never taken silently, but named, so that what
    # the user is told to enter is the address, not "Alice<alice@example.com>".
    pasted = _NAME_AND_ADDRESS.fullmatch(stripped)
    if pasted:
        raise InvalidAddressError(AddressProblem.NAME_AND_ADDRESS, text, found=pasted[1])
    # A domain never holds an "@", so the last one ends the local part. An "@" before it is
    # a typo unless the local part is quoted, which may hold one (and spaces).
    local, _, domain = stripped.rpartition("@")
    quoted = _is_quoted(local)
    # The most common typo ("alice @example.com"); the library would only say "invalid
    # characters".
    if any(char.isspace() for char in (domain if quoted else stripped)):
        raise fail(AddressProblem.WHITESPACE)
    if "@" not in stripped:
        raise fail(AddressProblem.MISSING_AT)
    if "@" in local and not quoted:
        raise fail(AddressProblem.MULTIPLE_AT)
    if not local:
        raise fail(AddressProblem.EMPTY_LOCAL_PART)
    if not domain:
        raise fail(AddressProblem.EMPTY_DOMAIN)
    if len(domain) > 1 and domain[-1] in _LABEL_SEPARATORS:
        domain = domain[:-1]
    # "alice@localhost" or "alice@company": an intranet habit, or a forgotten ".com".
    if not any(separator in domain for separator in _LABEL_SEPARATORS):
        raise fail(AddressProblem.DOTLESS_DOMAIN)
    # The library counts a local part's length only in its strict mode, and in characters.
    if (
        _octets(local) > _LOCAL_PART_MAX_OCTETS
        or _octets(local) + 1 + _octets(domain) > _ADDRESS_MAX_OCTETS
    ):
        raise fail(AddressProblem.TOO_LONG)
    return local, domain


def _problem_from_library(local: str, domain: str) -> AddressProblem:
    """Say which half of an address email-validator refused.

    Its messages are prose, and some ("two periods in a row", "unsafe characters") fit either
    half, so instead each half is tried again beside a stand-in known to be valid. When both
    pass alone, only their combined length can have failed (e.g. grown by IDNA encoding).
    """
    if not _accepts(f"{local}@{_GOOD_DOMAIN}"):
        return (
            AddressProblem.BAD_QUOTED_LOCAL_PART
            if _is_quoted(local)
            else AddressProblem.BAD_LOCAL_PART
        )
    if not _accepts(f"{_GOOD_LOCAL_PART}@{domain}"):
        return AddressProblem.BAD_DOMAIN
    return AddressProblem.TOO_LONG


def _validate(address: str) -> ValidatedEmail:
    """Syntax only: whether the domain exists is for detection to find out, and say."""
    return validate_email(
        address, check_deliverability=False, allow_smtputf8=True, allow_quoted_local=True
    )


def _accepts(address: str) -> bool:
    try:
        _validate(address)
    except EmailNotValidError:
        return False
    return True


def _octets(part: str) -> int:
    # surrogatepass: a lone surrogate must reach the library's "invalid character", not crash.
    return len(part.encode("utf-8", "surrogatepass"))
