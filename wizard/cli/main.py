"""The command line: ``email-setup-wizard COMMAND ...``.

``wizard.launcher`` hands the arguments here; with no command it starts the desktop wizard
instead, so nothing here imports the GUI.

Each command is a module of ``wizard.cli`` whose ``add_parser(commands)`` adds its arguments
and its ``handler``. A module is imported only when its command is run (or asked for its
``--help``), so that each command loads only what it uses, and ``--version`` and ``--help``
load nearly nothing: the user waits for Python's own start-up, not for keyrings, TLS stacks
and Qt. To add a command, add its module and a line to ``COMMANDS``.

Exit codes are part of the scripting contract (see the README): 0 success, 2 invalid input,
3 nothing found, 130 interrupted. Readable output follows the user's language
(``wizard.cli.i18n``); ``--help`` and argparse's own messages stay English.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from wizard import __version__

SENDMAIL_NAME = "sendmail"  # a symlink by this name makes the program act as ``send``
COMPAT_OPTION = "--sendmail-compat"


class Command:
    """A command: its name, its module in ``wizard.cli``, and the line ``--help`` shows.
    (A plain class: ``typing`` and ``dataclasses`` take longer to import than all of this.)"""

    def __init__(self, name: str, module: str, summary: str) -> None:
        self.name = name
        self.module = module
        self.summary = summary


COMMANDS = (
    Command("detect", "detect", "find the outgoing-mail settings for an address"),
    Command("test", "sendtest", "log in and send a real test message"),
    Command("setup", "setup", "detect, test and store an account (the wizard, without windows)"),
    Command("accounts", "accounts", "list, show or remove the accounts set up on this computer"),
    Command(
        "domain-check",
        "domain_check",
        "check the sender domain's SPF, DKIM, DMARC, MTA-STS, TLS-RPT and DANE",
    ),
    Command(
        "send",
        "send",
        "send a message through a set-up account, as sendmail does (see send --help)",
    ),
    Command(
        "export",
        "export",
        "write an account's settings for msmtp, git, mutt, Thunderbird, Apple Mail, Python or JSON",
    ),
    Command("report", "report", "write a diagnosis report for a helpdesk"),
    Command("presets", "presets", "check an organisation preset file, or list the presets in use"),
    Command(
        "token",
        "token",
        "print a fresh OAuth2 access token for a set-up account (for msmtp and scripts)",
    ),
)


def as_command_line(program: str, arguments: Sequence[str]) -> list[str]:
    """``arguments`` as the command parser should see them: started through a path named
    ``sendmail``, or with ``--sendmail-compat`` first, this is the ``send`` command."""
    # os.path, not pathlib, whose import alone would double the time --version takes.
    if os.path.splitext(os.path.basename(program))[0] == SENDMAIL_NAME:  # noqa: PTH119, PTH122
        return ["send", *arguments]
    if arguments[:1] == [COMPAT_OPTION]:
        return ["send", *arguments[1:]]
    return list(arguments)


def parse_arguments(arguments: Sequence[str]) -> argparse.Namespace:
    """The parsed command line; ``command`` is None for the desktop wizard.

    A first pass, with every command known only by name, finds which one is meant (and answers
    ``--version`` and ``--help`` by itself); the second parses its arguments fully, with only
    that command's module imported.
    """
    named, _ = build_parser().parse_known_args(arguments)
    return build_parser(named.command).parse_args(arguments)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser, with ``command``'s own arguments; the others are known by name only."""
    parser = _Parser(
        prog="email-setup-wizard",
        description="Find, test and store the outgoing-mail (SMTP) settings for an address.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--address", default="", metavar="ADDR", help="with no command: pre-fill the wizard"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for known in COMMANDS:
        if known.name == command:
            importlib.import_module(f"wizard.cli.{known.module}").add_parser(commands)
        else:
            commands.add_parser(known.name, help=known.summary, add_help=False)
    return parser


class _Parser(argparse.ArgumentParser):
    """argparse, except that with ``--json`` a refused argument still gives the one JSON
    object a script reads (argparse would only print its usage on stderr)."""

    def error(self, message: str) -> NoReturn:
        if "--json" in sys.argv[1:]:
            sys.stdout.write(json.dumps({"error": message, "exit_status": 2}) + "\n")
        super().error(message)


def run_command(args: argparse.Namespace) -> int:
    """Run the command ``args`` were parsed for (by ``parse_arguments``); its exit status."""
    try:
        result: int = args.handler(args)
    except KeyboardInterrupt:
        return cancelled(as_json=getattr(args, "json", False))
    if getattr(args, "json", False):
        from wizard.cli.common import finish_json

        finish_json(result)
    return result


def cancelled(*, as_json: bool) -> int:
    """Ctrl-C, whenever it came: say so, with ``--json`` print the one object a script reads
    (unless the command printed its own), and return the exit status for it."""
    from wizard.cli.common import EXIT_INTERRUPTED, finish_json
    from wizard.cli.i18n import translate

    print(translate("CommandLine", "Cancelled."), file=sys.stderr)
    if as_json:
        finish_json(EXIT_INTERRUPTED, "cancelled")
    return EXIT_INTERRUPTED
