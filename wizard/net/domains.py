"""Registrable ("base") domains, from the Public Suffix List shipped by ``publicsuffixlist``.

The list is parsed once, when this module is first imported: detection imports it on a worker
thread as it starts (with the MX source), so the parse overlaps the first DNS questions
instead of delaying the MX answer. Only its Unicode form is kept, which halves the parse;
host names (A-labels, as DNS gives them) are looked up in their Unicode form and the answer is
given back as A-labels.
"""

from __future__ import annotations

from publicsuffixlist import PublicSuffixList

_LIST = PublicSuffixList(only_icann=True, accept_encoded_idn=False)


def registrable_domain(host: str) -> str | None:
    """``mx1.mail.example.co.uk`` → ``example.co.uk``; ``None`` for a bare public suffix."""
    result = _LIST.privatesuffix(_unicode(host))
    return _ascii(str(result)) if result else None


def parent_domain(host: str) -> str | None:
    """The host without its first label, if that still names a domain below a public suffix."""
    _, _, parent = host.lower().rstrip(".").partition(".")
    if not parent or _LIST.is_public(_unicode(parent)):
        return None
    return parent


def _unicode(host: str) -> str:
    """``host`` (lower case, no final dot) with its A-labels as Unicode, as the list has them;
    a name IDNA cannot read (an underscore label) stays as it is."""
    host = host.lower().rstrip(".")
    try:
        return host.encode("ascii").decode("idna")
    except UnicodeError:
        return host


def _ascii(domain: str) -> str:
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        return domain
