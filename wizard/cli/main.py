"""The command line: ``email-setup-wizard COMMAND ...``.

``wizard.launcher`` parses the arguments and hands a command here; with no command it starts
the desktop wizard instead, so nothing here imports the GUI.

Exit codes are part of the scripting contract (see the README): 0 success, 2 invalid input,
3 nothing found, 130 interrupted. Readable output follows the user's language
(``wizard.cli.i18n``); ``--help`` and argparse's own messages stay English.
"""

from __future__ import annotations

import argparse
import sys

from wizard import __version__
from wizard.cli import accounts, detect, domain_check, export, send, sendtest, setup
from wizard.cli.common import EXIT_INTERRUPTED
from wizard.cli.i18n import translate


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="email-setup-wizard",
        description="Find, test and store the outgoing-mail (SMTP) settings for an address.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--address", default="", metavar="ADDR", help="with no command: pre-fill the wizard"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    detect.add_parser(commands)
    sendtest.add_parser(commands)
    setup.add_parser(commands)
    accounts.add_parser(commands)
    domain_check.add_parser(commands)
    send.add_parser(commands)
    export.add_parser(commands)
    return parser


def run_command(args: argparse.Namespace) -> int:
    """Run the command ``args`` were parsed for (by ``build_parser``); its exit status."""
    try:
        result: int = args.handler(args)
    except KeyboardInterrupt:
        print(translate("CommandLine", "Cancelled."), file=sys.stderr)
        return EXIT_INTERRUPTED
    return result
