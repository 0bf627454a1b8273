"""The maintained libraries behind the domain check, behind one small blocking interface.

``checkdmarc`` reads and validates the SPF, DMARC, MTA-STS and TLS-RPT records (syntax, the
RFC 7208 limit of 10 DNS lookups, several records where one is allowed); ``pyspf`` evaluates
SPF for an address with the real mechanisms (``check_host``, RFC 7208). Both are synchronous:
the check runs these functions on worker threads, each lookup with its own DNS deadline and no
retries, so a thread never outlives its step by more than one lookup.

Both libraries ask the system's resolver (``/etc/resolv.conf``), like every other program,
and nothing else: checkdmarc's public resolvers and DNS over HTTPS are opt-in and not used,
and its own policy download (``requests``, which ignores the OS trust store) is replaced by
``wizard.net.http``.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import dns.exception
import dns.resolver

with warnings.catch_warnings():
    # dnspython's DNSSEC module, which checkdmarc loads, names DSA key classes, and cryptography
    # warns about DSA when they are touched. Nothing here uses DSA.
    warnings.filterwarnings("ignore", message="DSA is deprecated")
    import checkdmarc.dmarc
    import checkdmarc.mta_sts
    import checkdmarc.smtp_tls_reporting
    import checkdmarc.spf
    import checkdmarc.utils
    import spf


class RecordMissingError(Exception):
    """The domain publishes no such record (or does not exist)."""


class RecordInvalidError(Exception):
    """The record exists but cannot be used; ``detail`` is the library's own account."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class MultipleRecordsError(RecordInvalidError):
    """More than one record where the standard allows one."""


class TooManyLookupsError(RecordInvalidError):
    """SPF needs more DNS lookups than RFC 7208 allows (10)."""

    def __init__(self, detail: str, lookups: int) -> None:
        super().__init__(detail)
        self.lookups = lookups


class LookupFailedError(Exception):
    """DNS did not answer usefully (SERVFAIL, refused): nothing can be concluded."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


@dataclass(frozen=True)
class SpfRecord:
    record: str
    lookups: int


@dataclass(frozen=True)
class DmarcRecord:
    record: str
    location: str  # the domain it was found at (the organisational domain as a fallback)
    tags: dict[str, str]


@dataclass(frozen=True)
class MtaStsPolicy:
    mode: str
    mx: tuple[str, ...]


def forget_cached_answers() -> None:
    """checkdmarc keeps DNS answers for half an hour per process; a check must see today's DNS
    (the user may just have fixed a record), so every check starts without them."""
    checkdmarc.utils.DNS_CACHE.clear()


def spf_record(domain: str, timeout: float) -> SpfRecord:
    """The domain's SPF record and the DNS lookups evaluating it needs."""
    try:
        found = checkdmarc.spf.query_spf_record(domain, timeout=timeout, retries=0)
        parsed = checkdmarc.spf.parse_spf_record(
            found["record"], domain, timeout=timeout, retries=0
        )
    except checkdmarc.spf.SPFRecordNotFound as err:
        _raise_dns_trouble(err.error if isinstance(err.error, BaseException) else err)
        raise RecordMissingError(str(err)) from err
    except checkdmarc.spf.MultipleSPFRTXTRecords as err:
        raise MultipleRecordsError(str(err)) from err
    except checkdmarc.spf.SPFTooManyDNSLookups as err:
        lookups = int((err.data or {}).get("dns_lookups", 0))
        raise TooManyLookupsError(str(err), lookups) from err
    except checkdmarc.spf.SPFError as err:
        _raise_dns_trouble(err)
        raise RecordInvalidError(str(err)) from err
    return SpfRecord(found["record"], int(parsed["dns_lookups"]))


def spf_evaluate(address: str, domain: str, helo: str, seconds: float) -> tuple[str, str]:
    """``check_host`` for mail from ``domain`` sent by ``address``: the result (``pass``,
    ``fail``, ``softfail``, ``neutral``, ``none``, ``permerror``, ``temperror``) and the
    library's explanation. ``seconds`` bounds the whole evaluation (RFC 7208 4.6.4)."""
    query = spf.query(
        i=address, s=f"postmaster@{domain}", h=helo, timeout=seconds, querytime=seconds
    )
    result, _code, explanation = query.check()
    return str(result), str(explanation)


