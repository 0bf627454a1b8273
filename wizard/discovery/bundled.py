"""Source: the provider database shipped with the program (no network at all)."""

from __future__ import annotations

import asyncio

from wizard.discovery.context import DiscoveryContext, Emit, SourceOutcome, provider_name
from wizard.discovery.links import link_to
from wizard.model import LinkStep, SourceName, SourceNote, Tier, Trust


async def run(ctx: DiscoveryContext, emit: Emit) -> SourceOutcome:
    """Emit the bundled settings for the address's domain, if the database knows it.

    The database is read on a worker thread, while the other sources' questions go out.
    """
    database = await asyncio.to_thread(lambda: ctx.providers)
    config = database.lookup(ctx.address.domain)
    if config is None:
        detail = f"{ctx.address.domain} is not in the bundled database"
        return SourceOutcome(SourceNote.NOT_LISTED, detail)
    servers = ctx.configs_from(
        config,
        source=SourceName.BUNDLED,
        trust=Trust.TRUSTED,
        tier=Tier.PROVIDER,
        origin="bundled database",
    )
    name = provider_name(config, servers)
    found = SourceOutcome(SourceNote.PROVIDER_FOUND, name, (("provider", name),))
    for server in servers:
        emit(link_to(server, ctx.address.domain, LinkStep.PROVIDER), found)
    return found
