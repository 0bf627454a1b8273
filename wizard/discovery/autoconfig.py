"""Source: the domain's own autoconfig documents (Thunderbird's clientConfig 1.1).

The HTTPS and HTTP lookups are separate jobs because they rank differently: a document over
verified HTTPS comes from the provider; one over plain HTTP could have been altered by anyone
on the path, so it is only offered as an untrusted suggestion.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from wizard.clientconfig import ClientConfigError
from wizard.discovery.context import (
    DiscoveryContext,
    Emit,
    SourceFailedError,
    SourceOutcome,
    provider_name,
)
from wizard.discovery.documents import fetch_client_config
from wizard.discovery.limits import per_answer_note
from wizard.discovery.links import fetched_step, host_of, link_to, sign_in_as_reached
from wizard.model import LinkStep, SourceName, SourceNote, Tier, Trust
from wizard.net.http import FetchError, FetchProblem


def autoconfig_urls(ctx: DiscoveryContext, scheme: str, domain: str) -> list[str]:
    """The two places a domain may publish its document (the query must be URL-encoded)."""
    query = urlencode({"emailaddress": ctx.address.address})
    return [
        f"{scheme}://autoconfig.{domain}/mail/config-v1.1.xml?{query}",
        f"{scheme}://{domain}/.well-known/autoconfig/mail/config-v1.1.xml",
    ]


@dataclass(frozen=True)
class FetchSummary:
    """What ``fetch_and_emit`` found: a one-line account per URL, and whose settings it emitted
    (the provider named by the first document, in URL order, that listed servers)."""

    detail: str
    provider: str | None = None

    @property
    def found(self) -> bool:
        return self.provider is not None


async def fetch_and_emit(
    ctx: DiscoveryContext,
    urls: list[str],
    emit: Emit,
    *,
    says: Callable[[str], SourceOutcome],
    source: SourceName,
    tier: Tier,
    trust: Trust = Trust.TRUSTED,
    origin_prefix: str = "",
    steps: Mapping[str, LinkStep] | None = None,
) -> FetchSummary:
    """Fetch ``urls`` concurrently and emit every outgoing server they describe, with what
    ``says`` makes of the provider named by the document.

    A document keeps ``trust`` and ``tier`` only if its final hop was HTTPS; otherwise it is
    demoted to untrusted plain HTTP whatever the caller asked for. Raises
    ``SourceFailedError`` when nothing was emitted and some URL failed (rather than being
    absent), so the user can tell a broken server from one that publishes nothing.

    A server outside the address's domain gets a ``link``: ``steps`` names what a URL's
    document vouches for (default: the domain's own publication); plain HTTP or a redirect
    into another domain vouches for nothing.
    """

    failures: list[Exception] = []

    async def one(url: str) -> tuple[str, str | None]:
        """The URL's line, and the provider if its document listed servers."""
        try:
            found = await fetch_client_config(ctx, url)
        except FetchError as err:
            if not err.absent:
                failures.append(err)
            return f"{url}: {err.problem.value}", None
        except ClientConfigError as err:
            failures.append(err)
            return f"{url}: {err.reason.value}", None
        if found is None:
            return f"{url}: not found", None
        config, fetched = found
        servers = ctx.configs_from(
            config,
            source=source,
            trust=trust if fetched.secure else Trust.UNAUTHENTICATED,
            tier=tier if fetched.secure else Tier.HTTP,
            origin=origin_prefix + fetched.url,
        )
        provider = provider_name(config, servers)
        ignored = per_answer_note(config.ignored)
        line = f"{url}: found" + (f" ({ignored})" if ignored else "")
        saying = dataclasses.replace(says(provider), detail=f"{origin_prefix}{line}")
        step = fetched_step(
            url,
            fetched.url,
            secure=fetched.secure,
            step=(steps or {}).get(url, LinkStep.PUBLISHED),
        )
        for server in servers:
            server_as_named = sign_in_as_reached(server, step)
            emit(link_to(server_as_named, ctx.address.domain, step, host_of(fetched.url)), saying)
        return line, provider if servers else None

    outcomes = await asyncio.gather(*(one(u) for u in urls), return_exceptions=True)
    lines: list[str] = []
    providers: list[str] = []
    for url, outcome in zip(urls, outcomes, strict=True):
        if isinstance(outcome, BaseException):
            if not isinstance(outcome, Exception):
                raise outcome  # cancellation and the like are not a fetch's business
            failures.append(outcome)
            lines.append(f"{url}: internal error: {type(outcome).__name__}")
            continue
        line, provider = outcome
        lines.append(line)
        if provider is not None:
            providers.append(provider)
    summary = "; ".join(lines)
    if failures and not providers:
        timed_out = all(
            isinstance(f, FetchError) and f.problem is FetchProblem.TIMEOUT for f in failures
        )
        raise SourceFailedError(summary, timed_out=timed_out)
    return FetchSummary(summary, providers[0] if providers else None)


def _published(fetched: FetchSummary) -> SourceOutcome:
    note = SourceNote.PUBLISHED if fetched.found else SourceNote.NOTHING_PUBLISHED
    return SourceOutcome(note, fetched.detail)


def _publishes(provider: str) -> SourceOutcome:
    """Whoever the provider is, what matters is that the domain itself publishes settings."""
    del provider
    return SourceOutcome(SourceNote.PUBLISHED, "")


async def run_https(ctx: DiscoveryContext, emit: Emit) -> SourceOutcome:
    """The trusted lookups: both locations over verified HTTPS."""
    urls = autoconfig_urls(ctx, "https", ctx.address.domain)
    fetched = await fetch_and_emit(
        ctx, urls, emit, says=_publishes, source=SourceName.AUTOCONFIG, tier=Tier.PROVIDER
    )
    return _published(fetched)


async def run_http(ctx: DiscoveryContext, emit: Emit) -> SourceOutcome:
    """The untrusted fallback many hosters still need: both locations over plain HTTP.

    Untrusted even if the server redirects to HTTPS: whoever answered the plain request chose
    where to redirect.
    """
    urls = autoconfig_urls(ctx, "http", ctx.address.domain)
    fetched = await fetch_and_emit(
        ctx,
        urls,
        emit,
        says=_publishes,
        source=SourceName.AUTOCONFIG,
        tier=Tier.HTTP,
        trust=Trust.UNAUTHENTICATED,
    )
    return _published(fetched)
