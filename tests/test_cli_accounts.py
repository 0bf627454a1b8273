"""The headless commands a helpdesk uses: ``test``, ``setup`` and ``accounts``.

The real program runs in a subprocess inside the lab, against lab SMTP servers, storing
passwords in the private gnome-keyring that tests/lab/with-keyring starts; the tests read them
back through keyring and secret-tool, and check what the SMTP server received.
"""

from __future__ import annotations

import json
import os
import selectors
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import keyring
import pytest

from tests.lab.certs import CertKind
from tests.lab.smtp_server import LabSmtpServer, SmtpBehaviour
from tests.lab.world import Lab
from wizard.model import Security
from wizard.profiles import AccountProfile, ProfileStore

pytestmark = pytest.mark.usefixtures("private_keychain")

PASSWORD = "s3cret ✓ pass"
# A German user's environment, whatever the machine running the tests has set.
GERMAN = {"LANG": "de_DE.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}
AUTOCONFIG = "/mail/config-v1.1.xml"


def program() -> str:
    """The installed command."""
    found = shutil.which("email-setup-wizard", path=str(Path(sys.executable).parent))
    assert found
    return found


def run(
    lab: Lab,
    config_home: Path,
    *args: str,
    stdin: str | None = None,
    env: Mapping[str, str] | None = None,
    wrapper: Sequence[str] = (),
) -> subprocess.CompletedProcess[str]:
    """The installed program inside the lab, its profiles in ``config_home``; ``env`` adds to
    or overrides the environment it gets; ``wrapper`` is a command that runs it."""
    return subprocess.run(
        [*wrapper, program(), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**lab.env(), "XDG_CONFIG_HOME": str(config_home), **(env or {})},
        timeout=60,
        check=False,
    )


def run_at_terminal(
    lab: Lab,
    config_home: Path,
    *args: str,
    prompt: str,
    answer: Callable[[subprocess.Popen[bytes], int], None],
    env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """The program reading from a terminal of its own, as when a person runs it: once
    ``prompt`` has appeared on its stdout or stderr, ``answer(process, terminal)`` types
    or signals. The terminal is not the program's controlling one (a new session), so
    ``getpass`` prompts on stderr and reads standard input, as it falls back to. ``env`` as
    for ``run``."""
    terminal, far_end = os.openpty()
    try:
        with subprocess.Popen(
            [program(), *args],
            stdin=far_end,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**lab.env(), "XDG_CONFIG_HOME": str(config_home), **(env or {})},
            start_new_session=True,
        ) as process:
            os.close(far_end)
            far_end = -1
            try:
                early = _read_until(process, prompt.encode())
                answer(process, terminal)
                stdout, stderr = process.communicate(timeout=60)
            except BaseException:
                process.kill()  # a failed expectation must not leave it waiting for input
                raise
    finally:
        os.close(terminal)
        if far_end >= 0:
            os.close(far_end)
    return subprocess.CompletedProcess(
        process.args,
        process.returncode,
        (early[0] + stdout).decode(),
        (early[1] + stderr).decode(),
    )


def _read_until(process: subprocess.Popen[bytes], prompt: bytes) -> tuple[bytes, bytes]:
    """What ``process`` wrote to stdout and stderr until ``prompt`` appeared on one of them."""
    assert process.stdout is not None and process.stderr is not None
    streams = [process.stdout.fileno(), process.stderr.fileno()]
    seen = dict.fromkeys(streams, b"")
    deadline = time.monotonic() + 60
    with selectors.DefaultSelector() as selector:
        for stream in streams:
            selector.register(stream, selectors.EVENT_READ)
        while not any(prompt in text for text in seen.values()):
            assert selector.get_map(), f"ended without asking {prompt!r}: {seen}"
            ready = selector.select(timeout=deadline - time.monotonic())
            assert ready, f"did not ask {prompt!r} in time: {seen}"
            for key, _ in ready:
                chunk = os.read(key.fd, 4096)
                if not chunk:
                    selector.unregister(key.fd)
                seen[key.fd] += chunk
    return seen[streams[0]], seen[streams[1]]


def end_of_input(process: subprocess.Popen[bytes], terminal: int) -> None:
    """Ctrl-D at the start of a line: the terminal's end of input."""
    os.write(terminal, b"\x04")


def interrupt(process: subprocess.Popen[bytes], terminal: int) -> None:
    """Ctrl-C, as the terminal would deliver it."""
    process.send_signal(signal.SIGINT)


def read_only(folder: Path) -> list[str]:
    """A wrapper command that runs a program with ``folder`` mounted read-only, in a mount
    namespace of its own: root (as in the lab) can write to any folder whatever its mode."""
    folder.mkdir(parents=True, exist_ok=True)
    return [
        "unshare",
        "--mount",
        "sh",
        "-c",
        'mount --bind -o ro "$0" "$0" && exec "$@"',
        str(folder),
    ]


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


def stored_profile(config_home: Path, address: str, host: str, username: str | None = None) -> None:
    """An account set up earlier, for ``address`` on ``host``, port 587, its password in the
    keychain."""
    profile = AccountProfile("", address, host, 587, Security.STARTTLS, username or address)
    ProfileStore(profiles_file(config_home)).save(profile)
    keyring.set_password(profile.keychain_service, profile.username, "the old one")


def one_json_object(text: str) -> dict[str, Any]:
    """The JSON object that is the whole of ``text`` (``json.loads`` refuses a second one)."""
    document = json.loads(text)
    assert isinstance(document, dict)
    return document


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


def test_test_command_for_an_account_not_set_up(lab: Lab, config_home: Path) -> None:
    done = run(lab, config_home, "test", "nobody@example.test", "--password-stdin", stdin="x\n")

    assert done.returncode == 3
    assert "no account for nobody@example.test" in done.stderr

    as_json = run(lab, config_home, "test", "nobody@example.test", "--json", stdin="x\n")

    assert as_json.returncode == 3
    assert "no account for nobody@example.test" in one_json_object(as_json.stdout)["error"]


@pytest.mark.parametrize("as_json", [True, False], ids=["json", "readable"])
def test_a_stored_account_whose_password_is_gone_says_the_keychain_had_none(
    lab: Lab, config_home: Path, domain: str, as_json: bool
) -> None:
    """The keychain lost the account's password and no terminal can ask for it: the user
    reads first that the keychain had none, and what to do, not only "no terminal"."""
    address = f"alice@{domain}"
    server = smtp_server(lab, domain, 587, Security.STARTTLS, password="the old one")
    stored_profile(config_home, address, f"smtp.{domain}")
    profile = AccountProfile("", address, f"smtp.{domain}", 587, Security.STARTTLS, address)
    keyring.delete_password(profile.keychain_service, address)
    stored = profiles_file(config_home).read_bytes()

    done = run(lab, config_home, "test", address, "--no-confirm", *(["--json"] * as_json))

    assert done.returncode == 2
    words = (
        f"the keychain has no password for the account {address}, and there is no terminal "
        "to ask for it; give it on standard input with --password-stdin, or store it again "
        f"with “setup {address}”."
    )
    assert " ".join(done.stderr.split()).endswith(words), done.stderr
    if as_json:
        assert one_json_object(done.stdout)["error"] == words
    assert server.received == []
    assert profiles_file(config_home).read_bytes() == stored
    german = run(lab, config_home, "test", address, "--no-confirm", env=GERMAN)
    assert german.returncode == 2
    assert f"der Schlüsselbund hat kein Passwort für das Konto {address}" in german.stderr


@pytest.mark.parametrize(
    "settings",
    [["--port", "25", "--security", "none"], ["--port", "587"], ["--username", "bob"]],
    ids=["port-and-security", "port", "username"],
)
@pytest.mark.parametrize("as_json", [True, False], ids=["json", "readable"])
def test_settings_without_a_host_are_refused_not_ignored(
    lab: Lab, config_home: Path, domain: str, settings: list[str], as_json: bool
) -> None:
    """Without --host, ``test`` re-tests the stored account as it is: a port, security or
    username given beside it would be silently left out, and "sending works" would be said of
    settings that were never tried."""
    address = f"alice@{domain}"
    server = smtp_server(lab, domain, 587, Security.STARTTLS, password="the old one")
    stored_profile(config_home, address, f"smtp.{domain}")  # which passes its test as it is

    done = run(
        lab,
        config_home,
        "test",
        address,
        *settings,
        "--no-confirm",
        *(["--json"] if as_json else []),
        stdin=PASSWORD + "\n",
    )

    assert done.returncode == 2
    assert "need --host" in done.stderr
    if as_json:
        assert "need --host" in one_json_object(done.stdout)["error"]
    else:
        assert done.stdout == ""
    assert server.sessions == 0


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        pytest.param(
            ["test", "a@example.test", "--host", "h", "--port", "0"], "1 to 65535", id="port-0"
        ),
        pytest.param(
            ["test", "a@example.test", "--host", "h", "--port", "65536"],
            "1 to 65535",
            id="port-65536",
        ),
        pytest.param(
            ["test", "a@example.test", "--host", "h", "--port", "smtp"],
            "1 to 65535",
            id="port-name",
        ),
        pytest.param(
            ["setup", "a@example.test", "--timeout", "0"], "between 0 and 600", id="timeout-0"
        ),
        pytest.param(
            ["setup", "a@example.test", "--timeout", "nan"], "between 0 and 600", id="timeout-nan"
        ),
        pytest.param(
            ["setup", "a@example.test", "--timeout", "601", "--json"],
            "between 0 and 600",
            id="timeout-601",
        ),
    ],
)
def test_out_of_range_numbers_are_refused_before_anything_happens(
    lab: Lab, config_home: Path, args: list[str], complaint: str
) -> None:
    done = run(lab, config_home, *args, stdin="")

    assert done.returncode == 2
    assert "usage:" in done.stderr and complaint in done.stderr
    if "--json" in args:  # a script still gets its one object, saying why
        assert complaint in one_json_object(done.stdout)["error"]
    else:
        assert done.stdout == ""


