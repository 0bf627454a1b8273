"""SASL for OAuth2 on SMTP: XOAUTH2 (Google's and Microsoft's) and OAUTHBEARER (RFC 7628).

Both carry the access token in the initial response of ``AUTH``. When the server refuses the
token it first sends a ``334`` challenge holding a base64 JSON error (``{"status":
"invalid_token", ...}``) and waits: the client must answer it (an empty line for XOAUTH2,
``AQ==``, a lone ``\\x01``, for OAUTHBEARER) to get the final refusal, or the session hangs.
The JSON says why (``decode_error``), which ``wizard.smtp.diagnosis`` turns into advice.

Access tokens run past 2.5 KB (Microsoft's do): they go in one command line, which aiosmtplib
writes whole, and nothing here limits its length.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from wizard.errors import NOT_JSON

XOAUTH2 = "XOAUTH2"
OAUTHBEARER = "OAUTHBEARER"


@dataclass(frozen=True)
class Bearer:
    """An OAuth2 access token to log in with, in place of a password; never shown.

    ``mailbox``: its scope also lets it read the mailbox over IMAP (the delivery
    confirmation logs in with it then); ``wizard.oauth.results`` decides.
    """

    token: str = field(repr=False)
    mailbox: bool = False


def bearer_mechanism(offered: Collection[str]) -> str | None:
    """The mechanism to log in with a token: OAUTHBEARER, the standard, when the server
    offers it, else XOAUTH2; None when it offers neither (``offered`` upper-case)."""
    for mechanism in (OAUTHBEARER, XOAUTH2):
        if mechanism in offered:
            return mechanism
    return None


def initial_response(mechanism: str, username: str, token: str, host: str, port: int) -> bytes:
    """The base64 initial response for ``AUTH <mechanism>``."""
    return base64.b64encode(client_message(mechanism, username, token, host, port))


def client_message(mechanism: str, username: str, token: str, host: str, port: int) -> bytes:
    """The client's first message, before base64 (IMAP's ``AUTHENTICATE`` encodes it)."""
    if mechanism == OAUTHBEARER:
        # RFC 7628 section 3.1: the GS2 header names the user; host and port are optional.
        header = f"n,a={_saslname(username)},"
        text = f"{header}\x01host={host}\x01port={port}\x01auth=Bearer {token}\x01\x01"
    else:
        text = f"user={username}\x01auth=Bearer {token}\x01\x01"
    return text.encode()


def error_answer(mechanism: str) -> bytes:
    """What answers a 334 error challenge so that the server sends its final reply."""
    return base64.b64encode(error_reply(mechanism))


def error_reply(mechanism: str) -> bytes:
    """The same answer before base64: a lone ``\\x01`` for OAUTHBEARER, nothing for XOAUTH2."""
    return b"\x01" if mechanism == OAUTHBEARER else b""


def decode_error(challenge: str) -> dict[str, Any] | None:
    """The JSON error object of a 334 challenge; None when it is not one."""
    try:
        return error_document(base64.b64decode(challenge.strip(), validate=True))
    except binascii.Error:
        return None


def error_document(challenge: bytes) -> dict[str, Any] | None:
    """The JSON error object of a decoded challenge; None when it is not one."""
    try:
        document = json.loads(challenge)
    except NOT_JSON:
        return None
    return document if isinstance(document, dict) else None


def _saslname(username: str) -> str:
    """RFC 5801 saslname: "," and "=" are escaped."""
    return username.replace("=", "=3D").replace(",", "=2C")
