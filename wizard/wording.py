"""The marker for translatable text, on its own: a table of sentences can use it without
loading every message of the program (``wizard.messages`` imports the types of every error it
words, and with them half the engine)."""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for translation without translating it yet (Qt's idiom)."""
    del context
    return text
