"""Getting a password from the person or the script, never from the command line.

A password on the command line would be visible to every user of the machine (``ps``) and kept
in shell history, so only standard input or an interactive prompt are offered.

A person may end a prompt with Ctrl-D (end of input) instead of answering: that is an answer
too ("no password", "no"), not a crash.
"""

from __future__ import annotations

import getpass
import sys
from typing import TextIO

from wizard.errors import WizardError


class PasswordUnavailableError(WizardError):
    """No password could be read; the message says why and what to do, in plain words."""


def read_password(*, from_stdin: bool, prompt: str) -> str:
    """The password from stdin (one line) or a hidden prompt on the terminal."""
    if from_stdin:
        line = sys.stdin.readline()
        password = line.removesuffix("\n").removesuffix("\r")
        if not password:
            raise PasswordUnavailableError(
                "standard input held no password (--password-stdin reads its first line)"
            )
        return password
    if not sys.stdin.isatty():
        raise PasswordUnavailableError(
            "there is no terminal to ask for the password; give it on standard input with "
            "--password-stdin"
        )
    try:
        password = getpass.getpass(prompt)
    except EOFError:
        _end_prompt_line(sys.stderr)
        password = ""
    if not password:
        raise PasswordUnavailableError("no password was entered; nothing was sent or stored")
    return password


def confirm(question: str) -> bool:
    """Ask a yes/no question on the terminal; the default is no, also when input ends."""
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError:
        _end_prompt_line(sys.stdout)  # where input() wrote the question
        return False
    return answer.strip().lower() in {"y", "yes"}


def _end_prompt_line(stream: TextIO) -> None:
    """After Ctrl-D the cursor is still behind the prompt: what follows gets a line of its own."""
    print(file=stream)
