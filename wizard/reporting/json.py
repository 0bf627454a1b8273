"""The report's parts as JSON, for scripts (English sentences, stable codes)."""

from __future__ import annotations

from typing import Any

from wizard.domaincheck.model import DomainHealth
from wizard.messages import describe_finding


def domain_json(health: DomainHealth) -> dict[str, Any]:
    return {
        "domain": health.domain,
        "server": health.server,
        "server_addresses": list(health.server_addresses),
        "verdict": health.verdict.value,
        "complete": health.complete,
        "findings": [
            {
                "check": f.check.value,
                "code": f.code.value,
                "severity": f.severity.value,
                "text": describe_finding(f, health.domain),
                "values": dict(f.values),
            }
            for f in health.findings
        ],
        "steps": [
            {
                "check": s.check.value,
                "status": s.status.value,
                "elapsed_ms": s.elapsed_ms,
                "detail": s.detail,
            }
            for s in health.steps
        ],
        "elapsed_ms": health.elapsed_ms,
    }
