"""What an organisation preset allows: its locked fields and its policy, checked against the
settings a person or a script asks for, and how the account signs in (a password or OAuth2,
with which SASL mechanisms). The CLI refuses with the reason; the GUI shows locked fields
read-only and refuses the rest with the same words; ``send`` refuses a stored account that
breaks them. All use these rules, so they refuse the same things.

What the policy promises at the server itself travels in the settings (``enforce``): the SASL
mechanisms allowed, and the organisation's pinned certificates, which are then the only ones
accepted for its servers, even a certificate the OS trusts (``wizard.smtp.send``, and
``wizard.imap.session`` for the delivery confirmation at its incoming server)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from wizard.clientconfig import expand_username
from wizard.errors import WizardError
from wizard.model import Security
from wizard.presets import Field

if TYPE_CHECKING:
    from wizard.address import EmailAddress
    from wizard.presets import Preset
    from wizard.smtp.send import SendSettings


class RefusalReason(StrEnum):
    LOCKED = "locked"  # field, value (the preset's)
    PLAINTEXT = "plaintext"  # the policy never allows an unencrypted connection
    IMPLICIT_TLS = "implicit-tls"  # the policy requires SSL/TLS, not STARTTLS
    PASSWORD = "password"  # noqa: S105 (a reason): no password allowed, OAuth2 only
    OAUTH2 = "oauth2"  # OAuth2 not allowed: a password only
    MECHANISM = "mechanism"  # value: a SASL mechanism the organisation does not allow


# clientConfig's authentication words and the SASL mechanisms they stand for here; the others
# (NTLM, GSSAPI, client certificates...) are nothing this program can sign in with.
_MECHANISMS = {
    "password-cleartext": ("PLAIN", "LOGIN"),
    "plain": ("PLAIN", "LOGIN"),
    "password-encrypted": ("CRAM-MD5",),
    "secure": ("CRAM-MD5",),
    "oauth2": ("XOAUTH2", "OAUTHBEARER"),
}
OAUTH2_MECHANISMS = frozenset(_MECHANISMS["oauth2"])


@dataclass(frozen=True)
class Refusal:
    reason: RefusalReason
    field: Field | None = None
    value: str = ""


class PresetRefusedError(WizardError):
    """Settings the organisation's preset does not allow; ``wizard.messages`` says why."""

    def __init__(self, preset: Preset, refusals: tuple[Refusal, ...]) -> None:
        super().__init__(", ".join(r.reason.value for r in refusals))
        self.preset = preset
        self.refusals = refusals


@dataclass(frozen=True)
class PresetValues:
    """The preset's own settings for one address (its first outgoing server, expanded)."""

    host: str
    port: int
    security: Security
    username: str


def preset_values(preset: Preset, address: EmailAddress) -> PresetValues:
    server = preset.config.outgoing[0]
    names = {
        "address": address.address,
        "local_part": address.local_part,
        "domain": address.domain,
    }
    return PresetValues(
        host=server.hostname.replace("%EMAILDOMAIN%", address.domain).lower(),
        port=server.port,
        security=server.security,
        username=expand_username(server.username_template, **names),
    )


@dataclass(frozen=True)
class SignInRule:
    """How the organisation lets this address sign in."""

    password: bool = True
    oauth2: bool = True


def allowed_words(preset: Preset) -> tuple[str, ...]:
    """The sign-in methods the organisation allows (clientConfig words); empty: any. The
    policy's ``allowedAuthentication``; with the ``authentication`` field locked, only those of
    them (or, without a policy, all) that the preset's own server names."""
    words = preset.policy.allowed_authentication
    server = tuple(word.lower() for word in preset.config.outgoing[0].authentication)
    if Field.AUTHENTICATION in preset.locked and server:
        words = tuple(word for word in words if word in server) if words else server
    return words


def allowed_mechanisms(preset: Preset) -> frozenset[str] | None:
    """The SASL mechanisms (upper-case) ``allowed_words`` stand for; None: any."""
    words = allowed_words(preset)
    if not words:
        return None
    return frozenset(mechanism for word in words for mechanism in _MECHANISMS.get(word, ()))


def sign_in_rule(preset: Preset | None) -> SignInRule:
    allowed = allowed_mechanisms(preset) if preset is not None else None
    if allowed is None:
        return SignInRule()
    return SignInRule(
        password=bool(allowed - OAUTH2_MECHANISMS), oauth2=bool(allowed & OAUTH2_MECHANISMS)
    )


