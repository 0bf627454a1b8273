"""What every detection source is handed: the address, shared clients and deadlines.

Sources receive their network clients through this object instead of creating their own, so
one detection shares one HTTP connection pool and tests can see exactly what is used.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, cast

from wizard.address import EmailAddress
from wizard.discovery.deadlines import Deadlines
from wizard.errors import WizardError
from wizard.model import Protocol, ServerConfig, SourceName, SourceNote, Tier, Trust

if TYPE_CHECKING:
    import httpx

    from wizard.clientconfig import ClientConfig
    from wizard.net.dns import Questions
    from wizard.providers import ProviderDatabase

ISPDB_URL = "https://autoconfig.thunderbird.net/v1.1/"

T = TypeVar("T")


@dataclass(frozen=True)
class SourceOutcome:
    """How a source's job ended without an error: what its row tells the user (``note`` and
    the named ``values`` it needs), and the technical ``detail`` for the helpdesk."""

    note: SourceNote
    detail: str
    values: tuple[tuple[str, str], ...] = ()


Emit = Callable[[ServerConfig, SourceOutcome], None]
"""Proposes settings, with what the source's row says if they are what it found. Said with
each proposal, not only when the job ends: detection may end before the job does."""


def provider_name(config: ClientConfig, servers: list[ServerConfig]) -> str:
    """The provider as the user knows it: its display name (expanded), else the document's id."""
    return next((s.provider for s in servers if s.provider), None) or config.provider_id


class SourceFailedError(WizardError):
    """A source found nothing because something it asked failed, not because it was absent.

    Lets the user tell "this domain publishes no settings" from "its server is broken".
    """

    def __init__(self, detail: str, *, timed_out: bool = False) -> None:
        super().__init__(detail)
        self.detail = detail
        self.timed_out = timed_out


class Fetches:
    """The HTTP client and the documents fetched with it, shared by whoever detects side by
    side for one address: ``detect`` looks for the outgoing and the incoming server in two
    runs at once, and both ask for the same documents (the domain's autoconfig, the ISPDB's
    entry, the MX provider's). Each is fetched and parsed once, over one connection pool.

    Whoever made it closes it (``close``) once every run using it has ended.
    """

    def __init__(self, deadlines: Deadlines) -> None:
        self.deadlines = deadlines  # for every fetch, whichever run asks first
        self._shared: dict[str, _Shared] = {}

    @functools.cached_property
    def http(self) -> httpx.AsyncClient:
        """The HTTP client, made when the first document is fetched (so that httpx and a TLS
        context are not loaded before the first DNS question is out)."""
        from wizard.net.http import new_client

        return new_client(
            connect_timeout=self.deadlines.http_connect, read_timeout=self.deadlines.http_read
        )

    async def once(self, key: str, fetch: Callable[[], Coroutine[Any, Any, T]]) -> T:
        """What ``fetch()`` gives (or raises), fetched once for everyone asking for ``key``
        while it runs or after. A run that stops waiting does not cancel it for another; once
        nobody waits any more, it is cancelled (and fetched again if asked for again)."""
        shared = self._shared.get(key)
        if shared is None or shared.abandoned:
            shared = self._shared[key] = _Shared(asyncio.ensure_future(fetch()))
        shared.waiting += 1
        try:
            return cast(T, await asyncio.shield(shared.task))
        finally:
            shared.waiting -= 1
            if not shared.waiting and not shared.task.done():
                shared.abandoned = True
                shared.task.cancel()

    async def close(self) -> None:
        """Stop what is still being fetched and close the HTTP client, if one was made."""
        for shared in self._shared.values():
            # Once is enough: a second cancel would cut short the fetch's own cleanup (closing
            # a connection it was making).
            if not shared.abandoned:
                shared.task.cancel()
        tasks = [shared.task for shared in self._shared.values()]
        await asyncio.gather(*tasks, return_exceptions=True)  # their errors: seen by their runs
        if "http" in vars(self):
            await self.http.aclose()


@dataclass
class _Shared:
    task: asyncio.Future[Any]
    waiting: int = 0  # runs awaiting it
    abandoned: bool = False  # cancelled, as nobody waited for it any more


@dataclass(frozen=True)
class DiscoveryContext:
    """The shared state of one detection run."""

    address: EmailAddress
    resolver: Questions  # perhaps shared with a run beside this one, as ``fetches``
    deadlines: Deadlines
    fetches: Fetches  # perhaps shared with a run beside this one
    database: ProviderDatabase | None = None  # None: the bundled one (``providers``)
    ispdb_url: str = ISPDB_URL
    protocol: Protocol = Protocol.SMTP  # which servers the sources look for

    @functools.cached_property
    def providers(self) -> ProviderDatabase:
        """The provider database: ``database``, else the bundled one, read when first asked
        (a few milliseconds of JSON that the first DNS questions need not wait for)."""
        from wizard.providers import ProviderDatabase

        return self.database or ProviderDatabase.bundled()

    def configs_from(
        self, config: ClientConfig, *, source: SourceName, trust: Trust, tier: Tier, origin: str
    ) -> list[ServerConfig]:
        """Expand a provider document's servers (of ``protocol``) for this address."""
        from wizard.clientconfig import to_server_configs

        return to_server_configs(
            config,
            address=self.address.address,
            local_part=self.address.local_part,
            domain=self.address.domain,
            source=source,
            trust=trust,
            tier=tier,
            origin=origin,
            protocol=self.protocol,
        )
