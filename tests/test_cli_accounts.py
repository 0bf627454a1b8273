"""The headless commands a helpdesk uses: ``test``, ``setup`` and ``accounts``.

The real program runs in a subprocess inside the lab, against lab SMTP servers, storing
passwords in the private gnome-keyring that tests/lab/with-keyring starts; the tests read them
back through keyring and secret-tool, and check what the SMTP server received.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import keyring
import pytest

from tests.lab.certs import CertKind
from tests.lab.smtp_server import LabSmtpServer, SmtpBehaviour
from tests.lab.world import Lab
from wizard.model import Security

pytestmark = pytest.mark.usefixtures("private_keychain")

PASSWORD = "s3cret ✓ pass"
AUTOCONFIG = "/mail/config-v1.1.xml"


@pytest.fixture
def domain() -> str:
    """A domain of this test's own, so keychain entries of different tests never meet."""
    return f"d{uuid.uuid4().hex[:10]}.test"


@pytest.fixture
def config_home(tmp_path: Path) -> Path:
    return tmp_path / "config"


def run(
    lab: Lab,
    config_home: Path,
    *args: str,
    stdin: str | None = None,
    env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """The installed program inside the lab, its profiles in ``config_home``; ``env`` adds to
    or overrides the environment it gets."""
    program = shutil.which("email-setup-wizard", path=str(Path(sys.executable).parent))
    assert program
    return subprocess.run(
        [program, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**lab.env(), "XDG_CONFIG_HOME": str(config_home), **(env or {})},
        timeout=60,
        check=False,
    )


def smtp_server(
    lab: Lab,
    domain: str,
    port: int = 465,
    security: Security = Security.SSL,
    *,
    password: str = PASSWORD,
    cert: CertKind = CertKind.VALID,
) -> LabSmtpServer:
    """``smtp.<domain>``, where ``alice@<domain>`` logs in with ``password``."""
    accounts = {f"alice@{domain}": password}
    return lab.smtp(
        f"smtp.{domain}", port, SmtpBehaviour(security=security, cert=cert, accounts=accounts)
    )


def autoconfig(lab: Lab, domain: str) -> None:
    """The provider's autoconfig document, over HTTPS: ``smtp.<domain>``, port 465, SSL."""
    lab.https(
        f"autoconfig.{domain}",
        AUTOCONFIG,
        (
            f'<clientConfig version="1.1"><emailProvider id="{domain}"><domain>{domain}</domain>'
            f'<outgoingServer type="smtp"><hostname>smtp.{domain}</hostname><port>465</port>'
            f"<socketType>SSL</socketType><username>%EMAILADDRESS%</username>"
            f"<authentication>password-cleartext</authentication></outgoingServer>"
            f"</emailProvider></clientConfig>"
        ).encode(),
    )


def profiles_file(config_home: Path) -> Path:
    return config_home / "email-setup-wizard" / "accounts.json"


# -- test -----------------------------------------------------------------------------------


def test_test_command_sends_a_real_message(lab: Lab, config_home: Path, domain: str) -> None:
    address = f"alice@{domain}"
    server = smtp_server(lab, domain)

    done = run(
        lab,
        config_home,
        "test",
        address,
        "--host",
        f"smtp.{domain}",
        "--port",
        "465",
        "--security",
        "ssl",
        "--password-stdin",
        "--json",
        stdin=PASSWORD + "\n",
    )

    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    assert result["ok"] is True
    assert result["stage"] == "done"
    assert result["reply"]["code"] == 250
    assert result["username"] == address
    assert result["message_id"].startswith("<") and result["explanation"] is None
    [message] = server.received
    assert message.mail_from == address and message.rcpt_tos == (address,)
    assert b"Subject: Test message from Email Setup Wizard" in message.data
    assert result["message_id"].encode() in message.data
    transcript = "\n".join(result["transcript"])
    assert "AUTH" in transcript and PASSWORD not in transcript
    assert PASSWORD not in done.stdout + done.stderr


def test_test_command_explains_a_wrong_password(lab: Lab, config_home: Path, domain: str) -> None:
    address = f"alice@{domain}"
    server = smtp_server(lab, domain, 587, Security.STARTTLS, password="x")

    done = run(
        lab,
        config_home,
        "test",
        address,
        "--host",
        f"smtp.{domain}",
        "--port",
        "587",
        "--security",
        "starttls",
        "--password-stdin",
        stdin="wrong\n",
    )

    assert done.returncode == 4
    assert "password" in done.stderr.lower()
    assert "535" in done.stderr
    assert server.received == []


def test_test_command_never_takes_a_password_argument(lab: Lab, config_home: Path) -> None:
    done = run(lab, config_home, "test", "a@example.test", "--host", "h", "--password", "pw")

    assert done.returncode == 2
    assert "unrecognized arguments" in done.stderr


def test_test_command_without_terminal_or_stdin_password(lab: Lab, config_home: Path) -> None:
    done = run(lab, config_home, "test", "a@example.test", "--host", "smtp.example.test", stdin="")

    assert done.returncode == 2
    assert "--password-stdin" in done.stderr


# -- setup and accounts ---------------------------------------------------------------------


def test_setup_stores_password_in_keychain_and_profile(
    lab: Lab, config_home: Path, domain: str
) -> None:
    address = f"alice@{domain}"
    autoconfig(lab, domain)
    server = smtp_server(lab, domain)

    done = run(
        lab,
        config_home,
        "setup",
        address,
        "--name",
        "Alice Example",
        "--password-stdin",
        "--json",
        stdin=PASSWORD + "\n",
    )

    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["detect"]["smtp"]["host"] == f"smtp.{domain}"
    assert result["test"]["ok"] is True
    service = f"smtp://smtp.{domain}:465"
    assert result["stored"]["service"] == service
    assert len(server.received) == 1
    assert keyring.get_password(service, address) == PASSWORD
    looked_up = subprocess.run(
        ["secret-tool", "lookup", "service", service, "username", address],
        capture_output=True,
        text=True,
        check=False,
    )
    assert looked_up.stdout == PASSWORD
    path = profiles_file(config_home)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert PASSWORD not in path.read_text()

    listed = json.loads(run(lab, config_home, "accounts", "list", "--json").stdout)
    assert [a["address"] for a in listed["accounts"]] == [address]
    assert listed["accounts"][0]["display_name"] == "Alice Example"
    shown = json.loads(run(lab, config_home, "accounts", "show", address, "--json").stdout)
    assert shown["password_stored"] is True
    assert shown["keychain_service"] == service

    removed = run(lab, config_home, "accounts", "remove", address)
    assert removed.returncode == 0, removed.stderr
    assert keyring.get_password(service, address) is None
    assert json.loads(run(lab, config_home, "accounts", "--json").stdout)["accounts"] == []


def test_setup_refuses_untrusted_settings_without_a_terminal(
    lab: Lab, config_home: Path, domain: str
) -> None:
    address = f"alice@{domain}"
    server = smtp_server(lab, domain)

    done = run(lab, config_home, "setup", address, "--password-stdin", stdin=PASSWORD + "\n")

    assert done.returncode == 2
    assert "--yes" in done.stderr
    assert server.sessions <= 3  # probed during detection, but no login and no message
    assert server.auth_attempts == [] and server.received == []
    assert not profiles_file(config_home).exists()

    accepted = run(
        lab, config_home, "setup", address, "--password-stdin", "--yes", stdin=PASSWORD + "\n"
    )
    assert accepted.returncode == 0, accepted.stderr
    assert keyring.get_password(f"smtp://smtp.{domain}:465", address) == PASSWORD
    keyring.delete_password(f"smtp://smtp.{domain}:465", address)


def test_setup_stores_nothing_when_the_test_fails(lab: Lab, config_home: Path, domain: str) -> None:
    address = f"alice@{domain}"
    autoconfig(lab, domain)
    smtp_server(lab, domain, password="x")

    done = run(lab, config_home, "setup", address, "--password-stdin", "--json", stdin="bad\n")

    assert done.returncode == 4
    result = json.loads(done.stdout)
    assert result["test"]["ok"] is False and result["stored"] is None
    assert keyring.get_password(f"smtp://smtp.{domain}:465", address) is None
    assert not profiles_file(config_home).exists()


def test_untrusted_certificate_needs_an_explicit_pin(
    lab: Lab, config_home: Path, domain: str
) -> None:
    address = f"alice@{domain}"
    autoconfig(lab, domain)
    server = smtp_server(lab, domain, cert=CertKind.SELF_SIGNED)

    refused = run(
        lab,
        config_home,
        "setup",
        address,
        "--yes",
        "--password-stdin",
        "--json",
        stdin=PASSWORD + "\n",
    )
    assert refused.returncode == 4
    test = json.loads(refused.stdout)["test"]
    assert test["certificate"]["problem"] == "self-signed"
    fingerprint = test["certificate"]["sha256"]
    assert server.auth_attempts == []  # the password was not sent
    assert not profiles_file(config_home).exists()

    pinned = run(
        lab,
        config_home,
        "setup",
        address,
        "--password-stdin",
        "--trust-certificate",
        fingerprint,
        stdin=PASSWORD + "\n",
    )
    assert pinned.returncode == 0, pinned.stderr
    stored = json.loads(profiles_file(config_home).read_text())["accounts"][0]
    assert stored["pinned_sha256"] == fingerprint

    # Later connections check the stored pin, with the password from the keychain.
    retest = run(lab, config_home, "test", address, "--json")
    assert retest.returncode == 0, retest.stderr
    assert len(server.received) == 2
    run(lab, config_home, "accounts", "remove", address)


def test_a_damaged_profile_file_is_reported_and_left_alone(
    lab: Lab, config_home: Path, domain: str
) -> None:
    address = f"alice@{domain}"
    autoconfig(lab, domain)
    server = smtp_server(lab, domain)
    path = profiles_file(config_home)
    path.parent.mkdir(parents=True)
    path.write_text("{ this is not json")

    done = run(lab, config_home, "setup", address, "--password-stdin", stdin=PASSWORD + "\n")

    assert done.returncode == 5
    assert "damaged" in done.stderr and str(path) in done.stderr
    assert path.read_text() == "{ this is not json"
    assert server.received == []


def test_accounts_show_unknown_address(lab: Lab, config_home: Path) -> None:
    done = run(lab, config_home, "accounts", "show", "nobody@example.test")

    assert done.returncode == 3
    assert "no account" in done.stderr


def test_no_keychain_is_a_clear_error_and_nothing_is_stored(
    lab: Lab, config_home: Path, domain: str, tmp_path: Path
) -> None:
    address = f"alice@{domain}"
    autoconfig(lab, domain)
    smtp_server(lab, domain)
    no_keychain = {
        "DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path / 'no-bus'}",
        "HOME": str(tmp_path),
    }

    done = run(
        lab,
        config_home,
        "setup",
        address,
        "--password-stdin",
        stdin=PASSWORD + "\n",
        env=no_keychain,
    )

    assert done.returncode == 5
    assert "No usable keychain" in done.stderr and "Secret Service" in done.stderr
    assert not profiles_file(config_home).exists()
    leaked = [p for p in tmp_path.rglob("*") if p.is_file() and PASSWORD.encode() in p.read_bytes()]
    assert leaked == []
    assert os.environ.get("DBUS_SESSION_BUS_ADDRESS") != no_keychain["DBUS_SESSION_BUS_ADDRESS"]
