"""The vocabulary the engine, the CLI and the GUI share: settings, where they came from, how
far they can be trusted and what a live check found.

Everything here is plain, immutable data so that it can cross from the engine's worker thread
to the GUI, and be turned into JSON, without copying or locking.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum, StrEnum


class Protocol(StrEnum):
    """Which server a setting is for. Detection finds outgoing (SMTP) settings; incoming (IMAP)
    ones only serve to confirm that a test message arrived."""

    SMTP = "smtp"
    IMAP = "imap"


class Security(StrEnum):
    """How a connection (SMTP or IMAP) is protected. The values are the JSON and CLI spellings."""

    SSL = "ssl"  # implicit TLS from the first byte (RFC 8314), usually port 465
    STARTTLS = "starttls"  # plain connect, then upgraded with STARTTLS, usually port 587
    NONE = "none"  # no encryption at all

    @property
    def submission_port(self) -> int:
        """The usual port: 465 for implicit TLS (RFC 8314), else submission's 587 (RFC 6409;
        port 25 is for relaying between servers, and often blocked for home users)."""
        return 465 if self is Security.SSL else 587

    @property
    def preference(self) -> int:
        """Lower is better: RFC 8314 prefers implicit TLS over STARTTLS over nothing."""
        return (Security.SSL, Security.STARTTLS, Security.NONE).index(self)


class Trust(StrEnum):
    """How far a setting can be believed before the user has looked at it."""

    TRUSTED = "trusted"  # bundled data, or fetched over verified HTTPS from the provider
    UNAUTHENTICATED = "unauthenticated"  # from DNS or plain HTTP: could have been spoofed
    GUESSED = "guessed"  # found by probing likely host names


class SourceName(StrEnum):
    """The places detection asks, in the order the user sees them."""

    PRESET = "preset"  # the organisation's preset (wizard.presets)
    BUNDLED = "bundled"
    AUTOCONFIG = "autoconfig"
    ISPDB = "ispdb"
    MX = "mx"
    SRV = "srv"
    PROBE = "probe"


class SourceStatus(StrEnum):
    """How a source ended."""

    FOUND = "found"
    NOTHING = "nothing"
    ERROR = "error"
    TIMEOUT = "timeout"
    SKIPPED = "skipped"


class Tier(IntEnum):
    """Rank of a setting by how trustworthy its origin is; lower wins."""

    PRESET = 0  # set by the user's organisation on this computer
    PROVIDER = 1  # bundled database, HTTPS autoconfig, ISPDB
    MX = 2  # derived from the domain's MX records
    SRV = 3  # RFC 6186 / 8314 SRV records
    HTTP = 4  # autoconfig fetched over plain HTTP
    PROBE = 5  # found by probing


class LinkStep(StrEnum):
    """How detection got from the address's domain to a server in another registrable domain.

    The first two were vouched for by someone the user can rely on; the others by no one, so
    whoever can forge DNS or sit on the network path could have chosen the server.
    """

    PROVIDER = "provider"  # the provider list or the ISPDB links the address to this provider
    PUBLISHED = "published"  # the domain's own HTTPS autoconfig names its hoster's server
    REDIRECT = "redirect"  # the domain's autoconfig redirected to another domain
    PLAIN_HTTP = "plain-http"  # an autoconfig document fetched over plain HTTP named it
    SRV = "srv"  # the domain's SRV records point there
    MX = "mx"  # the domain's MX points there, and no known provider runs that MX


@dataclass(frozen=True)
class Link:
    """A server outside the address's own registrable domain, and how detection got there."""

    step: LinkStep
    address_domain: str  # the address's registrable domain, e.g. redirected-isp.test
    server_domain: str  # the server's registrable domain, e.g. collector.example
    via: str = ""  # what the step went through: a redirect's target, the MX or SRV name

    @property
    def vouched(self) -> bool:
        """Whether the domain's owner (or a known provider list) vouched for the link."""
        return self.step in (LinkStep.PROVIDER, LinkStep.PUBLISHED)


