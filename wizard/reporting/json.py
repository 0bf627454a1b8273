"""The report's parts as JSON, for scripts (English sentences, stable codes)."""

from __future__ import annotations

from typing import Any

from wizard.delivery.document import delivery_json
from wizard.domaincheck.model import DomainHealth
from wizard.messages import describe_finding, describe_network_finding
from wizard.report import certificate_json, detection_json, outcome_json
from wizard.reporting.collect import DiagnosisReport
from wizard.reporting.network import NetworkFindings


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


def report_json(report: DiagnosisReport) -> dict[str, Any]:
    """The whole diagnosis report for scripts; its parts as the commands print them."""
    settings = report.settings
    return {
        "report_format": 1,
        "address": report.address,
        "created": report.created.isoformat(),
        "program_version": report.program_version,
        "system": report.system,
        "keychain": report.keychain,
        "settings": None
        if settings is None
        else {
            "host": settings.host,
            "port": settings.port,
            "security": settings.security.value,
            "username": settings.username,
            "from": report.settings_origin.value,
        },
        "detect": detection_json(report.detection) if report.detection else None,
        "test": outcome_json(report.test) if report.test else None,
        "test_skipped": report.test_skipped.value if report.test_skipped else None,
        "delivery": delivery_json(report.delivery) if report.delivery else None,
        "network": network_json(report.network) if report.network else None,
        "domain": domain_json(report.domain) if report.domain else None,
        "certificates": [
            {
                "host": c.host,
                "port": c.port,
                "subject": c.subject,
                "names": list(c.names),
                "issuer": c.issuer,
                "not_before": c.not_before.isoformat(),
                "not_after": c.not_after.isoformat(),
                "sha256": c.sha256,
            }
            for c in report.certificates
        ],
    }


def network_json(network: NetworkFindings) -> dict[str, Any]:
    return {
        "host": network.host,
        "ports": [
            {
                "port": check.port,
                "answered": check.answered,
                "failure": check.probe.failure.value if check.probe.failure else None,
                "greeting": check.probe.greeting,
                "certificate": certificate_json(check.probe.certificate),
                "from_detection": check.from_detection,
            }
            for check in network.ports
        ],
        "findings": [
            {
                "code": f.code.value,
                "severity": f.severity.value,
                "text": describe_network_finding(f, network.host or ""),
                "values": dict(f.values),
            }
            for f in network.findings
        ],
    }
