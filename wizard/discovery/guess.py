"""Source: guessing likely server names, confirmed only by talking to them.

Only names that exist are proposed, each on the three submission ports (or IMAP's two); the
engine probes every proposal live and keeps those that answer (``GuessRules``), so a guess is
never presented untested.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Sequence

from wizard.discovery.context import DiscoveryContext, Emit, SourceOutcome
from wizard.discovery.ranking import Liveness, liveness
from wizard.discovery.rules import Finding, SourceRules
from wizard.model import (
    Candidate,
    ProbeFailure,
    Protocol,
    Security,
    ServerConfig,
    SourceName,
    SourceNote,
    Tier,
    Trust,
)
from wizard.net.dns import has_address

# RFC 8314 order: implicit TLS first; port 25 is often blocked for home users, so it is last.
PORTS = {
    Protocol.SMTP: ((465, Security.SSL), (587, Security.STARTTLS), (25, Security.STARTTLS)),
    Protocol.IMAP: ((993, Security.SSL), (143, Security.STARTTLS)),
}


def guessed_hosts(domain: str, protocol: Protocol = Protocol.SMTP) -> list[str]:
    """The host names providers most often use for outgoing (or incoming) mail."""
    return [f"{protocol.value}.{domain}", f"mail.{domain}", domain]


async def _exists(ctx: DiscoveryContext, host: str) -> bool:
    """Whether ``host`` has an address.

    Asked through the async resolver rather than getaddrinfo: a lookup that is no longer
    needed (a better answer came first) can then be abandoned, instead of holding a thread
    until the DNS server answers.
    """
    answers = await asyncio.gather(
        has_address(ctx.resolver, host, "A"),
        has_address(ctx.resolver, host, "AAAA"),
        return_exceptions=True,
    )
    for answer in answers:
        if isinstance(answer, BaseException) and not isinstance(answer, Exception):
            raise answer
    return any(answer is True for answer in answers)


async def run(ctx: DiscoveryContext, emit: Emit) -> SourceOutcome:
    """Emit an endpoint for every likely host that exists; the engine probes them.

    The note is what the row says if no probe answers; the engine says which ones did.
    """
    hosts = guessed_hosts(ctx.address.domain, ctx.protocol)
    exists = await asyncio.gather(*(_exists(ctx, h) for h in hosts))
    present = [h for h, ok in zip(hosts, exists, strict=True) if ok]
    for host in present:
        for port, security in PORTS[ctx.protocol]:
            emit(
                ServerConfig(
                    host=host,
                    port=port,
                    security=security,
                    username=ctx.address.address,
                    source=SourceName.PROBE,
                    trust=Trust.GUESSED,
                    tier=Tier.PROBE,
                    origin="probe",
                ),
                _answered([f"{host}:{port}"]),
            )
    if not present:
        return SourceOutcome(SourceNote.NO_LIKELY_HOSTS, "none of " + ", ".join(hosts) + " exist")
    return SourceOutcome(SourceNote.NONE_ANSWERED, "probing " + ", ".join(present))


def _answered(servers: Sequence[str]) -> SourceOutcome:
    listed = ", ".join(servers)
    return SourceOutcome(SourceNote.SERVERS_ANSWERED, f"answered: {listed}", (("servers", listed),))


class GuessRules(SourceRules):
    """A guess is a finding only once its server answered (whether or not another source
    named the same server); the row names every one that did."""

    needs_answer = True

    def counts(self, candidate: Candidate) -> bool:
        return liveness(candidate) <= Liveness.PROBLEM

    def describe(self, found: Sequence[Finding]) -> SourceOutcome:
        """The servers that answered, in the order they were guessed."""
        ordered = sorted(found, key=lambda f: f.order)
        return _answered([f"{f.proposed.host}:{f.proposed.port}" for f in ordered])

    def reconsider(self, candidate: Candidate) -> Candidate | None:
        """A guessed server that only talks plain SMTP is offered as what it is."""
        probe = candidate.probe
        if probe is None or probe.failure is not ProbeFailure.NO_STARTTLS:
            return None
        return Candidate(
            dataclasses.replace(candidate.config, security=Security.NONE),
            dataclasses.replace(probe, security=Security.NONE, failure=None),
        )


RULES = GuessRules()