@dataclass(frozen=True)
class OAuthHint:
    """A clientConfig ``<oAuth2>`` element as the document states it (``wizard.oauth.issuers``
    decides whether it may be used)."""

    issuer: str | None = None
    scope: str | None = None
    auth_url: str | None = None
    token_url: str | None = None
    # False when the document that names it was reached through a redirect into another
    # domain: its sign-in page is then no one's word, whatever the document's HTTPS.
    vouched: bool = True
    # True when a provider list (the bundled database, the ISPDB) wrote it, even where DNS led
    # detection there (a custom domain's MX at Microsoft 365): its sign-in pages are the
    # provider's own, for the provider's own servers, not whoever answered DNS.
    listed: bool = False


@dataclass(frozen=True)
class ServerConfig:
    """Server settings as one source states them, before any live check: outgoing ones, or
    incoming (IMAP) ones when detection looks for those (``wizard.imap``).

    ``auth_methods`` keeps clientConfig's own words (``password-cleartext``, ``OAuth2``...)
    because they say more than SASL names: OAuth2 means "needs a browser sign-in".
    """

    host: str
    port: int
    security: Security
    username: str
    source: SourceName
    trust: Trust
    tier: Tier
    origin: str  # where exactly it came from: a URL, "MX mx.example.net", "probe"
    auth_methods: tuple[str, ...] = ()
    provider: str | None = None  # display name of the provider, when known
    oauth: OAuthHint | None = None  # the source's ``<oAuth2>`` element, if it had one
    link: Link | None = None  # set when the server is outside the address's registrable domain

    @property
    def endpoint(self) -> tuple[str, int, Security]:
        return (self.host, self.port, self.security)


class CertProblem(StrEnum):
    """Why a certificate was not accepted, in categories a person can act on."""

    SELF_SIGNED = "self-signed"
    EXPIRED = "expired"
    NOT_YET_VALID = "not-yet-valid"
    WRONG_HOST = "wrong-host"
    UNKNOWN_ISSUER = "unknown-issuer"
    OTHER = "other"


class ProbeFailure(StrEnum):
    """Why a live check of a server did not succeed."""

    NO_SUCH_HOST = "no-such-host"  # the name does not resolve
    REFUSED = "refused"  # nothing listens on that port
    CONNECT_TIMEOUT = "connect-timeout"  # no answer at all (firewall, blackhole)
    NO_GREETING = "no-greeting"  # connected, but the server never said hello
    NOT_SMTP = "not-smtp"  # something answered, but it does not speak SMTP
    NOT_IMAP = "not-imap"  # something answered, but it does not speak IMAP
    TLS_FAILED = "tls-failed"  # the TLS handshake itself failed (not a certificate issue)
    NO_STARTTLS = "no-starttls"  # STARTTLS was expected but not offered
    CLOSED = "closed"  # the server hung up mid-conversation


@dataclass(frozen=True)
class Certificate:
    """What the user may need to see to decide about a certificate."""

    sha256: str  # colon-separated upper-case hex, as browsers show it
    verified: bool
    problem: CertProblem | None = None
    detail: str | None = None  # the TLS library's own words, for the helpdesk
    # Of a refused certificate: the server name it was checked for, the names it was issued
    # for and the days it is valid on, so the refusal can say "expired on DATE" or "issued for
    # NAME, not for HOST".
    host: str = ""
    names: tuple[str, ...] = ()
    not_before: datetime | None = None
    not_after: datetime | None = None


@dataclass(frozen=True)
class ProbeResult:
    """What a live conversation with ``host:port`` showed (greeting, EHLO, TLS, AUTH)."""

    host: str
    port: int
    security: Security
    failure: ProbeFailure | None = None
    detail: str | None = None
    greeting: str | None = None
    auth_mechanisms: tuple[str, ...] = ()
    certificate: Certificate | None = None
    elapsed_ms: int = 0

    @property
    def reachable(self) -> bool:
        """The server talked SMTP with the stated security (certificate aside)."""
        return self.failure is None

    @property
    def verified(self) -> bool:
        """Reachable and, where TLS is used, with a certificate the OS trusts."""
        if not self.reachable:
            return False
        return self.security is Security.NONE or bool(
            self.certificate and self.certificate.verified
        )


class Caution(StrEnum):
    """Things about a result the user must be told. Values are stable message ids."""

    PLAINTEXT = "plaintext"
    UNTRUSTED_SOURCE = "untrusted-source"
    GUESSED = "guessed"
    NOT_VERIFIED = "not-verified"
    UNREACHABLE = "unreachable"
    NO_STARTTLS = "no-starttls"
    CERTIFICATE = "certificate"
    OAUTH_ONLY = "oauth-only"
    DOMAIN_NOT_FOUND = "domain-not-found"
    FOREIGN_DOMAIN = "foreign-domain"  # the server is in another domain, reached unvouched


