"""The loopback redirect listener of a browser sign-in (RFC 8252 section 7.3).

It listens on 127.0.0.1 only, on a port the OS picks, and takes exactly one redirect: the
first request to its path that carries this sign-in's ``state``. Then it stops listening, so
a second redirect finds nobody there. A request without the right ``state`` (another local
program, a stale browser tab, a forged link) is answered "not for this sign-in" and otherwise
ignored: it can neither end nor steer the sign-in. The page the browser shows afterwards is in
the user's language (``SignInPages``) and carries a strict Content-Security-Policy.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import secrets
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import parse_qs, urlsplit

LOOPBACK_IP = "127.0.0.1"
MAX_REQUEST_BYTES = 16 * 1024
READ_TIMEOUT = 10.0  # seconds a connection may take to send its request


@dataclass(frozen=True)
class SignInPages:
    """What the browser shows after the redirect, already in the user's language."""

    title: str  # "Email Setup Wizard"
    done: str  # "You are signed in. You can close this window."
    failed: str  # "Signing in did not work: {error}. You can close this window."
    foreign: str  # "This page does not belong to the sign-in in progress."


@dataclass(frozen=True)
class Redirect:
    """The parameters of the one redirect that belonged to this sign-in."""

    parameters: dict[str, str]


class RedirectListener:
    """A one-shot HTTP listener on 127.0.0.1; ``async with`` it to start and stop it."""

    def __init__(self, state: str, pages: SignInPages) -> None:
        self._state = state
        self._pages = pages
        # Just "/": issuers match a registered loopback redirect ("http://localhost") by path,
        # whatever the port; the state, not the path, tells this sign-in's redirect apart.
        self._path = "/"
        self._server: asyncio.Server | None = None
        self._result: asyncio.Future[Redirect] | None = None
        self.rejected = 0  # requests that did not belong to this sign-in

    async def __aenter__(self) -> RedirectListener:
        self._result = asyncio.get_running_loop().create_future()
        self._server = await asyncio.start_server(self._serve, LOOPBACK_IP, 0)
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def port(self) -> int:
        assert self._server is not None
        return int(self._server.sockets[0].getsockname()[1])

    def redirect_uri(self, host: str = LOOPBACK_IP) -> str:
        """The redirect URI to register with the authorization request; ``host`` is how it
        is written (some issuers register ``localhost``), the listener is on 127.0.0.1."""
        return f"http://{host}:{self.port}{self._path}"

    async def redirect(self) -> Redirect:
        """Wait for the redirect that belongs to this sign-in (cancel to give up)."""
        assert self._result is not None
        return await asyncio.shield(self._result)

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._result is not None and not self._result.done():
            self._result.cancel()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            async with asyncio.timeout(READ_TIMEOUT):
                target = await _read_target(reader)
            status, body = self._answer(target)
            writer.write(_response(status, self._pages.title, body))
            await writer.drain()
        except (
            TimeoutError,
            ConnectionError,
            asyncio.IncompleteReadError,
            asyncio.LimitOverrunError,
            ValueError,
        ):
            pass
        finally:
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()

    def _answer(self, target: str | None) -> tuple[HTTPStatus, str]:
        if target is None:
            return HTTPStatus.BAD_REQUEST, self._pages.foreign
        parts = urlsplit(target)
        query = {name: values[0] for name, values in parse_qs(parts.query).items()}
        state = query.get("state", "")
        taken = self._result is None or self._result.done()
        if parts.path != self._path or taken or not secrets.compare_digest(state, self._state):
            self.rejected += 1
            return HTTPStatus.BAD_REQUEST, self._pages.foreign
        assert self._result is not None
        self._result.set_result(Redirect(query))
        if self._server is not None:
            self._server.close()  # one redirect only: later ones find nobody listening
        error = query.get("error")
        if error:
            return HTTPStatus.OK, self._pages.failed.format(error=error)
        return HTTPStatus.OK, self._pages.done


async def _read_target(reader: asyncio.StreamReader) -> str | None:
    """The request target of a GET request, or None for anything else."""
    head = await reader.readuntil(b"\r\n\r\n")
    if len(head) > MAX_REQUEST_BYTES:
        return None
    request_line = head.split(b"\r\n", 1)[0].decode("latin-1")
    parts = request_line.split(" ")
    if len(parts) != 3 or parts[0] != "GET" or not parts[2].startswith("HTTP/"):
        return None
    return parts[1]


def _response(status: HTTPStatus, title: str, text: str) -> bytes:
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head>"
        f"<body><h1>{html.escape(title)}</h1><p>{html.escape(text)}</p></body></html>"
    ).encode()
    head = (
        f"HTTP/1.1 {status.value} {status.phrase}\r\n"
        "Content-Type: text/html; charset=utf-8\r\n"
        f"Content-Length: {len(page)}\r\n"
        "Content-Security-Policy: default-src 'none'\r\n"
        "Referrer-Policy: no-referrer\r\n"
        "Cache-Control: no-store\r\n"
        "Connection: close\r\n\r\n"
    )
    return head.encode("latin-1") + page
