"""Page 5, "Save your account", then "Done": the account as tested, stored when the user
accepts it. The page says "Done" only once the account is saved.

Nothing is written before Finish ("Save") is clicked, and never without a successful test
(the test page cannot be left without one). What is stored is what the test proved: its
settings, the username the server accepted and the password it was tested with. Storing runs
on the engine thread because the keychain may block, even on a prompt. If it fails, the reason
is shown and everything the user entered is still here, so Save simply tries again.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from wizard.accounts import StoredAccount, profile_from_test
from wizard.gui import texts
from wizard.gui.domain_health import DomainVerdict
from wizard.gui.draft import Draft, TestPassed
from wizard.gui.engine import Engine
from wizard.gui.pages.base import EnginePage
from wizard.gui.report_actions import ReportActions, secrets_of
from wizard.gui.use_elsewhere import UseElsewhere
from wizard.gui.widgets import Notice, Tone, page_body, plain_label
from wizard.gui.worker import EngineWorker
from wizard.keychain import service_name
from wizard.oauth.results import login_for
from wizard.profiles import AccountProfile
from wizard.reporting.context import ReportContext


class DonePage(EnginePage):
    stored = Signal()  # the password and the profile are saved
    store_failed = Signal()  # saving failed; the page says why and Save retries

    def __init__(
        self,
        draft: Draft,
        worker: EngineWorker,
        engine: Engine,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(draft, worker, engine, parent)
        self._backend: str | None = None
        self._show_unsaved_title()
        body = page_body(self)

        # Created in reading order, which is the Tab order.
        self.status = Notice(body)
        self.summary_label = QLabel(self.tr("S&ummary of the account:"), body)
        self.summary = QPlainTextEdit(body)
        self.summary.setReadOnly(True)
        self.summary.setTabChangesFocus(True)
        self.summary_label.setBuddy(self.summary)
        self.summary.setAccessibleName(plain_label(self.summary_label.text()))
        self.copy_button = QPushButton(self.tr("Copy su&mmary"), body)
        self.copy_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        # Seams for what other parts add to this page: each a section of its own, below.
        self.sections = QVBoxLayout()
        layout = QVBoxLayout(body)
        layout.addWidget(self.status)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.summary, 1)
        layout.addLayout(buttons)
        layout.addLayout(self.sections)
        self.domain = DomainVerdict(worker, engine.check_domain, body)
        self.report = ReportActions(worker, engine.gather_report, self._report_context, body)
        self.sections.addWidget(self.domain)
        self.sections.addWidget(self.report)
        self.copy_button.clicked.connect(self.copy_summary)
        self.use_elsewhere = UseElsewhere(body)  # shown once the account is saved
        self.sections.addWidget(self.use_elsewhere)

    @property
    def saved(self) -> bool:
        return self._backend is not None

    def _show_unsaved_title(self) -> None:
        self.setTitle(self.tr("Save your account"))
        self.setSubTitle(self.tr("The test went through. Nothing is stored until you click Save."))

    def initializePage(self) -> None:
        self._show_unsaved_title()
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Save"))
        self.status.show_text(
            Tone.INFO,
            self.tr(
                "Click Save to keep the password in your system's keychain and save the "
                "account. Nothing has been stored yet."
            ),
        )
        self._show_summary()
        passed = self._draft.tested()
        if passed is not None:
            self.domain.start(passed.address.domain, passed.settings.host)

    def cleanupPage(self) -> None:
        self.abandon()

    def abandon(self) -> None:
        super().abandon()
        self.domain.abandon()
        self.report.abandon()

    def _report_context(self) -> ReportContext | None:
        passed = self._draft.tested()
        if passed is None:
            return None
        return ReportContext(
            passed.address,
            detection=self._draft.detection,
            settings=passed.settings,
            test=passed.outcome,
            secrets=secrets_of(passed.password),
        )

    # -- saving ----------------------------------------------------------------------------

    def save(self) -> None:
        """Store the password and the profile (the wizard's Finish button lands here)."""
        passed = self._draft.tested()
        if passed is None or self.running:
            return
        self.status.show_text(Tone.INFO, self.tr("Saving…"))
        self._enable_finish(enabled=False)
        signed_in = passed.signed_in
        # An OAuth2 account keeps its refresh token; the access token is never stored.
        if signed_in is not None:
            secret = signed_in.tokens.refresh_token or ""
        else:
            assert isinstance(passed.password, str)
            secret = passed.password
        self._start_job(
            partial(self._engine.store, self._profile(passed), secret),
            succeeded=self._on_stored,
            failed=self._on_failed,
            cancelled=self._on_cancelled,
        )

    def _profile(self, passed: TestPassed) -> AccountProfile:
        config = passed.choice.config
        return profile_from_test(
            passed.settings,
            passed.outcome,
            display_name=self._draft.display_name,
            source=config.source if config else None,
            trust=config.trust if config else None,
            when=passed.when,
            oauth=login_for(passed.signed_in) if passed.signed_in else None,
            incoming=passed.incoming,
        )

    @Slot(object)
    def _on_stored(self, stored: StoredAccount) -> None:
        self._job = None
        self._backend = stored.backend
        saved = (
            self.tr("Saved. Your sign-in is kept in {keychain}.")
            if stored.profile.oauth
            else self.tr("Saved. Your password is kept in {keychain}.")
        )
        lines = [saved.format(keychain=stored.backend)]
        for loose in stored.loose_ends:
            lines.append(
                self.tr(
                    "The password this account used before is still in the keychain "
                    "(service {service}, user {username}): {problem}"
                ).format(
                    service=loose.service,
                    username=loose.username,
                    problem=texts.describe_error(loose.error),
                )
            )
        self.setTitle(self.tr("Done"))
        self.setSubTitle(self.tr("Your account is saved and ready to use."))
        self.status.show_text(
            Tone.WARNING if stored.loose_ends else Tone.OK, "\n".join(lines), announce=True
        )
        self._show_summary()
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Close"))
        wizard = self.wizard()
        wizard.setOption(QWizard.WizardOption.DisabledBackButtonOnLastPage, True)
        wizard.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self._enable_finish(enabled=True)
        self.use_elsewhere.show_account(stored.profile)
        self.stored.emit()

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        self._job = None
        self.status.show_text(
            Tone.DANGER,
            self.tr("{problem}\nNothing you entered is lost: click Save to try again.").format(
                problem=texts.describe_error(error)
            ),
            announce=True,
        )
        self._enable_finish(enabled=True)
        self.store_failed.emit()

    @Slot()
    def _on_cancelled(self) -> None:
        self._job = None
        self._enable_finish(enabled=True)

    def _enable_finish(self, *, enabled: bool) -> None:
        self.wizard().button(QWizard.WizardButton.FinishButton).setEnabled(enabled)

    # -- the summary -----------------------------------------------------------------------

    def summary_text(self) -> str:
        return self.summary.toPlainText()

    @Slot()
    def copy_summary(self) -> None:
        QGuiApplication.clipboard().setText(self.summary_text())

    def _show_summary(self) -> None:
        passed = self._draft.tested()
        if passed is None:
            self.summary.clear()
            return
        address = passed.address
        choice = passed.choice
        name = self._draft.display_name
        lines = [
            self.tr("Account: {account}").format(
                account=f"{name} <{address.display}>" if name else address.display
            ),
            self.tr("Outgoing server (SMTP): {host}").format(host=choice.host),
            self.tr("Port: {port}").format(port=choice.port),
            self.tr("Encryption: {security}").format(
                security=texts.security_label(choice.security)
            ),
            self.tr("Username: {username}").format(username=passed.username),
            self.tr("Sign-in method: {method}").format(
                method=passed.outcome.mechanism or self.tr("automatic")
            ),
            self.tr("Settings: {origin}").format(
                origin=(
                    texts.describe_origin(choice.origin, address.domain_display)
                    if choice.origin
                    else self.tr("Entered by you.")
                )
            ),
            self.tr("Tested: {when}, test message sent to {recipient}").format(
                when=texts.date_time(passed.when),
                recipient=passed.recipient,
            ),
        ]
        if passed.pinned_sha256:
            lines.append(
                self.tr("Trusted certificate (SHA-256): {fingerprint}").format(
                    fingerprint=passed.pinned_sha256
                )
            )
        signed_in = passed.signed_in
        if signed_in is not None:
            lines.append(
                self.tr("Signed in with OAuth2 at {issuer}").format(issuer=signed_in.issuer.issuer)
            )
            service = login_for(signed_in).keychain_service
        else:
            service = service_name(choice.host, choice.port)
        if self._backend is None:
            lines.append(self.tr("Password: not stored yet"))
        elif signed_in is not None:
            lines.append(
                self.tr("Sign-in: kept in {keychain} (service {service}, user {username})").format(
                    keychain=self._backend, service=service, username=passed.username
                )
            )
        else:
            lines.append(
                self.tr("Password: kept in {keychain} (service {service}, user {username})").format(
                    keychain=self._backend, service=service, username=passed.username
                )
            )
        self.summary.setPlainText("\n".join(lines))
