"""What a sign-in tells the person as it goes, and the two ways to sign in.

Kept apart from the flows, which load the OAuth and HTTP libraries, so that a window can show
these without loading them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Method(StrEnum):
    BROWSER = "browser"  # authorization code through the system browser
    DEVICE = "device"  # a code typed on another device


@dataclass(frozen=True)
class BrowserOpened:
    """The sign-in page's address, being opened in the browser; shown too, for when no
    browser opens (the person then opens it themselves)."""

    url: str


@dataclass(frozen=True)
class DeviceCode:
    """What the person types where, for the device-code sign-in."""

    verification_uri: str
    user_code: str
    verification_uri_complete: str | None  # the URL with the code in it, for a QR code
    expires_in: float


@dataclass(frozen=True)
class MailboxDeclined:
    """The sign-in server would not grant reading the mailbox (the delivery confirmation's
    scope); the sign-in starts again for sending only, which must not depend on it.
    ``detail``: the server's words."""

    detail: str
