"""The lab's web: HTTP on port 80 and HTTPS on port 443 of any lab address.

One listener per address serves every host name that resolves there, as virtual hosts do:
routing goes by the ``Host`` header, and over HTTPS the certificate is picked by SNI, so a
test can give each host its own (good or broken) certificate. Every request is logged raw,
query string included, so tests can check exactly what the engine asked for.
"""

from __future__ import annotations

import asyncio
import math
import ssl
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import TYPE_CHECKING

from . import StreamService

if TYPE_CHECKING:
    from collections.abc import Callable

    from .certs import CertKind, LabCA

FOREVER = math.inf  # a route ``delay`` that never answers: the client can only time out
PORTS = {"http": 80, "https": 443}
XML = "text/xml; charset=utf-8"  # nearly every lab route serves a clientConfig document


@dataclass(frozen=True)
class Route:
    """How a lab web server answers one (host, path)."""

    body: bytes = b""
    status: int = 200
    content_type: str = XML
    headers: tuple[tuple[str, str], ...] = ()  # extra headers, e.g. ("Location", url)
    delay: float = 0.0  # seconds before answering; FOREVER to never answer
    # Answers each request itself (a lab server with behaviour, e.g. ``oauth_server``).
    respond: Callable[[HttpRequest], Route] | None = None


NOT_FOUND = Route(b"not found\n", status=404, content_type="text/plain")
BAD_REQUEST = Route(b"bad request\n", status=400, content_type="text/plain")


@dataclass(frozen=True)
class HttpRequest:
    """One request as the server received it; ``query`` is raw, still percent-encoded."""

    scheme: str
    method: str
    host: str  # from the Host header, lower case, port removed
    path: str
    query: str
    headers: dict[str, str] = field(default_factory=dict)  # names in lower case
    body: bytes = b""

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.host}{self.path}" + (f"?{self.query}" if self.query else "")


@dataclass
class _Listener:
    scheme: str
    hosts: list[str]  # the first is the default site, served to clients that send no SNI
    service: StreamService | None = None
    tls: ssl.SSLContext | None = None


class Web:
    """Routes, certificates and request log of all lab sites, and the listeners serving them.

    Routes and certificates may be edited from any thread; the listeners run on the lab loop.
    """

    def __init__(self, ca: LabCA) -> None:
        self._ca = ca
        self._lock = threading.Lock()
        self._routes: dict[tuple[str, str, str], Route] = {}
        self._certs: dict[str, CertKind] = {}
        self._requests: list[HttpRequest] = []
        self._listeners: dict[tuple[str, int], _Listener] = {}

    def add(self, scheme: str, host: str, path: str, route: Route) -> None:
        """Serve ``route`` at ``scheme://host/path``; ``host`` must be canonical."""
        if not path.startswith("/") or "?" in path:
            raise ValueError(f"{path!r}: routes are absolute paths; query strings are ignored")
        with self._lock:
            self._routes[(scheme, host, path)] = route

    def certificate(self, host: str, kind: CertKind) -> None:
        """Have ``host``'s HTTPS site present a ``kind`` certificate (one per host)."""
        with self._lock:
            current = self._certs.setdefault(host, kind)
        if current != kind:
            raise ValueError(f"{host} already presents a {current} certificate, not {kind}")
        self._ca.server_context([host], kind)  # build it now, not during a handshake

    @property
    def requests(self) -> list[HttpRequest]:
        with self._lock:
            return list(self._requests)

    def clear(self) -> None:
        with self._lock:
            self._routes.clear()
            self._certs.clear()
            self._requests.clear()

    async def serve(self, scheme: str, host: str, ip: str) -> None:
        """Make sure ``ip`` listens on ``scheme``'s port and counts ``host`` among its sites."""
        key = (ip, PORTS[scheme])
        listener = self._listeners.get(key)
        if listener is None:
            listener = _Listener(scheme, [host])
            if scheme == "https":
                listener.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
                listener.tls.sni_callback = lambda sslobj, name, _ctx: self._pick_certificate(
                    listener, sslobj, name
                )
            listener.service = StreamService(
                lambda reader, writer: self._serve(listener, reader, writer)
            )
            await listener.service.start(*key)
            self._listeners[key] = listener
        elif host not in listener.hosts:
            listener.hosts.append(host)

    async def stop(self) -> None:
        """Close every listener and the connections they hold."""
        listeners, self._listeners = self._listeners, {}
        for listener in listeners.values():
            if listener.service is not None:
                await listener.service.stop()

    def _pick_certificate(
        self, listener: _Listener, sslobj: ssl.SSLObject, server_name: str | None
    ) -> None:
        host = server_name.lower().rstrip(".") if server_name else None
        with self._lock:
            if host not in self._certs:
                host = listener.hosts[0]  # unknown name: the default site answers, as in life
            kind = self._certs[host]
        sslobj.context = self._ca.server_context([host], kind)

    async def _serve(
        self, listener: _Listener, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        if listener.tls is not None:
            # The handshake runs here rather than in start_server(ssl=...) so that a client
            # stuck mid-handshake belongs to this task and dies with the listener.
            await writer.start_tls(listener.tls)
        request = await _read_request(reader, listener.scheme)
        if request is None:
            route = BAD_REQUEST
        else:
            with self._lock:
                self._requests.append(request)
                route = self._routes.get((listener.scheme, request.host, request.path), NOT_FOUND)
        if route.respond is not None and request is not None:
            route = route.respond(request)
        if route.delay == FOREVER:
            await asyncio.Event().wait()
        await asyncio.sleep(route.delay)
        writer.write(_render(route, with_body=request is None or request.method != "HEAD"))
        await writer.drain()


async def _read_request(reader: asyncio.StreamReader, scheme: str) -> HttpRequest | None:
    """Parse one HTTP/1.1 request; None if it is not one."""
    head = await reader.readuntil(b"\r\n\r\n")
    request_line, *header_lines = head.decode("latin-1").split("\r\n")
    parts = request_line.split(" ")
    if len(parts) != 3 or not parts[2].startswith("HTTP/"):
        return None
    method, target, _ = parts
    headers = {
        name.strip().lower(): value.strip()
        for name, _, value in (line.partition(":") for line in header_lines if line)
    }
    length = headers.get("content-length", "0")
    if not length.isdigit():
        return None
    body = await reader.readexactly(int(length))
    path, _, query = target.partition("?")
    host = headers.get("host", "").partition(":")[0].lower().rstrip(".")
    return HttpRequest(scheme, method, host, path, query, headers, body)


def _render(route: Route, *, with_body: bool) -> bytes:
    try:
        reason = HTTPStatus(route.status).phrase
    except ValueError:
        reason = "Unknown"
    headers = [
        ("Content-Type", route.content_type),
        ("Content-Length", str(len(route.body))),
        ("Connection", "close"),
        *route.headers,
    ]
    head = f"HTTP/1.1 {route.status} {reason}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers)
    return (head + "\r\n").encode("latin-1") + (route.body if with_body else b"")
