r"""The accounts the wizard has set up: everything about them except the password.

They live in one JSON file in the platform's config folder, ``{"format": 3, "accounts": [...]}``.
Passwords and OAuth2 refresh tokens are in the keychain (``wizard.keychain``) under
``AccountProfile.keychain_service``; this file never holds one. Format 2 added ``oauth`` (how an
OAuth2 account signs in: issuer, client ID, scope, endpoints); format 3 added ``incoming`` (the
incoming (IMAP) server, which the delivery confirmation, the report and the exports use) and
``oauth.mailbox`` (whether the sign-in may read the mailbox). Older files are read (format 1 as
password accounts, neither as knowing an incoming server; a format-2 sign-in's ``mailbox``
follows from its scope) and rewritten as format 3 on the next save. A file of a newer format is
refused, not rewritten (see below).

The file is the user's: a write replaces it whole and atomically (a temporary file beside it,
fsync, rename), so a crash leaves the old version or the new one, never half of each; it is
readable by the user only from the moment it exists. A file this version cannot read, because it
is damaged or was written by a newer version, is reported and left exactly as it is: ``save``
and ``remove`` read it first and stop at the same error, since rewriting it would lose accounts.

Several programs may change it at once (the wizard and the command line, eight ``setup``\ s in
a script): every read-modify-write holds an OS lock on ``.accounts.json.lock`` beside it
(``ProfileStore.locked``), so none of them is lost. A temporary file a killed write left
behind is removed by the next write. Beside the accounts, ``keychain-entries.json`` lists every
keychain entry the wizard has written and not yet removed (``ProfileStore.remember``), written
before the keychain is: whatever kills a setup half-way, a password without an account is
listed there, where ``wizard.accounts`` finds it again.

Loading, listing and saving are linear in the number of accounts: each address is checked
once, when its profile is made.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, fields, replace
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from wizard.address import parse_address
from wizard.errors import NOT_JSON, WizardError
from wizard.keychain import service_name
from wizard.model import Security, SourceName, Trust
from wizard.oauth.issuers import covers, mailbox_scope_of

APP_NAME = "email-setup-wizard"
FORMAT = 3


@dataclass(frozen=True)
class OAuthLogin:
    """How an OAuth2 account signs in; never a token (the refresh token is in the keychain
    under ``oauth://ISSUER_HOST``, the access token only ever in memory)."""

    issuer: str
    client_id: str
    scope: str  # what was granted, as far as the issuer said; what a refresh asks for
    token_endpoint: str
    revocation_endpoint: str | None = None
    mailbox: bool = False  # the grant lets its tokens read the mailbox (delivery confirmation)

    @property
    def keychain_service(self) -> str:
        host = (urlsplit(self.issuer).hostname or "").lower()
        return f"oauth://{host}"


@dataclass(frozen=True)
class IncomingServer:
    """The account's incoming (IMAP) server, as detection found it and the wizard accepted it
    for the delivery confirmation: never given a password unless that was allowed, so it is
    used again as it is. ``username``: its login, when it differs from the address."""

    host: str
    port: int
    security: Security
    username: str | None = None

    def __post_init__(self) -> None:
        if not 0 < self.port < 65536:
            raise ValueError(f"incoming port out of range: {self.port}")


@dataclass(frozen=True)
class AccountProfile:
    """One account's settings, as the last successful test confirmed them.

    Values the file could not hold raise ValueError (``InvalidAddressError`` for the address).
    """

    display_name: str
    address: str
    host: str
    port: int
    security: Security
    username: str
    auth_method: str | None = None  # the SASL mechanism that worked, e.g. "PLAIN"
    source: SourceName | None = None  # None: entered by hand
    trust: Trust | None = None
    last_tested: datetime | None = None  # time zone required; stored as UTC
    pinned_sha256: str | None = None  # a certificate fingerprint the user explicitly accepted
    oauth: OAuthLogin | None = None  # None: the account logs in with a password
    incoming: IncomingServer | None = None  # None: not known (yet)

    def __post_init__(self) -> None:
        # Checked here so that every profile that can be saved can also be loaded back; the
        # address's one spelling is kept, so that finding an account never checks it again.
        object.__setattr__(self, "_key", parse_address(self.address).address)
        if not 0 < self.port < 65536:
            raise ValueError(f"port out of range: {self.port}")
        if self.last_tested is not None and self.last_tested.utcoffset() is None:
            raise ValueError("last_tested needs a time zone")

    @property
    def keychain_service(self) -> str:
        """Where the password or refresh token is in the keychain (with ``username``)."""
        if self.oauth is not None:
            return self.oauth.keychain_service
        return service_name(self.host, self.port)

    @property
    def auth(self) -> str:
        """How the account logs in: ``"oauth2"`` or ``"password"`` (the JSON spelling)."""
        return "password" if self.oauth is None else "oauth2"


_KEYS = frozenset(field.name for field in fields(AccountProfile))
_KEYS_FORMAT_2 = _KEYS - {"incoming"}
_KEYS_FORMAT_1 = _KEYS_FORMAT_2 - {"oauth"}


class ProfileProblem(StrEnum):
    """Why the accounts file could not be used."""

    CORRUPT = "corrupt"  # not JSON, wrong shape or a bad field
    NEWER_VERSION = "newer-version"  # written by a newer version of the wizard
    UNREADABLE = "unreadable"
    UNWRITABLE = "unwritable"
    BUSY = "busy"  # another program kept the accounts locked for too long


class ProfileError(WizardError):
    """The accounts file could not be read or written; a file that exists was left untouched."""

    def __init__(self, problem: ProfileProblem, path: Path, detail: str = "") -> None:
        super().__init__(f"{problem.value}: {path}" + (f" ({detail})" if detail else ""))
        self.problem = problem
        self.path = path
        self.detail = detail


# What reading the keychain-entries list raises when it is not the list this program wrote.
_NOT_ENTRIES: tuple[type[Exception], ...] = (*NOT_JSON, TypeError, KeyError)


class ProfileStore:
    """The accounts file. Each call reads or writes it anew: there is no cache to go stale."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path if path is not None else _config_folder() / "accounts.json"

    @property
    def path(self) -> Path:
        return self._path

    @property
    def entries_path(self) -> Path:
        """The list of keychain entries the wizard wrote (``remember``)."""
        return self._path.with_name("keychain-entries.json")

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the accounts' lock, so that a read-modify-write (of the accounts, the keychain
        and the entries list together) is never interleaved with another program's. Reentrant
        in one process; ``ProfileError(BUSY)`` after ``LOCK_PATIENCE`` seconds of waiting."""
        lock = _lock_for(self._path.with_name(f".{self._path.name}.lock"))
        with lock.held(self._path):
            yield

    def load(self) -> list[AccountProfile]:
        """All accounts in file order; none when there is no file yet."""
        try:
            data = self._path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as error:
            raise ProfileError(ProfileProblem.UNREADABLE, self._path, str(error)) from error
        return self._parse(data)

    def get(self, address: str) -> AccountProfile | None:
        """The account for ``address`` (the domain in any case or script, the local part exact).

        Raises ``InvalidAddressError`` when ``address`` is not an address at all.
        """
        profiles = self.load()
        index = _index(profiles, address)
        return None if index is None else profiles[index]

    def save(self, profile: AccountProfile) -> None:
        """Add the account, or replace the one with the same address in its place."""
        with self.locked():
            profiles = self.load()
            index = _index(profiles, profile.address)
            if index is None:
                profiles.append(profile)
            else:
                profiles[index] = profile
            self._write(profiles)

    def remove(self, address: str) -> AccountProfile | None:
        """Remove the account for ``address`` and return it; None when there was none.

        Only the profile: the caller removes the password with ``wizard.keychain``.
        """
        with self.locked():
            profiles = self.load()
            index = _index(profiles, address)
            if index is None:
                return None
            removed = profiles.pop(index)
            self._write(profiles)
            return removed

    def remembered(self) -> list[tuple[str, str]]:
        """The keychain entries (service, username) the wizard wrote and has not removed."""
        try:
            data = self.entries_path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as error:
            raise ProfileError(ProfileProblem.UNREADABLE, self.entries_path, str(error)) from error
        try:
            document = json.loads(data)
            return [(str(e["service"]), str(e["username"])) for e in document["entries"]]
        except _NOT_ENTRIES as error:
            raise ProfileError(ProfileProblem.CORRUPT, self.entries_path, str(error)) from error

    def remember(self, service: str, username: str) -> None:
        """Note a keychain entry before it is written, so that it can always be found again."""
        with self.locked():
            entries = self.remembered()
            if (service, username) not in entries:
                self._write_entries([*entries, (service, username)])

    def forget(self, service: str, username: str) -> None:
        """Strike a keychain entry off once it has been removed from the keychain."""
        with self.locked():
            entries = self.remembered()
            if (service, username) in entries:
                self._write_entries([e for e in entries if e != (service, username)])

    def _write_entries(self, entries: list[tuple[str, str]]) -> None:
        listed = [{"service": service, "username": username} for service, username in entries]
        _replace(self.entries_path, {"format": 1, "entries": listed}, self._files)

    def _parse(self, data: bytes) -> list[AccountProfile]:
        def corrupt(detail: str) -> ProfileError:
            return ProfileError(ProfileProblem.CORRUPT, self._path, detail)

        try:
            document = json.loads(data)
        except NOT_JSON as error:
            raise corrupt(str(error)) from error
        if not isinstance(document, dict):
            raise corrupt("not a JSON object")
        version = document.get("format")
        if type(version) is not int or version < 1:
            raise corrupt(f"bad format number: {version!r}")
        if version > FORMAT:
            raise ProfileError(ProfileProblem.NEWER_VERSION, self._path, f"format {version}")
        if document.keys() != {"format", "accounts"} or not isinstance(document["accounts"], list):
            raise corrupt('expected exactly "format" and an "accounts" list')
        profiles: list[AccountProfile] = []
        seen: set[str] = set()
        for number, raw in enumerate(document["accounts"], start=1):
            try:
                profile = _from_json(raw, version)
                if _key_of(profile) in seen:
                    raise ValueError(f"{profile.address} is listed twice")
            except (ValueError, TypeError) as error:
                raise corrupt(f"account {number}: {error}") from error
            seen.add(_key_of(profile))
            profiles.append(profile)
        return profiles

    def _write(self, profiles: list[AccountProfile]) -> None:
        accounts = [profile_to_json(profile) for profile in profiles]
        _replace(self._path, {"format": FORMAT, "accounts": accounts}, self._files)

    @property
    def _files(self) -> tuple[Path, ...]:
        return (self._path, self.entries_path)


# How long a program waits for another to finish changing the accounts: storing may wait on a
# keychain prompt, so minutes are possible, and a person can retry once told.
LOCK_PATIENCE = 60.0


def _replace(path: Path, document: dict[str, Any], ours: tuple[Path, ...]) -> None:
    """Write ``document`` to ``path`` whole and atomically. The caller holds the lock, so a
    temporary file of any of ``ours`` already there was left by a write that was killed: it
    goes."""
    data = (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode()
    folder = path.parent
    try:
        # Only a folder created here gets 0700; an existing one keeps the mode its owner chose.
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        for stale in (old for file in ours for old in folder.glob(f".{file.name}.*.tmp")):
            stale.unlink(missing_ok=True)
        # mkstemp creates the file 0600, so it is private before the first byte is written.
        handle, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        temporary = Path(name)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
            temporary.replace(path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    except OSError as error:
        raise ProfileError(ProfileProblem.UNWRITABLE, path, str(error)) from error


class _FileLock:
    """An OS lock on one file (``flock`` on POSIX, ``msvcrt.locking`` on Windows), reentrant
    within the process: the threads of one program share it, other programs wait for it."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._threads = threading.RLock()
        self._depth = 0
        self._handle: int | None = None

    @contextlib.contextmanager
    def held(self, accounts: Path) -> Iterator[None]:
        with self._threads:
            if self._depth == 0:
                self._handle = self._acquire(accounts)
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0 and self._handle is not None:
                    os.close(self._handle)  # closing the file releases its lock
                    self._handle = None

    def _acquire(self, accounts: Path) -> int:
        try:
            self._path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            handle = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            raise ProfileError(ProfileProblem.UNWRITABLE, accounts, str(error)) from error
        deadline = time.monotonic() + LOCK_PATIENCE
        while not _try_lock(handle):
            if time.monotonic() > deadline:
                os.close(handle)
                raise ProfileError(ProfileProblem.BUSY, accounts)
            time.sleep(0.02)
        return handle


def _try_lock(handle: int) -> bool:
    """Take the lock on ``handle`` if it is free; whether it was."""
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except (BlockingIOError, PermissionError):  # Windows says PermissionError when it is taken
        return False
    return True


_locks: dict[Path, _FileLock] = {}
_locks_guard = threading.Lock()


def _lock_for(path: Path) -> _FileLock:
    """One lock object per lock file in the process: two on the same file would wait for
    each other."""
    with _locks_guard:
        return _locks.setdefault(path.absolute(), _FileLock(path))


def _key_of(profile: AccountProfile) -> str:
    key: str = getattr(profile, "_key")  # noqa: B009 (set in __post_init__, not a field)
    return key


def _index(profiles: list[AccountProfile], address: str) -> int | None:
    key = _key(address)
    return next((i for i, profile in enumerate(profiles) if _key_of(profile) == key), None)


def _key(address: str) -> str:
    """One spelling per address: the domain as lower-case A-label, the local part as typed."""
    return parse_address(address).address


def profile_to_json(profile: AccountProfile) -> dict[str, Any]:
    return {
        "display_name": profile.display_name,
        "address": profile.address,
        "host": profile.host,
        "port": profile.port,
        "security": profile.security.value,
        "username": profile.username,
        "auth_method": profile.auth_method,
        "source": None if profile.source is None else profile.source.value,
        "trust": None if profile.trust is None else profile.trust.value,
        "last_tested": (
            None if profile.last_tested is None else profile.last_tested.astimezone(UTC).isoformat()
        ),
        "pinned_sha256": profile.pinned_sha256,
        "auth": profile.auth,
        "oauth": None if profile.oauth is None else asdict(profile.oauth),
        "incoming": None if profile.incoming is None else _incoming_json(profile.incoming),
    }


def _incoming_json(incoming: IncomingServer) -> dict[str, Any]:
    return {
        "host": incoming.host,
        "port": incoming.port,
        "security": incoming.security.value,
        "username": incoming.username,
    }


def _from_json(raw: object, version: int = FORMAT) -> AccountProfile:
    """Rebuild a profile, raising ValueError or TypeError at the first thing that is not right."""
    keys = {1: _KEYS_FORMAT_1, 2: _KEYS_FORMAT_2 | {"auth"}}.get(version, _KEYS | {"auth"})
    if not isinstance(raw, dict) or raw.keys() != keys:
        raise ValueError(f"expected an object with exactly the keys {sorted(keys)}")
    port = raw["port"]
    if type(port) is not int:
        raise TypeError(f"port is not a number: {port!r}")
    source = _optional_text(raw, "source")
    trust = _optional_text(raw, "trust")
    last_tested = _optional_text(raw, "last_tested")
    return AccountProfile(
        display_name=_text(raw, "display_name"),
        address=_text(raw, "address"),
        host=_text(raw, "host"),
        port=port,
        security=Security(_text(raw, "security")),
        username=_text(raw, "username"),
        auth_method=_optional_text(raw, "auth_method"),
        source=None if source is None else SourceName(source),
        trust=None if trust is None else Trust(trust),
        last_tested=None if last_tested is None else datetime.fromisoformat(last_tested),
        pinned_sha256=_optional_text(raw, "pinned_sha256"),
        oauth=None if version == 1 else _oauth_login(raw["oauth"], version),
        incoming=_incoming(raw["incoming"]) if version >= 3 else None,
    )


def _oauth_login(raw: object, version: int) -> OAuthLogin | None:
    if raw is None:
        return None
    keys = _OAUTH_KEYS if version >= 3 else _OAUTH_KEYS - {"mailbox"}
    if not isinstance(raw, dict) or raw.keys() != keys:
        raise ValueError(f"oauth: expected an object with exactly the keys {sorted(keys)}")
    login = OAuthLogin(
        issuer=_text(raw, "issuer"),
        client_id=_text(raw, "client_id"),
        scope=_text(raw, "scope"),
        token_endpoint=_text(raw, "token_endpoint"),
        revocation_endpoint=_optional_text(raw, "revocation_endpoint"),
    )
    if version < 3:  # whether it reaches the mailbox follows from what it asked for
        needed = mailbox_scope_of(login.issuer, login.scope)
        return replace(login, mailbox=covers(login.scope, needed))
    mailbox = raw["mailbox"]
    if type(mailbox) is not bool:
        raise TypeError(f"oauth mailbox is not true or false: {mailbox!r}")
    return replace(login, mailbox=mailbox)


def _incoming(raw: object) -> IncomingServer | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or raw.keys() != _INCOMING_KEYS:
        raise ValueError(
            f"incoming: expected an object with exactly the keys {sorted(_INCOMING_KEYS)}"
        )
    port = raw["port"]
    if type(port) is not int:
        raise TypeError(f"incoming port is not a number: {port!r}")
    return IncomingServer(
        host=_text(raw, "host"),
        port=port,
        security=Security(_text(raw, "security")),
        username=_optional_text(raw, "username"),
    )


_OAUTH_KEYS = frozenset(field.name for field in fields(OAuthLogin))
_INCOMING_KEYS = frozenset(field.name for field in fields(IncomingServer))


def _text(raw: dict[str, object], key: str) -> str:
    value = raw[key]
    if not isinstance(value, str):
        raise TypeError(f"{key} is not a string: {value!r}")
    return value


def _optional_text(raw: dict[str, object], key: str) -> str | None:
    return None if raw[key] is None else _text(raw, key)


def _config_folder() -> Path:
    """The user's configuration folder for the program (platformdirs is imported only here:
    commands that never read accounts need not load it)."""
    import platformdirs

    return platformdirs.user_config_path(APP_NAME)
