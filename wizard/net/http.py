"""Fetching small configuration documents over HTTP(S) with hard limits.

Autoconfig servers are untrusted input: a response may be huge, redirect forever or trickle
bytes. Every fetch here is capped in size, redirects and time, and certificates are checked
against the OS trust store (``wizard.net.tls``) so corporate CAs work.
"""

from __future__ import annotations

import socket
import ssl
from dataclasses import dataclass
from enum import StrEnum

import httpx

from wizard import __version__
from wizard.errors import WizardError
from wizard.net.tls import client_context

MAX_REDIRECTS = 5


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
    """One client per detection, shared by every source so connections can be reused."""
    return httpx.AsyncClient(
        verify=client_context(),
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        timeout=httpx.Timeout(read_timeout, connect=connect_timeout),
        headers={"User-Agent": f"EmailSetupWizard/{__version__}"},
        trust_env=False,  # a proxy from the environment must not see the address we look up
    )


async def fetch_document(client: httpx.AsyncClient, url: str, *, max_bytes: int) -> Fetched | None:
    """GET ``url``; the body, ``None`` when the server says there is no such document.

    The body is streamed and abandoned as soon as it exceeds ``max_bytes``, so a hostile
    server cannot make us download a large file.
    """
    try:
        async with client.stream("GET", url) as response:
            if response.status_code in (404, 410):
                return None
            if response.status_code != 200:
                raise FetchError(FetchProblem.STATUS, url, f"HTTP {response.status_code}")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(FetchProblem.TOO_LARGE, url, f"{declared} bytes")
            body = bytearray()
            async for chunk in response.aiter_bytes():
                body += chunk
                if len(body) > max_bytes:
                    raise FetchError(FetchProblem.TOO_LARGE, url, f"over {max_bytes} bytes")
            hops = [*response.history, response]
            secure = all(hop.url.scheme == "https" for hop in hops)
            return Fetched(str(response.url), bytes(body), secure)
    except httpx.TooManyRedirects as err:
        raise FetchError(FetchProblem.REDIRECTS, url, str(err)) from err
    except httpx.TimeoutException as err:
        raise FetchError(FetchProblem.TIMEOUT, url, type(err).__name__) from err
    except httpx.ConnectError as err:
        raise FetchError(_connect_problem(err), url, str(err) or type(err).__name__) from err
    except (httpx.TransportError, httpx.DecodingError) as err:
        raise FetchError(FetchProblem.PROTOCOL, url, str(err) or type(err).__name__) from err


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
