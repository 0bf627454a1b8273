"""Signing in with OAuth2 on the test page: "Sign in with {provider}" in place of the password.

The browser opens at the provider's sign-in page while this panel says what is happening and
offers Cancel and "Use a code instead"; the code, the address to type it at and a QR code of
that address are shown, each copyable (the QR code as a picture), for signing in on a phone or
with a helpdesk. Where the provider also takes a password, "Use a password instead" leads back
to the password field.
The sign-in runs on the engine thread; what it reports comes back to ``@Slot`` methods only.
Controls are created in reading order, which is the Tab order, and are named by their labels.
"""

from __future__ import annotations

import io
from functools import partial
from typing import TYPE_CHECKING

import segno
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from wizard.gui import texts
from wizard.gui.draft import Draft
from wizard.gui.engine import Engine, SignInRequest
from wizard.gui.widgets import CopyableText, Notice, Tone
from wizard.gui.worker import EngineWorker, Job
from wizard.oauth.errors import OAuthError, OAuthProblem
from wizard.oauth.events import BrowserOpened, DeviceCode, MailboxDeclined, Method

if TYPE_CHECKING:
    from wizard.oauth.issuers import Issuer
    from wizard.oauth.results import SignedIn

QR_SCALE = 4  # pixels per QR module: readable by a phone camera off a laptop screen


