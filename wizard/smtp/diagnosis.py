"""What went wrong in a test send, sorted into categories a person can act on.

A server explains a failure in three layers: the basic reply code (RFC 5321), an enhanced
status code at the start of the text (RFC 3463, ``class.subject.detail``), and free text, in
which the big providers use stable phrases that their help pages are found by. ``diagnose``
reads all three, the most specific first: a provider's phrase beats an enhanced code, which
beats the basic code, because "535" alone cannot tell a wrong password from a tenant that has
switched password logins off. When no reply arrived at all, what the connection did (refused,
silent, hung up) is all there is.

The stages and the reply live here rather than in ``wizard.smtp.send`` because they are the
input of the diagnosis; ``send`` re-exports them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from wizard.model import ProbeFailure


class Stage(StrEnum):
    """How far a test send got. The values are the JSON spellings."""

    CONNECT = "connect"  # name lookup and TCP connect
    TLS = "tls"  # implicit TLS handshake, or STARTTLS and its handshake
    GREETING = "greeting"  # the server's 220 and our EHLO
    AUTH = "auth"  # logging in
    SEND = "send"  # MAIL, RCPT, DATA
    DONE = "done"  # the message was accepted


@dataclass(frozen=True)
class Reply:
    """One server reply; a multi-line reply's lines are joined with newlines, codes removed."""

    code: int
    text: str


class Diagnosis(StrEnum):
    """Why a test send failed. Values are stable message ids (``wizard.messages``)."""

    WRONG_PASSWORD = "wrong-password"  # noqa: S105 (a message id, not a password)
    # Gmail's "Username and Password not accepted": wrong, or a normal password for an
    # account that needs an app password.
    GOOGLE_PASSWORD_REFUSED = "google-password-refused"  # noqa: S105 (a message id)
    APP_PASSWORD_REQUIRED = "app-password-required"  # noqa: S105 (a message id)
    WEB_LOGIN_REQUIRED = "web-login-required"  # Google blocked the sign-in as suspicious
    TOO_MANY_ATTEMPTS = "too-many-attempts"  # Yahoo's AUTH005: usually an app password needed
    BASIC_AUTH_DISABLED = "basic-auth-disabled"  # Microsoft: passwords off, OAuth2 works
    SMTP_AUTH_DISABLED = "smtp-auth-disabled"  # Microsoft: SMTP AUTH off for tenant or mailbox
    AUTH_DISABLED = "auth-disabled"  # the provider has switched password logins off
    TOKEN_REJECTED = "token-rejected"  # noqa: S105 (a message id): the sign-in was refused
    TOKEN_SCOPE = "token-scope"  # noqa: S105 (a message id): signed in without SMTP access
    OAUTH_NOT_OFFERED = "oauth-not-offered"  # no XOAUTH2 or OAUTHBEARER on this connection
    AUTH_NOT_OFFERED = "auth-not-offered"  # no password login offered on this connection
    AUTH_NOT_ALLOWED = "auth-not-allowed"  # none offered that the organisation allows
    STARTTLS_REQUIRED = "starttls-required"  # the server wants encryption before a login
    STARTTLS_MISSING = "starttls-missing"  # the settings say STARTTLS; the server lacks it
    STARTTLS_OFFERED = "starttls-offered"  # plaintext allowed, but the server offers STARTTLS
    PLAINTEXT_REFUSED = "plaintext-refused"  # we refused to send a password unencrypted
    CERTIFICATE = "certificate"  # the certificate did not verify and was not pinned
    # The organisation pinned the server's certificates, and this is not one of them.
    CERTIFICATE_NOT_PINNED = "certificate-not-pinned"
    TLS_FAILED = "tls-failed"  # the handshake failed for another reason (wrong security?)
    # Port 465 reached without TLS: it waits for a handshake, and never greets.
    IMPLICIT_TLS_PORT = "implicit-tls-port"
    SENDER_REJECTED = "sender-rejected"
    RECIPIENT_REJECTED = "recipient-rejected"
    RELAY_DENIED = "relay-denied"
    GREYLISTED = "greylisted"
    MESSAGE_REJECTED = "message-rejected"
    SMTPUTF8_UNSUPPORTED = "smtputf8-unsupported"  # a non-ASCII mailbox, a server without it
    EIGHT_BIT_UNSUPPORTED = (
        "eight-bit-unsupported"  # 8-bit data no 7-bit form can carry; no 8BITMIME
    )
    PORT_BLOCKED = "port-blocked"
    NO_SUCH_HOST = "no-such-host"
    NO_GREETING = "no-greeting"  # connected, but nothing that speaks SMTP answered
    CONNECTION_CLOSED = "connection-closed"  # hung up or fell silent mid-conversation
    MALFORMED_REPLY = "malformed-reply"  # an answer that is not an SMTP reply at all
    OUT_OF_TIME = "out-of-time"  # every step answered in time, but the whole test took too long
    TEMPORARY = "temporary"  # any other 4xx
    UNKNOWN = "unknown"


