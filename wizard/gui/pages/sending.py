"""Page 4, "Test": log in and send a real message, step by step, with the server's replies.

The page cannot be left forwards without a test that went through with exactly the settings,
address and password entered now: changing any of them after a pass means testing again. A
failure is explained in plain words with what to try, and Back leads to the settings. A
certificate that does not verify is shown (what was wrong, the full fingerprint to compare);
the user may trust that one certificate with its own button, which sends again.

A test message to the user's own address is then watched for in the mailbox (the last step,
"Arrived in your mailbox"): where it landed, after how long, and what the receiving server's
SPF, DKIM and DMARC checks said (``wizard.delivery``). Next does not wait for it; Cancel stops
the wait.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wizard.address import EmailAddress, parse_address
from wizard.delivery.after_send import AfterSend
from wizard.delivery.result import DEFAULT_TIMEOUT, DeliveryResult
from wizard.errors import InvalidAddressError
from wizard.gui import texts
from wizard.gui.certificate import CertificatePanel
from wizard.gui.delivery import DeliveryPanel
from wizard.gui.draft import Draft, ServerChoice, TestPassed
from wizard.gui.engine import Engine, SignInRenewed, StageBegun, WatchBegun
from wizard.gui.pages.base import EnginePage
from wizard.gui.report_actions import ReportActions, secrets_of
from wizard.gui.signin import SignInPanel
from wizard.gui.widgets import Notice, PasswordEdit, Tone, page_body, plain_label
from wizard.gui.worker import EngineWorker
from wizard.model import Security
from wizard.oauth.errors import OAuthError, OAuthProblem
from wizard.oauth.issuers import plan_sign_in, with_name
from wizard.oauth.results import bearer_for
from wizard.presets_rules import PresetRefusedError, SignInRule, enforce, sign_in_rule
from wizard.printable import printable
from wizard.reporting.context import ReportContext
from wizard.smtp.diagnosis import Diagnosis
from wizard.smtp.send import Reply, SendSettings, Stage, TestOutcome

if TYPE_CHECKING:
    from wizard.oauth.issuers import Issuer
    from wizard.oauth.results import SignedIn


class _Step:
    """The rows the user sees; the engine's finer stages fold into them."""

    CONNECT = 0
    SECURE = 1
    LOGIN = 2
    SEND = 3
    AFTER = 4  # past the last send row: the message was accepted
    ARRIVED = 4  # the row after the send's: the delivery confirmation


@dataclass(frozen=True)
class _Attempt:
    """One test as it was started: what a pass will vouch for, whatever is edited meanwhile."""

    choice: ServerChoice
    address: EmailAddress
    password: str | SignedIn = field(repr=False)  # what the test logs in with
    settings: SendSettings
    sent_at: float  # time.monotonic() as it started, for how long the message took


def _row(stage: Stage, security: Security) -> int:
    """The row a stage belongs to. The greeting comes with connecting, except under implicit
    TLS, where it is the first thing said over the secured connection."""
    if stage is Stage.GREETING:
        return _Step.SECURE if security is Security.SSL else _Step.CONNECT
    return {
        Stage.CONNECT: _Step.CONNECT,
        Stage.TLS: _Step.SECURE,
        Stage.AUTH: _Step.LOGIN,
        Stage.SEND: _Step.SEND,
        Stage.DONE: _Step.AFTER,
    }[stage]


def _sign_in_target(
    choice: ServerChoice, rule: SignInRule, *, oauth_chosen: bool
) -> tuple[Issuer, bool] | None:
    """Where the test signs in, and whether a password is allowed instead; None for a password
    test: no trusted issuer for these settings, the user chose a password where allowed, or
    the organisation allows no OAuth2. Where it allows no password, OAuth2 is the only way."""
    config = choice.config
    if config is None or not rule.oauth2:
        return None
    plan = plan_sign_in(config)
    required = plan.required or not rule.password
    offered = plan.offered or not rule.password
    if not offered or plan.issuer is None or not (oauth_chosen or required):
        return None
    # The wizard always looks for the test message afterwards: the sign-in asks for reading
    # the mailbox too (and signs in for sending alone if that is refused).
    issuer = replace(with_name(plan.issuer, config.provider), with_mailbox=True)
    return issuer, plan.password_offered and rule.password


