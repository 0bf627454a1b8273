"""An organisation preset's promises in the wizard: what its policy refuses on the settings
page (no encryption, STARTTLS where SSL/TLS is required) in its own words, which way the test
page signs in (only OAuth2, or only a password), and its pinned certificates, the only ones
accepted for its server. The real engine against the lab's servers, the preset read from a
folder of the test's own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWizard

from tests.gui.test_flow import SEND_TIMEOUTS, WAIT_MS, click
from tests.test_detect import FAST
from tests.test_oauth import World
from tests.test_preset_policy import OTHER_PIN, PASSWORD, preset, server
from tests.test_presets import write
from wizard.gui.engine import Engine
from wizard.gui.wizard import PageId, SetupWizard
from wizard.model import Security
from wizard.preset_files import ENVIRONMENT
from wizard.profiles import ProfileStore

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from tests.lab.world import Lab
    from wizard.gui.worker import EngineWorker

pytestmark = [pytest.mark.usefixtures("translations")]


@pytest.fixture
def presets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The organisation's presets folder, for the engine thread of this process too."""
    monkeypatch.setenv(ENVIRONMENT, str(tmp_path / "presets"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "presets"


@pytest.fixture
def wizard(
    qtbot: QtBot, lab: Lab, tmp_path: Path, presets: Path, worker: EngineWorker
) -> Iterator[SetupWizard]:
    """The wizard on the real engine. ``worker`` comes last, so the engine thread stops before
    the lab's servers go and before the presets folder's environment is undone."""
    del lab, presets  # needed, not used: the world and the presets folder
    profiles = ProfileStore(tmp_path / "config" / "accounts.json")
    made = SetupWizard(worker, Engine.real(profiles, deadlines=FAST, send_timeouts=SEND_TIMEOUTS))
    qtbot.addWidget(made)
    made.show()
    yield made
    made.reject()


def to_settings_page(qtbot: QtBot, wizard: SetupWizard, address: str) -> None:
    QTest.keyClicks(wizard.account_page.address_edit, address)
    with qtbot.waitSignal(wizard.detect_page.finished, timeout=WAIT_MS):
        click(wizard.button(QWizard.WizardButton.NextButton))
    wizard.next()
    assert wizard.currentId() == PageId.SETTINGS


def test_the_settings_page_refuses_what_the_policy_forbids(
    qtbot: QtBot, wizard: SetupWizard, lab: Lab, presets: Path, domain: str
) -> None:
    """SSL/TLS required, the security not locked: no encryption and STARTTLS are refused in
    the organisation's words, and no "Yes, send without encryption" can override that."""
    write(presets, "corp.xml", preset(domain, policy="<requireImplicitTLS/>"))
    server(lab, domain)
    to_settings_page(qtbot, wizard, f"alice@{domain}")
    page = wizard.settings_page
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert next_button.isEnabled() and page.dangers.text() == ""

    for security in (Security.NONE, Security.STARTTLS):
        page.security_combo.setCurrentIndex(page.security_combo.findData(security))

        assert not next_button.isEnabled()
        assert (
            "Your organisation (Corp Ltd) requires SSL/TLS for this address; STARTTLS and "
            "unencrypted connections are not allowed."
        ) in page.dangers.text()
        assert not page.plaintext.needed  # nothing to agree to: it is not the user's choice

    page.security_combo.setCurrentIndex(page.security_combo.findData(Security.SSL))
    assert next_button.isEnabled() and page.dangers.text() == ""


def test_a_pinned_certificate_is_the_only_one_the_test_accepts(
    qtbot: QtBot, wizard: SetupWizard, lab: Lab, presets: Path, domain: str
) -> None:
    """The server's certificate is one the OS trusts, but not the one the organisation
    pinned: the password is not sent, and the wizard offers no way to trust it anyway."""
    write(
        presets,
        "corp.xml",
        preset(domain, policy=f"<pinnedCertificate>{OTHER_PIN}</pinnedCertificate>"),
    )
    smtp = server(lab, domain)
    to_settings_page(qtbot, wizard, f"alice@{domain}")
    wizard.next()
    page = wizard.send_page
    page.password_edit.setText(PASSWORD)

    with qtbot.waitSignal(page.finished, timeout=WAIT_MS):
        click(page.send_button)

    assert "not the one your organisation pinned for it" in page.result.text()
    assert smtp.auth_attempts == [] and smtp.received == []
    assert not page.certificate.trust_button.isVisible()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


@pytest.mark.parametrize("allowed", ["OAuth2", "password-cleartext"])
def test_the_test_page_signs_in_only_as_the_organisation_allows(
    qtbot: QtBot, wizard: SetupWizard, lab: Lab, presets: Path, tmp_path: Path, allowed: str
) -> None:
    """The provider offers both (its trusted data names the issuer). Only OAuth2 allowed: the
    sign-in, with no password field and no "Use a password instead". Only passwords: the
    password field, and no sign-in is offered."""
    world = World(lab, tmp_path, f"p{tmp_path.name[-8:].replace('_', '')}.test")
    both = (
        "<authentication>OAuth2</authentication><authentication>password-cleartext</authentication>"
    )
    extra = f"<oAuth2><issuer>{world.auth.issuer}</issuer><scope>smtp</scope></oAuth2>"
    policy = f"<allowedAuthentication>{allowed}</allowedAuthentication>"
    document = preset(world.domain, policy=policy, authentication=both, extra=extra)
    write(presets, "corp.xml", document)
    server(lab, world.domain)
    to_settings_page(qtbot, wizard, world.address)
    wizard.next()
    page = wizard.send_page

    oauth2_only = allowed == "OAuth2"
    assert page.sign_in.isVisible() is oauth2_only
    assert page.password_edit.isVisible() is not oauth2_only
    assert not page.sign_in.password_button.isVisible()
    assert page.send_button.isEnabled() is not oauth2_only  # the sign-in comes first
    assert not any(request.host == f"auth.{world.domain}" for request in lab.requests)
