"""The checks about mail *to* the domain: MTA-STS, TLS-RPT and DANE for its MX hosts.

They do not decide whether the user's own mail arrives, but they are what a helpdesk is asked
about next ("is our mail protected in transit?"), and they are cheap to read. Nothing here
connects to an MX host: port 25 is often blocked for home users, and a desktop program has no
business knocking on it. The MTA-STS policy is fetched over HTTPS, as senders fetch it.
"""

from __future__ import annotations

import asyncio

import dns.asyncresolver
import dns.exception
import dns.flags
import dns.resolver

from wizard.domaincheck import libraries
from wizard.domaincheck.context import CheckContext, StepFailedError, StepResult, blocking, finding
from wizard.domaincheck.model import Check, Finding, FindingCode, Severity
from wizard.net.dns import new_resolver
from wizard.net.http import FetchError, fetch_document

MAX_POLICY_BYTES = 64 * 1024  # RFC 8461 3.3: a policy larger than this may be ignored
_MAX_MX = 5


async def check_mta_sts(ctx: CheckContext) -> StepResult:
    try:
        record = await blocking(libraries.mta_sts_record, ctx.domain, ctx.deadlines.dns)
    except libraries.RecordMissingError:
        missing = finding(Check.MTA_STS, FindingCode.MTA_STS_NONE, Severity.INFO)
        return StepResult((missing,), f"TXT _mta-sts.{ctx.domain}: no record")
    except libraries.RecordInvalidError as err:
        invalid = finding(
            Check.MTA_STS, FindingCode.MTA_STS_RECORD_INVALID, Severity.PROBLEM, detail=err.detail
        )
        return StepResult((invalid,), err.detail)
    except libraries.LookupFailedError as err:
        raise StepFailedError(err.detail) from err
    url = f"https://mta-sts.{ctx.domain}/.well-known/mta-sts.txt"
    detail = f"TXT _mta-sts.{ctx.domain}: {record}; {url}"
    problem = await _fetch_policy(ctx, url)
    if isinstance(problem, Finding):
        return StepResult((problem,), f"{detail}: {problem.value('detail')}")
    policy = problem
    mx_hosts = await ctx.mx_hosts()
    uncovered = [mx for mx in mx_hosts if not libraries.mx_covered(mx, policy.mx)]
    findings = [
        finding(
            Check.MTA_STS,
            FindingCode.MTA_STS_POLICY,
            Severity.GOOD if policy.mode == "enforce" else Severity.INFO,
            mode=policy.mode,
            mx=", ".join(policy.mx),
        )
    ]
    if uncovered:
        findings.append(
            finding(
                Check.MTA_STS,
                FindingCode.MTA_STS_MX_NOT_COVERED,
                Severity.PROBLEM if policy.mode == "enforce" else Severity.WARNING,
                hosts=", ".join(uncovered),
                mode=policy.mode,
            )
        )
    detail += f": mode {policy.mode}, mx {', '.join(policy.mx)}; MX {', '.join(mx_hosts)}"
    return StepResult(tuple(findings), detail)


async def _fetch_policy(ctx: CheckContext, url: str) -> libraries.MtaStsPolicy | Finding:
    """The policy, or the finding that says why there is none to use."""

    def unreachable(detail: str) -> Finding:
        return finding(
            Check.MTA_STS,
            FindingCode.MTA_STS_POLICY_UNREACHABLE,
            Severity.PROBLEM,
            url=url,
            detail=detail,
        )

    try:
        async with asyncio.timeout(ctx.deadlines.https):
            # RFC 8461, 3.3: a policy fetch must not follow redirects, so none is requested.
            fetched = await fetch_document(
                ctx.http, url, max_bytes=MAX_POLICY_BYTES, max_redirects=0
            )
    except FetchError as err:
        return unreachable(f"{err.problem.value}: {err.detail}" if err.detail else err.problem)
    except TimeoutError:
        return unreachable("timeout")
    if fetched is None:
        return unreachable("HTTP 404")
    try:
        return libraries.mta_sts_policy(fetched.body.decode("utf-8", "replace"))
    except libraries.RecordInvalidError as err:
        return finding(
            Check.MTA_STS,
            FindingCode.MTA_STS_POLICY_INVALID,
            Severity.PROBLEM,
            url=url,
            detail=err.detail,
        )


