"""``email-setup-wizard setup ADDRESS``: the scripted wizard, for helpdesks.

Detect, test with a real send, then store the password in the keychain and the profile. Nothing
is stored unless the test succeeded. Settings from an untrusted source need a yes from a person
(or ``--yes``); a certificate that does not verify needs its fingerprint pinned explicitly,
which ``--yes`` never does.

With ``--json`` a script reads the outcome from stdout, so every exit after the arguments were
parsed, a refusal or an interruption included, prints exactly one object with ``exit_status``
and ``error``; and no yes/no question is asked, because no one may be there to answer it.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from wizard.accounts import profile_from_test, store_account
from wizard.cli.accounts import describe_profile
from wizard.cli.common import (
    EXIT_INTERRUPTED,
    EXIT_INVALID_INPUT,
    EXIT_NOTHING_FOUND,
    EXIT_OK,
    EXIT_STORAGE_FAILED,
    EXIT_TEST_FAILED,
    complain,
    field,
    positive_seconds,
    print_json,
)
from wizard.cli.confirm import confirm_arrival, detect_incoming, show_delivery
from wizard.cli.credentials import PasswordUnavailableError, confirm, read_password
from wizard.cli.detect import incoming_json, render
from wizard.cli.i18n import CONTEXT, translate
from wizard.cli.sendtest import (
    add_send_options,
    send_settings,
    send_test,
    sender_address,
    show_outcome,
    sign_in_exit,
)
from wizard.cli.signin import (
    add_sign_in_options,
    client_secret,
    issuer_for,
    prepare_here,
    sign_in_here,
)
from wizard.delivery.after_send import usable_incoming
from wizard.delivery.document import delivery_json
from wizard.discovery.deadlines import Deadlines
from wizard.discovery.engine import detect
from wizard.errors import InvalidAddressError, InvalidValueError, WizardError
from wizard.keychain import KeychainError
from wizard.messages import (
    QT_TRANSLATE_NOOP,
    describe_caution,
    describe_error,
    describe_ignored_sign_in,
)
from wizard.model import Candidate, Caution, Trust
from wizard.oauth.clients import keep_given_secret
from wizard.oauth.errors import OAuthError, OAuthProblem
from wizard.oauth.issuers import plan_sign_in, with_name
from wizard.oauth.results import SignedIn, bearer_for, login_for
from wizard.presets_rules import (
    PresetRefusedError,
    check_sign_in,
    enforce,
    preset_for,
    sign_in_rule,
)
from wizard.profiles import IncomingServer, ProfileError, ProfileStore, profile_to_json
from wizard.report import detection_json, outcome_json
from wizard.runtime import run
from wizard.smtp.send import Bearer

if TYPE_CHECKING:
    from wizard.presets import Preset


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "setup",
        description="Detect the settings, send a real test message, then store the password "
        "in the keychain and the account profile. Nothing is stored if the test fails.",
    )
    parser.add_argument("address", help="the email address to set up")
    parser.add_argument("--name", default="", help="the display name for the From line")
    parser.add_argument(
        "--yes", action="store_true", help="accept settings from an untrusted source"
    )
    parser.add_argument(
        "--trust-domain",
        metavar="DOMAIN",
        type=lambda text: text.strip().rstrip(".").lower(),
        help="send the password to a server in DOMAIN, another domain than the address's that "
        "detection reached through a step nobody vouched for (--yes never does)",
    )
    parser.add_argument(
        "--timeout",
        type=positive_seconds,
        default=Deadlines.total,
        metavar="S",
        help="detection time limit (default %(default)s)",
    )
    add_send_options(parser)
    add_sign_in_options(parser)
    parser.set_defaults(handler=handle)


class _Stop(Exception):
    """``setup`` ends here with exit status ``code``; ``reason`` says why in plain English (the
    JSON ``error``), ``readable`` the same in the user's language for stderr, or is None when
    the reason was already put in front of the user (the detection report, the test's
    explanation), so it is not repeated."""

    def __init__(self, code: int, reason: str, readable: str | None = None) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.readable = readable


def handle(args: argparse.Namespace) -> int:
    document: dict[str, Any] = {
        "detect": None,
        "sign_in": None,
        "test": None,
        "delivery": None,
        "stored": None,
    }
    error: str | None = None
    code = EXIT_OK
    try:
        _set_up(args, document)
    except _Stop as stop:
        if stop.readable is not None:
            complain(stop.readable)
        code, error = stop.code, stop.reason
    except KeyboardInterrupt:
        if args.json:
            print_json({**document, "exit_status": EXIT_INTERRUPTED, "error": "cancelled"})
        raise  # the command line's own handling: "Cancelled.", exit 130
    if args.json:
        print_json({**document, "exit_status": code, "error": error})
    return code


def _set_up(args: argparse.Namespace, document: dict[str, Any]) -> None:
    """Detect, test and store, filling in ``document``; raises ``_Stop`` where it ends early."""
    try:
        address = sender_address(args)
    except (InvalidAddressError, InvalidValueError) as err:
        raise _failed(err, EXIT_INVALID_INPUT) from err
    store = ProfileStore()
    password: str | None = None
    secret: str | None = None
    try:
        store.load()  # a damaged profile file is reported before anything is sent or stored
        if args.password_stdin:
            password = read_password(from_stdin=True)
        secret = client_secret(args)
    except ProfileError as err:
        raise _failed(err, EXIT_STORAGE_FAILED) from err
    except PasswordUnavailableError as err:
        raise _Stop(EXIT_INVALID_INPUT, err.reason, err.readable) from err

    deadlines = Deadlines(total=args.timeout)
    incoming = detect_incoming(args, address, deadlines)  # beside, never holding it up
    result = run(detect(address, deadlines=deadlines))
    document["detect"] = detection_json(result)
    if not args.json:
        print(render(result, verbose=False))
    best = result.best
    if best is None:
        found = f"no outgoing-mail settings were found for {address.address}."
        raise _Stop(EXIT_NOTHING_FOUND, found)
    foreign = _refuse_foreign(best, args)
    if foreign is not None:
        raise foreign
    refusal = _refuse_untrusted(best, args)
    if refusal:
        raise _said(EXIT_INVALID_INPUT, refusal)
    settings = send_settings(
        args,
        host=best.config.host,
        port=best.config.port,
        security=best.config.security,
        username=best.config.username,
        address=address.address,
        display_name=args.name,
    )
    try:  # the organisation's locks and policy, before a password is asked for
        preset = preset_for(address)
        settings = enforce(preset, address, settings, apply_locks=True)
    except PresetRefusedError as err:
        raise _failed(err, EXIT_INVALID_INPUT) from err
    signed = _sign_in(args, best, address.address, secret, document, preset)
    if signed is None and password is None:
        try:
            password = read_password(from_stdin=False)
        except PasswordUnavailableError as err:
            raise _Stop(EXIT_INVALID_INPUT, err.reason, err.readable) from err

    login: str | Bearer = bearer_for(signed) if signed else password or ""
    sent_at = time.monotonic()
    outcome = send_test(args, settings, login)
    document["test"] = outcome_json(outcome)
    if not args.json:
        show_outcome(outcome, as_json=False)
    if not outcome.ok:
        raise _Stop(EXIT_TEST_FAILED, document["test"]["explanation"])

    accepted = best.config.trust is not Trust.TRUSTED  # a person (or --yes) said yes to that
    detected = incoming.result() if incoming is not None else None  # seconds ago, most likely
    server = usable_incoming(detected, settings, accepted_untrusted=accepted)
    profile = profile_from_test(
        settings,
        outcome,
        display_name=args.name,
        source=best.config.source,
        trust=best.config.trust,
        when=datetime.now(UTC),
        oauth=login_for(signed) if signed else None,
        incoming=server if isinstance(server, IncomingServer) else None,
    )
    kept = signed.tokens.refresh_token if signed else password
    try:
        if signed:  # a client secret given on the command line, for the refreshes to come
            keep_given_secret(signed.issuer.issuer, signed.client)
        stored = store_account(store, profile, kept or "")
    except (KeychainError, ProfileError) as err:
        raise _failed(err, EXIT_STORAGE_FAILED) from err
    for loose in stored.loose_ends:
        left = translate(
            "CommandLine",
            "a replaced password is still in the keychain (service {service}, "
            "user {username}): {reason}",
        )
        reason = describe_error(loose.error, translate)
        complain(left.format(service=loose.service, username=loose.username, reason=reason))
    backend = stored.backend
    document["stored"] = {
        "keychain": backend,
        "service": profile.keychain_service,
        "username": profile.username,
        "profile_file": str(store.path),
        "account": profile_to_json(profile),
    }
    if not args.json:
        print(translate("CommandLine", "Stored this account:"))
        where = translate("CommandLine", "in {keychain}").format(keychain=backend)
        print(describe_profile(profile, password=where))
        print(field("settings", store.path))

    # Stored first: a user who stops the wait keeps the account that already passed.
    delivery = confirm_arrival(
        args, settings, outcome, login, incoming, sent_at=sent_at, accepted_untrusted=accepted
    )
    document["delivery"] = delivery_json(delivery)
    document["detect"]["imap"] = incoming_json(detected) if detected else None
    if not args.json:
        show_delivery(delivery)


def _sign_in(
    args: argparse.Namespace,
    best: Candidate,
    address: str,
    secret: str | None,
    document: dict[str, Any],
    preset: Preset | None,
) -> SignedIn | None:
    """Sign in with OAuth2 when the provider needs it, ``--oauth2`` asks for it or the
    organisation allows nothing else; None when the account logs in with a password.

    Where the provider takes either and no client registration is available, the reason is
    said (for Gmail: the app-password route) and the password is asked for instead; not where
    the organisation allows no password. An organisation that allows only passwords never has
    a sign-in started.
    """
    plan = plan_sign_in(best.config)
    if plan.ignored:
        document["oauth_ignored"] = list(plan.ignored)
        complain(describe_ignored_sign_in(plan.ignored, translate))
    rule = sign_in_rule(preset)
    # A password on standard input (without --oauth2) is the person's choice of a password.
    oauth2 = args.oauth2 or (
        not args.password_stdin and rule.oauth2 and (plan.offered or not rule.password)
    )
    if preset is not None:
        try:
            check_sign_in(preset, oauth2=oauth2)
        except PresetRefusedError as err:
            raise _failed(err, EXIT_INVALID_INPUT) from err
    if not oauth2:
        return None
    issuer = issuer_for(best.config.host, args.oauth_issuer) if args.oauth_issuer else plan.issuer
    try:
        if issuer is None:
            raise OAuthError(OAuthProblem.NO_ISSUER, best.config.host)
        prepared = prepare_here(with_name(issuer, best.config.provider), args, secret)
    except OAuthError as err:
        if args.oauth2 or plan.required or not rule.password:
            raise _failed(err, sign_in_exit(err)) from err
        complain(describe_error(err, translate))
        return None
    document["sign_in"] = {
        "issuer": prepared.issuer.issuer,
        "client_id": prepared.client.client_id,
        "client_origin": prepared.client.origin.value,
        "flow": "device" if args.device_code else "browser",
    }
    try:
        return sign_in_here(prepared, args, login_hint=address)
    except OAuthError as err:
        raise _failed(err, sign_in_exit(err)) from err


def _failed(err: WizardError, code: int) -> _Stop:
    return _Stop(code, describe_error(err), describe_error(err, translate))


def _said(code: int, reason: str) -> _Stop:
    """A stop for ``reason``, an English sentence of the command line's own."""
    return _Stop(code, reason, translate(CONTEXT, reason))


