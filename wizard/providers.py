"""The bundled provider database: Thunderbird's ISPDB (SMTP and IMAP servers), shipped as JSON.

It answers the commonest case (a big provider's address) instantly and without the network,
and also maps MX-derived domains (``google.com`` for ``aspmx.l.google.com``) to the provider
hosting a custom domain. ``scripts/build_providers.py`` generates the file through the same
parser that reads fetched configs, and this module is the one place that knows the file's
layout in both directions.

Loading is plain ``json`` plus one dict index, so it costs a few milliseconds at start-up; an
entry becomes a ``ClientConfig`` when it is first looked up.
"""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING, NotRequired, TypedDict

from wizard.clientconfig import ClientConfig, OutgoingServer
from wizard.model import OAuthHint, Security
from wizard.resources import resource_path

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from pathlib import Path

FORMAT = 1
"""Layout version of providers.json; bumped when an older reader could misread the file."""


class OutgoingEntry(TypedDict):
    hostname: str
    port: int
    security: str  # a Security value
    username: str | None  # the raw template, e.g. "%EMAILLOCALPART%"
    authentication: list[str]


class OAuthEntry(TypedDict):
    issuer: str | None
    scope: str | None
    auth_url: str | None
    token_url: str | None


class ProviderEntry(TypedDict):
    id: str  # emailProvider id; not unique (Zoho's regional files all say "zoho.com")
    display_name: str | None
    domains: list[str]
    outgoing: list[OutgoingEntry]
    incoming: list[OutgoingEntry]  # IMAP servers, with the same fields
    oauth: NotRequired[OAuthEntry]  # the <oAuth2> element; older files lack the key


class ProviderFile(TypedDict):
    format: int
    source: str
    providers: dict[str, ProviderEntry]  # keyed by the ISPDB file name, which is unique


def to_entry(config: ClientConfig) -> ProviderEntry:
    """How one provider is written to providers.json."""
    entry: ProviderEntry = {
        "id": config.provider_id,
        "display_name": config.display_name,
        "domains": list(config.domains),
        "outgoing": [_server_entry(server) for server in config.outgoing],
        "incoming": [_server_entry(server) for server in config.incoming],
    }
    if config.oauth is not None:
        entry["oauth"] = {
            "issuer": config.oauth.issuer,
            "scope": config.oauth.scope,
            "auth_url": config.oauth.auth_url,
            "token_url": config.oauth.token_url,
        }
    return entry


def _server_entry(server: OutgoingServer) -> OutgoingEntry:
    return {
        "hostname": server.hostname,
        "port": server.port,
        "security": server.security.value,
        "username": server.username_template,
        "authentication": list(server.authentication),
    }


def from_entry(entry: ProviderEntry) -> ClientConfig:
    """The inverse of :func:`to_entry`."""
    return ClientConfig(
        provider_id=entry["id"],
        display_name=entry["display_name"],
        domains=tuple(entry["domains"]),
        outgoing=tuple(_server(server) for server in entry["outgoing"]),
        incoming=tuple(_server(server) for server in entry["incoming"]),
        oauth=OAuthHint(**entry["oauth"]) if "oauth" in entry else None,
    )


def _server(server: OutgoingEntry) -> OutgoingServer:
    return OutgoingServer(
        hostname=server["hostname"],
        port=server["port"],
        security=Security(server["security"]),
        username_template=server["username"],
        authentication=tuple(server["authentication"]),
    )


class ProviderDatabase:
    """Provider configs indexed by every domain they list.

    Read from a file, a provider's entry becomes a ``ClientConfig`` only when it is first looked
    up: a detection asks for one or two of the file's providers, and converting all of them
    took longer than reading the file.
    """

    def __init__(self, providers: Mapping[str, ClientConfig]) -> None:
        self._configs = dict(providers)
        self._entries: dict[str, ProviderEntry] = {}  # read, not converted yet
        self._by_domain = _claims({key: config.domains for key, config in providers.items()})

    @classmethod
    def from_file(cls, path: Path) -> ProviderDatabase:
        with path.open("rb") as stream:
            data: ProviderFile = json.load(stream)
        if data.get("format") != FORMAT:
            raise ValueError(f"{path}: unsupported provider database format {data.get('format')}")
        database = cls({})
        database._entries = data["providers"]
        database._by_domain = _claims({k: e["domains"] for k, e in database._entries.items()})
        return database

    @classmethod
    def bundled(cls) -> ProviderDatabase:
        """The database shipped with the program, loaded on first use and then kept."""
        return _bundled()

    @property
    def providers(self) -> dict[str, ClientConfig]:
        """Every provider, by its key (the ISPDB file name)."""
        return {key: self._config(key) for key in sorted(self._configs.keys() | self._entries)}

    @property
    def domains(self) -> frozenset[str]:
        return frozenset(self._by_domain)

    def lookup(self, domain: str) -> ClientConfig | None:
        """The provider serving ``domain`` (an A-label; case and a trailing dot do not matter).

        Exact match only: deriving a base domain from an MX host is the caller's business.
        """
        key = self._by_domain.get(domain.strip().removesuffix(".").lower())
        return None if key is None else self._config(key)

    def _config(self, key: str) -> ClientConfig:
        # Two threads converting the same entry at once make two equal configs: harmless.
        config = self._configs.get(key)
        if config is None:
            config = self._configs[key] = from_entry(self._entries[key])
        return config


def _claims(domains: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """Each domain with the key of the provider that lists it; a domain claimed twice: the
    first key wins."""
    owners: dict[str, str] = {}
    for key in sorted(domains):
        for domain in domains[key]:
            owners.setdefault(domain, key)
    return owners


@functools.cache
def _bundled() -> ProviderDatabase:
    return ProviderDatabase.from_file(resource_path("providers", "providers.json"))
