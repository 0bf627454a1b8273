"""The checks that decide whether mail the user sends is accepted: SPF, DKIM and DMARC.

SPF is evaluated for the addresses of the outgoing server the user will send through (the
closest this program can know to the hoster's outgoing addresses), with the real mechanisms.
DKIM keys can only be found by name (the selector), so the common selectors of the server's
provider and the ones the user names are tried. DMARC says what receivers do with mail that
neither SPF nor DKIM vouches for; together with the two, it says whether mail from this
server will arrive.
"""

from __future__ import annotations

import asyncio

import dns.exception
import dns.resolver

from wizard.domaincheck import libraries
from wizard.domaincheck.context import (
    CheckContext,
    StepFailedError,
    StepResult,
    blocking,
    finding,
)
from wizard.domaincheck.model import Check, Finding, FindingCode, Severity
from wizard.net.domains import registrable_domain
from wizard.values import is_ip_address

# Selectors worth trying for the big providers, by the outgoing server's domain.
PROVIDER_SELECTORS: dict[str, tuple[str, ...]] = {
    "google.com": ("google",),
    "gmail.com": ("google",),
    "googlemail.com": ("google",),
    "office365.com": ("selector1", "selector2"),
    "outlook.com": ("selector1", "selector2"),
    "hotmail.com": ("selector1", "selector2"),
    "zoho.com": ("zmail",),
    "zoho.eu": ("zmail",),
    "fastmail.com": ("fm1", "fm2", "fm3"),
    "messagingengine.com": ("fm1", "fm2", "fm3"),
}
# Tried for every domain: the names hosting panels and mail servers use by default.
COMMON_SELECTORS = ("default", "dkim", "mail", "selector1", "selector2", "google", "k1", "s1")
# SPF results and how bad they are for mail from the server (RFC 7208 section 2.6).
_NOT_AUTHORISED = {
    "fail": Severity.PROBLEM,
    "softfail": Severity.WARNING,
    "neutral": Severity.WARNING,
    "none": Severity.WARNING,
}
_MAX_ADDRESSES = 4  # a server name with more addresses: the first few tell the story


async def check_spf(ctx: CheckContext) -> StepResult:
    dns_seconds = ctx.deadlines.dns
    try:
        record = await blocking(libraries.spf_record, ctx.domain, dns_seconds)
    except libraries.RecordMissingError:
        missing = finding(Check.SPF, FindingCode.SPF_MISSING, Severity.WARNING)
        return StepResult((missing,), f"TXT {ctx.domain}: no SPF record")
    except libraries.MultipleRecordsError as err:
        found = finding(Check.SPF, FindingCode.SPF_MULTIPLE, Severity.PROBLEM, detail=err.detail)
        return StepResult((found,), err.detail)
    except libraries.TooManyLookupsError as err:
        too_many = finding(
            Check.SPF, FindingCode.SPF_TOO_MANY_LOOKUPS, Severity.PROBLEM, lookups=err.lookups
        )
        return StepResult((too_many,), err.detail)
    except libraries.RecordInvalidError as err:
        invalid = finding(Check.SPF, FindingCode.SPF_INVALID, Severity.PROBLEM, detail=err.detail)
        return StepResult((invalid,), err.detail)
    except libraries.LookupFailedError as err:
        raise StepFailedError(err.detail) from err
    findings = [
        finding(
            Check.SPF,
            FindingCode.SPF_RECORD,
            Severity.INFO,
            record=record.record,
            lookups=record.lookups,
        )
    ]
    detail = f"TXT {ctx.domain}: {record.record} ({record.lookups} DNS lookups)"
    if ctx.server:
        evaluated, account = await _evaluate(ctx, ctx.server)
        findings.append(evaluated)
        detail += f"; {account}"
    return StepResult(tuple(findings), detail)


