"""Page 1, "Your account": name, address and password.

Next is enabled only for an address the engine accepts. While it is not, the reason is shown
right under the field, in the engine's words (through ``texts``), but only once the user has
typed something: an empty first page does not greet anyone with an error.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget, QWizardPage

from wizard.address import EmailAddress, parse_address
from wizard.errors import InvalidAddressError
from wizard.gui import texts
from wizard.gui.draft import Draft
from wizard.gui.widgets import Notice, PasswordEdit, Tone, is_return, page_body, plain_label
from wizard.oauth.issuers import bundled_plan


class AccountPage(QWizardPage):
    def __init__(self, draft: Draft, address: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._draft = draft
        self._parsed: EmailAddress | None = None
        self._typed = bool(address)  # an address given on the command line counts as typed
        self.setTitle(self.tr("Your account"))
        # Subtitles stay short: the wizard's header does not grow for a third line.
        self.setSubTitle(self.tr("Enter your email address and password."))
        body = page_body(self)
        intro = QLabel(
            self.tr(
                "The wizard finds your provider's outgoing-mail server, checks it by sending "
                "you a test message, and keeps the password in your system's keychain."
            ),
            body,
        )
        intro.setWordWrap(True)

        # Created in reading order, which is the Tab order.
        self.name_edit = QLineEdit(body)
        self.address_edit = QLineEdit(address, body)
        self.address_problem = Notice(body)
        self.password_edit = PasswordEdit(body)
        self.password_edit.setText(draft.password)
        # Where the provider signs its users in (Microsoft, Google...): said before detection.
        self.sign_in_note = Notice(body)
        hint = QLabel(
            self.tr(
                "Some providers need an app password instead of your usual one; "
                "their help pages say how to make one."
            ),
            body,
        )
        hint.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self._buddy(self.tr("&Your name:"), self.name_edit, body), self.name_edit)
        form.addRow(
            self._buddy(self.tr("&Email address:"), self.address_edit, body), self.address_edit
        )
        form.addRow(self.address_problem)
        self.password_label = self._buddy(self.tr("&Password:"), self.password_edit.line_edit, body)
        form.addRow(self.password_label, self.password_edit)
        form.addRow(self.sign_in_note)
        layout = QVBoxLayout(body)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addStretch(1)

        # textChanged, not textEdited: text set by a password manager or through the
        # accessibility API counts as much as typed text.
        self.address_edit.textChanged.connect(self._address_changed)
        self.password_edit.textChanged.connect(draft.set_password)
        draft.password_changed.connect(self.password_edit.setText)
        self._check_address(address)

    @staticmethod
    def _buddy(text: str, widget: QWidget, parent: QWidget) -> QLabel:
        """The field's visible label, which is also its accessible name."""
        label = QLabel(text, parent)
        label.setBuddy(widget)
        widget.setAccessibleName(plain_label(text))
        return label

    @property
    def problem(self) -> str:
        """Why Next is disabled, as the user reads it; empty when the address is fine or
        nothing has been typed yet."""
        return self.address_problem.text()

    @Slot(str)
    def _address_changed(self, text: str) -> None:
        self._typed = True
        self._check_address(text)

    def _check_address(self, text: str) -> None:
        try:
            self._parsed = parse_address(text)
        except InvalidAddressError as error:
            self._parsed = None
            if self._typed:
                self.address_problem.show_text(Tone.WARNING, texts.describe_error(error))
        else:
            self.address_problem.clear()
        self._show_sign_in(self._parsed)
        self.completeChanged.emit()

    def _show_sign_in(self, address: EmailAddress | None) -> None:
        """For a provider the bundled database knows to sign its users in with OAuth2: say
        so, and where it takes no password, show no password field."""
        plan = bundled_plan(address) if address is not None else None
        issuer = plan.issuer if plan is not None and plan.offered else None
        required = plan is not None and plan.required and issuer is not None
        self.password_label.setVisible(not required)
        self.password_edit.setVisible(not required)
        if issuer is None:
            self.sign_in_note.clear()
        elif required:
            self.sign_in_note.show_text(
                Tone.INFO,
                self.tr(
                    "{provider} asks you to sign in on its own page, after the settings are "
                    "found: no password is needed here."
                ).format(provider=issuer.name),
            )
        else:
            self.sign_in_note.show_text(
                Tone.INFO,
                self.tr(
                    "You can sign in with {provider} after the settings are found, instead of "
                    "typing a password here."
                ).format(provider=issuer.name),
            )

    def isComplete(self) -> bool:
        return self._parsed is not None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Return while the address cannot be used says why (Next is disabled, so Return
        would do nothing, and a screen reader user would hear nothing)."""
        if is_return(event) and self._parsed is None:
            try:
                parse_address(self.address_edit.text())
            except InvalidAddressError as error:
                self._typed = True
                problem = texts.describe_error(error)
                self.address_problem.show_text(Tone.WARNING, problem, announce=True)
            event.accept()
        else:
            super().keyPressEvent(event)

    def validatePage(self) -> bool:
        if self._parsed is None:
            return False
        self._draft.display_name = self.name_edit.text().strip()
        self._draft.address = self._parsed
        return True
