"""``email-setup-wizard domain-check ADDRESS``: the sender domain's health (SPF, DKIM, DMARC,
MTA-STS, TLS-RPT, DANE) for mail sent through the account's outgoing server."""

from __future__ import annotations

import argparse
from typing import Any

from wizard.address import EmailAddress, parse_address
from wizard.cli.common import EXIT_INVALID_INPUT, EXIT_OK, fail, print_json
from wizard.cli.i18n import translate
from wizard.errors import InvalidAddressError, InvalidValueError
from wizard.runtime import run
from wizard.values import check_host


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "domain-check",
        description="Check whether mail from ADDRESS sent through its outgoing server will be "
        "accepted (SPF, DKIM, DMARC), and how others deliver to its domain (MTA-STS, TLS-RPT, "
        "DANE). Never connects to port 25; the whole check takes at most 10 seconds.",
    )
    parser.add_argument("address", help="the sender's email address")
    parser.add_argument(
        "--server",
        metavar="HOST",
        help="the outgoing server (default: the stored account's, else the detected one)",
    )
    parser.add_argument(
        "--dkim-selector",
        action="append",
        default=[],
        metavar="SELECTOR",
        help="a DKIM selector to look for (may be repeated)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from wizard.domaincheck.check import check_domain
    from wizard.reporting.json import domain_json
    from wizard.reporting.render import readable
    from wizard.reporting.sections import domain_section
    from wizard.reporting.text import render_section_text

    try:
        address = parse_address(args.address)
        if args.server:
            check_host(args.server)
    except (InvalidAddressError, InvalidValueError) as err:
        return fail(err, EXIT_INVALID_INPUT)
    server = args.server or outgoing_server(address)
    health = run(
        check_domain(address.domain, server=server, dkim_selectors=tuple(args.dkim_selector))
    )
    if args.json:
        print_json(domain_json(health))
    else:
        print(render_section_text(readable(domain_section(health, translate))), end="")
    return EXIT_OK


def outgoing_server(address: EmailAddress) -> str | None:
    """The server mail from ``address`` goes through: the stored account's, else detected."""
    from wizard.discovery.engine import detect
    from wizard.profiles import ProfileError, ProfileStore

    try:
        profile = ProfileStore().get(address.address)
    except ProfileError:
        profile = None
    if profile is not None:
        return profile.host
    result = run(detect(address))
    return result.best.config.host if result.best else None