def test_ctrl_d_at_the_password_prompt(lab: Lab, config_home: Path, domain: str) -> None:
    server = smtp_server(lab, domain)

    done = run_at_terminal(
        lab,
        config_home,
        "test",
        f"alice@{domain}",
        "--host",
        f"smtp.{domain}",
        prompt="Password: ",
        answer=end_of_input,
    )

    assert done.returncode == 2, done.stderr
    assert "no password was entered" in done.stderr
    assert "Traceback" not in done.stderr
    assert server.sessions == 0


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
    result = one_json_object(done.stdout)
    assert (result["exit_status"], result["error"]) == (0, None)
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
    assert listed["accounts"][0]["auth_method"] == "PLAIN"  # the mechanism the server accepted
    shown = json.loads(run(lab, config_home, "accounts", "show", address, "--json").stdout)
    assert shown["password_stored"] is True
    assert shown["keychain_service"] == service
    readable = run(lab, config_home, "accounts", "show", address).stdout
    assert f"Password:   in GNOME Keyring (service {service})" in readable

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
    # The summary is the one ``accounts show`` gives.
    summary = accepted.stdout.split("Stored this account:\n", 1)[1]
    assert summary.startswith(
        f"{address}\n  Server:     smtp.{domain}\n  Port:       465\n  Security:   SSL/TLS\n"
        f"  Username:   {address}\n  Last test:  "
    )
    assert "  Password:   in GNOME Keyring (service smtp://" in summary
    assert f"  Settings:   {profiles_file(config_home)}" in summary
    keyring.delete_password(f"smtp://smtp.{domain}:465", address)


