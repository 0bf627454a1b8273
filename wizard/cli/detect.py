"""``email-setup-wizard detect ADDRESS``: show the detected settings, or print them as JSON.

Once the address is known to be valid, the DNS question that tells whether its domain exists
goes out first, and detection itself (the engine, its sources and their model) is imported
while the answer is on its way (``detect_both``). The words for the result
(``wizard.detection_words``, ``wizard.report``) are imported where they are first needed.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from wizard.address import EmailAddress, parse_address
from wizard.cli.common import (
    EXIT_INVALID_INPUT,
    EXIT_NOTHING_FOUND,
    EXIT_OK,
    fail,
    field,
    positive_seconds,
    print_json,
)
from wizard.cli.i18n import translate
from wizard.discovery.deadlines import Deadlines
from wizard.errors import InvalidAddressError
from wizard.runtime import run, until_waiting

if TYPE_CHECKING:
    from wizard.discovery.events import DetectionEvent
    from wizard.model import Candidate, DetectionResult, SourceReport
    from wizard.net.dns import Questions


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "detect",
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
        from wizard.detection_words import source_label, status_label
        from wizard.discovery.events import SlowGreeting, SourceFinished

        if isinstance(event, SourceFinished):
            report = event.report
            print(
                f"  {source_label(report.name, translate)}: "
                f"{status_label(report.status, translate)} "
                f"({report.elapsed_ms} ms) {_account(report)}",
                file=sys.stderr,
            )
        elif isinstance(event, SlowGreeting):
            config = event.candidate.config
            slow = translate(
                "CommandLine",
                "{server} accepted the connection but has not greeted yet; still waiting…",
            )
            print(f"  {slow.format(server=f'{config.host}:{config.port}')}", file=sys.stderr)

    result, incoming = run(
        detect_both(
            address,
            Deadlines(total=args.timeout),
            on_event=show_progress if args.verbose else None,
        )
    )
    if args.json:
        from wizard.report import detection_json

        print_json(detection_json(result) | {"imap": incoming_json(incoming)})
    else:
        print(render(result, verbose=args.verbose))
        print(render_incoming(incoming))
    return EXIT_OK if result.best else EXIT_NOTHING_FOUND


async def detect_both(
    address: EmailAddress,
    deadlines: Deadlines,
    on_event: Callable[[DetectionEvent], None] | None = None,
) -> tuple[DetectionResult, DetectionResult]:
    """The outgoing settings and, in a separate run beside them, the incoming (IMAP) server
    that delivery confirmation needs; ``on_event`` sees the outgoing run's progress.

    The incoming server is extra information: it never holds up the outgoing answer by more
    than that took to find (at least the floor of detection's patience). By then, the
    incoming run ends with what it has found.
    """
    from wizard.net.dns import Questions, new_resolver

    # Both runs ask many of the same questions: asked once. The first goes out before
    # detection has loaded: the domain's MX, which also tells whether the domain exists.
    questions = Questions(new_resolver(deadlines.dns))
    try:
        questions.ask(address.domain, "MX")
        await until_waiting()  # it is out: the rest loads while the answer comes
        return await _detect_both(address, deadlines, on_event, questions)
    finally:
        await questions.close()


async def _detect_both(
    address: EmailAddress,
    deadlines: Deadlines,
    on_event: Callable[[DetectionEvent], None] | None,
    questions: Questions,
) -> tuple[DetectionResult, DetectionResult]:
    from wizard.discovery.context import Fetches
    from wizard.discovery.engine import detect
    from wizard.discovery.patience import FLOOR
    from wizard.model import Protocol

    loop = asyncio.get_running_loop()
    stop_incoming = asyncio.Event()
    fetches = Fetches(deadlines)  # both runs ask for the same documents: fetched once
    incoming = asyncio.create_task(
        detect(
            address,
            deadlines=deadlines,
            protocol=Protocol.IMAP,
            stop=stop_incoming,
            fetches=fetches,
            questions=questions,
        )
    )
    started = loop.time()
    try:
        outgoing = await detect(
            address, deadlines=deadlines, on_event=on_event, fetches=fetches, questions=questions
        )
        loop.call_later(max(FLOOR, loop.time() - started), stop_incoming.set)
        return outgoing, await incoming
    finally:
        incoming.cancel()  # ended, or no longer wanted
        await asyncio.gather(incoming, return_exceptions=True)
        await fetches.close()


def incoming_json(result: DetectionResult) -> dict[str, Any] | None:
    """The detected IMAP server for the JSON ``imap`` key, shaped like ``smtp``."""
    from wizard.report import candidate_json

    return candidate_json(result.best) if result.best else None


def render_incoming(result: DetectionResult) -> str:
    """The detected IMAP server in the user's language, or that none was found."""
    from wizard.detection_words import describe_caution, security_label

    if result.best is None:
        return translate(
            "CommandLine",
            "No incoming-mail (IMAP) server found: a test message's arrival cannot be checked.",
        )
    config = result.best.config
    lines = [
        translate("CommandLine", "Incoming mail (IMAP), to confirm that test messages arrive:")
    ]
    lines.append(field("server", config.host))
    lines.append(field("port", config.port))
    lines.append(field("security", security_label(config.security, translate)))
    lines.extend(
        translate("CommandLine", "Warning: {warning}").format(
            warning=describe_caution(caution, result.domain, translate)
        )
        for caution in result.best.warnings
    )
    return "\n".join(lines)


def render(result: DetectionResult, *, verbose: bool) -> str:
    """The human-readable report, in the user's language."""
    from wizard.detection_words import describe_caution, source_label, status_label

    lines: list[str] = []
    if result.best is None:
        lines.append(
            translate("CommandLine", "No outgoing-mail settings found for {address}.").format(
                address=result.address
            )
        )
        lines.append(
            translate(
                "CommandLine", "Ask your provider for the SMTP server name, port and encryption."
            )
        )
    else:
        lines.append(
            translate("CommandLine", "Outgoing mail (SMTP) for {address}:").format(
                address=result.address
            )
        )
        lines.extend(_describe(result.best))
    for caution in result.warnings:
        link = result.best.config.link if result.best else None
        warning = describe_caution(caution, result.domain, translate, link=link)
        lines.append(translate("CommandLine", "Warning: {warning}").format(warning=warning))
    if result.alternatives:
        lines.append(translate("CommandLine", "Other possibilities:"))
        lines.extend(_alternative(c) for c in result.alternatives)
    if verbose:
        lines.append(translate("CommandLine", "Sources:"))
        names = [source_label(s.name, translate) for s in result.sources]
        statuses = [status_label(s.status, translate) for s in result.sources]
        name_width, status_width = max(map(len, names)), max(map(len, statuses))
        lines.extend(
            f"  {name:{name_width}} {status:{status_width}} {s.elapsed_ms:6} ms  {_account(s)}"
            for s, name, status in zip(result.sources, names, statuses, strict=True)
        )
    lines.append(f"({result.elapsed_ms} ms)")
    return "\n".join(lines)


def _account(report: SourceReport) -> str:
    """A source's outcome in words, then the technical details a helpdesk asks for."""
    from wizard.detection_words import describe_source
    from wizard.printable import printable

    summary = describe_source(report, translate)
    return f"{summary} — {printable(report.detail)}" if report.detail else summary


def _alternative(candidate: Candidate) -> str:
    from wizard.detection_words import security_label, source_label, trust_label

    config, probe = candidate.config, candidate.probe
    facts = [source_label(config.source, translate), trust_label(config.trust, translate)]
    if probe and probe.verified:
        facts.append(translate("CommandLine", "confirmed live"))
    security = security_label(config.security, translate)
    return f"  {config.host}:{config.port} {security} ({', '.join(facts)})"


def _describe(candidate: Candidate) -> list[str]:
    from wizard.detection_words import security_label, source_label, trust_label
    from wizard.report import auth_mechanisms

    config, probe = candidate.config, candidate.probe
    if probe and probe.verified:
        checked = translate("CommandLine", "confirmed live")
    else:
        checked = translate("CommandLine", "not confirmed live")
    sign_in = ", ".join(auth_mechanisms(candidate)) or translate("CommandLine", "unknown")
    lines = [
        field("server", config.host),
        field("port", config.port),
        field("security", security_label(config.security, translate)),
        field("username", config.username),
        field("sign-in", sign_in),
        field("found-by", f"{source_label(config.source, translate)} ({config.origin})"),
        field("trust", f"{trust_label(config.trust, translate)}; {checked}"),
    ]
    if probe and probe.certificate:
        certificate = translate("CommandLine", "Certificate SHA-256: {sha256}")
        lines.append(f"  {certificate.format(sha256=probe.certificate.sha256)}")
    return lines
