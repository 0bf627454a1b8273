"""What the subcommands share: exit codes, argument types, JSON output and reporting errors."""

from __future__ import annotations

import argparse
import json
import sys
from functools import cache
from typing import Any, Literal

from wizard.cli.i18n import CONTEXT, translate
from wizard.errors import WizardError
from wizard.wording import QT_TRANSLATE_NOOP

# The exit codes are the scripting contract documented in the README.
EXIT_OK = 0
EXIT_INVALID_INPUT = 2
EXIT_NOTHING_FOUND = 3
EXIT_TEST_FAILED = 4
EXIT_STORAGE_FAILED = 5
EXIT_SIGN_IN_AGAIN = 6  # an OAuth2 account's stored sign-in is no longer valid
EXIT_INTERRUPTED = 130


def positive_seconds(text: str) -> float:
    """An argparse type for a time limit: more than 0 and at most 600 seconds."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= 600:  # also false for NaN
        raise argparse.ArgumentTypeError(f"expected seconds between 0 and 600, got {text!r}")
    return value


class _Said:
    """What this run of the program has told a script so far (``--json``): whether its one
    JSON object is out, and the last reason it stopped for, in English."""

    json = False
    reason: str | None = None


def print_json(document: dict[str, Any]) -> None:
    """Exactly one JSON object on stdout. Text that cannot be written as it is (bytes that
    were not UTF-8, kept as surrogates; a terminal in another encoding) goes out escaped."""
    text = json.dumps(document, ensure_ascii=False)
    try:
        sys.stdout.write(text + "\n")
    except UnicodeEncodeError:  # raised before anything was written
        sys.stdout.write(json.dumps(document) + "\n")
    _Said.json = True


def complain(reason: str, *, english: str | None = None) -> None:
    """Say on stderr, in plain words, why the command stops (``reason`` already translated;
    ``english``, the same for JSON, when the caller has it). Values from the network or the
    command line in it are shown, never obeyed (``wizard.printable``)."""
    from wizard.printable import printable

    _Said.reason = english or _Said.reason
    print(f"email-setup-wizard: {printable(reason)}", file=sys.stderr)


def fail(err: WizardError, code: int) -> int:
    """Explain ``err`` on stderr in plain words and return the exit code to use."""
    from wizard.messages import describe_error  # every error's words: only once one happened

    complain(describe_error(err, translate), english=describe_error(err))
    return code


def finish_json(code: int, reason: str | None = None) -> None:
    """With ``--json``, the object for an exit that printed none: its status and why."""
    if not _Said.json:
        print_json({"error": (reason or _Said.reason) if code else None, "exit_status": code})


Field = Literal[
    "server",
    "port",
    "security",
    "username",
    "sign-in",
    "incoming",
    "found-by",
    "trust",
    "last-test",
    "password",
    "settings",
]

# The labels of the settings and accounts the commands describe, one line each.
_FIELDS: dict[Field, str] = {
    "server": QT_TRANSLATE_NOOP("CommandLine", "Server:"),
    "port": QT_TRANSLATE_NOOP("CommandLine", "Port:"),
    "security": QT_TRANSLATE_NOOP("CommandLine", "Security:"),
    "username": QT_TRANSLATE_NOOP("CommandLine", "Username:"),
    "sign-in": QT_TRANSLATE_NOOP("CommandLine", "Sign-in:"),
    "incoming": QT_TRANSLATE_NOOP("CommandLine", "Incoming:"),
    "found-by": QT_TRANSLATE_NOOP("CommandLine", "Found by:"),
    "trust": QT_TRANSLATE_NOOP("CommandLine", "Trust:"),
    "last-test": QT_TRANSLATE_NOOP("CommandLine", "Last test:"),
    "password": QT_TRANSLATE_NOOP("CommandLine", "Password:"),
    "settings": QT_TRANSLATE_NOOP("CommandLine", "Settings:"),
}


def field(name: Field, value: object) -> str:
    """One indented ``Label:  value`` line. Every label is padded to the longest one in the
    user's language, so values line up in one column wherever fields are printed together."""
    from wizard.printable import printable

    shown = printable(str(value))  # a value from a document or a server: shown, not obeyed
    return f"  {translate(CONTEXT, _FIELDS[name]):<{_label_width()}}{shown}"


@cache
def _label_width() -> int:
    return max(len(translate(CONTEXT, label)) for label in _FIELDS.values()) + 2