def dmarc_record(domain: str, timeout: float) -> DmarcRecord:
    try:
        found = checkdmarc.dmarc.query_dmarc_record(domain, timeout=timeout, retries=0)
        parsed = checkdmarc.dmarc.parse_dmarc_record(
            found["record"], found["location"], timeout=timeout, retries=0
        )
    except checkdmarc.dmarc.DMARCRecordNotFound as err:
        _raise_dns_trouble(err)
        raise RecordMissingError(str(err)) from err
    except checkdmarc.dmarc.MultipleDMARCRecords as err:
        raise MultipleRecordsError(str(err)) from err
    except checkdmarc.dmarc.DMARCError as err:
        _raise_dns_trouble(err)
        raise RecordInvalidError(str(err)) from err
    tags = {name: str(tag["value"]) for name, tag in parsed["tags"].items()}
    return DmarcRecord(found["record"], found["location"], tags)


def mta_sts_record(domain: str, timeout: float) -> str:
    try:
        found = checkdmarc.mta_sts.query_mta_sts_record(domain, timeout=timeout, retries=0)
        checkdmarc.mta_sts.parse_mta_sts_record(found["record"])
    except checkdmarc.mta_sts.MTASTSRecordNotFound as err:
        _raise_dns_trouble(err)
        raise RecordMissingError(str(err)) from err
    except checkdmarc.mta_sts.MTASTSError as err:
        raise RecordInvalidError(str(err)) from err
    return str(found["record"])


def mta_sts_policy(text: str) -> MtaStsPolicy:
    try:
        parsed: Any = checkdmarc.mta_sts.parse_mta_sts_policy(text)
    except checkdmarc.mta_sts.MTASTSError as err:
        raise RecordInvalidError(str(err)) from err
    policy = parsed["policy"]
    return MtaStsPolicy(str(policy["mode"]), tuple(str(mx) for mx in policy.get("mx", [])))


def mx_covered(mx_host: str, patterns: tuple[str, ...]) -> bool:
    """Whether an MTA-STS policy's ``mx`` patterns cover ``mx_host`` (RFC 8461 4.1)."""
    return bool(checkdmarc.mta_sts.mx_in_mta_sts_patterns(mx_host, list(patterns)))


def tls_rpt_record(domain: str, timeout: float) -> tuple[str, str]:
    """The TLS-RPT record and where its reports go (``rua``)."""
    module = checkdmarc.smtp_tls_reporting
    try:
        found = module.query_smtp_tls_reporting_record(domain, timeout=timeout, retries=0)
        parsed = module.parse_smtp_tls_reporting_record(found["record"])
    except module.SMTPTLSReportingRecordNotFound as err:
        _raise_dns_trouble(err)
        raise RecordMissingError(str(err)) from err
    except module.SMTPTLSReportingError as err:
        raise RecordInvalidError(str(err)) from err
    rua = parsed["tags"].get("rua", {}).get("value", "")
    return str(found["record"]), ", ".join(rua) if isinstance(rua, list) else str(rua)


def _raise_dns_trouble(err: BaseException) -> None:
    """The libraries report a DNS timeout or failure as "no record"; find the real cause in
    the exception chain, so that silence is never mistaken for absence."""
    current: BaseException | None = err
    while current is not None:
        if isinstance(current, dns.exception.Timeout):
            raise TimeoutError(str(current)) from err
        if isinstance(current, dns.resolver.NoNameservers):
            raise LookupFailedError(str(current)) from err
        current = current.__cause__ or current.__context__


def _spf_dns_lookup(
    name: str, qtype: str, strict: object = True, timeout: float = 3.0
) -> list[Any]:
    """pyspf's DNS hook (its documented replacement point, ``spf.DNSLookup``), answering as its
    own dnspython lookup does, through ``resolve`` (its ``query`` is deprecated) and with one
    deadline per lookup."""
    del strict
    resolver = dns.resolver.Resolver()
    resolver.lifetime = timeout
    found: list[Any] = []
    try:
        answers = resolver.resolve(name, qtype, search=False)
    except (dns.resolver.NoAnswer, dns.resolver.NXDOMAIN):
        return found
    except dns.exception.DNSException as err:
        raise spf.TempError(f"DNS {err}") from err
    for rdata in answers:
        if qtype in ("A", "AAAA"):
            found.append(((name, qtype), rdata.address))
        elif qtype == "MX":
            found.append(((name, qtype), (rdata.preference, rdata.exchange)))
        elif qtype == "PTR":
            found.append(((name, qtype), rdata.target.to_text(True)))
        elif qtype in ("TXT", "SPF"):
            found.append(((name, qtype), rdata.strings))
    return found


spf.DNSLookup = _spf_dns_lookup