def test_ctrl_d_at_the_confirmation_prompt(lab: Lab, config_home: Path, domain: str) -> None:
    server = smtp_server(lab, domain)  # found by probing: untrusted

    done = run_at_terminal(
        lab, config_home, "setup", f"alice@{domain}", prompt="[y/N] ", answer=end_of_input
    )

    assert done.returncode == 2, done.stderr
    assert "not confirmed; nothing was sent or stored" in done.stderr
    assert "Traceback" not in done.stderr
    assert server.auth_attempts == [] and server.received == []
    assert not profiles_file(config_home).exists()


@pytest.mark.parametrize(
    ("answer", "status", "error"),
    [
        pytest.param(end_of_input, 2, "no password was entered", id="ctrl-d"),
        pytest.param(interrupt, 130, "cancelled", id="ctrl-c"),
    ],
)
def test_setup_json_at_the_password_prompt_still_reports(
    lab: Lab,
    config_home: Path,
    domain: str,
    answer: Callable[[subprocess.Popen[bytes], int], None],
    status: int,
    error: str,
) -> None:
    autoconfig(lab, domain)
    server = smtp_server(lab, domain)

    done = run_at_terminal(
        lab, config_home, "setup", f"alice@{domain}", "--json", prompt="Password: ", answer=answer
    )

    assert done.returncode == status, done.stderr
    result = one_json_object(done.stdout)
    assert result["exit_status"] == status
    assert error in result["error"]
    assert result["detect"]["smtp"]["host"] == f"smtp.{domain}"
    assert result["test"] is None and result["stored"] is None
    assert "Traceback" not in done.stderr
    assert server.auth_attempts == []


