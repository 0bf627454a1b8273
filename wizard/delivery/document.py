"""A delivery confirmation as the JSON ``delivery`` object of ``test`` and ``setup`` (and of
the helpdesk report): the documented contract, so keys are only ever added."""

from __future__ import annotations

from typing import Any

from wizard.delivery.authresults import Verdict
from wizard.delivery.result import DeliveryResult
from wizard.messages import describe_check, describe_delivery
from wizard.report import certificate_json
from wizard.smtp.sasl import OAUTHBEARER, XOAUTH2


def delivery_json(result: DeliveryResult) -> dict[str, Any]:
    explanation, next_step = describe_delivery(result)
    bounce = result.bounce
    return {
        "status": result.status.value,
        "folder": result.folder,
        "seconds": None if result.seconds is None else round(result.seconds, 1),
        "timeout": result.timeout,
        "authentication_results": verdict_json(result.verdict) if result.verdict else None,
        "bounce": None
        if bounce is None
        else {
            "action": bounce.action,
            "status": bounce.status,
            "recipient": bounce.recipient,
            "remote_mta": bounce.remote_mta,
            "diagnostic": bounce.diagnostic,
            "reporting_mta": bounce.reporting_mta,
            "envelope_id": bounce.envelope_id,
        },
        "removed": result.removal.value if result.removal else None,
        "reason": result.reason.value if result.reason else None,
        "problem": result.problem.value if result.problem else None,
        "detail": result.detail or None,
        "username": result.username,
        "auth": _auth(result.mechanism),
        "mechanism": result.mechanism,
        "certificate": certificate_json(result.certificate),
        "explanation": explanation,
        "next_step": next_step,
    }


def _auth(mechanism: str | None) -> str | None:
    """How the confirmation logged in, as ``test`` names it: ``oauth2`` or ``password``."""
    if mechanism is None:
        return None
    return "oauth2" if mechanism in (OAUTHBEARER, XOAUTH2) else "password"


def verdict_json(verdict: Verdict) -> dict[str, Any] | None:
    """The receiving server's checks, keyed by method; None when it added none."""
    if verdict.authserv_id is None:
        return None
    document: dict[str, Any] = {"authserv_id": verdict.authserv_id, "ignored": verdict.ignored}
    for check in verdict.results:
        entry: dict[str, Any] = {
            "result": check.result,
            "reason": check.reason,
            "properties": dict(check.properties),
            "explanation": describe_check(check),
        }
        if check.method == "dkim":
            signature = verdict.signatures[0] if verdict.signatures else None
            entry["domain"] = check.get("header.d") or (signature and signature.domain)
            entry["selector"] = check.get("header.s") or (signature and signature.selector)
            entry["signatures"] = [
                {"domain": s.domain, "selector": s.selector} for s in verdict.signatures
            ]
        document[check.method] = entry
    return document
