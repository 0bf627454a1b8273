"""Signing in with OAuth2 in the wizard: the real engine against the lab's authorization
server and an OAuth2-only SMTP server, the person at the browser played by
``tests/lab/browser.py`` (through ``$BROWSER``), the refresh token read back from the real
gnome-keyring with ``secret-tool``.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QWizard

from tests.gui import canned
from tests.gui.canned import Canned
from tests.gui.test_flow import SEND_TIMEOUTS, WAIT_MS, click
from tests.test_cli_accounts import AUTOCONFIG
from tests.test_detect import FAST
from tests.test_oauth import World, keychain_token
from wizard.gui.engine import Engine
from wizard.gui.wizard import PageId, SetupWizard
from wizard.oauth.clients import REGISTRATIONS_FILE
from wizard.oauth.issuers import GOOGLE, MICROSOFT
from wizard.preset_files import ENVIRONMENT as PRESETS
from wizard.profiles import APP_NAME, ProfileStore

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from tests.lab.world import Lab
    from wizard.gui.pages.sending import SendPage
    from wizard.gui.worker import EngineWorker

pytestmark = [pytest.mark.usefixtures("translations")]


@pytest.fixture
def world(lab: Lab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    """A provider whose trusted autoconfig names its issuer, and the browser script as
    ``$BROWSER`` for this process (the engine thread opens it through ``webbrowser``)."""
    made = World(lab, tmp_path, f"g{tmp_path.name[-8:].replace('_', '')}.test", send_iss=True)
    made.autoconfig()
    monkeypatch.setenv("BROWSER", str(made.browser))
    monkeypatch.setenv("LAB_BROWSER_USER", made.address)
    monkeypatch.setenv("LAB_BROWSER_LOG", str(made.log))
    monkeypatch.setenv("LAB_BROWSER", "consent")
    # Dynamic registrations are kept in the configuration folder: the test's own.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(made.config_home))
    return made


@pytest.fixture
def wizard(
    qtbot: QtBot, world: World, worker: EngineWorker
) -> Iterator[tuple[SetupWizard, ProfileStore]]:
    """The wizard on the real engine. ``world`` comes before ``worker``, so the engine thread
    stops before the lab's servers go: detection may still be fetching from them as the test
    ends (in the other order, a TLS handshake with a site the lab had just removed, or a
    connection it never closed, failed the test's teardown)."""
    profiles = ProfileStore(world.config_home / "accounts.json")
    engine = Engine.real(profiles, deadlines=FAST, send_timeouts=SEND_TIMEOUTS)
    made = SetupWizard(worker, engine)
    qtbot.addWidget(made)
    made.show()
    yield made, profiles
    made.reject()


def to_test_page(qtbot: QtBot, wizard: SetupWizard, address: str) -> None:
    QTest.keyClicks(wizard.account_page.address_edit, address)
    with qtbot.waitSignal(wizard.detect_page.finished, timeout=WAIT_MS):
        click(wizard.button(QWizard.WizardButton.NextButton))
    wizard.next()  # the settings page
    wizard.next()
    assert wizard.currentId() == PageId.TEST


def named_and_reachable(widget: QPushButton) -> bool:
    name = widget.accessibleName() or widget.text()
    return bool(name) and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


@pytest.mark.parametrize(
    ("address", "password_shown", "said"),
    [
        ("alice@outlook.com", False, "Microsoft asks you to sign in on its own page"),
        ("alice@gmail.com", True, "You can sign in with Google"),
        ("alice@example.org", True, ""),
    ],
)
def test_the_first_page_knows_who_signs_in_before_detection(
    qtbot: QtBot, worker: EngineWorker, address: str, password_shown: bool, said: str
) -> None:
    made = SetupWizard(worker, Canned().engine())
    qtbot.addWidget(made)
    made.show()
    page = made.account_page

    QTest.keyClicks(page.address_edit, address)

    assert page.password_edit.isVisible() is password_shown
    assert said in page.sign_in_note.text()
    assert bool(page.sign_in_note.text()) is bool(said)


@pytest.mark.usefixtures("private_keychain")
def test_sign_in_with_the_provider_test_and_save(
    qtbot: QtBot, wizard: tuple[SetupWizard, ProfileStore], world: World
) -> None:
    setup, profiles = wizard
    server = world.smtp("XOAUTH2")
    to_test_page(qtbot, setup, world.address)
    page = setup.send_page
    panel = page.sign_in

    assert panel.isVisible() and not page.password_edit.isVisible()
    assert panel.sign_in_button.text() == "Sign &in with Lab Mail"
    assert not page.send_button.isEnabled()  # the sign-in comes first
    for control in (panel.sign_in_button, panel.code_button, panel.cancel_button):
        assert named_and_reachable(control)
    with qtbot.waitSignal(page.finished, timeout=WAIT_MS):
        click(panel.sign_in_button)

    assert "accepted the test message" in page.result.text()
    assert server.auth_mechanisms == ["XOAUTH2"]
    setup.next()
    with qtbot.waitSignal(setup.done_page.stored, timeout=WAIT_MS):
        click(setup.button(QWizard.WizardButton.FinishButton))
    (profile,) = profiles.load()
    assert profile.oauth is not None and profile.oauth.issuer == world.auth.issuer
    assert profile.keychain_service == f"oauth://auth.{world.domain}"
    assert keychain_token(profile.keychain_service, world.address) in world.auth.refresh_tokens(
        world.address
    )
    summary = setup.done_page.summary_text()
    assert f"Signed in with OAuth2 at {world.auth.issuer}" in summary
    world.outputs += [summary, page.result.text(), panel.status.text()]
    world.assert_no_token_shown()


def test_use_a_code_instead_shows_the_code_and_its_qr_code(
    qtbot: QtBot,
    wizard: tuple[SetupWizard, ProfileStore],
    world: World,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    setup, _ = wizard
    monkeypatch.setenv("LAB_BROWSER", "never")  # the browser is no use here: a phone is
    server = world.smtp()
    to_test_page(qtbot, setup, world.address)
    panel = setup.send_page.sign_in
    click(panel.sign_in_button)

    click(panel.code_button)
    qtbot.waitUntil(lambda: bool(panel.code.text()), timeout=WAIT_MS)

    assert panel.code.text() in world.auth.user_codes()
    assert panel.address.text() == world.auth.url("verify")
    assert not panel.qr.pixmap().isNull()
    assert named_and_reachable(panel.code.copy_button)
    panel.code.copy()
    assert QApplication.clipboard().text() == panel.code.text()
    assert named_and_reachable(panel.qr_copy_button) and panel.qr_copy_button.isVisible()
    click(panel.qr_copy_button)
    copied = QApplication.clipboard().image()
    assert copied.size() == panel.qr.pixmap().size() and not copied.isNull()
    with qtbot.waitSignal(setup.send_page.finished, timeout=WAIT_MS):
        world.auth.approve(panel.code.text(), world.address)
    assert len(server.received) == 1


def test_cancelling_the_sign_in_stores_and_sends_nothing(
    qtbot: QtBot,
    wizard: tuple[SetupWizard, ProfileStore],
    world: World,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    setup, profiles = wizard
    monkeypatch.setenv("LAB_BROWSER", "never")  # the user never comes back
    server = world.smtp()
    to_test_page(qtbot, setup, world.address)
    panel = setup.send_page.sign_in
    click(panel.sign_in_button)
    qtbot.waitUntil(lambda: bool(panel.address.text()), timeout=WAIT_MS)
    assert panel.address.text().startswith(world.auth.url("authorize"))

    click(panel.cancel_button)
    qtbot.waitUntil(lambda: "cancelled" in panel.status.text(), timeout=WAIT_MS)

    assert panel.sign_in_button.isEnabled()
    assert not setup.send_page.send_button.isEnabled()
    assert (server.auth_attempts, server.received) == ([], [])  # no login, no message
    assert profiles.load() == []


def signed_in_and_tested(qtbot: QtBot, setup: SetupWizard, world: World) -> SendPage:
    """Signed in on the test page with an access token that lasts 10 s (under 30 s: every
    send refreshes it first), and the test passed; the test page."""
    world.auth.behaviour.access_lifetime = 10
    world.smtp()
    to_test_page(qtbot, setup, world.address)
    page = setup.send_page
    with qtbot.waitSignal(page.finished, timeout=WAIT_MS):
        click(page.sign_in.sign_in_button)
    assert "accepted the test message" in page.result.text()
    return page


def test_a_sign_in_revoked_before_the_next_test_is_offered_again(
    qtbot: QtBot, wizard: tuple[SetupWizard, ProfileStore], world: World
) -> None:
    setup, _ = wizard
    page = signed_in_and_tested(qtbot, setup, world)
    world.auth.revoke_all(world.address)  # e.g. the password was changed meanwhile

    with qtbot.waitSignal(page.finished, timeout=WAIT_MS):
        click(page.send_button)

    assert "sign in again" in page.result.text()
    assert page.sign_in.sign_in_button.isEnabled()
    assert not page.send_button.isEnabled()


@pytest.mark.usefixtures("private_keychain")
def test_a_refresh_token_rotated_during_the_test_is_the_one_saved(
    qtbot: QtBot, wizard: tuple[SetupWizard, ProfileStore], world: World
) -> None:
    """The test refreshes the access token first (under 30 s left); the issuer hands out a new
    refresh token and spends the old one, as Microsoft does. Save keeps the new one."""
    setup, profiles = wizard
    world.auth.behaviour.rotate_refresh = True
    signed_in_and_tested(qtbot, setup, world)
    [valid] = world.auth.refresh_tokens(world.address)  # the rotated one; the first is spent

    setup.next()
    with qtbot.waitSignal(setup.done_page.stored, timeout=WAIT_MS):
        click(setup.button(QWizard.WizardButton.FinishButton))

    (profile,) = profiles.load()
    assert keychain_token(profile.keychain_service, world.address) == valid


def test_without_an_app_registration_the_password_field_comes_back_with_why(
    qtbot: QtBot, wizard: tuple[SetupWizard, ProfileStore], world: World
) -> None:
    """A provider that takes OAuth2 or a password (as Gmail does), and no app registration to
    sign in with: the password field comes back, with the reason (for Gmail: an app
    password), and the test sends with the password."""
    setup, _ = wizard
    world.auth.behaviour.registration = False
    world.autoconfig(methods="OAuth2 password-cleartext")
    server = world.smtp_taking_a_password("app password")
    to_test_page(qtbot, setup, world.address)
    page = setup.send_page
    assert page.sign_in.isVisible()  # OAuth2 first, where the provider offers it

    click(page.sign_in.sign_in_button)
    qtbot.waitUntil(page.password_edit.isVisible, timeout=WAIT_MS)

    assert not page.sign_in.isVisible()
    assert "no app registration" in page.sign_in_note.text()
    assert page.password_edit.hasFocus() or page.password_edit.line_edit.hasFocus()
    QTest.keyClicks(page.password_edit.line_edit, "app password")
    with qtbot.waitSignal(page.finished, timeout=WAIT_MS):
        click(page.send_button)
    assert "accepted the test message" in page.result.text()
    assert server.auth_mechanisms == []  # no token login was tried
    assert [message.auth_login for message in server.received] == [world.address]
    assert world.visits() == []  # no browser was sent anywhere


def test_sign_in_addresses_from_plain_http_are_shown_as_ignored(
    qtbot: QtBot, wizard: tuple[SetupWizard, ProfileStore], world: World
) -> None:
    """A plain-HTTP autoconfig that names a sign-in page is not used, and the test page says
    so, as the command line does; the password field stays."""
    setup, _ = wizard
    phishing = (
        "<oAuth2><issuer>https://phish.example.test</issuer><scope>smtp</scope>"
        "<authURL>https://phish.example.test/authorize</authURL></oAuth2>"
    )
    world.lab.https(f"autoconfig.{world.domain}", AUTOCONFIG, b"", status=404)
    world.autoconfig(scheme="http", oauth=phishing)
    world.smtp()

    to_test_page(qtbot, setup, world.address)
    page = setup.send_page

    assert "were ignored (https://phish.example.test" in page.sign_in_note.text()
    assert page.password_edit.isVisible() and not page.sign_in.isVisible()


@pytest.mark.parametrize(
    ("host", "methods", "registered", "password_shown", "said"),
    [
        ("smtp.gmail.com", ("OAuth2", "password-cleartext"), False, True, "apppasswords"),
        ("smtp.gmail.com", ("OAuth2", "password-cleartext"), True, False, ""),
        ("smtp.office365.com", ("OAuth2",), False, False, "enable SMTP AUTH"),
    ],
)
def test_a_built_in_provider_without_an_app_registration_is_said_before_signing_in(
    qtbot: QtBot,
    worker: EngineWorker,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    host: str,
    methods: tuple[str, ...],
    registered: bool,
    password_shown: bool,
    said: str,
) -> None:
    """No app registration ships, so for Google and Microsoft the test page knows before any
    click whether signing in can work here: Gmail keeps the password field (an app password),
    Microsoft says what an administrator must do; with a registration, Sign in is offered."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "system"))
    monkeypatch.setenv(PRESETS, str(tmp_path / "presets"))
    issuer = GOOGLE.issuer if "gmail" in host else MICROSOFT.issuer
    if registered:
        registrations = tmp_path / "config" / APP_NAME / REGISTRATIONS_FILE
        registrations.parent.mkdir(parents=True)
        registrations.write_text(f'["{issuer}"]\nclient_id = "corp-app"\n', encoding="utf-8")
    server = dataclasses.replace(canned.config(host), auth_methods=methods)
    made = SetupWizard(worker, Canned(detection=canned.result(server)).engine())
    qtbot.addWidget(made)
    made.show()
    QTest.keyClicks(made.account_page.address_edit, "alice@example.com")
    with qtbot.waitSignal(made.detect_page.finished, timeout=WAIT_MS):
        made.next()
    made.next()
    made.next()
    page = made.send_page

    assert page.password_edit.isVisible() is password_shown
    assert page.sign_in.isVisible() is not password_shown
    assert said in page.sign_in_note.text()
    assert bool(page.sign_in_note.text()) is bool(said)
    made.discard()
