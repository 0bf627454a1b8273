"""``email-setup-wizard test ADDRESS ...``: log in and send a real test message.

With ``--host`` the settings come from the command line; without it, from the stored account
for ADDRESS (its pinned certificate included), so a helpdesk can re-test a set-up account.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from typing import Any

from wizard.accounts import remember_incoming, settings_for, stored_secret
from wizard.address import EmailAddress, parse_address
from wizard.cli.common import (
    EXIT_INVALID_INPUT,
    EXIT_NOTHING_FOUND,
    EXIT_OK,
    EXIT_SIGN_IN_AGAIN,
    EXIT_STORAGE_FAILED,
    EXIT_TEST_FAILED,
    complain,
    fail,
    positive_seconds,
    print_json,
)
from wizard.cli.confirm import (
    add_confirm_options,
    confirm_arrival,
    detect_incoming,
    show_delivery,
    with_delivery,
)
from wizard.cli.credentials import PasswordUnavailableError, read_password
from wizard.cli.i18n import CONTEXT, local_date, translate
from wizard.cli.presets import enforce_preset
from wizard.cli.signin import (
    add_sign_in_options,
    client_secret,
    issuer_for,
    prepare_here,
    sign_in_here,
)
from wizard.discovery.deadlines import Deadlines
from wizard.errors import InvalidAddressError, InvalidValueError
from wizard.keychain import KeychainError
from wizard.messages import describe_error, describe_outcome, words_of_test_message
from wizard.model import Security
from wizard.oauth.errors import OAuthError, OAuthProblem
from wizard.oauth.results import bearer_for, stored_bearer
from wizard.oauth.signin import fresh_access
from wizard.presets_rules import PresetRefusedError
from wizard.profiles import AccountProfile, IncomingServer, ProfileError, ProfileStore
from wizard.report import outcome_json
from wizard.runtime import run
from wizard.smtp.send import SEND_LIMIT, Bearer, SendSettings, TestOutcome, send_test_message
from wizard.values import check_display_name, check_fingerprint, check_host, check_username
from wizard.wording import QT_TRANSLATE_NOOP


def add_send_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by ``test`` and ``setup``."""
    parser.add_argument("--to", metavar="RCPT", help="send the test message here instead")
    parser.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    parser.add_argument(
        "--allow-plaintext",
        action="store_true",
        help="allow sending the password over an unencrypted connection (dangerous)",
    )
    parser.add_argument(
        "--trust-certificate",
        metavar="SHA256",
        help="accept exactly this server certificate (its SHA-256 fingerprint) even though "
        "it does not verify",
    )
    parser.add_argument(
        "--send-timeout",
        type=positive_seconds,
        default=SEND_LIMIT,
        metavar="S",
        help="time limit of the whole test send (default %(default)s)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    add_confirm_options(parser)


def sender_address(args: argparse.Namespace) -> EmailAddress:
    """The ADDRESS argument, parsed; every other value the command was given is checked too,
    before anything is sent or asked: ``--to``, ``--trust-certificate`` and, where the command
    has them, ``--name``, ``--host`` and ``--username``. Raises ``InvalidAddressError`` or
    ``InvalidValueError``."""
    address = parse_address(args.address)
    if args.to:
        parse_address(args.to)
    if args.trust_certificate:
        check_fingerprint(args.trust_certificate)
    check_display_name(getattr(args, "name", None) or "")
    if getattr(args, "host", None):
        check_host(args.host)
    if getattr(args, "username", None):
        check_username(args.username)
    return address


def send_settings(
    args: argparse.Namespace,
    *,
    host: str,
    port: int,
    security: Security,
    username: str,
    address: str,
    display_name: str = "",
) -> SendSettings:
    """The settings to test: this server and account, with the options of
    ``add_send_options``."""
    return SendSettings(
        host=host,
        port=port,
        security=security,
        username=username,
        address=address,
        display_name=display_name,
        recipient=args.to,
        allow_plaintext=args.allow_plaintext,
        pinned_sha256=args.trust_certificate,
    )


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "test",
        description="Log in to the outgoing server and send a real test message. Without "
        "--host, the stored account for ADDRESS is tested with the password from the keychain.",
    )
    parser.add_argument("address", help="the sender's email address")
    parser.add_argument("--host", help="the SMTP server")
    parser.add_argument("--port", type=port_number, help="the port (default: by security)")
    parser.add_argument(
        "--security", choices=[s.value for s in Security], help="ssl, starttls or none"
    )
    parser.add_argument("--username", help="the login name (default: the address)")
    add_send_options(parser)
    add_sign_in_options(parser)
    parser.set_defaults(handler=handle)


def port_number(text: str) -> int:
    """An argparse type for a TCP port, 1 to 65535."""
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 0 < port < 65536:
        raise argparse.ArgumentTypeError(f"expected a port from 1 to 65535, got {text!r}")
    return port


