"""Keeping the password out of what a test shows, whichever side of the conversation says it.

The client's own AUTH lines are masked as the transcript is written (``send.command_line``).
A server may say them back, though: a 535 that quotes the AUTH PLAIN payload would hand the
password, in base64, to the transcript, the JSON ``reply.text`` and the terminal. A
``Redactor`` knows every form the password took on the wire, and masks each of them in
anything the server says.

Base64 of the password depends on where in a payload it starts (PLAIN puts the login name in
front of it), so the characters that encode only the password are found for each of the three
alignments and masked wherever they occur, whatever surrounds them.
"""

from __future__ import annotations

import base64
import math

MASK = "********"

# A shorter run of base64 characters would be masked in ordinary words by chance; a password
# that short is masked where it appears itself, and in the payloads, which are always longer.
_MIN_BASE64_RUN = 4


class Redactor:
    """Masks the password and the AUTH payloads sent with it in text from the server."""

    def __init__(self, password: str) -> None:
        self._secrets: set[str] = set()
        if password:
            self._secrets.add(password)
            self._secrets.update(_base64_runs(password.encode("utf-8", "surrogateescape")))

    def add_payload(self, payload: bytes) -> None:
        """Remember an AUTH payload as it was sent (base64 text). What it decodes to needs no
        entry of its own: the password in it is masked as such."""
        text = payload.decode("ascii", "replace")
        if text:
            self._secrets.add(text)

    def __call__(self, text: str) -> str:
        """``text`` with every secret replaced by ``MASK``, the longest first, so a payload is
        masked whole rather than around the password inside it."""
        for secret in sorted(self._secrets, key=len, reverse=True):
            if secret in text:
                text = text.replace(secret, MASK)
        return text


def _base64_runs(secret: bytes) -> set[str]:
    """The base64 characters that encode only ``secret``, for each of the three positions it
    can start at inside a longer payload."""
    runs = set()
    for offset in range(3):
        encoded = base64.b64encode(bytes(offset) + secret).decode("ascii")
        first = math.ceil(offset * 8 / 6)  # the first character with no bit of the prefix
        last = (offset + len(secret)) * 8 // 6  # past the last one with no padding bit
        run = encoded[first:last]
        if len(run) >= _MIN_BASE64_RUN:
            runs.add(run)
    return runs