class SignInPanel(QWidget):
    signed_in = Signal()  # the draft holds a fresh sign-in
    password_chosen = Signal()  # the user would rather type a password
    # No sign-in is possible here (no app registration) and the provider takes a password:
    # why, in the user's words (for Gmail, the app-password route).
    password_needed = Signal(str)

    def __init__(
        self, draft: Draft, worker: EngineWorker, engine: Engine, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._draft = draft
        self._worker = worker
        self._engine = engine
        self._issuer: Issuer | None = None
        self._provider = ""
        self._password_allowed = False
        self._job: Job | None = None
        self._method = Method.BROWSER

        # Created in reading order, which is the Tab order.
        self.sign_in_button = QPushButton(self.tr("Sign &in"), self)
        self.code_button = QPushButton(self.tr("Use a &code instead"), self)
        self.cancel_button = QPushButton(self.tr("Cancel si&gn-in"), self)
        self.password_button = QPushButton(self.tr("Use a pass&word instead"), self)
        for button in (self.code_button, self.cancel_button, self.password_button):
            button.setAutoDefault(False)
        self.status = Notice(self)
        self.address = CopyableText(self.tr("Sign-in address:"), self)
        self.code = CopyableText(self.tr("Code to enter:"), self)
        self.qr = QLabel(self)
        self.qr.setAccessibleName(self.tr("QR code of the sign-in address"))
        # The picture itself, for a chat or a ticket when the person is not in front of it.
        self.qr_copy_button = QPushButton(self.tr("Copy QR code"), self)
        self.qr_copy_button.setAutoDefault(False)

        buttons = QHBoxLayout()
        for button in (self.sign_in_button, self.code_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.password_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.address)
        layout.addWidget(self.code)
        layout.addWidget(self.qr)
        layout.addWidget(self.qr_copy_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.sign_in_button.clicked.connect(self.sign_in)
        self.code_button.clicked.connect(self.use_code)
        self.cancel_button.clicked.connect(self.cancel)
        self.password_button.clicked.connect(self.password_chosen)
        self.qr_copy_button.clicked.connect(self.copy_qr)
        self._show_details(url="", code="")
        self._show_running(running=False)

    @property
    def running(self) -> bool:
        return self._job is not None and self._job.running

    def set_issuer(self, issuer: Issuer, *, password_allowed: bool) -> None:
        """Sign in at ``issuer`` (its name on the button); offer the password when allowed."""
        self._issuer = issuer
        provider = self._provider = issuer.name or issuer.host
        self.sign_in_button.setText(self.tr("Sign &in with {provider}").format(provider=provider))
        self.code_button.setVisible(issuer.device_sign_in or not issuer.built_in)
        self._password_allowed = password_allowed
        self.password_button.setVisible(password_allowed)

    def abandon(self) -> None:
        """The page is left: stop signing in, and hear nothing more of it."""
        if self._job is not None:
            self._job.detach()
            self._job = None
        self._show_running(running=False)

    # -- actions ------------------------------------------------------------------------------

    @Slot()
    def sign_in(self) -> None:
        self._start(Method.BROWSER)

    @Slot()
    def use_code(self) -> None:
        """Sign in with a code instead, stopping a browser sign-in that is waiting."""
        self.abandon()
        self._start(Method.DEVICE)

    @Slot()
    def cancel(self) -> None:
        if self._job is not None and self._job.running:
            self.cancel_button.setEnabled(False)
            self.status.show_text(Tone.INFO, self.tr("Cancelling…"))
            self._job.cancel()

    @Slot()
    def copy_qr(self) -> None:
        QGuiApplication.clipboard().setPixmap(self.qr.pixmap())

    def _start(self, method: Method) -> None:
        address = self._draft.address
        if self._issuer is None or address is None or self.running:
            return
        self._method = method
        self._draft.signed_in = None
        self._show_details(url="", code="")
        request = SignInRequest(self._issuer, method, address.address, texts.sign_in_pages())
        job = self._worker.submit(partial(self._engine.sign_in, request))
        job.progress.connect(self._on_progress)
        job.succeeded.connect(self._on_signed_in)
        job.failed.connect(self._on_failed)
        job.cancelled.connect(self._on_cancelled)
        self._job = job
        waiting = (
            self.tr("Asking for a code…")
            if method is Method.DEVICE
            else self.tr("Opening your browser…")
        )
        self.status.show_text(Tone.INFO, waiting)
        self._show_running(running=True)

    # -- engine signals -----------------------------------------------------------------------

    @Slot(object)
    def _on_progress(self, event: object) -> None:
        if isinstance(event, BrowserOpened):
            said = self.tr(
                "Finish signing in in your browser ({provider}). If no browser opened, "
                "open the address below."
            ).format(provider=self._provider)
            details: dict[str, str] | None = {"url": event.url, "code": ""}
        elif isinstance(event, MailboxDeclined):
            said = self.tr(
                "{provider} does not allow reading your mailbox, so signing in again for "
                "sending only; arrival will not be checked."
            ).format(provider=self._provider)
            details = None
        elif isinstance(event, DeviceCode):
            said = self.tr(
                "On any device, open the address below (or scan the QR code) and enter "
                "the code {code}."
            ).format(code=event.user_code)
            details = {
                "url": event.verification_uri,
                "code": event.user_code,
                "qr": event.verification_uri_complete or event.verification_uri,
            }
        else:
            return
        self.status.show_text(Tone.INFO, said, announce=True)
        if details is not None:
            self._show_details(**details)

    @Slot(object)
    def _on_signed_in(self, signed: SignedIn) -> None:
        self._job = None
        self._draft.signed_in = signed
        self._show_details(url="", code="")
        self.status.show_text(
            Tone.OK, self.tr("Signed in. Sending the test message…"), announce=True
        )
        self._show_running(running=False)
        self.signed_in.emit()

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        self._job = None
        self._show_running(running=False)
        no_client = isinstance(error, OAuthError) and error.problem is OAuthProblem.NO_CLIENT
        if no_client and self._password_allowed:
            self.status.clear()
            self.password_needed.emit(texts.describe_error(error))
            return
        self.status.show_text(Tone.DANGER, texts.describe_error(error), announce=True)

    @Slot()
    def _on_cancelled(self) -> None:
        self._job = None
        self._show_details(url="", code="")
        self.status.show_text(
            Tone.INFO, self.tr("Signing in was cancelled. Nothing was stored."), announce=True
        )
        self._show_running(running=False)

    # -- showing ------------------------------------------------------------------------------

    def _show_running(self, *, running: bool) -> None:
        self.sign_in_button.setEnabled(not running)
        self.code_button.setEnabled(not running or self._method is Method.BROWSER)
        self.cancel_button.setEnabled(running)
        self.password_button.setEnabled(not running)

    def _show_details(self, *, url: str, code: str, qr: str = "") -> None:
        self.address.set_text(url)
        self.code.set_text(code)
        self.address.setVisible(bool(url))
        self.code.setVisible(bool(code))
        self.qr.setVisible(bool(qr))
        self.qr_copy_button.setVisible(bool(qr))
        self.qr.setPixmap(_qr_pixmap(qr) if qr else QPixmap())


def _qr_pixmap(text: str) -> QPixmap:
    """``text`` as a QR code picture (segno draws it; Qt only loads the PNG)."""
    png = io.BytesIO()
    segno.make(text, error="m").save(png, kind="png", scale=QR_SCALE, border=4)
    pixmap = QPixmap()
    pixmap.loadFromData(png.getvalue(), "PNG")
    return pixmap
