"""Getting a password from the person or the script, never from the command line.

A password on the command line would be visible to every user of the machine (``ps``) and kept
in shell history, so only standard input or an interactive prompt are offered.
"""

from __future__ import annotations

import getpass
import sys

from wizard.errors import WizardError


class PasswordUnavailableError(WizardError):
    """No password could be read: no terminal to ask, and none on standard input."""


def read_password(*, from_stdin: bool, prompt: str) -> str:
    """The password from stdin (one line) or a hidden prompt on the terminal."""
    if from_stdin:
        line = sys.stdin.readline()
        password = line.removesuffix("\n").removesuffix("\r")
        if not password:
            raise PasswordUnavailableError("standard input held no password")
        return password
    if not sys.stdin.isatty():
        raise PasswordUnavailableError("no terminal to ask for the password")
    return getpass.getpass(prompt)


def confirm(question: str) -> bool:
    """Ask a yes/no question on the terminal; the default is no."""
    answer = input(f"{question} [y/N] ").strip().lower()
    return answer in {"y", "yes"}
