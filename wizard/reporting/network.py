"""What this network does to mail traffic: which submission ports reach the server, whether
one looks blocked (silence while others answer) or intercepted (a certificate or greeting that
is not the server's, as antivirus programs and company proxies produce), whether DNS answers,
and whether an HTTPS proxy is configured.

It reuses what detection already measured and checks the ports detection did not try, each
with a short live check (greeting, EHLO, TLS; never a login).
"""

from __future__ import annotations

import asyncio
import urllib.parse
import urllib.request
from dataclasses import dataclass

import dns.exception
import dns.resolver

from wizard.domaincheck.model import Severity
from wizard.model import CertProblem, DetectionResult, ProbeFailure, ProbeResult, Security
from wizard.net.dns import new_resolver
from wizard.net.domains import registrable_domain
from wizard.reporting.network_findings import NetworkCode, NetworkFinding
from wizard.smtp.probe import ProbeTimeouts, probe_smtp

# The ports a mail program may use, and the security each one normally has.
PORTS = ((25, Security.STARTTLS), (465, Security.SSL), (587, Security.STARTTLS))
CHECK_TIMEOUTS = ProbeTimeouts(connect=3.0, greeting=4.0, command=4.0)
DNS_SECONDS = 3.0

# Failures that mean nothing on the other side talked SMTP with us.
_SILENT = {ProbeFailure.CONNECT_TIMEOUT, ProbeFailure.NO_GREETING}
_NOT_ANSWERED = _SILENT | {ProbeFailure.REFUSED, ProbeFailure.NO_SUCH_HOST}
# Certificates that suggest someone else answered, rather than an expired server certificate.
_FOREIGN = {CertProblem.UNKNOWN_ISSUER, CertProblem.SELF_SIGNED, CertProblem.WRONG_HOST}


@dataclass(frozen=True)
class PortCheck:
    """The live check of one port, from detection or made for the report."""

    port: int
    probe: ProbeResult
    from_detection: bool

    @property
    def answered(self) -> bool:
        return self.probe.failure not in _NOT_ANSWERED


@dataclass(frozen=True)
class NetworkFindings:
    host: str | None
    ports: tuple[PortCheck, ...]
    findings: tuple[NetworkFinding, ...]


async def check_network(
    host: str | None, domain: str, detection: DetectionResult | None
) -> NetworkFindings:
    """Check the ports of ``host`` (the chosen server), DNS for ``domain``, and the proxy."""
    dns_task = asyncio.create_task(_dns(domain))
    ports = await _ports(host, detection) if host else []
    findings = [*_port_findings(host, ports), await dns_task, _proxy()]
    return NetworkFindings(host, tuple(ports), tuple(findings))


async def _ports(host: str, detection: DetectionResult | None) -> list[PortCheck]:
    known: dict[int, ProbeResult] = {}
    if detection is not None:
        candidates = [*([detection.best] if detection.best else []), *detection.alternatives]
        for candidate in candidates:
            probe = candidate.probe
            if probe is not None and probe.host == host and probe.port not in known:
                known[probe.port] = probe
    missing = [(port, security) for port, security in PORTS if port not in known]
    fresh = await asyncio.gather(
        *(probe_smtp(host, port, security, timeouts=CHECK_TIMEOUTS) for port, security in missing)
    )
    checks = {port: PortCheck(port, probe, True) for port, probe in known.items()}
    checks |= {p.port: PortCheck(p.port, p, False) for p in fresh}
    return [checks[port] for port, _ in PORTS if port in checks]


def _finding(code: NetworkCode, severity: Severity, **values: object) -> NetworkFinding:
    return NetworkFinding(code, severity, tuple((k, str(v)) for k, v in values.items()))


