"""Page 1, "Your account": name, address and password.

Next is enabled only for an address the engine accepts; while it is not, the reason is shown
right under the field, in the engine's words (through ``texts``).
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget, QWizardPage

from wizard.address import EmailAddress, parse_address
from wizard.errors import InvalidAddressError
from wizard.gui import texts
from wizard.gui.draft import Draft
from wizard.gui.widgets import Notice, PasswordEdit, Tone, chain_tab_order


class AccountPage(QWizardPage):
    def __init__(self, draft: Draft, address: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._draft = draft
        self._parsed: EmailAddress | None = None
        self.setTitle(self.tr("Your account"))
        # Subtitles stay short: the wizard's header does not grow for a third line.
        self.setSubTitle(self.tr("Enter your email address and password."))
        intro = QLabel(
            self.tr(
                "The wizard finds your provider's outgoing-mail server, checks it by sending "
                "you a test message, and keeps the password in your system's keychain."
            ),
            self,
        )
        intro.setWordWrap(True)

        self.name_edit = QLineEdit(self)
        self.name_edit.setAccessibleName(self.tr("Your name"))
        self.name_edit.setPlaceholderText(self.tr("Alice Example"))
        self.address_edit = QLineEdit(address, self)
        self.address_edit.setAccessibleName(self.tr("Email address"))
        self.address_edit.setPlaceholderText(self.tr("alice@example.com"))
        self.address_problem = Notice(self)
        self.password_edit = PasswordEdit(self)
        self.password_edit.setText(draft.password)

        form = QFormLayout()
        form.addRow(self._buddy(self.tr("&Your name:"), self.name_edit), self.name_edit)
        form.addRow(self._buddy(self.tr("&Email address:"), self.address_edit), self.address_edit)
        form.addRow(self.address_problem)
        form.addRow(
            self._buddy(self.tr("&Password:"), self.password_edit.line_edit), self.password_edit
        )
        hint = QLabel(
            self.tr(
                "Some providers need an app password instead of your usual one; "
                "their help pages say how to make one."
            ),
            self,
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addStretch(1)
        chain_tab_order(
            self.name_edit,
            self.address_edit,
            self.password_edit.line_edit,
            self.password_edit.toggle,
        )

        self.address_edit.textChanged.connect(self._check_address)
        self.password_edit.textEdited.connect(draft.set_password)
        draft.password_changed.connect(self.password_edit.setText)
        self._check_address(address)

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(widget)
        return label

    @property
    def problem(self) -> str:
        """Why Next is disabled, as the user reads it; empty when the address is fine."""
        return self.address_problem.text()

    @Slot(str)
    def _check_address(self, text: str) -> None:
        try:
            self._parsed = parse_address(text)
        except InvalidAddressError as error:
            self._parsed = None
            self.address_problem.show_text(Tone.WARNING, texts.describe_error(error))
        else:
            self.address_problem.clear()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self._parsed is not None

    def validatePage(self) -> bool:
        if self._parsed is None:
            return False
        self._draft.display_name = self.name_edit.text().strip()
        self._draft.address = self._parsed
        return True