def _no_client_here(issuer: Issuer) -> str | None:
    """Why signing in at a built-in issuer cannot work on this computer: no app registration
    is configured for it (a preset or a registrations file; a built-in issuer offers no
    dynamic registration). None where one is, or where the issuer's metadata may offer
    registration. Reads small local files only."""
    if not issuer.built_in:
        return None
    from wizard.oauth.clients import configured_client

    if configured_client(issuer.issuer) is not None:
        return None
    return texts.describe_error(OAuthError(OAuthProblem.NO_CLIENT, issuer.issuer))


class SendPage(EnginePage):
    finished = Signal()  # a test ended: passed, failed, or cancelled
    confirmed = Signal()  # the delivery confirmation after a pass ended (or was stopped)

    def __init__(
        self, draft: Draft, worker: EngineWorker, engine: Engine, parent: QWidget | None = None
    ) -> None:
        super().__init__(draft, worker, engine, parent)
        self._outcome: TestOutcome | None = None
        self._attempt: _Attempt | None = None  # the test running, or the last one
        self._current = _Step.CONNECT  # the row of the stage running now
        self._own_address = ""  # the recipient filled in by default
        self._oauth_chosen = True  # OAuth2 where the provider offers it, until "Use a password"
        self._confirming = False  # the page's job is the delivery confirmation
        self.setTitle(self.tr("Test"))
        self.setSubTitle(self.tr("Log in and send a real test message, so you know it works."))

        body = page_body(self)

        # Created in reading order, which is the Tab order.
        self.recipient_edit = QLineEdit(body)
        self.recipient_problem = Notice(body)
        self.password_edit = PasswordEdit(body)
        # In place of the password, where the provider signs its users in with OAuth2.
        self.sign_in = SignInPanel(draft, worker, engine, body)
        self.sign_in.hide()  # until a provider that signs its users in is chosen
        # Why there is a password field and no sign-in: no app registration (Gmail: an app
        # password), or sign-in addresses from an untrusted source, ignored.
        self.sign_in_note = Notice(body)
        self._oauth = False  # the test signs in with OAuth2 rather than a password
        self.send_button = QPushButton(self.tr("&Send test message"), body)
        self.cancel_button = QPushButton(self.tr("Cancel t&est"), body)
        self.cancel_button.setAutoDefault(False)
        self.steps_label = QLabel(self.tr("Steps of the test:"), body)
        self.steps = QListWidget(body)
        self.steps.setAccessibleName(plain_label(self.steps_label.text()))
        self.steps.setWordWrap(True)
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.steps.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.steps_label.setBuddy(self.steps)
        self._names = [
            texts.stage_label(stage) for stage in (Stage.CONNECT, Stage.TLS, Stage.AUTH, Stage.SEND)
        ]
        self._names.append(self.tr("Arrived in your mailbox"))
        self._items = [QListWidgetItem(name, self.steps) for name in self._names]
        self._states: list[tuple[str, Reply | None]] = [("", None)] * len(self._items)
        # The five steps always show in full (room for a wrapped reply too), whatever notice
        # appears below them; the notices (the verdict runs to several lines) get the rest.
        self.steps.setFixedHeight(self.fontMetrics().lineSpacing() * 8)
        self.result = Notice(body)
        self.certificate = CertificatePanel(body)
        # Seam: a later step (delivery confirmation) adds its section here.
        self.sections = QVBoxLayout()
        self.delivery = DeliveryPanel(body)
        self.sections.addWidget(self.delivery)

        form = QFormLayout()
        recipient_label = QLabel(self.tr("Send &to:"), body)
        recipient_label.setBuddy(self.recipient_edit)
        self.recipient_edit.setAccessibleName(plain_label(recipient_label.text()))
        form.addRow(recipient_label, self.recipient_edit)
        form.addRow(self.recipient_problem)
        self.password_label = QLabel(self.tr("&Password:"), body)
        self.password_label.setBuddy(self.password_edit.line_edit)
        self.password_edit.setAccessibleName(plain_label(self.password_label.text()))
        form.addRow(self.password_label, self.password_edit)
        form.addRow(self.sign_in)
        form.addRow(self.sign_in_note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(body)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.steps_label)
        layout.addWidget(self.steps)
        layout.addWidget(self.result)
        layout.addWidget(self.certificate)
        layout.addLayout(self.sections)
        self.report = ReportActions(worker, engine.gather_report, self._report_context, body)
        self.report.hide()  # until a test has ended: then there is something to report
        self.sections.addWidget(self.report)
        layout.addStretch(1)

        self.recipient_edit.textChanged.connect(self._check_recipient)
        self.password_edit.textChanged.connect(draft.set_password)
        draft.password_changed.connect(self.password_edit.setText)
        draft.password_changed.connect(self._password_changed)
        self.send_button.clicked.connect(self.send)
        self.sign_in.signed_in.connect(self._signed_in)
        self.sign_in.password_chosen.connect(self._use_password)
        self.sign_in.password_needed.connect(self._password_needed)
        self.cancel_button.clicked.connect(self.cancel)
        self.certificate.trust_requested.connect(self.trust_and_send)

    # -- QWizardPage -----------------------------------------------------------------------

    def initializePage(self) -> None:
        self.report.setVisible(self._outcome is not None)
        address = self._draft.address
        choice = self._draft.choice
        assert address is not None, "the account page sets it"
        assert choice is not None, "the settings page sets it"
        # The user's own address, unless they typed another one.
        if self.recipient_edit.text() in ("", self._own_address):
            self.recipient_edit.setText(address.address)
        self._own_address = address.address
        self.password_edit.setText(self._draft.password)
        self._choose_sign_in(choice)
        if self._draft.tested() is not None:
            return  # back again to what already passed: nothing to redo
        self._draft.passed = None
        sent = self._attempt.settings if self._attempt else None
        if sent is not None and (sent.host, sent.port) != (choice.host, choice.port):
            self._draft.pinned_sha256 = None  # a pin belongs to one server
        self._reset()
        self.send_button.setFocus()

    def cleanupPage(self) -> None:
        """Back to the settings: a test still running is for settings about to change."""
        self._stop_confirming()
        self.abandon()
        self.sign_in.abandon()
        self._show_running(running=False)

    def _choose_sign_in(self, choice: ServerChoice) -> None:
        """Sign in with OAuth2 where the provider's trusted data says so (and a password only
        where it also allows one and the user chose it), else show the password field."""
        rule = sign_in_rule(self._draft.preset)
        target = _sign_in_target(choice, rule, oauth_chosen=self._oauth_chosen)
        no_client = _no_client_here(target[0]) if target is not None else None
        if target is not None and no_client is not None and target[1]:
            target = None  # the password field stays (Gmail: an app password), with why
        self._oauth = target is not None
        if target is not None:
            issuer, password_allowed = target
            self.sign_in.set_issuer(issuer, password_allowed=password_allowed)
        else:
            self._draft.signed_in = None
        self.sign_in.setVisible(self._oauth)
        self.password_label.setVisible(not self._oauth)
        self.password_edit.setVisible(not self._oauth)
        ignored = plan_sign_in(choice.config).ignored if choice.config is not None else ()
        if no_client is not None:
            self.sign_in_note.show_text(Tone.WARNING, no_client)
        elif ignored:
            self.sign_in_note.show_text(Tone.WARNING, texts.describe_ignored_sign_in(ignored))
        else:
            self.sign_in_note.clear()

    @Slot()
    def _signed_in(self) -> None:
        """Signed in: send the test with the new sign-in at once."""
        self.send()

    @Slot()
    def _use_password(self) -> None:
        self._oauth_chosen = False
        choice = self._draft.choice
        if choice is not None:
            self._choose_sign_in(choice)
        self._draft.passed = None
        self._reset()
        self.password_edit.setFocus()
        self.completeChanged.emit()

    @Slot(str)
    def _password_needed(self, why: str) -> None:
        """Signing in is not possible here, and the provider takes a password: the password
        field, and why."""
        self._use_password()
        self.sign_in_note.show_text(Tone.WARNING, why, announce=True)

    def isComplete(self) -> bool:
        return self._draft.tested() is not None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Return sends the test until one has passed, then goes Next as on every page;
        while the recipient cannot be used, it says why.

        The wizard's Next button is the dialog's default even while disabled, so Return needs
        this help to reach "Send test message".
        """
        wants_send = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.isComplete()
        if wants_send and self.send_button.isEnabled():
            self.send()
        elif wants_send and not self.running and self._recipient() is None:
            # Send is disabled: say why, or a screen reader user would hear nothing.
            problem = self.recipient_problem.text()
            self.recipient_problem.show_text(Tone.WARNING, problem, announce=True)
        else:
            super().keyPressEvent(event)

    # -- the test --------------------------------------------------------------------------

    @Slot()
    def send(self) -> None:
        """Start a test with the settings, recipient and password as they are now (a wait for
        the last test's message ends: it is the new test's that counts)."""
        self._stop_confirming()
        address, choice = self._draft.address, self._draft.choice
        recipient = self._recipient()
        if self.running or address is None or choice is None or recipient is None:
            return
        if self._oauth and self._draft.signed_in is None:
            return  # the sign-in comes first; it sends the test when it is done
        subject, body = texts.words_of_test_message()
        settings = SendSettings(
            host=choice.host,
            port=choice.port,
            security=choice.security,
            username=choice.username,
            address=address.address,
            display_name=self._draft.display_name,
            recipient=recipient,
            allow_plaintext=choice.allow_plaintext,
            pinned_sha256=self._draft.pinned_sha256,
            auth_method=choice.auth_method or None,
            subject=subject,
            body=body,
        )
        self._draft.passed = None
        self._reset()
        try:  # the organisation's rules, before anything is sent: in its own words
            settings = enforce(self._draft.preset, address, settings, oauth2=self._oauth)
        except PresetRefusedError as refusal:
            self.result.show_text(Tone.DANGER, texts.describe_error(refusal), announce=True)
            return
        self._attempt = _Attempt(choice, address, self._draft.secret, settings, time.monotonic())
        self._start_job(
            partial(self._engine.send, settings, self._attempt.password),
            progress=self._on_step,
            succeeded=self._on_outcome,
            failed=self._on_error,
            cancelled=self._on_cancelled,
        )
        self._show_running(running=True)
        self.completeChanged.emit()

    @Slot()
    def cancel(self) -> None:
        if self._confirming:
            self._cancel_job(self.cancel_button, self.delivery, self.tr("Stopping the wait…"))
        else:
            self._cancel_job(self.cancel_button, self.result, self.tr("Cancelling…"))

    # -- engine signals --------------------------------------------------------------------

    @Slot(object)
    def _on_step(self, step: StageBegun | SignInRenewed) -> None:
        """A stage began: the rows before it are done, the reply so far belongs to the row
        that was running when it came, and the stage's own row is now running."""
        if self._attempt is None:
            return
        if isinstance(step, SignInRenewed):
            self._renewed(step)
            return
        stage, reply = step.stage, step.reply
        security = self._attempt.settings.security
        row = _row(stage, security)
        if stage is Stage.CONNECT:  # the first connection, or again to read a certificate
            self._clear_steps()
            self._current = _Step.CONNECT
        if reply is not None:
            self._mark(self._current, self.tr("working…"), reply)
        for passed in range(self._current, row):
            skipped = passed == _Step.SECURE and security is Security.NONE
            self._mark(passed, self.tr("skipped: no encryption") if skipped else self.tr("done"))
        if row < _Step.AFTER:
            self._mark(row, self.tr("working…"))
        self._current = row

    def _renewed(self, renewed: SignInRenewed) -> None:
        """The test refreshed the sign-in: from now on it is the sign-in tested, and the one
        Save stores (the refresh token it replaced may already be spent)."""
        assert self._attempt is not None
        self._attempt = replace(self._attempt, password=renewed.signed_in)
        self._draft.signed_in = renewed.signed_in

    @Slot(object)
    def _on_outcome(self, outcome: TestOutcome) -> None:
        self._job = None
        self.report.show()
        self._outcome = outcome
        if outcome.ok and self._attempt is not None:
            self._passed(outcome, self._attempt)
        else:
            self._failed(outcome)
        self._show_running(running=False)
        self.completeChanged.emit()
        self.finished.emit()

    @Slot(object)
    def _on_error(self, error: BaseException) -> None:
        self._job = None
        if isinstance(error, OAuthError) and error.problem is OAuthProblem.SIGN_IN_AGAIN:
            self._draft.signed_in = None  # "Sign in with …" is offered again
        self.result.show_text(Tone.DANGER, texts.describe_error(error), announce=True)
        self._show_running(running=False)
        self.finished.emit()

    @Slot()
    def _on_cancelled(self) -> None:
        self._job = None
        if self._current < _Step.AFTER:
            self._mark(self._current, self.tr("cancelled"))
        self.result.show_text(
            Tone.INFO,
            self.tr("Test cancelled. Send it again, or go Back to the settings."),
            announce=True,
        )
        self._show_running(running=False)
        self.finished.emit()

    def _passed(self, outcome: TestOutcome, attempt: _Attempt) -> None:
        """Record exactly what passed; the account is built from it when it is saved."""
        passed = TestPassed(
            choice=attempt.choice,
            address=attempt.address,
            password=attempt.password,
            settings=attempt.settings,
            outcome=outcome,
            when=datetime.now(UTC),
        )
        lines = [
            self.tr("The server accepted the test message for {recipient}.").format(
                recipient=passed.recipient
            )
        ]
        if passed.username != attempt.settings.username:
            lines.append(
                self.tr("The login worked with the username {username}.").format(
                    username=passed.username
                )
            )
        self.result.show_text(Tone.OK, "\n".join(lines), announce=True)
        self._draft.passed = passed
        self._confirm(attempt, outcome)

    # -- the delivery confirmation -----------------------------------------------------------

    def _confirm(self, attempt: _Attempt, outcome: TestOutcome) -> None:
        """Watch for the test message in the mailbox, as the page's job, while the page stays
        usable: Next, or changing anything, does not wait for it."""
        secret = attempt.password
        login = secret if isinstance(secret, str) else bearer_for(secret)
        send = AfterSend(attempt.settings, outcome, login, attempt.sent_at, DEFAULT_TIMEOUT)
        self._mark(_Step.ARRIVED, self.tr("looking for the incoming-mail server…"))
        self._confirming = True
        self._start_job(
            partial(self._engine.confirm, attempt.address, send),
            progress=self._on_watch,
            succeeded=self._on_delivery,
            failed=self._on_delivery_error,
            cancelled=self._on_delivery_cancelled,
        )

    @Slot(object)
    def _on_watch(self, watch: WatchBegun) -> None:
        self._mark(_Step.ARRIVED, self.tr("waiting at {server}…").format(server=watch.server))
        self.delivery.waiting(watch.server, watch.timeout)

    @Slot(object)
    def _on_delivery(self, result: DeliveryResult) -> None:
        self._mark(_Step.ARRIVED, self.delivery.step_status(result))
        self.delivery.show_result(result)
        passed = self._draft.passed
        if passed is not None and result.server is not None:  # the account keeps it
            self._draft.passed = replace(passed, incoming=result.server)
        self._confirmation_ended()

    @Slot(object)
    def _on_delivery_error(self, error: BaseException) -> None:
        self._mark(_Step.ARRIVED, self.tr("could not be checked"))
        self.delivery.show_text(Tone.WARNING, texts.describe_error(error), announce=True)
        self._confirmation_ended()

    @Slot()
    def _on_delivery_cancelled(self) -> None:
        self._mark(_Step.ARRIVED, self.tr("stopped"))
        self.delivery.show_text(
            Tone.INFO, self.tr("Stopped waiting for the test message."), announce=True
        )
        self._confirmation_ended()

    def _confirmation_ended(self) -> None:
        self._job = None
        self._confirming = False
        self._show_running(running=False)
        self.confirmed.emit()

    def _stop_confirming(self) -> None:
        """What the confirmation watches for no longer matters (settings or password changed,
        a new test): stop it and hear nothing more from it."""
        if self._confirming:
            self.abandon()
            self._confirming = False

    def _failed(self, outcome: TestOutcome) -> None:
        security = self._attempt.settings.security if self._attempt else Security.SSL
        row = min(_row(outcome.stage, security), _Step.SEND)
        self._mark(row, self.tr("failed"), outcome.reply)
        for later in range(row + 1, _Step.ARRIVED + 1):
            self._mark(later, self.tr("not reached"))
        if outcome.diagnosis is None:
            happened, remedy = self.tr("The test did not go through."), ""
        else:
            happened, remedy = texts.describe_diagnosis(outcome.diagnosis)
        self.result.show_text(
            Tone.DANGER,
            "\n".join(
                line
                for line in (happened, remedy, self.tr("Use Back to change the settings."))
                if line
            ),
            announce=True,
        )
        certificate = outcome.certificate
        # A certificate the organisation did not pin cannot be trusted here: no button for it.
        pinned_elsewhere = outcome.diagnosis is Diagnosis.CERTIFICATE_NOT_PINNED
        if certificate is not None and not certificate.verified and not pinned_elsewhere:
            self.certificate.show_certificate(certificate)

    @Slot()
    def trust_and_send(self) -> None:
        """Pin exactly the certificate shown, then send again with it."""
        certificate = self._outcome.certificate if self._outcome else None
        if certificate is None or certificate.sha256 != self.certificate.sha256:
            return
        self._draft.pinned_sha256 = certificate.sha256
        self.send()

    @Slot(str)
    def _password_changed(self, _password: str) -> None:
        """A password edited after a pass (here, or back on the first page) is untested."""
        if self._draft.passed is None or self._draft.tested() is not None:
            return
        self._stop_confirming()
        self._draft.passed = None
        self._reset()
        self.result.show_text(
            Tone.INFO,
            self.tr("The password has changed since the test: send the test message again."),
        )
        self.completeChanged.emit()

    # -- drawing ---------------------------------------------------------------------------

    def _recipient(self) -> str | None:
        try:
            return parse_address(self.recipient_edit.text()).address
        except InvalidAddressError:
            return None

    @Slot(str)
    def _check_recipient(self, text: str) -> None:
        try:
            parse_address(text)
        except InvalidAddressError as error:
            self.recipient_problem.show_text(Tone.WARNING, texts.describe_error(error))
        else:
            self.recipient_problem.clear()
        self._show_running(running=self.running)

    def _mark(self, row: int, status: str, reply: Reply | None = None) -> None:
        """A step's line: its name, how it went, and the first line of the server's reply."""
        _, known = self._states[row]
        self._states[row] = (status, reply or known)
        self._draw(row)

    def _draw(self, row: int) -> None:
        status, reply = self._states[row]
        text = self._names[row]
        if status:
            text = self.tr("{step}: {status}").format(step=text, status=status)
        if reply is not None:
            first_line = printable(reply.text.partition("\n")[0])
            text = self.tr("{step}. The server replied: {reply}").format(
                step=text, reply=f"{reply.code} {first_line}"
            )
        self._items[row].setText(text)

    def _clear_steps(self) -> None:
        for row in range(len(self._items)):
            self._states[row] = ("", None)
            self._draw(row)

    def abandon(self) -> None:
        super().abandon()
        self.report.abandon()

    def _report_context(self) -> ReportContext | None:
        """The last test as it was run, with what detection found."""
        attempt = self._attempt
        if attempt is None:
            return None
        return ReportContext(
            attempt.address,
            detection=self._draft.detection,
            settings=attempt.settings,
            test=self._outcome,
            secrets=secrets_of(attempt.password),
        )

    def _reset(self) -> None:
        self._outcome = None
        self._current = _Step.CONNECT
        self._clear_steps()
        self.result.clear()
        self.certificate.clear()
        self.delivery.clear()
        self._show_running(running=False)

    def _show_running(self, *, running: bool) -> None:
        """``running``: a test is being sent. The delivery confirmation after it leaves the
        page usable: Cancel stops the wait, and Send starts a new test in its place."""
        running = running and not self._confirming
        signed_in = not self._oauth or self._draft.signed_in is not None
        self.send_button.setEnabled(not running and signed_in and self._recipient() is not None)
        self.cancel_button.setEnabled(running or self._confirming)
        self.recipient_edit.setReadOnly(running)
        self.password_edit.setEnabled(not running)
        self.certificate.trust_button.setEnabled(not running)
