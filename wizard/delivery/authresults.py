"""What the receiving server said about the test message: its Authentication-Results (RFC 8601)
and the DKIM signatures the message carries.

Only the receiving side's verdict counts, and only headers it wrote (RFC 8601 section 5): the
copy that arrived carries, above the oldest ``Received`` header (the one the outgoing server
added when it accepted the message), what the servers on the way added afterwards; everything
below it came with the message, where anyone could have written anything. Of the
Authentication-Results above that line, the topmost one was added last, by the receiving
server: its authserv-id is the one trusted, and only results under that id are read. A header
that cannot be parsed is not guessed at.

``authres`` (the parser behind authheaders) reads the header grammar; the DKIM-Signature's tag
list (RFC 6376 section 3.2) needs only its ``d=`` and ``s=`` tags.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.message import Message
from typing import TYPE_CHECKING

import authres

if TYPE_CHECKING:
    from collections.abc import Sequence

# The methods the wizard explains, in the order it shows them.
METHODS = ("spf", "dkim", "dmarc", "arc")


@dataclass(frozen=True)
class CheckResult:
    """One method's result as the receiving server stated it, e.g. ``dkim=pass``."""

    method: str
    result: str  # lower-case: pass, fail, softfail, neutral, none, temperror, permerror...
    properties: tuple[tuple[str, str], ...] = ()  # ("header.d", "example.com"), ...
    reason: str | None = None

    def get(self, name: str) -> str | None:
        return next((value for key, value in self.properties if key == name), None)


@dataclass(frozen=True)
class DkimSignature:
    """The signing domain (``d=``) and selector (``s=``) of one DKIM-Signature."""

    domain: str
    selector: str


@dataclass(frozen=True)
class Verdict:
    """The receiving server's verdict on the test message.

    ``authserv_id`` is None when the receiving side added no readable Authentication-Results;
    ``ignored`` counts those that were not trusted (written before the message was accepted,
    under another authserv-id, or unreadable).
    """

    authserv_id: str | None
    results: tuple[CheckResult, ...]
    signatures: tuple[DkimSignature, ...]
    ignored: int = 0

    def result(self, method: str) -> CheckResult | None:
        return next((r for r in self.results if r.method == method), None)


def read_verdict(headers: Message) -> Verdict:
    """The trusted verdict in ``headers`` (a parsed header block, top first)."""
    items = [(name.lower(), str(value)) for name, value in headers.items()]
    received = [i for i, (name, _) in enumerate(items) if name == "received"]
    boundary = received[-1] if received else 0  # nothing written by a server: trust nothing
    parsed: list[tuple[int, authres.core.AuthenticationResultsHeader | None]] = []
    for index, (name, value) in enumerate(items):
        if name == "authentication-results":
            parsed.append((index, _parse(value)))
    trusted = [header for index, header in parsed if index < boundary and header is not None]
    authserv_id = trusted[0].authserv_id if trusted else None
    results: dict[str, CheckResult] = {}
    used = 0
    for header in trusted:
        if header.authserv_id != authserv_id:
            continue
        used += 1
        for result in header.results:
            method = str(result.method).lower()
            results.setdefault(method, _check(method, result))  # the topmost wins
    signatures = tuple(
        signature
        for name, value in items
        if name == "dkim-signature" and (signature := dkim_signature(value)) is not None
    )
    ordered = sorted(results.values(), key=lambda r: _order(r.method))
    return Verdict(authserv_id, tuple(ordered), signatures, ignored=len(parsed) - used)


def dkim_signature(value: str) -> DkimSignature | None:
    """The ``d=`` and ``s=`` of a DKIM-Signature value, or None if either is missing."""
    tags: dict[str, str] = {}
    for item in value.split(";"):
        tag, equals, tag_value = item.partition("=")
        if equals:
            tags.setdefault(tag.strip().lower(), "".join(tag_value.split()))
    domain, selector = tags.get("d"), tags.get("s")
    if not domain or not selector:
        return None
    return DkimSignature(domain.lower(), selector)


def _parse(value: str) -> authres.core.AuthenticationResultsHeader | None:
    unfolded = " ".join(value.split())
    try:
        return authres.all_features().parse_value(unfolded)
    except authres.core.AuthResError:
        return None


def _check(method: str, result: authres.core.AuthenticationResult) -> CheckResult:
    properties: Sequence[authres.core.AuthenticationResultProperty] = result.properties or ()
    return CheckResult(
        method=method,
        result=str(result.result).lower(),
        properties=tuple((f"{p.type}.{p.name}".lower(), str(p.value)) for p in properties),
        reason=str(result.reason) if result.reason else None,
    )


def _order(method: str) -> int:
    return METHODS.index(method) if method in METHODS else len(METHODS)
