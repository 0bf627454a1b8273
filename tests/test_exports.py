"""``email-setup-wizard export``: settings other programs read, and those programs using them.

The programs are the real ones, run inside the lab against lab SMTP servers: git send-email
(the distribution's git) through ``email-setup-wizard send``, msmtp (the distribution's)
reading the password from the lab's gnome-keyring through secret-tool, and the Python script
through keyring. The Apple profile is read back with plistlib, the Thunderbird document with
the wizard's own clientConfig parser. No export and no output ever holds the password.
"""

from __future__ import annotations

import hashlib
import json
import plistlib
import shutil
import ssl
import subprocess
import sys
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

import keyring
import pytest

from tests.lab.certs import CertKind
from tests.lab.smtp_server import SmtpBehaviour
from tests.test_cli_accounts import profiles_file, program
from wizard.clientconfig import parse_client_config, to_server_configs
from wizard.model import Protocol, Security, SourceName, Tier, Trust
from wizard.outbound.export import ExportFormat
from wizard.profiles import AccountProfile, ProfileStore, profile_to_json

if TYPE_CHECKING:
    from collections.abc import Mapping

    from tests.lab.smtp_server import LabSmtpServer
    from tests.lab.world import Lab

pytestmark = pytest.mark.usefixtures("private_keychain")

PASSWORD = "export ✓ never shows"
# Every key Apple's com.apple.mail.managed payload documents as required.
APPLE_REQUIRED = {
    "EmailAccountType",
    "IncomingMailServerAuthentication",
    "IncomingMailServerHostName",
    "OutgoingMailServerAuthentication",
    "OutgoingMailServerHostName",
}


def alice_profile(domain: str, **changes: object) -> AccountProfile:
    fields: dict[str, object] = {
        "display_name": "Alice Example",
        "address": f"alice@{domain}",
        "host": f"smtp.{domain}",
        "port": 465,
        "security": Security.SSL,
        "username": f"alice@{domain}",
        "auth_method": "PLAIN",
        **changes,
    }
    return AccountProfile(**fields)  # type: ignore[arg-type]


def set_up(config_home: Path, profile: AccountProfile) -> AccountProfile:
    ProfileStore(profiles_file(config_home)).save(profile)
    keyring.set_password(profile.keychain_service, profile.username, PASSWORD)
    return profile


