"""Documents shared by detection runs side by side (``wizard.discovery.context.Fetches``): one
fetch for everyone who asks, which one run giving up does not end for another.

The fetches here are plain coroutines that count how often they ran: what is shared is the
waiting, whatever is fetched (the lab test in test_imap_detect.py fetches real documents).
"""

from __future__ import annotations

import asyncio

from wizard.discovery.context import Fetches
from wizard.discovery.deadlines import Deadlines


class Document:
    """A fetch that counts its runs and ends when told to."""

    def __init__(self) -> None:
        self.runs = 0
        self.cancelled = 0
        self.started = asyncio.Event()
        self.release = asyncio.Event()

    async def fetch(self) -> str:
        self.runs += 1
        self.started.set()
        try:
            await self.release.wait()
        except asyncio.CancelledError:
            self.cancelled += 1
            raise
        return f"document {self.runs}"


def test_two_runs_asking_at_once_share_one_fetch_even_if_one_gives_up() -> None:
    async def scenario() -> tuple[Document, str, str]:
        fetches, document = Fetches(Deadlines()), Document()
        outgoing = asyncio.create_task(fetches.once("url", document.fetch))
        incoming = asyncio.create_task(fetches.once("url", document.fetch))
        await document.started.wait()
        outgoing.cancel()  # the outgoing run had its answer
        await asyncio.gather(outgoing, return_exceptions=True)
        document.release.set()
        answer = await incoming
        later = await fetches.once("url", document.fetch)  # asked again: already there
        await fetches.close()
        return document, answer, later

    document, answer, later = asyncio.run(scenario())

    assert (document.runs, document.cancelled) == (1, 0)
    assert answer == later == "document 1"


def test_a_fetch_nobody_waits_for_is_stopped_and_fetched_anew_when_asked_again() -> None:
    async def scenario() -> tuple[Document, str]:
        fetches, document = Fetches(Deadlines()), Document()
        alone = asyncio.create_task(fetches.once("url", document.fetch))
        await document.started.wait()
        alone.cancel()
        await asyncio.gather(alone, return_exceptions=True)
        document.release.set()
        answer = await fetches.once("url", document.fetch)
        await fetches.close()
        return document, answer

    document, answer = asyncio.run(scenario())

    assert (document.runs, document.cancelled) == (2, 1)
    assert answer == "document 2"


def test_closing_stops_what_is_still_being_fetched() -> None:
    async def scenario() -> Document:
        fetches, document = Fetches(Deadlines()), Document()
        waiting = asyncio.create_task(fetches.once("url", document.fetch))
        await document.started.wait()
        await fetches.close()
        await asyncio.gather(waiting, return_exceptions=True)
        return document

    assert asyncio.run(scenario()).cancelled == 1
