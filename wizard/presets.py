"""Organisation presets: an organisation's servers, locks and rules, set on every PC.

A preset is a clientConfig 1.1 document (the ISPDB and autoconfig format, so an
organisation's existing autoconfig file can be dropped in as it is) with one extra element,
``<emailSetupWizard>``, beside ``<emailProvider>``, which other programs ignore::

    <clientConfig version="1.1">
      <emailProvider id="example.com">
        <domain>example.com</domain>
        <domain>*.example.com</domain>            <!-- every subdomain -->
        <displayName>Example Corp</displayName>
        <outgoingServer type="smtp">...</outgoingServer>
      </emailProvider>
      <emailSetupWizard>
        <lock>hostname</lock> <lock>port</lock> <lock>socketType</lock> <lock>username</lock>
        <policy>
          <requireEncryption/>                     <!-- never unencrypted -->
          <requireImplicitTLS/>                    <!-- SSL/TLS only, no STARTTLS -->
          <allowedAuthentication>password-cleartext</allowedAuthentication>
          <pinnedCertificate>AB:CD:...</pinnedCertificate>   <!-- SHA-256 -->
        </policy>
        <oauth2Registrations><![CDATA[      <!-- the OAuth2 registrations file's format -->
    ["https://login.example.com/realms/corp"]
    client_id = "email-setup-wizard"
        ]]></oauth2Registrations>
      </emailSetupWizard>
    </clientConfig>

Presets are read from a system-wide folder (the organisation's, which wins) and a per-user
one (``preset_folders``). A preset is all or nothing: a file with anything wrong in it is
reported with its line and ignored whole, never half-applied.

A preset is the most trusted source there is, so it must be the word of the administrator or
of the user themselves: a file, or a folder, that another user of the computer could have
written to (owned by someone else than root or the user running the program, or writable by
others) is ignored and reported (``PresetProblem.UNSAFE_PERMISSIONS``), as OpenSSH ignores such
an ``authorized_keys``. That check is POSIX's; on Windows the folder's ACL is the installer's
to set (any user may create folders under ``%ProgramData%``).
"""

from __future__ import annotations

import os
import re
import stat
import string
import sys
import tomllib
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

import defusedxml.ElementTree
from defusedxml import DefusedXmlException

from wizard.clientconfig import (
    MAX_CONFIG_BYTES,
    ClientConfig,
    ClientConfigError,
    OutgoingServer,
    parse_client_config,
)
from wizard.errors import WizardError
from wizard.model import Security
from wizard.preset_files import preset_files

if TYPE_CHECKING:
    from collections.abc import Iterable

EXTENSION = "emailSetupWizard"


class PresetProblem(StrEnum):
    """What is wrong with a preset file; ``wizard.messages`` words each one."""

    UNREADABLE = "unreadable"
    TOO_LARGE = "too-large"
    NOT_XML = "not-xml"
    UNSAFE_XML = "unsafe-xml"
    NOT_CLIENTCONFIG = "not-clientconfig"
    NO_DOMAIN = "no-domain"
    BAD_DOMAIN = "bad-domain"
    NO_OUTGOING_SERVER = "no-outgoing-server"
    MISSING_VALUE = "missing-value"  # an outgoing server without hostname, port or socketType
    BAD_HOSTNAME = "bad-hostname"
    BAD_PORT = "bad-port"
    BAD_SOCKET_TYPE = "bad-socket-type"
    UNKNOWN_AUTHENTICATION = "unknown-authentication"
    UNKNOWN_ELEMENT = "unknown-element"
    UNKNOWN_LOCK = "unknown-lock"
    BAD_FINGERPRINT = "bad-fingerprint"
    BAD_OAUTH2_REGISTRATION = "bad-oauth2-registration"
    CONTRADICTION = "contradiction"  # the policy forbids the preset's own server
    UNSAFE_PERMISSIONS = "unsafe-permissions"  # another user could have written it


