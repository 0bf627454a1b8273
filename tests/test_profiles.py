"""The accounts file: what goes in, what comes back, and what happens to a file it cannot read."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from dataclasses import fields, replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from wizard.model import Security, SourceName, Trust
from wizard.oauth.issuers import GOOGLE, MICROSOFT
from wizard.profiles import (
    AccountProfile,
    IncomingServer,
    OAuthLogin,
    ProfileError,
    ProfileProblem,
    ProfileStore,
)

ALICE = AccountProfile(
    display_name="Alice at Example",
    address="alice@example.com",
    host="smtp.example.com",
    port=465,
    security=Security.SSL,
    username="alice@example.com",
    auth_method="PLAIN",
    source=SourceName.AUTOCONFIG,
    trust=Trust.TRUSTED,
    last_tested=datetime(2025, 3, 1, 12, 30, 5, tzinfo=UTC),
    pinned_sha256="AB:CD:" + ":".join(["00"] * 30),
)
BOB = AccountProfile(
    display_name="Bob",
    address="bob@mail.lab.test",
    host="127.0.0.1",
    port=587,
    security=Security.STARTTLS,
    username="bob",
)

KEYS = {
    "display_name",
    "address",
    "host",
    "port",
    "security",
    "username",
    "auth_method",
    "source",
    "trust",
    "last_tested",
    "pinned_sha256",
    "oauth",
    "incoming",
}
FILE_KEYS = KEYS | {"auth"}


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home


@pytest.fixture
def store(config_home: Path) -> ProfileStore:
    return ProfileStore()


def test_the_file_is_in_the_platform_config_folder(store: ProfileStore, config_home: Path) -> None:
    assert store.path == config_home / "email-setup-wizard" / "accounts.json"
    assert ProfileStore(config_home / "other.json").path == config_home / "other.json"


def test_no_file_means_no_accounts(store: ProfileStore) -> None:
    assert store.load() == []
    assert store.get("alice@example.com") is None
    assert store.remove("alice@example.com") is None
    assert not store.path.exists()


def test_round_trip(store: ProfileStore) -> None:
    store.save(ALICE)
    store.save(BOB)

    assert ProfileStore(store.path).load() == [ALICE, BOB]
    assert store.get("bob@mail.lab.test") == BOB
    document = json.loads(store.path.read_text(encoding="utf-8"))
    assert document["format"] == 3
    assert document["accounts"][0] == {
        "display_name": "Alice at Example",
        "address": "alice@example.com",
        "host": "smtp.example.com",
        "port": 465,
        "security": "ssl",
        "username": "alice@example.com",
        "auth_method": "PLAIN",
        "source": "autoconfig",
        "trust": "trusted",
        "last_tested": "2025-03-01T12:30:05+00:00",
        "pinned_sha256": ALICE.pinned_sha256,
        "auth": "password",
        "oauth": None,
        "incoming": None,
    }
    assert document["accounts"][1]["source"] is None


def test_an_oauth2_account_records_how_it_signs_in_and_never_a_token(
    store: ProfileStore,
) -> None:
    login = OAuthLogin(
        issuer="https://login.example.test/tenant/v2.0",
        client_id="client-1",
        scope="smtp offline_access",
        token_endpoint="https://login.example.test/token",
    )
    signed_in = replace(ALICE, oauth=login, auth_method="XOAUTH2")
    store.save(signed_in)

    assert ProfileStore(store.path).load() == [signed_in]
    account = json.loads(store.path.read_text(encoding="utf-8"))["accounts"][0]
    assert account["auth"] == "oauth2"
    assert account["oauth"] == {
        "issuer": "https://login.example.test/tenant/v2.0",
        "client_id": "client-1",
        "scope": "smtp offline_access",
        "token_endpoint": "https://login.example.test/token",
        "revocation_endpoint": None,
        "mailbox": False,
    }
    assert signed_in.keychain_service == "oauth://login.example.test"


def test_the_incoming_server_is_kept(store: ProfileStore) -> None:
    with_imap = replace(ALICE, incoming=IncomingServer("imap.example.com", 143, Security.STARTTLS))
    store.save(with_imap)

    assert store.load() == [with_imap]
    account = json.loads(store.path.read_text(encoding="utf-8"))["accounts"][0]
    assert account["incoming"] == {
        "host": "imap.example.com",
        "port": 143,
        "security": "starttls",
        "username": None,
    }


def test_a_format_1_file_is_read_and_rewritten_as_format_3(store: ProfileStore) -> None:
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_bytes(_document(_account()))

    (alice,) = store.load()
    assert (alice.username, alice.oauth, alice.auth) == ("alice", None, "password")
    assert alice.incoming is None
    store.save(replace(alice, display_name="Alice Example"))
    document = json.loads(store.path.read_text(encoding="utf-8"))
    assert document["format"] == 3
    assert document["accounts"][0]["auth"] == "password"
    assert document["accounts"][0]["incoming"] is None


@pytest.mark.parametrize(
    ("issuer", "scope", "mailbox"),
    [
        # Microsoft's sign-in for sending alone cannot read the mailbox...
        (MICROSOFT.issuer, "https://outlook.office.com/SMTP.Send offline_access", False),
        # ...Google's one scope can, and so can what provider data named.
        (GOOGLE.issuer, "https://mail.google.com/", True),
        ("https://auth.example.test", "mail", True),
    ],
)
def test_a_format_2_sign_in_reads_the_mailbox_as_far_as_its_scope_reaches(
    store: ProfileStore, issuer: str, scope: str, mailbox: bool
) -> None:
    oauth = {
        "issuer": issuer,
        "client_id": "client-1",
        "scope": scope,
        "token_endpoint": "https://login.example.test/token",
        "revocation_endpoint": None,
    }
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_bytes(_document(_account(auth="oauth2", oauth=oauth), version=2))

    (alice,) = store.load()

    assert alice.oauth is not None
    assert (alice.oauth.scope, alice.oauth.mailbox, alice.incoming) == (scope, mailbox, None)


def test_times_are_stored_as_utc(store: ProfileStore) -> None:
    berlin = timezone(timedelta(hours=1))
    store.save(replace(ALICE, last_tested=datetime(2025, 3, 1, 13, 30, 5, tzinfo=berlin)))

    document = json.loads(store.path.read_text(encoding="utf-8"))
    assert document["accounts"][0]["last_tested"] == "2025-03-01T12:30:05+00:00"
    assert store.load()[0].last_tested == ALICE.last_tested


def test_a_profile_without_time_zone_or_with_a_bad_port_is_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        replace(ALICE, last_tested=datetime(2025, 3, 1, 12, 30))
    with pytest.raises(ValueError, match="port"):
        replace(ALICE, port=0)


def test_saving_the_same_address_replaces_it_in_place(store: ProfileStore) -> None:
    store.save(ALICE)
    store.save(BOB)
    changed = replace(ALICE, address="alice@EXAMPLE.com", port=587, security=Security.STARTTLS)

    store.save(changed)

    assert store.load() == [changed, BOB]


def test_remove(store: ProfileStore) -> None:
    store.save(ALICE)
    store.save(BOB)

    assert store.remove("Alice@example.com") is None  # the local part is exact
    assert store.remove("alice@Example.COM") == ALICE
    assert store.load() == [BOB]
    assert store.remove("alice@example.com") is None


def test_idn_addresses_are_found_in_either_spelling(store: ProfileStore) -> None:
    jörg = replace(BOB, address="jörg@bücher.example", username="jörg@bücher.example")
    store.save(jörg)

    assert store.get("jörg@XN--BCHER-KVA.example") == jörg
    assert store.get("jörg@Bücher。Example") == jörg
    assert store.get("Jörg@bücher.example") is None
    assert "jörg@bücher.example" in store.path.read_text(encoding="utf-8")


def test_the_file_and_a_new_folder_are_private_whatever_the_umask(store: ProfileStore) -> None:
    old_umask = os.umask(0)
    try:
        store.save(ALICE)
        store.save(BOB)  # a replacement is private too
    finally:
        os.umask(old_umask)

    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.path.parent.stat().st_mode) == 0o700


def test_an_existing_folder_keeps_its_mode(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    store = ProfileStore(folder / "accounts.json")

    store.save(ALICE)

    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600


def test_no_secrets_fields() -> None:
    assert {field.name for field in fields(AccountProfile)} == KEYS
    assert ALICE.keychain_service == "smtp://smtp.example.com:465"


def test_the_file_holds_exactly_the_profile_keys(store: ProfileStore) -> None:
    store.save(ALICE)

    document = json.loads(store.path.read_text(encoding="utf-8"))
    assert document.keys() == {"format", "accounts"}
    assert all(account.keys() == FILE_KEYS for account in document["accounts"])


# Lowers the file size limit so that writing the new file fails half-way, like a full disk.
# Directory permissions would not do: the tests may run as root, whom they do not stop.
_FULL_DISK = """
import resource, signal, sys
from pathlib import Path
from wizard.model import Security
from wizard.profiles import AccountProfile, ProfileError, ProfileStore