def check_sign_in(preset: Preset, *, oauth2: bool) -> None:
    """Raise ``PresetRefusedError`` unless the organisation lets the account sign in so."""
    rule = sign_in_rule(preset)
    allowed = ", ".join(allowed_words(preset))
    if oauth2 and not rule.oauth2:
        raise PresetRefusedError(preset, (Refusal(RefusalReason.OAUTH2, value=allowed),))
    if not oauth2 and not rule.password:
        raise PresetRefusedError(preset, (Refusal(RefusalReason.PASSWORD, value=allowed),))


def preset_hosts(preset: Preset, address: EmailAddress) -> frozenset[str]:
    """The preset's servers, outgoing and incoming, for ``address``: its pins hold for them."""
    servers = (*preset.config.outgoing, *preset.config.incoming)
    return frozenset(
        server.hostname.replace("%EMAILDOMAIN%", address.domain).lower() for server in servers
    )


def preset_for(address: EmailAddress) -> Preset | None:
    """The organisation's preset for ``address``'s domain, if one is in use. Blocking (disk)."""
    from wizard.presets import load_presets

    return load_presets().for_domain(address.domain)


def check(preset: Preset, address: EmailAddress, settings: SendSettings) -> None:
    """Raise ``PresetRefusedError`` unless ``settings`` keep the preset's locks and policy."""
    wanted = preset_values(preset, address)
    asked = {
        Field.HOSTNAME: (settings.host.lower(), wanted.host),
        Field.PORT: (str(settings.port), str(wanted.port)),
        Field.SOCKET_TYPE: (settings.security.value, wanted.security.value),
        Field.USERNAME: (settings.username, wanted.username),
    }
    refusals = [
        Refusal(RefusalReason.LOCKED, field, preset_value)
        for field, (value, preset_value) in asked.items()
        if field in preset.locked and value != preset_value
    ]
    policy = preset.policy
    if policy.require_encryption and (
        settings.security is Security.NONE or settings.allow_plaintext
    ):
        refusals.append(Refusal(RefusalReason.PLAINTEXT))
    if policy.require_implicit_tls and settings.security is not Security.SSL:
        refusals.append(Refusal(RefusalReason.IMPLICIT_TLS))
    mechanisms = allowed_mechanisms(preset)
    method = (settings.auth_method or "").upper()
    if method and mechanisms is not None and method not in mechanisms:
        refusals.append(Refusal(RefusalReason.MECHANISM, value=method))
    if refusals:
        raise PresetRefusedError(preset, tuple(refusals))


def enforce(
    preset: Preset | None,
    address: EmailAddress,
    settings: SendSettings,
    *,
    apply_locks: bool = False,
    oauth2: bool | None = None,
) -> SendSettings:
    """``settings`` as the organisation's ``preset`` allows them, or ``PresetRefusedError``:
    with its locked fields filled in (``apply_locks``, for detected settings) or else refused
    where they differ, checked against its policy and, when ``oauth2`` says how the account
    signs in, against the sign-in methods it allows. The settings returned carry what the
    server must be held to: the SASL mechanisms allowed, and the organisation's pinned
    certificates for its own servers (the only ones accepted there)."""
    if preset is None:
        return settings
    if apply_locks:
        settings = apply(preset, address, settings)
    check(preset, address, settings)
    if oauth2 is not None:
        check_sign_in(preset, oauth2=oauth2)
    pins = preset.policy.pinned_certificates
    return dataclasses.replace(
        settings,
        allowed_mechanisms=allowed_mechanisms(preset),
        organisation_pins=pins,
        organisation_hosts=preset_hosts(preset, address) if pins else frozenset(),
    )


def apply(preset: Preset, address: EmailAddress, settings: SendSettings) -> SendSettings:
    """``settings`` with every locked field set to the preset's value."""
    wanted = preset_values(preset, address)
    changes: dict[str, object] = {}
    if Field.HOSTNAME in preset.locked:
        changes["host"] = wanted.host
    if Field.PORT in preset.locked:
        changes["port"] = wanted.port
    if Field.SOCKET_TYPE in preset.locked:
        changes["security"] = wanted.security
    if Field.USERNAME in preset.locked:
        changes["username"] = wanted.username
    return dataclasses.replace(settings, **changes)  # type: ignore[arg-type]
