"""The one place that turns the engine's typed errors and codes into plain words.

Texts are English source strings marked with ``QT_TRANSLATE_NOOP`` so Qt's ``lupdate`` finds
them; the GUI passes ``QCoreApplication.translate`` as ``tr`` and the CLI its own
``wizard.cli.i18n.translate``, and get them in the user's language; JSON for scripts keeps them
as they are. The engine itself never builds sentences.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from wizard.delivery.result import DeliveryResult, DeliveryStatus, Removal, SkipReason

# Detection's words are in a module of their own, so that ``detect`` shows its result without
# loading all of this; the GUI and the other commands find them here, with every other.
from wizard.detection_words import CONTEXT, NO_ENCRYPTION_OFFERED
from wizard.detection_words import confirm_foreign as confirm_foreign
from wizard.detection_words import confirm_plaintext as confirm_plaintext
from wizard.detection_words import describe_caution as describe_caution
from wizard.detection_words import describe_live_check as describe_live_check
from wizard.detection_words import describe_origin as describe_origin
from wizard.detection_words import describe_source as describe_source
from wizard.detection_words import security_label as security_label
from wizard.detection_words import source_label as source_label
from wizard.detection_words import status_label as status_label
from wizard.detection_words import trust_label as trust_label
from wizard.domaincheck.model import Check, Finding, FindingCode, Severity
from wizard.errors import (
    AddressProblem,
    InvalidAddressError,
    InvalidValueError,
    ValueField,
    ValueProblem,
    WizardError,
)
from wizard.imap.errors import ImapProblem
from wizard.keychain import KeychainError, KeychainProblem
from wizard.model import Certificate, CertProblem, ProbeFailure
from wizard.oauth.errors import OAuthError, OAuthProblem
from wizard.oauth.issuers import GOOGLE, MICROSOFT, host_of
from wizard.oauth.loopback import SignInPages
from wizard.outbound.errors import (
    ExportError,
    ExportProblem,
    MessageError,
    MessageProblem,
    SendError,
    SendProblem,
)
from wizard.presets import Field, PresetError, PresetProblem
from wizard.presets_rules import PresetRefusedError, RefusalReason, allowed_words
from wizard.printable import printable
from wizard.profiles import ProfileError, ProfileProblem
from wizard.reporting.network_findings import NetworkCode, NetworkFinding
from wizard.smtp.diagnosis import Diagnosis, Reply, Stage
from wizard.wording import QT_TRANSLATE_NOOP as QT_TRANSLATE_NOOP  # re-exported for the GUI
from wizard.wording import Translate as Translate
from wizard.wording import untranslated as untranslated

if TYPE_CHECKING:
    from wizard.delivery.authresults import CheckResult, Verdict
    from wizard.smtp.send import TestOutcome

# A day as the user's locale writes it: the GUI's and the command line's own; ISO 8601 where
# no locale applies (reports for a helpdesk, the C locale).
DateFormat = Callable[[datetime], str]

_ADDRESS = {
    AddressProblem.EMPTY: QT_TRANSLATE_NOOP("Messages", "Enter your email address."),
    AddressProblem.MISSING_AT: QT_TRANSLATE_NOOP(
        "Messages",
        "An email address needs an “@” between your name and the domain, like name@example.com.",
    ),
    AddressProblem.MULTIPLE_AT: QT_TRANSLATE_NOOP(
        "Messages", "The address contains more than one “@”; keep only the one before the domain."
    ),
    AddressProblem.EMPTY_LOCAL_PART: QT_TRANSLATE_NOOP(
        "Messages", "The part before the “@” is missing: add your name or account."
    ),
    AddressProblem.EMPTY_DOMAIN: QT_TRANSLATE_NOOP(
        "Messages", "The domain after the “@” is missing, for example example.com."
    ),
    AddressProblem.WHITESPACE: QT_TRANSLATE_NOOP(
        "Messages", "Email addresses cannot contain spaces; remove them."
    ),
    AddressProblem.NAME_AND_ADDRESS: QT_TRANSLATE_NOOP(
        "Messages", "Enter only the address, without a name or angle brackets: {address}"
    ),
    AddressProblem.LINE_BREAK: QT_TRANSLATE_NOOP(
        "Messages", "The address contains a line break; type it on one line."
    ),
    AddressProblem.BAD_LOCAL_PART: QT_TRANSLATE_NOOP(
        "Messages", "The part before the “@” contains characters or dots that are not allowed."
    ),
    AddressProblem.BAD_QUOTED_LOCAL_PART: QT_TRANSLATE_NOOP(
        "Messages",
        "The quoted part before the “@” contains a character that is not allowed even between "
        "quotes, such as a tab or a control character.",
    ),
    AddressProblem.BAD_DOMAIN: QT_TRANSLATE_NOOP(
        "Messages", "“{domain}” is not a valid domain name; check it for typos."
    ),
    AddressProblem.DOTLESS_DOMAIN: QT_TRANSLATE_NOOP(
        "Messages",
        "“{domain}” is not a complete domain: it needs a dot and an ending, like example.com.",
    ),
    AddressProblem.TOO_LONG: QT_TRANSLATE_NOOP(
        "Messages", "The address is too long to be a real email address."
    ),
}

_NAME_CONTROL = QT_TRANSLATE_NOOP(
    "Messages",
    "The name contains a line break or another control character; type it on one line, "
    "without them.",
)
_VALUES = {
    (ValueField.DISPLAY_NAME, ValueProblem.CONTROL_CHARACTER): _NAME_CONTROL,
    (ValueField.DISPLAY_NAME, ValueProblem.NOT_UTF8): QT_TRANSLATE_NOOP(
        "Messages", "The name contains bytes that are not text (not UTF-8); type it again."
    ),
    (ValueField.USERNAME, ValueProblem.CONTROL_CHARACTER): QT_TRANSLATE_NOOP(
        "Messages",
        "The username contains a line break or another control character; type it on one "
        "line, without them.",
    ),
    (ValueField.USERNAME, ValueProblem.NOT_UTF8): QT_TRANSLATE_NOOP(
        "Messages", "The username contains bytes that are not text (not UTF-8); type it again."
    ),
    (ValueField.PASSWORD, ValueProblem.CONTROL_CHARACTER): QT_TRANSLATE_NOOP(
        "Messages",
        "The password contains a NUL character, which cannot be sent to a mail server. "
        "Nothing was sent.",
    ),
    (ValueField.PASSWORD, ValueProblem.NOT_UTF8): QT_TRANSLATE_NOOP(
        "Messages",
        "The password is not valid text (not UTF-8): check how it was typed or piped in. "
        "Nothing was sent.",
    ),
    (ValueField.HOST, ValueProblem.MALFORMED): QT_TRANSLATE_NOOP(
        "Messages",
        "“{value}” is not a server name or address; enter one such as smtp.example.com.",
    ),
    (ValueField.FINGERPRINT, ValueProblem.MALFORMED): QT_TRANSLATE_NOOP(
        "Messages",
        "“{value}” is not a SHA-256 fingerprint, which has 64 hexadecimal digits (0-9, A-F), "
        "often in pairs separated by colons.",
    ),
}

# (what happened, what to try) for each way a test send can fail.
_DIAGNOSES = {
    Diagnosis.WRONG_PASSWORD: (
        QT_TRANSLATE_NOOP("Messages", "The server did not accept the username or password."),
        QT_TRANSLATE_NOOP(
            "Messages",
            "Check the password; if your provider uses two-step verification, "
            "create an app password and use that.",
        ),
    ),
    Diagnosis.GOOGLE_PASSWORD_REFUSED: (
        QT_TRANSLATE_NOOP("Messages", "Google did not accept the username or password."),
        QT_TRANSLATE_NOOP(
            "Messages",
            "Gmail takes your normal password only through “Sign in with Google”. To use a "
            "password instead, turn on 2-Step Verification and create an app password "
            "(https://myaccount.google.com/apppasswords), then use that.",
        ),
    ),
    Diagnosis.WEB_LOGIN_REQUIRED: (
        QT_TRANSLATE_NOOP(
            "Messages", "Your provider blocked the sign-in because it looked unusual."
        ),
        QT_TRANSLATE_NOOP(
            "Messages",
            "Sign in to your mail in a web browser once and confirm it was you, then test "
            "again; better still, sign in with your provider instead of a password.",
        ),
    ),
    Diagnosis.TOO_MANY_ATTEMPTS: (
        QT_TRANSLATE_NOOP("Messages", "The server refused after too many failed logins."),
        QT_TRANSLATE_NOOP(
            "Messages",
            "Yahoo and AOL answer this when a normal password is used: create an app "
            "password in your account's security settings, wait a few minutes, then use it.",
        ),
    ),
    Diagnosis.BASIC_AUTH_DISABLED: (
        QT_TRANSLATE_NOOP(
            "Messages", "Microsoft no longer accepts a password for sending from mail programs."
        ),
        QT_TRANSLATE_NOOP("Messages", "Sign in with Microsoft instead of using a password."),
    ),
    Diagnosis.SMTP_AUTH_DISABLED: (
        QT_TRANSLATE_NOOP(
            "Messages",
            "Sending from mail programs (SMTP AUTH) is switched off for your mailbox or "
            "organisation.",
        ),
        QT_TRANSLATE_NOOP(
            "Messages",
            "Only an administrator can change this: ask them to enable SMTP AUTH for your "
            "mailbox (https://aka.ms/smtp_auth_disabled).",
        ),
    ),
    Diagnosis.TOKEN_REJECTED: (
        QT_TRANSLATE_NOOP("Messages", "The server did not accept the sign-in."),
        QT_TRANSLATE_NOOP(
            "Messages",
            "Sign in again; make sure you sign in with the account of this address.",
        ),
    ),
    Diagnosis.TOKEN_SCOPE: (
        QT_TRANSLATE_NOOP("Messages", "The sign-in does not include permission to send mail."),
        QT_TRANSLATE_NOOP(
            "Messages",
            "Sign in again and allow sending mail when asked; an administrator may have to "
            "grant the SMTP permission to the app.",
        ),
    ),
    Diagnosis.OAUTH_NOT_OFFERED: (
        QT_TRANSLATE_NOOP(
            "Messages", "The server does not offer signing in with OAuth2 on this connection."
        ),
        QT_TRANSLATE_NOOP(
            "Messages", "Check the server name and port, or log in with a password instead."
        ),
    ),
    Diagnosis.APP_PASSWORD_REQUIRED: (
        QT_TRANSLATE_NOOP(
            "Messages", "Your provider does not accept your normal password from mail programs."
        ),
        QT_TRANSLATE_NOOP(
            "Messages",
            "Create an app password in your account's security settings and use it here "
            "instead of your normal password.",
        ),
    ),
    Diagnosis.AUTH_DISABLED: (
        QT_TRANSLATE_NOOP(
            "Messages", "Your provider has switched off password login for sending mail."
        ),
        QT_TRANSLATE_NOOP(
            "Messages",
            "Ask your provider or administrator to allow authenticated SMTP (SMTP AUTH) "
            "for this mailbox.",
        ),
    ),
    Diagnosis.AUTH_NOT_OFFERED: (
        QT_TRANSLATE_NOOP(
            "Messages", "The server does not offer a password login on this connection."
        ),
        QT_TRANSLATE_NOOP(
            "Messages",
            "Check the server name and port: mail programs send through port 465 (SSL/TLS) "
            "or 587 (STARTTLS), not through port 25.",
        ),
    ),
    Diagnosis.AUTH_NOT_ALLOWED: (
        QT_TRANSLATE_NOOP(
            "Messages",
            "The server offers none of the sign-in methods your organisation allows for this "
            "address, so the password was not sent.",
        ),
        QT_TRANSLATE_NOOP(
            "Messages", "Ask your administrator which server and sign-in method to use."
        ),
    ),
    Diagnosis.STARTTLS_REQUIRED: (
        QT_TRANSLATE_NOOP(
            "Messages", "The server accepts a login only after the connection is encrypted."
        ),
        QT_TRANSLATE_NOOP(
            "Messages",
            "Choose STARTTLS (usually port 587) or SSL/TLS (usually port 465) as the security.",
        ),
    ),
    Diagnosis.STARTTLS_MISSING: (
        NO_ENCRYPTION_OFFERED,
        QT_TRANSLATE_NOOP(
            "Messages",
            "Try again later or on another network. If it keeps happening, ask your provider "
            "whether this server offers encryption.",
        ),
    ),
    Diagnosis.STARTTLS_OFFERED: (
        QT_TRANSLATE_NOOP(
            "Messages",
            "The server offers STARTTLS encryption, so the password was not sent unencrypted.",
        ),
        QT_TRANSLATE_NOOP(
            "Messages",
            "Choose STARTTLS as the security; the server name and port can stay the same.",
        ),
    ),
    Diagnosis.PLAINTEXT_REFUSED: (
        QT_TRANSLATE_NOOP(
            "Messages", "The connection is not encrypted, so the password was not sent."
        ),
        QT_TRANSLATE_NOOP(
            "Messages",
            "Choose SSL/TLS or STARTTLS if the server offers it. Allow an unencrypted login "
            "only if you trust every network between you and the server.",
        ),
    ),
    Diagnosis.CERTIFICATE: (
        QT_TRANSLATE_NOOP(
            "Messages",
            "The server's certificate could not be verified, so the password was not sent.",
        ),
        QT_TRANSLATE_NOOP(
            "Messages",
            "Its SHA-256 fingerprint is shown. Trust this certificate only if your provider "
            "confirms that exact fingerprint; otherwise check the server name and your network.",
        ),
    ),
    Diagnosis.CERTIFICATE_NOT_PINNED: (
        QT_TRANSLATE_NOOP(
            "Messages",
            "The server's certificate is not the one your organisation pinned for it, so the "
            "password was not sent.",
        ),
        QT_TRANSLATE_NOOP(
            "Messages",
            "Only the certificate your organisation chose is accepted for this server, even one "
            "your system trusts: someone may be intercepting the connection, or the server's "
            "certificate was changed. Tell your administrator (its fingerprint is shown).",
        ),
    ),
    Diagnosis.TLS_FAILED: (
        QT_TRANSLATE_NOOP("Messages", "An encrypted connection could not be set up."),
        QT_TRANSLATE_NOOP(
            "Messages",
            "Check the security for this port: SSL/TLS is usually on port 465 "
            "and STARTTLS on port 587.",
        ),
    ),
    Diagnosis.IMPLICIT_TLS_PORT: (
        QT_TRANSLATE_NOOP(
            "Messages",
            "Port 465 is for connections encrypted from the start (SSL/TLS), and the server did "
            "not answer one without.",
        ),
        QT_TRANSLATE_NOOP("Messages", "Choose SSL/TLS for port 465, or STARTTLS with port 587."),
    ),
    Diagnosis.SENDER_REJECTED: (
        QT_TRANSLATE_NOOP("Messages", "The server refused to send mail from this address."),
        QT_TRANSLATE_NOOP(
            "Messages",
            "Check that the address belongs to the account you log in with; many providers "
            "only let you send from your own addresses.",
        ),
    ),
    Diagnosis.RECIPIENT_REJECTED: (
        QT_TRANSLATE_NOOP("Messages", "The server refused the recipient's address."),
        QT_TRANSLATE_NOOP("Messages", "Check the recipient's address for typos."),
    ),
    Diagnosis.RELAY_DENIED: (
        QT_TRANSLATE_NOOP(
            "Messages", "The server refused to pass the message on to the recipient."
        ),
        QT_TRANSLATE_NOOP(
            "Messages",
            "This usually means the server did not count your login for sending: check the "
            "server name and username with your provider.",
        ),
    ),
    Diagnosis.GREYLISTED: (
        QT_TRANSLATE_NOOP(
            "Messages",
            "The server asked to try again later; many servers do this with new senders.",
        ),
        QT_TRANSLATE_NOOP("Messages", "Try again in a few minutes."),
    ),
    Diagnosis.MESSAGE_REJECTED: (
        QT_TRANSLATE_NOOP("Messages", "The server refused the test message itself."),
        QT_TRANSLATE_NOOP(
            "Messages", "The server's answer says why; your provider can explain it."
        ),
    ),
    Diagnosis.SMTPUTF8_UNSUPPORTED: (
        QT_TRANSLATE_NOOP(
            "Messages",
            "The server does not accept addresses with accented or non-Latin letters "
            "before the “@”.",
        ),
        QT_TRANSLATE_NOOP(
            "Messages",
            "Ask your provider for an address without them, or whether the server can be "
            "set up for international addresses (SMTPUTF8).",
        ),
    ),
    Diagnosis.EIGHT_BIT_UNSUPPORTED: (
        QT_TRANSLATE_NOOP(
            "Messages",
            "The server does not accept 8-bit messages (8BITMIME), and this message could not "
            "be converted for it.",
        ),
        QT_TRANSLATE_NOOP(
            "Messages",
            "Let your mail program encode the message (quoted-printable or base64), and write "
            "the headers in plain ASCII or with encoded words.",
        ),
    ),
    Diagnosis.PORT_BLOCKED: (
        QT_TRANSLATE_NOOP("Messages", "The server could not be reached on this port."),
        QT_TRANSLATE_NOOP(
            "Messages",
            "Your network or provider may block this port; try port 465 or 587, "
            "or another network.",
        ),
    ),
    Diagnosis.NO_SUCH_HOST: (
        QT_TRANSLATE_NOOP("Messages", "The server name could not be found."),
        QT_TRANSLATE_NOOP(
            "Messages", "Check the server name for typos, and your internet connection."
        ),
    ),
    Diagnosis.NO_GREETING: (
        QT_TRANSLATE_NOOP(
            "Messages", "Something answered on this port, but not like a mail server."
        ),
        QT_TRANSLATE_NOOP(
            "Messages",
            "Check the server name and port; if they are right, the server may be "
            "overloaded: try again later.",
        ),
    ),
    Diagnosis.CONNECTION_CLOSED: (
        QT_TRANSLATE_NOOP(
            "Messages", "The server hung up or stopped answering in the middle of the test."
        ),
        QT_TRANSLATE_NOOP(
            "Messages",
            "Try again in a few minutes; if it keeps happening, the server may be "
            "limiting connections from your network.",
        ),
    ),
    Diagnosis.MALFORMED_REPLY: (
        QT_TRANSLATE_NOOP(
            "Messages", "The server answered with something that is not a mail-server reply."
        ),
        QT_TRANSLATE_NOOP(
            "Messages",
            "Check the server name and port; if they are right, the server or something on "
            "the network between is misbehaving: try again later, or ask your provider.",
        ),
    ),
    Diagnosis.OUT_OF_TIME: (
        QT_TRANSLATE_NOOP(
            "Messages", "The server answered so slowly that the test ran out of time."
        ),
        QT_TRANSLATE_NOOP(
            "Messages",
            "Try again later; if the server is always this slow, ask your provider about it.",
        ),
    ),
    Diagnosis.TEMPORARY: (
        QT_TRANSLATE_NOOP("Messages", "The server reported a temporary problem."),
        QT_TRANSLATE_NOOP("Messages", "Try again later."),
    ),
    Diagnosis.UNKNOWN: (
        QT_TRANSLATE_NOOP("Messages", "The server refused the test with an unusual answer."),
        QT_TRANSLATE_NOOP(
            "Messages", "The server's answer is shown; your provider can explain it."
        ),
    ),
}

_STAGES = {
    Stage.CONNECT: QT_TRANSLATE_NOOP("Messages", "Connect"),
    Stage.TLS: QT_TRANSLATE_NOOP("Messages", "Secure the connection"),
    Stage.GREETING: QT_TRANSLATE_NOOP("Messages", "Greet the server"),
    Stage.AUTH: QT_TRANSLATE_NOOP("Messages", "Log in"),
    Stage.SEND: QT_TRANSLATE_NOOP("Messages", "Send the test message"),
    Stage.DONE: QT_TRANSLATE_NOOP("Messages", "Done"),
}

_CERT_PROBLEMS = {
    CertProblem.SELF_SIGNED: QT_TRANSLATE_NOOP(
        "Messages", "The certificate is self-signed: no authority vouches for it."
    ),
    CertProblem.EXPIRED: QT_TRANSLATE_NOOP("Messages", "The certificate has expired."),
    CertProblem.NOT_YET_VALID: QT_TRANSLATE_NOOP(
        "Messages", "The certificate is not valid yet; check this computer's date and time."
    ),
    CertProblem.WRONG_HOST: QT_TRANSLATE_NOOP(
        "Messages", "The certificate belongs to a different server name."
    ),
    CertProblem.UNKNOWN_ISSUER: QT_TRANSLATE_NOOP(
        "Messages", "The certificate was not issued by an authority your computer trusts."
    ),
    CertProblem.OTHER: QT_TRANSLATE_NOOP("Messages", "The certificate was not accepted."),
}
# The same, with what the certificate says about itself, when it could be read.
_CERT_EXPIRED_ON = QT_TRANSLATE_NOOP("Messages", "The certificate expired on {date}.")
_CERT_VALID_FROM = QT_TRANSLATE_NOOP(
    "Messages",
    "The certificate is valid only from {date}; check this computer's date and time.",
)
_CERT_ISSUED_FOR = QT_TRANSLATE_NOOP(
    "Messages", "The certificate was issued for {names}, not for {host}."
)

_SENT = QT_TRANSLATE_NOOP("Messages", "The server accepted the test message: sending works.")
_LOGGED_IN = QT_TRANSLATE_NOOP("Messages", "Logged in as “{username}”.")
_MESSAGE_ID = QT_TRANSLATE_NOOP("Messages", "Message-ID: {message_id}")
_STOPPED_AT = QT_TRANSLATE_NOOP("Messages", "The test stopped at this step: {stage}.")
_SERVER_SAID = QT_TRANSLATE_NOOP("Messages", "The server answered: {reply}")
_FINGERPRINT = QT_TRANSLATE_NOOP("Messages", "Certificate fingerprint (SHA-256): {sha256}")

_KEYCHAIN = {
    KeychainProblem.NO_BACKEND: QT_TRANSLATE_NOOP(
        "Messages",
        "No usable keychain was found (tried: {backend}). Start your desktop's keyring "
        "(for example GNOME Keyring or KWallet) or sign in to a desktop session, then try "
        "again. Your settings are kept; the password was not written anywhere else.",
    ),
    KeychainProblem.LOCKED: QT_TRANSLATE_NOOP(
        "Messages", "The keychain ({backend}) is locked. Unlock it, then try again."
    ),
    KeychainProblem.DENIED: QT_TRANSLATE_NOOP(
        "Messages",
        "The keychain ({backend}) refused access, or its prompt was closed. Try again and "
        "allow access.",
    ),
    KeychainProblem.FAILED: QT_TRANSLATE_NOOP(
        "Messages",
        "The keychain ({backend}) could not complete the request ({detail}). Try again; "
        "nothing else was changed.",
    ),
}

_PROFILES = {
    ProfileProblem.CORRUPT: QT_TRANSLATE_NOOP(
        "Messages",
        "The account file {path} is damaged ({detail}). It was left untouched: repair it or "
        "move it away, then try again.",
    ),
    ProfileProblem.NEWER_VERSION: QT_TRANSLATE_NOOP(
        "Messages",
        "The account file {path} was written by a newer version of Email Setup Wizard. "
        "Update this program; the file was left untouched.",
    ),
    ProfileProblem.UNREADABLE: QT_TRANSLATE_NOOP(
        "Messages", "The account file {path} cannot be read ({detail}). Check its permissions."
    ),
    ProfileProblem.BUSY: QT_TRANSLATE_NOOP(
        "Messages",
        "Another Email Setup Wizard is changing the accounts in {path} and has not finished. "
        "Wait until it has, then try again; nothing was changed.",
    ),
    ProfileProblem.UNWRITABLE: QT_TRANSLATE_NOOP(
        "Messages",
        "The account file {path} cannot be written ({detail}). Check the folder's "
        "permissions and free space; the accounts already stored are unchanged.",
    ),
}

_OAUTH = {
    OAuthProblem.NO_ISSUER: QT_TRANSLATE_NOOP(
        "Messages",
        "Nothing trustworthy says where this server's users sign in, so signing in with "
        "OAuth2 is not possible here; use a password.",
    ),
    OAuthProblem.NO_CLIENT: QT_TRANSLATE_NOOP(
        "Messages",
        "This program has no app registration for signing in at {issuer}. An administrator "
        "registers one (see the README's section for organisations) and gives you its client "
        "ID, for the registrations file (or --oauth-client-id at the command line).",
    ),
    OAuthProblem.NO_DEVICE_FLOW: QT_TRANSLATE_NOOP(
        "Messages", "{issuer} does not offer signing in with a code; sign in in the browser."
    ),
    OAuthProblem.METADATA: QT_TRANSLATE_NOOP(
        "Messages",
        "The sign-in server {issuer} publishes no usable description of itself ({detail}).",
    ),
    OAuthProblem.UNREACHABLE: QT_TRANSLATE_NOOP(
        "Messages",
        "The sign-in server {issuer} could not be reached ({detail}); check your connection "
        "and try again.",
    ),
    OAuthProblem.REGISTRATION: QT_TRANSLATE_NOOP(
        "Messages", "The sign-in server {issuer} refused to register this program ({detail})."
    ),
    OAuthProblem.TIMED_OUT: QT_TRANSLATE_NOOP(
        "Messages", "Signing in was not finished in time; start it again when you are ready."
    ),
    OAuthProblem.REDIRECT_REJECTED: QT_TRANSLATE_NOOP(
        "Messages",
        "A sign-in reply that did not belong to this sign-in was refused, and nothing was "
        "stored; sign in again.",
    ),
    OAuthProblem.DENIED: QT_TRANSLATE_NOOP(
        "Messages",
        "Access was not granted. Sign in again and allow access; if your organisation must "
        "approve the app first, ask your administrator.",
    ),
    OAuthProblem.EXPIRED: QT_TRANSLATE_NOOP(
        "Messages", "The code expired before signing in was finished; start again."
    ),
    OAuthProblem.SIGN_IN_AGAIN: QT_TRANSLATE_NOOP(
        "Messages",
        "The stored sign-in is no longer valid (it expired, or was revoked, e.g. by a "
        "password change): sign in again.",
    ),
    OAuthProblem.REFUSED: QT_TRANSLATE_NOOP(
        "Messages", "The sign-in server {issuer} refused: {detail}"
    ),
}
# No app registration, where the provider's own way round it is worth saying (keyed by the
# issuer's host): Gmail takes an app password; Microsoft needs its administrator.
_NO_CLIENT_AT = {
    GOOGLE.host: QT_TRANSLATE_NOOP(
        "Messages",
        "This program has no app registration for signing in with Google, so use a password: "
        "Gmail takes an app password (turn on 2-Step Verification, then create one at "
        "https://myaccount.google.com/apppasswords). An administrator can also register a "
        "Google Cloud app (see the README's section for organisations) and give you its "
        "client ID and secret, for the registrations file.",
    ),
    MICROSOFT.host: QT_TRANSLATE_NOOP(
        "Messages",
        "This program has no app registration for signing in with Microsoft. An administrator "
        "must register the app in Entra ID (see the README's section for organisations) and "
        "give you its client ID, for the registrations file (or --oauth-client-id at the "
        "command line), or enable SMTP AUTH for your Microsoft 365 mailbox "
        "(https://aka.ms/smtp_auth_disabled) so that a password works.",
    ),
}
_SIGN_IN_PAGE_TITLE = QT_TRANSLATE_NOOP("Messages", "Email Setup Wizard")
_SIGN_IN_PAGE_DONE = QT_TRANSLATE_NOOP(
    "Messages", "You are signed in. You can close this window and go back to Email Setup Wizard."
)
_SIGN_IN_PAGE_FAILED = QT_TRANSLATE_NOOP(
    "Messages", "Signing in did not work ({error}). You can close this window."
)
_SIGN_IN_PAGE_FOREIGN = QT_TRANSLATE_NOOP(
    "Messages", "This page does not belong to the sign-in in progress. You can close this window."
)
_UNTRUSTED_SIGN_IN = QT_TRANSLATE_NOOP(
    "Messages",
    "Sign-in addresses from an untrusted source were ignored ({urls}): they could lead to a "
    "fake sign-in page.",
)

_GENERIC = QT_TRANSLATE_NOOP("Messages", "Something went wrong: {detail}")


def describe_error(err: WizardError, tr: Translate = untranslated) -> str:
    """A sentence for the user that names the problem and what to do about it. The values in
    it (what was typed, a path, a keychain's own words) are shown ``printable``."""
    if isinstance(err, InvalidAddressError):
        _, _, domain = err.value.strip().rpartition("@")
        text = tr(CONTEXT, _ADDRESS[err.problem])
        return text.format(domain=printable(domain), address=printable(err.found))
    if isinstance(err, InvalidValueError):
        # A server name or fingerprint is wrong the same way whatever character spoils it.
        key = (err.field, err.problem)
        text = _VALUES[key] if key in _VALUES else _VALUES[(err.field, ValueProblem.MALFORMED)]
        return tr(CONTEXT, text).format(value=printable(err.value))
    if isinstance(err, KeychainError):
        text = tr(CONTEXT, _KEYCHAIN[err.problem])
        return text.format(backend=printable(err.backend), detail=printable(err.detail))
    if isinstance(err, PresetError):
        return describe_preset_error(err, tr)
    if isinstance(err, PresetRefusedError):
        return describe_preset_refusal(err, tr)
    if isinstance(err, ProfileError):
        text = tr(CONTEXT, _PROFILES[err.problem])
        return text.format(path=printable(str(err.path)), detail=printable(err.detail))
    if isinstance(err, SendError):
        return tr(CONTEXT, _SEND_PROBLEMS[err.problem]).format(value=printable(err.value))
    if isinstance(err, MessageError):
        return tr(CONTEXT, _MESSAGE_PROBLEMS[err.problem]).format(value=printable(err.value))
    if isinstance(err, ExportError):
        return tr(CONTEXT, _EXPORT_PROBLEMS[err.problem])
    if isinstance(err, OAuthError):
        special = _NO_CLIENT_AT.get(host_of(err.issuer))
        if err.problem is OAuthProblem.NO_CLIENT and special is not None:
            return tr(CONTEXT, special)
        text = tr(CONTEXT, _OAUTH[err.problem])
        return text.format(issuer=printable(err.issuer), detail=printable(err.detail))
    return tr(CONTEXT, _GENERIC).format(detail=printable(str(err)))


def sign_in_pages(tr: Translate = untranslated) -> SignInPages:
    """The pages the browser shows after a sign-in, in the user's language."""
    return SignInPages(
        title=tr(CONTEXT, _SIGN_IN_PAGE_TITLE),
        done=tr(CONTEXT, _SIGN_IN_PAGE_DONE),
        failed=tr(CONTEXT, _SIGN_IN_PAGE_FAILED),
        foreign=tr(CONTEXT, _SIGN_IN_PAGE_FOREIGN),
    )


def describe_ignored_sign_in(urls: tuple[str, ...], tr: Translate = untranslated) -> str:
    return tr(CONTEXT, _UNTRUSTED_SIGN_IN).format(urls=printable(", ".join(urls)))


def describe_diagnosis(diagnosis: Diagnosis, tr: Translate = untranslated) -> tuple[str, str]:
    """What happened in a failed test send, and what to try next."""
    happened, remedy = _DIAGNOSES[diagnosis]
    return tr(CONTEXT, happened), tr(CONTEXT, remedy)


def stage_label(stage: Stage, tr: Translate = untranslated) -> str:
    return tr(CONTEXT, _STAGES[stage])


def iso_day(when: datetime) -> str:
    """A day in ISO 8601 (2026-12-07), in this computer's time zone."""
    return when.astimezone().date().isoformat()


def describe_certificate_problem(
    certificate: Certificate, tr: Translate = untranslated, date: DateFormat = iso_day
) -> str:
    """Why a certificate was refused, with the date it expired or the names it was issued for
    where it says so; ``date`` writes a day in the user's locale."""
    problem = certificate.problem or CertProblem.OTHER
    if problem is CertProblem.EXPIRED and certificate.not_after is not None:
        return tr(CONTEXT, _CERT_EXPIRED_ON).format(date=date(certificate.not_after))
    if problem is CertProblem.NOT_YET_VALID and certificate.not_before is not None:
        return tr(CONTEXT, _CERT_VALID_FROM).format(date=date(certificate.not_before))
    if problem is CertProblem.WRONG_HOST and certificate.names and certificate.host:
        names = ", ".join(printable(name) for name in certificate.names)
        return tr(CONTEXT, _CERT_ISSUED_FOR).format(names=names, host=printable(certificate.host))
    return tr(CONTEXT, _CERT_PROBLEMS[problem])


def words_of_test_message(tr: Translate = untranslated) -> tuple[str, str]:
    """The test message's subject and body (``SendSettings``) in the user's language."""
    from wizard.smtp.send import BODY, SUBJECT

    return tr(CONTEXT, SUBJECT), tr(CONTEXT, BODY)


def describe_outcome(
    outcome: TestOutcome, tr: Translate = untranslated, date: DateFormat = iso_day
) -> list[str]:
    """A test send's outcome as lines for a terminal or a dialog: on failure, what happened,
    what to try, where it stopped, and the server's own words or the certificate's details
    (its days written by ``date``)."""
    if outcome.ok:
        lines = [tr(CONTEXT, _SENT)]
        if outcome.username:
            lines.append(tr(CONTEXT, _LOGGED_IN).format(username=printable(outcome.username)))
        if outcome.message_id:
            message_id = printable(outcome.message_id)
            lines.append(tr(CONTEXT, _MESSAGE_ID).format(message_id=message_id))
        return lines
    lines = list(describe_diagnosis(outcome.diagnosis or Diagnosis.UNKNOWN, tr))
    lines.append(tr(CONTEXT, _STOPPED_AT).format(stage=stage_label(outcome.stage, tr)))
    if outcome.reply is not None:
        lines.append(tr(CONTEXT, _SERVER_SAID).format(reply=_one_line(outcome.reply)))
    certificate = outcome.certificate
    not_pinned = outcome.diagnosis is Diagnosis.CERTIFICATE_NOT_PINNED
    if certificate is not None and (not certificate.verified or not_pinned):
        if certificate.problem is not None:
            lines.append(describe_certificate_problem(certificate, tr, date))
        lines.append(tr(CONTEXT, _FINGERPRINT).format(sha256=certificate.sha256))
    return lines


# -- The sender domain's health (wizard.domaincheck) ---------------------------------------

_SEVERITIES = {
    Severity.GOOD: QT_TRANSLATE_NOOP("Messages", "good"),
    Severity.INFO: QT_TRANSLATE_NOOP("Messages", "note"),
    Severity.WARNING: QT_TRANSLATE_NOOP("Messages", "warning"),
    Severity.PROBLEM: QT_TRANSLATE_NOOP("Messages", "problem"),
}

_DOMAIN_CHECKS = {
    Check.SPF: QT_TRANSLATE_NOOP("Messages", "SPF (who may send)"),
    Check.DKIM: QT_TRANSLATE_NOOP("Messages", "DKIM (signatures)"),
    Check.DMARC: QT_TRANSLATE_NOOP("Messages", "DMARC (what receivers do)"),
    Check.MTA_STS: QT_TRANSLATE_NOOP("Messages", "MTA-STS (encrypted delivery to you)"),
    Check.TLS_RPT: QT_TRANSLATE_NOOP("Messages", "TLS-RPT (delivery reports)"),
    Check.DANE: QT_TRANSLATE_NOOP("Messages", "DANE (TLSA records)"),
}

# The values each sentence needs are named in wizard.domaincheck.model.FindingCode.
_FINDINGS = {
    FindingCode.SPF_MISSING: QT_TRANSLATE_NOOP(
        "Messages",
        "{domain} publishes no SPF record, so receivers cannot tell which servers may send its "
        "mail; some will treat it as suspicious. Ask whoever manages {domain}'s DNS to add one.",
    ),
    FindingCode.SPF_MULTIPLE: QT_TRANSLATE_NOOP(
        "Messages",
        "{domain} has several SPF records; receivers then treat SPF as broken "
        "(permanent error). Merge them into one TXT record that starts with v=spf1.",
    ),
    FindingCode.SPF_INVALID: QT_TRANSLATE_NOOP(
        "Messages",
        "{domain}'s SPF record cannot be read by receivers ({detail}); they treat SPF as broken.",
    ),
    FindingCode.SPF_TOO_MANY_LOOKUPS: QT_TRANSLATE_NOOP(
        "Messages",
        "{domain}'s SPF record needs {lookups} DNS lookups; receivers stop at 10 and treat SPF as "
        "broken (permanent error). Remove includes that are no longer used, or replace some "
        "with the addresses they stand for.",
    ),
    FindingCode.SPF_RECORD: QT_TRANSLATE_NOOP(
        "Messages", "SPF record: {record} ({lookups} of 10 DNS lookups)."
    ),
    FindingCode.SPF_AUTHORISED: QT_TRANSLATE_NOOP(
        "Messages", "{domain}'s SPF record allows mail sent through {server} ({addresses})."
    ),
    FindingCode.SPF_NOT_AUTHORISED: QT_TRANSLATE_NOOP(
        "Messages",
        "Mail you send through {server} may be marked as spam or refused: {domain}'s SPF record "
        "does not include it (result “{result}” for {addresses}). Ask whoever manages "
        "{domain}'s DNS to add your provider's SPF entry.",
    ),
    FindingCode.SPF_PERMERROR: QT_TRANSLATE_NOOP(
        "Messages",
        "{domain}'s SPF record breaks when it is evaluated for {server} ({detail}); receivers "
        "treat that as a permanent error.",
    ),
    FindingCode.SPF_TEMPERROR: QT_TRANSLATE_NOOP(
        "Messages", "SPF could not be evaluated for {server} just now ({detail}); try again later."
    ),
    FindingCode.SPF_NO_SERVER_ADDRESS: QT_TRANSLATE_NOOP(
        "Messages", "{server} has no address, so SPF could not be evaluated for it."
    ),
    FindingCode.DKIM_FOUND: QT_TRANSLATE_NOOP(
        "Messages",
        "{domain} publishes DKIM keys (selectors: {selectors}), so a provider can sign its mail.",
    ),
    FindingCode.DKIM_REVOKED: QT_TRANSLATE_NOOP(
        "Messages",
        "The DKIM keys for the selectors {selectors} are revoked (empty p=); mail signed with "
        "them fails DKIM.",
    ),
    FindingCode.DKIM_NOT_FOUND: QT_TRANSLATE_NOOP(
        "Messages",
        "No DKIM key was found for the selectors tried ({selectors}). DKIM keys can only be "
        "found by their selector: ask your provider which one it signs with and check it with "
        "--dkim-selector.",
    ),
    FindingCode.DMARC_MISSING: QT_TRANSLATE_NOOP(
        "Messages",
        "{domain} publishes no DMARC policy. Large mailbox providers expect one from senders; "
        "a policy of p=none is a safe start.",
    ),
    FindingCode.DMARC_INVALID: QT_TRANSLATE_NOOP(
        "Messages", "{domain}'s DMARC record cannot be used ({detail})."
    ),
    FindingCode.DMARC_POLICY: QT_TRANSLATE_NOOP(
        "Messages",
        "DMARC policy p={policy} (published at {location}; alignment SPF {aspf}, DKIM {adkim}): "
        "mail that neither SPF nor a DKIM signature of the domain vouches for is "
        "{policy_meaning}.",
    ),
    FindingCode.DMARC_REJECTS: QT_TRANSLATE_NOOP(
        "Messages",
        "{domain}'s DMARC policy (p={policy}) tells receivers to {policy_action} mail that "
        "fails authentication, and SPF does not vouch for {server}: unless your provider signs "
        "your mail with a DKIM key of {domain}, it will not reach the inbox.",
    ),
    FindingCode.DMARC_DEPENDS_ON_DKIM: QT_TRANSLATE_NOOP(
        "Messages",
        "SPF does not vouch for {server}, so with p={policy} your mail arrives only if it is "
        "signed with one of {domain}'s DKIM keys. Check with your provider that it signs for "
        "{domain}.",
    ),
    FindingCode.MTA_STS_NONE: QT_TRANSLATE_NOOP(
        "Messages",
        "{domain} publishes no MTA-STS policy: servers delivering to it may fall back to "
        "unencrypted connections if an attacker interferes.",
    ),
    FindingCode.MTA_STS_RECORD_INVALID: QT_TRANSLATE_NOOP(
        "Messages", "{domain}'s MTA-STS record cannot be used ({detail})."
    ),
    FindingCode.MTA_STS_POLICY_UNREACHABLE: QT_TRANSLATE_NOOP(
        "Messages",
        "{domain} announces MTA-STS, but its policy could not be fetched from {url} ({detail}). "
        "Servers delivering to {domain} then ignore it.",
    ),
    FindingCode.MTA_STS_POLICY_INVALID: QT_TRANSLATE_NOOP(
        "Messages", "The MTA-STS policy at {url} is not valid ({detail})."
    ),
    FindingCode.MTA_STS_POLICY: QT_TRANSLATE_NOOP(
        "Messages", "MTA-STS policy in mode “{mode}” for the mail hosts {mx}."
    ),
    FindingCode.MTA_STS_MX_NOT_COVERED: QT_TRANSLATE_NOOP(
        "Messages",
        "The MTA-STS policy does not cover the mail hosts {hosts}: in mode “{mode}”, servers "
        "that honour it refuse to deliver there.",
    ),
    FindingCode.TLS_RPT_NONE: QT_TRANSLATE_NOOP(
        "Messages", "{domain} asks for no TLS delivery reports (TLS-RPT)."
    ),
    FindingCode.TLS_RPT_INVALID: QT_TRANSLATE_NOOP(
        "Messages", "{domain}'s TLS-RPT record cannot be used ({detail})."
    ),
    FindingCode.TLS_RPT_FOUND: QT_TRANSLATE_NOOP(
        "Messages", "TLS delivery reports are sent to {rua}."
    ),
    FindingCode.NO_MX: QT_TRANSLATE_NOOP("Messages", "{domain} names no mail host (MX)."),
    FindingCode.DANE_ABSENT: QT_TRANSLATE_NOOP(
        "Messages", "{domain}'s mail hosts publish no TLSA records (no DANE)."
    ),
    FindingCode.DANE_SECURE: QT_TRANSLATE_NOOP(
        "Messages", "The mail hosts {hosts} publish TLSA records, and DNSSEC vouches for them."
    ),
    FindingCode.DANE_UNSIGNED: QT_TRANSLATE_NOOP(
        "Messages",
        "The mail hosts {hosts} publish TLSA records, but the answer was not DNSSEC-validated, "
        "so servers delivering mail ignore them.",
    ),
    FindingCode.DANE_PARTIAL: QT_TRANSLATE_NOOP(
        "Messages", "Some mail hosts have DANE, but {hosts} publish no TLSA records."
    ),
    FindingCode.TIMED_OUT: QT_TRANSLATE_NOOP(
        "Messages", "This could not be checked in time ({detail})."
    ),
    FindingCode.DNS_FAILED: QT_TRANSLATE_NOOP("Messages", "DNS gave no usable answer ({detail})."),
}

_SUGGEST_INCLUDE = QT_TRANSLATE_NOOP("Messages", "Add “{suggestion}” to {domain}'s SPF record.")

_POLICY_MEANINGS = {
    "none": QT_TRANSLATE_NOOP("Messages", "only reported, still delivered"),
    "quarantine": QT_TRANSLATE_NOOP("Messages", "put into the spam folder"),
    "reject": QT_TRANSLATE_NOOP("Messages", "refused"),
}
_POLICY_ACTIONS = {
    "quarantine": QT_TRANSLATE_NOOP("Messages", "move into the spam folder"),
    "reject": QT_TRANSLATE_NOOP("Messages", "refuse"),
}

_DOMAIN_VERDICTS = {
    Severity.GOOD: QT_TRANSLATE_NOOP("Messages", "{domain}'s records allow mail from this server."),
    Severity.INFO: QT_TRANSLATE_NOOP(
        "Messages", "Nothing in {domain}'s records stops mail from this server."
    ),
    Severity.WARNING: QT_TRANSLATE_NOOP(
        "Messages", "Some of your mail may be marked as spam: {domain}'s records need attention."
    ),
    Severity.PROBLEM: QT_TRANSLATE_NOOP(
        "Messages",
        "Mail you send may be refused or marked as spam: {domain}'s records need fixing.",
    ),
}


def severity_label(severity: Severity, tr: Translate = untranslated) -> str:
    return tr(CONTEXT, _SEVERITIES[severity])


def domain_check_label(check: Check, tr: Translate = untranslated) -> str:
    return tr(CONTEXT, _DOMAIN_CHECKS[check])


def describe_finding(finding: Finding, domain: str, tr: Translate = untranslated) -> str:
    """One domain-check finding as a plain sentence (with what to do, where there is a fix)."""
    values = {key: printable(value) for key, value in finding.values}  # from DNS and HTTPS
    policy = values.get("policy", "")
    if policy in _POLICY_MEANINGS:
        values["policy_meaning"] = tr(CONTEXT, _POLICY_MEANINGS[policy])
    if policy in _POLICY_ACTIONS:
        values["policy_action"] = tr(CONTEXT, _POLICY_ACTIONS[policy])
    text = tr(CONTEXT, _FINDINGS[finding.code]).format_map(_Blank(domain=domain, **values))
    if values.get("suggestion"):
        text += " " + tr(CONTEXT, _SUGGEST_INCLUDE).format(
            suggestion=values["suggestion"], domain=domain
        )
    return text


def domain_verdict(severity: Severity, domain: str, tr: Translate = untranslated) -> str:
    """The domain check in one sentence, for the done page."""
    return tr(CONTEXT, _DOMAIN_VERDICTS[severity]).format(domain=domain)


class _Blank(dict[str, str]):
    """Format values where a missing one reads as empty rather than failing the sentence."""

    def __missing__(self, key: str) -> str:
        return ""


# -- email-setup-wizard send ------------------------------------------------------------------

_SEND_PROBLEMS = {
    SendProblem.NO_ACCOUNT: QT_TRANSLATE_NOOP(
        "Messages",
        "No account for {value} is set up. Set it up with “email-setup-wizard setup {value}”, "
        "or name another with --account.",
    ),
    SendProblem.NO_ACCOUNTS: QT_TRANSLATE_NOOP(
        "Messages",
        "No account is set up yet. Set one up first with “email-setup-wizard setup ADDRESS”.",
    ),
    SendProblem.WHICH_ACCOUNT: QT_TRANSLATE_NOOP(
        "Messages",
        "Several accounts are set up, and nothing says which one to send from: give the "
        "message a From field, or name the account with -f ADDRESS or --account ADDRESS.",
    ),
    SendProblem.NO_SECRET: QT_TRANSLATE_NOOP(
        "Messages",
        "The keychain holds no password for {value}. Store it again with "
        "“email-setup-wizard setup {value}”.",
    ),
}

_MESSAGE_PROBLEMS = {
    MessageProblem.NO_RECIPIENTS: QT_TRANSLATE_NOOP(
        "Messages",
        "The message has no recipients: name them on the command line, or use -t to take them "
        "from its To, Cc and Bcc fields.",
    ),
    MessageProblem.BAD_RECIPIENT: QT_TRANSLATE_NOOP(
        "Messages", "“{value}” in the message's To, Cc or Bcc field is not an email address."
    ),
    MessageProblem.BAD_SENDER: QT_TRANSLATE_NOOP(
        "Messages", "“{value}” in the message's From field is not an email address."
    ),
    MessageProblem.BAD_RESENT_RECIPIENT: QT_TRANSLATE_NOOP(
        "Messages",
        "“{value}” in the message's Resent-To, Resent-Cc or Resent-Bcc field is not an email "
        "address.",
    ),
    MessageProblem.BAD_RESENT_SENDER: QT_TRANSLATE_NOOP(
        "Messages", "“{value}” in the message's Resent-From field is not an email address."
    ),
    MessageProblem.TOO_LARGE: QT_TRANSLATE_NOOP(
        "Messages",
        "The message is larger than {value}, the most this command sends, so it was not sent "
        "(and the rest of it was not read). Most providers refuse far smaller messages, often "
        "over 25 MB: share large files as a link instead of attaching them.",
    ),
}

_EXPORT_PROBLEMS = {
    ExportProblem.NEEDS_INCOMING: QT_TRANSLATE_NOOP(
        "Messages",
        "An Apple profile must name the incoming (IMAP) server too: give it with --imap-host "
        "(and --imap-port, --imap-security if they are not 993 and SSL/TLS).",
    ),
    ExportProblem.OAUTH2_ACCOUNT: QT_TRANSLATE_NOOP(
        "Messages",
        "This account signs in with OAuth2, and this format can only log in with a password: "
        "export for msmtp, git or mutt instead, or have the program run "
        "“email-setup-wizard send” or “email-setup-wizard token”.",
    ),
}

# Where the test's own words would say "test", a message sent for the user needs other ones.
_SEND_DIAGNOSES = {
    Diagnosis.MESSAGE_REJECTED: QT_TRANSLATE_NOOP("Messages", "The server refused the message."),
    Diagnosis.OUT_OF_TIME: QT_TRANSLATE_NOOP(
        "Messages", "The server answered so slowly that the time limit for sending ran out."
    ),
    Diagnosis.CONNECTION_CLOSED: QT_TRANSLATE_NOOP(
        "Messages", "The server hung up or stopped answering before it accepted the message."
    ),
    Diagnosis.UNKNOWN: QT_TRANSLATE_NOOP(
        "Messages", "The server refused the message with an unusual answer."
    ),
}
# Failures that a new password (or app password) stored for the account would mend.
_NEW_PASSWORD = frozenset({Diagnosis.WRONG_PASSWORD, Diagnosis.APP_PASSWORD_REQUIRED})
_STORE_NEW_PASSWORD = QT_TRANSLATE_NOOP(
    "Messages",
    "If the password has changed, store the new one with “email-setup-wizard setup {address}”.",
)
_REFUSED_RECIPIENT = QT_TRANSLATE_NOOP("Messages", "Refused: {recipient} ({reply})")
_NOT_SENT = QT_TRANSLATE_NOOP("Messages", "The message was not sent.")


_CERTIFICATE_DIAGNOSES = (Diagnosis.CERTIFICATE, Diagnosis.CERTIFICATE_NOT_PINNED)


def describe_send_failure(
    outcome: TestOutcome, address: str, tr: Translate = untranslated
) -> list[str]:
    """Why ``email-setup-wizard send`` failed for the account ``address``, as lines: what
    happened, what to do, the server's words or each refused recipient, and that nothing was
    sent. A test's outcome, worded for a real message."""
    diagnosis = outcome.diagnosis or Diagnosis.UNKNOWN
    happened, remedy = describe_diagnosis(diagnosis, tr)
    if diagnosis in _SEND_DIAGNOSES:
        happened = tr(CONTEXT, _SEND_DIAGNOSES[diagnosis])
    lines = [happened, remedy]
    if diagnosis in _NEW_PASSWORD:
        lines.append(tr(CONTEXT, _STORE_NEW_PASSWORD).format(address=address))
    if outcome.refused:
        lines += [
            tr(CONTEXT, _REFUSED_RECIPIENT).format(recipient=recipient, reply=_one_line(reply))
            for recipient, reply in outcome.refused
        ]
    elif outcome.reply is not None:
        lines.append(tr(CONTEXT, _SERVER_SAID).format(reply=_one_line(outcome.reply)))
    certificate = outcome.certificate
    if diagnosis in _CERTIFICATE_DIAGNOSES and certificate is not None:
        lines.append(tr(CONTEXT, _FINGERPRINT).format(sha256=certificate.sha256))
    lines.append(tr(CONTEXT, _NOT_SENT))
    return lines


def _one_line(reply: Reply) -> str:
    """A server reply on one line, shown ``printable``: its lines joined, nothing obeyed."""
    return printable(f"{reply.code} {' '.join(reply.text.splitlines())}")


# -- delivery confirmation (wizard.delivery) ------------------------------------------------

_ARRIVED = {
    DeliveryStatus.INBOX: QT_TRANSLATE_NOOP(
        "Messages", "The test message arrived in your Inbox after {seconds} s."
    ),
    DeliveryStatus.JUNK: QT_TRANSLATE_NOOP(
        "Messages",
        "The test message arrived after {seconds} s, but in your Junk folder ({folder}).",
    ),
}
_JUNK_ADVICE = QT_TRANSLATE_NOOP(
    "Messages",
    "Other providers may treat mail from this account as spam too. The checks below show "
    "what the receiving server disliked; your provider's help explains how to set up SPF, "
    "DKIM and DMARC for your domain.",
)
_NOT_ARRIVED = QT_TRANSLATE_NOOP(
    "Messages",
    "The test message has not arrived within {seconds} s, although the server accepted it.",
)
_NOT_ARRIVED_ADVICE = QT_TRANSLATE_NOOP(
    "Messages",
    "It may still be on its way, or a filter or relay dropped it. Look in your Inbox and Junk "
    "folder later; if it never comes, ask your provider, and mention the Message-ID.",
)
_BOUNCED = QT_TRANSLATE_NOOP(
    "Messages", "The test message could not be delivered: a server sent it back."
)
_DELAYED = QT_TRANSLATE_NOOP(
    "Messages",
    "The test message is delayed: a server reported that it is still trying to deliver it.",
)
_BOUNCE_ANSWER = QT_TRANSLATE_NOOP("Messages", "{server} answered: {reply}")
_BOUNCE_CLASSES = {
    "1": QT_TRANSLATE_NOOP("Messages", "The recipient's address does not exist, or is mistyped."),
    "2": QT_TRANSLATE_NOOP(
        "Messages", "The recipient's mailbox cannot take mail now: it may be full or closed."
    ),
    "4": QT_TRANSLATE_NOOP("Messages", "The recipient's mail server could not be reached."),
    "7": QT_TRANSLATE_NOOP(
        "Messages",
        "The receiving side refused it for security or policy reasons, often because of "
        "SPF, DKIM or DMARC, or a blocklist.",
    ),
}
_BOUNCE_OTHER = QT_TRANSLATE_NOOP("Messages", "The server's answer below says why.")
_SKIPPED = {
    SkipReason.NO_SERVER: QT_TRANSLATE_NOOP(
        "Messages",
        "Arrival was not checked: no incoming-mail (IMAP) server is known for this address.",
    ),
    SkipReason.NOT_REQUESTED: QT_TRANSLATE_NOOP("Messages", "Arrival was not checked, as asked."),
    SkipReason.OTHER_RECIPIENT: QT_TRANSLATE_NOOP(
        "Messages",
        "The test message went to another address, so its arrival cannot be checked from "
        "here; no bounce came back within {seconds} s.",
    ),
    SkipReason.NOT_SENT: QT_TRANSLATE_NOOP(
        "Messages", "Arrival was not checked: the test message was not sent."
    ),
    SkipReason.SIGNED_IN_FOR_SENDING: QT_TRANSLATE_NOOP(
        "Messages",
        "Arrival was not checked: the sign-in allows sending only, not reading the mailbox.",
    ),
    SkipReason.UNTRUSTED: QT_TRANSLATE_NOOP(
        "Messages",
        "Arrival was not checked: the incoming-mail server was only found in DNS or by "
        "guessing, so your password was not sent to it.",
    ),
    SkipReason.FOREIGN_DOMAIN: QT_TRANSLATE_NOOP(
        "Messages",
        "Arrival was not checked: the incoming-mail server found is in another domain than "
        "your address and your outgoing server, and nobody vouched for it, so your password "
        "was not sent to it.",
    ),
}
_SKIPPED_ADVICE = {
    SkipReason.SIGNED_IN_FOR_SENDING: QT_TRANSLATE_NOOP(
        "Messages",
        "Sending works. To have arrival checked too, set the account up again and allow "
        "reading your mail when you sign in.",
    ),
}
_IMAP_PROBLEMS = {
    ImapProblem.UNREACHABLE: QT_TRANSLATE_NOOP(
        "Messages", "The incoming-mail server could not be reached, so arrival was not checked."
    ),
    ImapProblem.NOT_ENCRYPTED: QT_TRANSLATE_NOOP(
        "Messages",
        "The incoming-mail server offers no encryption, so the password was not sent to it "
        "and arrival was not checked.",
    ),
    ImapProblem.NO_STARTTLS: QT_TRANSLATE_NOOP(
        "Messages",
        "The incoming-mail server did not offer STARTTLS encryption, so the password was not "
        "sent to it and arrival was not checked.",
    ),
    ImapProblem.CERTIFICATE: QT_TRANSLATE_NOOP(
        "Messages",
        "The incoming-mail server's certificate could not be verified, so the password was "
        "not sent to it and arrival was not checked.",
    ),
    ImapProblem.NOT_PINNED: QT_TRANSLATE_NOOP(
        "Messages",
        "The incoming-mail server's certificate is not the one your organisation pinned for "
        "it, so the password was not sent to it and arrival was not checked.",
    ),
    ImapProblem.TLS_FAILED: QT_TRANSLATE_NOOP(
        "Messages",
        "An encrypted connection to the incoming-mail server could not be set up, so arrival "
        "was not checked.",
    ),
    ImapProblem.LOGIN_REFUSED: QT_TRANSLATE_NOOP(
        "Messages",
        "The incoming-mail server did not accept the login, so arrival was not checked. "
        "Sending works; some providers want another password (an app password) for reading mail.",
    ),
    ImapProblem.LOGIN_DISABLED: QT_TRANSLATE_NOOP(
        "Messages",
        "The incoming-mail server allows no password login on this connection, so arrival "
        "was not checked.",
    ),
    ImapProblem.NO_TOKEN_LOGIN: QT_TRANSLATE_NOOP(
        "Messages",
        "The incoming-mail server does not take a sign-in (OAuth2) for logging in, so arrival "
        "was not checked.",
    ),
    ImapProblem.TOKEN_REFUSED: QT_TRANSLATE_NOOP(
        "Messages",
        "The incoming-mail server did not accept the sign-in, so arrival was not checked. "
        "Sending works; the sign-in may not be allowed to read mail there.",
    ),
    ImapProblem.CONNECTION_LOST: QT_TRANSLATE_NOOP(
        "Messages",
        "The incoming-mail server hung up or stopped answering, so arrival could not be "
        "checked to the end.",
    ),
}
_REMOVALS = {
    Removal.TRASH: QT_TRANSLATE_NOOP("Messages", "The test message was moved to your Trash."),
    Removal.DELETED: QT_TRANSLATE_NOOP("Messages", "The test message was deleted."),
    Removal.KEPT: QT_TRANSLATE_NOOP("Messages", "The test message was kept, as asked."),
    Removal.LEFT: QT_TRANSLATE_NOOP(
        "Messages",
        "The test message was left where it is: this server offers no way to remove it "
        "without touching other messages. Delete it yourself.",
    ),
}
_VERDICT_BY = QT_TRANSLATE_NOOP("Messages", "The receiving server ({server}) checked the message:")
_NO_VERDICT = QT_TRANSLATE_NOOP(
    "Messages",
    "The receiving server added no authentication results, so its SPF, DKIM and DMARC "
    "verdict cannot be shown.",
)
_CHECK_LABELS = {"spf": "SPF", "dkim": "DKIM", "dmarc": "DMARC", "arc": "ARC"}
_CHECK_LINE = QT_TRANSLATE_NOOP("Messages", "{check}: {explanation}")
# (method, result) -> what it means; a result missing here is shown as the server wrote it.
_CHECKS = {
    ("spf", "pass"): QT_TRANSLATE_NOOP(
        "Messages", "passed: the server that sent it may send mail for your domain."
    ),
    ("spf", "fail"): QT_TRANSLATE_NOOP(
        "Messages",
        "failed: your domain does not allow this server to send its mail, so receivers may "
        "reject it or file it as spam. Ask your provider which SPF record your domain needs.",
    ),
    ("spf", "softfail"): QT_TRANSLATE_NOOP(
        "Messages",
        "soft fail: your domain's SPF record does not quite cover this server, so receivers "
        "may distrust it. Ask your provider which SPF record your domain needs.",
    ),
    ("spf", "neutral"): QT_TRANSLATE_NOOP(
        "Messages", "neutral: your domain's SPF record says nothing about this server."
    ),
    ("spf", "none"): QT_TRANSLATE_NOOP(
        "Messages",
        "none: your domain publishes no SPF record, so receivers cannot tell which servers "
        "may send its mail. Your provider's help explains how to add one.",
    ),
    ("dkim", "pass"): QT_TRANSLATE_NOOP("Messages", "passed: the signature is valid."),
    ("dkim", "fail"): QT_TRANSLATE_NOOP(
        "Messages",
        "failed: the signature did not verify; the message was changed on the way, or the "
        "key in DNS does not match. Ask your provider to check DKIM for your domain.",
    ),
    ("dkim", "none"): QT_TRANSLATE_NOOP(
        "Messages",
        "not signed. Mail from this account to other providers may be marked as spam; your "
        "provider's help explains how to enable DKIM for your domain.",
    ),
    ("dmarc", "pass"): QT_TRANSLATE_NOOP(
        "Messages", "passed: SPF or DKIM confirmed the domain in the From address."
    ),
    ("dmarc", "fail"): QT_TRANSLATE_NOOP(
        "Messages",
        "failed: neither SPF nor DKIM confirmed the domain in the From address; receivers that "
        "follow your domain's DMARC policy may reject such mail or file it as spam.",
    ),
    ("dmarc", "none"): QT_TRANSLATE_NOOP(
        "Messages",
        "none: your domain publishes no DMARC policy. Big providers increasingly expect one.",
    ),
    ("arc", "pass"): QT_TRANSLATE_NOOP(
        "Messages", "passed: the results of forwarding servers were kept intact."
    ),
    ("arc", "fail"): QT_TRANSLATE_NOOP(
        "Messages", "failed: a forwarding server's record of its checks did not verify."
    ),
    ("arc", "none"): QT_TRANSLATE_NOOP(
        "Messages", "none: the message was not forwarded, so there was nothing to check."
    ),
}
_TEMPORARY = QT_TRANSLATE_NOOP(
    "Messages", "could not be checked because of a temporary DNS problem."
)
_PERMANENT = QT_TRANSLATE_NOOP(
    "Messages",
    "could not be checked: the record in DNS is broken. Ask your provider to correct it.",
)
_OTHER_RESULT = QT_TRANSLATE_NOOP("Messages", "the result was “{result}”.")
_SIGNED_BY = QT_TRANSLATE_NOOP("Messages", "Signed by {domain} (selector {selector}).")


def describe_delivery(
    result: DeliveryResult, tr: Translate = untranslated
) -> tuple[str, str | None]:
    """What the confirmation found, and what to do about it (None when nothing needs doing)."""
    seconds = format_seconds(result.seconds if result.seconds is not None else result.timeout)
    status = result.status
    if status in _ARRIVED:
        said = tr(CONTEXT, _ARRIVED[status]).format(seconds=seconds, folder=result.folder)
        return said, tr(CONTEXT, _JUNK_ADVICE) if status is DeliveryStatus.JUNK else None
    bounce = result.bounce
    if bounce is not None and status is DeliveryStatus.NOT_ARRIVED:
        if not bounce.failed:
            return tr(CONTEXT, _DELAYED), None
        kind = (bounce.status or "").split(".")
        reason = _BOUNCE_CLASSES.get(kind[1]) if len(kind) == 3 else None
        return tr(CONTEXT, _BOUNCED), tr(CONTEXT, reason or _BOUNCE_OTHER)
    if status is DeliveryStatus.NOT_ARRIVED:
        return tr(CONTEXT, _NOT_ARRIVED).format(seconds=seconds), tr(CONTEXT, _NOT_ARRIVED_ADVICE)
    if status is DeliveryStatus.SKIPPED:
        reason = result.reason or SkipReason.NO_SERVER
        advice = _SKIPPED_ADVICE.get(reason)
        said = tr(CONTEXT, _SKIPPED[reason]).format(seconds=seconds)
        return said, tr(CONTEXT, advice) if advice else None
    problem = _IMAP_PROBLEMS[result.problem or ImapProblem.UNREACHABLE]
    return tr(CONTEXT, problem), None


def describe_checks(verdict: Verdict, tr: Translate = untranslated) -> list[str]:
    """The receiving server's verdict, one line per check, in plain words."""
    if verdict.authserv_id is None:
        return [tr(CONTEXT, _NO_VERDICT)]
    lines = [tr(CONTEXT, _VERDICT_BY).format(server=verdict.authserv_id)]
    for check in verdict.results:
        label = _CHECK_LABELS.get(check.method, check.method)
        lines.append(
            tr(CONTEXT, _CHECK_LINE).format(check=label, explanation=describe_check(check, tr))
        )
        if check.method == "dkim":
            lines.extend(
                tr(CONTEXT, _SIGNED_BY).format(domain=s.domain, selector=s.selector)
                for s in verdict.signatures
            )
    return lines


def describe_check(check: CheckResult, tr: Translate = untranslated) -> str:
    """One check's result in plain words."""
    text = _CHECKS.get((check.method, check.result))
    if text is not None:
        return tr(CONTEXT, text)
    if check.result == "temperror":
        return tr(CONTEXT, _TEMPORARY)
    if check.result == "permerror":
        return tr(CONTEXT, _PERMANENT)
    return tr(CONTEXT, _OTHER_RESULT).format(result=check.result)


def describe_delivery_lines(
    result: DeliveryResult, tr: Translate = untranslated, date: DateFormat = iso_day
) -> list[str]:
    """The confirmation as lines for a terminal or a page: what happened, what to do, the
    bounce's own words, the verdict, and what became of the test message."""
    said, advice = describe_delivery(result, tr)
    lines = [said] + ([advice] if advice else [])
    bounce = result.bounce
    if bounce is not None and bounce.diagnostic:
        server = bounce.remote_mta or bounce.reporting_mta or "?"
        lines.append(tr(CONTEXT, _BOUNCE_ANSWER).format(server=server, reply=bounce.diagnostic))
    if result.verdict is not None:
        lines.extend(describe_checks(result.verdict, tr))
    if result.removal is not None:
        lines.append(tr(CONTEXT, _REMOVALS[result.removal]))
    certificate = result.certificate
    certificate_problems = (ImapProblem.CERTIFICATE, ImapProblem.NOT_PINNED)
    if result.problem in certificate_problems and certificate is not None:
        if certificate.problem is not None:
            lines.append(describe_certificate_problem(certificate, tr, date))
        lines.append(tr(CONTEXT, _FINGERPRINT).format(sha256=certificate.sha256))
    return lines


def format_seconds(value: float) -> str:
    """Seconds as people read them: one decimal below ten, whole ones above."""
    return f"{value:.1f}" if value < 10 else f"{value:.0f}"


# -- Network findings of the diagnosis report (wizard.reporting.network) -------------------

_NETWORK_FINDINGS = {
    NetworkCode.PORT_OPEN: QT_TRANSLATE_NOOP("Messages", "Port {port} reaches {host}."),
    NetworkCode.PORT_BLOCKED: QT_TRANSLATE_NOOP(
        "Messages",
        "This network blocks port {port}; port {working} works. On a home network that is "
        "unusual: a security program may be filtering mail.",
    ),
    NetworkCode.PORT_25_BLOCKED: QT_TRANSLATE_NOOP(
        "Messages",
        "Port 25 does not get through, as on most home and mobile networks; mail programs send "
        "through port {working} instead.",
    ),
    NetworkCode.PORT_CLOSED: QT_TRANSLATE_NOOP(
        "Messages", "{host} does not offer port {port} (the connection was refused)."
    ),
    NetworkCode.ALL_SILENT: QT_TRANSLATE_NOOP(
        "Messages",
        "None of the ports 25, 465 and 587 of {host} answered: the server may be down, or this "
        "network blocks outgoing mail entirely. Try another network (a phone's hotspot).",
    ),
    NetworkCode.SERVER_NOT_FOUND: QT_TRANSLATE_NOOP(
        "Messages", "The server name {host} could not be found in DNS."
    ),
    NetworkCode.INTERCEPTED: QT_TRANSLATE_NOOP(
        "Messages",
        "On port {port} something other than the server answered: its certificate is not the "
        "server's ({problem}), while another port shows the right one. Antivirus programs and "
        "company proxies do this; turn off their mail scanning, or use the other port.",
    ),
    NetworkCode.UNTRUSTED_EVERYWHERE: QT_TRANSLATE_NOOP(
        "Messages",
        "No port of {host} shows a certificate this computer trusts: either the server's "
        "certificate is wrong, or a security program intercepts every encrypted connection.",
    ),
    NetworkCode.GREETING_MISMATCH: QT_TRANSLATE_NOOP(
        "Messages",
        "On port {port} a server of {greeting} answered instead of {expected}: something on "
        "the way (a proxy or security program) may be answering in the server's place.",
    ),
    NetworkCode.DNS_ANSWERS: QT_TRANSLATE_NOOP("Messages", "DNS answers."),
    NetworkCode.DNS_SILENT: QT_TRANSLATE_NOOP(
        "Messages", "DNS does not answer: check the network connection or its DNS settings."
    ),
    NetworkCode.DNS_FAILED: QT_TRANSLATE_NOOP(
        "Messages", "DNS answers with errors ({detail}): check the network's DNS settings."
    ),
    NetworkCode.PROXY_CONFIGURED: QT_TRANSLATE_NOOP(
        "Messages",
        "An HTTPS proxy is configured ({proxy}). This program does not use it: settings are "
        "looked up and mail is sent directly, because mail servers cannot be reached through "
        "an HTTPS proxy. If direct connections are blocked here, ask the network's "
        "administrator.",
    ),
    NetworkCode.NO_PROXY: QT_TRANSLATE_NOOP("Messages", "No HTTPS proxy is configured."),
}

_PROBE_FAILURES = {
    ProbeFailure.NO_SUCH_HOST: QT_TRANSLATE_NOOP("Messages", "no such server name"),
    ProbeFailure.REFUSED: QT_TRANSLATE_NOOP("Messages", "connection refused"),
    ProbeFailure.CONNECT_TIMEOUT: QT_TRANSLATE_NOOP("Messages", "no answer (timed out)"),
    ProbeFailure.NO_GREETING: QT_TRANSLATE_NOOP("Messages", "connected, but no greeting"),
    ProbeFailure.NOT_SMTP: QT_TRANSLATE_NOOP("Messages", "answered, but not as a mail server"),
    ProbeFailure.TLS_FAILED: QT_TRANSLATE_NOOP("Messages", "encryption could not be set up"),
    ProbeFailure.NO_STARTTLS: QT_TRANSLATE_NOOP("Messages", "STARTTLS not offered"),
    ProbeFailure.CLOSED: QT_TRANSLATE_NOOP("Messages", "hung up"),
}


def describe_network_finding(
    finding: NetworkFinding, host: str, tr: Translate = untranslated
) -> str:
    values = {key: printable(value) for key, value in finding.values}  # a greeting, a proxy
    # A finding may name its own host (a server other than the one checked): that one wins.
    return tr(CONTEXT, _NETWORK_FINDINGS[finding.code]).format_map(_Blank({"host": host} | values))


def probe_failure_label(failure: ProbeFailure, tr: Translate = untranslated) -> str:
    return tr(CONTEXT, _PROBE_FAILURES[failure])


# -- Organisation presets (wizard.presets, wizard.presets_rules) ---------------------------

_PRESET_PROBLEMS = {
    PresetProblem.UNREADABLE: QT_TRANSLATE_NOOP("Messages", "it cannot be read ({detail})"),
    PresetProblem.UNSAFE_PERMISSIONS: QT_TRANSLATE_NOOP(
        "Messages",
        "other users of this computer can change it ({detail}), so it is not your "
        "organisation's word; only root (or you, for your own presets) may be able to write "
        "it and its folder",
    ),
    PresetProblem.TOO_LARGE: QT_TRANSLATE_NOOP("Messages", "it is too large to be a preset"),
    PresetProblem.NOT_XML: QT_TRANSLATE_NOOP("Messages", "it is not well-formed XML ({detail})"),
    PresetProblem.UNSAFE_XML: QT_TRANSLATE_NOOP(
        "Messages", "it declares a DTD or entities, which presets may not use"
    ),
    PresetProblem.NOT_CLIENTCONFIG: QT_TRANSLATE_NOOP(
        "Messages", "it is not a clientConfig document with an <emailProvider> ({detail})"
    ),
    PresetProblem.NO_DOMAIN: QT_TRANSLATE_NOOP(
        "Messages", "it names no <domain>, so it would apply to nothing"
    ),
    PresetProblem.BAD_DOMAIN: QT_TRANSLATE_NOOP(
        "Messages", "“{detail}” is not a domain (or *.domain pattern)"
    ),
    PresetProblem.NO_OUTGOING_SERVER: QT_TRANSLATE_NOOP(
        "Messages", "it has no SMTP <outgoingServer>"
    ),
    PresetProblem.MISSING_VALUE: QT_TRANSLATE_NOOP(
        "Messages", "the outgoing server has no <{detail}>"
    ),
    PresetProblem.BAD_HOSTNAME: QT_TRANSLATE_NOOP("Messages", "“{detail}” is not a server name"),
    PresetProblem.BAD_PORT: QT_TRANSLATE_NOOP("Messages", "“{detail}” is not a port (1 to 65535)"),
    PresetProblem.BAD_SOCKET_TYPE: QT_TRANSLATE_NOOP(
        "Messages", "socketType “{detail}” is none of SSL, STARTTLS or plain"
    ),
    PresetProblem.UNKNOWN_AUTHENTICATION: QT_TRANSLATE_NOOP(
        "Messages", "“{detail}” is not a clientConfig authentication method"
    ),
    PresetProblem.UNKNOWN_ELEMENT: QT_TRANSLATE_NOOP(
        "Messages", "<{detail}> is not known here (a typo?)"
    ),
    PresetProblem.UNKNOWN_LOCK: QT_TRANSLATE_NOOP(
        "Messages",
        "“{detail}” cannot be locked; lock hostname, port, socketType, username or authentication",
    ),
    PresetProblem.BAD_FINGERPRINT: QT_TRANSLATE_NOOP(
        "Messages", "“{detail}” is not a SHA-256 fingerprint (64 hexadecimal digits)"
    ),
    PresetProblem.BAD_OAUTH2_REGISTRATION: QT_TRANSLATE_NOOP(
        "Messages",
        "the OAuth2 registrations are not a TOML table per https:// issuer with a client_id "
        "({detail})",
    ),
    PresetProblem.CONTRADICTION: QT_TRANSLATE_NOOP(
        "Messages", "its own server breaks its policy ({detail})"
    ),
}
_PRESET_AT = QT_TRANSLATE_NOOP(
    "Messages", "The preset {path} (line {line}) was ignored: {problem}."
)
_PRESET_IN = QT_TRANSLATE_NOOP("Messages", "The preset {path} was ignored: {problem}.")

_FIELD_NAMES = {
    Field.HOSTNAME: QT_TRANSLATE_NOOP("Messages", "the server"),
    Field.PORT: QT_TRANSLATE_NOOP("Messages", "the port"),
    Field.SOCKET_TYPE: QT_TRANSLATE_NOOP("Messages", "the security"),
    Field.USERNAME: QT_TRANSLATE_NOOP("Messages", "the username"),
    Field.AUTHENTICATION: QT_TRANSLATE_NOOP("Messages", "the sign-in method"),
}
_REFUSALS = {
    RefusalReason.LOCKED: QT_TRANSLATE_NOOP(
        "Messages",
        "Your organisation ({organisation}) sets {field} for this address to “{value}”; it "
        "cannot be changed here.",
    ),
    RefusalReason.PLAINTEXT: QT_TRANSLATE_NOOP(
        "Messages",
        "Your organisation ({organisation}) never allows an unencrypted connection for this "
        "address, not even with --allow-plaintext.",
    ),
    RefusalReason.IMPLICIT_TLS: QT_TRANSLATE_NOOP(
        "Messages",
        "Your organisation ({organisation}) requires SSL/TLS for this address; STARTTLS and "
        "unencrypted connections are not allowed.",
    ),
    RefusalReason.PASSWORD: QT_TRANSLATE_NOOP(
        "Messages",
        "Your organisation ({organisation}) allows no password for this address: it signs in "
        "with OAuth2 only (allowed: {value}). No password was sent.",
    ),
    RefusalReason.OAUTH2: QT_TRANSLATE_NOOP(
        "Messages",
        "Your organisation ({organisation}) does not allow signing in with OAuth2 for this "
        "address: it uses a password (allowed: {value}).",
    ),
    RefusalReason.MECHANISM: QT_TRANSLATE_NOOP(
        "Messages",
        "Your organisation ({organisation}) does not allow the sign-in method {value} for this "
        "address (allowed: {allowed}).",
    ),
}
_REFUSAL_SOURCE = QT_TRANSLATE_NOOP("Messages", "(Preset: {path}; ask your administrator.)")


def field_name(field: Field, tr: Translate = untranslated) -> str:
    """A lockable field as a sentence names it ("the server")."""
    return tr(CONTEXT, _FIELD_NAMES[field])


def describe_preset_error(err: PresetError, tr: Translate = untranslated) -> str:
    """A broken preset: which file, which line, what is wrong, and that it was ignored."""
    problem = tr(CONTEXT, _PRESET_PROBLEMS[err.problem]).format(detail=printable(err.detail))
    path = printable(str(err.path))
    if err.line:
        return tr(CONTEXT, _PRESET_AT).format(path=path, line=err.line, problem=problem)
    return tr(CONTEXT, _PRESET_IN).format(path=path, problem=problem)


def describe_preset_refusal(err: PresetRefusedError, tr: Translate = untranslated) -> str:
    """Why the organisation's preset does not allow what was asked, and whose rule it is."""
    sentences = [
        tr(CONTEXT, _REFUSALS[refusal.reason]).format(
            organisation=printable(err.preset.organisation),
            field=field_name(refusal.field, tr) if refusal.field else "",
            value=printable(refusal.value),
            allowed=printable(", ".join(allowed_words(err.preset))),
        )
        for refusal in err.refusals
    ]
    sentences.append(tr(CONTEXT, _REFUSAL_SOURCE).format(path=printable(str(err.preset.path))))
    return " ".join(sentences)