@dataclass(frozen=True)
class Candidate:
    """A source's settings together with the live check of them, if one finished."""

    config: ServerConfig
    probe: ProbeResult | None = None

    @property
    def warnings(self) -> tuple[Caution, ...]:
        """What the user should know before relying on this candidate."""
        found: list[Caution] = []
        if self.config.security is Security.NONE:
            found.append(Caution.PLAINTEXT)
        if self.config.link is not None and not self.config.link.vouched:
            found.append(Caution.FOREIGN_DOMAIN)
        if self.config.trust is Trust.UNAUTHENTICATED:
            found.append(Caution.UNTRUSTED_SOURCE)
        elif self.config.trust is Trust.GUESSED:
            found.append(Caution.GUESSED)
        if self.probe is None:
            found.append(Caution.NOT_VERIFIED)
        elif self.probe.failure is ProbeFailure.NO_STARTTLS:
            found.append(Caution.NO_STARTTLS)
        elif not self.probe.reachable:
            found.append(Caution.UNREACHABLE)
        elif self.probe.certificate is not None and not self.probe.certificate.verified:
            found.append(Caution.CERTIFICATE)
        if any(m.lower() == "oauth2" for m in self.config.auth_methods) and not any(
            m.lower() in {"password-cleartext", "plain", "password-encrypted", "secure"}
            for m in self.config.auth_methods
        ):
            found.append(Caution.OAUTH_ONLY)
        return tuple(found)


class SourceNote(StrEnum):
    """What a source's row says beyond its status; values are stable codes (JSON ``note``).

    ``wizard.messages`` words each one; the named values a note needs travel beside it in
    ``SourceReport.values`` (noted here after each member).
    """

    PRESET_FOUND = "preset-found"  # organisation
    NO_PRESET = "no-preset"
    PROVIDER_FOUND = "provider-found"  # provider
    PUBLISHED = "published"  # the domain's own autoconfig document named servers
    NOT_LISTED = "not-listed"  # not in the bundled database, or not in the ISPDB
    NOTHING_PUBLISHED = "nothing-published"  # no autoconfig document anywhere
    FETCH_FAILED = "fetch-failed"  # a document exists maybe, but could not be fetched or read
    NO_MX = "no-mx"
    MX_OWN = "mx-own"  # mx: the MX host is the domain's own
    MX_PROVIDER = "mx-provider"  # mx, provider
    MX_UNKNOWN = "mx-unknown"  # mx: no provider settings known for it
    NO_SRV = "no-srv"
    SRV_NOT_OFFERED = "srv-not-offered"  # target "." (RFC 2782): explicitly no service
    SRV_FOUND = "srv-found"  # servers
    NO_LIKELY_HOSTS = "no-likely-hosts"  # none of smtp., mail. or the bare domain exist
    SERVERS_ANSWERED = "servers-answered"  # servers
    NONE_ANSWERED = "none-answered"
    DOMAIN_NOT_FOUND = "domain-not-found"
    DNS_FAILED = "dns-failed"
    NO_ANSWER = "no-answer"  # one network step ran out of its own deadline
    OUT_OF_TIME = "out-of-time"  # detection's overall deadline ended it
    NOT_NEEDED = "not-needed"  # stopped early: a better answer was already confirmed
    INTERNAL_ERROR = "internal-error"


@dataclass(frozen=True)
class SourceReport:
    """How one source ended, for the progress view and the JSON ``sources`` list.

    ``detail`` is the engine's technical account (URLs, DNS names) for helpdesks; ``note`` and
    its named ``values`` are what ``wizard.messages`` turns into a sentence for the user.
    """

    name: SourceName
    status: SourceStatus
    elapsed_ms: int
    detail: str = ""
    note: SourceNote | None = None
    values: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class DetectionResult:
    """Everything detection learned: the best candidate, the others, and how each source did."""

    address: str
    domain: str
    best: Candidate | None
    alternatives: tuple[Candidate, ...] = ()
    sources: tuple[SourceReport, ...] = ()
    warnings: tuple[Caution, ...] = ()
    elapsed_ms: int = 0
