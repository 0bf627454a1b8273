"""Engine operations with fixed answers, for page tests that need no network.

They run on the real worker thread, like the real ones; ``hold`` makes an operation wait until
it is cancelled, and ``calls`` records what the pages asked for.
"""

from __future__ import annotations

import asyncio
import dataclasses
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime

from wizard.accounts import LooseEnd, StoredAccount
from wizard.address import EmailAddress
from wizard.delivery.after_send import AfterSend
from wizard.delivery.result import DeliveryResult, DeliveryStatus, SkipReason
from wizard.discovery.events import SourceFinished
from wizard.domaincheck.model import (
    Check,
    DomainHealth,
    Finding,
    FindingCode,
    Severity,
    StepReport,
    StepStatus,
)
from wizard.gui.engine import Engine, StageBegun, WatchBegun
from wizard.gui.worker import Report
from wizard.keychain import KeychainError
from wizard.model import (
    Candidate,
    DetectionResult,
    Security,
    ServerConfig,
    SourceName,
    SourceReport,
    SourceStatus,
    Tier,
    Trust,
)
from wizard.oauth.results import SignedIn
from wizard.profiles import AccountProfile
from wizard.reporting.collect import DiagnosisReport, SettingsOrigin, TestSkipped
from wizard.reporting.context import ReportContext
from wizard.reporting.run import Gathered
from wizard.smtp.send import Reply, SendSettings, Stage, TestOutcome


def config(
    host: str = "smtp.example.com",
    port: int = 465,
    security: Security = Security.SSL,
    trust: Trust = Trust.TRUSTED,
    source: SourceName = SourceName.AUTOCONFIG,
) -> ServerConfig:
    return ServerConfig(
        host=host,
        port=port,
        security=security,
        username="alice@example.com",
        source=source,
        trust=trust,
        tier=Tier.PROVIDER,
        origin=f"https://autoconfig.example.com/ for {host}",
        auth_methods=("password-cleartext",),
    )


def result(*candidates: ServerConfig) -> DetectionResult:
    found = [Candidate(c) for c in candidates]
    return DetectionResult(
        address="alice@example.com",
        domain="example.com",
        best=found[0] if found else None,
        alternatives=tuple(found[1:]),
        sources=tuple(
            SourceReport(name, SourceStatus.NOTHING, 10 * number)
            for number, name in enumerate(SourceName)
        ),
    )


DOMAIN_HEALTH = DomainHealth(
    domain="example.com",
    server="smtp.example.com",
    server_addresses=("192.0.2.25",),
    findings=(
        Finding(
            Check.SPF,
            FindingCode.SPF_NOT_AUTHORISED,
            Severity.PROBLEM,
            (
                ("server", "smtp.example.com"),
                ("addresses", "192.0.2.25"),
                ("result", "fail"),
                ("suggestion", "include:_spf.example.net"),
            ),
        ),
        Finding(Check.DMARC, FindingCode.DMARC_MISSING, Severity.WARNING),
        Finding(Check.MTA_STS, FindingCode.MTA_STS_NONE, Severity.INFO),
    ),
    steps=tuple(StepReport(check, StepStatus.DONE, 20) for check in Check),
    elapsed_ms=120,
)


def gathered(context: ReportContext) -> Gathered:
    """A report of what the wizard knew, with the network and domain parts canned."""
    settings = context.settings
    report = DiagnosisReport(
        address=context.address.address,
        created=datetime(2026, 12, 7, 12, 0, tzinfo=UTC),
        program_version="0.1.0",
        system="Linux",
        keychain="GNOME Keyring",
        detection=context.detection,
        settings=settings,
        settings_origin=SettingsOrigin.DETECTED if settings else SettingsOrigin.NONE,
        test=context.test,
        test_skipped=None if context.test else TestSkipped.NO_CREDENTIALS,
        network=None,
        domain=dataclasses.replace(DOMAIN_HEALTH, domain=context.address.domain),
        certificates=(),
    )
    secrets = tuple(filter(None, (context.password, *context.secrets)))
    logins = (context.address.address, context.address.local_part)
    return Gathered(report, secrets, logins)


PASSED = TestOutcome(
    ok=True,
    stage=Stage.DONE,
    reply=Reply(250, "2.0.0 OK"),
    username="alice@example.com",
    message_id="<1@example.com>",
    diagnosis=None,
    certificate=None,
    transcript=(),
    mechanism="PLAIN",
)


@dataclass
class Canned:
    detection: DetectionResult = field(default_factory=lambda: result(config()))
    outcome: TestOutcome = PASSED
    store_errors: list[KeychainError] = field(default_factory=list)  # raised one per call
    hold: bool = False  # detect and send wait until cancelled
    sent: list[SendSettings] = field(default_factory=list)
    passwords: list[str | SignedIn] = field(default_factory=list)  # the one each test was sent with
    stored: list[tuple[AccountProfile, str]] = field(default_factory=list)
    loose_ends: tuple[LooseEnd, ...] = ()  # what each store reports it could not remove
    cancelled: threading.Event = field(default_factory=threading.Event)
    delivery: DeliveryResult = field(
        default_factory=lambda: DeliveryResult(DeliveryStatus.SKIPPED, reason=SkipReason.NO_SERVER)
    )
    hold_confirm: bool = False  # the confirmation waits until cancelled
    confirmed: list[AfterSend] = field(default_factory=list)

    domain_health: DomainHealth = field(default_factory=lambda: DOMAIN_HEALTH)
    reports: list[ReportContext] = field(default_factory=list)  # what each report was asked for

    def engine(self) -> Engine:
        return Engine(
            detect=self.detect,
            send=self.send,
            store=self.store,
            check_domain=self.check_domain,
            gather_report=self.gather_report,
            confirm=self.confirm,
        )

    async def check_domain(self, domain: str, server: str | None, report: Report) -> DomainHealth:
        del report
        return dataclasses.replace(self.domain_health, domain=domain, server=server)

    async def gather_report(self, context: ReportContext, report: Report) -> Gathered:
        del report
        self.reports.append(context)
        return gathered(context)

    async def _wait_for_cancel(self) -> None:
        try:
            await asyncio.Event().wait()
        finally:
            self.cancelled.set()

    async def detect(self, address: EmailAddress, report: Report) -> DetectionResult:
        del address
        for source in self.detection.sources:
            report(SourceFinished(source))
        if self.hold:
            await self._wait_for_cancel()
        return self.detection

    async def send(
        self, settings: SendSettings, password: str | SignedIn, report: Report
    ) -> TestOutcome:
        self.sent.append(settings)
        self.passwords.append(password)
        report(StageBegun(Stage.CONNECT, None))
        if self.hold:
            await self._wait_for_cancel()
        report(StageBegun(Stage.DONE, self.outcome.reply))
        return self.outcome

    async def store(self, profile: AccountProfile, password: str, report: Report) -> StoredAccount:
        del report
        if self.store_errors:
            raise self.store_errors.pop(0)
        self.stored.append((profile, password))
        return StoredAccount(profile, "GNOME Keyring", self.loose_ends)

    async def confirm(
        self, address: EmailAddress, send: AfterSend, report: Report
    ) -> DeliveryResult:
        del address
        self.confirmed.append(send)
        if self.delivery.status is not DeliveryStatus.SKIPPED:
            report(WatchBegun("imap.example.com", send.timeout))
        if self.hold_confirm:
            await self._wait_for_cancel()
        return self.delivery
