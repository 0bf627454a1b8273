"""Accounts under concurrent use, interrupted writes and large files (issue 10): no account
lost when programs store at once, no password stranded where nobody can find it, no temporary
file left for ever, and work linear in the number of accounts.

Concurrency is real: separate processes writing one file under the OS lock; the keychain is
the private gnome-keyring of tests/lab/with-keyring.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import keyring
import pytest

import wizard.profiles
from tests.lab.smtp_server import SmtpBehaviour
from tests.test_cli_accounts import PASSWORD, autoconfig, program, run, smtp_server
from wizard import accounts
from wizard.address import parse_address
from wizard.model import Security
from wizard.profiles import AccountProfile, ProfileError, ProfileProblem, ProfileStore

if TYPE_CHECKING:
    from pathlib import Path

    from tests.lab.world import Lab

WHEN = datetime(2026, 1, 1, tzinfo=UTC)


def profile(number: int, domain: str = "example.test") -> AccountProfile:
    address = f"user{number}@{domain}"
    return AccountProfile(
        "", address, f"smtp.{domain}", 465, Security.SSL, address, last_tested=WHEN
    )


# -- concurrent writers -------------------------------------------------------------------

_WRITER = """
import sys
from datetime import UTC, datetime
from pathlib import Path
from wizard.model import Security
from wizard.profiles import AccountProfile, ProfileStore
store = ProfileStore(Path(sys.argv[1]))
for n in range(int(sys.argv[3])):
    address = f"w{sys.argv[2]}-{n}@example.test"
    store.save(AccountProfile("", address, "smtp.example.test", 465, Security.SSL, address))
"""


def test_programs_saving_at_once_never_lose_an_account(tmp_path: Path) -> None:
    path = tmp_path / "accounts.json"
    writers = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(path), str(w), "25"]) for w in range(8)
    ]
    assert [writer.wait(timeout=120) for writer in writers] == [0] * 8

    saved = {p.address for p in ProfileStore(path).load()}

    assert saved == {f"w{w}-{n}@example.test" for w in range(8) for n in range(25)}


_HOLDER = """
import fcntl, os, sys, time
handle = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(handle, fcntl.LOCK_EX)
print("held", flush=True)
time.sleep(60)
"""


def test_a_lock_held_too_long_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = ProfileStore(tmp_path / "accounts.json")
    with subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(tmp_path / ".accounts.json.lock")],
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        try:
            assert holder.stdout is not None and holder.stdout.readline() == "held\n"
            monkeypatch.setattr(wizard.profiles, "LOCK_PATIENCE", 0.2)
            with pytest.raises(ProfileError) as busy:
                store.save(profile(1))
        finally:
            holder.kill()
    assert busy.value.problem is ProfileProblem.BUSY
    assert store.load() == []


# -- size -----------------------------------------------------------------------------------


def test_loading_checks_each_address_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = ProfileStore(tmp_path / "accounts.json")
    store._write([profile(n, f"d{n % 7}.example.test") for n in range(1000)])
    checked: list[str] = []
    real = parse_address

    def counting(text: str) -> object:
        checked.append(text)
        return real(text)

    monkeypatch.setattr("wizard.profiles.parse_address", counting)

    loaded = store.load()
    store.save(loaded[500])

    assert len(loaded) == 1000
    # Linear: each profile checked as it is made (twice for the load before the save), plus
    # the address looked up; comparing every address with every other would be 500,000.
    assert len(checked) <= 2 * 1000 + 2


# -- interrupted writes and stranded passwords ------------------------------------------------


def test_a_stale_temporary_file_is_removed_by_the_next_write(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "accounts.json")
    store.save(profile(1))
    stale = tmp_path / ".accounts.json.k1ll3d.tmp"
    stale.write_text("half of a file")

    store.save(profile(2))

    assert not stale.exists()
    assert [p.address for p in store.load()] == ["user1@example.test", "user2@example.test"]


@pytest.mark.usefixtures("private_keychain")
def test_a_password_without_an_account_is_listed_and_can_be_removed(
    tmp_path: Path, domain: str
) -> None:
    store = ProfileStore(tmp_path / "accounts.json")
    kept = profile(1, domain)
    accounts.store_account(store, kept, "kept")
    # What a setup killed between the keychain and the account file leaves behind:
    stranded = profile(2, domain)
    store.remember(stranded.keychain_service, stranded.username)
    keyring.set_password(stranded.keychain_service, stranded.username, "stranded")

    assert accounts.orphans(store) == [(stranded.keychain_service, stranded.username)]
    assert accounts.remove_orphans(store) == [(stranded.keychain_service, stranded.username)]

    assert keyring.get_password(stranded.keychain_service, stranded.username) is None
    assert keyring.get_password(kept.keychain_service, kept.username) == "kept"
    assert accounts.orphans(store) == []


_KILLED_WRITING = """
import os, signal, sys
real_fsync = os.fsync

