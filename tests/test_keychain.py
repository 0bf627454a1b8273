"""Passwords in a real Secret Service (gnome-keyring-daemon), and every way of not having one.

Run these through ``tests/lab/with-keyring``: it gives the tests a private D-Bus session with an
unlocked gnome-keyring of their own. The tests that need it never write into the developer's own
keyring: outside of it they fail inside the lab (as scripts/test runs them) and skip elsewhere.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import keyring
import pytest

from wizard.keychain import (
    KeychainError,
    KeychainProblem,
    backend_description,
    delete_secret,
    get_secret,
    service_name,
    store_secret,
)

WITH_KEYRING = Path(__file__).parent / "lab" / "with-keyring"
PASSWORD = "correct horse ✓ battery"  # non-ASCII on purpose: it must come back byte for byte


@pytest.fixture
def host(private_keychain: None) -> str:
    """A server name of this test's own, so that tests sharing the keyring never meet; only in
    the private keyring (a test that takes it cannot run outside of tests/lab/with-keyring)."""
    return f"smtp-{uuid.uuid4().hex[:12]}.example.test"


def secret_tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["secret-tool", *args], capture_output=True, text=True, check=False)


def test_service_name() -> None:
    assert service_name("smtp.example.com", 465) == "smtp://smtp.example.com:465"
    assert service_name("SMTP.Example.COM", 587) == "smtp://smtp.example.com:587"
    assert service_name("::1", 25) == "smtp://[::1]:25"


def test_stored_password_is_found_by_every_tool(host: str, monkeypatch: pytest.MonkeyPatch) -> None:
    service = f"smtp://{host}:465"
    # The keychain is named after the program that answers on the bus (the lab's
    # gnome-keyring-daemon), not guessed from the desktop.
    monkeypatch.setenv("XDG_CURRENT_DESKTOP", "KDE")

    assert store_secret(service_name(host, 465), "alice@example.com", PASSWORD) == "GNOME Keyring"

    assert backend_description() == "GNOME Keyring"
    assert get_secret(service_name(host, 465), "alice@example.com") == PASSWORD
    assert keyring.get_password(service, "alice@example.com") == PASSWORD
    lookup = secret_tool("lookup", "service", service, "username", "alice@example.com")
    assert (lookup.returncode, lookup.stdout) == (0, PASSWORD)
    # The command the documentation gives users.
    cli = subprocess.run(
        [sys.executable, "-m", "keyring", "get", service, "alice@example.com"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert cli.stdout == PASSWORD + "\n"


def test_entries_are_per_port_and_login(host: str) -> None:
    store_secret(service_name(host, 465), "alice", "for 465")
    store_secret(service_name(host, 587), "alice", "for 587")
    store_secret(service_name(host, 587), "alice@example.com", "for the full address")

    assert get_secret(service_name(host, 465), "alice") == "for 465"
    assert get_secret(service_name(host, 587), "alice") == "for 587"
    assert get_secret(service_name(host, 587), "alice@example.com") == "for the full address"
    assert get_secret(service_name(host, 25), "alice") is None


def test_storing_again_replaces_the_password(host: str) -> None:
    store_secret(service_name(host, 465), "alice", "old password")

    store_secret(service_name(host, 465), "alice", PASSWORD)

    assert get_secret(service_name(host, 465), "alice") == PASSWORD
    found = secret_tool("search", "--all", "service", f"smtp://{host}:465", "username", "alice")
    assert found.returncode == 0
    assert found.stdout.count("secret = ") == 1
    assert f"secret = {PASSWORD}" in found.stdout


def test_delete(host: str) -> None:
    store_secret(service_name(host, 465), "alice", PASSWORD)

    assert delete_secret(service_name(host, 465), "alice") is True

    assert get_secret(service_name(host, 465), "alice") is None
    lookup = secret_tool("lookup", "service", f"smtp://{host}:465", "username", "alice")
    assert (lookup.returncode, lookup.stdout) == (1, "")
    assert delete_secret(service_name(host, 465), "alice") is False


def test_deleting_one_entry_keeps_the_others(host: str) -> None:
    store_secret(service_name(host, 465), "alice", "alice's")
    store_secret(service_name(host, 465), "bob", "bob's")

    assert delete_secret(service_name(host, 465), "alice") is True

    assert get_secret(service_name(host, 465), "bob") == "bob's"


def test_a_session_bus_that_went_away(host: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert backend_description() == "GNOME Keyring"  # keyring has chosen it, and keeps it
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path=/nonexistent/{host}")

    with pytest.raises(KeychainError) as caught:
        store_secret(service_name(host, 465), "alice", PASSWORD)

    assert (caught.value.problem, caught.value.backend) == (
        KeychainProblem.NO_BACKEND,
        "GNOME Keyring",
    )
    monkeypatch.undo()
    assert get_secret(service_name(host, 465), "alice") is None


# Stores a password and prints what happened as JSON; the password comes on stdin.
_STORE = """
import json, sys
from wizard.keychain import KeychainError, service_name, store_secret

password = sys.stdin.read()
try:
    where = store_secret(service_name("smtp.example.test", 465), "alice@example.test", password)
except KeychainError as error:
    print(json.dumps(
        {"problem": error.problem, "backend": error.backend, "detail": error.detail,
         "message": str(error)}
    ))
else:
    print(json.dumps({"stored": where}))
