"""Who signs a server's users in, and where: the sign-in data and the rules for trusting it.

Sign-in data comes from three places:

1. the provider data's ``<oAuth2>`` element (issuer, scope, authURL, tokenURL), from the
   bundled database, the domain's HTTPS autoconfig or the online ISPDB;
2. the built-in table below, for servers whose data says ``OAuth2`` without an ``<oAuth2>``
   block (and to correct known quirks of those blocks: scopes for more than SMTP, a legacy
   token URL);
3. an issuer's published metadata (RFC 8414 ``/.well-known/oauth-authorization-server``, or
   OpenID ``/.well-known/openid-configuration``), fetched by ``wizard.oauth.metadata``.

Sign-in endpoints are where the user types their password, so they may come only from a
trusted source: the bundled database, HTTPS autoconfig, the ISPDB, the built-in table, or the
metadata of an issuer one of those named (a provider list's ``<oAuth2>`` counts even where the
domain's MX led to it: ``OAuthHint.listed``). Never from plain-HTTP autoconfig, DNS or a guess,
nor from a document the domain's autoconfig redirected to in another domain (``OAuthHint.vouched``),
and never anything but ``https``. A document from an untrusted source that names endpoints is
reported (``SignInPlan.ignored``) and not used; otherwise a forged autoconfig could send the
user to a phishing page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from wizard.model import OAuthHint, ServerConfig, SourceName, Tier, Trust

if TYPE_CHECKING:
    from wizard.address import EmailAddress


@dataclass(frozen=True)
class Issuer:
    """An authorization server and what the wizard asks it for SMTP.

    Every endpoint is an ``https`` URL from a trusted source. ``issuer`` identifies it (its
    host names the keychain service of the refresh tokens it issues); ``name`` is the
    provider's name for "Sign in with …". ``iss_parameter``: it sends RFC 9207 ``iss`` in
    every authorization response, which must then be present and equal ``issuer``.

    ``scope`` is what sending needs; ``mailbox_scope`` what reading the mailbox over IMAP
    needs (the delivery confirmation), which may be the same scope (Google's covers both) or
    one more (Microsoft's ``IMAP.AccessAsUser.All``). The sign-in asks for it too only with
    ``with_mailbox``, because the person sees every scope on the consent page.
    """

    issuer: str
    scope: str
    mailbox_scope: str = ""
    with_mailbox: bool = False
    name: str | None = None
    authorization_endpoint: str | None = None
    token_endpoint: str | None = None
    device_authorization_endpoint: str | None = None
    registration_endpoint: str | None = None
    revocation_endpoint: str | None = None
    iss_parameter: bool = False
    # Extra authorization-request parameters: Google sends a refresh token only with these.
    authorize_parameters: tuple[tuple[str, str], ...] = ()
    built_in: bool = False  # from the table below: no metadata to fetch
    # How the loopback redirect URI names this computer: Entra ID registers "localhost".
    loopback_host: str = "127.0.0.1"

    @property
    def host(self) -> str:
        return host_of(self.issuer)

    @property
    def requested_scope(self) -> str:
        """The scope the sign-in asks for: sending's, and the mailbox's ``with_mailbox``."""
        return join_scopes(self.scope, self.mailbox_scope if self.with_mailbox else "")

    @property
    def asks_more_for_mailbox(self) -> bool:
        """Whether reading the mailbox needs a scope that sending does not."""
        return not covers(self.scope, self.mailbox_scope)

    @property
    def browser_sign_in(self) -> bool:
        """Whether the authorization-code flow (through the browser) can run."""
        return bool(self.authorization_endpoint and self.token_endpoint)

    @property
    def device_sign_in(self) -> bool:
        """Whether the device authorization grant (a code typed on another device) can run."""
        return bool(self.device_authorization_endpoint and self.token_endpoint)


MICROSOFT = Issuer(
    issuer="https://login.microsoftonline.com/common/v2.0",
    name="Microsoft",
    scope="https://outlook.office.com/SMTP.Send offline_access",
    mailbox_scope="https://outlook.office.com/IMAP.AccessAsUser.All",
    authorization_endpoint="https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
    token_endpoint="https://login.microsoftonline.com/common/oauth2/v2.0/token",
    device_authorization_endpoint="https://login.microsoftonline.com/common/oauth2/v2.0/devicecode",
    built_in=True,
    loopback_host="localhost",
)
GOOGLE = Issuer(
    issuer="https://accounts.google.com",
    name="Google",
    scope="https://mail.google.com/",
    mailbox_scope="https://mail.google.com/",  # one scope for IMAP, POP and SMTP
    authorization_endpoint="https://accounts.google.com/o/oauth2/v2/auth",
    token_endpoint="https://oauth2.googleapis.com/token",
    device_authorization_endpoint="https://oauth2.googleapis.com/device/code",
    revocation_endpoint="https://oauth2.googleapis.com/revoke",
    authorize_parameters=(("access_type", "offline"), ("prompt", "consent")),
    built_in=True,
)
YAHOO = Issuer(
    issuer="https://login.yahoo.com",
    name="Yahoo",
    scope="mail-w",
    mailbox_scope="mail-w",
    authorization_endpoint="https://api.login.yahoo.com/oauth2/request_auth",
    token_endpoint="https://api.login.yahoo.com/oauth2/get_token",
    built_in=True,
)
AOL = Issuer(
    issuer="https://login.aol.com",
    name="AOL",
    scope="mail-w",
    mailbox_scope="mail-w",
    authorization_endpoint="https://api.login.aol.com/oauth2/request_auth",
    token_endpoint="https://api.login.aol.com/oauth2/get_token",
    built_in=True,
)
FASTMAIL = Issuer(
    issuer="https://www.fastmail.com",
    name="Fastmail",
    scope="https://www.fastmail.com/dev/protocol-smtp",
    mailbox_scope="https://www.fastmail.com/dev/protocol-imap",
    authorization_endpoint="https://api.fastmail.com/oauth/authorize",
    token_endpoint="https://api.fastmail.com/oauth/refresh",
    built_in=True,
)
COMCAST = Issuer(
    issuer="https://comcast.net",
    name="Comcast",
    scope="https://email.comcast.net/ profile openid",
    mailbox_scope="https://email.comcast.net/",
    authorization_endpoint="https://oauth.xfinity.com/oauth/authorize",
    token_endpoint="https://oauth.xfinity.com/oauth/token",
    built_in=True,
)
BUILT_IN = (MICROSOFT, GOOGLE, YAHOO, AOL, FASTMAIL, COMCAST)

# SMTP host names (or the domains they end in) whose users sign in with a built-in issuer.
_BY_HOST = (
    ("smtp-mail.outlook.com", MICROSOFT),
    ("smtp.office365.com", MICROSOFT),
    ("outlook.office365.com", MICROSOFT),
    ("smtp.gmail.com", GOOGLE),
    ("smtp.googlemail.com", GOOGLE),
    ("mail.yahoo.com", YAHOO),
    ("att.net", YAHOO),
    ("aol.com", AOL),
    ("verizon.net", AOL),
    ("fastmail.com", FASTMAIL),
    ("messagingengine.com", FASTMAIL),
    ("comcast.net", COMCAST),
)

OAUTH2 = "oauth2"  # clientConfig's ``<authentication>OAuth2</authentication>``, lower-case

# A tenant as Microsoft names one in its endpoints: a GUID, a domain name ("organizations" and
# "consumers" too). Nothing else may go into a URL path.
_TENANT = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]{0,253}[A-Za-z0-9])?")
_COMMON = "/common/"


@dataclass(frozen=True)
class SignInPlan:
    """What a server's settings say about signing in.

    ``issuer`` is None when nothing trusted says where to sign in. ``ignored`` lists sign-in
    endpoints an untrusted document named, which are not used (show them as a warning).
    """

    issuer: Issuer | None
    offered: bool  # the settings list OAuth2 as a way to log in
    password_offered: bool  # ... and some password method besides (or nothing at all)
    ignored: tuple[str, ...] = ()

    @property
    def required(self) -> bool:
        """OAuth2 is the only way in: no password should be asked for."""
        return self.offered and not self.password_offered


def plan_sign_in(config: ServerConfig) -> SignInPlan:
    """Where users of ``config``'s server sign in, by the trust rules above; no network."""
    methods = [method.lower() for method in config.auth_methods]
    offered = OAUTH2 in methods
    password_offered = not methods or any(method != OAUTH2 for method in methods)
    hint = config.oauth
    ignored: tuple[str, ...] = ()
    issuer: Issuer | None = None
    if hint is not None:
        if hint.vouched and (config.trust is Trust.TRUSTED or hint.listed):
            issuer = issuer_from_hint(hint)
        else:
            ignored = hint_endpoints(hint)
    if issuer is None:
        issuer = built_in_for_host(config.host)
    return SignInPlan(issuer, offered, password_offered, ignored)


def bundled_plan(address: EmailAddress) -> SignInPlan | None:
    """The sign-in plan of the first outgoing server the bundled provider database lists for
    ``address``'s domain, without the network; None for a domain it does not know. This is
    how the first page knows, before any detection, that Microsoft or Google will ask the
    user to sign in rather than for a password."""
    from wizard.clientconfig import to_server_configs
    from wizard.providers import ProviderDatabase

    provider = ProviderDatabase.bundled().lookup(address.domain)
    if provider is None:
        return None
    servers = to_server_configs(
        provider,
        address=address.address,
        local_part=address.local_part,
        domain=address.domain,
        source=SourceName.BUNDLED,
        trust=Trust.TRUSTED,
        tier=Tier.PROVIDER,
        origin="bundled",
    )
    if not servers:
        return None
    plan = plan_sign_in(servers[0])
    if plan.issuer is None:
        return plan
    return replace(plan, issuer=with_name(plan.issuer, servers[0].provider))


def built_in_for_host(host: str) -> Issuer | None:
    """The built-in issuer for an SMTP server, by its host name or the domain it is in."""
    host = host.lower().rstrip(".")
    return next(
        (issuer for suffix, issuer in _BY_HOST if host == suffix or host.endswith(f".{suffix}")),
        None,
    )


def issuer_from_hint(hint: OAuthHint) -> Issuer | None:
    """The issuer a trusted ``<oAuth2>`` element names; None if it names none usable.

    A built-in issuer of the same host wins, with its SMTP scope and its endpoints (the ISPDB
    asks for calendars and contacts too, and keeps Google's legacy token URL). Otherwise the
    element's own scope and endpoints are used, if they are ``https``; the issuer's metadata
    may fill in the rest (``wizard.oauth.metadata``).
    """
    if not hint.issuer:
        return None
    issuer_url = normalized_issuer(hint.issuer)
    if issuer_url is None:
        return None
    known = next((i for i in BUILT_IN if i.host == host_of(issuer_url)), None)
    if known is not None:
        return known
    authorization, token = https_url(hint.auth_url), https_url(hint.token_url)
    if (hint.auth_url and authorization is None) or (hint.token_url and token is None):
        return None  # a trusted document naming plain-HTTP endpoints: not safe to use
    return Issuer(
        issuer=issuer_url,
        scope=hint.scope or "",
        mailbox_scope=hint.scope or "",  # the data's one scope is for its servers, IMAP too
        authorization_endpoint=authorization,
        token_endpoint=token,
    )


def hint_endpoints(hint: OAuthHint) -> tuple[str, ...]:
    """The sign-in addresses an ``<oAuth2>`` element names, as written."""
    return tuple(url for url in (hint.issuer, hint.auth_url, hint.token_url) if url)


def normalized_issuer(text: str) -> str | None:
    """An issuer as an ``https`` URL (the ISPDB writes bare host names), or None."""
    text = text.strip()
    if "://" not in text:
        text = f"https://{text}"
    return https_url(text.rstrip("/"))


def valid_tenant(tenant: object) -> bool:
    """Whether ``tenant`` (a client registration's ``tenant`` value) can name a tenant."""
    return isinstance(tenant, str) and _TENANT.fullmatch(tenant) is not None


def for_tenant(issuer: Issuer, tenant: str | None) -> Issuer:
    """Microsoft's endpoints for a single-tenant app registration: its tenant in place of
    ``common``, which only multi-tenant apps may use. ``issuer`` stays as the registration
    names it, so a stored account finds its registration again (and its keychain service,
    which is the host's, does not change). Other issuers, and no tenant, as they are."""
    if not tenant or issuer.host != MICROSOFT.host:
        return issuer
    assert valid_tenant(tenant), "registrations with another tenant are refused when read"

    def in_tenant(url: str | None) -> str | None:
        return url.replace(_COMMON, f"/{tenant}/", 1) if url else url

    return replace(
        issuer,
        authorization_endpoint=in_tenant(issuer.authorization_endpoint),
        token_endpoint=in_tenant(issuer.token_endpoint),
        device_authorization_endpoint=in_tenant(issuer.device_authorization_endpoint),
    )


def with_name(issuer: Issuer, provider: str | None) -> Issuer:
    """``issuer`` named after the provider when it has no name of its own."""
    return issuer if issuer.name or not provider else replace(issuer, name=provider)


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def https_url(url: str | None) -> str | None:
    """``url`` if it is an absolute ``https`` URL with a host, else None."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() != "https" or not parts.hostname:
        return None
    return url.strip()


def mailbox_scope_of(issuer: str, signed_in_scope: str) -> str:
    """What reading the mailbox needs, for an account that signed in at ``issuer`` with
    ``signed_in_scope``: a built-in issuer's own, otherwise the scope the provider data
    named, which is what the sign-in asked for."""
    known = next((i for i in BUILT_IN if i.issuer == issuer), None)
    return known.mailbox_scope if known is not None else signed_in_scope


def covers(granted: str, needed: str) -> bool:
    """Whether a token granted ``granted`` (space-separated scopes) has every scope of
    ``needed``; nothing needed is always covered."""
    return set(needed.split()) <= set(granted.split())


def join_scopes(*scopes: str) -> str:
    """Scopes together, each once, in the order first named."""
    return " ".join(dict.fromkeys(item for scope in scopes for item in scope.split()))