_FOREIGN = QT_TRANSLATE_NOOP(
    "CommandLine",
    "{caution} Nothing was sent or stored. If your provider confirms it, run again with "
    "--trust-domain {server_domain}.",
)


def _refuse_foreign(best: Candidate, args: argparse.Namespace) -> _Stop | None:
    """A server in another domain, reached through a step nobody vouched for, is refused
    unless ``--trust-domain`` names exactly its domain; ``--yes`` never covers it."""
    link = best.config.link
    if link is None or link.vouched or args.trust_domain == link.server_domain:
        return None
    english = _FOREIGN.format(
        caution=describe_caution(Caution.FOREIGN_DOMAIN, link.address_domain, link=link),
        server_domain=link.server_domain,
    )
    readable = translate(CONTEXT, _FOREIGN).format(
        caution=describe_caution(Caution.FOREIGN_DOMAIN, link.address_domain, translate, link=link),
        server_domain=link.server_domain,
    )
    return _Stop(EXIT_INVALID_INPUT, english, readable)


def _refuse_untrusted(best: Candidate, args: argparse.Namespace) -> str | None:
    """Why the settings may not be used without a person's yes (an English source text), or
    None when they may."""
    if best.config.trust is Trust.TRUSTED or args.yes:
        return None
    if sys.stdin.isatty() and not args.json:
        if confirm(
            translate("CommandLine", "These settings come from an untrusted source. Use them?")
        ):
            return None
        return QT_TRANSLATE_NOOP("CommandLine", "not confirmed; nothing was sent or stored.")
    return QT_TRANSLATE_NOOP(
        "CommandLine",
        "these settings come from an untrusted source (DNS, plain HTTP or a guess), and "
        "without a terminal (or with --json) no one can be asked; check them, then run again "
        "with --yes.",
    )