def _port_findings(host: str | None, ports: list[PortCheck]) -> list[NetworkFinding]:
    if host is None or not ports:
        return []
    if all(p.probe.failure is ProbeFailure.NO_SUCH_HOST for p in ports):
        return [_finding(NetworkCode.SERVER_NOT_FOUND, Severity.PROBLEM, host=host)]
    answering = [p for p in ports if p.answered]
    if not answering:
        return [_finding(NetworkCode.ALL_SILENT, Severity.PROBLEM, host=host)]
    working = ", ".join(str(p.port) for p in answering)
    found: list[NetworkFinding] = []
    for check in ports:
        failure = check.probe.failure
        if check.answered:
            found.append(_finding(NetworkCode.PORT_OPEN, Severity.GOOD, port=check.port))
        elif failure in _SILENT and check.port == 25:
            found.append(_finding(NetworkCode.PORT_25_BLOCKED, Severity.INFO, working=working))
        elif failure in _SILENT:
            found.append(
                _finding(
                    NetworkCode.PORT_BLOCKED, Severity.WARNING, port=check.port, working=working
                )
            )
        else:
            found.append(_finding(NetworkCode.PORT_CLOSED, Severity.INFO, port=check.port))
    return found + _interception(host, answering)


def _interception(host: str, answering: list[PortCheck]) -> list[NetworkFinding]:
    """Signs that something between here and the server answers in its place."""
    found: list[NetworkFinding] = []
    tls = [p for p in answering if p.probe.certificate is not None]
    trusted = [p for p in tls if p.probe.certificate and p.probe.certificate.verified]
    foreign = [
        p
        for p in tls
        if p.probe.certificate is not None
        and not p.probe.certificate.verified
        and p.probe.certificate.problem in _FOREIGN
    ]
    if trusted:
        for check in foreign:
            problem = check.probe.certificate.problem if check.probe.certificate else None
            found.append(
                _finding(
                    NetworkCode.INTERCEPTED,
                    Severity.PROBLEM,
                    port=check.port,
                    problem=problem.value if problem else "",
                )
            )
    elif foreign and len(foreign) == len(tls):
        found.append(_finding(NetworkCode.UNTRUSTED_EVERYWHERE, Severity.WARNING, host=host))
    greeted = {p.port: _greeting_domain(p.probe.greeting) for p in answering}
    domains = [d for d in greeted.values() if d]
    for port, domain in greeted.items():
        if domain and domains.count(domain) == 1 and len(domains) > 1:
            others = sorted({d for d in domains if d != domain})
            if len(others) == 1:
                found.append(
                    _finding(
                        NetworkCode.GREETING_MISMATCH,
                        Severity.WARNING,
                        port=port,
                        greeting=domain,
                        expected=others[0],
                    )
                )
    return found


def _greeting_domain(greeting: str | None) -> str | None:
    """The registrable domain of the host name a 220 greeting starts with, if it names one."""
    if not greeting:
        return None
    first = greeting.split(maxsplit=1)[0] if greeting.split() else ""
    if "." not in first or first.startswith("["):
        return None
    return registrable_domain(first)


async def _dns(domain: str) -> NetworkFinding:
    """Whether DNS answers at all: any answer counts, "no such name" included."""
    resolver = new_resolver(DNS_SECONDS)
    try:
        await resolver.resolve(domain, "MX", search=False)
    except (dns.resolver.NoAnswer, dns.resolver.NXDOMAIN):
        pass
    except dns.exception.Timeout:
        return _finding(NetworkCode.DNS_SILENT, Severity.PROBLEM)
    except dns.exception.DNSException as err:
        return _finding(NetworkCode.DNS_FAILED, Severity.PROBLEM, detail=str(err))
    return _finding(NetworkCode.DNS_ANSWERS, Severity.GOOD)


def _proxy() -> NetworkFinding:
    """An HTTPS proxy from the environment or, on Windows and macOS, the system settings (the
    standard library reads both). Credentials in its URL are never shown."""
    proxies = urllib.request.getproxies()
    proxy = proxies.get("https") or proxies.get("all")
    if not proxy:
        return _finding(NetworkCode.NO_PROXY, Severity.INFO)
    parts = urllib.parse.urlsplit(proxy if "://" in proxy else f"http://{proxy}")
    shown = f"{parts.scheme}://{parts.hostname or ''}" + (f":{parts.port}" if parts.port else "")
    return _finding(NetworkCode.PROXY_CONFIGURED, Severity.INFO, proxy=shown)
