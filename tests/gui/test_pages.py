"""The pages on their own: what the user sees and may do, with canned engine answers.

The real engine against the lab is ``test_flow.py``; here every state can be reached at will,
in milliseconds.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QWidget,
    QWizard,
)

from tests.gui.canned import PASSED, Canned, config, result
from wizard.accounts import LooseEnd
from wizard.delivery.authresults import CheckResult, Verdict
from wizard.delivery.result import DeliveryResult, DeliveryStatus, Removal
from wizard.errors import AddressProblem, InvalidAddressError
from wizard.gui.app import build_parser
from wizard.gui.i18n import Translations
from wizard.gui.widgets import Tone
from wizard.gui.wizard import PageId, SetupWizard
from wizard.keychain import KeychainError, KeychainProblem
from wizard.messages import describe_caution, describe_error
from wizard.model import (
    Candidate,
    Caution,
    Certificate,
    CertProblem,
    Link,
    LinkStep,
    ProbeResult,
    Security,
    SourceName,
    SourceNote,
    SourceReport,
    SourceStatus,
    Trust,
)
from wizard.profiles import IncomingServer
from wizard.smtp.diagnosis import Diagnosis
from wizard.smtp.send import Stage, TestOutcome

WizardButton = QWizard.WizardButton

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from pytestqt.qtbot import QtBot

    from wizard.gui.worker import EngineWorker

pytestmark = pytest.mark.usefixtures("translations")


@pytest.fixture
def make_wizard(qtbot: QtBot, worker: EngineWorker) -> Iterator[Callable[..., SetupWizard]]:
    made: list[SetupWizard] = []

    def make(canned: Canned | None = None, address: str = "alice@example.com") -> SetupWizard:
        wizard = SetupWizard(worker, (canned or Canned()).engine(), address=address)
        qtbot.addWidget(wizard)
        wizard.show()
        made.append(wizard)
        return wizard

    yield make
    for wizard in made:
        wizard.discard()


def click(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def lines(listing: QListWidget) -> list[str]:
    return [listing.item(i).text() for i in range(listing.count())]


def next_button(wizard: SetupWizard) -> QAbstractButton:
    return wizard.button(QWizard.WizardButton.NextButton)


def to_settings(qtbot: QtBot, wizard: SetupWizard) -> None:
    with qtbot.waitSignal(wizard.detect_page.finished):
        wizard.next()
    wizard.next()
    assert wizard.currentId() == PageId.SETTINGS


def to_test_passed(qtbot: QtBot, wizard: SetupWizard) -> None:
    to_settings(qtbot, wizard)
    wizard.next()
    with qtbot.waitSignal(wizard.send_page.finished):
        click(wizard.send_page.send_button)
    assert next_button(wizard).isEnabled()


# -- page 1 ---------------------------------------------------------------------------------


def test_next_needs_a_valid_address_and_the_reason_is_shown(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard]
) -> None:
    wizard = make_wizard(address="")
    page = wizard.account_page
    assert not next_button(wizard).isEnabled()

    QTest.keyClicks(page.address_edit, "alice.example.com")

    assert not next_button(wizard).isEnabled()
    expected = describe_error(InvalidAddressError(AddressProblem.MISSING_AT, "alice.example.com"))
    assert page.problem == expected
    assert "“@”" in expected

    page.address_edit.clear()
    QTest.keyClicks(page.address_edit, "alice@example.com")
    assert next_button(wizard).isEnabled()
    assert page.problem == ""


def test_a_pasted_name_and_address_names_the_address_to_enter(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard]
) -> None:
    """The same words as on the command line, from the same engine check."""
    wizard = make_wizard(address="")
    page = wizard.account_page

    QTest.keyClicks(page.address_edit, "Alice <alice@example.com>")

    assert not next_button(wizard).isEnabled()
    assert page.problem == (
        "Enter only the address, without a name or angle brackets: alice@example.com"
    )


def test_address_option_fills_the_first_page(make_wizard: Callable[..., SetupWizard]) -> None:
    args = build_parser().parse_args(["--address", "bob@example.org"])

    wizard = make_wizard(address=args.address)

    assert wizard.account_page.address_edit.text() == "bob@example.org"
    assert next_button(wizard).isEnabled()


def test_password_is_masked_until_shown_and_follows_the_user(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard]
) -> None:
    wizard = make_wizard()
    field = wizard.account_page.password_edit
    QTest.keyClicks(field.line_edit, "s3cret")
    assert field.line_edit.echoMode() is QLineEdit.EchoMode.Password

    click(field.toggle)
    assert field.line_edit.echoMode() is QLineEdit.EchoMode.Normal
    click(field.toggle)
    assert field.line_edit.echoMode() is QLineEdit.EchoMode.Password

    # The test page shows the same password, and a correction there is the one used.
    assert wizard.send_page.password_edit.text() == "s3cret"
    QTest.keyClicks(wizard.send_page.password_edit.line_edit, "!")
    assert wizard.draft.password == field.text() == "s3cret!"


# -- page 2 ---------------------------------------------------------------------------------


def test_each_source_has_a_row_with_its_outcome(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard]
) -> None:
    wizard = make_wizard()
    page = wizard.detect_page
    with qtbot.waitSignal(page.finished):
        wizard.next()

    assert lines(page.sources) == [
        "Set by your organisation: nothing, 0.0 s",  # no note: nothing to add to the status
        "Built-in provider list: nothing, 0.0 s",
        "The domain's own settings: nothing, 0.0 s",
        "Thunderbird's online provider list: nothing, 0.0 s",
        "Mail host (MX records): nothing, 0.0 s",
        "Service records (SRV): nothing, 0.1 s",
        "Trying likely servers: nothing, 0.1 s",
    ]
    # The answer comes first; the per-source lines are folded away under Details.
    assert page.card.isVisible()
    assert "smtp.example.com" in page.card.facts.text()
    assert page.status.text() == "The search has finished."
    assert not page.sources.isVisible()
    click(page.details.button)
    assert page.sources.isVisible()
    assert next_button(wizard).isEnabled()


def test_stop_ends_detection_and_leaves_manual_setup(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard]
) -> None:
    canned = Canned(hold=True)
    wizard = make_wizard(canned)
    page = wizard.detect_page
    with qtbot.waitSignal(page.source_finished):  # detection is under way
        wizard.next()
    assert not next_button(wizard).isEnabled()

    with qtbot.waitSignal(page.finished):
        click(page.stop_button)

    assert canned.cancelled.is_set()
    assert "Stopped" in page.status.text()
    wizard.next()
    assert wizard.settings_page.host_edit.text() == ""
    assert wizard.settings_page.origin.text().startswith("The search was stopped")


def test_set_up_manually_skips_ahead_with_empty_fields(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard]
) -> None:
    canned = Canned(hold=True)
    wizard = make_wizard(canned)
    with qtbot.waitSignal(wizard.detect_page.source_finished):
        wizard.next()

    click(wizard.detect_page.manual_button)

    assert wizard.currentId() == PageId.SETTINGS
    settings = wizard.settings_page
    assert settings.host_edit.text() == settings.username_edit.text() == ""
    assert settings.origin.text() == (
        "You chose to set up the account yourself: enter the settings your provider gives."
    )
    assert not next_button(wizard).isEnabled()
    qtbot.waitUntil(canned.cancelled.is_set)  # the abandoned detection was stopped
    QTest.keyClicks(settings.host_edit, "smtp.example.com")
    assert next_button(wizard).isEnabled()


def test_back_after_setting_up_manually_finds_no_search_still_said_to_run(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard]
) -> None:
    """The search page kept "Looking for the outgoing-mail server of …" after "Set up
    manually" had stopped it: going Back, the user read (and a screen reader said) that it
    was still looking."""
    wizard = make_wizard(Canned(hold=True))
    with qtbot.waitSignal(wizard.detect_page.source_finished):
        wizard.next()
    click(wizard.detect_page.manual_button)

    wizard.back()

    page = wizard.detect_page
    assert wizard.currentId() == PageId.DETECT
    assert page.status.text() == "Stopped: you chose to set up the account yourself."
    assert not page.busy.isVisible() and not page.stop_button.isEnabled()


# -- page 3 ---------------------------------------------------------------------------------


def test_no_encryption_shows_a_warning_and_needs_a_deliberate_tick(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard]
) -> None:
    wizard = make_wizard()
    to_settings(qtbot, wizard)
    page = wizard.settings_page
    assert page.plaintext.isHidden()
    assert next_button(wizard).isEnabled()

    page.security_combo.setCurrentIndex(page.security_combo.findData(Security.NONE))

    assert page.plaintext.notice.text() == describe_caution(Caution.PLAINTEXT, "example.com")
    assert page.plaintext.notice.tone is Tone.DANGER
    assert page.checked.isHidden()  # no ✔ anywhere near a danger
    assert page.plaintext.tick.text() == "Yes, send without encryption"
    assert page.port_spin.value() == 587  # followed the usual port of the new choice
    assert not next_button(wizard).isEnabled()
    page.plaintext.tick.setFocus()
    QTest.keyClick(page.plaintext.tick, Qt.Key.Key_Space)
    assert next_button(wizard).isEnabled()
    wizard.next()
    assert wizard.draft.choice is not None
    assert wizard.draft.choice.allow_plaintext
    assert wizard.draft.choice.security is Security.NONE


def test_unconfirmed_settings_get_a_calm_line_and_no_tick(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard]
) -> None:
    srv = config(
        "submit.example.com", 587, Security.STARTTLS, Trust.UNAUTHENTICATED, SourceName.SRV
    )
    wizard = make_wizard(Canned(detection=result(srv, config())))
    to_settings(qtbot, wizard)
    page = wizard.settings_page

    assert page.origin.text() == "Named by the DNS service records of example.com."
    assert page.info.tone is Tone.INFO
    assert "example.com did not confirm these settings itself" in page.info.text()
    assert page.checked.isHidden()
    assert page.plaintext.isHidden() and page.foreign.isHidden()
    assert next_button(wizard).isEnabled()

    page.alternatives.setCurrentRow(1)
    assert page.host_edit.text() == "smtp.example.com"
    assert page.origin.text() == "Published by example.com."
    page.host_edit.setText("mail.example.net")
    assert page.origin.text() == "Entered by you."
    assert next_button(wizard).isEnabled()


@pytest.mark.parametrize(
    ("language", "said"),
    [
        (QLocale.Language.English, "Published by example.com, redirected to collector.example."),
        (
            QLocale.Language.German,
            "Von example.com veröffentlicht, zu collector.example umgeleitet.",
        ),
    ],
)
def test_redirected_settings_say_where_they_were_published_and_where_they_led(
    qtbot: QtBot,
    translations: Translations,
    make_wizard: Callable[..., SetupWizard],
    language: QLocale.Language,
    said: str,
) -> None:
    """The origin line once said only "Published by example.com." above the red notice that
    the settings had been redirected to collector.example: both lines must tell one story."""
    translations.use(QLocale(language))
    foreign = replace(
        config("smtp.collector.example", 587, Security.STARTTLS, Trust.UNAUTHENTICATED),
        link=Link(LinkStep.REDIRECT, "example.com", "collector.example", "collector.example"),
    )
    wizard = make_wizard(Canned(detection=replace(result(foreign), best=Candidate(foreign))))
    to_settings(qtbot, wizard)
    page = wizard.settings_page

    assert page.origin.text() == said
    spoken = QAccessible.queryAccessibleInterface(page.origin)
    assert spoken is not None and spoken.text(QAccessible.Text.Name) == said
    assert page.foreign.isVisible() and "collector.example" in page.foreign.notice.text()


def test_edits_survive_going_back_and_forth(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard]
) -> None:
    wizard = make_wizard()
    to_settings(qtbot, wizard)
    wizard.settings_page.username_edit.setText("alice")
    wizard.next()
    wizard.back()
    assert wizard.settings_page.username_edit.text() == "alice"


def test_the_port_follows_the_encryption_unless_the_user_typed_one(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard]
) -> None:
    wizard = make_wizard(Canned(detection=result()))  # nothing found: the fields start empty
    to_settings(qtbot, wizard)
    page = wizard.settings_page
    combo = page.security_combo

    def choose(security: Security) -> int:
        combo.setCurrentIndex(combo.findData(security))
        return page.port_spin.value()

    assert (combo.currentData(), page.port_spin.value()) == (Security.SSL, 465)
    # Submission is on 587 with or without STARTTLS (RFC 6409), as the command line has it.
    assert choose(Security.NONE) == 587
    assert choose(Security.STARTTLS) == 587
    assert choose(Security.SSL) == 465
    assert choose(Security.NONE) == 587

    page.port_spin.selectAll()
    QTest.keyClicks(page.port_spin, "465")  # the user's own choice, though a usual port
    assert choose(Security.STARTTLS) == 465
    assert choose(Security.NONE) == 465


@pytest.mark.parametrize(
    ("probed", "named", "offered"),
    [
        (
            None,
            ("OAuth2", "password-cleartext", "NTLM", "GSSAPI", "password-encrypted"),
            ["PLAIN", "LOGIN", "CRAM-MD5"],
        ),
        (
            ("XOAUTH2", "PLAIN", "GSSAPI", "LOGIN", "NTLM"),
            ("password-cleartext",),
            ["PLAIN", "LOGIN"],
        ),
    ],
)
def test_only_sign_in_methods_the_test_can_use_are_offered(
    qtbot: QtBot,
    make_wizard: Callable[..., SetupWizard],
    probed: tuple[str, ...] | None,
    named: tuple[str, ...],
    offered: list[str],
) -> None:
    found = replace(config(), auth_methods=named)
    probe = (
        None
        if probed is None
        else ProbeResult(found.host, 465, Security.SSL, auth_mechanisms=probed)
    )
    detection = replace(result(found), best=Candidate(found, probe))
    wizard = make_wizard(Canned(detection=detection))
    to_settings(qtbot, wizard)
    combo = wizard.settings_page.auth_combo

    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Automatic (the best the server offers)",
        *offered,
    ]


def test_an_oauth_only_provider_is_explained_not_offered(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard]
) -> None:
    oauth_only = replace(config(), auth_methods=("OAuth2",))
    wizard = make_wizard(Canned(detection=result(oauth_only)))
    to_settings(qtbot, wizard)
    page = wizard.settings_page

    assert page.auth_combo.count() == 1  # Automatic only
    assert describe_caution(Caution.OAUTH_ONLY, "example.com") in page.info.text()


# -- page 4 ---------------------------------------------------------------------------------


def test_test_page_needs_a_passed_test_with_these_settings(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard]
) -> None:
    canned = Canned()
    wizard = make_wizard(canned)
    to_test_passed(qtbot, wizard)
    assert canned.sent[0].recipient == "alice@example.com"
    assert wizard.send_page.result.text() == (
        "The server accepted the test message for alice@example.com."
    )

    wizard.back()
    wizard.settings_page.port_spin.setValue(2465)
    wizard.next()
    assert not next_button(wizard).isEnabled()  # changed settings need a new test


def test_cancelling_the_test(qtbot: QtBot, make_wizard: Callable[..., SetupWizard]) -> None:
    canned = Canned(hold=True)
    wizard = make_wizard(canned)
    canned.hold = False
    to_settings(qtbot, wizard)
    wizard.next()
    canned.hold = True
    page = wizard.send_page
    click(page.send_button)
    assert page.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: lines(page.steps)[0] == "Connect: working…")  # under way

    with qtbot.waitSignal(page.finished):
        click(page.cancel_button)

    assert canned.cancelled.is_set()
    assert page.result.text() == "Test cancelled. Send it again, or go Back to the settings."
    assert lines(page.steps)[0] == "Connect: cancelled"
    assert not next_button(wizard).isEnabled()
    assert page.send_button.isEnabled()


def test_a_password_changed_after_the_test_is_tested_before_it_is_stored(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard]
) -> None:
    canned = Canned(outcome=replace(PASSED, username="alice"))  # the local part worked
    wizard = make_wizard(canned)
    wizard.draft.set_password("s3cret")
    to_test_passed(qtbot, wizard)
    page = wizard.send_page

    QTest.keyClicks(page.password_edit.line_edit, "!")

    assert not next_button(wizard).isEnabled()
    assert page.result.text() == (
        "The password has changed since the test: send the test message again."
    )
    assert lines(page.steps)[3] == "Send the test message"  # the pass is no longer shown
    with qtbot.waitSignal(page.finished):
        click(page.send_button)
    assert next_button(wizard).isEnabled()
    wizard.next()
    with qtbot.waitSignal(wizard.done_page.stored):
        click(wizard.button(QWizard.WizardButton.FinishButton))

    assert canned.passwords == ["s3cret", "s3cret!"]
    profile, password = canned.stored[0]
    assert password == "s3cret!"
    assert profile.username == "alice"  # the username that worked, not the one entered
    assert "Username: alice\n" in wizard.done_page.summary_text()


def test_back_from_done_a_changed_password_needs_a_new_test(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard]
) -> None:
    wizard = make_wizard()
    wizard.draft.set_password("s3cret")
    to_test_passed(qtbot, wizard)
    wizard.next()
    assert wizard.currentId() == PageId.DONE
    wizard.back()

    QTest.keyClicks(wizard.send_page.password_edit.line_edit, "!")

    assert wizard.currentId() == PageId.TEST
    assert not next_button(wizard).isEnabled()


def test_a_new_address_after_setting_up_manually_needs_a_new_test(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard]
) -> None:
    canned = Canned(hold=True)
    wizard = make_wizard(canned)

    def set_up_manually() -> None:
        canned.hold = True  # detection would go on until cancelled
        with qtbot.waitSignal(wizard.detect_page.source_finished):
            wizard.next()
        click(wizard.detect_page.manual_button)
        assert wizard.currentId() == PageId.SETTINGS
        canned.hold = False

    set_up_manually()
    QTest.keyClicks(wizard.settings_page.host_edit, "smtp.example.com")
    QTest.keyClicks(wizard.settings_page.username_edit, "alice")
    wizard.next()
    with qtbot.waitSignal(wizard.send_page.finished):
        click(wizard.send_page.send_button)
    assert next_button(wizard).isEnabled()
    while wizard.currentId() != PageId.ACCOUNT:
        wizard.back()
    wizard.account_page.address_edit.setText("bob@example.com")
    set_up_manually()
    assert wizard.settings_page.host_edit.text() == "smtp.example.com"  # the same settings
    wizard.next()

    assert not next_button(wizard).isEnabled()  # but not tested from this address
    with qtbot.waitSignal(wizard.send_page.finished):
        click(wizard.send_page.send_button)
    assert canned.sent[-1].address == "bob@example.com"
    assert next_button(wizard).isEnabled()


SELF_SIGNED = Certificate(":".join(["AB"] * 32), verified=False, problem=CertProblem.SELF_SIGNED)


@pytest.mark.parametrize(("verified", "kept"), [(False, SELF_SIGNED.sha256), (True, None)])
def test_a_pin_is_stored_only_if_the_passing_test_needed_it(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard], verified: bool, kept: str | None
) -> None:
    refused = TestOutcome(
        ok=False,
        stage=Stage.TLS,
        reply=None,
        username=None,
        message_id=None,
        diagnosis=Diagnosis.CERTIFICATE,
        certificate=SELF_SIGNED,
        transcript=(),
    )
    canned = Canned(outcome=refused)
    wizard = make_wizard(canned)
    to_settings(qtbot, wizard)
    wizard.next()
    page = wizard.send_page
    with qtbot.waitSignal(page.finished):
        click(page.send_button)
    assert page.certificate.trust_button.isVisible()
    # The full fingerprint, to compare group by group; Copy copies it as one line.
    assert page.certificate.fingerprint.body.toPlainText() == "\n".join([":".join(["AB"] * 8)] * 4)
    assert page.certificate.fingerprint.text() == SELF_SIGNED.sha256
    assert [s.pinned_sha256 for s in canned.sent] == [None]  # nothing trusted before the button
    # When sent again, the certificate verifies (a CA was installed meanwhile), or not.
    canned.outcome = replace(PASSED, certificate=replace(SELF_SIGNED, verified=verified))

    with qtbot.waitSignal(page.finished):
        click(page.certificate.trust_button)  # pins the certificate shown and sends again

    assert canned.sent[-1].pinned_sha256 == SELF_SIGNED.sha256
    wizard.next()
    with qtbot.waitSignal(wizard.done_page.stored):
        click(wizard.button(QWizard.WizardButton.FinishButton))
    profile, _ = canned.stored[0]
    assert profile.pinned_sha256 == kept
    assert ("Trusted certificate" in wizard.done_page.summary_text()) is (kept is not None)


# -- page 5 ---------------------------------------------------------------------------------


def test_nothing_is_stored_until_save_and_a_keychain_error_can_be_retried(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard]
) -> None:
    locked = KeychainError(KeychainProblem.LOCKED, "GNOME Keyring", "collection is locked")
    canned = Canned(store_errors=[locked])
    wizard = make_wizard(canned)
    wizard.draft.set_password("s3cret")
    to_test_passed(qtbot, wizard)
    wizard.next()
    page = wizard.done_page
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.text() == "&Save"
    assert canned.stored == []

    with qtbot.waitSignal(page.store_failed):
        click(finish)

    assert "click Save to try again" in page.status.text()
    assert wizard.isVisible()
    assert wizard.draft.password == "s3cret"
    with qtbot.waitSignal(page.stored):
        click(finish)

    profile, password = canned.stored[0]
    assert password == "s3cret"
    assert (profile.host, profile.port, profile.security) == ("smtp.example.com", 465, Security.SSL)
    assert profile.source is SourceName.AUTOCONFIG
    assert profile.last_tested is not None
    assert "Password: kept in GNOME Keyring (service smtp://smtp.example.com:465" in (
        page.summary_text()
    )
    assert finish.text() == "&Close"
    page.copy_summary()
    assert QApplication.clipboard().text() == page.summary_text()
    click(finish)
    assert wizard.result() == QWizard.DialogCode.Accepted


def test_save_stores_the_mechanism_that_worked_and_shows_what_was_left_behind(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard]
) -> None:
    denied = KeychainError(KeychainProblem.DENIED, "GNOME Keyring", "prompt dismissed")
    left = LooseEnd("smtp://old.example.com:587", "alice", denied)
    canned = Canned(outcome=replace(PASSED, mechanism="LOGIN"), loose_ends=(left,))
    wizard = make_wizard(canned)
    to_test_passed(qtbot, wizard)
    wizard.next()
    page = wizard.done_page

    with qtbot.waitSignal(page.stored):
        click(wizard.button(QWizard.WizardButton.FinishButton))

    profile, _ = canned.stored[0]
    assert profile.auth_method == "LOGIN"  # what the server accepted, not what was chosen
    assert "Sign-in method: LOGIN" in page.summary_text()
    shown = page.status.text()
    assert "still in the keychain (service smtp://old.example.com:587, user alice)" in shown


def test_cancel_on_the_last_page_stores_nothing(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard]
) -> None:
    canned = Canned(outcome=PASSED)
    wizard = make_wizard(canned)
    to_test_passed(qtbot, wizard)
    wizard.next()
    click(wizard.button(QWizard.WizardButton.CancelButton))
    assert canned.stored == []
    assert wizard.result() == QWizard.DialogCode.Rejected


# -- every page -----------------------------------------------------------------------------


def test_every_control_has_an_accessible_name(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard]
) -> None:
    wizard = make_wizard()
    for page_id in PageId:
        page = wizard.page(page_id)
        for widget in page.findChildren(QWidget):
            if not widget.isVisibleTo(page) or widget.focusProxy() or _in_combo(widget):
                continue  # a notice not shown yet, a combo box's own pop-up list
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                name = widget.accessibleName()
                if isinstance(widget, QAbstractButton):
                    name = name or widget.text()
                assert name, f"{_path(widget)} on page {page_id.name} has no name"


def _path(widget: QWidget) -> str:
    names = []
    parent: QWidget | None = widget
    while parent is not None:
        names.append(type(parent).__name__)
        parent = parent.parentWidget()
    return " in ".join(names)


def _in_combo(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox):
            return True
        parent = parent.parentWidget()
    return False


@pytest.mark.parametrize("language", [QLocale.Language.English, QLocale.Language.German])
def test_mnemonics_are_unique_on_each_page(
    language: QLocale.Language,
    translations: Translations,
    make_wizard: Callable[..., SetupWizard],
) -> None:
    translations.use(QLocale(language))
    wizard = make_wizard()
    buttons = [wizard.buttonText(b) for b in (WizardButton.BackButton, WizardButton.NextButton)]
    for page_id in PageId:
        page = wizard.page(page_id)
        texts = [*buttons, *(w.text() for w in page.findChildren(QAbstractButton))]
        texts += [label.text() for label in page.findChildren(QLabel)]
        keys = [t[t.index("&") + 1].lower() for t in texts if "&" in t]
        assert len(keys) == len(set(keys)), f"page {page_id.name}: {keys}"


def _mnemonic_keys(texts: list[str]) -> list[str]:
    """The Alt+letter keys these visible texts take ("&&" is a literal "&")."""
    keys = []
    for text in texts:
        plain = text.replace("&&", "")
        if "&" in plain:
            keys.append(plain[plain.index("&") + 1].lower())
    return keys


@pytest.mark.parametrize("language", [QLocale.Language.English, QLocale.Language.German])
def test_mnemonics_stay_unique_once_the_account_is_saved(
    language: QLocale.Language,
    qtbot: QtBot,
    translations: Translations,
    make_wizard: Callable[..., SetupWizard],
) -> None:
    """After Save the last page grows "Use this account in…" and Finish becomes Close: each
    Alt+letter still does one thing (a key two controls share only moves the focus between
    them, and activates neither)."""
    translations.use(QLocale(language))
    wizard = make_wizard()
    to_test_passed(qtbot, wizard)
    wizard.next()
    with qtbot.waitSignal(wizard.done_page.stored):
        wizard.done_page.save()
    page = wizard.currentPage()
    shown: list[QAbstractButton | QLabel] = [
        *(w for w in page.findChildren(QAbstractButton) if w.isVisible()),
        *(label for label in page.findChildren(QLabel) if label.isVisible() and label.buddy()),
    ]
    for which in (WizardButton.BackButton, WizardButton.FinishButton, WizardButton.CancelButton):
        if wizard.button(which).isVisible():
            shown.append(wizard.button(which))
    keys = _mnemonic_keys([widget.text() for widget in shown])
    assert len(keys) == len(set(keys)), f"{sorted(keys)}: {[w.text() for w in shown]}"


def test_german(translations: Translations, make_wizard: Callable[..., SetupWizard]) -> None:
    translations.use(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    wizard = make_wizard(address="alice")

    assert wizard.account_page.title() == "Ihr Konto"
    assert "„@“" in wizard.account_page.problem  # from the engine's words, translated
    assert wizard.button(QWizard.WizardButton.CancelButton).text() == "Abbrechen"  # Qt's own


def test_a_sources_row_says_what_it_found_in_german(
    qtbot: QtBot, translations: Translations, make_wizard: Callable[..., SetupWizard]
) -> None:
    translations.use(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    mx = SourceReport(
        SourceName.MX,
        SourceStatus.FOUND,
        80,
        "MX aspmx.l.bigmail.example → Big Mail",
        SourceNote.MX_PROVIDER,
        (("mx", "aspmx.l.bigmail.example"), ("provider", "Big Mail")),
    )
    srv = SourceReport(
        SourceName.SRV, SourceStatus.SKIPPED, 90, "not needed", SourceNote.NOT_NEEDED
    )
    canned = Canned(detection=replace(result(config()), sources=(mx, srv)))
    wizard = make_wizard(canned)
    page = wizard.detect_page
    with qtbot.waitSignal(page.finished):
        wizard.next()

    found = lines(page.sources)
    mx_line = next(line for line in found if line.startswith("Mailserver (MX-Einträge)"))
    srv_line = next(line for line in found if line.startswith("Diensteinträge (SRV)"))
    assert "gefunden" in mx_line
    assert mx_line.endswith("Ihre Mail läuft über Big Mail (aspmx.l.bigmail.example)")
    assert srv_line.endswith("Beendet: eine bessere Antwort war schon bestätigt")
    # The engine's own account, as it said it, reachable and copyable under Details.
    assert "mx: MX aspmx.l.bigmail.example → Big Mail" in page.technical.text()


def test_the_whole_way_with_the_return_key(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard]
) -> None:
    canned = Canned()
    wizard = make_wizard(canned, address="")

    def press_return() -> None:
        QTest.keyClick(wizard.currentPage(), Qt.Key.Key_Return)

    QTest.keyClicks(wizard.account_page.address_edit, "alice@example.com")
    with qtbot.waitSignal(wizard.detect_page.finished):
        press_return()
    press_return()
    assert wizard.currentId() == PageId.SETTINGS
    press_return()
    assert wizard.currentId() == PageId.TEST
    with qtbot.waitSignal(wizard.send_page.finished):
        press_return()  # the default button here is "Send test message"
    assert len(canned.sent) == 1
    press_return()
    assert wizard.currentId() == PageId.DONE
    with qtbot.waitSignal(wizard.done_page.stored):
        press_return()  # Save
    press_return()  # Close
    assert wizard.result() == QWizard.DialogCode.Accepted


# -- the delivery confirmation (the test page's last step) ---------------------------------


ARRIVED = DeliveryResult(
    DeliveryStatus.JUNK,
    folder="Junk",
    seconds=2.4,
    verdict=Verdict(
        "mx.example.com",
        (CheckResult("spf", "pass"), CheckResult("dkim", "none"), CheckResult("dmarc", "fail")),
        (),
    ),
    removal=Removal.TRASH,
)


def send_and_confirm(qtbot: QtBot, wizard: SetupWizard) -> None:
    """From the start to the test page, Send, and wait for the delivery confirmation."""
    to_settings(qtbot, wizard)
    wizard.next()
    with qtbot.waitSignal(wizard.send_page.confirmed):
        click(wizard.send_page.send_button)


def test_the_last_step_says_where_the_test_message_arrived_and_the_verdict(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard]
) -> None:
    canned = Canned(delivery=ARRIVED)
    wizard = make_wizard(canned)
    page = wizard.send_page

    send_and_confirm(qtbot, wizard)

    assert lines(page.steps)[4] == "Arrived in your mailbox: in Junk after 2.4 s"
    assert page.delivery.text().splitlines() == [
        "The test message arrived after 2.4 s, but in your Junk folder (Junk).",
        "Other providers may treat mail from this account as spam too. The checks below show "
        "what the receiving server disliked; your provider's help explains how to set up SPF, "
        "DKIM and DMARC for your domain.",
        "The receiving server (mx.example.com) checked the message:",
        "SPF: passed: the server that sent it may send mail for your domain.",
        "DKIM: not signed. Mail from this account to other providers may be marked as spam; "
        "your provider's help explains how to enable DKIM for your domain.",
        "DMARC: failed: neither SPF nor DKIM confirmed the domain in the From address; "
        "receivers that follow your domain's DMARC policy may reject such mail or file it as "
        "spam.",
        "The test message was moved to your Trash.",
    ]
    [sent] = canned.confirmed
    assert sent.settings.recipient == "alice@example.com"
    assert next_button(wizard).isEnabled()


def test_the_account_keeps_the_incoming_server_the_confirmation_found(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard]
) -> None:
    incoming = IncomingServer("imap.example.com", 993, Security.SSL)
    canned = Canned(delivery=replace(ARRIVED, server=incoming))
    wizard = make_wizard(canned)
    send_and_confirm(qtbot, wizard)
    wizard.next()

    with qtbot.waitSignal(wizard.done_page.stored):
        click(wizard.button(QWizard.WizardButton.FinishButton))

    profile, _ = canned.stored[0]
    assert profile.incoming == incoming


def test_next_does_not_wait_for_the_confirmation_and_cancel_stops_it(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard]
) -> None:
    canned = Canned(delivery=ARRIVED, hold_confirm=True)
    wizard = make_wizard(canned)
    page = wizard.send_page
    to_test_passed(qtbot, wizard)
    qtbot.waitUntil(lambda: lines(page.steps)[4].startswith("Arrived in your mailbox: waiting"))
    assert next_button(wizard).isEnabled()
    assert page.cancel_button.isEnabled()
    assert page.send_button.isEnabled()  # a new test would replace the wait

    with qtbot.waitSignal(page.confirmed):
        click(page.cancel_button)

    assert canned.cancelled.is_set()
    assert lines(page.steps)[4] == "Arrived in your mailbox: stopped"
    assert page.delivery.text() == "Stopped waiting for the test message."
    assert page.send_button.isEnabled()
    assert next_button(wizard).isEnabled()  # the test itself passed


def test_a_failed_test_does_not_look_for_the_message(
    qtbot: QtBot, make_wizard: Callable[..., SetupWizard]
) -> None:
    failed = replace(PASSED, ok=False, stage=Stage.AUTH, diagnosis=Diagnosis.WRONG_PASSWORD)
    canned = Canned(outcome=failed)
    wizard = make_wizard(canned)
    to_settings(qtbot, wizard)
    wizard.next()

    with qtbot.waitSignal(wizard.send_page.finished):
        click(wizard.send_page.send_button)

    assert canned.confirmed == []
    assert lines(wizard.send_page.steps)[4] == "Arrived in your mailbox: not reached"
