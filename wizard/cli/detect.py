"""``email-setup-wizard detect ADDRESS``: show the detected settings, or print them as JSON."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from wizard.address import parse_address
from wizard.cli.common import (
    EXIT_INVALID_INPUT,
    EXIT_NOTHING_FOUND,
    EXIT_OK,
    fail,
    positive_seconds,
    print_json,
)
from wizard.discovery.context import Deadlines
from wizard.discovery.engine import detect
from wizard.discovery.events import DetectionEvent, SourceFinished
from wizard.errors import InvalidAddressError
from wizard.messages import (
    describe_caution,
    describe_source,
    security_label,
    source_label,
    status_label,
    trust_label,
)
from wizard.model import Candidate, DetectionResult, SourceReport
from wizard.report import auth_mechanisms, detection_json
from wizard.runtime import run


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "detect",
        help="find the outgoing-mail settings for an address",
        description="Ask every source at once and print the best outgoing-mail settings.",
    )
    parser.add_argument("address", help="the email address, e.g. alice@example.com")
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    parser.add_argument(
        "--timeout",
        type=positive_seconds,
        default=Deadlines.total,
        metavar="S",
        help="give up after S seconds (default %(default)s)",
    )
    parser.add_argument(
        "--verbose", action="store_true", help="show each source's progress and details"
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    try:
        address = parse_address(args.address)
    except InvalidAddressError as err:
        return fail(err, EXIT_INVALID_INPUT)

    def show_progress(event: DetectionEvent) -> None:
        if isinstance(event, SourceFinished):
            report = event.report
            print(
                f"  {source_label(report.name)}: {status_label(report.status)} "
                f"({report.elapsed_ms} ms) {_account(report)}",
                file=sys.stderr,
            )

    result = run(
        detect(
            address,
            deadlines=Deadlines(total=args.timeout),
            on_event=show_progress if args.verbose else None,
        )
    )
    if args.json:
        print_json(detection_json(result))
    else:
        print(render(result, verbose=args.verbose))
    return EXIT_OK if result.best else EXIT_NOTHING_FOUND


def render(result: DetectionResult, *, verbose: bool) -> str:
    """The human-readable report."""
    lines: list[str] = []
    if result.best is None:
        lines.append(f"No outgoing-mail settings found for {result.address}.")
        lines.append("Ask your provider for the SMTP server name, port and encryption.")
    else:
        lines.append(f"Outgoing mail (SMTP) for {result.address}:")
        lines.extend(_describe(result.best))
    for caution in result.warnings:
        lines.append(f"Warning: {describe_caution(caution, result.domain)}")
    if result.alternatives:
        lines.append("Other possibilities:")
        lines.extend(
            f"  {c.config.host}:{c.config.port} {security_label(c.config.security)}"
            f" ({source_label(c.config.source)}, {trust_label(c.config.trust)}"
            f"{', confirmed live' if c.probe and c.probe.verified else ''})"
            for c in result.alternatives
        )
    if verbose:
        lines.append("Sources:")
        lines.extend(
            f"  {source_label(s.name):38} {status_label(s.status):9} {s.elapsed_ms:6} ms"
            f"  {_account(s)}"
            for s in result.sources
        )
    lines.append(f"({result.elapsed_ms} ms)")
    return "\n".join(lines)


def _account(report: SourceReport) -> str:
    """A source's outcome in words, then the technical details a helpdesk asks for."""
    summary = describe_source(report)
    return f"{summary} — {report.detail}" if report.detail else summary


def _describe(candidate: Candidate) -> list[str]:
    config, probe = candidate.config, candidate.probe
    checked = "confirmed live" if probe and probe.verified else "not confirmed live"
    lines = [
        f"  Server:     {config.host}",
        f"  Port:       {config.port}",
        f"  Security:   {security_label(config.security)}",
        f"  Username:   {config.username}",
        f"  Sign-in:    {', '.join(auth_mechanisms(candidate)) or 'unknown'}",
        f"  Found by:   {source_label(config.source)} ({config.origin})",
        f"  Trust:      {trust_label(config.trust)}; {checked}",
    ]
    if probe and probe.certificate:
        lines.append(f"  Certificate SHA-256: {probe.certificate.sha256}")
    return lines
