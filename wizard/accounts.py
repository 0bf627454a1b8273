"""Storing a tested account: the password in the keychain, the settings in the profile file.

The CLI's ``setup`` and the GUI's Save both come here, so the keychain and the profile file
stay consistent the same way whichever was used.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from wizard import keychain
from wizard.keychain import KeychainError
from wizard.profiles import AccountProfile, ProfileError, ProfileStore

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LooseEnd:
    """A keychain entry that should be gone but could not be removed; worth a warning."""

    service: str
    username: str
    error: KeychainError


@dataclass(frozen=True)
class StoredAccount:
    backend: str  # the keychain the password went to, for telling the user
    loose_ends: tuple[LooseEnd, ...] = ()


def store_account(store: ProfileStore, profile: AccountProfile, password: str) -> StoredAccount:
    """Store the password, then the profile. Blocking (D-Bus, disk): run it off the GUI thread.

    If the profile cannot be saved, the keychain is put back as it was (``ProfileError`` is
    raised), so no password is left behind for an account that does not exist. Once it is
    saved, the password the address's previous profile logged in with (another server, port or
    username) is removed, unless another account still logs in with it.
    """
    accounts = store.load()
    previous = store.get(profile.address)
    host, port, username = profile.host, profile.port, profile.username
    replaced = keychain.get_password(host, port, username)
    backend = keychain.store_password(host, port, username, password)
    try:
        store.save(profile)
    except ProfileError:
        _put_back(profile, replaced)
        raise
    loose_ends: list[LooseEnd] = []
    if previous is not None:
        still_used = {(p.keychain_service, p.username) for p in accounts if p != previous}
        still_used.add((profile.keychain_service, profile.username))
        if (previous.keychain_service, previous.username) not in still_used:
            try:
                keychain.delete_password(previous.host, previous.port, previous.username)
            except KeychainError as err:
                loose_ends.append(LooseEnd(previous.keychain_service, previous.username, err))
    return StoredAccount(backend, tuple(loose_ends))


def _put_back(profile: AccountProfile, replaced: str | None) -> None:
    """Restore the keychain entry for ``profile``'s login to ``replaced`` (None: no entry).

    Best effort: the profile error being raised is what the user must hear about; a failure
    here is logged (service and login, never a password).
    """
    host, port, username = profile.host, profile.port, profile.username
    try:
        if replaced is None:
            keychain.delete_password(host, port, username)
        else:
            keychain.store_password(host, port, username, replaced)
    except KeychainError as err:
        log.warning(
            "the keychain entry %s for %s could not be put back: %s",
            profile.keychain_service,
            username,
            err.problem.value,
        )
