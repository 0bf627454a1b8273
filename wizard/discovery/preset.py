"""Source: the organisation's preset for the domain (``wizard.presets``), read from disk.

The most trusted source of all (``Tier.PRESET``): an administrator put it on this computer on
purpose. Presets that cannot be used were reported when read and are not consulted.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from wizard.discovery.context import DiscoveryContext, Emit, SourceOutcome
from wizard.model import SourceName, SourceNote, Tier, Trust
from wizard.preset_files import preset_files

if TYPE_CHECKING:
    from wizard.presets import Presets


async def run(ctx: DiscoveryContext, emit: Emit) -> SourceOutcome:
    presets = await asyncio.to_thread(_read)
    preset = presets.for_domain(ctx.address.domain) if presets is not None else None
    if preset is None:
        errors = presets.errors if presets is not None else ()
        ignored = "; ".join(str(error) for error in errors)
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


def _read() -> Presets | None:
    """The presets on this computer; None, without loading their reader, if it has none (the
    usual case). Blocking (disk)."""
    if not preset_files():
        return None
    from wizard.presets import load_presets

    return load_presets()