"""

# A backend from keyrings.alt keeps passwords in a plain file; this stand-in does the same, so
# the test can see that the wizard refuses it before it gets the password. (keyrings.alt itself
# is not installed.)
_PLAINTEXT_BACKEND = """
from pathlib import Path
from keyring.backend import KeyringBackend

class PlaintextKeyring(KeyringBackend):
    priority = 0.5

    def _file(self):
        return Path.home() / "keyring_pass.cfg"

    def get_password(self, service, username):
        return self._file().read_text() if self._file().exists() else None

    def set_password(self, service, username, password):
        self._file().write_text(password)

    def delete_password(self, service, username):
        self._file().unlink()
"""


@pytest.mark.parametrize(
    ("configured", "backend", "detail"),
    [
        pytest.param(None, "GNOME Keyring", "keyring.backends.fail.Keyring", id="no-d-bus"),
        # Where the bus cannot say, the keychain the desktop starts is named: KWallet on KDE.
        pytest.param(None, "KWallet", "keyring.backends.fail.Keyring", id="no-d-bus-on-kde"),
        pytest.param(
            "keyring.backends.SecretService.Keyring",
            "GNOME Keyring",
            f"[Errno {errno.ENOENT}]",  # the bus socket is not there
            id="secret-service-without-d-bus",
        ),
        pytest.param(
            "keyring.backends.fail.Keyring",
            "GNOME Keyring",
            "keyring.backends.fail.Keyring",
            id="fail",
        ),
        pytest.param(
            "keyring.backends.null.Keyring",
            "keyring.backends.null.Keyring",
            "keyring.backends.null.Keyring",
            id="null",
        ),
        pytest.param(
            "keyring.backends.chainer.ChainerBackend",
            "GNOME Keyring",
            "keyring.backends.chainer.ChainerBackend",
            id="empty-chain",
        ),
        pytest.param(
            "keyrings.alt.file.PlaintextKeyring",
            "keyrings.alt.file.PlaintextKeyring",
            "keyrings.alt.file.PlaintextKeyring",
            id="plaintext-file",
        ),
    ],
)
def test_without_a_usable_keychain_nothing_is_stored(
    tmp_path: Path, configured: str | None, backend: str, detail: str
) -> None:
    home = tmp_path / "home"
    fakes = tmp_path / "fakes" / "keyrings" / "alt"
    for folder in (home, fakes):
        folder.mkdir(parents=True)
    (fakes / "file.py").write_text(_PLAINTEXT_BACKEND)
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path / 'no-bus'}",
        "PYTHONPATH": str(tmp_path / "fakes"),
        "XDG_CURRENT_DESKTOP": "KDE" if backend == "KWallet" else "GNOME",
    }
    env.pop("PYTHON_KEYRING_BACKEND", None)
    if configured is not None:
        env["PYTHON_KEYRING_BACKEND"] = configured

    done = subprocess.run(
        [sys.executable, "-c", _STORE],
        input=PASSWORD,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )

    result = json.loads(done.stdout)
    assert result["problem"] == KeychainProblem.NO_BACKEND
    assert result["backend"] == backend
    assert detail in result["detail"]
    assert PASSWORD not in result["message"]
    leaked = [path for path in tmp_path.rglob("*") if path.is_file() and _holds_password(path)]
    assert leaked == []


def _holds_password(path: Path) -> bool:
    return PASSWORD.encode() in path.read_bytes()


# Tries to store before the keychain is there, then again once it is, as a user would retry.
_RETRY = """
import os, sys
from wizard.keychain import KeychainError, service_name, store_secret

host, password = sys.argv[1], sys.stdin.read()
try:
    store_secret(service_name(host, 465), "alice", password)
except KeychainError as error:
    print(error.problem)
os.environ["DBUS_SESSION_BUS_ADDRESS"] = os.environ["WITH_KEYRING_BUS"]
print(store_secret(service_name(host, 465), "alice", password))
"""


def test_a_retry_finds_a_keychain_that_has_come_up(host: str, tmp_path: Path) -> None:
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path / 'not-yet'}"}

    done = subprocess.run(
        [sys.executable, "-c", _RETRY, host],
        input=PASSWORD,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )

    assert done.stdout.splitlines() == ["no-backend", "GNOME Keyring"]
    assert get_secret(service_name(host, 465), "alice") == PASSWORD


# Runs in a keyring of its own (a nested with-keyring), first made unusable in the way argv[1]
# names, then tries to store a password.
_BREAK_AND_STORE = """
import sys
from contextlib import closing
import secretstorage

with closing(secretstorage.dbus_init()) as connection:
    collection = secretstorage.get_default_collection(connection)
    if sys.argv[1] == "lock":
        collection.lock()
    else:  # with no collection to store into, keyring asks to create one
        collection.delete()
"""


@pytest.mark.parametrize(
    ("breakage", "problem"),
    [
        pytest.param("lock", KeychainProblem.LOCKED, id="locked"),
        # Creating a collection needs a prompt; with no display to show it on, gnome-keyring
        # reports it dismissed, exactly as when the user clicks Cancel.
        pytest.param("delete", KeychainProblem.DENIED, id="prompt-dismissed"),
    ],
)
def test_a_keychain_that_will_not_open(breakage: str, problem: KeychainProblem) -> None:
    script = _BREAK_AND_STORE + _STORE

    done = subprocess.run(
        [str(WITH_KEYRING), sys.executable, "-c", script, breakage],
        input=PASSWORD,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )

    result = json.loads(done.stdout)
    assert (result["problem"], result["backend"]) == (problem, "GNOME Keyring")
    assert PASSWORD not in result["message"]