# RFC 3463: class 2, 4 or 5, a subject of up to three digits, a detail of up to three.
_ENHANCED_CODE = re.compile(r"\s*([245]\.\d{1,3}\.\d{1,3})(?![\d.])")

# Lower-case substrings, checked before any code: providers' own words for their policies,
# the most specific first.
_PHRASES = (
    # Microsoft 535 5.7.139, for the tenant or the mailbox
    ("smtpclientauthentication is disabled", Diagnosis.SMTP_AUTH_DISABLED),
    ("basic authentication is disabled", Diagnosis.BASIC_AUTH_DISABLED),  # Microsoft 5.7.139
    ("application-specific password", Diagnosis.APP_PASSWORD_REQUIRED),  # Google 534 5.7.9
    ("app password", Diagnosis.APP_PASSWORD_REQUIRED),
    ("web browser", Diagnosis.WEB_LOGIN_REQUIRED),  # Google 534 5.7.14 "log in via your web …"
    ("weblogin", Diagnosis.WEB_LOGIN_REQUIRED),  # Google 534 5.7.9 "…?p=WebLoginRequired"
    ("#auth005", Diagnosis.TOO_MANY_ATTEMPTS),  # Yahoo 535 5.7.0 "Too many bad auth attempts"
    ("username and password not accepted", Diagnosis.GOOGLE_PASSWORD_REFUSED),  # Gmail 5.7.8
)
_AUTH_DISABLED_PHRASES = (
    "authentication is disabled",
    "authentication disabled",
    "security defaults",  # Microsoft: "user is locked by your organization's security defaults"
    "did not meet the criteria",  # Microsoft: blocked by a conditional-access policy
)
_STARTTLS_WORDS = re.compile(r"starttls|tls (?:is )?required|encryption required")
_GREYLIST_WORDS = re.compile(r"gr[ae]y-?list|try (?:again )?later")
_SENDER_WORDS = re.compile(r"sender address rejected|not owned by user", re.IGNORECASE)
_RELAY_WORDS = re.compile(r"relay")

_BY_FAILURE = {
    ProbeFailure.NO_SUCH_HOST: Diagnosis.NO_SUCH_HOST,
    ProbeFailure.REFUSED: Diagnosis.PORT_BLOCKED,
    ProbeFailure.CONNECT_TIMEOUT: Diagnosis.PORT_BLOCKED,
    ProbeFailure.NO_GREETING: Diagnosis.NO_GREETING,
    ProbeFailure.NOT_SMTP: Diagnosis.NO_GREETING,
    ProbeFailure.TLS_FAILED: Diagnosis.TLS_FAILED,
    ProbeFailure.NO_STARTTLS: Diagnosis.STARTTLS_MISSING,
    ProbeFailure.CLOSED: Diagnosis.CONNECTION_CLOSED,
}


def enhanced_code(text: str) -> str | None:
    """The RFC 3463 enhanced status code a reply's text starts with (``"5.7.8"``), if any."""
    match = _ENHANCED_CODE.match(text)
    return match.group(1) if match else None


