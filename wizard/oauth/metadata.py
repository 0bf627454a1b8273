"""An issuer's published metadata: RFC 8414 authorization-server metadata, or OpenID
Connect discovery, whichever it publishes.

Metadata is trusted only as far as the issuer is: it is fetched from the issuer's own
``https`` URL (every redirect hop too), and its ``issuer`` must be exactly the one asked for
(RFC 8414 section 3.3), so one server cannot speak for another. Endpoints in it that are not
``https`` are dropped.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from wizard.errors import NOT_JSON
from wizard.net.http import FetchError, fetch_document
from wizard.oauth.errors import OAuthError, OAuthProblem
from wizard.oauth.issuers import Issuer, https_url

if TYPE_CHECKING:
    import httpx

MAX_METADATA_BYTES = 64 * 1024
_ENDPOINTS = (
    "authorization_endpoint",
    "token_endpoint",
    "device_authorization_endpoint",
    "registration_endpoint",
    "revocation_endpoint",
)


def metadata_urls(issuer: str) -> tuple[str, str]:
    """Where an issuer publishes its metadata: RFC 8414 inserts the well-known name before
    the issuer's path, OpenID Connect appends it."""
    parts = urlsplit(issuer)
    path = parts.path.rstrip("/")
    rfc8414 = urlunsplit(
        (parts.scheme, parts.netloc, f"/.well-known/oauth-authorization-server{path}", "", "")
    )
    openid = urlunsplit(
        (parts.scheme, parts.netloc, f"{path}/.well-known/openid-configuration", "", "")
    )
    return rfc8414, openid


async def discover(issuer: Issuer, client: httpx.AsyncClient) -> Issuer:
    """``issuer`` completed from its metadata; a built-in issuer as it is.

    When nothing usable is published, an issuer whose trusted provider data already named the
    browser sign-in endpoints is used as it is; otherwise ``OAuthError(METADATA)``.
    """
    if issuer.built_in:
        return issuer
    problem = "no metadata published"
    for url in metadata_urls(issuer.issuer):
        try:
            fetched = await fetch_document(client, url, max_bytes=MAX_METADATA_BYTES)
        except FetchError as err:
            problem = f"{url}: {err.problem.value}"
            continue
        if fetched is None or not fetched.secure:
            continue
        return _merge(issuer, _document(fetched.body, url))
    if issuer.browser_sign_in:
        return issuer
    raise OAuthError(OAuthProblem.METADATA, issuer.issuer, problem)


def _document(body: bytes, url: str) -> dict[str, Any]:
    try:
        document = json.loads(body)
    except NOT_JSON as err:
        raise OAuthError(OAuthProblem.METADATA, url, "not JSON") from err
    if not isinstance(document, dict):
        raise OAuthError(OAuthProblem.METADATA, url, "not a JSON object")
    return document


def _merge(issuer: Issuer, document: dict[str, Any]) -> Issuer:
    if document.get("issuer") != issuer.issuer:
        raise OAuthError(
            OAuthProblem.METADATA,
            issuer.issuer,
            f"the metadata names another issuer: {document.get('issuer')!r}",
        )
    found: dict[str, Any] = {}
    for name in _ENDPOINTS:
        value = document.get(name)
        endpoint = https_url(value) if isinstance(value, str) else None
        if endpoint is not None:
            found[name] = endpoint
    supported = document.get("authorization_response_iss_parameter_supported") is True
    return replace(issuer, **found, iss_parameter=supported)
