"""The two ways a person signs in: through the browser, or with a code on another device.

**Browser** (authorization code, RFC 6749 with RFC 8252 for native apps): a loopback listener
on 127.0.0.1 and a random port receives the redirect; PKCE S256 (RFC 7636) binds the code to
this program, a random ``state`` binds the redirect to this sign-in, and the RFC 9207 ``iss``
parameter, when present (required when the issuer says it sends it), must name the issuer
asked. ``login_hint`` carries the address. It gives up after five minutes, and stops at once
when cancelled.

**Device code** (RFC 8628): the user opens a short URL on any device (a phone, read out by a
helpdesk) and types a code; this program polls the token endpoint at the issuer's
``interval``, slower after ``slow_down``, until the user finishes, says no
(``access_denied``) or the code expires (``expired_token``).

Progress for the person goes out through ``report``: ``BrowserOpened`` (the URL, and whether a
browser took it) and ``DeviceCode`` (what to type where).
"""

from __future__ import annotations

import asyncio
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wizard.errors import NOT_JSON
from wizard.oauth.browser import open_browser
from wizard.oauth.clients import Client
from wizard.oauth.errors import OAuthError, OAuthProblem
from wizard.oauth.events import BrowserOpened, DeviceCode
from wizard.oauth.issuers import Issuer
from wizard.oauth.loopback import RedirectListener, SignInPages
from wizard.oauth.tokens import (
    HTTP_ERRORS,
    AuthlibError,
    Tokens,
    not_json,
    oauth_client,
    said,
    tokens_from,
    unreachable,
)

SIGN_IN_TIMEOUT = 300.0  # seconds the browser flow waits for the user
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
DEFAULT_INTERVAL = 5.0  # RFC 8628 section 3.2: when the issuer names none
SLOW_DOWN_STEP = 5.0  # RFC 8628 section 3.5

Report = Callable[[object], None]


def _ignore(_event: object) -> None:
    """The default ``report``."""


async def sign_in_with_browser(
    issuer: Issuer,
    client: Client,
    *,
    login_hint: str,
    pages: SignInPages,
    report: Report = _ignore,
    patience: float = SIGN_IN_TIMEOUT,
) -> Tokens:
    """Sign in through the system browser; the tokens, or ``OAuthError``. ``patience`` is how
    long the person has to finish (seconds)."""
    assert issuer.authorization_endpoint is not None
    assert issuer.token_endpoint is not None
    state = secrets.token_urlsafe(32)
    verifier = secrets.token_urlsafe(64)  # 86 characters: RFC 7636 allows 43 to 128
    async with RedirectListener(state, pages) as listener:
        redirect_uri = listener.redirect_uri(issuer.loopback_host)
        async with oauth_client(issuer, client, redirect_uri=redirect_uri) as session:
            url, _ = session.create_authorization_url(
                issuer.authorization_endpoint,
                state=state,
                code_verifier=verifier,
                login_hint=login_hint,
                **dict(issuer.authorize_parameters),
            )
            browser = asyncio.create_task(open_browser(url))
            try:
                report(BrowserOpened(url))
                try:
                    async with asyncio.timeout(patience):
                        redirect = await listener.redirect()
                except TimeoutError:
                    problem = (
                        OAuthProblem.REDIRECT_REJECTED
                        if listener.rejected
                        else OAuthProblem.TIMED_OUT
                    )
                    raise OAuthError(problem, issuer.issuer) from None
            finally:
                browser.cancel()
            code = _code_from(issuer, redirect.parameters)
            try:
                answer = await session.fetch_token(
                    issuer.token_endpoint, code=code, code_verifier=verifier
                )
            except AuthlibError as err:
                raise _refused(issuer, err) from err
            except HTTP_ERRORS as err:
                raise unreachable(issuer, err) from err
            except NOT_JSON as err:
                raise not_json(issuer) from err
    return tokens_from(answer)