def diagnose(
    stage: Stage,
    reply: Reply | None,
    *,
    command: str | None = None,
    failure: ProbeFailure | None = None,
) -> Diagnosis:
    """Why the test failed at ``stage``.

    ``command`` names the SMTP verb the reply answered where the stage alone is ambiguous
    (``MAIL``, ``RCPT`` or ``DATA`` while sending). ``failure`` says what the connection did
    when no usable reply arrived; a reply, when there is one, is the better witness.
    """
    if reply is not None and 200 <= reply.code < 600:
        return _from_reply(stage, reply, (command or "").upper())
    if failure is not None:
        return _BY_FAILURE[failure]
    return Diagnosis.UNKNOWN


def _from_reply(stage: Stage, reply: Reply, command: str) -> Diagnosis:
    text = reply.text.lower()
    code = reply.code
    enhanced = enhanced_code(reply.text)
    phrase = _phrase(text)
    if phrase is not None:
        return phrase
    if any(phrase in text for phrase in _AUTH_DISABLED_PHRASES):
        return Diagnosis.AUTH_DISABLED
    if code == 538 or enhanced == "5.7.11" or _STARTTLS_WORDS.search(text):
        return Diagnosis.STARTTLS_REQUIRED
    if 400 <= code < 500:
        if enhanced == "4.7.1" or _GREYLIST_WORDS.search(text):
            return Diagnosis.GREYLISTED
        return Diagnosis.TEMPORARY
    if code == 535 or enhanced == "5.7.8":
        return Diagnosis.WRONG_PASSWORD
    if code < 500:
        return Diagnosis.UNKNOWN  # a 2xx or 3xx where it made no sense
    if stage is Stage.AUTH:
        return _auth_refusal(code)
    if stage is Stage.SEND:
        return _send_refusal(command, enhanced, text)
    return Diagnosis.UNKNOWN


def _phrase(text: str) -> Diagnosis | None:
    """The diagnosis a provider's own words give (``text`` lower-case), if any."""
    return next((found for phrase, found in _PHRASES if phrase in text), None)


def diagnose_bearer(reply: Reply, error: dict[str, object] | None) -> Diagnosis:
    """Why a login with an OAuth2 token was refused: ``reply`` is the final refusal,
    ``error`` the JSON of the 334 error challenge before it, if there was one.

    An administrator's switch beats the token's fault (Microsoft refuses tokens too while
    SMTP AUTH is off for the tenant or mailbox), then what the JSON says.
    """
    text = reply.text.lower()
    if "smtpclientauthentication is disabled" in text:
        return Diagnosis.SMTP_AUTH_DISABLED
    if any(phrase in text for phrase in _AUTH_DISABLED_PHRASES):
        return Diagnosis.AUTH_DISABLED
    status = str((error or {}).get("status", "")).lower()
    if status in ("insufficient_scope", "403"):
        return Diagnosis.TOKEN_SCOPE
    if 400 <= reply.code < 500:
        return Diagnosis.TEMPORARY
    if reply.code in (502, 503, 504):
        return Diagnosis.OAUTH_NOT_OFFERED
    return Diagnosis.TOKEN_REJECTED


def _auth_refusal(code: int) -> Diagnosis:
    if code == 534:  # RFC 4954 "mechanism too weak"; in practice Google's app-password demand
        return Diagnosis.APP_PASSWORD_REQUIRED
    if code in (502, 503, 504):  # AUTH, or this mechanism, not implemented or not enabled
        return Diagnosis.AUTH_NOT_OFFERED
    return Diagnosis.UNKNOWN


def _send_refusal(command: str, enhanced: str | None, text: str) -> Diagnosis:
    if command == "MAIL":
        return Diagnosis.SENDER_REJECTED
    if command == "RCPT":
        # Postfix delays refusing a sender until RCPT (smtpd_delay_reject), with 5.7.1.
        if _SENDER_WORDS.search(text):
            return Diagnosis.SENDER_REJECTED
        if enhanced == "5.7.1" or _RELAY_WORDS.search(text):
            return Diagnosis.RELAY_DENIED
        return Diagnosis.RECIPIENT_REJECTED
    if command == "DATA":
        return Diagnosis.MESSAGE_REJECTED
    return Diagnosis.UNKNOWN
