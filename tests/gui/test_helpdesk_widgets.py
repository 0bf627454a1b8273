"""The report buttons and preview, and the domain verdict, as a user meets them: what they
show, what lands on the clipboard and in the saved file, and that no password is in either.
Engine operations are canned (``tests.gui.canned``): no network in GUI tests."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from tests.gui.canned import PASSED, Canned
from tests.gui.test_pages import (  # noqa: F401 (make_wizard: a fixture)
    make_wizard,
    to_settings,
    to_test_passed,
)
from wizard.address import parse_address
from wizard.gui.domain_health import DomainVerdict
from wizard.gui.i18n import Translations
from wizard.gui.report_actions import ReportActions
from wizard.gui.wizard import SetupWizard
from wizard.gui.worker import EngineWorker
from wizard.model import Security
from wizard.preset_files import ENVIRONMENT
from wizard.reporting.context import ReportContext
from wizard.smtp.send import SendSettings

PASSWORD = "s3cret-Horse!"


def context() -> ReportContext:
    address = parse_address("alice@example.com")
    settings = SendSettings("smtp.example.com", 465, Security.SSL, address.address, address.address)
    transcript = ("S: 220 smtp.example.com", "C: AUTH PLAIN AGFsaWNlAHMzY3JldC1Ib3JzZSE=")
    test = dataclasses.replace(PASSED, transcript=transcript)
    return ReportContext(address, settings=settings, test=test, password=PASSWORD)


def actions(qtbot: QtBot, worker: EngineWorker, canned: Canned) -> ReportActions:
    widget = ReportActions(worker, canned.engine().gather_report, context)
    qtbot.addWidget(widget)
    return widget


def test_copy_report_puts_the_report_on_the_clipboard_without_the_password(
    qtbot: QtBot, worker: EngineWorker, translations: Translations
) -> None:
    canned = Canned()
    widget = actions(qtbot, worker, canned)
    QGuiApplication.clipboard().clear()
    widget.copy_button.click()
    qtbot.waitUntil(lambda: "on the clipboard" in widget.notice.text())
    text = QGuiApplication.clipboard().text()
    assert "Email setup diagnosis for alice@example.com" in text
    assert "Test send:" in text and "passed" in text
    assert PASSWORD not in text
    assert "AGFsaWNlAHMzY3JldC1Ib3JzZSE=" not in text
    assert "C: AUTH PLAIN ********" in text
    assert canned.reports[0].password == PASSWORD  # the wizard's own password, not asked again


def test_copy_report_is_announced_as_it_starts_and_when_it_is_done(
    qtbot: QtBot, worker: EngineWorker, translations: Translations, heard: list[str]
) -> None:
    """Preparing takes up to 15 s, and the focused button is disabled meanwhile (the focus
    moves on): a screen reader user heard neither that it started nor that the report was
    on the clipboard."""
    widget = actions(qtbot, worker, Canned())
    widget.copy_button.click()
    qtbot.waitUntil(lambda: "on the clipboard" in widget.notice.text())

    assert len(heard) == 2, heard
    assert heard[0].startswith("Information: Preparing the report")
    assert heard[1] == f"Done: {widget.notice.text()}"


def test_save_report_previews_then_saves_and_opens_the_file(
    qtbot: QtBot, worker: EngineWorker, translations: Translations, tmp_path: Path
) -> None:
    widget = actions(qtbot, worker, Canned())
    widget.save_button.click()
    qtbot.waitUntil(lambda: widget.dialog is not None and widget.dialog.isVisible())
    dialog = widget.dialog
    assert dialog is not None
    assert "Email setup diagnosis for alice@example.com" in dialog.preview.toPlainText()
    assert dialog.preview.accessibleName() == "Report preview"
    dialog.anonymize.setChecked(True)
    assert "alice" not in dialog.preview.toPlainText()
    target = tmp_path / "report.html"
    opened: list[str] = []
    dialog.choose_file = lambda suggested: str(target)
    dialog.open_file = opened.append
    dialog.save_button.click()
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "x@example.com" in html and "alice" not in html
    assert PASSWORD not in html
    assert opened == [str(target)]
    assert f"saved to {target}" in widget.notice.text()


@pytest.mark.parametrize("language", [QLocale.Language.English, QLocale.Language.German])
def test_the_preview_keys_stay_unique_where_close_has_one_too(
    qtbot: QtBot, worker: EngineWorker, translations: Translations, language: QLocale.Language
) -> None:
    """GNOME's platform theme names the standard Close button "&Close" (Qt's QGnomeTheme):
    the preview's own Alt+letters must not take its C, or Alt+C would only move the focus."""
    translations.use(QLocale(language))
    widget = actions(qtbot, worker, Canned())
    widget.save_button.click()
    qtbot.waitUntil(lambda: widget.dialog is not None and widget.dialog.isVisible())
    dialog = widget.dialog
    assert dialog is not None
    close = QCoreApplication.translate("QGnomeTheme", "&Close")
    texts = [dialog.anonymize.text(), dialog.save_button.text(), dialog.copy_button.text(), close]
    keys = [t.replace("&&", "").split("&", 1)[1][0].lower() for t in texts if "&" in t]
    assert len(keys) == len(set(keys)), texts
    dialog.reject()


