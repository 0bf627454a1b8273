"""Source: the organisation's preset for the domain (``wizard.presets``), read from disk.

The most trusted source of all (``Tier.PRESET``): an administrator put it on this computer on
purpose. Presets that cannot be used were reported when read and are not consulted.
"""

from __future__ import annotations

import asyncio

from wizard.discovery.context import DiscoveryContext, Emit, SourceOutcome
from wizard.model import SourceName, SourceNote, Tier, Trust
from wizard.presets import load_presets


async def run(ctx: DiscoveryContext, emit: Emit) -> SourceOutcome:
    presets = await asyncio.to_thread(load_presets)
    preset = presets.for_domain(ctx.address.domain)
    if preset is None:
        ignored = "; ".join(str(error) for error in presets.errors)
        detail = f"no preset for {ctx.address.domain}" + (
            f" (ignored: {ignored})" if ignored else ""
        )
        return SourceOutcome(SourceNote.NO_PRESET, detail)
    servers = ctx.configs_from(
        preset.config,
        source=SourceName.PRESET,
        trust=Trust.TRUSTED,
        tier=Tier.PRESET,
        origin=str(preset.path),
    )
    values = (("organisation", preset.organisation),)
    found = SourceOutcome(SourceNote.PRESET_FOUND, str(preset.path), values)
    for server in servers:
        emit(server, found)
    return found
