"""A Python script that sends with the tested settings and reads the password through
``keyring`` from the keychain entry ``setup`` stored: the pattern for a script or a backup job
that must not hold a password itself.

It uses the standard library's ``smtplib`` with the same security as the account: implicit TLS
or STARTTLS verified against the system's authorities, or, for a pinned certificate, exactly
that certificate's fingerprint, checked before the password is sent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.model import Security

if TYPE_CHECKING:
    from wizard.profiles import AccountProfile

_HEAD = '''\
"""Send mail as {address} with the settings Email Setup Wizard tested.

The password is not in this file: it comes from the system keychain, from the entry Email
Setup Wizard stored (KEYCHAIN_SERVICE and USERNAME below), through the keyring package
(pip install keyring).
"""

import base64
import hashlib
import smtplib
import ssl
from email.headerregistry import Address
from email.message import EmailMessage

import keyring

HOST = {host!r}
PORT = {port!r}
USERNAME = {username!r}
ADDRESS = {address!r}
NAME = {name!r}
KEYCHAIN_SERVICE = {service!r}
PINNED_SHA256 = {pin!r}  # a certificate accepted by fingerprint, or None


def tls_context() -> ssl.SSLContext:
    context = ssl.create_default_context()
    if PINNED_SHA256:  # checked by fingerprint instead, in check_certificate()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def check_certificate(smtp: smtplib.SMTP) -> None:
    """Stop before the password is sent unless the certificate is the one accepted."""
    if PINNED_SHA256:
        der = smtp.sock.getpeercert(binary_form=True)
        seen = hashlib.sha256(der).hexdigest().upper()
        if seen != PINNED_SHA256.replace(":", "").upper():
            raise ssl.SSLError("the server presented another certificate than the one accepted")


def log_in(smtp: smtplib.SMTP, password: str) -> None:
    """smtplib's login() takes only ASCII passwords; others go as UTF-8 (AUTH PLAIN, RFC 4616)."""
    if password.isascii():
        smtp.login(USERNAME, password)
        return
    smtp.ehlo_or_helo_if_needed()
    token = base64.b64encode(f"\\0{{USERNAME}}\\0{{password}}".encode()).decode()
    code, reply = smtp.docmd("AUTH", f"PLAIN {{token}}")
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def send(message: EmailMessage) -> None:
    password = keyring.get_password(KEYCHAIN_SERVICE, USERNAME)
    if password is None:
        raise SystemExit(f"no password in the keychain: run email-setup-wizard setup {{ADDRESS}}")
'''

_SSL = """\
    with smtplib.SMTP_SSL(HOST, PORT, context=tls_context()) as smtp:
        check_certificate(smtp)
        log_in(smtp, password)
        smtp.send_message(message)
"""

_STARTTLS = """\
    with smtplib.SMTP(HOST, PORT) as smtp:
        smtp.starttls(context=tls_context())
        check_certificate(smtp)
        log_in(smtp, password)
        smtp.send_message(message)
"""

_PLAIN = """\
    # No encryption: the password and the mail cross the network readable.
    with smtplib.SMTP(HOST, PORT) as smtp:
        log_in(smtp, password)
        smtp.send_message(message)
"""

_TAIL = """

if __name__ == "__main__":
    message = EmailMessage()
    sender = Address(NAME, addr_spec=ADDRESS)
    message["From"] = sender
    message["To"] = sender
    message["Subject"] = "Hello from Python"
    message.set_content("Sent with the settings Email Setup Wizard tested.")
    send(message)
"""

_SESSIONS = {Security.SSL: _SSL, Security.STARTTLS: _STARTTLS, Security.NONE: _PLAIN}


def script(profile: AccountProfile) -> str:
    head = _HEAD.format(
        host=profile.host,
        port=profile.port,
        username=profile.username,
        address=profile.address,
        name=profile.display_name,
        service=profile.keychain_service,
        pin=profile.pinned_sha256,
    )
    return head + _SESSIONS[profile.security] + _TAIL
