"""Render every page of the wizard, in every shipped language, to PNG files for review.

    .venv/bin/python scripts/screenshots.py docs/screenshots
    xvfb-run -a .venv/bin/python scripts/screenshots.py docs/screenshots   # through a real X server

Each language is shown in a light and a dark palette, at 100 % and 200 % scale (one process per
scale, since Qt reads ``QT_SCALE_FACTOR`` only at start). The pages run on the real worker
thread, but with canned engine operations: no server is contacted, and every state (searching,
found, a failed test, a certificate to decide on, saved) can be shown on demand, and so can the
risky situations a person must be protected in: a server in a foreign domain, a certificate
failure, no encryption, missing STARTTLS, a slow server, a wrong password. Files are named
``<language>-<theme>-<scale>x-<shot>.png``.

``--check`` makes it a test: it fails (exit 1) if any label's or button's text is elided or
clipped in any picture, naming the picture and the text.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEventLoop, QLocale, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QStyleFactory,
    QWidget,
    QWizard,
)

from tests.gui.canned import Canned
from wizard.accounts import StoredAccount
from wizard.address import EmailAddress
from wizard.delivery.after_send import AfterSend
from wizard.delivery.authresults import CheckResult, Verdict
from wizard.delivery.result import DeliveryResult, DeliveryStatus, Removal
from wizard.discovery.events import SlowGreeting, SourceFinished
from wizard.gui.app import app_icon
from wizard.gui.engine import Engine, StageBegun, WatchBegun
from wizard.gui.i18n import Translations
from wizard.gui.wizard import SetupWizard
from wizard.gui.worker import EngineWorker, Report
from wizard.model import (
    Candidate,
    Certificate,
    CertProblem,
    DetectionResult,
    Link,
    LinkStep,
    ProbeFailure,
    ProbeResult,
    Security,
    ServerConfig,
    SourceName,
    SourceNote,
    SourceReport,
    SourceStatus,
    Tier,
    Trust,
)
from wizard.oauth.results import SignedIn
from wizard.profiles import AccountProfile
from wizard.smtp.diagnosis import Diagnosis
from wizard.smtp.send import Reply, SendSettings, Stage, TestOutcome

LANGUAGES = ("en", "de")
THEMES = ("light", "dark")
SCALES = ("1", "2")
SIZE = (720, 620)  # the window, in device-independent pixels

FINGERPRINT = ":".join(["3F", "A2", "9C", "01", "7B", "E4", "55", "D0"] * 4)


def _server(
    host: str, port: int, security: Security, source: SourceName, trust: Trust, tier: Tier
) -> ServerConfig:
    return ServerConfig(
        host=host,
        port=port,
        security=security,
        username="alice@example.com",
        source=source,
        trust=trust,
        tier=tier,
        origin={
            SourceName.AUTOCONFIG: "https://autoconfig.example.com/mail/config-v1.1.xml",
            SourceName.SRV: "SRV _submission._tcp.example.com",
            SourceName.PROBE: "probe",
        }[source],
        auth_methods=("password-cleartext",),
        provider="Example Mail",
    )


def _answered(config: ServerConfig) -> Candidate:
    probe = ProbeResult(
        host=config.host,
        port=config.port,
        security=config.security,
        greeting=f"{config.host} ESMTP ready",
        auth_mechanisms=("PLAIN", "LOGIN"),
        certificate=(
            None if config.security is Security.NONE else Certificate(FINGERPRINT, verified=True)
        ),
    )
    return Candidate(config, probe)


BEST = _answered(
    _server(
        "smtp.example.com", 465, Security.SSL, SourceName.AUTOCONFIG, Trust.TRUSTED, Tier.PROVIDER
    )
)
FROM_SRV = _answered(
    _server(
        "submit.example.com",
        587,
        Security.STARTTLS,
        SourceName.SRV,
        Trust.UNAUTHENTICATED,
        Tier.SRV,
    )
)
GUESSED = _answered(
    _server("mail.example.com", 25, Security.NONE, SourceName.PROBE, Trust.GUESSED, Tier.PROBE)
)
FOREIGN = Candidate(
    dataclasses.replace(
        FROM_SRV.config,
        host="smtp.collector.example",
        source=SourceName.AUTOCONFIG,
        trust=Trust.TRUSTED,
        tier=Tier.PROVIDER,
        origin="https://autoconfig.example.com/mail/config-v1.1.xml → "
        "https://collector.example/config.xml",
        provider=None,
        link=Link(LinkStep.REDIRECT, "example.com", "collector.example", "collector.example"),
    ),
    dataclasses.replace(FROM_SRV.probe, host="smtp.collector.example") if FROM_SRV.probe else None,
)
NO_STARTTLS = Candidate(
    dataclasses.replace(BEST.config, port=587, security=Security.STARTTLS),
    ProbeResult(
        "smtp.example.com",
        587,
        Security.STARTTLS,
        failure=ProbeFailure.NO_STARTTLS,
        greeting="smtp.example.com ESMTP ready",
    ),
)
REPORTS = (
    SourceReport(
        SourceName.BUNDLED,
        SourceStatus.NOTHING,
        2,
        "example.com is not in the bundled database",
        SourceNote.NOT_LISTED,
    ),
    SourceReport(
        SourceName.AUTOCONFIG,
        SourceStatus.FOUND,
        212,
        "https://autoconfig.example.com/mail/config-v1.1.xml?emailaddress=alice%40example.com:"
        " found",
        SourceNote.PUBLISHED,
    ),
    SourceReport(
        SourceName.MX,
        SourceStatus.NOTHING,
        96,
        "MX mx1.example.com belongs to the domain itself",
        SourceNote.MX_OWN,
        (("mx", "mx1.example.com"),),
    ),
    SourceReport(
        SourceName.ISPDB,
        SourceStatus.NOTHING,
        388,
        "https://autoconfig.thunderbird.net/v1.1/example.com: not found",
        SourceNote.NOT_LISTED,
    ),
    SourceReport(
        SourceName.SRV,
        SourceStatus.FOUND,
        74,
        "_submissions._tcp.example.com: no record; "
        "_submission._tcp.example.com: submit.example.com:587",
        SourceNote.SRV_FOUND,
        (("servers", "submit.example.com:587"),),
    ),
    SourceReport(
        SourceName.PROBE,
        SourceStatus.FOUND,
        640,
        "answered: mail.example.com:25",
        SourceNote.SERVERS_ANSWERED,
        (("servers", "mail.example.com:25"),),
    ),
)
SHOWN_WHILE_SEARCHING = 3  # sources finished in the "searching" picture


def _outcome(
    stage: Stage,
    reply: Reply | None,
    diagnosis: Diagnosis | None,
    certificate: Certificate | None = None,
) -> TestOutcome:
    return TestOutcome(
        ok=diagnosis is None,
        stage=stage,
        reply=reply,
        username="alice@example.com" if diagnosis is None else None,
        message_id="<1@example.com>" if diagnosis is None else None,
        diagnosis=diagnosis,
        certificate=certificate,
        transcript=(),
    )


_OUTCOMES = (
    _outcome(
        Stage.AUTH,
        Reply(535, "5.7.8 Username and Password not accepted"),
        Diagnosis.WRONG_PASSWORD,
    ),
    _outcome(Stage.TLS, Reply(250, "smtp.example.com\nAUTH PLAIN"), Diagnosis.STARTTLS_MISSING),
    _outcome(
        Stage.TLS,
        None,
        Diagnosis.CERTIFICATE,
        Certificate(
            FINGERPRINT,
            verified=False,
            problem=CertProblem.WRONG_HOST,
            host="smtp.example.com",
            names=("mail.hosting-provider.example",),
        ),
    ),
    _outcome(Stage.DONE, Reply(250, "2.0.0 OK: queued as 4XYZ"), None),
)


# What the delivery confirmation found after the passing test.
ARRIVED = DeliveryResult(
    DeliveryStatus.INBOX,
    folder="INBOX",
    seconds=2.4,
    verdict=Verdict(
        "mx.example.com",
        (
            CheckResult("spf", "pass", (("smtp.mailfrom", "alice@example.com"),)),
            CheckResult("dkim", "none"),
            CheckResult("dmarc", "pass", (("header.from", "example.com"),)),
        ),
        (),
    ),
    removal=Removal.TRASH,
)


@dataclass
class CannedEngine:
    """Engine operations that answer from the data above, pausing where the script says."""

    searching: threading.Event = field(default_factory=threading.Event)  # let detection end
    outcomes: Iterator[TestOutcome] = field(default_factory=lambda: iter(_OUTCOMES))
    best: Candidate = BEST
    alternatives: tuple[Candidate, ...] = (FROM_SRV, GUESSED)

    def engine(self) -> Engine:
        domain_and_report = Canned()  # the sender domain's health and the report, canned
        return Engine(
            detect=self.detect,
            send=self.send,
            store=self.store,
            check_domain=domain_and_report.check_domain,
            gather_report=domain_and_report.gather_report,
            confirm=self.confirm,
        )

    async def detect(self, address: EmailAddress, report: Report) -> DetectionResult:
        for source_report in REPORTS[:SHOWN_WHILE_SEARCHING]:
            report(SourceFinished(source_report))
        report(SlowGreeting(self.best, 4_000))  # connected 4 s ago, no greeting yet
        await asyncio.to_thread(self.searching.wait)
        for source_report in REPORTS[SHOWN_WHILE_SEARCHING:]:
            report(SourceFinished(source_report))
        return DetectionResult(
            address=address.address,
            domain=address.domain,
            best=self.best,
            alternatives=self.alternatives,
            sources=REPORTS,
            elapsed_ms=640,
        )

    async def send(
        self, settings: SendSettings, password: str | SignedIn, report: Report
    ) -> TestOutcome:
        del password
        outcome = next(self.outcomes)
        replies = {
            Stage.GREETING: Reply(220, f"{settings.host} ESMTP ready"),
            Stage.AUTH: Reply(250, f"{settings.host} at your service\nAUTH PLAIN LOGIN"),
            Stage.SEND: Reply(235, "2.7.0 Authentication successful"),
        }
        for stage in (Stage.CONNECT, Stage.TLS, Stage.GREETING, Stage.AUTH, Stage.SEND):
            report(StageBegun(stage, replies.get(stage)))
            if stage is outcome.stage:
                return outcome
        report(StageBegun(Stage.DONE, outcome.reply))
        return outcome

    async def confirm(
        self, address: EmailAddress, send: AfterSend, report: Report
    ) -> DeliveryResult:
        del address
        report(WatchBegun("imap.example.com", send.timeout))
        return ARRIVED

    async def store(self, profile: AccountProfile, password: str, report: Report) -> StoredAccount:
        del password, report
        return StoredAccount(profile, "Secret Service")


class Shooter:
    """Drives one wizard through its pages and saves a picture of each state."""

    def __init__(
        self, folder: Path, prefix: str, worker: EngineWorker, canned: CannedEngine | None = None
    ) -> None:
        self.folder = folder
        self.prefix = prefix
        self.worker = worker
        self.canned = canned or CannedEngine()
        self.wizard = SetupWizard(worker, self.canned.engine(), address="alice@example.com")
        self.wizard.resize(*SIZE)
        self.wizard.show()
        self.clipped: list[str] = []

    def run(self) -> None:
        wizard = self.wizard
        wizard.account_page.name_edit.setText("Alice Example")
        wizard.draft.set_password("correct horse battery staple")
        wizard.account_page.address_edit.setText("alice@example")
        self.shoot("1-account-invalid")
        wizard.account_page.address_edit.setText("alice@example.com")
        self.shoot("1-account")

        page = wizard.detect_page
        shown = _Counter(SHOWN_WHILE_SEARCHING)
        page.source_finished.connect(shown.count)
        wizard.next()
        shown.wait()
        self.shoot("2-searching-slow-server")
        self.canned.searching.set()
        _wait(page.finished)
        self.shoot("2-found")

        wizard.next()
        self.shoot("3-settings")
        settings = wizard.settings_page
        settings.alternatives.setCurrentRow(2)  # guessed, and unencrypted
        self.shoot("3-settings-no-encryption")
        settings.alternatives.setCurrentRow(0)

        wizard.next()
        sending = wizard.send_page
        sending.send()
        _wait(sending.finished)
        self.shoot("4-test-wrong-password")
        sending.send()
        _wait(sending.finished)
        self.shoot("4-test-no-starttls")
        sending.send()
        _wait(sending.finished)
        self.shoot("4-test-certificate")
        sending.certificate.trust_button.click()  # pins it and sends again
        _wait(sending.confirmed)
        self.shoot("4-test-arrived")

        wizard.next()
        done = wizard.done_page
        _until(lambda: done.domain.health is not None)
        self.shoot("5-done")
        done.report.save_button.click()  # the report, as it will be shared
        _until(lambda: done.report.dialog is not None and done.report.dialog.isVisible())
        assert done.report.dialog is not None
        self.shoot("6-report", done.report.dialog)
        done.report.dialog.close()
        wizard.button(QWizard.WizardButton.FinishButton).click()
        _wait(wizard.done_page.stored)
        self.shoot("5-done-saved")
        wizard.done_page.abandon()
        wizard.close()
        for name, best in (
            ("3-settings-foreign-domain", FOREIGN),
            ("3-settings-no-starttls", NO_STARTTLS),
        ):
            self.clipped += Shooter(
                self.folder, self.prefix, self.worker, CannedEngine(best=best, alternatives=())
            ).settings(name)

    def settings(self, name: str) -> list[str]:
        """Straight to the settings page, for a detection with a risky answer."""
        wizard = self.wizard
        self.canned.searching.set()
        _wait_for(wizard.detect_page.finished, wizard.next)
        wizard.next()
        self.shoot(name)
        wizard.discard()
        return self.clipped

    def shoot(self, name: str, window: QWidget | None = None) -> None:
        # Word-wrapped notices of several lines take more than one layout pass to size.
        for _ in range(3):
            _settle()
        path = self.folder / f"{self.prefix}-{name}.png"
        if not (window or self.wizard).grab().save(str(path)):
            raise SystemExit(f"could not write {path}")
        print(path)
        shown = window or self.wizard
        self.clipped += [f"{path.name}: {text}" for text in clipped_texts(shown)]


class _Counter:
    def __init__(self, wanted: int) -> None:
        self.wanted = wanted
        self.loop = QEventLoop()

    def count(self, _source: object) -> None:
        self.wanted -= 1
        if self.wanted <= 0:
            self.loop.quit()

    def wait(self) -> None:
        if self.wanted > 0:
            self.loop.exec()


def clipped_texts(window: QWidget) -> list[str]:
    """The texts of visible labels and buttons that do not fit the room they were given
    (elided, or cut off at the bottom or the right)."""
    found: list[str] = []
    for label in window.findChildren(QLabel):
        if not label.isVisible() or not label.text() or (label.pixmap() and not label.text()):
            continue
        if label.wordWrap():
            short = label.heightForWidth(label.width()) > label.height() + 1
        else:
            hint = label.sizeHint()
            short = hint.width() > label.width() + 1 or hint.height() > label.height() + 1
        if short:
            found.append(label.text())
    for button in window.findChildren(QAbstractButton):
        if button.isVisible() and button.text() and button.sizeHint().width() > button.width() + 1:
            found.append(button.text())
    return found


def _wait_for(signal: object, start: Callable[[], object]) -> None:
    """Start something, then run the event loop until ``signal`` fires."""
    loop = QEventLoop()
    signal.connect(loop.quit)  # type: ignore[attr-defined]
    start()
    loop.exec()


def _wait(signal: object) -> None:
    """Run the event loop until ``signal`` fires."""
    loop = QEventLoop()
    signal.connect(loop.quit)  # type: ignore[attr-defined]
    loop.exec()


def _until(condition: Callable[[], bool]) -> None:
    """Let Qt work until ``condition()`` holds (an engine job's answer has arrived)."""
    while not condition():
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)


