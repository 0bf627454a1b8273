"""The whole wizard with the real engine, against the loopback lab and a real keychain.

Run inside the lab and a private Secret Service:
``tests/lab/run-in-lab tests/lab/with-keyring .venv/bin/pytest tests/gui``. Every wait is on a
signal or a condition; the deadlines are short so a failure costs seconds, not minutes.
"""

from __future__ import annotations

from email import message_from_bytes
from email.header import decode_header, make_header
from email.message import Message
from typing import TYPE_CHECKING

import keyring
import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget, QWizard

from tests.lab.certs import CertKind
from tests.lab.smtp_server import SmtpBehaviour
from tests.test_detect import AUTOCONFIG_PATH, FAST, client_config
from wizard.gui.engine import Engine
from wizard.gui.widgets import Tone
from wizard.gui.wizard import PageId, SetupWizard
from wizard.messages import describe_caution, describe_diagnosis
from wizard.model import Caution, Security, Trust
from wizard.profiles import ProfileStore
from wizard.smtp.diagnosis import Diagnosis
from wizard.smtp.probe import ProbeTimeouts
from wizard.smtp.send import SUBJECT

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from tests.lab.smtp_server import LabSmtpServer
    from tests.lab.world import Lab
    from wizard.gui.i18n import Translations
    from wizard.gui.worker import EngineWorker

pytestmark = [pytest.mark.lab, pytest.mark.usefixtures("translations")]

ADDRESS = "alice@example.test"
PASSWORD = "correct horse battery staple"  # typed: QTest types ASCII only
HOST = "smtp.example.test"
SEND_TIMEOUTS = ProbeTimeouts(connect=1.0, greeting=2.0, command=5.0)
WAIT_MS = 10_000  # what a signal may take before the test fails; FAST bounds detection at 8 s


@pytest.fixture
def profiles(tmp_path: Path) -> ProfileStore:
    return ProfileStore(tmp_path / "accounts.json")


@pytest.fixture
def wizard(
    qtbot: QtBot, lab: Lab, profiles: ProfileStore, worker: EngineWorker
) -> Iterator[SetupWizard]:
    """The wizard on the real engine. ``lab`` comes before ``worker``, so the engine thread
    stops before the lab's servers go: detection may still be fetching from them as a test ends."""
    del lab  # only its world: the wizard finds it through DNS, as on a user's machine
    engine = Engine.real(profiles, deadlines=FAST, send_timeouts=SEND_TIMEOUTS)
    made = SetupWizard(worker, engine)
    qtbot.addWidget(made)
    made.show()
    yield made
    made.discard()


