"""What every step of the domain check is handed: the question, the deadlines, shared lookups."""

from __future__ import annotations

import asyncio
import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import dns.asyncresolver
import dns.exception
import dns.resolver

from wizard.domaincheck.model import Check, Finding, FindingCode, Severity
from wizard.net.dns import DnsError, DomainNotFoundError, lookup_mx
from wizard.values import is_ip_address

if TYPE_CHECKING:
    from collections.abc import Callable, Coroutine

    import httpx

T = TypeVar("T")


@dataclass(frozen=True)
class DomainDeadlines:
    """Seconds each kind of step may take; ``total`` caps the whole check."""

    total: float = 10.0
    dns: float = 3.0  # each DNS question
    https: float = 5.0  # the MTA-STS policy download


@dataclass(frozen=True)
class StepResult:
    """What one step found, and its technical account for the helpdesk."""

    findings: tuple[Finding, ...]
    detail: str = ""


class StepFailedError(Exception):
    """DNS failed (not timed out) for this step: nothing could be concluded."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


@dataclass
class CheckContext:
    """The question and the lookups several steps share (each made once, on first use)."""

    domain: str
    server: str | None
    selectors: tuple[str, ...]
    deadlines: DomainDeadlines
    resolver: dns.asyncresolver.Resolver
    http: httpx.AsyncClient
    _shared: dict[str, asyncio.Task[list[str]]] = field(default_factory=dict)

    async def mx_hosts(self) -> list[str]:
        """The domain's MX hosts, most preferred first."""
        return await self._once("mx", self._mx)

    async def server_addresses(self) -> list[str]:
        """The outgoing server's IPv4 and IPv6 addresses (empty without a server)."""
        return await self._once("addresses", self._addresses)

    def known_server_addresses(self) -> list[str]:
        """The server's addresses if a step already looked them up in time; never waits."""
        task = self._shared.get("addresses")
        if task is None or not task.done() or task.cancelled() or task.exception() is not None:
            return []
        return task.result()

    async def _once(
        self, key: str, lookup: Callable[[], Coroutine[Any, Any, list[str]]]
    ) -> list[str]:
        task = self._shared.get(key)
        if task is None:
            task = self._shared[key] = asyncio.ensure_future(lookup())
        return await asyncio.shield(task)

    async def _mx(self) -> list[str]:
        try:
            return await lookup_mx(self.resolver, self.domain)
        except DomainNotFoundError:
            return []
        except DnsError as err:
            if err.detail == "timeout":
                raise TimeoutError(str(err)) from err
            raise StepFailedError(str(err)) from err

    async def _addresses(self) -> list[str]:
        if not self.server:
            return []
        if is_ip_address(self.server):  # an account set up with its server's IP address
            return [self.server]
        found: list[str] = []
        for rdtype in ("A", "AAAA"):
            try:
                answer = await self.resolver.resolve(self.server, rdtype, search=False)
            except (dns.resolver.NoAnswer, dns.resolver.NXDOMAIN):
                continue
            except dns.exception.Timeout as err:
                raise TimeoutError(f"{self.server} {rdtype}") from err
            except dns.exception.DNSException as err:
                raise StepFailedError(f"{self.server} {rdtype}: {err}") from err
            found += [str(rdata.address) for rdata in answer]
        return found


async def blocking(call: Callable[..., T], *args: object) -> T:
    """Run a library's blocking call on a worker thread (the loop's default executor)."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, functools.partial(call, *args))


def finding(check: Check, code: FindingCode, severity: Severity, **values: object) -> Finding:
    """A finding with its values as text, in a stable order."""
    return Finding(check, code, severity, tuple((k, str(v)) for k, v in values.items()))
