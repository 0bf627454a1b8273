"""What the domain check found, as plain immutable data (codes, never sentences)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How much a finding matters; the values are the JSON spellings."""

    GOOD = "good"
    INFO = "info"
    WARNING = "warning"
    PROBLEM = "problem"

    @property
    def rank(self) -> int:
        """Higher is worse."""
        return tuple(Severity).index(self)


class Check(StrEnum):
    """One part of the domain check; the values are the JSON spellings."""

    SPF = "spf"
    DKIM = "dkim"
    DMARC = "dmarc"
    MTA_STS = "mta-sts"
    TLS_RPT = "tls-rpt"
    DANE = "dane"

    @property
    def inbound(self) -> bool:
        """True for the checks about mail *to* the domain (its MX hosts), which do not decide
        whether mail the user sends is accepted."""
        return self in (Check.MTA_STS, Check.TLS_RPT, Check.DANE)


class FindingCode(StrEnum):
    """What was found; ``wizard.messages`` words each one with the values noted after it."""

    SPF_MISSING = "spf-missing"
    SPF_MULTIPLE = "spf-multiple"  # count
    SPF_INVALID = "spf-invalid"  # detail
    SPF_TOO_MANY_LOOKUPS = "spf-too-many-lookups"  # lookups
    SPF_RECORD = "spf-record"  # record, lookups
    SPF_AUTHORISED = "spf-authorised"  # server, addresses
    SPF_NOT_AUTHORISED = "spf-not-authorised"  # server, addresses, result, suggestion?
    SPF_PERMERROR = "spf-permerror"  # server, detail
    SPF_TEMPERROR = "spf-temperror"  # server, detail
    SPF_NO_SERVER_ADDRESS = "spf-no-server-address"  # server
    DKIM_FOUND = "dkim-found"  # selectors
    DKIM_REVOKED = "dkim-revoked"  # selectors
    DKIM_NOT_FOUND = "dkim-not-found"  # selectors
    DMARC_MISSING = "dmarc-missing"
    DMARC_INVALID = "dmarc-invalid"  # detail
    DMARC_POLICY = "dmarc-policy"  # policy, location, aspf, adkim
    DMARC_REJECTS = "dmarc-rejects"  # server, policy: unauthorised mail will be refused
    DMARC_DEPENDS_ON_DKIM = "dmarc-depends-on-dkim"  # server, policy
    MTA_STS_NONE = "mta-sts-none"
    MTA_STS_RECORD_INVALID = "mta-sts-record-invalid"  # detail
    MTA_STS_POLICY_UNREACHABLE = "mta-sts-policy-unreachable"  # url, detail
    MTA_STS_POLICY_INVALID = "mta-sts-policy-invalid"  # url, detail
    MTA_STS_POLICY = "mta-sts-policy"  # mode, mx
    MTA_STS_MX_NOT_COVERED = "mta-sts-mx-not-covered"  # hosts, mode
    TLS_RPT_NONE = "tls-rpt-none"
    TLS_RPT_INVALID = "tls-rpt-invalid"  # detail
    TLS_RPT_FOUND = "tls-rpt-found"  # rua
    NO_MX = "no-mx"
    DANE_ABSENT = "dane-absent"
    DANE_SECURE = "dane-secure"  # hosts
    DANE_UNSIGNED = "dane-unsigned"  # hosts
    DANE_PARTIAL = "dane-partial"  # hosts (those without TLSA)
    TIMED_OUT = "timed-out"  # the check ran out of its time
    DNS_FAILED = "dns-failed"  # detail


@dataclass(frozen=True)
class Finding:
    """One thing the check learned, with a severity and the named values its sentence needs."""

    check: Check
    code: FindingCode
    severity: Severity
    values: tuple[tuple[str, str], ...] = ()

    def value(self, key: str) -> str | None:
        return dict(self.values).get(key)


class StepStatus(StrEnum):
    DONE = "done"
    TIMEOUT = "timeout"
    FAILED = "failed"


@dataclass(frozen=True)
class StepReport:
    """How one check ran; ``detail`` is the technical account (records, answers)."""

    check: Check
    status: StepStatus
    elapsed_ms: int
    detail: str = ""


@dataclass(frozen=True)
class DomainHealth:
    """The whole domain check: the findings of every step, and how each step ran."""

    domain: str
    server: str | None  # the outgoing server whose addresses SPF was evaluated for
    server_addresses: tuple[str, ...]
    findings: tuple[Finding, ...]
    steps: tuple[StepReport, ...]
    elapsed_ms: int

    @property
    def complete(self) -> bool:
        return all(step.status is StepStatus.DONE for step in self.steps)

    @property
    def verdict(self) -> Severity:
        """The worst finding about sending (SPF, DKIM, DMARC): will the user's mail arrive?"""
        sending = [f.severity for f in self.findings if not f.check.inbound]
        return max(sending, key=lambda s: s.rank, default=Severity.INFO)
