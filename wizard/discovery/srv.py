"""Source: RFC 6186 / RFC 8314 SRV records for mail submission (or for IMAP).

Plain DNS is not authenticated, so whatever SRV says is offered as untrusted: a spoofed answer
could point the user at an attacker's server.
"""

from __future__ import annotations

import asyncio

from wizard.discovery.context import DiscoveryContext, Emit, SourceOutcome
from wizard.discovery.limits import first_distinct, per_answer_note
from wizard.discovery.links import link_to
from wizard.discovery.loading import load
from wizard.model import (
    LinkStep,
    Protocol,
    Security,
    ServerConfig,
    SourceName,
    SourceNote,
    Tier,
    Trust,
)
from wizard.net.dns import lookup_srv

SERVICES = {
    Protocol.SMTP: (("_submissions._tcp", Security.SSL), ("_submission._tcp", Security.STARTTLS)),
    Protocol.IMAP: (("_imaps._tcp", Security.SSL), ("_imap._tcp", Security.STARTTLS)),
}


async def run(ctx: DiscoveryContext, emit: Emit) -> SourceOutcome:
    """Look up both services of the protocol at once and emit their usable targets, at most
    ``SERVERS_PER_ANSWER`` of each (in priority order)."""
    services = SERVICES[ctx.protocol]
    names = [f"{service}.{ctx.address.domain}" for service, _ in services]
    answers = await asyncio.gather(
        *(lookup_srv(ctx.resolver, name) for name in names), return_exceptions=True
    )
    failed = [a for a in answers if isinstance(a, BaseException)]
    for answer in failed:
        if not isinstance(answer, Exception):
            raise answer  # cancellation: not a DNS answer
    if len(failed) == len(answers):
        raise failed[0]  # nothing usable: report the failure itself (timeout, SERVFAIL)
    summary: list[str] = []
    servers: list[ServerConfig] = []
    refused = False
    for name, (_, security), targets in zip(names, services, answers, strict=True):
        if isinstance(targets, BaseException):
            summary.append(f"{name}: {targets}")
            continue
        usable = [t for t in targets if t.host and t.port]
        if targets and not usable:
            refused = True
            summary.append(f"{name}: service explicitly not offered")
            continue
        if not usable:
            summary.append(f"{name}: no record")
            continue
        usable, ignored = first_distinct(usable, key=lambda target: (target.host, target.port))
        servers.extend(
            ServerConfig(
                host=target.host,
                port=target.port,
                security=security,
                username=ctx.address.address,
                source=SourceName.SRV,
                trust=Trust.UNAUTHENTICATED,
                tier=Tier.SRV,
                origin=f"SRV {name}",
            )
            for target in usable
        )
        line = f"{name}: " + ", ".join(f"{t.host}:{t.port}" for t in usable)
        summary.append(line + (f" ({per_answer_note(ignored)})" if ignored else ""))
    detail = "; ".join(summary)
    if not servers:
        return SourceOutcome(SourceNote.SRV_NOT_OFFERED if refused else SourceNote.NO_SRV, detail)
    listed = ", ".join(f"{s.host}:{s.port}" for s in servers)
    found = SourceOutcome(SourceNote.SRV_FOUND, detail, (("servers", listed),))
    # Placing the servers against the address's domain takes the public suffix list, which
    # the MX source has had imported beside the questions: waited for, not imported here.
    await load("wizard.net.domains")
    for server in servers:
        emit(
            link_to(server, ctx.address.domain, LinkStep.SRV, server.origin.removeprefix("SRV ")),
            found,
        )
    return found
