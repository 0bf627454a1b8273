"""The marker for translatable text and the shape of a translator, on their own: a table of
sentences can use them without loading every message of the program (``wizard.messages``
imports the types of every error it words, and with them half the engine)."""

from __future__ import annotations

from collections.abc import Callable

# ``tr(context, text)``: Qt's ``QCoreApplication.translate`` in the GUI, the command line's own
# ``wizard.cli.i18n.translate``, or ``untranslated``.
Translate = Callable[[str, str], str]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for translation without translating it yet (Qt's idiom)."""
    del context
    return text


def untranslated(context: str, text: str) -> str:
    """The ``tr`` of JSON output: English as written, whatever the user's language."""
    del context
    return text
