"""``email-setup-wizard token ADDRESS``: a fresh OAuth2 access token, and nothing else.

For msmtp's ``passwordeval`` with ``auth xoauth2`` or ``auth oauthbearer``, and for scripts.
The token alone goes to stdout; anything said goes to stderr. Exit codes (README): 0 the token
was printed, 3 no account for ADDRESS, 2 the account logs in with a password, 6 the stored
sign-in is no longer valid (sign in again with ``setup``), 5 the keychain could not be read,
4 the sign-in server could not be reached or refused.
"""

from __future__ import annotations

import argparse
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
from wizard.cli.sendtest import sign_in_exit
from wizard.errors import InvalidAddressError
from wizard.keychain import KeychainError
from wizard.oauth.errors import OAuthError
from wizard.oauth.signin import fresh_access
from wizard.profiles import ProfileError, ProfileStore
from wizard.runtime import run


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "token",
        help="print a fresh OAuth2 access token for a set-up account (for msmtp and scripts)",
        description="Print a fresh OAuth2 access token for ADDRESS on stdout, and nothing "
        "else. Exit codes: 0 printed, 2 the account uses a password, 3 no such account, "
        "4 the sign-in server failed, 5 keychain error, 6 sign in again.",
    )
    parser.add_argument("address", help="the account's address")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    try:
        address = parse_address(args.address)
        profile = ProfileStore().get(address.address)
        if profile is None:
            complain(
                translate("CommandLine", "no account for {address} is set up.").format(
                    address=address.address
                )
            )
            return EXIT_NOTHING_FOUND
        if profile.oauth is None:
            complain(
                translate(
                    "CommandLine", "{address} logs in with a password, not with OAuth2."
                ).format(address=profile.address)
            )
            return EXIT_INVALID_INPUT
        tokens = run(fresh_access(profile))
    except InvalidAddressError as err:
        return fail(err, EXIT_INVALID_INPUT)
    except (ProfileError, KeychainError) as err:
        return fail(err, EXIT_STORAGE_FAILED)
    except OAuthError as err:
        return fail(err, sign_in_exit(err))
    print(tokens.access_token)
    return EXIT_OK
