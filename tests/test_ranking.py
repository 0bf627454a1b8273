"""The ranking rules of issue 2, checked on plain data (no network needed)."""

from __future__ import annotations

import pytest

from wizard.discovery.ranking import Liveness, best_possible_key, candidate_key, liveness
from wizard.model import (
    Candidate,
    Certificate,
    CertProblem,
    ProbeFailure,
    ProbeResult,
    Security,
    ServerConfig,
    SourceName,
    Tier,
    Trust,
)


def config(
    source: SourceName = SourceName.BUNDLED,
    tier: Tier = Tier.PROVIDER,
    security: Security = Security.SSL,
    port: int = 465,
    trust: Trust = Trust.TRUSTED,
) -> ServerConfig:
    return ServerConfig(
        host="smtp.example.test",
        port=port,
        security=security,
        username="alice@example.test",
        source=source,
        trust=trust,
        tier=tier,
        origin="test",
    )


def verified(cfg: ServerConfig) -> Candidate:
    cert = Certificate("AA", verified=True)
    return Candidate(cfg, ProbeResult(cfg.host, cfg.port, cfg.security, certificate=cert))


def test_trust_tier_beats_security() -> None:
    """A trusted STARTTLS setting outranks an SRV record offering implicit TLS."""
    provider = verified(config(security=Security.STARTTLS, port=587))
    srv = verified(config(SourceName.SRV, Tier.SRV, trust=Trust.UNAUTHENTICATED))
    assert candidate_key(provider) < candidate_key(srv)


@pytest.mark.parametrize(
    ("better", "worse"),
    [(Security.SSL, Security.STARTTLS), (Security.STARTTLS, Security.NONE)],
)
def test_among_equals_implicit_tls_first(better: Security, worse: Security) -> None:
    assert candidate_key(verified(config(security=better))) < candidate_key(
        verified(config(security=worse))
    )


def test_tier_order_matches_the_issue() -> None:
    assert Tier.PROVIDER < Tier.MX < Tier.SRV < Tier.HTTP < Tier.PROBE


def test_a_server_that_answers_beats_one_that_does_not() -> None:
    trusted = config()
    dead = Candidate(
        trusted,
        ProbeResult(trusted.host, 465, Security.SSL, failure=ProbeFailure.CONNECT_TIMEOUT),
    )
    guess = verified(config(SourceName.PROBE, Tier.PROBE, Security.STARTTLS, 587, Trust.GUESSED))
    assert liveness(dead) is Liveness.UNREACHABLE
    assert candidate_key(guess) < candidate_key(dead)


def test_certificate_problem_ranks_between_verified_and_unchecked() -> None:
    cfg = config()
    bad_cert = Certificate("AA", verified=False, problem=CertProblem.SELF_SIGNED)
    problem = Candidate(cfg, ProbeResult(cfg.host, 465, Security.SSL, certificate=bad_cert))
    unchecked = Candidate(cfg)
    assert liveness(problem) is Liveness.PROBLEM
    assert candidate_key(verified(cfg)) < candidate_key(problem) < candidate_key(unchecked)


def test_pending_source_can_still_win_only_if_it_could_rank_better() -> None:
    """The stopping rule: a verified bundled SSL answer needs no one else to finish."""
    bundled_ssl = candidate_key(verified(config()))
    assert bundled_ssl < best_possible_key(Tier.PROVIDER, SourceName.AUTOCONFIG)
    bundled_starttls = candidate_key(verified(config(security=Security.STARTTLS, port=587)))
    assert best_possible_key(Tier.PROVIDER, SourceName.AUTOCONFIG) < bundled_starttls
