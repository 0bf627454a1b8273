"""Gathering a diagnosis report: detection, the test send when credentials are at hand (and
whether its message arrived), the network findings, the sender domain's health and the
servers' certificates.

A password goes only where ``setup`` would send it without asking anyone: the stored
account's (or the wizard's confirmed) settings, or detected settings from a trusted source
that lead into no other domain unvouched. Settings found in DNS, over plain HTTP or by
guessing are reported, never sent the password: no one is asked during a report.

The report holds the engine's own results (no sentences), so every format words them the same
way, in the reader's language, and redaction works on data rather than on finished text.
"""

from __future__ import annotations

import asyncio
import platform
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from wizard import __version__
from wizard.delivery.after_send import AfterSend, confirm_after_send
from wizard.discovery.engine import detect
from wizard.domaincheck.check import check_domain
from wizard.model import Caution, Protocol, Trust
from wizard.reporting.certificates import CertificateDetails, read_certificate
from wizard.reporting.network import CHECK_TIMEOUTS, NetworkFindings, check_network
from wizard.smtp.send import Bearer, SendSettings, TestOutcome, send_test_message

if TYPE_CHECKING:
    from wizard.address import EmailAddress
    from wizard.delivery.result import DeliveryResult
    from wizard.discovery.deadlines import Deadlines
    from wizard.domaincheck.model import DomainHealth
    from wizard.model import DetectionResult
    from wizard.profiles import IncomingServer


class SettingsOrigin(StrEnum):
    """Where the settings the report tested came from."""

    ACCOUNT = "account"  # the stored account
    DETECTED = "detected"  # the best detected candidate
    NONE = "none"  # nothing was found


class TestSkipped(StrEnum):
    """Why no test message was sent."""

    NO_CREDENTIALS = "no-credentials"  # no stored account and no password given
    # The account is stored, but its password (or sign-in) could not be had from the keychain.
    NO_STORED_PASSWORD = "no-stored-password"  # noqa: S105 (a reason, not a password)
    NO_SETTINGS = "no-settings"  # nothing to test: no server was found
    UNTRUSTED_SETTINGS = "untrusted-settings"  # detected, but not to be sent a password unasked

    __test__ = False


@dataclass(frozen=True)
class DiagnosisReport:
    """Everything the report says, as data."""

    address: str
    created: datetime
    program_version: str
    system: str
    keychain: str
    detection: DetectionResult | None
    settings: SendSettings | None
    settings_origin: SettingsOrigin
    test: TestOutcome | None
    test_skipped: TestSkipped | None
    network: NetworkFindings | None
    domain: DomainHealth | None
    certificates: tuple[CertificateDetails, ...]
    delivery: DeliveryResult | None = None  # whether the report's own test message arrived


# A report waits less for the test message than ``test`` does: it has more to tell.
CONFIRM_TIMEOUT = 30.0


async def collect_report(
    address: EmailAddress,
    *,
    keychain: str,
    stored: SendSettings | None = None,
    password: str | Bearer | None = None,
    deadlines: Deadlines | None = None,
    detection: DetectionResult | None = None,
    test: TestOutcome | None = None,
    incoming: IncomingServer | None = None,
    words: tuple[str, str] | None = None,
) -> DiagnosisReport:
    """Run everything the report needs. ``stored`` is the account's settings, if there is
    one; ``password`` its password (or one given, or an OAuth2 account's access token),
    without which no message is sent.
    ``detection`` and ``test`` reuse what already ran (the wizard's), instead of asking the
    sources and sending a message again; ``incoming`` is the incoming server the account
    keeps, where its test message is looked for instead of detecting one. ``words`` are the
    test message's subject and body in the user's language
    (``wizard.messages.words_of_test_message``), as ``setup`` sends it."""
    if detection is None:
        detection = await detect(address, deadlines=deadlines)
    settings, origin = _settings(address, stored, detection)
    if settings is not None and words is not None:
        settings = replace(settings, subject=words[0], body=words[1])
    host = settings.host if settings else None
    usable = origin is SettingsOrigin.ACCOUNT or _usable_unasked(detection)
    sent_at = time.monotonic()
    test_task = (
        asyncio.create_task(send_test_message(settings, password))
        if test is None and settings is not None and password and usable
        else None
    )
    found = (
        asyncio.create_task(detect(address, deadlines=deadlines, protocol=Protocol.IMAP))
        if test_task is not None and incoming is None
        else None
    )
    network, domain = await asyncio.gather(
        check_network(host, address.domain, detection),
        check_domain(address.domain, server=host),
    )
    certificates = await _certificates(network)
    delivery = None
    if test_task is not None and settings and password:
        test = await test_task
        sent = AfterSend(settings, test, password, sent_at, CONFIRM_TIMEOUT)
        delivery = await confirm_after_send(sent, incoming or (await found if found else None))
    skipped = None
    if test is None:
        skipped = TestSkipped.NO_SETTINGS if settings is None else TestSkipped.NO_CREDENTIALS
        if settings is not None and password and not usable:
            skipped = TestSkipped.UNTRUSTED_SETTINGS
    return DiagnosisReport(
        address=address.address,
        created=datetime.now(UTC),
        program_version=__version__,
        system=platform.platform(terse=True),
        keychain=keychain,
        detection=detection,
        settings=settings,
        settings_origin=origin,
        test=test,
        test_skipped=skipped,
        network=network,
        domain=domain,
        certificates=certificates,
        delivery=delivery,
    )


def _settings(
    address: EmailAddress, stored: SendSettings | None, detection: DetectionResult
) -> tuple[SendSettings | None, SettingsOrigin]:
    if stored is not None:
        return stored, SettingsOrigin.ACCOUNT
    best = detection.best
    if best is None:
        return None, SettingsOrigin.NONE
    config = best.config
    settings = SendSettings(
        host=config.host,
        port=config.port,
        security=config.security,
        username=config.username,
        address=address.address,
    )
    return settings, SettingsOrigin.DETECTED


def _usable_unasked(detection: DetectionResult) -> bool:
    """Whether the detected best settings may be sent the password without a person's yes:
    from a trusted source, and in no other domain reached through a step nobody vouched for."""
    best = detection.best
    return (
        best is not None
        and best.config.trust is Trust.TRUSTED
        and Caution.FOREIGN_DOMAIN not in best.warnings
    )


async def _certificates(network: NetworkFindings) -> tuple[CertificateDetails, ...]:
    """The certificate of every port that answered with TLS."""
    if network.host is None:
        return ()
    host = network.host
    wanted = [
        (check.port, check.probe.security)
        for check in network.ports
        if check.answered and check.probe.certificate is not None
    ]
    found = await asyncio.gather(
        *(read_certificate(host, port, security, CHECK_TIMEOUTS) for port, security in wanted)
    )
    return tuple(details for details in found if details is not None)