class PresetError(WizardError):
    """A preset file that cannot be used: where (file, line) and what is wrong."""

    def __init__(
        self, problem: PresetProblem, path: Path, line: int | None = None, detail: str = ""
    ) -> None:
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {problem.value}" + (f" ({detail})" if detail else ""))
        self.problem = problem
        self.path = path
        self.line = line
        self.detail = detail


class Field(StrEnum):
    """The settings a preset can lock, by their clientConfig names."""

    HOSTNAME = "hostname"
    PORT = "port"
    SOCKET_TYPE = "socketType"
    USERNAME = "username"
    AUTHENTICATION = "authentication"


@dataclass(frozen=True)
class Policy:
    require_encryption: bool = False
    require_implicit_tls: bool = False
    allowed_authentication: tuple[str, ...] = ()  # clientConfig words; empty: any
    pinned_certificates: tuple[str, ...] = ()  # SHA-256, as "AB:CD:..."


@dataclass(frozen=True)
class OAuthClient:
    """The organisation's own OAuth2 client registration for one issuer."""

    issuer: str
    client_id: str
    client_secret: str | None = field(default=None, repr=False)
    tenant: str | None = None  # a Microsoft single-tenant app's tenant


@dataclass(frozen=True)
class Preset:
    path: Path
    system: bool  # from the system-wide folder (the organisation's), not the user's
    organisation: str
    domains: tuple[str, ...]  # lower-case; "*.example.com" stands for every subdomain
    config: ClientConfig
    locked: frozenset[Field]
    policy: Policy
    oauth2_clients: tuple[OAuthClient, ...] = ()

    def covers(self, domain: str) -> bool:
        domain = domain.lower().rstrip(".")
        return any(_matches(pattern, domain) for pattern in self.domains)


@dataclass(frozen=True)
class Presets:
    """Every usable preset (system-wide first) and the files that were ignored, and why."""

    presets: tuple[Preset, ...] = ()
    errors: tuple[PresetError, ...] = ()

    def for_domain(self, domain: str) -> Preset | None:
        """The preset for ``domain``: the organisation's before the user's, then by file name."""
        return next((p for p in self.presets if p.covers(domain)), None)


# clientConfig's authentication words (lower case) that a preset may name.
AUTHENTICATION_WORDS = frozenset(
    {
        "password-cleartext",
        "plain",
        "password-encrypted",
        "secure",
        "oauth2",
        "ntlm",
        "gssapi",
        "client-ip-address",
        "tls-client-cert",
        "smtp-after-pop",
        "none",
    }
)
_SOCKET_TYPES = {"ssl": Security.SSL, "starttls": Security.STARTTLS, "plain": Security.NONE}
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOST = re.compile(rf"{_LABEL}(?:\.{_LABEL})+")
_DOMAIN_PATTERN = re.compile(rf"(?:\*\.)?{_LABEL}(?:\.{_LABEL})+")
_TEMPLATE = re.compile(r"%(EMAILADDRESS|EMAILLOCALPART|EMAILDOMAIN)%")
_FINGERPRINT = re.compile(r"[0-9A-F]{64}")
_PROVIDER_CHILDREN = {
    "domain",
    "displayName",
    "displayShortName",
    "incomingServer",
    "outgoingServer",
    "documentation",
    "enable",
    "instructions",
    "oAuth2",
}
_SERVER_CHILDREN = {
    "hostname",
    "port",
    "socketType",
    "username",
    "authentication",
    "password",
    "useGlobalPreferredServer",
    "addThisServer",
}


