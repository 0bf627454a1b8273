"""Redaction, built into every report: secrets never appear, and on request neither does the
local part of the address.

It works on the report's data, before any format is rendered, so every format is covered the
same way; the rendered text is then checked once more, so a secret that a server echoed back
in some other form cannot slip through either.

- Secrets: the password (or token), as it is and in the base64 forms AUTH sends it in (PLAIN's
  ``\\0user\\0password``, LOGIN's lone password, XOAUTH2's ``user=...auth=Bearer ...``), and
  whatever follows an ``AUTH`` mechanism name.
- The local part (``--anonymize``, for public forums): wherever it stands before an ``@`` (or
  its URL-encoded ``%40``), and any value that is exactly the local part (a username).
"""

from __future__ import annotations

import base64
import dataclasses
import re
from collections.abc import Callable
from typing import Any, TypeVar

MASK = "********"
LOCAL_MASK = "x"  # "x@example.com": still reads as an address
_AUTH_LINE = re.compile(r"(?im)^(C: AUTH [A-Z0-9_-]+) (?!\*{8}$)\S.*$")

T = TypeVar("T")


class Redactor:
    """Replaces secrets (always) and the local part (when anonymizing) in text and data."""

    def __init__(
        self,
        *,
        secrets: tuple[str, ...] = (),
        usernames: tuple[str, ...] = (),
        local_part: str | None = None,
    ) -> None:
        forms: set[str] = set()
        for secret in filter(None, secrets):
            forms.add(secret)
            forms.add(_b64(secret))
            for user in usernames:
                forms.add(_b64(f"\0{user}\0{secret}"))
                forms.add(_b64(f"{user}\0{user}\0{secret}"))
                forms.add(_b64(f"user={user}\x01auth=Bearer {secret}\x01\x01"))
        self._secrets = sorted(forms, key=len, reverse=True)  # longest first: no partial leftovers
        self._local: re.Pattern[str] | None = None
        self._local_part = local_part.casefold() if local_part else None
        if local_part:
            self._local = re.compile(re.escape(local_part) + r"(?=@|%40)", re.IGNORECASE)

    def text(self, value: str) -> str:
        """``value`` with every secret and (when anonymizing) the local part masked."""
        for secret in self._secrets:
            value = value.replace(secret, MASK)
        value = _AUTH_LINE.sub(rf"\1 {MASK}", value)
        if self._local is not None:
            if value.casefold() == self._local_part:
                return LOCAL_MASK
            value = self._local.sub(LOCAL_MASK, value)
        return value

    def data(self, value: T) -> T:
        """A copy of ``value`` (dataclasses, tuples, lists, dicts) with every string redacted."""
        return map_strings(value, self.text)


def map_strings(value: T, change: Callable[[str], str]) -> T:
    """A copy of ``value`` with ``change`` applied to every string in it (dataclasses, tuples,
    lists and dicts are walked; enum members, which are strings too, are kept)."""
    changed: T = _walk(value, change)
    return changed


def _walk(value: Any, change: Callable[[str], str]) -> Any:
    if type(value) is str:  # not StrEnum members: codes stay codes
        return change(value)
    if isinstance(value, tuple):
        return tuple(_walk(item, change) for item in value)
    if isinstance(value, list):
        return [_walk(item, change) for item in value]
    if isinstance(value, dict):
        return {_walk(k, change): _walk(v, change) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _walk(getattr(value, f.name), change)
            for f in dataclasses.fields(value)
            if f.init
        }
        return dataclasses.replace(value, **changes)
    return value


def _b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")
