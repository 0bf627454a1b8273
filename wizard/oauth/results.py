"""What a sign-in yields, what the account profile records of it, and the token to log in
with (``Bearer``), which knows whether its scope reaches the mailbox.

Plain data, apart from the modules that talk to servers, so that the windows can hold and show
a sign-in without loading the OAuth and HTTP libraries.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wizard.oauth.issuers import covers
from wizard.profiles import OAuthLogin
from wizard.smtp.sasl import Bearer

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
    """What the profile records: never a token. Its scope is what was granted, which is what
    a refresh may ask for again (RFC 6749 section 6: never more than the grant)."""
    issuer = signed_in.issuer
    assert issuer.token_endpoint is not None
    granted = granted_scope(issuer.requested_scope, signed_in.tokens.scope)
    return OAuthLogin(
        issuer=issuer.issuer,
        client_id=signed_in.client.client_id,
        scope=granted,
        token_endpoint=issuer.token_endpoint,
        revocation_endpoint=issuer.revocation_endpoint,
        mailbox=covers(granted, issuer.mailbox_scope),
    )


def bearer_for(signed_in: SignedIn) -> Bearer:
    """The sign-in's access token to log in with; whether it may read the mailbox too."""
    issuer = signed_in.issuer
    granted = granted_scope(issuer.requested_scope, signed_in.tokens.scope)
    return Bearer(signed_in.tokens.access_token, mailbox=covers(granted, issuer.mailbox_scope))


def stored_bearer(login: OAuthLogin, tokens: Tokens) -> Bearer:
    """A stored account's fresh access token to log in with; whether it may read the
    mailbox too (an account signed in for sending only may not)."""
    return Bearer(tokens.access_token, mailbox=login.mailbox)


# Scopes that ask for something other than access, which issuers leave out of what they say
# they granted: Microsoft never lists offline_access (a refresh token) among them.
_ASKING_ONLY = frozenset({"offline_access"})


def granted_scope(requested: str, said: str | None) -> str:
    """What of ``requested`` was granted: all of it, unless the issuer ``said`` it granted
    less (RFC 6749 section 5.1: it must then say so), as when the person unticked a scope on
    the consent page. Spelled as requested; should none of it appear in what it said (another
    spelling, not a grant of nothing), as requested."""
    if said is None:
        return requested
    granted = set(said.split())
    kept = [item for item in requested.split() if item in granted or item in _ASKING_ONLY]
    return " ".join(kept) if set(kept) - _ASKING_ONLY else requested