def load_presets(folders: Iterable[tuple[Path, bool]] | None = None) -> Presets:
    """Every ``*.xml`` preset in ``folders`` (default ``preset_folders()``), in order; broken
    files are left out and listed in ``errors``. Blocking (disk)."""
    presets: list[Preset] = []
    errors: list[PresetError] = []
    for folder, system, files in preset_files(folders):
        if unsafe := _writable_by_others(folder):
            errors.append(PresetError(PresetProblem.UNSAFE_PERMISSIONS, folder, detail=unsafe))
            continue
        for path in files:
            try:
                if unsafe := _writable_by_others(path):
                    raise PresetError(PresetProblem.UNSAFE_PERMISSIONS, path, detail=unsafe)
                presets.append(read_preset(path, system=system))
            except PresetError as err:
                errors.append(err)
    return Presets(tuple(presets), tuple(errors))


def _writable_by_others(path: Path) -> str | None:
    """Why someone other than root and the user running the program could have written
    ``path`` (its owner, or its mode), or None. Group write is allowed only for the user's
    own private group (a umask of 002, as Ubuntu gives users), never for a shared one."""
    if sys.platform == "win32":
        return None
    try:
        info = path.stat()
    except OSError:
        return None  # reading it will say what is wrong
    if info.st_uid not in (0, os.getuid()):
        return f"owned by user {info.st_uid}"
    if info.st_mode & stat.S_IWOTH:
        return f"writable by everyone ({stat.filemode(info.st_mode)})"
    if info.st_mode & stat.S_IWGRP and not _private_group(info.st_gid):
        return f"writable by group {info.st_gid} ({stat.filemode(info.st_mode)})"
    return None


def _private_group(gid: int) -> bool:
    """Whether ``gid`` is the user's own group, with no other member."""
    import grp
    import pwd

    if gid != os.getgid():
        return False
    try:
        members = set(grp.getgrgid(gid).gr_mem)
        name = pwd.getpwuid(os.getuid()).pw_name
    except KeyError:
        return False
    return members <= {name}


def read_preset(path: Path, *, system: bool = False) -> Preset:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise PresetError(PresetProblem.UNREADABLE, path, detail=err.strerror or str(err)) from err
    return parse_preset(data, path, system=system)


def parse_preset(data: bytes, path: Path, *, system: bool = False) -> Preset:
    """Read a preset; ``PresetError`` (with the line) for the first thing wrong in it."""
    if len(data) > MAX_CONFIG_BYTES:
        raise PresetError(PresetProblem.TOO_LARGE, path, detail=f"{len(data)} bytes")
    root, lines = _parse(data, path)

    def fail(problem: PresetProblem, element: Element | None, detail: str = "") -> PresetError:
        return PresetError(problem, path, lines.get(id(element)), detail)

    provider = root.find("emailProvider") if root.tag == "clientConfig" else None
    if provider is None:
        raise fail(PresetProblem.NOT_CLIENTCONFIG, root, root.tag)
    for child in provider:
        if child.tag not in _PROVIDER_CHILDREN:
            raise fail(PresetProblem.UNKNOWN_ELEMENT, child, child.tag)
    domains: list[str] = []
    for element in provider.findall("domain"):
        pattern = _text(element).lower().rstrip(".")
        if not _DOMAIN_PATTERN.fullmatch(pattern):
            raise fail(PresetProblem.BAD_DOMAIN, element, pattern)
        domains.append(pattern)
    if not domains:
        raise fail(PresetProblem.NO_DOMAIN, provider)
    smtp = [e for e in provider.findall("outgoingServer") if e.get("type") == "smtp"]
    if not smtp:
        raise fail(PresetProblem.NO_OUTGOING_SERVER, provider)
    servers = [_server(element, fail) for element in smtp]
    locked, policy, clients = _extension(root.find(EXTENSION), fail)
    for server, element in zip(servers, smtp, strict=True):
        _check_policy(server, policy, lambda d, e=element: fail(PresetProblem.CONTRADICTION, e, d))
    name = _text(provider.find("displayName")) or provider.get("id") or domains[0]
    # What the preset says beyond its outgoing servers, as clientConfig reads it anywhere:
    # its incoming server and its <oAuth2> sign-in data (trusted, as the preset is).
    try:
        stated = parse_client_config(data)
    except ClientConfigError:
        stated = None
    config = ClientConfig(
        provider_id=provider.get("id") or domains[0],
        display_name=name,
        domains=tuple(d for d in domains if not d.startswith("*.")),
        outgoing=tuple(servers),
        incoming=stated.incoming if stated else (),
        oauth=stated.oauth if stated else None,
    )
    return Preset(path, system, name, tuple(domains), config, locked, policy, clients)