def run(
    lab: Lab, config_home: Path, *args: str, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    done = subprocess.run(
        [program(), *args],
        capture_output=True,
        env={**lab.env(), "XDG_CONFIG_HOME": str(config_home), **(env or {})},
        timeout=60,
        check=False,
    )
    assert PASSWORD.encode() not in done.stdout + done.stderr
    return done


def exported(lab: Lab, config_home: Path, address: str, fmt: str, *extra: str) -> bytes:
    done = run(lab, config_home, "export", address, "--format", fmt, *extra)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


def lab_server(lab: Lab, domain: str, **behaviour: object) -> LabSmtpServer:
    options: dict[str, object] = {
        "security": Security.SSL,
        "accounts": {f"alice@{domain}": PASSWORD},
        **behaviour,
    }
    return lab.smtp(f"smtp.{domain}", 465, SmtpBehaviour(**options))  # type: ignore[arg-type]


# -- no secrets, every format -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", [f.value for f in ExportFormat])
def test_no_export_holds_the_password(
    lab: Lab, config_home: Path, domain: str, fmt: str, tmp_path: Path
) -> None:
    profile = set_up(config_home, alice_profile(domain, pinned_sha256="AB:CD:EF"))
    output = tmp_path / "exported"

    content = exported(lab, config_home, profile.address, fmt, "--imap-host", f"imap.{domain}")
    saved = run(
        lab, config_home, "export", profile.address, "--format", fmt,
        "--imap-host", f"imap.{domain}", "--output", str(output),
    )  # fmt: skip

    assert saved.returncode == 0 and saved.stdout == b""
    assert output.read_bytes() == content
    assert PASSWORD.encode() not in content
    assert PASSWORD.encode("utf-16-le") not in content  # nor hidden in another encoding
    assert keyring.get_password(profile.keychain_service, profile.username) == PASSWORD


def test_the_json_export_is_the_profile(lab: Lab, config_home: Path, domain: str) -> None:
    profile = set_up(config_home, alice_profile(domain))

    document = json.loads(exported(lab, config_home, profile.address, "json"))

    assert document == profile_to_json(profile)


def test_exports_of_an_account_not_set_up_or_without_what_they_need(
    lab: Lab, config_home: Path, domain: str
) -> None:
    profile = set_up(config_home, alice_profile(domain))

    missing = run(lab, config_home, "export", f"bob@{domain}", "--format", "msmtp")
    no_imap = run(lab, config_home, "export", profile.address, "--format", "mobileconfig")

    assert missing.returncode == 3
    assert b"no account for bob@" in missing.stderr
    assert no_imap.returncode == 2
    assert b"--imap-host" in no_imap.stderr
    assert missing.stdout == no_imap.stdout == b""


# -- Apple and Thunderbird: read back ---------------------------------------------------------


def test_the_apple_profile_has_the_keys_apple_documents(
    lab: Lab, config_home: Path, domain: str
) -> None:
    profile = set_up(config_home, alice_profile(domain, port=587, security=Security.STARTTLS))
    args = ("--imap-host", f"imap.{domain}", "--imap-security", "starttls")

    first = exported(lab, config_home, profile.address, "mobileconfig", *args)
    again = exported(lab, config_home, profile.address, "mobileconfig", *args)

    top = plistlib.loads(first)
    assert top["PayloadType"] == "Configuration"
    assert top["PayloadVersion"] == 1
    [mail] = top["PayloadContent"]
    assert mail["PayloadType"] == "com.apple.mail.managed"
    assert mail.keys() >= APPLE_REQUIRED
    assert mail["EmailAccountType"] == "EmailTypeIMAP"
    assert mail["EmailAddress"] == profile.address
    assert mail["EmailAccountName"] == "Alice Example"
    assert (mail["OutgoingMailServerHostName"], mail["OutgoingMailServerPortNumber"]) == (
        f"smtp.{domain}",
        587,
    )
    assert mail["OutgoingMailServerUseSSL"] is True
    assert mail["OutgoingMailServerAuthentication"] == "EmailAuthPassword"
    assert mail["OutgoingMailServerUsername"] == profile.username
    assert (mail["IncomingMailServerHostName"], mail["IncomingMailServerPortNumber"]) == (
        f"imap.{domain}",
        143,
    )
    assert not {"IncomingPassword", "OutgoingPassword"} & mail.keys()
    for payload in (top, mail):
        assert uuid.UUID(payload["PayloadUUID"])
        assert payload["PayloadIdentifier"]
    assert first == again  # the same identifiers: a newer export replaces the installed one


def test_the_thunderbird_document_round_trips(lab: Lab, config_home: Path, domain: str) -> None:
    profile = set_up(config_home, alice_profile(domain, port=587, security=Security.STARTTLS))

    document = exported(
        lab, config_home, profile.address, "thunderbird", "--imap-host", f"imap.{domain}"
    )

    config = parse_client_config(document)
    assert config.domains == (domain,)
    names = {"address": profile.address, "local_part": "alice", "domain": domain}
    context = {
        "source": SourceName.AUTOCONFIG,
        "trust": Trust.TRUSTED,
        "tier": Tier.PROVIDER,
        "origin": "export",
    }
    [smtp] = to_server_configs(config, **names, **context)  # type: ignore[arg-type]
    assert (smtp.host, smtp.port, smtp.security, smtp.username) == (
        profile.host,
        profile.port,
        profile.security,
        profile.username,
    )
    assert smtp.auth_methods == ("password-cleartext",)
    [imap] = to_server_configs(config, **names, **context, protocol=Protocol.IMAP)  # type: ignore[arg-type]
    assert (imap.host, imap.port, imap.security) == (f"imap.{domain}", 993, Security.SSL)


# -- the real programs ------------------------------------------------------------------------


def test_git_send_email_sends_a_patch_through_send(
    lab: Lab, config_home: Path, domain: str, tmp_path: Path
) -> None:
    profile = set_up(config_home, alice_profile(domain))
    server = lab_server(lab, domain)
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "Alice Example"}
    env |= {"GIT_AUTHOR_EMAIL": profile.address, "GIT_COMMITTER_NAME": "Alice Example"}
    env |= {"GIT_COMMITTER_EMAIL": profile.address}
    full_env = {**lab.env(), "XDG_CONFIG_HOME": str(config_home), **env}

    def git(*args: str, cwd: Path = home) -> str:
        done = subprocess.run(
            ["git", *args], cwd=cwd, env=full_env, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout + done.stderr

    commands = exported(lab, config_home, profile.address, "git").decode()
    subprocess.run(["sh", "-e"], input=commands, text=True, env=full_env, check=True)
    repository = home / "project"
    git("init", "-q", str(repository))
    (repository / "hello.txt").write_text("Grüße, world\n", encoding="utf-8")
    git("add", "hello.txt", cwd=repository)
    git("commit", "-q", "-m", "Say hello", cwd=repository)
    [patch] = git("format-patch", "-1", cwd=repository).split()
    said = git(
        "send-email", f"--to=Bob <bob@{domain}>", "--confirm=never", "--suppress-cc=all", patch,
        cwd=repository,
    )  # fmt: skip

    assert "Result: OK" in said
    [received] = server.received
    assert received.mail_from == profile.address
    assert received.rcpt_tos == (f"bob@{domain}",)
    assert received.auth_login == profile.address and received.tls
    data = received.data.replace(b"\r\n", b"\n")
    assert b"Subject: [PATCH] Say hello\n" in data
    assert f"From: Alice Example <{profile.address}>\n".encode() in data
    assert b"X-Mailer: git-send-email" in data
    body = (repository / patch).read_bytes().split(b"\n\n", 1)[1]
    assert data.endswith(body)  # the patch arrives byte for byte
    assert "+Grüße, world\n".encode() in data
    assert PASSWORD not in said


def msmtp_config(lab: Lab, block: bytes, tmp_path: Path, *extra: str) -> Path:
    """The exported account block as msmtp's configuration file (mode 600, as msmtp wants)."""
    config = tmp_path / "msmtprc"
    config.write_bytes(block + "".join(f"{line}\n" for line in extra).encode())
    config.chmod(0o600)
    return config


def msmtp(lab: Lab, config: Path, account: str, recipient: str) -> subprocess.CompletedProcess[str]:
    msmtp_program = shutil.which("msmtp")
    assert msmtp_program, "msmtp is installed by scripts/test"
    return subprocess.run(
        [msmtp_program, "-C", str(config), "-a", account, recipient],
        input=f"To: {recipient}\nSubject: via msmtp\n\nhello from msmtp\n",
        capture_output=True,
        text=True,
        env=lab.env(),
        timeout=60,
        check=False,
    )


def test_msmtp_sends_with_the_exported_config_and_secret_tool(
    lab: Lab, config_home: Path, domain: str, tmp_path: Path
) -> None:
    profile = set_up(config_home, alice_profile(domain))
    server = lab_server(lab, domain)
    block = exported(lab, config_home, profile.address, "msmtp", "--platform", "linux")
    assert b"passwordeval" in block and b"secret-tool lookup" in block
    # msmtp (GnuTLS) trusts the system's authorities; in the lab that is the lab CA.
    config = msmtp_config(lab, block, tmp_path, f"tls_trust_file {lab.ca_pem}")

    done = msmtp(lab, config, profile.address, f"bob@{domain}")

    assert done.returncode == 0, done.stderr
    [received] = server.received
    assert (received.mail_from, received.rcpt_tos) == (profile.address, (f"bob@{domain}",))
    assert received.auth_login == profile.address and received.tls
    assert b"hello from msmtp" in received.data
    assert PASSWORD not in done.stdout + done.stderr


def test_msmtp_checks_the_pinned_certificate(
    lab: Lab, config_home: Path, domain: str, tmp_path: Path
) -> None:
    server = lab_server(lab, domain, cert=CertKind.SELF_SIGNED)
    der = ssl.PEM_cert_to_DER_cert(ssl.get_server_certificate((server.ip, 465)))
    pin = ":".join(f"{byte:02X}" for byte in hashlib.sha256(der).digest())
    profile = set_up(config_home, alice_profile(domain, pinned_sha256=pin))
    block = exported(lab, config_home, profile.address, "msmtp")
    assert f"tls_fingerprint {pin}".encode() in block

    done = msmtp(lab, msmtp_config(lab, block, tmp_path), profile.address, f"bob@{domain}")

    assert done.returncode == 0, done.stderr
    assert len(server.received) == 1


def test_the_python_script_sends_with_the_keychain_password(
    lab: Lab, config_home: Path, domain: str, tmp_path: Path
) -> None:
    profile = set_up(config_home, alice_profile(domain, port=587, security=Security.STARTTLS))
    server = lab.smtp(
        f"smtp.{domain}",
        587,
        SmtpBehaviour(security=Security.STARTTLS, accounts={profile.address: PASSWORD}),
    )
    script = tmp_path / "send_mail.py"
    script.write_bytes(exported(lab, config_home, profile.address, "python"))

    done = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        env=lab.env(),
        timeout=60,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    [received] = server.received
    assert received.auth_login == profile.address and received.tls
    assert b"Subject: Hello from Python" in received.data
    assert PASSWORD not in done.stdout + done.stderr
