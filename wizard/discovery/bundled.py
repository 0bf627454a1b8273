"""Source: the provider database shipped with the program (no network at all)."""

from __future__ import annotations

from wizard.discovery.context import DiscoveryContext, Emit
from wizard.model import SourceName, Tier, Trust


async def run(ctx: DiscoveryContext, emit: Emit) -> str:
    """Emit the bundled settings for the address's domain, if the database knows it."""
    config = ctx.providers.lookup(ctx.address.domain)
    if config is None:
        return f"{ctx.address.domain} is not in the bundled database"
    for server in ctx.configs_from(
        config,
        source=SourceName.BUNDLED,
        trust=Trust.TRUSTED,
        tier=Tier.PROVIDER,
        origin="bundled database",
    ):
        emit(server)
    return config.display_name or config.provider_id
