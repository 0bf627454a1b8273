"""Fetching and parsing one clientConfig document, shared by autoconfig, ISPDB and MX."""

from __future__ import annotations

import asyncio

from wizard.clientconfig import MAX_CONFIG_BYTES, ClientConfig, parse_client_config
from wizard.discovery.context import DiscoveryContext, Fetches
from wizard.net.http import Fetched, FetchError, FetchProblem, fetch_document


async def fetch_client_config(
    ctx: DiscoveryContext, url: str
) -> tuple[ClientConfig, Fetched] | None:
    """The parsed document at ``url`` and how it was fetched, or ``None`` if absent; fetched
    once for the runs that share ``ctx.fetches`` (the outgoing and incoming ones of ``detect``).

    Raises ``FetchError`` or ``ClientConfigError`` for anything worth reporting; the caller
    decides what a failure means for its source.
    """
    return await ctx.fetches.once(url, lambda: _fetch(ctx.fetches, url))


async def _fetch(fetches: Fetches, url: str) -> tuple[ClientConfig, Fetched] | None:
    try:
        async with asyncio.timeout(fetches.deadlines.http_document):
            fetched = await fetch_document(fetches.http, url, max_bytes=MAX_CONFIG_BYTES)
    except TimeoutError as err:
        raise FetchError(FetchProblem.TIMEOUT, url, "no complete answer in time") from err
    if fetched is None:
        return None
    # Up to 256 KiB of XML: parsed beside the event loop, so no deadline waits on it.
    return await asyncio.to_thread(parse_client_config, fetched.body), fetched
