"""The values besides the address that a person hands the engine, checked before anything is
sent: display name, login name, password, server name and certificate fingerprint.

Each of them ends up somewhere a stray character does harm. A line break in a display name is
a header injection (``Eve\\r\\nBcc: victim@x``), and the mail library refuses it only when the
message is built, after the password has already gone to the server; a NUL splits an AUTH
PLAIN payload; bytes that are not UTF-8 (a password piped in from a file in another encoding)
cannot be encoded for the server or the keychain at all. Refusing them here, with a typed
error ``wizard.messages`` can explain, keeps every such case a clear "fix this" before the
first packet instead of a crash after it.
"""

from __future__ import annotations

import ipaddress
import re
import string

from wizard.errors import InvalidValueError, ValueField, ValueProblem

# C0 and C1 controls, DEL, and the Unicode line and paragraph separators: none belongs in a
# name or a login, and each can break a header, a command or a line of output.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Lone surrogates: how Python keeps bytes that were not UTF-8 (argv, stdin: surrogateescape).
_NOT_TEXT = re.compile(r"[\ud800-\udfff]")
_HOST_LABEL = re.compile(r"(?!-)[a-z0-9_-]{1,63}(?<!-)")
_FINGERPRINT_SEPARATORS = ": "
_SHA256_HEX_DIGITS = 64


def check_display_name(name: str) -> str:
    """``name`` if it can stand in a From header as it is; ``InvalidValueError`` otherwise."""
    return _check_line(ValueField.DISPLAY_NAME, name)


def check_username(username: str) -> str:
    """``username`` if it can be sent in an AUTH command and stored; else ``InvalidValueError``."""
    return _check_line(ValueField.USERNAME, username)


def check_password(password: str) -> str:
    """``password`` if it can be sent to a server and stored in the keychain.

    Any character a person can type is allowed, control characters included, except NUL,
    which SASL PLAIN uses as its separator (RFC 4616), and bytes that are not text.
    """
    if _NOT_TEXT.search(password):
        raise InvalidValueError(ValueField.PASSWORD, ValueProblem.NOT_UTF8)
    if "\0" in password:
        raise InvalidValueError(ValueField.PASSWORD, ValueProblem.CONTROL_CHARACTER)
    return password


def check_host(host: str) -> str:
    """``host`` if it is an IP address or a server name (IDN allowed); ``InvalidValueError``
    (``MALFORMED``) for anything a name lookup could only fail on, or be misled by."""
    _check_line(ValueField.HOST, host)
    if is_ip_address(host):
        return host
    try:
        name = host.removesuffix(".").encode("idna").decode("ascii").lower()
    except UnicodeError as err:  # an empty or over-long label, or a character IDNA refuses
        raise InvalidValueError(ValueField.HOST, ValueProblem.MALFORMED, host) from err
    labels = name.split(".")
    if len(name) > 253 or not all(_HOST_LABEL.fullmatch(label) for label in labels):
        raise InvalidValueError(ValueField.HOST, ValueProblem.MALFORMED, host)
    return host


def is_ip_address(host: str) -> bool:
    """Whether ``host`` is an IP address rather than a name (which DNS would be asked)."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def check_fingerprint(text: str) -> str:
    """``text`` if it is a SHA-256 fingerprint (64 hex digits, in any case, with or without
    colons or spaces between them), as the user copied it; ``InvalidValueError`` otherwise."""
    _check_line(ValueField.FINGERPRINT, text)
    digits = [char for char in text if char not in _FINGERPRINT_SEPARATORS]
    if len(digits) != _SHA256_HEX_DIGITS or not all(d in string.hexdigits for d in digits):
        raise InvalidValueError(ValueField.FINGERPRINT, ValueProblem.MALFORMED, text)
    return text


def _check_line(field: ValueField, text: str) -> str:
    if _NOT_TEXT.search(text):
        raise InvalidValueError(field, ValueProblem.NOT_UTF8, text)
    if _CONTROL.search(text):
        raise InvalidValueError(field, ValueProblem.CONTROL_CHARACTER, text)
    return text