async def _evaluate(ctx: CheckContext, server: str) -> tuple[Finding, str]:
    """Whether the domain's SPF authorises ``server``'s addresses; and the technical account."""
    addresses = (await ctx.server_addresses())[:_MAX_ADDRESSES]
    if not addresses:
        found = finding(Check.SPF, FindingCode.SPF_NO_SERVER_ADDRESS, Severity.INFO, server=server)
        return found, f"{server} has no address"
    seconds = ctx.deadlines.total
    results = await asyncio.gather(
        *(blocking(libraries.spf_evaluate, a, ctx.domain, server, seconds) for a in addresses)
    )
    account = "; ".join(f"{a}: {r} ({why})" for a, (r, why) in zip(addresses, results, strict=True))
    outcomes = [result for result, _ in results]
    shown = ", ".join(addresses)
    for bad in ("permerror", "temperror"):
        if bad in outcomes:
            why = results[outcomes.index(bad)][1]
            code = FindingCode.SPF_PERMERROR if bad == "permerror" else FindingCode.SPF_TEMPERROR
            severity = Severity.PROBLEM if bad == "permerror" else Severity.INFO
            return finding(Check.SPF, code, severity, server=server, detail=why), account
    failing = [r for r in outcomes if r != "pass"]
    if not failing:
        found = finding(
            Check.SPF, FindingCode.SPF_AUTHORISED, Severity.GOOD, server=server, addresses=shown
        )
        return found, account
    worst = max(failing, key=lambda r: _NOT_AUTHORISED.get(r, Severity.WARNING).rank)
    suggestion = await _suggest_include(server, ctx.domain, addresses[0], seconds)
    found = finding(
        Check.SPF,
        FindingCode.SPF_NOT_AUTHORISED,
        _NOT_AUTHORISED.get(worst, Severity.WARNING),
        server=server,
        addresses=shown,
        result=worst,
        suggestion=suggestion or "",
    )
    return found, account


async def _suggest_include(server: str, domain: str, address: str, seconds: float) -> str | None:
    """``include:NAME`` for the provider's own SPF record that authorises ``address``, if one
    of the usual names (``_spf.BASE``, ``BASE``) has it. An IP address names no provider."""
    if is_ip_address(server):
        return None
    base = registrable_domain(server)
    if base is None or base == registrable_domain(domain):
        return None
    for name in (f"_spf.{base}", base):
        result, _ = await blocking(libraries.spf_evaluate, address, name, server, seconds)
        if result == "pass":
            return f"include:{name}"
    return None


def selectors_for(server: str | None, extra: tuple[str, ...]) -> tuple[str, ...]:
    """The DKIM selectors to try: the user's, the provider's, then the common ones."""
    base = registrable_domain(server) if server else None
    provider = PROVIDER_SELECTORS.get(base or "", ())
    return tuple(dict.fromkeys((*extra, *provider, *COMMON_SELECTORS)))


async def check_dkim(ctx: CheckContext) -> StepResult:
    selectors = selectors_for(ctx.server, ctx.selectors)
    keys = await asyncio.gather(*(_dkim_key(ctx, s) for s in selectors))
    published = [s for s, key in zip(selectors, keys, strict=True) if key is not None]
    revoked = [s for s, key in zip(selectors, keys, strict=True) if key == ""]
    usable = [s for s in published if s not in revoked]
    detail = "; ".join(
        f"{s}._domainkey.{ctx.domain}: {'no record' if key is None else key or 'revoked (p=)'}"
        for s, key in zip(selectors, keys, strict=True)
    )
    findings: list[Finding] = []
    if usable:
        selectors_text = ", ".join(usable)
        findings.append(
            finding(Check.DKIM, FindingCode.DKIM_FOUND, Severity.GOOD, selectors=selectors_text)
        )
    if revoked:
        findings.append(
            finding(
                Check.DKIM, FindingCode.DKIM_REVOKED, Severity.WARNING, selectors=", ".join(revoked)
            )
        )
    if not published:
        findings.append(
            finding(
                Check.DKIM,
                FindingCode.DKIM_NOT_FOUND,
                Severity.INFO,
                selectors=", ".join(selectors),
            )
        )
    return StepResult(tuple(findings), detail)


