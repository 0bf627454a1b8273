"""Getting a password from the person or the script, never from the command line.

A password on the command line would be visible to every user of the machine (``ps``) and kept
in shell history, so only standard input or an interactive prompt are offered.

A person may end a prompt with Ctrl-D (end of input) instead of answering: that is an answer
too ("no password", "no"), not a crash.

Prompts and answers are in the user's language; an English "y" or "yes" is always understood.
"""

from __future__ import annotations

import getpass
import sys
from typing import TextIO

from wizard.cli.i18n import CONTEXT, translate
from wizard.errors import InvalidValueError, WizardError
from wizard.messages import QT_TRANSLATE_NOOP
from wizard.values import check_password

MESSAGES = "Messages"  # the context of the engine's own sentences (wizard.messages)


class PasswordUnavailableError(WizardError):
    """No password could be read; the message says why and what to do, in plain English (it
    goes into JSON as it is); ``readable`` is the same in the user's language. ``values`` are
    put into the placeholders of ``reason`` (a source text), in both."""

    def __init__(self, reason: str, context: str = CONTEXT, **values: str) -> None:
        self._source = reason
        self._values = values
        self.reason = reason.format(**values) if values else reason
        super().__init__(self.reason)
        self._context = context  # where the translation of ``reason`` is

    @property
    def readable(self) -> str:
        text = translate(self._context, self._source)
        return text.format(**self._values) if self._values else text


def read_password(*, from_stdin: bool) -> str:
    """The password from stdin (one line) or a hidden prompt on the terminal."""
    if from_stdin:
        password = _first_line(sys.stdin).removesuffix("\n").removesuffix("\r")
        if not password:
            raise PasswordUnavailableError(
                QT_TRANSLATE_NOOP(
                    "CommandLine",
                    "standard input held no password (--password-stdin reads its first line).",
                )
            )
        return _usable(password)
    if not sys.stdin.isatty():
        raise PasswordUnavailableError(
            QT_TRANSLATE_NOOP(
                "CommandLine",
                "there is no terminal to ask for the password; give it on standard input with "
                "--password-stdin.",
            )
        )
    try:
        password = getpass.getpass(translate("CommandLine", "Password: "))
    except EOFError:
        _end_prompt_line(sys.stderr)
        password = ""
    except UnicodeDecodeError:  # typed in another encoding than the terminal's
        password = _NOT_TEXT
    if not password:
        raise PasswordUnavailableError(
            QT_TRANSLATE_NOOP("CommandLine", "no password was entered; nothing was sent or stored.")
        )
    return _usable(password)


# Stands for a password that did not decode: ``check_password`` refuses it as not UTF-8.
_NOT_TEXT = "\udcff"


def _first_line(stream: TextIO) -> str:
    """The first line of ``stream``, its bytes that are not text kept as surrogates (so that
    they are refused in words, not with a traceback)."""
    raw = getattr(stream, "buffer", None)
    if raw is None:  # already text (a test's StringIO)
        return stream.readline()
    line: bytes = raw.readline()
    return line.decode(stream.encoding or "utf-8", "surrogateescape")


def _usable(password: str) -> str:
    """``password``, if it can be sent and stored; else why not, as the engine words it."""
    try:
        return check_password(password)
    except InvalidValueError as err:
        from wizard.messages import describe_error

        raise PasswordUnavailableError(describe_error(err), context=MESSAGES) from err


def confirm(question: str) -> bool:
    """Ask a yes/no question (already translated) on the terminal; the default is no, also
    when input ends."""
    try:
        answer = input(translate("CommandLine", "{question} [y/N] ").format(question=question))
    except EOFError:
        _end_prompt_line(sys.stdout)  # where input() wrote the question
        return False
    yes = {"y", "yes", translate("CommandLine", "y"), translate("CommandLine", "yes")}
    return answer.strip().lower() in {word.lower() for word in yes}


def _end_prompt_line(stream: TextIO) -> None:
    """After Ctrl-D the cursor is still behind the prompt: what follows gets a line of its own."""
    print(file=stream)
