"""Signing in, start to end, as the CLI and the GUI both do it.

``prepare`` completes an issuer from its metadata and finds the client registration;
``sign_in`` runs the browser or the device-code flow; ``login_for`` is what the account
profile records afterwards, and ``refresh_login`` gets a fresh access token for a stored
account from its refresh token, with no person involved.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace

from wizard.accounts import renew_secret, stored_secret
from wizard.net.http import new_client
from wizard.oauth.clients import (
    Client,
    ClientOrigin,
    configured_client,
    find_client,
    given_secret,
    registered_client,
)
from wizard.oauth.errors import OAuthError, OAuthProblem
from wizard.oauth.events import MailboxDeclined, Method
from wizard.oauth.flows import SIGN_IN_TIMEOUT, Report, sign_in_with_browser, sign_in_with_code
from wizard.oauth.issuers import Issuer, for_tenant
from wizard.oauth.loopback import SignInPages
from wizard.oauth.metadata import discover
from wizard.oauth.results import SignedIn, Tokens
from wizard.oauth.tokens import refresh, revoke
from wizard.profiles import AccountProfile, OAuthLogin

# OAuth error codes with which an issuer refuses a scope rather than the person or the client:
# RFC 6749 section 4.1.2.1 (invalid_scope) and OpenID Connect's consent_required (an
# administrator has not allowed that scope for this app).
MAILBOX_REFUSALS = frozenset({"invalid_scope", "consent_required"})


@dataclass(frozen=True)
class Prepared:
    issuer: Issuer
    client: Client


async def prepare(
    issuer: Issuer, *, client_id: str | None = None, client_secret: str | None = None
) -> Prepared:
    """The issuer with its metadata, and the client to sign in as (``OAuthError`` if none)."""
    async with new_client() as http:
        complete = await discover(issuer, http)
        client = await find_client(complete, http, client_id=client_id, client_secret=client_secret)
    return Prepared(for_tenant(complete, client.tenant), client)


async def sign_in(
    prepared: Prepared,
    method: Method,
    *,
    login_hint: str,
    pages: SignInPages,
    report: Report,
    patience: float = SIGN_IN_TIMEOUT,
) -> SignedIn:
    """Sign in as ``method`` says. An issuer ``with_mailbox`` that refuses the mailbox's scope
    (``MAILBOX_REFUSALS``) is asked again for sending's alone, saying so (``MailboxDeclined``):
    the delivery confirmation is never worth failing the sign-in for."""
    issuer, client = prepared.issuer, prepared.client

    async def flow(issuer: Issuer) -> Tokens:
        if method is Method.DEVICE:
            return await sign_in_with_code(issuer, client, report=report)
        return await sign_in_with_browser(
            issuer, client, login_hint=login_hint, pages=pages, report=report, patience=patience
        )

    try:
        tokens = await flow(issuer)
    except OAuthError as err:
        if not (issuer.with_mailbox and issuer.asks_more_for_mailbox):
            raise
        if err.code not in MAILBOX_REFUSALS:
            raise
        report(MailboxDeclined(err.detail))
        issuer = replace(issuer, with_mailbox=False)
        tokens = await flow(issuer)
    if not tokens.refresh_token:
        # Without one the account would need a new sign-in for every message.
        raise OAuthError(OAuthProblem.REFUSED, issuer.issuer, "no refresh token was issued")
    return SignedIn(issuer, client, tokens)


def stored_issuer(login: OAuthLogin) -> Issuer:
    """The issuer as the profile recorded it, for refreshing and revoking without a lookup."""
    return Issuer(
        issuer=login.issuer,
        scope=login.scope,
        token_endpoint=login.token_endpoint,
        revocation_endpoint=login.revocation_endpoint,
    )


def stored_client(login: OAuthLogin) -> Client:
    """The client the account signed in as, with its secret if a registrations file, this
    program's own registration or the keychain (a secret given on the command line) holds
    one."""
    for found in (configured_client(login.issuer), registered_client(login.issuer)):
        if found is not None and found.client_id == login.client_id:
            return found
    return Client(login.client_id, ClientOrigin.OPTION, given_secret(login.issuer, login.client_id))


async def refresh_login(login: OAuthLogin, refresh_token: str | None) -> Tokens:
    """A fresh access token for a stored account; ``OAuthError(SIGN_IN_AGAIN)`` when its
    refresh token is missing or no longer accepted."""
    if not refresh_token:
        raise OAuthError(OAuthProblem.SIGN_IN_AGAIN, login.issuer, "no refresh token stored")
    return await refresh(stored_issuer(login), stored_client(login), refresh_token)


async def fresh_access(profile: AccountProfile) -> Tokens:
    """A fresh access token for a stored OAuth2 account, from the refresh token in the
    keychain. An issuer that hands out a new refresh token with it (Microsoft does) gets the
    new one kept in the keychain in place of the old."""
    assert profile.oauth is not None
    stored = await asyncio.to_thread(stored_secret, profile)
    tokens = await refresh_login(profile.oauth, stored)
    if tokens.refresh_token and tokens.refresh_token != stored:
        await asyncio.to_thread(renew_secret, profile, tokens.refresh_token)
    return tokens


async def revoke_login(login: OAuthLogin, refresh_token: str) -> bool:
    """Revoke a removed account's refresh token (RFC 7009) where the issuer offers it."""
    return await revoke(stored_issuer(login), stored_client(login), refresh_token)
