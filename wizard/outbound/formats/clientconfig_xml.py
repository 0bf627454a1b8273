"""An autoconfig document (Thunderbird's clientConfig 1.1) for the account's domain.

An organisation can publish it at ``https://autoconfig.DOMAIN/mail/config-v1.1.xml`` so that
Thunderbird, K-9/Thunderbird for Android, Evolution and this wizard find the settings; it is
also the format of organisation presets. The username becomes the template a clientConfig
expects (``%EMAILADDRESS%``, ``%EMAILLOCALPART%``) when it is one of those, so one document
serves every mailbox of the domain. ``wizard.clientconfig`` reads it back exactly.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from wizard.address import parse_address
from wizard.model import Security

if TYPE_CHECKING:
    from wizard.profiles import AccountProfile, IncomingServer

_SOCKET_TYPES = {Security.SSL: "SSL", Security.STARTTLS: "STARTTLS", Security.NONE: "plain"}
# clientConfig's words for how the password travels (CRAM-MD5: "encrypted", i.e. hashed);
# an OAuth2 sign-in is "OAuth2".
_AUTHENTICATION = {"CRAM-MD5": "password-encrypted", "XOAUTH2": "OAuth2", "OAUTHBEARER": "OAuth2"}


def client_config(profile: AccountProfile, incoming: IncomingServer | None) -> bytes:
    address = parse_address(profile.address)
    root = ET.Element("clientConfig", version="1.1")
    provider = ET.SubElement(root, "emailProvider", id=address.domain)
    ET.SubElement(provider, "domain").text = address.domain
    ET.SubElement(provider, "displayName").text = address.domain_display
    ET.SubElement(provider, "displayShortName").text = address.domain_display
    username = _template(profile.username, profile.address, address.local_part)
    authentication = _AUTHENTICATION.get((profile.auth_method or "").upper(), "password-cleartext")
    if incoming is not None:
        server = ET.SubElement(provider, "incomingServer", type="imap")
        _server(server, incoming.host, incoming.port, incoming.security)
        ET.SubElement(server, "username").text = username
        ET.SubElement(server, "authentication").text = "password-cleartext"
    else:
        provider.append(
            ET.Comment(
                " No incoming server is known: Thunderbird needs one (<incomingServer "
                'type="imap">) before it sets up an account from this document. '
            )
        )
    server = ET.SubElement(provider, "outgoingServer", type="smtp")
    _server(server, profile.host, profile.port, profile.security)
    ET.SubElement(server, "authentication").text = authentication
    ET.SubElement(server, "username").text = username
    ET.indent(root)
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def _server(element: ET.Element, host: str, port: int, security: Security) -> None:
    ET.SubElement(element, "hostname").text = host
    ET.SubElement(element, "port").text = str(port)
    ET.SubElement(element, "socketType").text = _SOCKET_TYPES[security]


def _template(username: str, address: str, local_part: str) -> str:
    if username == address:
        return "%EMAILADDRESS%"
    if username == local_part:
        return "%EMAILLOCALPART%"
    return username
