"""Fetching small configuration documents over HTTP(S) with hard limits.

Autoconfig servers are untrusted input: a response may be huge, redirect forever or trickle
bytes. Every fetch here is capped in size, redirects and time, and certificates are checked
against the OS trust store (``wizard.net.tls``) so corporate CAs work.

The size cap holds for what the body inflates to, checked while it inflates: a 2 KB answer
with ``Content-Encoding: gzip, gzip`` can stand for a gigabyte, and a decoder that inflates a
whole chunk before anyone looks has already spent the memory. So the body is read raw and
undone here, one bounded step at a time; stacked encodings, which no real server sends, are
refused outright.
"""

from __future__ import annotations

import importlib
import socket
import ssl
import sys
import zlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import httpx

from wizard import __version__
from wizard.errors import WizardError
from wizard.net.tls import client_context

if TYPE_CHECKING:
    import httpcore


def _import_httpcore_without_http2() -> None:
    """Import httpcore, which httpx loads as its first client is made, without HTTP/2.

    httpcore imports its HTTP/2 connection, and with it h2, hpack and hyperframe, whenever h2
    is installed; and it is, brought by dnspython's DNS-over-HTTPS extra, which checkdmarc asks
    for. Nothing here speaks HTTP/2 (httpx does so only when a client asks, ``http2=True``),
    yet those imports cost nearly as much again as the rest of httpcore (15 ms and more on a
    slow machine). httpcore's own answer to a missing h2 is to leave HTTP/2 out, so h2 is made
    to look missing while httpcore loads, and only then: a later ``import h2`` works as usual.
    Meanwhile it would fail on another thread too, but nothing in this program imports h2
    (DNS over HTTPS is switched off, ``wizard.net.dns``).
    """
    if "httpcore" in sys.modules or "h2" in sys.modules:
        return  # loaded already: nothing left to leave out
    sys.modules["h2"] = None  # type: ignore[assignment]  # import raises ModuleNotFoundError
    try:
        importlib.import_module("httpcore")
    except ImportError:
        pass  # a release that needs h2 after all: httpx imports it as it is, with h2
    finally:
        del sys.modules["h2"]


# Here rather than in ``new_client``: this module is imported in the background, and the first
# client is made on the event loop, which should not wait for httpcore.
_import_httpcore_without_http2()

MAX_REDIRECTS = 5
# Only the codings this module can undo with a running cap (zlib's ``max_length``) are asked for.
ACCEPTED_ENCODINGS = "gzip, deflate"


class FetchProblem(StrEnum):
    """Why a document could not be fetched."""

    NO_SUCH_HOST = "no-such-host"  # the name does not resolve: nothing published there
    REFUSED = "refused"  # nothing listens: nothing published there either
    STATUS = "status"  # an HTTP error other than "not found"
    TOO_LARGE = "too-large"
    CERTIFICATE = "certificate"
    CONNECT = "connect"
    TIMEOUT = "timeout"
    REDIRECTS = "redirects"
    PROTOCOL = "protocol"
    ENCODING = "encoding"  # a content encoding refused: stacked, or one that was not asked for


ABSENT = frozenset({FetchProblem.NO_SUCH_HOST, FetchProblem.REFUSED})


class FetchError(WizardError):
    """A fetch failed (``None`` is returned for a plain 404).

    ``absent`` failures only mean nobody publishes a document there, which is the usual case
    for a domain without autoconfig; the others mean something is there but broken.
    """

    def __init__(self, problem: FetchProblem, url: str, detail: str = "") -> None:
        super().__init__(f"{problem.value}: {url}" + (f" ({detail})" if detail else ""))
        self.problem = problem
        self.url = url
        self.detail = detail

    @property
    def absent(self) -> bool:
        return self.problem in ABSENT


@dataclass(frozen=True)
class Fetched:
    """A document, where it finally came from (after redirects), and whether every hop was
    verified HTTPS: one plain-HTTP hop anywhere lets anyone on the path choose the content."""

    url: str
    body: bytes
    secure: bool


