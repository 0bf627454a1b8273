"""Signing in with OAuth2 at the command line: the options ``setup`` and ``test`` share, and
what the person sees while the browser is open or a code is waiting to be typed.

Everything for the person goes to stderr, so that ``--json`` output and ``token`` stay clean;
the sign-in URL is always printed too, for when no browser opens (or a helpdesk reads it out).
"""

from __future__ import annotations

import argparse
import io
import sys
from dataclasses import replace

import segno

from wizard.cli.common import positive_seconds
from wizard.cli.credentials import PasswordUnavailableError
from wizard.cli.i18n import translate
from wizard.messages import QT_TRANSLATE_NOOP, sign_in_pages
from wizard.oauth.events import BrowserOpened, DeviceCode, MailboxDeclined, Method
from wizard.oauth.flows import SIGN_IN_TIMEOUT
from wizard.oauth.issuers import Issuer, built_in_for_host, normalized_issuer
from wizard.oauth.results import SignedIn
from wizard.oauth.signin import Prepared, prepare, sign_in
from wizard.runtime import run


def add_sign_in_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--oauth2", action="store_true", help="sign in with OAuth2 in the browser (no password)"
    )
    parser.add_argument(
        "--device-code",
        action="store_true",
        help="with --oauth2: sign in with a code typed on another device (phone, helpdesk)",
    )
    parser.add_argument(
        "--oauth-client-id", metavar="ID", help="the app registration to sign in with"
    )
    parser.add_argument(
        "--oauth-client-secret-stdin",
        action="store_true",
        help="read the app registration's client secret from standard input",
    )
    parser.add_argument(
        "--oauth-issuer",
        metavar="URL",
        help="sign in at this OAuth2 issuer (default: the provider's, when known)",
    )
    parser.add_argument(
        "--sign-in-timeout",
        type=positive_seconds,
        default=SIGN_IN_TIMEOUT,
        metavar="S",
        help="how long to wait for the sign-in in the browser (default %(default)s)",
    )


def client_secret(args: argparse.Namespace) -> str | None:
    """The client secret from stdin, when ``--oauth-client-secret-stdin`` asks for it."""
    if not args.oauth_client_secret_stdin:
        return None
    secret = sys.stdin.readline().rstrip("\r\n")
    if not secret:
        raise PasswordUnavailableError(
            QT_TRANSLATE_NOOP("CommandLine", "no client secret on standard input.")
        )
    return secret


def issuer_for(host: str, issuer_url: str | None) -> Issuer | None:
    """The issuer named with ``--oauth-issuer`` (typed by the user, so trusted), else the
    built-in one for ``host``."""
    if issuer_url:
        url = normalized_issuer(issuer_url)
        return Issuer(issuer=url, scope="") if url else None
    return built_in_for_host(host)


def prepare_here(issuer: Issuer, args: argparse.Namespace, secret: str | None) -> Prepared:
    """The issuer's metadata and the client to sign in as; ``OAuthError`` if there is none.

    The sign-in asks for reading the mailbox too only when the delivery confirmation will
    look into it (not with ``--no-confirm``): the person sees every scope asked for."""
    wanted = replace(issuer, with_mailbox=not args.no_confirm)
    return run(prepare(wanted, client_id=args.oauth_client_id or None, client_secret=secret))


def sign_in_here(prepared: Prepared, args: argparse.Namespace, *, login_hint: str) -> SignedIn:
    """Sign in as the options say, showing the person what to do; ``OAuthError`` if not."""
    method = Method.DEVICE if args.device_code else Method.BROWSER
    return run(
        sign_in(
            prepared,
            method,
            login_hint=login_hint,
            pages=sign_in_pages(translate),
            report=_show,
            patience=args.sign_in_timeout,
        )
    )


def _show(event: object) -> None:
    if isinstance(event, BrowserOpened):
        said = translate(
            "CommandLine", "Sign in in your browser. If no browser opens, open this page:"
        )
        print(f"{said}\n  {event.url}", file=sys.stderr, flush=True)
    elif isinstance(event, MailboxDeclined):
        said = translate(
            "CommandLine",
            "The sign-in server does not allow reading your mailbox ({reason}); signing in "
            "again for sending only, so arrival will not be checked.",
        ).format(reason=event.detail)
        print(said, file=sys.stderr, flush=True)
    elif isinstance(event, DeviceCode):
        said = translate(
            "CommandLine", "On any device, open {url} and enter the code {code}."
        ).format(url=event.verification_uri, code=event.user_code)
        print(said, file=sys.stderr, flush=True)
        qr = io.StringIO()
        segno.make(event.verification_uri_complete or event.verification_uri).terminal(
            out=qr, compact=True
        )
        print(qr.getvalue(), file=sys.stderr, flush=True)