def _parse(data: bytes, path: Path) -> tuple[Element, dict[int, int]]:
    """The document and the line each element starts on (by ``id``), for error messages."""
    lines: dict[int, int] = {}

    class _Builder(TreeBuilder):
        expat: Any = None

        def start(self, tag: str, attrs: dict[str, str]) -> Element:
            element = super().start(tag, attrs)
            lines[id(element)] = self.expat.CurrentLineNumber
            return element

    builder = _Builder()
    parser = defusedxml.ElementTree.DefusedXMLParser(target=builder, forbid_dtd=True)
    builder.expat = parser.parser
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException as err:
        raise PresetError(PresetProblem.UNSAFE_XML, path, detail=repr(err)) from err
    except ParseError as err:
        line = err.position[0] if err.position else None
        raise PresetError(PresetProblem.NOT_XML, path, line, str(err)) from err
    except (LookupError, ValueError) as err:
        raise PresetError(PresetProblem.NOT_XML, path, detail=str(err)) from err
    return root, lines


def _server(element: Element, fail: Any) -> OutgoingServer:
    """An ``<outgoingServer type="smtp">``: every value checked, since a preset is never
    half-applied."""
    for child in element:
        if child.tag not in _SERVER_CHILDREN:
            raise fail(PresetProblem.UNKNOWN_ELEMENT, child, child.tag)
    values: dict[str, Element] = {}
    for tag in ("hostname", "port", "socketType"):
        found = element.find(tag)
        if found is None or not _text(found):
            raise fail(PresetProblem.MISSING_VALUE, element, tag)
        values[tag] = found
    hostname = _text(values["hostname"]).lower().rstrip(".")
    if not _HOST.fullmatch(hostname.replace("%emaildomain%", "example.org")):
        raise fail(PresetProblem.BAD_HOSTNAME, values["hostname"], hostname)
    port = _text(values["port"])
    if not port.isdigit() or not 1 <= int(port) <= 65535:
        raise fail(PresetProblem.BAD_PORT, values["port"], port)
    socket_type = _text(values["socketType"])
    security = _SOCKET_TYPES.get(socket_type.lower())
    if security is None:
        raise fail(PresetProblem.BAD_SOCKET_TYPE, values["socketType"], socket_type)
    methods = []
    for child in element.findall("authentication"):
        word = _text(child)
        if word.lower() not in AUTHENTICATION_WORDS:
            raise fail(PresetProblem.UNKNOWN_AUTHENTICATION, child, word)
        methods.append(word)
    username = element.find("username")
    return OutgoingServer(
        hostname=hostname.replace("%emaildomain%", "%EMAILDOMAIN%"),
        port=int(port),
        security=security,
        username_template=_text(username) or None if username is not None else None,
        authentication=tuple(methods),
    )


def _extension(
    element: Element | None, fail: Any
) -> tuple[frozenset[Field], Policy, tuple[OAuthClient, ...]]:
    """The locks, policy and OAuth2 registrations in ``<emailSetupWizard>`` (none without)."""
    if element is None:
        return frozenset(), Policy(), ()
    locked: set[Field] = set()
    policy = Policy()
    clients: tuple[OAuthClient, ...] = ()
    for child in element:
        if child.tag == "lock":
            try:
                locked.add(Field(_text(child)))
            except ValueError:
                raise fail(PresetProblem.UNKNOWN_LOCK, child, _text(child)) from None
        elif child.tag == "policy":
            policy = _policy(child, fail)
        elif child.tag == "oauth2Registrations":
            clients = _oauth2_clients(child, fail)
        else:
            raise fail(PresetProblem.UNKNOWN_ELEMENT, child, child.tag)
    return frozenset(locked), policy, clients


