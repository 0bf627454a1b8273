"""Typed errors of the engine.

Each error carries data (a reason code and the offending value), never finished English
sentences: ``wizard.messages`` is the one place that turns them into plain, translatable words,
so the CLI and the GUI explain the same problem the same way.
"""

from __future__ import annotations

from enum import StrEnum


class WizardError(Exception):
    """Base of every error the engine raises on purpose."""


NOT_JSON: tuple[type[Exception], ...] = (ValueError, RecursionError)
"""What reading text that is not JSON raises: ``ValueError`` (also for bytes that are not UTF-8,
and Authlib's own for a token answer that is not a JSON object), and ``RecursionError`` for
brackets nested deeper than the parser goes. Every reader of JSON from a file or a server
catches both, so that hostile nesting is "not JSON", never a traceback."""


class AddressProblem(StrEnum):
    """What is wrong with an email address, specific enough to tell the user what to fix."""

    EMPTY = "empty"
    MISSING_AT = "missing-at"
    MULTIPLE_AT = "multiple-at"
    EMPTY_LOCAL_PART = "empty-local-part"
    EMPTY_DOMAIN = "empty-domain"
    WHITESPACE = "whitespace"
    NAME_AND_ADDRESS = "name-and-address"  # "Alice <alice@example.com>": ``found`` the address
    LINE_BREAK = "line-break"
    BAD_LOCAL_PART = "bad-local-part"
    BAD_QUOTED_LOCAL_PART = "bad-quoted-local-part"  # refused even between quotes
    BAD_DOMAIN = "bad-domain"
    DOTLESS_DOMAIN = "dotless-domain"
    TOO_LONG = "too-long"


class InvalidAddressError(WizardError, ValueError):
    """The text the user typed is not a usable email address. ``found`` is the address
    inside it, where it holds one beside other text (a pasted "Name <address>")."""

    def __init__(
        self, problem: AddressProblem, value: str, detail: str = "", found: str = ""
    ) -> None:
        super().__init__(f"{problem.value}: {value!r}" + (f" ({detail})" if detail else ""))
        self.problem = problem
        self.value = value
        self.detail = detail
        self.found = found


class ValueField(StrEnum):
    """Which value, besides the address, a person gave that cannot be used."""

    DISPLAY_NAME = "display-name"
    USERNAME = "username"
    PASSWORD = "password"  # noqa: S105 (a field name, not a password)
    HOST = "host"
    FINGERPRINT = "fingerprint"


class ValueProblem(StrEnum):
    """What is wrong with it."""

    CONTROL_CHARACTER = "control-character"  # a line break, NUL or another control character
    NOT_UTF8 = "not-utf8"  # bytes that are not text: they cannot be sent or stored
    MALFORMED = "malformed"  # not a server name, not a fingerprint


class InvalidValueError(WizardError, ValueError):
    """A display name, login, password, server name or fingerprint that cannot be used as it
    is; nothing was sent. ``value`` is what was given (never kept for a password)."""

    def __init__(self, field: ValueField, problem: ValueProblem, value: str = "") -> None:
        shown = "" if field is ValueField.PASSWORD else f": {value!r}"
        super().__init__(f"{field.value} {problem.value}{shown}")
        self.field = field
        self.problem = problem
        self.value = "" if field is ValueField.PASSWORD else value
