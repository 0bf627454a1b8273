"""Tokens: what a sign-in yields, refreshing the access token, and revoking on removal.

The access token lives in memory only and is refreshed when it has less than 30 seconds
left; the refresh token goes to the keychain (``keychain_service``), never into a file,
output or log (the dataclasses hide both from ``repr``). An ``invalid_grant`` on refresh means
the sign-in was revoked or has expired: ``OAuthError(SIGN_IN_AGAIN)``.

Token requests go through Authlib's httpx client, with the same trust store as every other
HTTPS request (``wizard.net.tls``) and no proxy from the environment.
"""

from __future__ import annotations

import importlib
import warnings
from types import ModuleType
from typing import TYPE_CHECKING, Any

import authlib.deprecate  # noqa: F401 (first: it installs an "always show" warnings filter)
import httpx

with warnings.catch_warnings():
    # Newer Authlib prefers the httpx2 package and warns when it uses httpx, which it still
    # supports fully; the warning is for Authlib's maintainers' schedule, not for users.
    warnings.simplefilter("ignore", DeprecationWarning)
    from authlib.integrations.httpx_client import AsyncOAuth2Client
    from authlib.integrations.httpx_client import OAuthError as AuthlibError

from wizard import __version__
from wizard.errors import NOT_JSON
from wizard.net.tls import client_context
from wizard.oauth.errors import OAuthError, OAuthProblem
from wizard.oauth.results import Tokens

__all__ = [
    "HTTP_ERRORS",
    "AuthlibError",
    "Tokens",
    "not_json",
    "oauth_client",
    "refresh",
    "revoke",
    "said",
    "tokens_from",
    "unreachable",
]

if TYPE_CHECKING:
    from wizard.oauth.clients import Client
    from wizard.oauth.issuers import Issuer

HTTP_TIMEOUT = 20.0  # seconds for each step of a token request (a plain number: see below)


def _http_library() -> ModuleType:
    """The HTTP library Authlib's client is built on: httpx, or its successor httpx2 where
    that is installed. Only plain values (numbers, an ``ssl.SSLContext``) are handed to the
    client, and its errors are caught as either library's."""
    for base in AsyncOAuth2Client.__mro__:
        package = base.__module__.split(".", 1)[0]
        if package in ("httpx", "httpx2"):
            return importlib.import_module(package)
    return httpx


HTTP_ERRORS: tuple[type[Exception], ...] = tuple({httpx.HTTPError, _http_library().HTTPError})


def oauth_client(issuer: Issuer, client: Client, **options: Any) -> AsyncOAuth2Client:
    """Authlib's client for token requests to ``issuer`` as ``client``."""
    return AsyncOAuth2Client(
        client_id=client.client_id,
        client_secret=client.client_secret,
        token_endpoint_auth_method="client_secret_post" if client.client_secret else "none",
        revocation_endpoint_auth_method=("client_secret_post" if client.client_secret else "none"),
        scope=issuer.requested_scope,
        code_challenge_method="S256",
        verify=client_context(),
        trust_env=False,
        follow_redirects=False,
        timeout=HTTP_TIMEOUT,
        headers={"User-Agent": f"EmailSetupWizard/{__version__}"},
        **options,
    )


def tokens_from(answer: Any, previous_refresh: str | None = None) -> Tokens:
    """Tokens from a token endpoint's answer (Authlib's ``OAuth2Token``, a dict)."""
    access = answer.get("access_token")
    if not isinstance(access, str) or not access:
        raise OAuthError(OAuthProblem.REFUSED, detail="no access_token in the answer")
    refresh = answer.get("refresh_token")
    expires_at = answer.get("expires_at")
    scope = answer.get("scope")
    return Tokens(
        access_token=access,
        refresh_token=refresh if isinstance(refresh, str) and refresh else previous_refresh,
        expires_at=float(expires_at) if isinstance(expires_at, int | float) else None,
        scope=scope if isinstance(scope, str) else None,
    )


async def refresh(issuer: Issuer, client: Client, refresh_token: str) -> Tokens:
    """A fresh access token; ``OAuthError(SIGN_IN_AGAIN)`` if the refresh token is refused."""
    assert issuer.token_endpoint is not None
    async with oauth_client(issuer, client) as session:
        try:
            answer = await session.refresh_token(issuer.token_endpoint, refresh_token=refresh_token)
        except AuthlibError as err:
            problem = (
                OAuthProblem.SIGN_IN_AGAIN if err.error == "invalid_grant" else OAuthProblem.REFUSED
            )
            raise OAuthError(problem, issuer.issuer, said(err)) from err
        except HTTP_ERRORS as err:
            raise unreachable(issuer, err) from err
        except NOT_JSON as err:
            raise not_json(issuer) from err
    return tokens_from(answer, previous_refresh=refresh_token)


async def revoke(issuer: Issuer, client: Client, refresh_token: str) -> bool:
    """Revoke ``refresh_token`` (RFC 7009) where the issuer offers it; whether it was.

    Best effort, for removing an account: the token is deleted from the keychain either way.
    """
    if issuer.revocation_endpoint is None:
        return False
    async with oauth_client(issuer, client) as session:
        try:
            response = await session.revoke_token(
                issuer.revocation_endpoint,
                token=refresh_token,
                token_type_hint="refresh_token",  # noqa: S106 (a hint's name)
            )
        except (AuthlibError, *HTTP_ERRORS):
            return False
    return bool(response.status_code == 200)


def not_json(issuer: Issuer) -> OAuthError:
    return OAuthError(OAuthProblem.REFUSED, issuer.issuer, "not a JSON object")


def unreachable(issuer: Issuer, err: Exception) -> OAuthError:
    return OAuthError(OAuthProblem.UNREACHABLE, issuer.issuer, type(err).__name__)


def said(err: AuthlibError) -> str:
    """The server's words: its error code and description (never a token)."""
    description = getattr(err, "description", None)
    return f"{err.error}: {description}" if description else str(err.error)