async def check_tls_rpt(ctx: CheckContext) -> StepResult:
    try:
        record, rua = await blocking(libraries.tls_rpt_record, ctx.domain, ctx.deadlines.dns)
    except libraries.RecordMissingError:
        missing = finding(Check.TLS_RPT, FindingCode.TLS_RPT_NONE, Severity.INFO)
        return StepResult((missing,), f"TXT _smtp._tls.{ctx.domain}: no record")
    except libraries.RecordInvalidError as err:
        invalid = finding(
            Check.TLS_RPT, FindingCode.TLS_RPT_INVALID, Severity.WARNING, detail=err.detail
        )
        return StepResult((invalid,), err.detail)
    except libraries.LookupFailedError as err:
        raise StepFailedError(err.detail) from err
    found = finding(Check.TLS_RPT, FindingCode.TLS_RPT_FOUND, Severity.GOOD, rua=rua)
    return StepResult((found,), f"TXT _smtp._tls.{ctx.domain}: {record}")


async def check_dane(ctx: CheckContext) -> StepResult:
    """TLSA records for port 25 of each MX host, and whether DNSSEC vouched for the answer
    (the resolver's AD bit: only a validating resolver sets it, and senders use TLSA records
    only from a validated answer, RFC 7672)."""
    mx_hosts = (await ctx.mx_hosts())[:_MAX_MX]
    if not mx_hosts:
        return StepResult((finding(Check.DANE, FindingCode.NO_MX, Severity.INFO),), "no MX records")
    resolver = new_resolver(ctx.deadlines.dns)
    resolver.use_edns(0, dns.flags.DO, 1232)
    resolver.flags = dns.flags.RD | dns.flags.AD
    answers = await asyncio.gather(*(_tlsa(resolver, mx) for mx in mx_hosts))
    secure = [mx for mx, (count, ad) in zip(mx_hosts, answers, strict=True) if count and ad]
    unsigned = [mx for mx, (count, ad) in zip(mx_hosts, answers, strict=True) if count and not ad]
    without = [mx for mx, (count, _) in zip(mx_hosts, answers, strict=True) if not count]
    detail = "; ".join(
        f"TLSA _25._tcp.{mx}: {count} record(s), {'DNSSEC-validated' if ad else 'not validated'}"
        for mx, (count, ad) in zip(mx_hosts, answers, strict=True)
    )
    findings: list[Finding] = []
    if unsigned:
        findings.append(
            finding(
                Check.DANE, FindingCode.DANE_UNSIGNED, Severity.WARNING, hosts=", ".join(unsigned)
            )
        )
    if secure and without:
        findings.append(
            finding(
                Check.DANE, FindingCode.DANE_PARTIAL, Severity.WARNING, hosts=", ".join(without)
            )
        )
    elif secure and not unsigned:
        findings.append(
            finding(Check.DANE, FindingCode.DANE_SECURE, Severity.GOOD, hosts=", ".join(secure))
        )
    if not secure and not unsigned:
        findings.append(finding(Check.DANE, FindingCode.DANE_ABSENT, Severity.INFO))
    return StepResult(tuple(findings), detail)


async def _tlsa(resolver: dns.asyncresolver.Resolver, mx: str) -> tuple[int, bool]:
    """How many TLSA records ``mx`` has for port 25, and whether the answer was validated."""
    name = f"_25._tcp.{mx}"
    try:
        answer = await resolver.resolve(name, "TLSA", search=False)
    except (dns.resolver.NoAnswer, dns.resolver.NXDOMAIN):
        return 0, False
    except dns.exception.Timeout as err:
        raise TimeoutError(name) from err
    except dns.exception.DNSException as err:
        raise StepFailedError(f"{name}: {err}") from err
    return len(answer), bool(answer.response.flags & dns.flags.AD)
