"""An Apple configuration profile (``.mobileconfig``) with a ``com.apple.mail.managed``
payload, for iPhone, iPad and Mac Mail.

Apple requires an incoming server in the payload (``IncomingMailServerHostName``), so the
profile is made only when one is known. It holds no password: the device asks for it when the
profile is installed. It is unsigned; an organisation that wants it to show as verified signs
it (``security cms -S -N "CERTIFICATE NAME" -i in.mobileconfig -o signed.mobileconfig`` on a
Mac). Its identifiers are derived from the address, so installing a newer export replaces the
older one instead of adding a second account.
"""

from __future__ import annotations

import plistlib
import uuid
from typing import TYPE_CHECKING

from wizard.model import Security

if TYPE_CHECKING:
    from wizard.profiles import AccountProfile, IncomingServer

IDENTIFIER = "io.github.emailsetupwizard"
# Fixed, so that the same account always gets the same payload UUIDs.
_NAMESPACE = uuid.UUID("5c2f8a4e-9d1b-4c6e-8f3a-2b7d9e1c4a60")
_AUTHENTICATION = {"CRAM-MD5": "EmailAuthCRAMMD5"}


def configuration_profile(profile: AccountProfile, incoming: IncomingServer) -> bytes:
    address = profile.address
    authentication = _AUTHENTICATION.get((profile.auth_method or "").upper(), "EmailAuthPassword")
    mail = {
        "PayloadType": "com.apple.mail.managed",
        "PayloadVersion": 1,
        "PayloadIdentifier": f"{IDENTIFIER}.mail.{_uuid('mail', address)}",
        "PayloadUUID": _uuid("mail", address),
        "PayloadDisplayName": f"Mail: {address}",
        "EmailAccountDescription": address,
        "EmailAccountName": profile.display_name,
        "EmailAccountType": "EmailTypeIMAP",
        "EmailAddress": address,
        "IncomingMailServerHostName": incoming.host,
        "IncomingMailServerPortNumber": incoming.port,
        "IncomingMailServerUseSSL": incoming.security is not Security.NONE,
        "IncomingMailServerAuthentication": "EmailAuthPassword",
        "IncomingMailServerUsername": incoming.username or profile.username,
        "OutgoingMailServerHostName": profile.host,
        "OutgoingMailServerPortNumber": profile.port,
        "OutgoingMailServerUseSSL": profile.security is not Security.NONE,
        "OutgoingMailServerAuthentication": authentication,
        "OutgoingMailServerUsername": profile.username,
        "OutgoingPasswordSameAsIncomingPassword": True,
    }
    top = {
        "PayloadType": "Configuration",
        "PayloadVersion": 1,
        "PayloadIdentifier": f"{IDENTIFIER}.profile.{_uuid('profile', address)}",
        "PayloadUUID": _uuid("profile", address),
        "PayloadDisplayName": f"Email: {address}",
        "PayloadDescription": f"The mail account {address}, as Email Setup Wizard tested it.",
        "PayloadContent": [mail],
    }
    return plistlib.dumps(top)


def _uuid(kind: str, address: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{address.lower()}")).upper()
