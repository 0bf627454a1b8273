"""Source: Mozilla's online ISP database (ISPDB), which is newer than the bundled copy."""

from __future__ import annotations

import dataclasses

from wizard.discovery.autoconfig import fetch_and_emit
from wizard.discovery.context import DiscoveryContext, Emit, SourceOutcome
from wizard.model import LinkStep, SourceName, SourceNote, Tier


def ispdb_url(ctx: DiscoveryContext, domain: str) -> str:
    """The ISPDB document for ``domain`` (an A-label)."""
    return ctx.ispdb_url + domain


async def run(ctx: DiscoveryContext, emit: Emit) -> SourceOutcome:
    """Ask the ISPDB about the address's own domain."""
    url = ispdb_url(ctx, ctx.address.domain)
    fetched = await fetch_and_emit(
        ctx,
        [url],
        emit,
        says=_listed,
        source=SourceName.ISPDB,
        tier=Tier.PROVIDER,
        steps={url: LinkStep.PROVIDER},
    )
    if fetched.provider is None:
        return SourceOutcome(SourceNote.NOT_LISTED, fetched.detail)
    return dataclasses.replace(_listed(fetched.provider), detail=fetched.detail)


def _listed(provider: str) -> SourceOutcome:
    return SourceOutcome(SourceNote.PROVIDER_FOUND, "", (("provider", provider),))
