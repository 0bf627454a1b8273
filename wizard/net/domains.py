"""Registrable ("base") domains, from the Public Suffix List shipped by ``publicsuffixlist``."""

from __future__ import annotations

from functools import cache

from publicsuffixlist import PublicSuffixList


@cache
def _list() -> PublicSuffixList:
    """Parsing the list takes a moment; do it once, and only when MX lookup needs it."""
    return PublicSuffixList(only_icann=True)


def registrable_domain(host: str) -> str | None:
    """``mx1.mail.example.co.uk`` → ``example.co.uk``; ``None`` for a bare public suffix."""
    result = _list().privatesuffix(host.lower().rstrip("."))
    return str(result) if result else None


def parent_domain(host: str) -> str | None:
    """The host without its first label, if that still names a domain below a public suffix."""
    _, _, parent = host.lower().rstrip(".").partition(".")
    if not parent or _list().is_public(parent):
        return None
    return parent