def nothing(lab: Lab, domain: str, config_home: Path) -> None:
    """No server, no settings."""


def damaged_file(lab: Lab, domain: str, config_home: Path) -> None:
    autoconfig(lab, domain)
    smtp_server(lab, domain)
    profiles_file(config_home).parent.mkdir(parents=True)
    profiles_file(config_home).write_text("{ this is not json")


def trusted_server(lab: Lab, domain: str, config_home: Path) -> None:
    autoconfig(lab, domain)
    smtp_server(lab, domain)


def untrusted_server(lab: Lab, domain: str, config_home: Path) -> None:
    smtp_server(lab, domain)


@pytest.mark.parametrize(
    ("prepare", "options", "stdin", "status", "error", "detected"),
    [
        pytest.param(nothing, ["--to", "not an address"], "", 2, "address", False, id="bad-rcpt"),
        pytest.param(
            trusted_server, ["--password-stdin"], "", 2, "no password", False, id="empty-stdin"
        ),
        pytest.param(
            damaged_file,
            ["--password-stdin"],
            PASSWORD + "\n",
            5,
            "damaged",
            False,
            id="damaged-file",
        ),
        pytest.param(
            nothing,
            ["--password-stdin", "--timeout", "5"],
            PASSWORD + "\n",
            3,
            "no outgoing-mail settings",
            True,
            id="nothing-found",
        ),
        pytest.param(
            untrusted_server,
            ["--password-stdin"],
            PASSWORD + "\n",
            2,
            "--yes",
            True,
            id="untrusted",
        ),
        pytest.param(trusted_server, [], "", 2, "--password-stdin", True, id="no-terminal"),
    ],
)
def test_setup_json_reports_every_exit(
    lab: Lab,
    config_home: Path,
    domain: str,
    prepare: Callable[[Lab, str, Path], None],
    options: list[str],
    stdin: str,
    status: int,
    error: str,
    detected: bool,
) -> None:
    prepare(lab, domain, config_home)

    done = run(lab, config_home, "setup", f"alice@{domain}", "--json", *options, stdin=stdin)

    assert done.returncode == status, done.stderr
    result = one_json_object(done.stdout)
    assert result["exit_status"] == status
    assert error in result["error"]
    assert (result["detect"] is not None) == detected
    assert result["test"] is None and result["stored"] is None
    assert not keyring.get_password(f"smtp://smtp.{domain}:465", f"alice@{domain}")


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
    assert "No usable keychain" in done.stderr and "GNOME Keyring" in done.stderr
    assert not profiles_file(config_home).exists()
    leaked = [p for p in tmp_path.rglob("*") if p.is_file() and PASSWORD.encode() in p.read_bytes()]
    assert leaked == []
    assert os.environ.get("DBUS_SESSION_BUS_ADDRESS") != no_keychain["DBUS_SESSION_BUS_ADDRESS"]


