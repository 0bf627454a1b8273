"""Which candidate wins, and when detection may stop looking.

The order, best first: settings confirmed live beat those with a problem, which beat unchecked
ones, which beat those that did not answer; then by trust in the source (``Tier``); then
implicit TLS over STARTTLS over none (RFC 8314); then the source's own rank and the usual port.
"""

from __future__ import annotations

from enum import IntEnum

from wizard.model import Candidate, ProbeFailure, Security, ServerConfig, SourceName, Tier

SOURCE_ORDER = tuple(SourceName)
PORT_ORDER = {465: 0, 587: 1, 25: 2}

RankKey = tuple[int, int, int, int, int]


class Liveness(IntEnum):
    """What the live check showed; lower is better."""

    VERIFIED = 0  # answered with TLS as stated and a trusted certificate
    PROBLEM = 1  # answered, but unencrypted, or the certificate or STARTTLS is not right
    UNCHECKED = 2  # no live check finished
    UNREACHABLE = 3  # did not answer as an SMTP server


_ANSWERED_WITH_PROBLEM = {ProbeFailure.NO_STARTTLS, ProbeFailure.TLS_FAILED}


def liveness(candidate: Candidate) -> Liveness:
    probe = candidate.probe
    if probe is None:
        return Liveness.UNCHECKED
    if probe.verified and probe.security is not Security.NONE:
        return Liveness.VERIFIED
    if probe.reachable or probe.failure in _ANSWERED_WITH_PROBLEM:
        return Liveness.PROBLEM
    return Liveness.UNREACHABLE


def rank_key(config: ServerConfig, live: Liveness) -> RankKey:
    return (
        live,
        config.tier,
        config.security.preference,
        SOURCE_ORDER.index(config.source),
        PORT_ORDER.get(config.port, len(PORT_ORDER)),
    )


def candidate_key(candidate: Candidate) -> RankKey:
    return rank_key(candidate.config, liveness(candidate))


def best_possible_key(tier: Tier, source: SourceName) -> RankKey:
    """The best rank a source that is still running could still produce."""
    return (Liveness.VERIFIED, tier, 0, SOURCE_ORDER.index(source), 0)
