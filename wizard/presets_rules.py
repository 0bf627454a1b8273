"""What an organisation preset allows: its locked fields and its policy, checked against the
settings a person or a script asks for. The CLI refuses with the reason; the GUI shows locked
fields read-only; both use these rules, so they refuse the same things."""

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
    if refusals:
        raise PresetRefusedError(preset, tuple(refusals))


def apply(preset: Preset, address: EmailAddress, settings: SendSettings) -> SendSettings:
    """``settings`` with every locked field set to the preset's value, and the organisation's
    pinned certificate accepted."""
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
    pins = preset.policy.pinned_certificates
    if pins and not settings.pinned_sha256:
        changes["pinned_sha256"] = pins[0]  # the organisation's own CA, trusted for its server
    return dataclasses.replace(settings, **changes)  # type: ignore[arg-type]
