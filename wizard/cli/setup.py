"""``email-setup-wizard setup ADDRESS``: the scripted wizard, for helpdesks.

Detect, test with a real send, then store the password in the keychain and the profile. Nothing
is stored unless the test succeeded. Settings from an untrusted source need a yes from a person
(or ``--yes``); a certificate that does not verify needs its fingerprint pinned explicitly,
which ``--yes`` never does.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from typing import Any

from wizard import keychain
from wizard.cli.common import (
    EXIT_INVALID_INPUT,
    EXIT_NOTHING_FOUND,
    EXIT_OK,
    EXIT_STORAGE_FAILED,
    EXIT_TEST_FAILED,
    fail,
    print_json,
)
from wizard.cli.credentials import PasswordUnavailableError, confirm, read_password
from wizard.cli.detect import render
from wizard.cli.sendtest import (
    add_send_options,
    no_password,
    send_settings,
    sender_address,
    show_outcome,
)
from wizard.discovery.context import Deadlines
from wizard.discovery.engine import detect
from wizard.errors import InvalidAddressError
from wizard.keychain import KeychainError
from wizard.model import Candidate, Trust
from wizard.profiles import AccountProfile, ProfileError, ProfileStore, profile_to_json
from wizard.report import detection_json, outcome_json
from wizard.runtime import run
from wizard.smtp.send import TestOutcome, send_test_message


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "setup",
        help="detect, test and store an account (the wizard, without windows)",
        description="Detect the settings, send a real test message, then store the password "
        "in the keychain and the account profile. Nothing is stored if the test fails.",
    )
    parser.add_argument("address", help="the email address to set up")
    parser.add_argument("--name", default="", help="the display name for the From line")
    parser.add_argument(
        "--yes", action="store_true", help="accept settings from an untrusted source"
    )
    parser.add_argument(
        "--timeout", type=float, default=Deadlines.total, metavar="S", help="detection time limit"
    )
    add_send_options(parser)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    try:
        address = sender_address(args)
    except InvalidAddressError as err:
        return fail(err, EXIT_INVALID_INPUT)
    store = ProfileStore()
    password: str | None = None
    try:
        store.load()  # a damaged profile file is reported before anything is sent or stored
        if args.password_stdin:
            password = read_password(from_stdin=True, prompt="")
    except ProfileError as err:
        return fail(err, EXIT_STORAGE_FAILED)
    except PasswordUnavailableError as err:
        return no_password(err)

    result = run(detect(address, deadlines=Deadlines(total=args.timeout)))
    document: dict[str, Any] = {"detect": detection_json(result), "test": None, "stored": None}
    if not args.json:
        print(render(result, verbose=False))
    best = result.best
    if best is None:
        return _finish(document, args, EXIT_NOTHING_FOUND)
    refusal = _refuse_untrusted(best, args)
    if refusal:
        print(f"email-setup-wizard: {refusal}", file=sys.stderr)
        return _finish(document, args, EXIT_INVALID_INPUT)
    if password is None:
        try:
            password = read_password(from_stdin=False, prompt="Password: ")
        except PasswordUnavailableError as err:
            return no_password(err)

    settings = send_settings(
        args,
        host=best.config.host,
        port=best.config.port,
        security=best.config.security,
        username=best.config.username,
        address=address.address,
        display_name=args.name,
    )
    outcome = run(send_test_message(settings, password))
    document["test"] = outcome_json(outcome)
    if not args.json:
        show_outcome(outcome, as_json=False)
    if not outcome.ok:
        return _finish(document, args, EXIT_TEST_FAILED)

    username = outcome.username or settings.username
    profile = AccountProfile(
        display_name=args.name,
        address=address.address,
        host=settings.host,
        port=settings.port,
        security=settings.security,
        username=username,
        auth_method=None,
        source=best.config.source,
        trust=best.config.trust,
        last_tested=datetime.now(UTC),
        pinned_sha256=args.trust_certificate if _pin_was_needed(outcome) else None,
    )
    try:
        backend = keychain.store_password(settings.host, settings.port, username, password)
        store.save(profile)
    except (KeychainError, ProfileError) as err:
        code = fail(err, EXIT_STORAGE_FAILED)
        return _finish(document, args, code)
    document["stored"] = {
        "keychain": backend,
        "service": profile.keychain_service,
        "username": username,
        "profile_file": str(store.path),
        "account": profile_to_json(profile),
    }
    if not args.json:
        print(
            f"Stored: the password in {backend} (service {profile.keychain_service}, "
            f"user {username}); the settings in {store.path}."
        )
    return _finish(document, args, EXIT_OK)


def _refuse_untrusted(best: Candidate, args: argparse.Namespace) -> str | None:
    """Why the settings may not be used without a person's yes, or None when they may."""
    if best.config.trust is Trust.TRUSTED or args.yes:
        return None
    if sys.stdin.isatty() and not args.json:
        if confirm("These settings come from an untrusted source. Use them?"):
            return None
        return "not confirmed; nothing was sent or stored."
    return (
        "these settings come from an untrusted source (DNS, plain HTTP or a guess) and there "
        "is no terminal to confirm them; check them, then run again with --yes."
    )


def _pin_was_needed(outcome: TestOutcome) -> bool:
    """Keep a pin only when the certificate really needed it."""
    certificate = outcome.certificate
    return certificate is not None and not certificate.verified


def _finish(document: dict[str, Any], args: argparse.Namespace, code: int) -> int:
    if args.json:
        document["exit_status"] = code
        print_json(document)
    return code
