"""``email-setup-wizard export ADDRESS --format FORMAT``: a set-up account's settings for
another program (msmtp, git send-email, mutt, Thunderbird, Apple Mail, a Python script, JSON).

The export goes to standard output, or with ``--output`` into a file. It never holds the
password or a token: it names the keychain entry, or sends through ``email-setup-wizard send``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from wizard.address import parse_address
from wizard.cli.common import (
    EXIT_INVALID_INPUT,
    EXIT_NOTHING_FOUND,
    EXIT_OK,
    EXIT_STORAGE_FAILED,
    complain,
    fail,
)
from wizard.cli.i18n import translate
from wizard.cli.sendtest import port_number
from wizard.errors import InvalidAddressError, InvalidValueError
from wizard.model import Security
from wizard.outbound.errors import ExportError
from wizard.outbound.export import ExportFormat, Platform, export
from wizard.profiles import IncomingServer, ProfileError, ProfileStore
from wizard.values import check_host

# IMAP's ports (RFC 8314: 993 with implicit TLS; 143 otherwise).
_IMAP_PORTS = {Security.SSL: 993, Security.STARTTLS: 143, Security.NONE: 143}


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "export",
        description="Write the settings of an account set up here in the format another "
        "program reads. No export holds the password: each names the keychain entry, or "
        "sends through `email-setup-wizard send`.",
    )
    parser.add_argument("address", help="the account's address")
    parser.add_argument(
        "--format", required=True, choices=[f.value for f in ExportFormat], help="the format"
    )
    parser.add_argument(
        "--platform",
        choices=[p.value for p in Platform],
        help="msmtp: whose keychain tool reads the password (default: this computer's)",
    )
    parser.add_argument(
        "--imap-host",
        metavar="HOST",
        help="the incoming (IMAP) server, for thunderbird and mobileconfig (default: the one "
        "the account keeps, found when it was set up or tested)",
    )
    parser.add_argument("--imap-port", type=port_number, help="its port (default: by security)")
    parser.add_argument(
        "--imap-security",
        choices=[s.value for s in Security],
        default=Security.SSL.value,
        help="its security (default: ssl)",
    )
    parser.add_argument("--output", metavar="FILE", help="write into FILE, not standard output")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    try:
        address = parse_address(args.address)
        if args.imap_host:
            check_host(args.imap_host)
        profile = ProfileStore().get(address.address)
    except (InvalidAddressError, InvalidValueError) as err:
        return fail(err, EXIT_INVALID_INPUT)
    except ProfileError as err:
        return fail(err, EXIT_STORAGE_FAILED)
    if profile is None:
        text = translate("CommandLine", "no account for {address} is set up.")
        complain(text.format(address=address.address))
        return EXIT_NOTHING_FOUND
    incoming = None
    if args.imap_host:
        security = Security(args.imap_security)
        incoming = IncomingServer(args.imap_host, args.imap_port or _IMAP_PORTS[security], security)
    try:
        result = export(
            profile,
            ExportFormat(args.format),
            platform=Platform(args.platform) if args.platform else None,
            incoming=incoming,
        )
    except ExportError as err:
        return fail(err, EXIT_INVALID_INPUT)
    if args.output is None:
        sys.stdout.buffer.write(result.content)
        return EXIT_OK
    try:
        Path(args.output).write_bytes(result.content)
    except OSError as err:
        text = translate("CommandLine", "{path} could not be written: {reason}")
        complain(text.format(path=args.output, reason=err.strerror or err))
        return EXIT_STORAGE_FAILED
    return EXIT_OK
