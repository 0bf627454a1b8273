"""``email-setup-wizard accounts [list | show ADDR | remove ADDR]``: the stored accounts.

Passwords are never printed; ``show`` only says whether the keychain holds one.
"""

from __future__ import annotations

import argparse
from typing import Any

from wizard import keychain
from wizard.accounts import orphans, remove_account, remove_orphans, stored_secret
from wizard.address import parse_address
from wizard.cli.common import (
    EXIT_INVALID_INPUT,
    EXIT_NOTHING_FOUND,
    EXIT_OK,
    EXIT_STORAGE_FAILED,
    complain,
    fail,
    field,
    print_json,
)
from wizard.cli.i18n import CONTEXT, local_date, translate
from wizard.errors import InvalidAddressError, WizardError
from wizard.keychain import KeychainError
from wizard.messages import describe_error, security_label
from wizard.printable import printable
from wizard.profiles import AccountProfile, ProfileError, ProfileStore, profile_to_json
from wizard.runtime import run
from wizard.wording import QT_TRANSLATE_NOOP


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "accounts",
        description="List, show or remove stored accounts. Removing also deletes the password "
        "from the keychain. 'clean' removes the passwords no account uses any more (left by a "
        "setup that was interrupted), which 'list' shows.",
    )
    parser.add_argument(
        "action", nargs="?", choices=("list", "show", "remove", "clean"), default="list"
    )
    parser.add_argument("address", nargs="?", help="the account's address (for show and remove)")
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    if args.action not in ("list", "clean") and not args.address:
        needs = QT_TRANSLATE_NOOP("CommandLine", "“accounts {action}” needs an address.")
        english = needs.format(action=args.action)
        complain(translate(CONTEXT, needs).format(action=args.action), english=english)
        return EXIT_INVALID_INPUT
    store = ProfileStore()
    try:
        if args.action == "list":
            return _list(store, as_json=args.json)
        if args.action == "clean":
            return _clean(store, as_json=args.json)
        parse_address(args.address)
        if args.action == "show":
            return _show(store, args.address, as_json=args.json)
        return _remove(store, args.address, as_json=args.json)
    except InvalidAddressError as err:
        return _failed(err, EXIT_INVALID_INPUT, as_json=args.json)
    except (ProfileError, KeychainError) as err:
        return _failed(err, EXIT_STORAGE_FAILED, as_json=args.json)


def _list(store: ProfileStore, *, as_json: bool) -> int:
    profiles = store.load()
    left = orphans(store)
    if as_json:
        print_json(
            {
                "accounts": [profile_to_json(p) for p in profiles],
                "orphans": [{"service": s, "username": u} for s, u in left],
                "file": str(store.path),
            }
        )
        return EXIT_OK
    if not profiles:
        print(translate("CommandLine", "No accounts are set up yet."))
    for profile in profiles:
        security = security_label(profile.security, translate)
        print(printable(f"{profile.address}  {profile.host}:{profile.port} {security}"))
    if left:
        print(
            translate(
                "CommandLine",
                "Passwords in the keychain that no account uses (left by an interrupted setup; "
                "remove them with “accounts clean”):",
            )
        )
        for service, username in left:
            print(printable(f"  {service}  {username}"))
    return EXIT_OK


def _clean(store: ProfileStore, *, as_json: bool) -> int:
    """Remove the passwords no account uses (``wizard.accounts.remove_orphans``)."""
    removed = remove_orphans(store)
    if as_json:
        print_json({"removed": [{"service": s, "username": u} for s, u in removed]})
        return EXIT_OK
    if not removed:
        print(translate("CommandLine", "No passwords were left without an account."))
    for service, username in removed:
        done = translate("CommandLine", "Removed the password for {username} ({service}).")
        print(printable(done.format(username=username, service=service)))
    return EXIT_OK


def _show(store: ProfileStore, address: str, *, as_json: bool) -> int:
    profile = store.get(address)
    if profile is None:
        return _not_found(address, as_json=as_json)
    stored = stored_secret(profile) is not None
    backend = keychain.backend_description()
    if as_json:
        print_json(
            {
                "account": profile_to_json(profile),
                "password_stored": stored,
                "keychain": backend,
                "keychain_service": profile.keychain_service,
                "file": str(store.path),
            }
        )
        return EXIT_OK
    if stored:
        where = translate("CommandLine", "in {keychain}")
    else:
        where = translate("CommandLine", "not found in {keychain}")
    print(describe_profile(profile, password=where.format(keychain=backend)))
    return EXIT_OK