def new_client(*, connect_timeout: float = 4.0, read_timeout: float = 5.0) -> httpx.AsyncClient:
    """One client per detection, shared by every source so connections can be reused.

    Redirects are followed by ``fetch_document`` itself: httpx would read each redirect's body
    in full, and inflate it, before going on.
    """
    return httpx.AsyncClient(
        transport=_ClosingTransport(client_context()),
        follow_redirects=False,
        timeout=httpx.Timeout(read_timeout, connect=connect_timeout),
        headers={
            "User-Agent": f"EmailSetupWizard/{__version__}",
            "Accept-Encoding": ACCEPTED_ENCODINGS,
        },
        trust_env=False,  # a proxy from the environment must not see the address we look up
    )


_Trace = Callable[[str, dict[str, Any]], Awaitable[None]]


class _ClosingTransport(httpx.AsyncBaseTransport):
    """httpx's own transport, except that a request cancelled during a TLS handshake closes
    the connection it was making.

    Detection cancels fetches all the time (a better answer came, a deadline ran out), often
    mid-handshake with a slow server. httpcore closes a half-made connection when its handshake
    fails, but not when the task is cancelled: the socket was left open, to the garbage
    collector, and the server kept the connection until then. httpcore's ``trace`` extension
    names each connection as it is made; this closes it if the handshake is cancelled.
    """

    def __init__(self, verify: ssl.SSLContext) -> None:
        self._inner = httpx.AsyncHTTPTransport(verify=verify, trust_env=False)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        handshaking: list[httpcore.AsyncNetworkStream] = []
        outer: _Trace | None = request.extensions.get("trace")

        async def trace(event: str, info: dict[str, Any]) -> None:
            if event == "connection.connect_tcp.complete":
                handshaking.append(info["return_value"])
            elif event in ("connection.start_tls.complete", "connection.start_tls.failed"):
                # A failed handshake (an Exception) was closed by httpcore; a cancelled one not.
                if "exception" in info and not isinstance(info["exception"], Exception):
                    for stream in handshaking:
                        await stream.aclose()
                handshaking.clear()
            if outer is not None:
                await outer(event, info)

        request.extensions = {**request.extensions, "trace": trace}
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()


async def fetch_document(
    client: httpx.AsyncClient, url: str, *, max_bytes: int, max_redirects: int = MAX_REDIRECTS
) -> Fetched | None:
    """GET ``url``; the body, ``None`` when the server says there is no such document.

    At most ``max_redirects`` redirects are followed, each without reading its body; one more
    is ``FetchError(REDIRECTS)`` naming where it led, and is not requested (an MTA-STS policy
    fetch allows none: RFC 8461, 3.3). The body
    is streamed and abandoned as soon as it, or what it inflates to, exceeds ``max_bytes``,
    so a hostile server cannot make us download, or inflate, a large file.
    """
    try:
        request = client.build_request("GET", url)
        schemes: list[str] = []
        for _ in range(max_redirects + 1):
            response = await client.send(request, stream=True)
            try:
                schemes.append(response.url.scheme)
                if response.next_request is None:
                    body = await _body(response, url, max_bytes)
                    secure = all(scheme == "https" for scheme in schemes)
                    return None if body is None else Fetched(str(response.url), body, secure)
                request = response.next_request
            finally:
                await response.aclose()
        # ``request`` is the redirect one too many, never sent.
        detail = f"redirected to {request.url}, not followed"
        if max_redirects:
            detail += f" after {max_redirects} redirects"
        raise FetchError(FetchProblem.REDIRECTS, url, detail)
    except httpx.TimeoutException as err:
        raise FetchError(FetchProblem.TIMEOUT, url, type(err).__name__) from err
    except httpx.ConnectError as err:
        raise FetchError(_connect_problem(err), url, str(err) or type(err).__name__) from err
    except (httpx.TransportError, httpx.DecodingError) as err:
        raise FetchError(FetchProblem.PROTOCOL, url, str(err) or type(err).__name__) from err
    except zlib.error as err:  # the body is not what its Content-Encoding says
        raise FetchError(FetchProblem.PROTOCOL, url, f"bad compressed data: {err}") from err