profile = AccountProfile("x" * 1000, "carol@example.com", "smtp.test", 465, Security.SSL, "c")
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (64, resource.RLIM_INFINITY))
try:
    ProfileStore(Path(sys.argv[1])).save(profile)
except ProfileError as error:
    print(error.problem.value, error.path, error.detail, sep="\\n")
"""


def test_a_failed_write_leaves_the_old_file(store: ProfileStore) -> None:
    store.save(ALICE)
    before = store.path.read_bytes()

    done = subprocess.run(
        [sys.executable, "-c", _FULL_DISK, str(store.path)],
        capture_output=True,
        text=True,
        check=True,
    )

    problem, path, detail = done.stdout.splitlines()
    assert (problem, path) == ("unwritable", str(store.path))
    assert detail.startswith(f"[Errno {errno.EFBIG}]")
    assert store.path.read_bytes() == before
    assert _files_beside(store) == [store.path]  # no temporary file left over


def test_a_path_that_is_a_folder_is_unreadable(store: ProfileStore) -> None:
    store.path.mkdir(parents=True)

    with pytest.raises(ProfileError) as caught:
        store.load()

    assert caught.value.problem is ProfileProblem.UNREADABLE


def _account(**changes: object) -> dict[str, object]:
    account: dict[str, object] = {
        "display_name": "Alice",
        "address": "alice@example.com",
        "host": "smtp.example.com",
        "port": 465,
        "security": "ssl",
        "username": "alice",
        "auth_method": None,
        "source": None,
        "trust": None,
        "last_tested": None,
        "pinned_sha256": None,
    }
    account.update(changes)
    return account


IMAP = {"host": "imap.example.com", "port": 993, "security": "ssl", "username": None}


def _document(*accounts: object, version: object = 1) -> bytes:
    return json.dumps({"format": version, "accounts": list(accounts)}).encode()


CORRUPT = [
    pytest.param(b"", id="empty"),
    pytest.param(b'{"format": 1, "accounts": [', id="truncated"),
    pytest.param(b"\xff\xfe\x00garbage", id="binary"),
    pytest.param(b"[]", id="list"),
    pytest.param(b"[" * 100_000, id="nested-too-deep"),  # deeper than json's recursion allows
    pytest.param(b'{"accounts": []}', id="no-format"),
    pytest.param(_document(version="1"), id="format-string"),
    pytest.param(_document(version=0), id="format-zero"),
    pytest.param(b'{"format": 1}', id="no-accounts"),
    pytest.param(b'{"format": 1, "accounts": {}}', id="accounts-object"),
    pytest.param(b'{"format": 1, "accounts": [], "extra": 1}', id="extra-key"),
    pytest.param(_document("alice@example.com"), id="account-string"),
    pytest.param(_document(_account(port="465")), id="port-string"),
    pytest.param(_document(_account(port=True)), id="port-bool"),
    pytest.param(_document(_account(port=70000)), id="port-range"),
    pytest.param(_document(_account(security="tls")), id="security"),
    pytest.param(_document(_account(source="dns")), id="source"),
    pytest.param(_document(_account(trust="yes")), id="trust"),
    pytest.param(_document(_account(username=None)), id="username-null"),
    pytest.param(_document(_account(address="alice")), id="address"),
    pytest.param(_document(_account(last_tested="yesterday")), id="time"),
    pytest.param(_document(_account(last_tested="2025-03-01T12:30:05")), id="time-naive"),
    pytest.param(_document(_account(password="hunter2")), id="unknown-key"),
    pytest.param(_document({k: v for k, v in _account().items() if k != "trust"}), id="missing"),
    pytest.param(
        _document(_account(), _account(address="alice@EXAMPLE.com")), id="duplicate-address"
    ),
    pytest.param(_document(_account(auth="password", oauth=None), version=3), id="no-incoming"),
    pytest.param(
        _document(
            _account(auth="password", oauth=None, incoming=IMAP | {"port": "993"}), version=3
        ),
        id="incoming-port-string",
    ),
    pytest.param(
        _document(_account(auth="password", oauth=None, incoming=IMAP | {"port": 0}), version=3),
        id="incoming-port-range",
    ),
    pytest.param(
        _document(_account(auth="password", oauth=None, incoming={"host": "imap"}), version=3),
        id="incoming-keys",
    ),
]


@pytest.mark.parametrize("content", CORRUPT)
def test_a_corrupt_file_is_reported_and_never_rewritten(
    store: ProfileStore, content: bytes
) -> None:
    _assert_refused_and_kept(store, content, ProfileProblem.CORRUPT)


@pytest.mark.parametrize("content", [b"{ not json", b"[" * 100_000], ids=["broken", "too-deep"])
def test_a_corrupt_list_of_keychain_entries_is_reported_and_never_rewritten(
    store: ProfileStore, content: bytes
) -> None:
    store.entries_path.parent.mkdir(parents=True)
    store.entries_path.write_bytes(content)

    with pytest.raises(ProfileError) as refused:
        store.remembered()
    with pytest.raises(ProfileError):
        store.remember("smtp://smtp.example.com:465", "alice")

    assert refused.value.problem is ProfileProblem.CORRUPT
    assert refused.value.path == store.entries_path
    assert store.entries_path.read_bytes() == content


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(_document(_account(), version=4), id="format-4"),
        pytest.param(b'{"format": 7, "profiles": {"new": "shape"}}', id="new-shape"),
    ],
)
def test_a_file_from_a_newer_version_is_reported_and_never_rewritten(
    store: ProfileStore, content: bytes
) -> None:
    _assert_refused_and_kept(store, content, ProfileProblem.NEWER_VERSION)


def _assert_refused_and_kept(store: ProfileStore, content: bytes, problem: ProfileProblem) -> None:
    store.path.parent.mkdir(parents=True)
    store.path.write_bytes(content)
    attempts: dict[str, Callable[[], object]] = {
        "load": store.load,
        "get": lambda: store.get("alice@example.com"),
        "save": lambda: store.save(BOB),
        "remove": lambda: store.remove("alice@example.com"),
    }

    for name, attempt in attempts.items():
        with pytest.raises(ProfileError) as caught:
            attempt()
        assert (name, caught.value.problem, caught.value.path) == (name, problem, store.path)

    assert store.path.read_bytes() == content
    assert _files_beside(store) == [store.path]


def _files_beside(store: ProfileStore) -> list[Path]:
    """The files in the accounts folder, but the lock file every write takes."""
    return sorted(p for p in store.path.parent.iterdir() if p.name != ".accounts.json.lock")