async def _dkim_key(ctx: CheckContext, selector: str) -> str | None:
    """The public key (``p=``) at ``selector``: None without a DKIM record, "" if revoked."""
    name = f"{selector}._domainkey.{ctx.domain}"
    try:
        answer = await ctx.resolver.resolve(name, "TXT", search=False)
    except (dns.resolver.NoAnswer, dns.resolver.NXDOMAIN):
        return None
    except dns.exception.Timeout as err:
        raise TimeoutError(name) from err
    except dns.exception.DNSException as err:
        raise StepFailedError(f"{name}: {err}") from err
    for rdata in answer:
        text = b"".join(rdata.strings).decode("utf-8", "replace")
        tags = dict(
            (key.strip().lower(), value.strip())
            for key, _, value in (part.partition("=") for part in text.split(";"))
        )
        if "p" in tags and tags.get("v", "DKIM1") == "DKIM1":
            return tags["p"]
    return None


async def check_dmarc(ctx: CheckContext) -> StepResult:
    try:
        record = await blocking(libraries.dmarc_record, ctx.domain, ctx.deadlines.dns)
    except libraries.RecordMissingError:
        missing = finding(Check.DMARC, FindingCode.DMARC_MISSING, Severity.WARNING)
        return StepResult((missing,), f"TXT _dmarc.{ctx.domain}: no DMARC record")
    except libraries.RecordInvalidError as err:
        invalid = finding(
            Check.DMARC, FindingCode.DMARC_INVALID, Severity.PROBLEM, detail=err.detail
        )
        return StepResult((invalid,), err.detail)
    except libraries.LookupFailedError as err:
        raise StepFailedError(err.detail) from err
    tags = record.tags
    policy = tags.get("p", "none")
    if record.location != ctx.domain and "sp" in tags:
        policy = tags["sp"]  # a subdomain of the organisational domain
    policy_finding = finding(
        Check.DMARC,
        FindingCode.DMARC_POLICY,
        Severity.INFO if policy == "none" else Severity.GOOD,
        policy=policy,
        location=record.location,
        aspf=tags.get("aspf", "r"),
        adkim=tags.get("adkim", "r"),
    )
    return StepResult((policy_finding,), f"TXT _dmarc.{record.location}: {record.record}")


def dmarc_outlook(findings: list[Finding], server: str | None) -> Finding | None:
    """What DMARC means for mail from ``server``, given what SPF and DKIM showed: with an
    enforcing policy, mail SPF does not vouch for arrives only if it is DKIM-signed."""
    policy_finding = next((f for f in findings if f.code is FindingCode.DMARC_POLICY), None)
    policy = policy_finding.value("policy") if policy_finding else None
    if server is None or policy not in ("quarantine", "reject"):
        return None
    spf_codes = {f.code for f in findings if f.check is Check.SPF}
    if FindingCode.SPF_AUTHORISED in spf_codes or FindingCode.SPF_TEMPERROR in spf_codes:
        return None
    if not spf_codes & {
        FindingCode.SPF_NOT_AUTHORISED,
        FindingCode.SPF_PERMERROR,
        FindingCode.SPF_MISSING,
        FindingCode.SPF_MULTIPLE,
        FindingCode.SPF_TOO_MANY_LOOKUPS,
        FindingCode.SPF_INVALID,
    }:
        return None
    if any(f.code is FindingCode.DKIM_FOUND for f in findings):
        return finding(
            Check.DMARC,
            FindingCode.DMARC_DEPENDS_ON_DKIM,
            Severity.WARNING,
            server=server,
            policy=policy,
        )
    return finding(
        Check.DMARC, FindingCode.DMARC_REJECTS, Severity.PROBLEM, server=server, policy=policy
    )