async def _body(response: httpx.Response, url: str, max_bytes: int) -> bytes | None:
    """The final response's document, inflated under the cap; None for "no such document"."""
    if response.status_code in (404, 410):
        return None
    if response.status_code != 200:
        raise FetchError(FetchProblem.STATUS, url, f"HTTP {response.status_code}")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(FetchProblem.TOO_LARGE, url, f"{declared} bytes")
    inflate = _inflater(response.headers.get("content-encoding", ""), url)
    received = 0
    body = bytearray()
    async for chunk in response.aiter_raw():
        received += len(chunk)
        # Never more than one byte past the cap, however far the chunk would inflate.
        body += inflate(chunk, max_bytes + 1 - len(body))
        if received > max_bytes or len(body) > max_bytes:
            raise FetchError(FetchProblem.TOO_LARGE, url, f"over {max_bytes} bytes")
    return bytes(body)


Inflate = Callable[[bytes, int], bytes]
"""Undoes a content coding for the next piece of the raw body, producing at most the given
number of bytes; more would only be produced beyond the cap, so they are not wanted."""


def _inflater(header: str, url: str) -> Inflate:
    """The decoder for a ``Content-Encoding`` header, or ``FetchError(ENCODING)``."""
    codings = [
        c.strip().lower() for c in header.split(",") if c.strip().lower() not in ("", "identity")
    ]
    if len(codings) > 1:
        raise FetchError(FetchProblem.ENCODING, url, f"stacked content encodings: {header}")
    if not codings:
        return lambda data, _room: data  # the caller's cap counts it as it comes
    if codings[0] in ("gzip", "x-gzip"):
        return _zlib_inflater(zlib.MAX_WBITS | 16)  # gzip header and trailer
    if codings[0] == "deflate":
        return _zlib_inflater(zlib.MAX_WBITS, raw_fallback=True)
    raise FetchError(FetchProblem.ENCODING, url, f"content encoding not asked for: {header}")


def _zlib_inflater(wbits: int, *, raw_fallback: bool = False) -> Inflate:
    """A bounded zlib decoder. ``raw_fallback``: HTTP's "deflate" is meant to be zlib-wrapped,
    but some servers send the bare deflate stream; as browsers do, that is accepted too."""
    decoder = zlib.decompressobj(wbits)
    started = False

    def inflate(data: bytes, room: int) -> bytes:
        nonlocal decoder, started
        try:
            out = decoder.decompress(data, room)
        except zlib.error:
            if started or not raw_fallback:
                raise
            decoder = zlib.decompressobj(-zlib.MAX_WBITS)
            out = decoder.decompress(data, room)
        started = True
        return out

    return inflate


def _connect_problem(err: BaseException) -> FetchProblem:
    """httpx wraps the real cause; walk the chain to tell "not there" from "broken"."""
    current: BaseException | None = err
    while current is not None:
        if isinstance(current, ssl.SSLCertVerificationError):
            return FetchProblem.CERTIFICATE
        if isinstance(current, socket.gaierror):
            return FetchProblem.NO_SUCH_HOST
        if isinstance(current, ConnectionRefusedError):
            return FetchProblem.REFUSED
        current = current.__cause__ or current.__context__
    text = str(err)
    if "CERTIFICATE_VERIFY_FAILED" in text:
        return FetchProblem.CERTIFICATE
    if "Name or service not known" in text or "No address associated" in text:
        return FetchProblem.NO_SUCH_HOST
    if "Connection refused" in text:
        return FetchProblem.REFUSED
    return FetchProblem.CONNECT
