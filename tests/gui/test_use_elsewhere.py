"""The done page's "Use this account in…" section, as a person uses it: choose a program,
read where the settings go, copy them or save them through the real file dialog."""

from __future__ import annotations

import plistlib
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QWizard

from tests.gui.canned import Canned
from tests.gui.test_pages import click, to_test_passed
from wizard.clientconfig import parse_client_config
from wizard.gui.use_elsewhere import UseElsewhere
from wizard.gui.wizard import SetupWizard
from wizard.model import Security
from wizard.outbound.export import ExportFormat, export
from wizard.profiles import AccountProfile, IncomingServer

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from wizard.gui.i18n import Translations
    from wizard.gui.worker import EngineWorker

PROFILE = AccountProfile(
    "Alice Example", "alice@example.test", "smtp.example.test", 587, Security.STARTTLS,
    "alice@example.test", auth_method="PLAIN",
)  # fmt: skip


@pytest.fixture
def section(qtbot: QtBot, translations: Translations) -> UseElsewhere:
    widget = UseElsewhere()
    qtbot.addWidget(widget)
    widget.show_account(PROFILE)
    return widget


def choose(section: UseElsewhere, export_format: ExportFormat) -> None:
    section.program.setCurrentIndex(section.program.findData(export_format))


def test_it_shows_only_once_an_account_is_saved(qtbot: QtBot, translations: Translations) -> None:
    widget = UseElsewhere()
    qtbot.addWidget(widget)

    assert widget.isHidden()
    widget.show_account(PROFILE)
    assert not widget.isHidden()


def test_every_program_is_offered_with_what_it_reads(section: UseElsewhere) -> None:
    offered = [section.program.itemData(i) for i in range(section.program.count())]
    assert offered == list(ExportFormat)

    for export_format in (ExportFormat.MSMTP, ExportFormat.GIT, ExportFormat.PYTHON):
        choose(section, export_format)
        assert section.text == export(PROFILE, export_format).text
        assert section.copy_button.isEnabled() and section.save_button.isEnabled()
        assert section.where.text()


def test_an_apple_profile_waits_for_the_incoming_server(section: UseElsewhere) -> None:
    choose(section, ExportFormat.MOBILECONFIG)

    assert section.incoming.isVisibleTo(section)
    assert "incoming (IMAP) server" in section.text
    assert not section.copy_button.isEnabled() and not section.save_button.isEnabled()

    section.incoming.setText("imap.example.test")

    [mail] = plistlib.loads(section.text.encode())["PayloadContent"]
    assert mail["IncomingMailServerHostName"] == "imap.example.test"
    assert mail["IncomingMailServerPortNumber"] == 993
    assert section.save_button.isEnabled()


def test_an_apple_profile_takes_the_incoming_server_the_account_keeps(
    section: UseElsewhere,
) -> None:
    kept = IncomingServer("mail.example.test", 143, Security.STARTTLS)
    section.show_account(replace(PROFILE, incoming=kept))
    choose(section, ExportFormat.MOBILECONFIG)

    assert section.incoming.placeholderText() == "mail.example.test, port 143, as the test found it"
    [mail] = plistlib.loads(section.text.encode())["PayloadContent"]
    assert (mail["IncomingMailServerHostName"], mail["IncomingMailServerPortNumber"]) == (
        "mail.example.test",
        143,
    )
    assert section.copy_button.isEnabled() and section.save_button.isEnabled()

    section.incoming.setText("imap.example.test")  # typed: that one, on port 993

    [mail] = plistlib.loads(section.text.encode())["PayloadContent"]
    assert (mail["IncomingMailServerHostName"], mail["IncomingMailServerPortNumber"]) == (
        "imap.example.test",
        993,
    )


def test_copy_puts_exactly_the_settings_on_the_clipboard(section: UseElsewhere) -> None:
    choose(section, ExportFormat.MUTT)

    section.copy_button.click()

    assert QGuiApplication.clipboard().text() == export(PROFILE, ExportFormat.MUTT).text
    assert "Copied." in section.status.text()


def test_save_writes_the_file_chosen_in_the_dialog(
    section: UseElsewhere, qtbot: QtBot, tmp_path: Path
) -> None:
    choose(section, ExportFormat.THUNDERBIRD)
    section.incoming.setText("imap.example.test")
    target = tmp_path / "config-v1.1.xml"

    section.save_button.click()
    dialog = section.findChild(QFileDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.selectedFiles()[0].endswith("config-v1.1.xml")  # the name offered
    dialog.selectFile(str(target))
    dialog.accept()

    qtbot.waitUntil(target.exists)
    assert parse_client_config(target.read_bytes()).outgoing[0].hostname == "smtp.example.test"
    assert str(target) in section.status.text()


def test_a_file_that_cannot_be_written_is_explained(section: UseElsewhere, tmp_path: Path) -> None:
    section.save_to(str(tmp_path / "no such folder" / "msmtprc"))

    assert "could not be saved" in section.status.text()


def test_keyboard_and_screen_reader_names(section: UseElsewhere, qtbot: QtBot) -> None:
    # The visible labels, as a screen reader says them (without mnemonic and colon).
    assert section.program.accessibleName() == "Program"
    assert section.preview.accessibleName() == "Settings for this program"
    assert section.incoming.accessibleName() == "Incoming (IMAP) server, port 993"
    assert section.program_label.buddy() is section.program
    assert section.preview.tabChangesFocus()

    section.activateWindow()
    QTest.keyClick(section, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(section.program.hasFocus)


def test_the_done_page_offers_the_saved_account_once_it_is_saved(
    qtbot: QtBot, worker: EngineWorker, translations: Translations
) -> None:
    canned = Canned()
    wizard = SetupWizard(worker, canned.engine(), address="alice@example.com")
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.draft.set_password("s3cret never shown")
    try:
        to_test_passed(qtbot, wizard)
        wizard.next()
        page = wizard.done_page
        assert page.use_elsewhere.isHidden()  # nothing to point at before Save

        with qtbot.waitSignal(page.stored):
            click(wizard.button(QWizard.WizardButton.FinishButton))

        assert page.use_elsewhere.isVisible()
        profile, _ = canned.stored[0]
        assert page.use_elsewhere.text == export(profile, ExportFormat.MSMTP).text
        for index in range(page.use_elsewhere.program.count()):
            page.use_elsewhere.program.setCurrentIndex(index)
            assert "s3cret never shown" not in page.use_elsewhere.text
    finally:
        wizard.discard()
