"""An msmtp account block (msmtp(1)): the settings, and ``passwordeval`` reading the password
from the keychain where ``setup`` stored it.

``passwordeval`` runs through the shell, so the lookup command is shell-quoted; the whole value
is then quoted the way msmtp's configuration reads it (double quotes, ``\\"`` and ``\\\\``).
A pinned certificate becomes ``tls_fingerprint``: msmtp then checks exactly that certificate
instead of the authorities, as the wizard does.
"""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

from wizard.model import Security
from wizard.outbound.program import invocation

if TYPE_CHECKING:
    from wizard.profiles import AccountProfile

# SASL mechanism (as the profile stores it) -> msmtp's word for it.
_AUTH = {
    "PLAIN": "plain",
    "LOGIN": "login",
    "CRAM-MD5": "cram-md5",
    "XOAUTH2": "xoauth2",
    "OAUTHBEARER": "oauthbearer",
}


def keychain_lookup(profile: AccountProfile, platform: str) -> list[str]:
    """The command that prints the account's password from the keychain on ``platform``
    (``linux``: Secret Service through libsecret's secret-tool; ``macos``: the login keychain
    through security(1))."""
    service, username = profile.keychain_service, profile.username
    if platform == "macos":
        return ["security", "find-generic-password", "-s", service, "-a", username, "-w"]
    return ["secret-tool", "lookup", "service", service, "username", username]


def secret_command(profile: AccountProfile, platform: str) -> list[str]:
    """What ``passwordeval`` runs: the keychain lookup of the password, or for an OAuth2
    account ``email-setup-wizard token``, which prints a fresh access token (the keychain holds
    its refresh token, which must never be sent to the mail server)."""
    if profile.oauth is not None:
        return [*invocation(), "token", profile.address]
    return keychain_lookup(profile, platform)


def account_block(profile: AccountProfile, platform: str) -> str:
    security = profile.security
    lines = [
        f"# msmtp: send as {profile.address} with the settings Email Setup Wizard tested.",
        "# The password stays in the keychain: passwordeval reads it from there at each send.",
        f"# Send with: msmtp -a {profile.address} RECIPIENT <message",
        f"account {_value(profile.address)}",
        f"host {_value(profile.host)}",
        f"port {profile.port}",
        f"tls {'off' if security is Security.NONE else 'on'}",
        f"tls_starttls {'on' if security is Security.STARTTLS else 'off'}",
    ]
    if security is Security.NONE:
        lines.insert(3, "# No encryption: the password and the mail cross the network readable.")
    if profile.pinned_sha256:
        lines.append("# The certificate you accepted; msmtp checks it instead of the authorities.")
        lines.append(f"tls_fingerprint {profile.pinned_sha256}")
    lines += [
        f"auth {_AUTH.get((profile.auth_method or '').upper(), 'on')}",
        f"user {_value(profile.username)}",
        f"from {_value(profile.address)}",
        f"passwordeval {_value(shlex.join(secret_command(profile, platform)))}",
    ]
    return "\n".join(lines) + "\n"


def _value(text: str) -> str:
    """``text`` as an msmtp configuration argument: quoted when it holds anything but plain
    characters."""
    if text and not any(char in text for char in ' \t"\\#'):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