def _settle() -> None:
    """Let Qt handle what is already queued (layouts, repaints) before a picture is taken."""
    loop = QEventLoop()
    QTimer.singleShot(0, loop.quit)
    loop.exec()


def dark_palette() -> QPalette:
    """A dark palette like the desktops' dark themes."""
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#2b2b2b",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1e1e1e",
        QPalette.ColorRole.AlternateBase: "#262626",
        QPalette.ColorRole.ToolTipBase: "#3a3a3a",
        QPalette.ColorRole.ToolTipText: "#e6e6e6",
        QPalette.ColorRole.PlaceholderText: "#8c8c8c",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.BrightText: "#ff6b6b",
        QPalette.ColorRole.Link: "#6cb4ff",
        QPalette.ColorRole.Highlight: "#2f6fb3",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Light: "#505050",
        QPalette.ColorRole.Midlight: "#404040",
        QPalette.ColorRole.Mid: "#303030",
        QPalette.ColorRole.Dark: "#202020",
        QPalette.ColorRole.Shadow: "#101010",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(disabled, role, QColor("#7a7a7a"))
    return palette


def render(folder: Path, scale: str, languages: list[str], themes: list[str]) -> list[str]:
    """One scale, in this process: every language in every theme; returns the clipped texts."""
    app = QApplication([sys.argv[0]])
    app.setStyle(QStyleFactory.create("Fusion"))
    app.setWindowIcon(app_icon())
    light = app.palette()
    translations = Translations(app)
    worker = EngineWorker()
    clipped: list[str] = []
    try:
        for language in languages:
            translations.use(QLocale(language))
            for theme in themes:
                app.setPalette(dark_palette() if theme == "dark" else light)
                shooter = Shooter(folder, f"{language}-{theme}-{scale}x", worker)
                shooter.run()
                clipped += shooter.clipped
    finally:
        worker.shutdown()
    return clipped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path, help="where the PNG files go")
    parser.add_argument("--languages", nargs="+", default=list(LANGUAGES), choices=LANGUAGES)
    parser.add_argument("--themes", nargs="+", default=list(THEMES), choices=THEMES)
    parser.add_argument("--scales", nargs="+", default=list(SCALES), choices=SCALES)
    parser.add_argument(
        "--check", action="store_true", help="fail if any text is elided or clipped"
    )
    parser.add_argument("--this-process", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.folder.mkdir(parents=True, exist_ok=True)
    if args.this_process:
        clipped = render(args.folder, os.environ["QT_SCALE_FACTOR"], args.languages, args.themes)
        for text in clipped:
            print(f"clipped: {text}", file=sys.stderr)
        return 1 if clipped and args.check else 0
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")
    failed = False
    for scale in args.scales:
        command = [
            sys.executable,
            __file__,
            str(args.folder),
            "--this-process",
            "--languages",
            *args.languages,
            "--themes",
            *args.themes,
            *(["--check"] if args.check else []),
        ]
        done = subprocess.run(command, env=dict(os.environ, QT_SCALE_FACTOR=scale), check=False)
        failed = failed or done.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
