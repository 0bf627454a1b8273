"""Signing in, start to end, as the CLI and the GUI both do it.

``prepare`` completes an issuer from its metadata and finds the client registration;
``sign_in`` runs the browser or the device-code flow; ``login_for`` is what the account
profile records afterwards, and ``refresh_login`` gets a fresh access token for a stored
account from its refresh token, with no person involved.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from wizard.net.http import new_client
from wizard.oauth.clients import (
    Client,
    ClientOrigin,
    configured_client,
    find_client,
    registered_client,
)
from wizard.oauth.errors import OAuthError, OAuthProblem
from wizard.oauth.flows import SIGN_IN_TIMEOUT, Report, sign_in_with_browser, sign_in_with_code
from wizard.oauth.issuers import Issuer
from wizard.oauth.loopback import SignInPages
from wizard.oauth.metadata import discover
from wizard.oauth.tokens import Tokens, refresh, revoke
from wizard.profiles import OAuthLogin


class Method(StrEnum):
    BROWSER = "browser"  # authorization code through the system browser
    DEVICE = "device"  # a code typed on another device


@dataclass(frozen=True)
class Prepared:
    issuer: Issuer
    client: Client


@dataclass(frozen=True)
class SignedIn:
    issuer: Issuer
    client: Client
    tokens: Tokens


async def prepare(
    issuer: Issuer, *, client_id: str | None = None, client_secret: str | None = None
) -> Prepared:
    """The issuer with its metadata, and the client to sign in as (``OAuthError`` if none)."""
    async with new_client() as http:
        complete = await discover(issuer, http)
        client = await find_client(complete, http, client_id=client_id, client_secret=client_secret)
    return Prepared(complete, client)


async def sign_in(
    prepared: Prepared,
    method: Method,
    *,
    login_hint: str,
    pages: SignInPages,
    report: Report,
    patience: float = SIGN_IN_TIMEOUT,
) -> SignedIn:
    issuer, client = prepared.issuer, prepared.client
    if method is Method.DEVICE:
        tokens = await sign_in_with_code(issuer, client, report=report)
    else:
        tokens = await sign_in_with_browser(
            issuer, client, login_hint=login_hint, pages=pages, report=report, patience=patience
        )
    if not tokens.refresh_token:
        # Without one the account would need a new sign-in for every message.
        raise OAuthError(OAuthProblem.REFUSED, issuer.issuer, "no refresh token was issued")
    return SignedIn(issuer, client, tokens)


def login_for(signed_in: SignedIn) -> OAuthLogin:
    """What the profile records: never a token."""
    issuer = signed_in.issuer
    assert issuer.token_endpoint is not None
    return OAuthLogin(
        issuer=issuer.issuer,
        client_id=signed_in.client.client_id,
        scope=issuer.scope,
        token_endpoint=issuer.token_endpoint,
        revocation_endpoint=issuer.revocation_endpoint,
    )


def stored_issuer(login: OAuthLogin) -> Issuer:
    """The issuer as the profile recorded it, for refreshing and revoking without a lookup."""
    return Issuer(
        issuer=login.issuer,
        scope=login.scope,
        token_endpoint=login.token_endpoint,
        revocation_endpoint=login.revocation_endpoint,
    )


def stored_client(login: OAuthLogin) -> Client:
    """The client the account signed in as, with its secret if a registrations file or this
    program's own registration holds one."""
    for found in (configured_client(login.issuer), registered_client(login.issuer)):
        if found is not None and found.client_id == login.client_id:
            return found
    return Client(login.client_id, ClientOrigin.OPTION)


async def refresh_login(login: OAuthLogin, refresh_token: str | None) -> Tokens:
    """A fresh access token for a stored account; ``OAuthError(SIGN_IN_AGAIN)`` when its
    refresh token is missing or no longer accepted."""
    if not refresh_token:
        raise OAuthError(OAuthProblem.SIGN_IN_AGAIN, login.issuer, "no refresh token stored")
    return await refresh(stored_issuer(login), stored_client(login), refresh_token)


async def revoke_login(login: OAuthLogin, refresh_token: str) -> bool:
    """Revoke a removed account's refresh token (RFC 7009) where the issuer offers it."""
    return await revoke(stored_issuer(login), stored_client(login), refresh_token)
