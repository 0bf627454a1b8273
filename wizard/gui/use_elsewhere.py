"""The done page's "Use this account in…" section: the saved account's settings for the
programs people send mail with, to copy or save (``wizard.outbound.export``).

It shows only once the account is saved, because every export points at what was saved: the
keychain entry, or ``email-setup-wizard send``. No export holds the password, and the section
says so. An Apple profile and a Thunderbird document set up a whole mail program, which needs
the incoming (IMAP) server too: a field asks for it, and an Apple profile waits for it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wizard.address import parse_address
from wizard.gui.widgets import Notice, Tone, plain_label
from wizard.model import Security
from wizard.outbound.errors import ExportError
from wizard.outbound.export import Export, ExportFormat, export
from wizard.profiles import AccountProfile, IncomingServer

_IMAP_PORT = 993  # IMAP with implicit TLS (RFC 8314), what the field's label promises
_NEEDS_INCOMING = frozenset({ExportFormat.THUNDERBIRD, ExportFormat.MOBILECONFIG})


class UseElsewhere(QWidget):
    """Copy or save the saved account's settings for another program."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._profile: AccountProfile | None = None
        self._export: Export | None = None
        self._dialog: QFileDialog | None = None
        self.heading = QLabel(self.tr("Use this account in…"), self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        bold = self.heading.font()
        bold.setBold(True)
        self.heading.setFont(bold)
        self.intro = QLabel(
            self.tr(
                "Other programs can send through this account too. None of these settings "
                "contains your password: it stays in the keychain."
            ),
            self,
        )
        self.intro.setWordWrap(True)
        self.program_label = QLabel(self.tr("&Program:"), self)
        self.program = QComboBox(self)
        for export_format, label in self._labels().items():
            self.program.addItem(label, export_format)
        self.program_label.setBuddy(self.program)
        self.program.setAccessibleName(plain_label(self.program_label.text()))
        self.where = QLabel(self)
        self.where.setWordWrap(True)
        self.incoming_label = QLabel(self.tr("&Incoming (IMAP) server, port 993:"), self)
        self.incoming = QLineEdit(self)
        self.incoming_label.setBuddy(self.incoming)
        self.incoming.setAccessibleName(plain_label(self.incoming_label.text()))
        self.preview_label = QLabel(self.tr("Settings for this p&rogram:"), self)
        self.preview = QPlainTextEdit(self)
        self.preview.setReadOnly(True)
        self.preview.setTabChangesFocus(True)
        self.preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.preview_label.setBuddy(self.preview)
        self.preview.setAccessibleName(plain_label(self.preview_label.text()))
        self.copy_button = QPushButton(self.tr("C&opy settings"), self)
        self.save_button = QPushButton(self.tr("Save se&ttings…"), self)
        for button in (self.copy_button, self.save_button):
            button.setAutoDefault(False)
        self.status = Notice(self)

        choose = QHBoxLayout()
        choose.addWidget(self.program_label)
        choose.addWidget(self.program, 1)
        incoming = QHBoxLayout()
        incoming.addWidget(self.incoming_label)
        incoming.addWidget(self.incoming, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(choose)
        layout.addWidget(self.where)
        layout.addLayout(incoming)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.preview, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)

        self.program.currentIndexChanged.connect(self._refresh)
        self.incoming.textChanged.connect(self._refresh)
        self.copy_button.clicked.connect(self.copy)
        self.save_button.clicked.connect(self.ask_where_to_save)
        self.hide()

    def _labels(self) -> dict[ExportFormat, str]:
        return {
            ExportFormat.MSMTP: self.tr("msmtp"),
            ExportFormat.GIT: self.tr("git send-email"),
            ExportFormat.MUTT: self.tr("mutt or neomutt"),
            ExportFormat.THUNDERBIRD: self.tr("Thunderbird and others (autoconfig file)"),
            ExportFormat.MOBILECONFIG: self.tr("iPhone, iPad or Mac (Apple profile)"),
            ExportFormat.PYTHON: self.tr("A Python script"),
            ExportFormat.JSON: self.tr("JSON (the saved settings)"),
        }

    def _where(self, export_format: ExportFormat, domain: str) -> str:
        texts = {
            ExportFormat.MSMTP: self.tr(
                "Add this to ~/.msmtprc (readable only by you). msmtp reads the password from "
                "the keychain each time it sends."
            ),
            ExportFormat.GIT: self.tr(
                "Run these commands once in a terminal; git send-email then sends through "
                "this program."
            ),
            ExportFormat.MUTT: self.tr(
                "Add these lines to your muttrc; mutt then sends through this program."
            ),
            ExportFormat.THUNDERBIRD: self.tr(
                "Publish this file at https://autoconfig.{domain}/mail/config-v1.1.xml, and "
                "mail programs set up accounts of {domain} by themselves."
            ),
            ExportFormat.MOBILECONFIG: self.tr(
                "Open this file on the iPhone, iPad or Mac; it asks for the password while it "
                "is installed."
            ),
            ExportFormat.PYTHON: self.tr(
                "Run it with Python (pip install keyring); it reads the password from the "
                "keychain and sends you a message."
            ),
            ExportFormat.JSON: self.tr("The settings as this program saved them, for your tools."),
        }
        return texts[export_format].format(domain=domain)

    # -- showing ---------------------------------------------------------------------------

    def show_account(self, profile: AccountProfile) -> None:
        """Offer ``profile``'s settings (once it is saved). The incoming server the account
        keeps is used unless another is typed, and the empty field says which it is."""
        self._profile = profile
        kept = profile.incoming
        self.incoming.setPlaceholderText(
            self.tr("{host}, port {port}, as the test found it").format(
                host=kept.host, port=kept.port
            )
            if kept is not None
            else self.tr("for example imap.example.com")
        )
        self._refresh()
        self.show()

    @property
    def chosen(self) -> ExportFormat:
        return ExportFormat(self.program.currentData())

    @property
    def text(self) -> str:
        return self.preview.toPlainText()

    @Slot()
    def _refresh(self) -> None:
        profile = self._profile
        if profile is None:
            return
        chosen = self.chosen
        self.where.setText(self._where(chosen, parse_address(profile.address).domain_display))
        for widget in (self.incoming_label, self.incoming):
            widget.setVisible(chosen in _NEEDS_INCOMING)
        host = self.incoming.text().strip()
        incoming = IncomingServer(host, _IMAP_PORT, Security.SSL) if host else None
        try:
            self._export = export(profile, chosen, incoming=incoming)
        except ExportError:
            self._export = None
            self.preview.setPlainText(
                self.tr(
                    "An Apple profile must name the incoming (IMAP) server too: enter it "
                    "above. Your provider's help pages name it."
                )
            )
        else:
            self.preview.setPlainText(self._export.text)
        self.copy_button.setEnabled(self._export is not None)
        self.save_button.setEnabled(self._export is not None)
        self.status.hide()

    # -- copying and saving ----------------------------------------------------------------

    @Slot()
    def copy(self) -> None:
        if self._export is None:
            return
        QGuiApplication.clipboard().setText(self._export.text)
        self.status.show_text(Tone.OK, self.tr("Copied."), announce=True)

    @Slot()
    def ask_where_to_save(self) -> None:
        """Ask where to save, without blocking: the dialog's choice lands in ``save_to``."""
        if self._export is None:
            return
        dialog = QFileDialog(
            self,
            self.tr("Save the settings for {program}").format(program=self.program.currentText()),
            str(Path.home() / self._export.filename),
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.fileSelected.connect(self.save_to)
        dialog.finished.connect(dialog.deleteLater)
        self._dialog = dialog
        dialog.open()

    @Slot(str)
    def save_to(self, path: str) -> None:
        if self._export is None:
            return
        try:
            Path(path).write_bytes(self._export.content)
        except OSError as err:
            self.status.show_text(
                Tone.WARNING,
                self.tr("The settings could not be saved in {path}: {reason}").format(
                    path=path, reason=err.strerror or err
                ),
                announce=True,
            )
            return
        self.status.show_text(Tone.OK, self.tr("Saved in {path}.").format(path=path), announce=True)
