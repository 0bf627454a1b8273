"""``email-setup-wizard report ADDRESS``: one diagnosis report to attach to a ticket.

It detects, sends a test message when a password is at hand (the stored account's, or one on
standard input), checks the network and the sender domain, and writes everything in one file:
text, Markdown, a self-contained HTML page, or JSON. Passwords, tokens and AUTH data never
appear; ``--anonymize`` also masks the address's local part, for public forums.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from wizard.address import parse_address
from wizard.cli.common import (
    EXIT_INVALID_INPUT,
    EXIT_OK,
    complain,
    fail,
    positive_seconds,
)
from wizard.cli.credentials import PasswordUnavailableError, read_password
from wizard.cli.i18n import translate
from wizard.discovery.deadlines import Deadlines
from wizard.errors import InvalidAddressError
from wizard.runtime import run

# The formats (``wizard.reporting.render.ReportFormat``), named here so that building the
# command line imports none of the report's machinery.
FORMATS = ("text", "markdown", "html", "json")


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "report",
        help="write a diagnosis report for a helpdesk",
        description="Detect, test (with the stored account's password, or --password-stdin), "
        "check the network and the sender domain, and write one report. Passwords, tokens and "
        "AUTH data never appear in it.",
    )
    parser.add_argument("address", help="the email address to diagnose")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=FORMATS[0],
        help="text (default), markdown, html (one self-contained page) or json",
    )
    parser.add_argument("--output", metavar="FILE", help="write the report here, not to stdout")
    parser.add_argument(
        "--anonymize",
        action="store_true",
        help="mask the part before the @ everywhere (for public forums)",
    )
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read a password from standard input and send a test message with it",
    )
    parser.add_argument(
        "--timeout",
        type=positive_seconds,
        default=Deadlines.total,
        metavar="S",
        help="detection time limit (default %(default)s)",
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from wizard.messages import words_of_test_message
    from wizard.reporting.redact import Redactor
    from wizard.reporting.render import ReportFormat, render_report
    from wizard.reporting.run import gather

    try:
        address = parse_address(args.address)
    except InvalidAddressError as err:
        return fail(err, EXIT_INVALID_INPUT)
    password: str | None = None
    if args.password_stdin:
        try:
            password = read_password(from_stdin=True)
        except PasswordUnavailableError as err:
            complain(err.readable)
            return EXIT_INVALID_INPUT
    print(
        translate("CommandLine", "Checking {address}…").format(address=address.address),
        file=sys.stderr,
    )
    deadlines = Deadlines(total=args.timeout)
    words = words_of_test_message(translate)  # as ``setup`` and ``test`` send it
    gathered = run(gather(address, password=password, deadlines=deadlines, words=words))
    redactor = Redactor(
        secrets=gathered.secrets,
        usernames=gathered.usernames,
        local_part=address.local_part if args.anonymize else None,
    )
    text = render_report(gathered.report, ReportFormat(args.format), redactor, translate)
    if not args.output:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as err:
        unwritable = translate("CommandLine", "the report could not be written to {path}: {reason}")
        complain(unwritable.format(path=args.output, reason=err.strerror or err))
        return EXIT_INVALID_INPUT
    written = translate("CommandLine", "Report written to {path}.")
    print(written.format(path=args.output), file=sys.stderr)
    return EXIT_OK
