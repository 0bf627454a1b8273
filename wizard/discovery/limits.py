"""How much work one detection may do, whatever the network answers.

Every count a stranger controls is capped, so that no document, DNS answer or chain of
redirects can turn into a thousand connections or DNS questions (one SRV answer listed 1000
targets; one 189 KiB autoconfig document listed 1500 servers):

- each answer (a clientConfig document, one SRV lookup) is worth at most
  ``SERVERS_PER_ANSWER`` distinct servers per protocol, in the order it gives them; real
  providers list one to three (Thunderbird's database: at most three);
- one detection keeps at most ``MAX_CANDIDATES`` distinct servers to check live, all sources
  together: the first proposed, except that once it is full a server from a more trusted
  source (a lower ``Tier``) takes the place of the least trusted one kept, whose check is
  stopped, so a flood of untrusted proposals (a hostile SRV answer, a plain-HTTP document)
  arriving first cannot crowd out a trusted answer that comes later; and it starts at most
  ``MAX_CHECKS`` checks in all, however many such swaps there are;
- a live check tries at most ``wizard.smtp.session.ADDRESSES_TRIED`` addresses of its host, and
  connects at most twice (once more without verification, only to show a rejected
  certificate);
- a document fetch follows at most ``wizard.net.http.MAX_REDIRECTS`` redirects.

So a detection asks the network at most: 8 documents (2 HTTPS and 2 HTTP autoconfig, 1 ISPDB,
3 for the MX host's provider), each over at most 1 + 5 redirects, that is 48 HTTP requests
and the name lookups for their hosts; 1 MX, 2 SRV and 6 address questions of its own; and 24
live checks (36 when trusted answers came late and took untrusted ones' places), each one
name lookup (A and AAAA) and at most 8 connection attempts (4 addresses, twice). What was left
out is said in the source's ``detail``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

T = TypeVar("T")

SERVERS_PER_ANSWER = 5
MAX_CANDIDATES = 24
MAX_CHECKS = 36  # checks started, those stopped to make room for more trusted servers included


def first_distinct(
    items: Iterable[T], key: Callable[[T], Hashable], limit: int = SERVERS_PER_ANSWER
) -> tuple[list[T], int]:
    """The first ``limit`` items that differ by ``key``, in order, and how many more distinct
    ones were left out (repeats are dropped without counting: they cost nothing)."""
    kept: list[T] = []
    seen: set[Hashable] = set()
    for item in items:
        marker = key(item)
        if marker not in seen:
            seen.add(marker)
            kept.append(item)
    return kept[:limit], max(0, len(kept) - limit)


def per_answer_note(ignored: int) -> str:
    """The ``detail`` words for servers an answer listed beyond ``SERVERS_PER_ANSWER``."""
    if not ignored:
        return ""
    return f"{ignored} more servers ignored, at most {SERVERS_PER_ANSWER} per answer"


def in_total_note(ignored: int) -> str:
    """The ``detail`` words for a source's servers left unchecked beyond ``MAX_CANDIDATES``."""
    if not ignored:
        return ""
    return f"{ignored} more servers not checked, at most {MAX_CANDIDATES} per detection"