@pytest.mark.parametrize("shared", [False, True], ids=["own-password", "shared-with-an-alias"])
def test_setup_again_removes_the_password_the_old_settings_used(
    lab: Lab, config_home: Path, domain: str, shared: bool
) -> None:
    address = f"alice@{domain}"
    stored_profile(config_home, address, f"old.{domain}")
    if shared:  # another address of hers, sent from with the same login
        stored_profile(config_home, f"info@{domain}", f"old.{domain}", username=address)
    autoconfig(lab, domain)
    smtp_server(lab, domain)

    done = run(lab, config_home, "setup", address, "--password-stdin", stdin=PASSWORD + "\n")

    assert done.returncode == 0, done.stderr
    assert keyring.get_password(f"smtp://smtp.{domain}:465", address) == PASSWORD
    old = keyring.get_password(f"smtp://old.{domain}:587", address)
    assert old == ("the old one" if shared else None)
    accounts = json.loads(profiles_file(config_home).read_text())["accounts"]
    assert {a["address"]: a["host"] for a in accounts}[address] == f"smtp.{domain}"


@pytest.mark.parametrize("before", [None, "the old one"], ids=["no-entry", "an-entry"])
def test_a_profile_that_cannot_be_saved_leaves_the_keychain_as_it_was(
    lab: Lab, config_home: Path, domain: str, before: str | None
) -> None:
    address = f"alice@{domain}"
    service = f"smtp://smtp.{domain}:465"
    if before is not None:
        keyring.set_password(service, address, before)
    autoconfig(lab, domain)
    server = smtp_server(lab, domain)

    done = run(
        lab,
        config_home,
        "setup",
        address,
        "--password-stdin",
        stdin=PASSWORD + "\n",
        wrapper=read_only(profiles_file(config_home).parent),
    )

    assert done.returncode == 5, done.stderr
    assert "cannot be written" in done.stderr
    assert len(server.received) == 1  # the test itself went through
    assert keyring.get_password(service, address) == before
    assert not profiles_file(config_home).exists()


def test_accounts_remove_without_a_keychain_removes_nothing(
    lab: Lab, config_home: Path, domain: str, tmp_path: Path
) -> None:
    address = f"alice@{domain}"
    stored_profile(config_home, address, f"smtp.{domain}")
    no_keychain = {
        "DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path / 'no-bus'}",
        "HOME": str(tmp_path),
    }

    done = run(lab, config_home, "accounts", "remove", address, env=no_keychain)

    assert done.returncode == 5
    assert "No usable keychain" in done.stderr
    assert f"nothing was removed: {address} stays set up" in done.stderr
    listed = json.loads(run(lab, config_home, "accounts", "--json").stdout)["accounts"]
    assert [a["address"] for a in listed] == [address]
    assert keyring.get_password(f"smtp://smtp.{domain}:587", address) == "the old one"


def test_accounts_remove_keeps_a_password_an_alias_still_uses(
    lab: Lab, config_home: Path, domain: str
) -> None:
    address, alias = f"alice@{domain}", f"info@{domain}"
    stored_profile(config_home, address, f"smtp.{domain}")
    stored_profile(config_home, alias, f"smtp.{domain}", username=address)
    service = f"smtp://smtp.{domain}:587"

    kept = run(lab, config_home, "accounts", "remove", alias, "--json")

    assert kept.returncode == 0, kept.stderr
    assert one_json_object(kept.stdout) == {
        "removed": alias,
        "keychain_entry_removed": False,
        "kept_for": [address],
        "auth": "password",
        "revoked": False,
    }
    assert keyring.get_password(service, address) == "the old one"

    gone = run(lab, config_home, "accounts", "remove", address)

    assert gone.returncode == 0, gone.stderr
    assert keyring.get_password(service, address) is None