def _remove(store: ProfileStore, address: str, *, as_json: bool) -> int:
    try:
        profile = store.get(address)
        # An OAuth2 account's refresh token is also revoked, after it left the keychain.
        token = stored_secret(profile) if profile is not None and profile.oauth else None
        removed = remove_account(store, address)
    except KeychainError as err:
        code = fail(err, EXIT_STORAGE_FAILED)
        kept = translate("CommandLine", "nothing was removed: {address} stays set up.")
        staying = store.get(address)
        complain(kept.format(address=staying.address if staying else address))
        return code
    if removed is None:
        return _not_found(address, as_json=as_json)
    profile, sharing = removed.profile, removed.kept_for
    revoked = False
    if token and profile.oauth is not None and removed.secret_removed:
        from wizard.oauth.signin import revoke_login  # the OAuth client: only when revoking

        revoked = run(revoke_login(profile.oauth, token))
    if as_json:
        print_json(
            {
                "removed": profile.address,
                "keychain_entry_removed": removed.secret_removed,
                "kept_for": list(sharing),
                "auth": profile.auth,
                "revoked": revoked,
            }
        )
    elif sharing:
        said = translate("CommandLine", "Removed {address}; its password stays for {others}.")
        print(said.format(address=profile.address, others=", ".join(sharing)))
    elif removed.secret_removed and profile.oauth is not None:
        said = translate("CommandLine", "Removed {address} and its sign-in.")
        print(said.format(address=profile.address))
    elif removed.secret_removed:
        said = translate("CommandLine", "Removed {address} and its password.")
        print(said.format(address=profile.address))
    else:
        print(translate("CommandLine", "Removed {address}.").format(address=profile.address))
    return EXIT_OK


def _failed(err: WizardError, code: int, *, as_json: bool) -> int:
    """Explain on stderr; with ``--json``, also one JSON object saying what went wrong, in
    English like all JSON."""
    if as_json:
        print_json({"error": describe_error(err), "exit_status": code})
    return fail(err, code)


def _not_found(address: str, *, as_json: bool) -> int:
    if as_json:
        print_json({"error": "not-found", "address": address})
    complain(
        translate("CommandLine", "no account for {address} is set up.").format(address=address)
    )
    return EXIT_NOTHING_FOUND


def describe_profile(profile: AccountProfile, *, password: str) -> str:
    """The readable summary of an account, shared by ``show`` and ``setup``; ``password``
    says where its password is ("in GNOME Keyring"), in the user's language."""
    if profile.last_tested:
        tested = local_date(profile.last_tested, with_time=True)
    else:
        tested = translate("CommandLine", "never")
    lines = [
        f"{profile.display_name} <{profile.address}>" if profile.display_name else profile.address,
        field("server", profile.host),
        field("port", profile.port),
        field("security", security_label(profile.security, translate)),
        field("username", profile.username),
        field("last-test", tested),
    ]
    if profile.pinned_sha256:
        pinned = translate("CommandLine", "Pinned certificate SHA-256: {sha256}")
        lines.append(f"  {pinned.format(sha256=profile.pinned_sha256)}")
    if profile.oauth is not None:
        signed_in = translate("CommandLine", "OAuth2 at {issuer} (client {client_id})")
        lines.append(
            field(
                "sign-in",
                signed_in.format(issuer=profile.oauth.issuer, client_id=profile.oauth.client_id),
            )
        )
    incoming = profile.incoming
    if incoming is not None:
        server = translate("CommandLine", "{host}, port {port}, {security} (IMAP)").format(
            host=incoming.host,
            port=incoming.port,
            security=security_label(incoming.security, translate),
        )
        lines.append(field("incoming", server))
    service = translate("CommandLine", "{password} (service {service})")
    lines.append(
        field("password", service.format(password=password, service=profile.keychain_service))
    )
    return "\n".join(lines)
