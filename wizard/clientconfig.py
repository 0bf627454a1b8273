"""Thunderbird's clientConfig 1.1 format: parse it safely, expand its templates.

The same parser reads configs fetched from the network (autoconfig, ISPDB) and, at build time,
the ISPDB files behind the bundled provider database, so both reach the engine as the same
:class:`ClientConfig`. Network input is untrusted: it is size-capped and parsed with defusedxml,
which refuses DTDs and entities instead of expanding them.

What matters to this program is ``<outgoingServer type="smtp">``, and
``<incomingServer type="imap">``, which only serves to confirm that a test message arrived. One
broken server entry is skipped rather than failing the whole document, because providers often
list several.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from wizard.discovery.limits import SERVERS_PER_ANSWER
from wizard.errors import WizardError
from wizard.model import OAuthHint, Protocol, Security, ServerConfig
from wizard.printable import is_printable

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

    from wizard.model import SourceName, Tier, Trust

MAX_CONFIG_BYTES = 256 * 1024
"""Real configs are a few KiB; anything this large is not one, and is not worth parsing."""

MAX_SERVERS = SERVERS_PER_ANSWER
"""Distinct servers of one kind a document is worth, in its order: providers list one to three
(Thunderbird's database never more), and each one listed costs a name lookup and a connection
to check, so a document listing 1500 would cost 1500 of each."""


class ClientConfigProblem(StrEnum):
    """Why a document was not accepted as a clientConfig."""

    TOO_LARGE = "too-large"
    NOT_XML = "not-xml"
    UNSAFE_XML = "unsafe-xml"  # DTD or entity declarations: bombs, external entities
    NOT_CLIENTCONFIG = "not-clientconfig"  # well-formed XML, but not <clientConfig><emailProvider>
    NO_OUTGOING_SERVER = "no-outgoing-server"  # no usable <outgoingServer type="smtp">


class ClientConfigError(WizardError, ValueError):
    """A document could not be used as a clientConfig; ``reason`` says why."""

    def __init__(self, reason: ClientConfigProblem, detail: str = "") -> None:
        super().__init__(reason.value + (f" ({detail})" if detail else ""))
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class OutgoingServer:
    """One ``<outgoingServer type="smtp">`` as the document states it, templates unexpanded.
    An ``<incomingServer type="imap">`` has the same fields, and is read into the same class.

    ``hostname`` is lower-case and may contain ``%EMAILDOMAIN%`` (a few ISPDB entries, such as
    inbox.lv, serve every customer domain from ``mail.<domain>``).
    """

    hostname: str
    port: int
    security: Security
    username_template: str | None
    authentication: tuple[str, ...]


@dataclass(frozen=True)
class ClientConfig:
    """A provider's settings and the domains they apply to (MX domains included)."""

    provider_id: str
    display_name: str | None
    domains: tuple[str, ...]
    outgoing: tuple[OutgoingServer, ...]
    incoming: tuple[OutgoingServer, ...] = ()  # IMAP only
    oauth: OAuthHint | None = None  # the ``<oAuth2>`` element, inside or beside the provider
    ignored: int = 0  # distinct servers listed beyond MAX_SERVERS, of either kind: left out

    def servers(self, protocol: Protocol) -> tuple[OutgoingServer, ...]:
        return self.incoming if protocol is Protocol.IMAP else self.outgoing


_SOCKET_TYPES = {"ssl": Security.SSL, "starttls": Security.STARTTLS, "plain": Security.NONE}
_PLACEHOLDER = re.compile(r"%(EMAILADDRESS|EMAILLOCALPART|EMAILDOMAIN)%")
# Only the domain may appear in a host name: a local part or a whole address would not
# expand to a valid one.
_HOST_PLACEHOLDER = "%EMAILDOMAIN%"
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOSTNAME = re.compile(rf"{_LABEL}(?:\.{_LABEL})*")
_PORT = re.compile(r"[0-9]{1,5}")


def parse_client_config(data: bytes) -> ClientConfig:
    """Read a clientConfig 1.1 document; raise :class:`ClientConfigError` if it is unusable."""
    # The XML parser, only to parse: the bundled provider database and the expansion of a
    # config's templates (``to_server_configs``) use the classes here without it.
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree
    from defusedxml import DefusedXmlException

    if len(data) > MAX_CONFIG_BYTES:
        raise ClientConfigError(ClientConfigProblem.TOO_LARGE, f"{len(data)} bytes")
    try:
        root = defusedxml.ElementTree.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise ClientConfigError(ClientConfigProblem.UNSAFE_XML, repr(exc)) from exc
    # LookupError: an unknown declared encoding; ValueError (UnicodeError among them): one
    # the parser cannot decode, such as UTF-7 or a multi-byte encoding.
    except (ParseError, LookupError, ValueError) as exc:
        raise ClientConfigError(ClientConfigProblem.NOT_XML, str(exc)) from exc

    provider = root.find("emailProvider") if root.tag == "clientConfig" else None
    if provider is None:
        raise ClientConfigError(ClientConfigProblem.NOT_CLIENTCONFIG, root.tag)

    domains = tuple(
        dict.fromkeys(  # de-duplicated, document order kept
            domain
            for element in provider.findall("domain")
            if (domain := _normalize_hostname(_text(element))) is not None
        )
    )
    outgoing, extra_outgoing = _servers(provider, "outgoingServer", "smtp")
    if not outgoing:
        raise ClientConfigError(ClientConfigProblem.NO_OUTGOING_SERVER)
    incoming, extra_incoming = _servers(provider, "incomingServer", "imap")
    provider_id = (_line(provider.get("id")) or "").strip()
    return ClientConfig(
        provider_id=provider_id or (domains[0] if domains else ""),
        display_name=_line(_child_text(provider, "displayName")),
        domains=domains,
        outgoing=outgoing,
        incoming=incoming,
        oauth=_oauth_hint(provider, root),
        ignored=extra_outgoing + extra_incoming,
    )


def _oauth_hint(provider: Element, root: Element) -> OAuthHint | None:
    """An ``<oAuth2>`` element as written; the ISPDB puts it beside ``<emailProvider>``, some
    domains' own autoconfig inside it. Whether it may be used is ``wizard.oauth``'s to say."""
    element = provider.find("oAuth2")
    if element is None:
        element = root.find("oAuth2")
    if element is None:
        return None
    hint = OAuthHint(
        issuer=_child_text(element, "issuer"),
        scope=_child_text(element, "scope"),
        auth_url=_child_text(element, "authURL"),
        token_url=_child_text(element, "tokenURL"),
    )
    return hint if any((hint.issuer, hint.auth_url, hint.token_url)) else None


def _servers(provider: Element, tag: str, kind: str) -> tuple[tuple[OutgoingServer, ...], int]:
    """The first ``MAX_SERVERS`` distinct usable ``<tag type="kind">`` servers, in document
    order, and how many more distinct ones there were."""
    listed = dict.fromkeys(
        server
        for element in provider.findall(tag)
        if element.get("type") == kind and (server := _server(element)) is not None
    )
    return tuple(listed)[:MAX_SERVERS], max(0, len(listed) - MAX_SERVERS)


def _line(text: str | None) -> str | None:
    """``text`` if it reads as one line of plain text; else None. A name or login with a line
    break or an escape sequence in it is not what a provider means: shown, it could pose as
    another line of the output ("Trust: trusted"), so it is dropped, never shown."""
    return text if text is None or is_printable(text) else None


def _server(element: Element) -> OutgoingServer | None:
    """The server an ``<outgoingServer>`` or ``<incomingServer>`` describes, or None if it
    cannot be used as stated."""
    hostname = _normalize_hostname(_child_text(element, "hostname"), template=True)
    port_text = _child_text(element, "port") or ""
    security = _SOCKET_TYPES.get((_child_text(element, "socketType") or "").lower())
    if hostname is None or not _PORT.fullmatch(port_text) or security is None:
        return None
    port = int(port_text)
    username = _child_text(element, "username")
    if not 1 <= port <= 65535 or _line(username) != username:
        return None  # a login with a line break in it would be wrong however it was used
    return OutgoingServer(
        hostname=hostname,
        port=port,
        security=security,
        username_template=username,
        authentication=tuple(
            method
            for child in element.findall("authentication")
            if (method := _text(child)) and _line(method)
        ),
    )


def _text(element: Element) -> str:
    return "".join(element.itertext()).strip()


def _child_text(parent: Element, tag: str) -> str | None:
    """The stripped text of the first ``tag`` child, None if it is missing or empty."""
    child = parent.find(tag)
    return (_text(child) or None) if child is not None else None


def _normalize_hostname(text: str | None, *, template: bool = False) -> str | None:
    """Lower-case ``text`` without a trailing dot, or None if it is not an ASCII host name.

    With ``template``, ``%EMAILDOMAIN%`` may stand for any part of the name and is kept as is.
    """
    if not text:
        return None
    stripped = text.removesuffix(".")
    parts = stripped.split(_HOST_PLACEHOLDER) if template else [stripped]
    name = _HOST_PLACEHOLDER.join(part.lower() for part in parts)
    probe = name.replace(_HOST_PLACEHOLDER, "example.org")
    if len(probe) > 253 or not probe.isascii() or not _HOSTNAME.fullmatch(probe):
        return None
    return name


def _expand(template: str, *, address: str, local_part: str, domain: str) -> str:
    """Replace clientConfig placeholders in one pass, so expanded text is never re-expanded."""
    values = {"EMAILADDRESS": address, "EMAILLOCALPART": local_part, "EMAILDOMAIN": domain}
    return _PLACEHOLDER.sub(lambda match: values[match[1]], template)


def expand_username(template: str | None, *, address: str, local_part: str, domain: str) -> str:
    """The login name for ``address``; without a template, the full address as clients assume."""
    if not template:
        return address
    return _expand(template, address=address, local_part=local_part, domain=domain)


def to_server_configs(
    config: ClientConfig,
    *,
    address: str,
    local_part: str,
    domain: str,
    source: SourceName,
    trust: Trust,
    tier: Tier,
    origin: str,
    protocol: Protocol = Protocol.SMTP,
) -> list[ServerConfig]:
    """The config's servers for ``protocol`` as the engine's settings for ``address``, in
    document order (which is the provider's order of preference)."""
    names = {"address": address, "local_part": local_part, "domain": domain}
    provider = _expand(config.display_name, **names) if config.display_name else None
    return [
        ServerConfig(
            host=_expand(server.hostname, **names).lower(),
            port=server.port,
            security=server.security,
            username=expand_username(server.username_template, **names),
            source=source,
            trust=trust,
            tier=tier,
            origin=origin,
            auth_methods=server.authentication,
            provider=provider,
            oauth=config.oauth,
        )
        for server in config.servers(protocol)
    ]