def _code_from(issuer: Issuer, parameters: dict[str, str]) -> str:
    """The authorization code of a redirect that carried this sign-in's state."""
    iss = parameters.get("iss")
    if (iss is not None or issuer.iss_parameter) and iss != issuer.issuer:
        # RFC 9207: the answer comes from another issuer than the one asked (a mix-up attack).
        raise OAuthError(OAuthProblem.REDIRECT_REJECTED, issuer.issuer, f"iss {iss!r}")
    error = parameters.get("error")
    if error is not None:
        problem = OAuthProblem.DENIED if error == "access_denied" else OAuthProblem.REFUSED
        description = parameters.get("error_description")
        raise OAuthError(
            problem, issuer.issuer, f"{error}: {description}" if description else error, error
        )
    code = parameters.get("code")
    if not code:
        raise OAuthError(OAuthProblem.REDIRECT_REJECTED, issuer.issuer, "no code")
    return code


async def sign_in_with_code(issuer: Issuer, client: Client, *, report: Report = _ignore) -> Tokens:
    """Sign in with a code typed on another device; the tokens, or ``OAuthError``."""
    if not issuer.device_sign_in:
        raise OAuthError(OAuthProblem.NO_DEVICE_FLOW, issuer.issuer)
    assert issuer.device_authorization_endpoint is not None
    assert issuer.token_endpoint is not None
    async with oauth_client(issuer, client) as session:
        form = {"client_id": client.client_id, "scope": issuer.requested_scope}
        if client.client_secret:
            form["client_secret"] = client.client_secret
        try:
            response = await session.request(
                "POST", issuer.device_authorization_endpoint, data=form, withhold_token=True
            )
        except HTTP_ERRORS as err:
            raise unreachable(issuer, err) from err
        grant = _device_grant(issuer, response)
        report(grant.code)
        deadline = time.monotonic() + grant.code.expires_in
        interval = grant.interval
        while True:
            await asyncio.sleep(interval)
            if time.monotonic() > deadline:
                raise OAuthError(OAuthProblem.EXPIRED, issuer.issuer)
            try:
                answer = await session.fetch_token(
                    issuer.token_endpoint, grant_type=DEVICE_GRANT, device_code=grant.device_code
                )
            except AuthlibError as err:
                if err.error == "authorization_pending":
                    continue
                if err.error == "slow_down":
                    interval += SLOW_DOWN_STEP
                    continue
                raise _refused(issuer, err) from err
            except HTTP_ERRORS as err:
                raise unreachable(issuer, err) from err
            except NOT_JSON as err:
                raise not_json(issuer) from err
            return tokens_from(answer)


@dataclass(frozen=True)
class _DeviceGrant:
    code: DeviceCode
    device_code: str
    interval: float


def _device_grant(issuer: Issuer, response: Any) -> _DeviceGrant:
    try:
        answer = response.json()
    except NOT_JSON:
        answer = None
    if response.status_code != 200 or not isinstance(answer, dict):
        error = answer.get("error") if isinstance(answer, dict) else None
        status = "not a JSON object" if response.status_code == 200 else None
        raise OAuthError(
            OAuthProblem.REFUSED,
            issuer.issuer,
            str(error or status or f"HTTP {response.status_code}"),
            error if isinstance(error, str) else "",
        )
    device_code = answer.get("device_code")
    user_code = answer.get("user_code")
    # Microsoft's pre-standard endpoint says verification_url.
    uri = answer.get("verification_uri") or answer.get("verification_url")
    if not all(isinstance(value, str) and value for value in (device_code, user_code, uri)):
        raise OAuthError(OAuthProblem.REFUSED, issuer.issuer, "incomplete device code answer")
    complete = answer.get("verification_uri_complete")
    expires_in = answer.get("expires_in")
    interval = answer.get("interval")
    return _DeviceGrant(
        code=DeviceCode(
            verification_uri=str(uri),
            user_code=str(user_code),
            verification_uri_complete=complete if isinstance(complete, str) else None,
            expires_in=float(expires_in) if isinstance(expires_in, int | float) else 900.0,
        ),
        device_code=str(device_code),
        interval=float(interval) if isinstance(interval, int | float) else DEFAULT_INTERVAL,
    )


def _refused(issuer: Issuer, err: AuthlibError) -> OAuthError:
    """The token endpoint's refusal as the sign-in's outcome."""
    problems = {
        "access_denied": OAuthProblem.DENIED,
        "expired_token": OAuthProblem.EXPIRED,
    }
    code = str(err.error)
    return OAuthError(problems.get(code, OAuthProblem.REFUSED), issuer.issuer, said(err), code)
