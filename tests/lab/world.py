"""``Lab``: the simulated internet a test builds, one call per fact about the world.

All servers run on one background thread with its own asyncio loop, so the same lab serves
synchronous tests, async tests on their own loops, a CLI in a subprocess and Qt tests. Every
public method is an ordinary blocking call; when it returns, the world is in that state.

    ip = lab.mx("example.test", "mx.provider.test")
    lab.https("autoconfig.example.test", "/mail/config-v1.1.xml", xml)
    lab.smtp("smtp.provider.test", 465, SmtpBehaviour(security=Security.SSL))
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import os
import socket
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from . import firewall
from .certs import CertKind, LabCA
from .dns_server import DNS_IP, DnsServer, canonical_name
from .http_server import XML, Route, Web
from .imap_server import ImapBehaviour, LabImapServer
from .oauth_server import PATHS as OAUTH_PATHS
from .oauth_server import LabAuthServer, OAuthBehaviour
from .smtp_server import LabSmtpServer, SmtpBehaviour

if TYPE_CHECKING:
    from collections.abc import Coroutine, Iterator, Mapping

    from .dns_server import DnsQuery
    from .http_server import HttpRequest

T = TypeVar("T")
LOOPBACK = ipaddress.ip_network("127.0.0.0/8")
CALL_TIMEOUT = 10.0  # seconds a lab call may take before the test is told the lab is stuck
RUN_IN_LAB = "tests/lab/run-in-lab"


class LabError(RuntimeError):
    """The lab is not usable, or one of its servers failed during a test."""


class Lab:
    """The whole lab world: DNS for every name, web sites, SMTP servers and a firewall.

    ``reset()`` returns it to an empty world (no names resolve) between tests; the DNS server
    and the loop live until ``close()``.
    """

    def __init__(self) -> None:
        check_isolated()
        self._cleanup = contextlib.ExitStack()
        try:
            directory = self._cleanup.enter_context(
                tempfile.TemporaryDirectory(prefix="wizard-lab-")
            )
            self.ca = LabCA(Path(directory))
            self._no_cas = Path(directory) / "no-more-cas"  # an empty CA folder, see env()
            self._no_cas.mkdir()
            self.dns = DnsServer()
            self.web = Web(self.ca)
            self._smtp: list[LabSmtpServer] = []
            self._imap: list[LabImapServer] = []
            self._errors: list[str] = []
            self._free = _addresses()
            self._taken: set[str] = set()
            self._firewalled = False
            self._loop = asyncio.new_event_loop()
            self._loop.set_exception_handler(self._on_loop_error)
            self._thread = threading.Thread(
                target=self._loop.run_forever, name="wizard-lab", daemon=True
            )
            self._thread.start()
            self._cleanup.callback(self._stop_loop)
            self._call(self.dns.start())
            self._cleanup.callback(lambda: self._call(self.dns.stop()))
        except BaseException:
            self._cleanup.close()
            raise

    def __enter__(self) -> Lab:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop everything and delete the lab's files."""
        with self._cleanup:
            self.reset()

    # -- building the world -------------------------------------------------------------------

    def host(self, name: str, ip: str | None = None) -> str:
        """Give ``name`` an address and return it: ``ip``, its existing one, or a fresh one.

        Fresh addresses are 127.0.N.M with N >= 1, never reused within a session, so a
        straggler from an earlier test cannot reach a server of the current one. A CNAME is
        followed: the address goes to the name it leads to.
        """
        target = self.dns.alias_target(name)
        existing = self.dns.records(target, "A")
        if ip is None:
            if existing:
                return existing[0]
            ip = next(address for address in self._free if address not in self._taken)
        elif ipaddress.ip_address(ip) not in LOOPBACK:
            raise ValueError(f"{ip}: lab servers live in 127.0.0.0/8 only")
        self._taken.add(ip)
        if ip not in existing:
            self.dns.add(target, "A", ip)
        return ip

    def mx(self, domain: str, host: str, preference: int = 10) -> str:
        """Add an MX record for ``domain``; returns ``host``'s address (given one if new)."""
        self.dns.add(domain, "MX", f"{preference} {host}")
        return self.host(host)

    def srv(
        self, service_name: str, target: str, port: int, priority: int = 0, weight: int = 0
    ) -> str | None:
        """Add an SRV record such as ``_submissions._tcp.example.test``; returns the target's
        address, or None for the target ".", which means "no such service" (RFC 2782)."""
        self.dns.add(service_name, "SRV", f"{priority} {weight} {port} {target}")
        return None if target == "." else self.host(target)

    def https(
        self,
        host: str,
        path: str,
        body: bytes | str,
        status: int = 200,
        delay: float = 0.0,
        cert: CertKind = CertKind.VALID,
        headers: Mapping[str, str] | None = None,
        content_type: str = XML,
    ) -> str:
        """Serve ``body`` at ``https://host/path``; returns the host's address.

        ``cert`` is the host's certificate for all its paths. ``delay`` may be
        ``http_server.FOREVER``. Headers such as ``Location`` make redirects.
        """
        self.web.certificate(canonical_name(host), cert)
        return self._site("https", host, path, body, status, delay, headers, content_type)

    def http(
        self,
        host: str,
        path: str,
        body: bytes | str,
        status: int = 200,
        delay: float = 0.0,
        headers: Mapping[str, str] | None = None,
        content_type: str = XML,
    ) -> str:
        """Serve ``body`` at ``http://host/path`` (port 80); returns the host's address."""
        return self._site("http", host, path, body, status, delay, headers, content_type)

    def smtp(self, host: str, port: int, behaviour: SmtpBehaviour | None = None) -> LabSmtpServer:
        """Start an SMTP server for ``host`` on its address (given one if new) and ``port``."""
        ip = self.host(host)

        async def start() -> LabSmtpServer:
            server = LabSmtpServer(
                ip, port, canonical_name(host), behaviour or SmtpBehaviour(), self.ca
            )
            await server.start()
            self._smtp.append(server)
            return server

        return self._call(start())

    def imap(self, host: str, port: int, behaviour: ImapBehaviour | None = None) -> LabImapServer:
        """Start a (pre-login) IMAP server for ``host`` on its address and ``port``."""
        ip = self.host(host)

        async def start() -> LabImapServer:
            server = LabImapServer(
                ip, port, canonical_name(host), behaviour or ImapBehaviour(), self.ca
            )
            await server.start()
            self._imap.append(server)
            return server

        return self._call(start())

    def oauth(self, host: str, behaviour: OAuthBehaviour | None = None) -> LabAuthServer:
        """Run an OAuth2 authorization server (issuer ``https://host``) on ``host``'s HTTPS."""
        server = LabAuthServer(host, behaviour or OAuthBehaviour())
        name = canonical_name(host)
        self.web.certificate(name, CertKind.VALID)
        for path in OAUTH_PATHS.values():
            ip = self.host(name)
            self.web.add("https", name, path, Route(respond=server.respond))
            self._call(self.web.serve("https", name, ip))
        return server

    def blackhole(self, host: str, port: int) -> None:
        """Make connections to ``host:port`` hang unanswered, like a firewalled dead host.

        ``host`` is a name (all its addresses, given one if new) or a 127.x.y.z address.
        """
        try:
            addresses = [str(ipaddress.ip_address(host))]
        except ValueError:
            self.host(host)
            addresses = self.dns.records(self.dns.alias_target(host), "A")
        self._firewalled = True
        for ip in addresses:
            firewall.blackhole(ip, port)

    # -- observing it -------------------------------------------------------------------------

    @property
    def ca_pem(self) -> Path:
        """The lab CA certificate: what ``SSL_CERT_FILE`` must name for lab TLS to verify."""
        return self.ca.ca_pem

    @property
    def requests(self) -> list[HttpRequest]:
        """Every HTTP(S) request received since the last reset, in order."""
        return self.web.requests

    @property
    def dns_queries(self) -> list[DnsQuery]:
        """Every DNS question asked since the last reset, in order."""
        return self.dns.queries

    def env(self) -> dict[str, str]:
        """The environment for a subprocess: this one, trusting exactly the lab CA.

        The machines export ``SSL_CERT_DIR`` and ``REQUESTS_CA_BUNDLE`` to every process;
        left in place they would add the real roots (or replace ours) in the child, and an
        unset ``SSL_CERT_DIR`` falls back to the system's CA folder, so it names an empty one.
        """
        env = dict(os.environ, SSL_CERT_FILE=str(self.ca_pem), SSL_CERT_DIR=str(self._no_cas))
        env.pop("REQUESTS_CA_BUNDLE", None)
        return env

    def reset(self) -> None:
        """Empty the world: stop web and SMTP servers, forget records, logs and blackholes.

        Raises ``LabError`` if a lab server failed since the last reset, so that the test
        during which it happened fails instead of passing on a broken lab.
        """
        try:
            self._call(self._stop_servers())
        finally:
            self.dns.clear()
            self.web.clear()
            if self._firewalled:  # nft takes ~20 ms: only pay it after a blackhole
                firewall.clear()
                self._firewalled = False
        errors, self._errors = self._errors, []
        if errors:
            raise LabError("lab servers failed during the test:\n" + "\n".join(errors))

    # -- plumbing -----------------------------------------------------------------------------

    def _site(
        self,
        scheme: str,
        host: str,
        path: str,
        body: bytes | str,
        status: int,
        delay: float,
        headers: Mapping[str, str] | None,
        content_type: str,
    ) -> str:
        name = canonical_name(host)
        ip = self.host(name)
        content = body.encode() if isinstance(body, str) else body
        extra = tuple((headers or {}).items())
        self.web.add(scheme, name, path, Route(content, status, content_type, extra, delay))
        self._call(self.web.serve(scheme, name, ip))
        return ip

    async def _stop_servers(self) -> None:
        servers, self._smtp = self._smtp, []
        imap, self._imap = self._imap, []
        results = await asyncio.gather(
            *(server.stop() for server in servers),
            *(server.stop() for server in imap),
            self.web.stop(),
            return_exceptions=True,
        )
        self._errors += [
            f"stopping a server: {result!r}"
            for result in results
            if isinstance(result, BaseException)
        ]

    def _call(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """Run ``coroutine`` on the lab loop and wait for its result."""
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(CALL_TIMEOUT)

    def _on_loop_error(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        self._errors.append(f"{context.get('message')}: {context.get('exception')!r}")
        loop.default_exception_handler(context)

    def _stop_loop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()


def check_isolated() -> None:
    """Refuse to run anywhere but the lab's namespace, where DNS and routes are ours.

    Outside it the lab would bind the host's 127.0.0.53 (systemd-resolved), edit the host's
    firewall, and the code under test would reach the real internet.
    """
    interfaces = sorted(name for _, name in socket.if_nameindex())
    if interfaces != ["lo"]:
        raise LabError(
            f"not in the lab network namespace (interfaces: {', '.join(interfaces)}); "
            f"run the tests through {RUN_IN_LAB}"
        )
    resolv = Path("/etc/resolv.conf").read_text(encoding="utf-8").split("\n")
    servers = [line.split()[1] for line in resolv if line.startswith("nameserver ")]
    if servers != [DNS_IP]:
        raise LabError(f"/etc/resolv.conf does not point at the lab DNS; use {RUN_IN_LAB}")


def _addresses() -> Iterator[str]:
    """Fresh lab addresses; 127.0.0.x (localhost, the lab DNS) is left alone."""
    for n in range(1, 256):
        for m in range(1, 255):
            yield f"127.0.{n}.{m}"
