"""Source: the domain's own autoconfig documents (Thunderbird's clientConfig 1.1).

The HTTPS and HTTP lookups are separate jobs because they rank differently: a document over
verified HTTPS comes from the provider; one over plain HTTP could have been altered by anyone
on the path, so it is only offered as an untrusted suggestion.
"""

from __future__ import annotations

import asyncio
from urllib.parse import urlencode

from wizard.clientconfig import ClientConfigError
from wizard.discovery.context import DiscoveryContext, Emit, SourceFailedError
from wizard.discovery.documents import fetch_client_config
from wizard.model import SourceName, Tier, Trust
from wizard.net.http import FetchError, FetchProblem


def autoconfig_urls(ctx: DiscoveryContext, scheme: str, domain: str) -> list[str]:
    """The two places a domain may publish its document (the query must be URL-encoded)."""
    query = urlencode({"emailaddress": ctx.address.address})
    return [
        f"{scheme}://autoconfig.{domain}/mail/config-v1.1.xml?{query}",
        f"{scheme}://{domain}/.well-known/autoconfig/mail/config-v1.1.xml",
    ]


async def fetch_and_emit(
    ctx: DiscoveryContext,
    urls: list[str],
    emit: Emit,
    *,
    source: SourceName,
    tier: Tier,
    trust: Trust = Trust.TRUSTED,
    origin_prefix: str = "",
) -> str:
    """Fetch ``urls`` concurrently and emit every outgoing server they describe.

    A document keeps ``trust`` and ``tier`` only if its final hop was HTTPS; otherwise it is
    demoted to untrusted plain HTTP whatever the caller asked for. Returns a one-line
    summary per URL.
    """

    failures: list[Exception] = []
    emitted = 0

    async def one(url: str) -> str:
        nonlocal emitted
        try:
            found = await fetch_client_config(ctx, url)
        except FetchError as err:
            if not err.absent:
                failures.append(err)
            return f"{url}: {err.problem.value}"
        except ClientConfigError as err:
            failures.append(err)
            return f"{url}: {err.reason.value}"
        if found is None:
            return f"{url}: not found"
        config, fetched = found
        for server in ctx.configs_from(
            config,
            source=source,
            trust=trust if fetched.secure else Trust.UNAUTHENTICATED,
            tier=tier if fetched.secure else Tier.HTTP,
            origin=origin_prefix + fetched.url,
        ):
            emit(server)
            emitted += 1
        return f"{url}: found"

    outcomes = await asyncio.gather(*(one(u) for u in urls), return_exceptions=True)
    lines: list[str] = []
    for url, outcome in zip(urls, outcomes, strict=True):
        if isinstance(outcome, BaseException):
            if not isinstance(outcome, Exception):
                raise outcome  # cancellation and the like are not a fetch's business
            failures.append(outcome)
            outcome = f"{url}: internal error: {type(outcome).__name__}"
        lines.append(outcome)
    summary = "; ".join(lines)
    if failures and not emitted:
        timed_out = all(
            isinstance(f, FetchError) and f.problem is FetchProblem.TIMEOUT for f in failures
        )
        raise SourceFailedError(summary, timed_out=timed_out)
    return summary


async def run_https(ctx: DiscoveryContext, emit: Emit) -> str:
    """The trusted lookups: both locations over verified HTTPS."""
    urls = autoconfig_urls(ctx, "https", ctx.address.domain)
    return await fetch_and_emit(ctx, urls, emit, source=SourceName.AUTOCONFIG, tier=Tier.PROVIDER)


async def run_http(ctx: DiscoveryContext, emit: Emit) -> str:
    """The untrusted fallback many hosters still need: both locations over plain HTTP.

    Untrusted even if the server redirects to HTTPS: whoever answered the plain request chose
    where to redirect.
    """
    urls = autoconfig_urls(ctx, "http", ctx.address.domain)
    return await fetch_and_emit(
        ctx, urls, emit, source=SourceName.AUTOCONFIG, tier=Tier.HTTP, trust=Trust.UNAUTHENTICATED
    )
