"""SMTP passwords in the operating system's keychain, through ``keyring``.

An entry's service is ``smtp://<host>:<port>`` and its username the login name, so the user can
find it again with their own tools (``keyring get smtp://smtp.example.com:465 alice@example.com``,
``secret-tool lookup service ... username ...``, Keychain Access).

A password never goes anywhere else. ``keyring`` falls back quietly to backends that do not
protect it (``null`` drops it, ``fail`` raises, keyrings.alt keeps it in a file); those are
refused with ``KeychainError(NO_BACKEND)``, so the caller still has the password and can tell the
user to start or unlock their keychain and retry.

Every function blocks: a D-Bus round trip, or a keychain prompt waiting for the user. From the
asyncio engine, call them through ``asyncio.to_thread``.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from wizard.errors import WizardError

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

# keyring itself (a tenth of a second to import, and more to look for backends) is imported by
# the functions that use it: commands that never touch the keychain, and the error types here
# that wizard.messages words, should not wait for it.

T = TypeVar("T")


class KeychainProblem(StrEnum):
    """Why the keychain could not be used, in categories that need different advice."""

    NO_BACKEND = "no-backend"  # no usable keychain: no D-Bus session, no daemon, refused backend
    LOCKED = "locked"  # the keychain is locked and was not unlocked
    DENIED = "denied"  # the user dismissed the keychain's prompt
    FAILED = "failed"  # anything else the keychain reported


class KeychainError(WizardError):
    """The keychain could not be used. Nothing in it changed; the caller keeps the password."""

    def __init__(self, problem: KeychainProblem, backend: str, detail: str = "") -> None:
        super().__init__(f"{problem.value}: {backend}" + (f" ({detail})" if detail else ""))
        self.problem = problem
        self.backend = backend  # the keychain tried, as people call it
        self.detail = detail  # the backend's own words, for the helpdesk


# Keychains as their users know them: on Linux the program behind the Secret Service D-Bus
# API, never the API's name ("Ihr Passwort liegt in Secret Service" tells nobody where to look).
_GNOME = "GNOME Keyring"
_KWALLET = "KWallet"
_MACOS = "macOS Keychain"
_WINDOWS = "Windows Credential Manager"

_NAMES = {
    "keyring.backends.kwallet.DBusKeyring": _KWALLET,
    "keyring.backends.kwallet.DBusKeyringKWallet4": _KWALLET,
    "keyring.backends.macOS.Keyring": _MACOS,
    "keyring.backends.Windows.WinVaultKeyring": _WINDOWS,
}
_SECRET_SERVICE_BACKENDS = {
    "keyring.backends.SecretService.Keyring",
    "keyring.backends.libsecret.Keyring",
}
# The programs that answer for the Secret Service, by the name of their executable.
_SECRET_SERVICE_PROGRAMS = {
    "gnome-keyring-daemon": _GNOME,
    "kwalletd5": _KWALLET,
    "kwalletd6": _KWALLET,
    "ksecretd": _KWALLET,
    "keepassxc": "KeePassXC",
}
_SECRET_SERVICE_BUS_NAME = "org.freedesktop.secrets"  # noqa: S105 (a D-Bus name)

# keyring's stand-ins for "no keychain" (fail raises, null silently forgets) and keyrings.alt,
# whose backends keep passwords in files, in plain text or under a scheme weaker than the OS's.
_REFUSED_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")

# Exceptions under keyring's that say more than keyring does, named rather than imported because
# each exists on one platform only. A dismissed prompt comes as secretstorage's exception (wrapped
# in InitError) or as macOS's errSecUserCanceled (wrapped in KeyringLocked).
_DISMISSED = {
    "secretstorage.exceptions.PromptDismissedException",
    "keyring.backends.macOS.api.KeychainDenied",
}
_UNAVAILABLE = {"secretstorage.exceptions.SecretServiceNotAvailableException"}
_LOCKED = {"secretstorage.exceptions.LockedException"}


def service_name(host: str, port: int) -> str:
    """The keychain service of an SMTP server; host names ignore case, so neither does this."""
    host = host.lower()
    return f"smtp://[{host}]:{port}" if ":" in host else f"smtp://{host}:{port}"


def backend_description() -> str:
    """The keychain passwords go to, as people call it; ``KeychainError`` if there is none."""
    return _describe(_backend())


def store_secret(service: str, username: str, secret: str) -> str:
    """Store or replace a password or token; return the keychain it went to
    (``backend_description``)."""
    backend = _backend()
    _call(backend, lambda: backend.set_password(service, username, secret))
    return _describe(backend)


def get_secret(service: str, username: str) -> str | None:
    """The stored password or token, or None when there is none."""
    backend = _backend()
    return _call(backend, lambda: backend.get_password(service, username))


def delete_secret(service: str, username: str) -> bool:
    """Remove the entry; False when there was none."""
    from keyring.errors import PasswordDeleteError

    backend = _backend()
    try:
        _call(backend, lambda: backend.delete_password(service, username))
    except KeychainError as error:
        # Backends raise PasswordDeleteError both for "no such entry" and for a real failure.
        if isinstance(error.__cause__, PasswordDeleteError) and (
            _call(backend, lambda: backend.get_password(service, username)) is None
        ):
            return False
        raise
    return True


def _backend() -> KeyringBackend:
    """The keychain to use, or ``KeychainError(NO_BACKEND)``."""
    import keyring.backend
    import keyring.core
    from keyring.backends.chainer import ChainerBackend
    from keyring.backends.fail import Keyring as FailKeyring

    try:
        chosen = keyring.get_keyring()
        if _usable(chosen) is None:
            # keyring looks for backends once per process (``get_all_keyring`` is a jaraco
            # ``once``). Look again: the user may have started their keychain since, and a
            # retry has to find it.
            with contextlib.suppress(KeyError):  # KeyError: it never looked
                keyring.backend.get_all_keyring.reset()
            keyring.core.init_backend()
            chosen = keyring.get_keyring()
    except Exception as error:  # a configured backend that cannot start raises RuntimeError
        raise KeychainError(KeychainProblem.NO_BACKEND, _platform_keychain(), str(error)) from error
    usable = _usable(chosen)
    if usable is None:
        # keyring's own stand-ins mean "found nothing": name what it was looking for.
        tried = (
            _platform_keychain()
            if isinstance(chosen, (FailKeyring, ChainerBackend))
            else _describe(chosen)
        )
        raise KeychainError(KeychainProblem.NO_BACKEND, tried, _dotted(chosen))
    return usable


def _usable(backend: KeyringBackend) -> KeyringBackend | None:
    """``backend`` unless refused; of a chain, its first member that is not refused.

    A chain is never used as such, because it reads from and writes to its members in turn, and
    that would include the refused ones.
    """
    from keyring.backends.chainer import ChainerBackend

    members: list[KeyringBackend] = (
        list(backend.backends) if isinstance(backend, ChainerBackend) else [backend]
    )
    return next((member for member in members if not _refused(member)), None)


def _refused(backend: KeyringBackend) -> bool:
    module = type(backend).__module__
    return any(module == name or module.startswith(f"{name}.") for name in _REFUSED_MODULES)


def _call(backend: KeyringBackend, operation: Callable[[], T]) -> T:
    """Run a keychain operation; whatever the backend raises becomes a ``KeychainError``."""
    try:
        return operation()
    except Exception as error:
        raise KeychainError(_problem(error), _describe(backend), str(error)) from error


def _problem(error: BaseException) -> KeychainProblem:
    from keyring.errors import InitError, KeyringLocked, NoKeyringError

    chain: list[BaseException] = []
    cause: BaseException | None = error
    while cause is not None:
        chain.append(cause)
        cause = cause.__cause__ or cause.__context__
    names = {f"{type(cause).__module__}.{type(cause).__qualname__}" for cause in chain}
    if names & _DISMISSED:
        return KeychainProblem.DENIED
    # secretstorage lets a socket error through when the session bus has gone away.
    if (
        names & _UNAVAILABLE
        or isinstance(error, NoKeyringError)
        or any(isinstance(cause, OSError) for cause in chain)
    ):
        return KeychainProblem.NO_BACKEND
    # keyring raises InitError when it cannot open the collection, KeyringLocked when the
    # collection stayed locked after the unlock prompt; secretstorage's LockedException can come
    # through unwrapped.
    if names & _LOCKED or isinstance(error, (KeyringLocked, InitError)):
        return KeychainProblem.LOCKED
    return KeychainProblem.FAILED


def _describe(backend: KeyringBackend) -> str:
    dotted = _dotted(backend)
    if dotted in _SECRET_SERVICE_BACKENDS:
        return _secret_service_program()
    return _NAMES.get(dotted, dotted)


def _secret_service_program() -> str:
    """The keychain program that owns the Secret Service on the session bus, as its users
    call it; the desktop's usual one when the bus cannot say (no bus, a sandbox)."""
    path = _owner_executable()
    if path is None:
        return _desktop_keychain()
    name = Path(path).name
    return _SECRET_SERVICE_PROGRAMS.get(name, name)


