"""Detection results as the JSON documented in the README (the ``--json`` contract).

Scripts depend on these keys; add new ones freely, never rename or drop one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wizard.detection_words import describe_caution, describe_source
from wizard.model import Candidate, Certificate, DetectionResult, Link

if TYPE_CHECKING:
    from wizard.smtp.send import TestOutcome

# clientConfig authentication words → the SASL mechanisms they stand for.
_SASL_FOR_METHOD = {
    "password-cleartext": ("PLAIN", "LOGIN"),
    "plain": ("PLAIN", "LOGIN"),
    "password-encrypted": ("CRAM-MD5",),
    "secure": ("CRAM-MD5",),
    "oauth2": ("XOAUTH2", "OAUTHBEARER"),
    "ntlm": ("NTLM",),
    "gssapi": ("GSSAPI",),
}


def auth_mechanisms(candidate: Candidate) -> list[str]:
    """What the server offers if it was asked, else what the source says it supports."""
    if candidate.probe is not None and candidate.probe.auth_mechanisms:
        return list(candidate.probe.auth_mechanisms)
    mechanisms: list[str] = []
    for method in candidate.config.auth_methods:
        for mechanism in _SASL_FOR_METHOD.get(method.lower(), ()):
            if mechanism not in mechanisms:
                mechanisms.append(mechanism)
    return mechanisms


def certificate_json(certificate: Certificate | None) -> dict[str, Any] | None:
    if certificate is None:
        return None
    return {
        "sha256": certificate.sha256,
        "verified": certificate.verified,
        "problem": certificate.problem.value if certificate.problem else None,
    }


def candidate_json(candidate: Candidate) -> dict[str, Any]:
    config, probe = candidate.config, candidate.probe
    certificate = probe.certificate if probe else None
    return {
        "host": config.host,
        "port": config.port,
        "security": config.security.value,
        "username": config.username,
        "auth": auth_mechanisms(candidate),
        "source": config.source.value,
        "trusted": config.trust.value == "trusted",
        "verified": bool(probe and probe.verified),
        "trust": config.trust.value,
        "origin": config.origin,
        "provider": config.provider,
        "authentication": list(config.auth_methods),
        "reachable": bool(probe and probe.reachable),
        "probe_failure": probe.failure.value if probe and probe.failure else None,
        "certificate": certificate_json(certificate),
        "warnings": [w.value for w in candidate.warnings],
        "link": link_json(config.link),
    }


def link_json(link: Link | None) -> dict[str, Any] | None:
    """A server outside the address's domain: both domains, and how detection got there."""
    if link is None:
        return None
    return {
        "step": link.step.value,
        "address_domain": link.address_domain,
        "server_domain": link.server_domain,
        "via": link.via,
        "vouched": link.vouched,
    }


def detection_json(result: DetectionResult) -> dict[str, Any]:
    return {
        "address": result.address,
        "domain": result.domain,
        "smtp": candidate_json(result.best) if result.best else None,
        "alternatives": [candidate_json(c) for c in result.alternatives],
        "sources": [
            {
                "name": s.name.value,
                "status": s.status.value,
                "elapsed_ms": s.elapsed_ms,
                "detail": s.detail,
                "summary": describe_source(s),
                "note": s.note.value if s.note else None,
            }
            for s in result.sources
        ],
        "warnings": [
            describe_caution(
                w, result.domain, link=result.best.config.link if result.best else None
            )
            for w in result.warnings
        ],
        "warning_codes": [w.value for w in result.warnings],
        "elapsed_ms": result.elapsed_ms,
    }


def outcome_json(outcome: TestOutcome) -> dict[str, Any]:
    """A test send as the documented ``test --json`` object."""
    # Every error's words, which ``detect`` (the rest of this module) need not load.
    from wizard.messages import describe_diagnosis

    explanation, next_step = (
        describe_diagnosis(outcome.diagnosis) if outcome.diagnosis else (None, None)
    )
    return {
        "ok": outcome.ok,
        "stage": outcome.stage.value,
        "reply": None
        if outcome.reply is None
        else {"code": outcome.reply.code, "text": outcome.reply.text},
        "username": outcome.username,
        "auth": outcome.auth,
        "mechanism": outcome.mechanism,
        "message_id": outcome.message_id,
        "envelope_id": outcome.envelope_id,
        "explanation": explanation,
        "next_step": next_step,
        "diagnosis": outcome.diagnosis.value if outcome.diagnosis else None,
        "certificate": certificate_json(outcome.certificate),
        "transcript": list(outcome.transcript),
    }