def handle(args: argparse.Namespace) -> int:
    try:
        address = sender_address(args)
    except (InvalidAddressError, InvalidValueError) as err:
        return fail(err, EXIT_INVALID_INPUT)
    profile: AccountProfile | None = None
    try:
        if args.host:
            security = Security(args.security or Security.SSL)
            settings = send_settings(
                args,
                host=args.host,
                port=args.port or security.submission_port,
                security=security,
                username=args.username or address.address,
                address=address.address,
            )
            settings = enforce_preset(address, settings, apply_locks=False, oauth2=args.oauth2)
            secret = _fresh_secret(args, settings)
        else:
            if args.port or args.security or args.username:
                return _refuse(_NEEDS_HOST, address, EXIT_INVALID_INPUT)
            profile = ProfileStore().get(address.address)
            if profile is None:
                return _refuse(_NO_ACCOUNT, address, EXIT_NOTHING_FOUND)
            settings = dataclasses.replace(
                settings_for(profile),
                recipient=args.to,
                allow_plaintext=args.allow_plaintext,
                pinned_sha256=args.trust_certificate or profile.pinned_sha256,
            )
            oauth2 = profile.oauth is not None
            settings = enforce_preset(address, settings, apply_locks=False, oauth2=oauth2)
            secret = _stored_secret(args, profile)
    except PasswordUnavailableError as err:
        complain(err.readable, english=err.reason)
        return EXIT_INVALID_INPUT
    except (ProfileError, KeychainError) as err:
        return fail(err, EXIT_STORAGE_FAILED)
    except PresetRefusedError as err:
        return fail(err, EXIT_INVALID_INPUT)
    except OAuthError as err:
        return fail(err, sign_in_exit(err))
    kept = profile.incoming if profile is not None else None
    # The incoming server the account keeps, or one found beside the send.
    incoming = None if args.no_confirm else kept or detect_incoming(args, address, Deadlines())
    sent_at = time.monotonic()
    outcome = send_test(args, settings, secret)
    if not args.json:
        show_outcome(outcome, as_json=False)
    delivery = confirm_arrival(args, settings, outcome, secret, incoming, sent_at=sent_at)
    if profile is not None and kept is None and delivery.server is not None:
        _keep_incoming(profile, delivery.server)
    if args.json:
        print_json(with_delivery(outcome_json(outcome), delivery))
    elif outcome.ok:
        show_delivery(delivery)
    return EXIT_OK if outcome.ok else EXIT_TEST_FAILED


_NO_ACCOUNT = QT_TRANSLATE_NOOP(
    "CommandLine",
    "no account for {address} is set up; give --host, --port and --security to test other "
    "settings.",
)
_NOT_IN_KEYCHAIN = QT_TRANSLATE_NOOP(
    "CommandLine",
    "the keychain has no password for the account {address}, and there is no terminal to ask "
    "for it; give it on standard input with --password-stdin, or store it again with "
    "“setup {address}”.",
)
# Without --host the stored account is tested as it is: a port, security or username beside
# it would go untried, and the result would be said of settings that were never tested.
_NEEDS_HOST = QT_TRANSLATE_NOOP(
    "CommandLine",
    "--port, --security and --username need --host; without it, the account set up for "
    "{address} is tested as it was stored. Give --host as well to test other settings.",
)


def _refuse(reason: str, address: EmailAddress, code: int) -> int:
    """Say why the test was not run (``reason``, a source text of the command line's, with
    the address in it), in JSON too, and return ``code``."""
    english = reason.format(address=address.address)
    complain(translate(CONTEXT, reason).format(address=address.address), english=english)
    return code


def _keep_incoming(profile: AccountProfile, server: IncomingServer) -> None:
    """An account stored without its incoming server keeps the one found now, so the next
    test need not look for it again. Failing to is not the test's failure: said, not fatal."""
    try:
        remember_incoming(ProfileStore(), profile.address, server)
    except ProfileError as err:
        complain(describe_error(err, translate), english=describe_error(err))


def sign_in_exit(err: OAuthError) -> int:
    """The exit status for a sign-in that did not work (documented in the README)."""
    if err.problem is OAuthProblem.SIGN_IN_AGAIN:
        return EXIT_SIGN_IN_AGAIN
    if err.problem in (OAuthProblem.NO_ISSUER, OAuthProblem.NO_CLIENT):
        return EXIT_INVALID_INPUT
    return EXIT_TEST_FAILED


def _fresh_secret(args: argparse.Namespace, settings: SendSettings) -> str | Bearer:
    """What to test given settings with: a fresh sign-in (``--oauth2``), else a password."""
    if not args.oauth2:
        return read_password(from_stdin=args.password_stdin)
    issuer = issuer_for(settings.host, args.oauth_issuer)
    if issuer is None:
        raise OAuthError(OAuthProblem.NO_ISSUER, settings.host)
    prepared = prepare_here(issuer, args, client_secret(args))
    signed = sign_in_here(prepared, args, login_hint=settings.address)
    return bearer_for(signed)


def _stored_secret(args: argparse.Namespace, profile: AccountProfile) -> str | Bearer:
    """What to re-test a stored account with: a token refreshed from its stored sign-in, or
    its password from the keychain (asked for when missing)."""
    if profile.oauth is not None:
        tokens = run(fresh_access(profile))
        return stored_bearer(profile.oauth, tokens)
    stored = None
    if not args.password_stdin:
        stored = stored_secret(profile)
        if not stored and not sys.stdin.isatty():
            # Why there is no password comes first: "no terminal" alone sends the user
            # looking at how the command was run, not at the keychain.
            raise PasswordUnavailableError(_NOT_IN_KEYCHAIN, address=profile.address)
    return stored or read_password(from_stdin=args.password_stdin)


def send_test(args: argparse.Namespace, settings: SendSettings, login: str | Bearer) -> TestOutcome:
    """The test send, its message in the user's language, within ``--send-timeout``."""
    subject, body = words_of_test_message(translate)
    worded = dataclasses.replace(settings, subject=subject, body=body)
    return run(send_test_message(worded, login, limit=args.send_timeout))


def show_outcome(outcome: TestOutcome, *, as_json: bool) -> None:
    if as_json:
        print_json(outcome_json(outcome))
        return
    for line in describe_outcome(outcome, translate, local_date):
        print(line, file=sys.stdout if outcome.ok else sys.stderr)
