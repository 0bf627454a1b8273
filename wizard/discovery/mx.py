"""Source: the domain's MX records, mapped to the hosting provider behind them.

A custom domain hosted at Google Workspace or Microsoft 365 publishes nothing itself; its MX
host (``aspmx.l.google.com``) reveals the provider. Like Thunderbird we try the MX host's parent
domain, then its registrable base domain, first in the bundled database, then online. DNS is
unauthenticated, so the result is marked untrusted.

The MX question goes out at once: it is also how detection learns that a domain does not exist,
which ends it. What the answer then needs (the public suffix list, HTTPS) is loaded beside the
question (``wizard.discovery.loading``).
"""

from __future__ import annotations

import asyncio

from wizard.discovery.context import DiscoveryContext, Emit, SourceOutcome, provider_name
from wizard.discovery.links import link_to, sign_in_as_reached
from wizard.discovery.loading import load
from wizard.model import LinkStep, SourceName, SourceNote, Tier, Trust
from wizard.net.dns import lookup_mx

# What mapping an MX host to a provider needs; each takes a while to import.
MACHINERY = ("wizard.net.domains", "wizard.discovery.autoconfig")


def provider_domains(mx_host: str, own_domain: str) -> list[str]:
    """The domains worth asking about for ``mx_host``, most specific first.

    The address's own domain is left out: the other sources already ask about it.
    """
    from wizard.net.domains import parent_domain, registrable_domain

    found: list[str] = []
    for domain in (parent_domain(mx_host), registrable_domain(mx_host)):
        if domain and domain != own_domain and domain not in found:
            found.append(domain)
    return found


async def run(ctx: DiscoveryContext, emit: Emit) -> SourceOutcome:
    """Find the most preferred MX host and the provider settings for its domains.

    Raises ``DomainNotFoundError`` when the domain does not exist, which ends detection early.
    """
    machinery = [load(name) for name in MACHINERY]
    try:
        hosts = await lookup_mx(ctx.resolver, ctx.address.domain)
        if not hosts:
            return SourceOutcome(SourceNote.NO_MX, "no MX records")
        await asyncio.gather(*machinery)
    finally:
        for waiting in machinery:
            waiting.cancel()  # no longer waited for (the import itself goes on)
    mx_host = hosts[0]
    domains = provider_domains(mx_host, ctx.address.domain)
    if not domains:
        detail = f"MX {mx_host} belongs to the domain itself"
        return SourceOutcome(SourceNote.MX_OWN, detail, (("mx", mx_host),))
    for domain in domains:
        config = ctx.providers.lookup(domain)
        if config is not None:
            servers = ctx.configs_from(
                config,
                source=SourceName.MX,
                trust=Trust.UNAUTHENTICATED,
                tier=Tier.MX,
                origin=f"MX {mx_host} → {domain} (bundled database)",
            )
            name = provider_name(config, servers)
            found = _hosted_by(mx_host, name, f"MX {mx_host} → {name}")
            for server in servers:
                listed = sign_in_as_reached(server, LinkStep.PROVIDER)
                emit(link_to(listed, ctx.address.domain, LinkStep.PROVIDER, mx_host), found)
            return found
    from wizard.discovery.autoconfig import fetch_and_emit
    from wizard.discovery.ispdb import ispdb_url

    # No ?emailaddress= here: unauthenticated DNS chose this domain, so it learns nothing more.
    urls = [ispdb_url(ctx, d) for d in domains]
    # A known provider (the ISPDB) vouches for its servers; the MX domain's own document only
    # for itself, and unauthenticated DNS led there.
    steps = dict.fromkeys(urls, LinkStep.PROVIDER)
    urls.append(f"https://autoconfig.{domains[-1]}/mail/config-v1.1.xml")
    steps[urls[-1]] = LinkStep.MX
    fetched = await fetch_and_emit(
        ctx,
        urls,
        emit,
        says=lambda provider: _hosted_by(mx_host, provider, ""),
        source=SourceName.MX,
        tier=Tier.MX,
        trust=Trust.UNAUTHENTICATED,
        origin_prefix=f"MX {mx_host} → ",
        steps=steps,
    )
    return _hosted_by(mx_host, fetched.provider, f"MX {mx_host}; {fetched.detail}")


def _hosted_by(mx_host: str, provider: str | None, detail: str) -> SourceOutcome:
    if provider is None:
        return SourceOutcome(SourceNote.MX_UNKNOWN, detail, (("mx", mx_host),))
    return SourceOutcome(SourceNote.MX_PROVIDER, detail, (("mx", mx_host), ("provider", provider)))
