"""Text from the network, made safe to show: every control character visible, none obeyed.

Server replies, autoconfig documents and DNS answers are written by strangers. Shown raw, an
escape sequence in a 535 reply can retitle the terminal, clear it or draw a fake "Password:"
prompt; a line break in a document's ``<username>`` can draw a forged "Trust: trusted" line
under the real ones; a bidirectional override can make ``moc.elpmaxe`` read as ``example.com``.
``printable`` is the one function the command line's readable output, the GUI's labels and
the messages (``wizard.messages``) pass such text through. JSON needs nothing more: its own
escaping already shows every control character as ``\\uXXXX``.
"""

from __future__ import annotations

import re

# What a terminal or a text layout obeys instead of showing: C0 and C1 controls and DEL
# (category Cc), the line and paragraph separators, and the bidirectional embeddings,
# overrides and isolates (U+202A..U+202E, U+2066..U+2069). Lone surrogates stand for bytes that
# were not UTF-8 (Python's surrogateescape) and cannot even be written to a UTF-8 terminal.
_OBEYED = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r", "\x1b": "\\e"}


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every character a terminal or layout would act on written as an escape
    (``\\e`` for ESC, ``\\n``, ``\\x07``, ``\\u202e``), so it shows what was sent and does nothing.

    ``keep_newlines`` lets line feeds through, for a multi-line server reply shown in a box of
    its own (a tooltip, a transcript); anywhere a line stands for one field, a line feed would
    let the text pose as another field, so by default it is escaped too.
    """
    return _OBEYED.sub(lambda match: _escape(match[0], keep_newlines), text)


def is_printable(text: str) -> bool:
    """Whether ``printable`` would leave ``text`` exactly as it is (line feeds escaped)."""
    return _OBEYED.search(text) is None


def _escape(char: str, keep_newlines: bool) -> str:
    if char == "\n" and keep_newlines:
        return char
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as surrogateescape keeps it
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"