def click(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def serve(lab: Lab, port: int, socket_type: str, behaviour: SmtpBehaviour) -> LabSmtpServer:
    """The domain's autoconfig names ``HOST:port``, and a lab server answers there."""
    lab.https("autoconfig.example.test", AUTOCONFIG_PATH, client_config(HOST, port, socket_type))
    return lab.smtp(HOST, port, behaviour)


def detect(qtbot: QtBot, wizard: SetupWizard, name: str = "") -> None:
    """Fill in the first page and wait for detection to end; lands on the settings page."""
    page = wizard.account_page
    QTest.keyClicks(page.name_edit, name)
    QTest.keyClicks(page.address_edit, ADDRESS)
    QTest.keyClicks(page.password_edit.line_edit, PASSWORD)
    with qtbot.waitSignal(wizard.detect_page.finished, timeout=WAIT_MS):
        click(wizard.button(QWizard.WizardButton.NextButton))
    wizard.next()
    assert wizard.currentId() == PageId.SETTINGS


def run_test(qtbot: QtBot, wizard: SetupWizard) -> None:
    wizard.next()
    assert wizard.currentId() == PageId.TEST
    with qtbot.waitSignal(wizard.send_page.finished, timeout=WAIT_MS):
        click(wizard.send_page.send_button)


def can_go_on(wizard: SetupWizard) -> bool:
    return wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def received(server: LabSmtpServer) -> Message:
    assert len(server.received) == 1
    return message_from_bytes(server.received[0].data)


# -- the whole way --------------------------------------------------------------------------


@pytest.mark.usefixtures("private_keychain")
def test_from_address_to_stored_account(
    qtbot: QtBot, wizard: SetupWizard, lab: Lab, profiles: ProfileStore
) -> None:
    server = serve(
        lab, 465, "SSL", SmtpBehaviour(security=Security.SSL, accounts={"alice": PASSWORD})
    )

    detect(qtbot, wizard, name="Alice Lab")
    settings = wizard.settings_page
    assert (settings.host_edit.text(), settings.port_spin.value()) == (HOST, 465)
    assert settings.checked.tone is Tone.OK  # from the provider, answered, valid certificate
    assert settings.origin.text().startswith("Published by example.test.")
    assert settings.username_edit.text() == ADDRESS
    settings.username_edit.setText("alice")  # the user knows better: the edit must be used

    run_test(qtbot, wizard)

    page = wizard.send_page
    assert page.result.text() == f"The server accepted the test message for {ADDRESS}."
    assert server.auth_attempts == [("alice", True)]
    message = received(server)
    assert server.received[0].mail_from == ADDRESS
    assert server.received[0].rcpt_tos == (ADDRESS,)
    assert message["From"] == f"Alice Lab <{ADDRESS}>"
    assert message["To"] == ADDRESS
    assert message["Subject"] == SUBJECT
    assert can_go_on(wizard)

    wizard.next()
    done = wizard.done_page
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert keyring.get_password(f"smtp://{HOST}:465", "alice") is None  # not before Save
    assert profiles.load() == []
    with qtbot.waitSignal(done.stored, timeout=WAIT_MS):
        click(finish)

    assert keyring.get_password(f"smtp://{HOST}:465", "alice") == PASSWORD
    profile = profiles.get(ADDRESS)
    assert profile is not None
    assert (profile.host, profile.port, profile.security) == (HOST, 465, Security.SSL)
    assert (profile.username, profile.display_name, profile.trust) == (
        "alice",
        "Alice Lab",
        Trust.TRUSTED,
    )
    assert "Password: kept in GNOME Keyring" in done.summary_text()
    click(finish)
    assert wizard.result() == QWizard.DialogCode.Accepted


@pytest.mark.usefixtures("private_keychain")
def test_the_test_message_is_in_the_users_language(
    qtbot: QtBot, lab: Lab, profiles: ProfileStore, worker: EngineWorker, translations: Translations
) -> None:
    """The person who finds the test message in their inbox reads it in their language."""
    translations.use(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    server = serve(
        lab, 465, "SSL", SmtpBehaviour(security=Security.SSL, accounts={ADDRESS: PASSWORD})
    )
    engine = Engine.real(profiles, deadlines=FAST, send_timeouts=SEND_TIMEOUTS)
    wizard = SetupWizard(worker, engine)
    qtbot.addWidget(wizard)
    wizard.show()

    detect(qtbot, wizard)
    run_test(qtbot, wizard)
    wizard.discard()

    message = received(server)
    assert str(make_header(decode_header(message["Subject"]))) == (
        "Testnachricht vom Email Setup Wizard"
    )
    body = message.get_payload(decode=True)
    assert isinstance(body, bytes)
    assert body.decode(message.get_content_charset() or "ascii").replace("\r\n", "\n") == (
        "Diese Nachricht hat der Email Setup Wizard gesendet, um die Einstellungen zu prüfen, "
        f"mit denen\n{ADDRESS} über {HOST}, Port 465, Mail sendet.\n\n"
        "Sie ist angekommen, die Einstellungen funktionieren also. Sie können sie löschen.\n"
    )


def test_a_certificate_can_be_pinned_after_seeing_it(
    qtbot: QtBot, wizard: SetupWizard, lab: Lab, profiles: ProfileStore
) -> None:
    behaviour = SmtpBehaviour(
        security=Security.SSL, cert=CertKind.SELF_SIGNED, accounts={ADDRESS: PASSWORD}
    )
    server = serve(lab, 465, "SSL", behaviour)
    detect(qtbot, wizard)
    run_test(qtbot, wizard)

    page = wizard.send_page
    assert server.auth_attempts == []  # the password was not sent
    assert describe_diagnosis(Diagnosis.CERTIFICATE)[0] in page.result.text()
    assert "self-signed" in page.certificate.problem.text()
    fingerprint = page.certificate.fingerprint.text()  # what Copy copies
    assert len(fingerprint) == 95  # 32 bytes, colon-separated
    assert page.certificate.fingerprint.body.toPlainText().replace("\n", ":") == fingerprint
    assert not can_go_on(wizard)

    with qtbot.waitSignal(page.finished, timeout=WAIT_MS):
        click(page.certificate.trust_button)  # trusts exactly this one and sends again

    assert len(server.received) == 1
    wizard.next()
    with qtbot.waitSignal(wizard.done_page.stored, timeout=WAIT_MS):
        click(wizard.button(QWizard.WizardButton.FinishButton))
    profile = profiles.get(ADDRESS)
    assert profile is not None
    assert profile.pinned_sha256 == fingerprint


# -- going wrong ----------------------------------------------------------------------------


def test_cancel_during_detection(qtbot: QtBot, wizard: SetupWizard, lab: Lab) -> None:
    lab.host("autoconfig.example.test")
    lab.blackhole("autoconfig.example.test", 443)  # the best source never answers
    page = wizard.detect_page
    QTest.keyClicks(wizard.account_page.address_edit, ADDRESS)
    with qtbot.waitSignal(page.source_finished, timeout=WAIT_MS):
        wizard.next()
    assert page.running

    with qtbot.waitSignal(page.finished, timeout=2_000):  # far less than any deadline
        click(page.stop_button)

    lines = [page.sources.item(i).text() for i in range(page.sources.count())]
    assert any(line.endswith(": stopped") for line in lines)
    assert not any("working…" in line for line in lines)
    assert can_go_on(wizard)  # to enter the settings by hand


def test_cancel_during_the_test(qtbot: QtBot, wizard: SetupWizard, lab: Lab) -> None:
    behaviour = SmtpBehaviour(
        security=Security.SSL, accounts={ADDRESS: PASSWORD}, stall_after="AUTH"
    )
    server = serve(lab, 465, "SSL", behaviour)
    detect(qtbot, wizard)
    wizard.next()
    page = wizard.send_page
    click(page.send_button)
    login = page.steps.item(2)
    qtbot.waitUntil(lambda: login.text() == "Log in: working…", timeout=WAIT_MS)

    with qtbot.waitSignal(page.finished, timeout=2_000):
        click(page.cancel_button)

    assert page.result.text() == "Test cancelled. Send it again, or go Back to the settings."
    assert login.text() == "Log in: cancelled"
    qtbot.waitUntil(lambda: server.open_connections == 0, timeout=WAIT_MS)  # hung up
    assert server.received == []
    assert not can_go_on(wizard)


def test_wrong_password_is_explained(qtbot: QtBot, wizard: SetupWizard, lab: Lab) -> None:
    behaviour = SmtpBehaviour(security=Security.SSL, accounts={ADDRESS: "another one"})
    server = serve(lab, 465, "SSL", behaviour)
    detect(qtbot, wizard)
    run_test(qtbot, wizard)

    page = wizard.send_page
    happened, remedy = describe_diagnosis(Diagnosis.WRONG_PASSWORD)
    assert page.result.text() == f"{happened}\n{remedy}\nUse Back to change the settings."
    login = page.steps.item(2).text()
    assert login.startswith("Log in: failed. The server replied: 535")
    assert server.received == []
    assert not can_go_on(wizard)
    wizard.back()
    assert wizard.currentId() == PageId.SETTINGS


def test_blackholed_server(qtbot: QtBot, wizard: SetupWizard, lab: Lab) -> None:
    lab.https("autoconfig.example.test", AUTOCONFIG_PATH, client_config(HOST, 465, "SSL"))
    lab.blackhole(HOST, 465)
    detect(qtbot, wizard)

    settings = wizard.settings_page
    assert settings.host_edit.text() == HOST
    unreachable = describe_caution(Caution.UNREACHABLE, "example.test")
    assert unreachable in settings.info.text()

    run_test(qtbot, wizard)

    happened, remedy = describe_diagnosis(Diagnosis.PORT_BLOCKED)
    assert happened in wizard.send_page.result.text()
    assert remedy in wizard.send_page.result.text()
    assert not can_go_on(wizard)


def test_no_encryption_needs_the_tick(qtbot: QtBot, wizard: SetupWizard, lab: Lab) -> None:
    behaviour = SmtpBehaviour(
        security=Security.NONE, auth_before_tls=True, accounts={ADDRESS: PASSWORD}
    )
    server = serve(lab, 587, "plain", behaviour)
    detect(qtbot, wizard)

    settings = wizard.settings_page
    assert settings.security_combo.currentData() == Security.NONE
    plaintext = settings.plaintext
    assert plaintext.notice.text() == describe_caution(Caution.PLAINTEXT, "example.test")
    assert plaintext.notice.tone is Tone.DANGER
    assert plaintext.tick.text() == "Yes, send without encryption"
    assert not can_go_on(wizard)
    plaintext.tick.setFocus()
    QTest.keyClick(plaintext.tick, Qt.Key.Key_Space)
    assert can_go_on(wizard)

    run_test(qtbot, wizard)

    assert server.received[0].tls is False
    assert server.auth_attempts == [(ADDRESS, True)]
    assert can_go_on(wizard)
