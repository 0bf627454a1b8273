"""Confirming delivery after ``test`` and ``setup``: the options, which incoming server may be
used, and how the outcome is shown.

The incoming (IMAP) server is the one the account keeps, or else is detected in the background,
beside the outgoing side, so the send never waits for it; ``wizard.delivery.after_send``
decides whether it may be used.
"""

from __future__ import annotations

import argparse
import sys
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from wizard.cli.common import positive_seconds
from wizard.cli.i18n import local_date, translate
from wizard.delivery.after_send import AfterSend, confirm_after_send
from wizard.delivery.document import delivery_json
from wizard.delivery.result import DEFAULT_TIMEOUT, DeliveryResult, DeliveryStatus, SkipReason
from wizard.discovery.deadlines import Deadlines
from wizard.discovery.engine import detect
from wizard.imap.errors import ImapSettings
from wizard.messages import describe_delivery_lines
from wizard.model import DetectionResult, Protocol
from wizard.profiles import IncomingServer
from wizard.runtime import in_background, run

if TYPE_CHECKING:
    from wizard.address import EmailAddress
    from wizard.smtp.sasl import Bearer
    from wizard.smtp.send import SendSettings, TestOutcome


def add_confirm_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by ``test`` and ``setup``."""
    parser.add_argument(
        "--no-confirm",
        action="store_true",
        help="do not check over IMAP that the test message arrived",
    )
    parser.add_argument(
        "--confirm-timeout",
        type=positive_seconds,
        default=DEFAULT_TIMEOUT,
        metavar="S",
        help="how long to wait for the test message to arrive (default %(default)s)",
    )
    parser.add_argument(
        "--keep-test-message",
        action="store_true",
        help="leave the test message in the mailbox once it arrived",
    )


def detect_incoming(
    args: argparse.Namespace, address: EmailAddress, deadlines: Deadlines
) -> Future[DetectionResult] | None:
    """Start looking for the incoming server in the background, unless ``--no-confirm``."""
    if args.no_confirm:
        return None
    return in_background(detect(address, deadlines=deadlines, protocol=Protocol.IMAP))


def confirm_arrival(
    args: argparse.Namespace,
    settings: SendSettings,
    outcome: TestOutcome,
    password: str | Bearer,
    incoming: Future[DetectionResult] | IncomingServer | None,
    *,
    sent_at: float,
    accepted_untrusted: bool = False,
) -> DeliveryResult:
    """Watch for the test message (or, with ``--to``, a bounce) if it was sent and a usable
    incoming server is known (the account's, or the one being detected); otherwise say why
    not. ``incoming`` None: not asked for (``--no-confirm``)."""
    send = AfterSend(
        settings,
        outcome,
        password,
        sent_at,
        args.confirm_timeout,
        keep=args.keep_test_message,
        accepted_untrusted=accepted_untrusted,
    )
    if incoming is None and outcome.ok:
        return DeliveryResult(
            DeliveryStatus.SKIPPED, reason=SkipReason.NOT_REQUESTED, timeout=send.timeout
        )

    def waiting(server: ImapSettings) -> None:
        if not args.json:
            said = translate(
                "CommandLine", "Waiting up to {seconds} s for the test message at {server}…"
            )
            print(said.format(seconds=f"{send.timeout:g}", server=server.host), file=sys.stderr)

    found = incoming.result() if isinstance(incoming, Future) else incoming
    return run(confirm_after_send(send, found, on_waiting=waiting))


def show_delivery(result: DeliveryResult) -> None:
    """The confirmation in the user's language (``--json`` adds ``delivery`` instead)."""
    worked = result.status in (DeliveryStatus.INBOX, DeliveryStatus.SKIPPED)
    for line in describe_delivery_lines(result, translate, local_date):
        print(line, file=sys.stdout if worked else sys.stderr)


def with_delivery(document: dict[str, Any], result: DeliveryResult) -> dict[str, Any]:
    return document | {"delivery": delivery_json(result)}
