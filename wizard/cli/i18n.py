"""The command line in the user's language, from the same ``.qm`` files the GUI loads.

Only ``PySide6.QtCore`` is used (``QLocale`` and ``QTranslator`` need no application object and
no display), and only when a sentence is first shown to someone whose environment asks for a
language other than English: loading Qt costs a tenth of a second or more, which English users
and ``--help`` should not pay.

``translate`` is named so on purpose: lupdate collects ``translate("CommandLine", "...")`` calls
(a bare ``tr`` with two arguments would be read as text and comment), and it has the shape of
the ``tr`` that ``wizard.messages`` takes, so the engine's sentences are translated with it too.

Readable output only: ``--json`` keeps English sentences, which scripts may match on.

Days are written as the user's locale writes them (``LC_TIME``), as the GUI writes them:
"07.12.2026", "12/7/2026"; under the C locale (``C.UTF-8``), whose own format nobody reads
comfortably, in ISO 8601.
"""

from __future__ import annotations

import os
import re
import sys
from functools import cache
from typing import TYPE_CHECKING

from wizard.resources import resource_path

if TYPE_CHECKING:
    from datetime import datetime

    from PySide6.QtCore import QTranslator

CONTEXT = "CommandLine"
CATALOGUE = "wizard"  # resources/translations/wizard_<language>.qm, as for the GUI

# "de_DE.UTF-8" -> "de"; "C.UTF-8" -> "c"; "en" -> "en".
_LANGUAGE_PART = re.compile(r"[_.@-]")
_ENGLISH_OR_NONE = {"", "c", "posix", "en"}


def translate(context: str, text: str) -> str:
    """``text`` (an English source string of ``context``) in the user's language, or as it is
    when there is no translation for it."""
    translator = _translator()
    if translator is None:
        return text
    return translator.translate(context, text) or text


@cache
def _translator() -> QTranslator | None:
    """The wizard's translations for the system locale; None when English is wanted anyway or
    no file is shipped for the language."""
    if _environment_wants_english():
        return None
    from PySide6.QtCore import QLocale, QTranslator

    translator = QTranslator()
    folder = str(resource_path("translations"))
    return translator if translator.load(QLocale.system(), CATALOGUE, "_", folder) else None


def _environment_wants_english() -> bool:
    """True when the locale variables Qt reads on Linux and the BSDs (``LANGUAGE``, then the
    first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG``) name only English or the C locale, so
    ``QLocale.system()`` could not choose another language. Windows and macOS keep the
    language in their own settings: only Qt can tell there."""
    if sys.platform in {"win32", "darwin"}:
        return False
    names = os.environ.get("LANGUAGE", "").split(":")
    names.append(
        os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or ""
    )
    return all(_LANGUAGE_PART.split(name, 1)[0].lower() in _ENGLISH_OR_NONE for name in names)


def local_date(when: datetime, *, with_time: bool = False) -> str:
    """A day (and, ``with_time``, the time of day) as the user's locale writes it, with a
    four-digit year; ISO 8601 under the C locale. Qt is loaded only for a locale that has a
    format of its own."""
    local = when.astimezone()
    iso = local.strftime("%Y-%m-%d %H:%M") if with_time else local.date().isoformat()
    if _time_locale_is_c():
        return iso
    from PySide6.QtCore import QDateTime, QLocale

    locale = QLocale.system()
    if locale.language() is QLocale.Language.C:
        return iso
    day = locale.dateFormat(QLocale.FormatType.ShortFormat)
    day = day if "yyyy" in day else day.replace("yy", "yyyy")  # "07.12.26" is ambiguous
    moment = QDateTime.fromSecsSinceEpoch(int(when.timestamp()))
    if with_time:
        return locale.toString(moment, f"{day} {locale.timeFormat(QLocale.FormatType.ShortFormat)}")
    return locale.toString(moment.date(), day)


def _time_locale_is_c() -> bool:
    """True when the variables that choose how days are written on Linux and the BSDs
    (``LC_ALL``, then ``LC_TIME``, then ``LANG``) name the C locale or none."""
    if sys.platform in {"win32", "darwin"}:
        return False
    name = os.environ.get("LC_ALL") or os.environ.get("LC_TIME") or os.environ.get("LANG") or ""
    return _LANGUAGE_PART.split(name, 1)[0].lower() in {"", "c", "posix"}
