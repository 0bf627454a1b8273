"""The DNS questions detection asks (MX, SRV), through the system's configured resolver.

dnspython's async resolver reads ``/etc/resolv.conf`` like every other program, so tests and
users get the same behaviour; it needs no threads, so a slow DNS server never occupies a worker.
"""

from __future__ import annotations

import asyncio
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


class Questions:
    """One resolver's questions, each asked once for all who ask it while this lives.

    ``detect`` looks for the outgoing and the incoming server in two runs at once, which ask
    many of the same questions (the domain's MX, its mail hosts' addresses): each goes out
    once, and both runs read its answer, or its error. And ``ask`` sends a question before
    anyone needs it: the command line asks the one that tells whether the domain exists
    before detection has even loaded, which then uses its answer.

    Whoever made it closes it (``close``) once every run using it has ended.
    """

    def __init__(self, resolver: dns.asyncresolver.Resolver) -> None:
        self.resolver = resolver
        self._asked: dict[tuple[str, str], asyncio.Task[dns.resolver.Answer | None]] = {}

    def ask(self, name: str, rdtype: str) -> None:
        """Send the question now; its answer is kept for whoever asks it next."""
        self._question(name, rdtype)

    async def answer(self, name: str, rdtype: str) -> dns.resolver.Answer | None:
        """As ``_query``, but asked only if nobody has asked it yet. A caller that stops
        waiting leaves the question to the others."""
        return await asyncio.shield(self._question(name, rdtype))

    def _question(self, name: str, rdtype: str) -> asyncio.Task[dns.resolver.Answer | None]:
        key = (name.lower(), rdtype)
        question = self._asked.get(key)
        if question is None:
            question = self._asked[key] = asyncio.ensure_future(_query(self.resolver, name, rdtype))
        return question

    async def close(self) -> None:
        """Stop the questions still waiting for their answer."""
        for question in self._asked.values():
            question.cancel()
        # Their errors were seen by whoever asked; an early question's, perhaps by nobody.
        await asyncio.gather(*self._asked.values(), return_exceptions=True)


Asker = dns.asyncresolver.Resolver | Questions
"""A resolver, or the questions a detection shares (``Questions``)."""


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


async def _ask(resolver: Asker, name: str, rdtype: str) -> dns.resolver.Answer | None:
    if isinstance(resolver, Questions):
        return await resolver.answer(name, rdtype)
    return await _query(resolver, name, rdtype)


async def has_address(resolver: Asker, host: str, rdtype: str) -> bool:
    """Whether ``host`` has an address of ``rdtype`` ("A" or "AAAA"); errors propagate."""
    try:
        return await _ask(resolver, host, rdtype) is not None
    except DomainNotFoundError:
        return False


async def lookup_mx(resolver: Asker, domain: str) -> list[str]:
    """MX hosts, most preferred first; empty for no MX or a null MX (RFC 7505)."""
    answer = await _ask(resolver, domain, "MX")
    if answer is None:
        return []
    records = sorted(
        (r for r in answer if isinstance(r, dns.rdtypes.ANY.MX.MX)), key=lambda r: r.preference
    )
    hosts = [_host(r.exchange) for r in records]
    return [h for h in hosts if h]


async def lookup_srv(resolver: Asker, name: str) -> list[SrvTarget]:
    """SRV targets ordered by priority, then by weight (heaviest first)."""
    try:
        answer = await _ask(resolver, name, "SRV")
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