def test_accounts_json_reports_a_damaged_file(lab: Lab, config_home: Path) -> None:
    path = profiles_file(config_home)
    path.parent.mkdir(parents=True)
    path.write_text("[not json")

    done = run(lab, config_home, "accounts", "list", "--json")

    assert done.returncode == 5
    report = one_json_object(done.stdout)
    assert report["exit_status"] == 5 and "damaged" in report["error"]
    assert path.read_text() == "[not json"


# -- the user's language --------------------------------------------------------------------


def test_accounts_list_follows_the_language(lab: Lab, config_home: Path) -> None:
    done = run(lab, config_home, "accounts", "list", env=GERMAN)

    assert (done.returncode, done.stdout) == (0, "Es sind noch keine Konten eingerichtet.\n")
    in_english = run(lab, config_home, "accounts", "list", "--json")
    in_german = run(lab, config_home, "accounts", "list", "--json", env=GERMAN)
    assert in_german.stdout == in_english.stdout
    assert one_json_object(in_german.stdout)["accounts"] == []


def test_setup_speaks_the_language_but_its_json_stays_english(
    lab: Lab, config_home: Path, domain: str
) -> None:
    address = f"alice@{domain}"
    smtp_server(lab, domain)  # found by probing: untrusted

    refused = run(
        lab,
        config_home,
        "setup",
        address,
        "--json",
        "--password-stdin",
        stdin=PASSWORD + "\n",
        env=GERMAN,
    )

    assert refused.returncode == 2
    result = one_json_object(refused.stdout)
    assert result["error"].startswith("these settings come from an untrusted source (DNS")
    assert result["detect"]["warnings"][0].startswith(
        "These settings were found by trying likely server names"
    )
    assert refused.stderr == (
        "email-setup-wizard: diese Einstellungen stammen aus einer nicht vertrauenswürdigen "
        "Quelle (DNS, unverschlüsseltes HTTP oder eine Vermutung), und ohne Terminal (oder mit "
        "--json) kann niemand gefragt werden; prüfen Sie sie und starten Sie dann erneut mit "
        "--yes.\n"
    )

    accepted = run(
        lab,
        config_home,
        "setup",
        address,
        "--password-stdin",
        "--yes",
        stdin=PASSWORD + "\n",
        env=GERMAN,
    )
    assert accepted.returncode == 0, accepted.stderr
    assert "Der Server hat die Testnachricht angenommen: Das Senden funktioniert.\n" in (
        accepted.stdout
    )
    summary = accepted.stdout.split("Dieses Konto wurde gespeichert:\n", 1)[1]
    assert summary.startswith(
        f"{address}\n  Server:           smtp.{domain}\n  Port:             465\n"
        f"  Verschlüsselung:  SSL/TLS\n  Benutzername:     {address}\n  Letzter Test:     "
    )
    assert "  Passwort:         liegt in GNOME Keyring (Dienst smtp://" in summary
    assert f"  Einstellungen:    {profiles_file(config_home)}" in summary

    removed = run(lab, config_home, "accounts", "remove", address, env=GERMAN)
    assert removed.stdout == f"{address} und das Passwort wurden entfernt.\n"
    assert keyring.get_password(f"smtp://smtp.{domain}:465", address) is None


def test_the_question_at_the_terminal_follows_the_language(
    lab: Lab, config_home: Path, domain: str
) -> None:
    server = smtp_server(lab, domain)  # found by probing: untrusted

    done = run_at_terminal(
        lab,
        config_home,
        "setup",
        f"alice@{domain}",
        prompt="verwenden? [j/N] ",
        answer=end_of_input,
        env=GERMAN,
    )

    assert done.returncode == 2, done.stderr
    assert "Warnung: Diese Einstellungen wurden durch Ausprobieren" in done.stdout
    assert "nicht bestätigt; nichts wurde gesendet oder gespeichert." in done.stderr
    assert server.auth_attempts == [] and server.received == []