def fsync(handle):
    name = os.readlink(f"/proc/self/fd/{handle}")
    if os.path.basename(name).startswith(".accounts.json.") and name.endswith(".tmp"):
        os.kill(os.getpid(), signal.SIGKILL)  # as kill -9, right after the file was written
    real_fsync(handle)

os.fsync = fsync
from wizard.launcher import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.usefixtures("private_keychain")
def test_a_setup_killed_while_writing_leaves_nothing_unlisted(
    lab: Lab, config_home: Path, domain: str
) -> None:
    smtp_server(lab, domain)
    autoconfig(lab, domain)
    address = f"alice@{domain}"
    killed = subprocess.run(
        [
            sys.executable,
            "-c",
            _KILLED_WRITING,
            "setup",
            address,
            "--password-stdin",
            "--no-confirm",
        ],
        input=f"{PASSWORD}\n",
        capture_output=True,
        text=True,
        env={**lab.env(), "XDG_CONFIG_HOME": str(config_home)},
        timeout=120,
        check=False,
    )
    assert killed.returncode == -9, killed.stderr
    folder = config_home / "email-setup-wizard"
    assert list(folder.glob(".accounts.json.*.tmp"))  # the kill came mid-write
    service = f"smtp://smtp.{domain}:465"
    assert keyring.get_password(service, address) == PASSWORD  # the keychain came first

    listed = json.loads(run(lab, config_home, "accounts", "list", "--json").stdout)
    assert listed["accounts"] == []
    assert listed["orphans"] == [{"service": service, "username": address}]

    cleaned = run(lab, config_home, "accounts", "clean", "--json")

    assert cleaned.returncode == 0
    assert json.loads(cleaned.stdout)["removed"] == [{"service": service, "username": address}]
    assert keyring.get_password(service, address) is None
    assert not list(folder.glob(".accounts.json.*.tmp"))  # the next write cleared it


@pytest.mark.usefixtures("private_keychain")
def test_eight_setups_at_once_keep_all_eight_accounts(
    lab: Lab, config_home: Path, domain: str
) -> None:
    users = [f"user{n}@{domain}" for n in range(8)]
    accounts_there = dict.fromkeys(users, PASSWORD)
    lab.smtp(f"smtp.{domain}", 465, SmtpBehaviour(security=Security.SSL, accounts=accounts_there))
    autoconfig(lab, domain)
    env = {**lab.env(), "XDG_CONFIG_HOME": str(config_home)}
    setups = [
        subprocess.Popen(
            [program(), "setup", user, "--password-stdin", "--json", "--no-confirm"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for user in users
    ]
    said = [setup.communicate(f"{PASSWORD}\n", timeout=120) for setup in setups]
    assert [setup.returncode for setup in setups] == [0] * 8, said

    listed = json.loads(run(lab, config_home, "accounts", "list", "--json").stdout)

    assert sorted(a["address"] for a in listed["accounts"]) == sorted(users)
    assert listed["orphans"] == []
    for user in users:
        assert keyring.get_password(f"smtp://smtp.{domain}:465", user) == PASSWORD


def test_listing_orphans_takes_no_lock_and_creates_nothing(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "never-written" / "accounts.json")

    assert accounts.orphans(store) == []
    assert not store.path.parent.exists()  # a read-only listing leaves the disk alone
