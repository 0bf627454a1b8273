"""What a sign-in yields, and what the account profile records of it.

Plain data, apart from the modules that talk to servers, so that the windows can hold and show
a sign-in without loading the OAuth and HTTP libraries.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wizard.profiles import OAuthLogin

if TYPE_CHECKING:
    from wizard.oauth.clients import Client
    from wizard.oauth.issuers import Issuer

REFRESH_MARGIN = 30.0  # seconds: an access token with less left is refreshed first


@dataclass(frozen=True)
class Tokens:
    access_token: str = field(repr=False)
    refresh_token: str | None = field(repr=False)
    expires_at: float | None  # time.time() seconds; None: the issuer did not say
    scope: str | None

    def fresh(self, now: float | None = None) -> bool:
        """Whether the access token has more than ``REFRESH_MARGIN`` seconds left."""
        if self.expires_at is None:
            return True
        return self.expires_at - (time.time() if now is None else now) > REFRESH_MARGIN


@dataclass(frozen=True)
class SignedIn:
    """A finished sign-in: where, as which client, and its tokens (never shown)."""

    issuer: Issuer
    client: Client
    tokens: Tokens


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