def _owner_executable() -> str | None:
    """The command that owns the Secret Service's bus name, from ``/proc``; None if unknown."""
    try:  # keyring's own way to the Secret Service on Linux; not there elsewhere
        from jeepney import DBusAddress, DBusErrorResponse, new_method_call
        from jeepney.io.blocking import open_dbus_connection
    except ImportError:
        return None
    bus = DBusAddress(
        "/org/freedesktop/DBus", bus_name="org.freedesktop.DBus", interface="org.freedesktop.DBus"
    )
    ask = new_method_call(bus, "GetConnectionUnixProcessID", "s", (_SECRET_SERVICE_BUS_NAME,))
    try:
        with open_dbus_connection(bus="SESSION") as connection:
            reply = connection.send_and_get_reply(ask, timeout=2)
        pid = int(reply.body[0])
        command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0", 1)[0]
    except (OSError, KeyError, ValueError, IndexError, TimeoutError, DBusErrorResponse):
        return None
    return command.decode(errors="replace") or None


def _desktop_keychain() -> str:
    """The keychain the desktop session starts: KWallet on KDE Plasma, GNOME Keyring on the
    others (GNOME, Cinnamon, MATE, Xfce, Budgie...)."""
    desktops = os.environ.get("XDG_CURRENT_DESKTOP", "").upper().split(":")
    return _KWALLET if "KDE" in desktops else _GNOME


def _dotted(backend: KeyringBackend) -> str:
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


def _platform_keychain() -> str:
    """What keyring looks for on this system when nothing else is configured."""
    if sys.platform == "darwin":
        return _MACOS
    if sys.platform == "win32":
        return _WINDOWS
    return _desktop_keychain()
