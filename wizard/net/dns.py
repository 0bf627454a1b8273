"""The DNS questions detection asks (MX, SRV), through the system's configured resolver.

dnspython's async resolver reads ``/etc/resolv.conf`` like every other program, so tests and
users get the same behaviour; it needs no threads, so a slow DNS server never occupies a worker.
"""

from __future__ import annotations

from dataclasses import dataclass

import dns._features

# DNS over HTTPS and over QUIC are never used here. Left to itself, dnspython's resolver imports
# the libraries for them whenever they are installed (httpx2, httpcore2, h2): that would add
# half again to the start-up of every command that looks something up.
dns._features.force("doh", False)
dns._features.force("doq", False)
# IDNA 2008 through the idna package, which email-validator needs too (so it is installed):
# dnspython would find that out by reading the installed packages' metadata as it loads, a few
# milliseconds before every first question. (The names asked are A-labels anyway.)
dns._features.force("idna", True)

import dns.asyncresolver  # noqa: E402  (after the line above, or it would not count)
import dns.exception  # noqa: E402
import dns.name  # noqa: E402
import dns.rdtypes.ANY.MX  # noqa: E402
import dns.rdtypes.IN.SRV  # noqa: E402
import dns.resolver  # noqa: E402

from wizard.errors import WizardError  # noqa: E402


class DomainNotFoundError(WizardError):
    """The domain does not exist in DNS (NXDOMAIN): no source can find anything for it."""

    def __init__(self, domain: str) -> None:
        super().__init__(domain)
        self.domain = domain


class DnsError(WizardError):
    """DNS did not answer usefully (timeout, SERVFAIL): nothing can be concluded."""

    def __init__(self, name: str, detail: str) -> None:
        super().__init__(f"{name}: {detail}")
        self.name = name
        self.detail = detail


@dataclass(frozen=True)
class SrvTarget:
    """One SRV answer; ``host`` is empty for RFC 2782's "service not available here"."""

    host: str
    port: int
    priority: int
    weight: int


def new_resolver(lifetime: float = 4.0) -> dns.asyncresolver.Resolver:
    """A resolver configured from the system, with an overall deadline per question.

    A machine without a usable resolver configuration (no ``/etc/resolv.conf``, no name
    servers in it) still gets a resolver: its questions fail as DNS errors, so the sources
    that need no DNS, such as the bundled database, still answer.
    """
    try:
        resolver = dns.asyncresolver.Resolver()
    except dns.resolver.NoResolverConfiguration:
        resolver = dns.asyncresolver.Resolver(configure=False)
    resolver.lifetime = lifetime
    return resolver


def _host(name: dns.name.Name) -> str:
    """A host name as text; empty for the root name ``.``, which means "none" in MX and SRV."""
    if name == dns.name.root:
        return ""
    return name.to_text(omit_final_dot=True).lower()


async def _query(
    resolver: dns.asyncresolver.Resolver, name: str, rdtype: str
) -> dns.resolver.Answer | None:
    """Ask one question; ``None`` for "exists, but no such record"."""
    try:
        return await resolver.resolve(name, rdtype, search=False)
    except dns.resolver.NXDOMAIN as err:
        raise DomainNotFoundError(name) from err
    except dns.resolver.NoAnswer:
        return None
    except dns.exception.Timeout as err:
        raise DnsError(name, "timeout") from err
    except (dns.resolver.NoNameservers, dns.exception.DNSException) as err:
        raise DnsError(name, str(err) or type(err).__name__) from err


async def has_address(resolver: dns.asyncresolver.Resolver, host: str, rdtype: str) -> bool:
    """Whether ``host`` has an address of ``rdtype`` ("A" or "AAAA"); errors propagate."""
    try:
        return await _query(resolver, host, rdtype) is not None
    except DomainNotFoundError:
        return False


async def lookup_mx(resolver: dns.asyncresolver.Resolver, domain: str) -> list[str]:
    """MX hosts, most preferred first; empty for no MX or a null MX (RFC 7505)."""
    answer = await _query(resolver, domain, "MX")
    if answer is None:
        return []
    records = sorted(
        (r for r in answer if isinstance(r, dns.rdtypes.ANY.MX.MX)), key=lambda r: r.preference
    )
    hosts = [_host(r.exchange) for r in records]
    return [h for h in hosts if h]


async def lookup_srv(resolver: dns.asyncresolver.Resolver, name: str) -> list[SrvTarget]:
    """SRV targets ordered by priority, then by weight (heaviest first)."""
    try:
        answer = await _query(resolver, name, "SRV")
    except DomainNotFoundError:
        return []
    if answer is None:
        return []
    targets = [
        SrvTarget(
            host=_host(r.target),
            port=r.port,
            priority=r.priority,
            weight=r.weight,
        )
        for r in answer
        if isinstance(r, dns.rdtypes.IN.SRV.SRV)
    ]
    return sorted(targets, key=lambda t: (t.priority, -t.weight))