def _oauth2_clients(element: Element, fail: Any) -> tuple[OAuthClient, ...]:
    """OAuth2 client registrations in the registrations file's own format (TOML: a table per
    issuer URL with ``client_id`` and, for issuers that want one, ``client_secret``; for a
    Microsoft single-tenant app, ``tenant``)."""
    from wizard.oauth.issuers import valid_tenant

    try:
        tables = tomllib.loads("".join(element.itertext()))
    except tomllib.TOMLDecodeError as err:
        raise fail(PresetProblem.BAD_OAUTH2_REGISTRATION, element, str(err)) from err
    clients = []
    for issuer, table in tables.items():
        client_id = table.get("client_id") if isinstance(table, dict) else None
        secret = table.get("client_secret") if isinstance(table, dict) else None
        if not issuer.startswith("https://") or not isinstance(client_id, str) or not client_id:
            raise fail(PresetProblem.BAD_OAUTH2_REGISTRATION, element, issuer)
        if secret is not None and not isinstance(secret, str):
            raise fail(PresetProblem.BAD_OAUTH2_REGISTRATION, element, f"{issuer}: client_secret")
        tenant = table.get("tenant")
        if tenant is not None and not valid_tenant(tenant):
            raise fail(PresetProblem.BAD_OAUTH2_REGISTRATION, element, f"{issuer}: tenant")
        clients.append(OAuthClient(issuer, client_id, secret, tenant))
    return tuple(clients)


def _policy(element: Element, fail: Any) -> Policy:
    flags = {"requireEncryption": False, "requireImplicitTLS": False}
    allowed: list[str] = []
    pins: list[str] = []
    for child in element:
        if child.tag in flags:
            flags[child.tag] = True
        elif child.tag == "allowedAuthentication":
            word = _text(child)
            if word.lower() not in AUTHENTICATION_WORDS:
                raise fail(PresetProblem.UNKNOWN_AUTHENTICATION, child, word)
            allowed.append(word.lower())
        elif child.tag == "pinnedCertificate":
            digits = "".join(c for c in _text(child).upper() if c in string.hexdigits)
            if not _FINGERPRINT.fullmatch(digits):
                raise fail(PresetProblem.BAD_FINGERPRINT, child, _text(child))
            pins.append(":".join(digits[i : i + 2] for i in range(0, 64, 2)))
        else:
            raise fail(PresetProblem.UNKNOWN_ELEMENT, child, child.tag)
    return Policy(
        require_encryption=flags["requireEncryption"] or flags["requireImplicitTLS"],
        require_implicit_tls=flags["requireImplicitTLS"],
        allowed_authentication=tuple(allowed),
        pinned_certificates=tuple(pins),
    )


def _check_policy(server: OutgoingServer, policy: Policy, fail: Any) -> None:
    """A preset whose own server breaks its own policy is a mistake worth reporting."""
    if policy.require_encryption and server.security is Security.NONE:
        raise fail("socketType plain, but the policy requires encryption")
    if policy.require_implicit_tls and server.security is not Security.SSL:
        raise fail(f"socketType {server.security.value}, but the policy requires SSL")
    allowed = set(policy.allowed_authentication)
    if (
        allowed
        and server.authentication
        and not allowed & {a.lower() for a in server.authentication}
    ):
        raise fail("none of the server's authentication methods is allowed by the policy")


def _text(element: Element | None) -> str:
    return "".join(element.itertext()).strip() if element is not None else ""


def _matches(pattern: str, domain: str) -> bool:
    if pattern.startswith("*."):
        return domain.endswith(pattern[1:]) and domain != pattern[2:]
    return domain == pattern