def test_the_domain_verdict_and_its_details(
    qtbot: QtBot, worker: EngineWorker, translations: Translations
) -> None:
    verdict = DomainVerdict(worker, Canned().engine().check_domain)
    qtbot.addWidget(verdict)
    verdict.show()
    verdict.start("example.com", "smtp.example.com")
    assert "Checking example.com's mail records" in verdict.verdict.text()
    qtbot.waitUntil(lambda: verdict.health is not None)
    assert verdict.verdict.text() == (
        "Mail you send may be refused or marked as spam: example.com's records need fixing."
    )
    assert not verdict.details.isVisible()
    verdict.details_button.click()
    assert verdict.details.isVisible()
    assert "Add “include:_spf.example.net” to example.com's SPF record." in verdict.details.text()
    assert verdict.details_button.accessibleName() == "Domain details"


def test_the_pages_offer_the_report_and_the_done_page_the_domain_verdict(
    qtbot: QtBot,
    make_wizard: Callable[..., SetupWizard],  # noqa: F811 (the fixture, by name)
) -> None:
    canned = Canned()
    wizard = make_wizard(canned)
    wizard.draft.set_password("s3cret")
    to_test_passed(qtbot, wizard)
    assert wizard.detect_page.report.save_button.text() == "Sa&ve report…"
    page = wizard.send_page
    assert page.report.isVisible()
    QGuiApplication.clipboard().clear()
    page.report.copy_button.click()
    qtbot.waitUntil(lambda: bool(QGuiApplication.clipboard().text()))
    assert canned.reports[-1].test is not None and canned.reports[-1].test.ok
    assert canned.reports[-1].secrets == ("s3cret",)  # what the report must keep out
    assert "s3cret" not in QGuiApplication.clipboard().text()
    wizard.next()
    done = wizard.done_page
    qtbot.waitUntil(lambda: done.domain.health is not None)
    assert "example.com's records need fixing" in done.domain.verdict.text()
    assert done.report.copy_button.isVisible()


LOCKING_PRESET = """\
<clientConfig version="1.1">
  <emailProvider id="example.com">
    <domain>example.com</domain>
    <displayName>Example Corp</displayName>
    <outgoingServer type="smtp">
      <hostname>smtp.corp.example.com</hostname>
      <port>465</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
    </outgoingServer>
  </emailProvider>
  <emailSetupWizard><lock>hostname</lock><lock>socketType</lock></emailSetupWizard>
</clientConfig>
"""


def test_locked_fields_cannot_be_changed_on_the_settings_page(
    qtbot: QtBot,
    make_wizard: Callable[..., SetupWizard],  # noqa: F811 (the fixture, by name)
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "corp.xml").write_text(LOCKING_PRESET, encoding="utf-8")
    monkeypatch.setenv(ENVIRONMENT, str(tmp_path))
    wizard = make_wizard()
    to_settings(qtbot, wizard)
    page = wizard.settings_page
    assert page.organisation.text() == (
        "Set by your organisation (Example Corp). These cannot be changed here: the server, "
        "the security."
    )
    assert page.host_edit.text() == "smtp.corp.example.com"  # not the detected smtp.example.com
    assert page.host_edit.isReadOnly()
    QTest.keyClicks(page.host_edit, "x")
    assert page.host_edit.text() == "smtp.corp.example.com"
    assert not page.security_combo.isEnabled()
    assert not page.port_spin.isReadOnly()  # not locked
    assert not page.username_edit.isReadOnly()
