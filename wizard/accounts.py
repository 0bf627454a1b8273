"""The account service: what the command line and the desktop wizard both do with accounts.

An account is two things kept consistent: its profile (``wizard.profiles``, the settings) and
its secret in the keychain (``wizard.keychain``, the password), found through the profile's
``keychain_service`` and ``username``. Every rule about the two together lives here, once:

- the profile is built from a passed test, with what the test proved: the login and the SASL
  mechanism the server accepted, and a certificate pin only when the certificate needed one;
- storing writes the secret, then the profile, and puts the keychain back if the profile
  cannot be written; the secret of a login the account no longer uses is removed, unless
  another account (an alias address) still logs in with it; what could not be removed is
  reported, not hidden;
- removing deletes the secret first (so a locked keychain leaves the account intact), again
  keeping one another account still uses;
- both hold the accounts' lock (``ProfileStore.locked``) from the first read to the last
  write, so two programs storing at once never lose an account or strand a secret;
- every secret is noted (``ProfileStore.remember``) before it is written, and struck off once
  removed: a secret that no account uses, left by a setup that was killed half-way or a removal
  that could not finish, is an *orphan*, listed by ``orphans`` and removed by
  ``remove_orphans``, never lost in the keychain.

Front ends only present the results. Every function here blocks (D-Bus, a keychain prompt,
disk): the GUI calls them on its engine thread, through ``asyncio.to_thread``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from wizard import keychain
from wizard.keychain import KeychainError
from wizard.profiles import (
    AccountProfile,
    IncomingServer,
    OAuthLogin,
    ProfileError,
    ProfileStore,
)

if TYPE_CHECKING:
    from datetime import datetime

    from wizard.model import SourceName, Trust
    from wizard.smtp.send import SendSettings, TestOutcome

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LooseEnd:
    """A keychain entry that should be gone but could not be removed; worth a warning."""

    service: str
    username: str
    error: KeychainError


@dataclass(frozen=True)
class StoredAccount:
    """An account stored: the keychain its secret went to, and what was left behind."""

    profile: AccountProfile
    backend: str  # the keychain, as people call it ("GNOME Keyring")
    loose_ends: tuple[LooseEnd, ...] = ()


@dataclass(frozen=True)
class RemovedAccount:
    """An account removed, and what became of its secret."""

    profile: AccountProfile
    secret_removed: bool  # False: there was none, or another account still uses it
    kept_for: tuple[str, ...]  # the addresses of accounts that still log in with the secret


def accepted_username(settings: SendSettings, outcome: TestOutcome) -> str:
    """The login the server accepted, which may not be the one the test started with."""
    return outcome.username or settings.username


def pin_to_keep(settings: SendSettings, outcome: TestOutcome) -> str | None:
    """The certificate pin worth keeping: the tested one, only if the certificate did not
    verify. A server whose certificate verifies is not tied to one it may soon replace. Where
    the organisation pinned the server's certificates, the one the test met is (the test took
    no other), so that programs the account is exported to accept it too."""
    certificate = outcome.certificate
    if certificate is None or certificate.verified:
        return None
    if settings.pins_for(settings.host):
        return certificate.sha256
    return settings.pinned_sha256


def profile_from_test(
    settings: SendSettings,
    outcome: TestOutcome,
    *,
    display_name: str,
    source: SourceName | None,
    trust: Trust | None,
    when: datetime,
    oauth: OAuthLogin | None = None,
    incoming: IncomingServer | None = None,
) -> AccountProfile:
    """The profile a passed test vouches for: its server, the login and mechanism that worked,
    the pin it needed. ``source`` and ``trust`` say where the settings came from (None: typed
    by the user). ``oauth`` is how an OAuth2 account signs in (None: a password account);
    ``incoming`` its incoming server, as the delivery confirmation may use it."""
    if not outcome.ok:
        raise ValueError("only a test that went through can vouch for an account")
    return AccountProfile(
        display_name=display_name,
        address=settings.address,
        host=settings.host,
        port=settings.port,
        security=settings.security,
        username=accepted_username(settings, outcome),
        auth_method=outcome.mechanism,
        source=source,
        trust=trust,
        last_tested=when,
        pinned_sha256=pin_to_keep(settings, outcome),
        oauth=oauth,
        incoming=incoming,
    )


def sharing_login(profiles: list[AccountProfile], profile: AccountProfile) -> tuple[str, ...]:
    """The addresses of the other accounts in ``profiles`` that log in with ``profile``'s
    keychain entry (the same service and username): its secret is theirs too."""
    login = _login(profile)
    return tuple(
        other.address
        for other in profiles
        if other.address != profile.address and _login(other) == login
    )


def stored_secret(profile: AccountProfile) -> str | None:
    """The account's password from the keychain; None when there is none."""
    return keychain.get_secret(profile.keychain_service, profile.username)


def settings_for(profile: AccountProfile) -> SendSettings:
    """A stored account as the SMTP session's settings, to test it again or send with it.

    An unencrypted account was stored only after an explicit choice to allow that, which
    sending keeps; a re-test asks again (``dataclasses.replace`` the ``allow_plaintext``).
    """
    from wizard.model import Security
    from wizard.smtp.send import SendSettings

    return SendSettings(
        host=profile.host,
        port=profile.port,
        security=profile.security,
        username=profile.username,
        address=profile.address,
        display_name=profile.display_name,
        allow_plaintext=profile.security is Security.NONE,
        pinned_sha256=profile.pinned_sha256,
        auth_method=profile.auth_method,
    )


def renew_secret(profile: AccountProfile, secret: str) -> None:
    """Replace the account's secret in the keychain (a refresh token the issuer rotated)."""
    keychain.store_secret(profile.keychain_service, profile.username, secret)


def store_account(store: ProfileStore, profile: AccountProfile, secret: str) -> StoredAccount:
    """Store the secret, then the profile.

    If the profile cannot be saved, the keychain is put back as it was (``ProfileError`` is
    raised), so no secret is left behind for an account that does not exist. Once it is saved,
    the secret the address's previous profile logged in with (another server, port or
    username) is removed, unless another account still logs in with it.
    """
    with store.locked():
        accounts = store.load()
        previous = store.get(profile.address)
        service, username = _login(profile)
        replaced = keychain.get_secret(service, username)
        store.remember(service, username)
        backend = keychain.store_secret(service, username, secret)
        try:
            store.save(profile)
        except ProfileError:
            _put_back(store, service, username, replaced)
            raise
        loose_ends: list[LooseEnd] = []
        if previous is not None and _login(previous) != _login(profile):
            others = [p for p in accounts if p.address != previous.address]
            if not sharing_login(others, previous):
                try:
                    keychain.delete_secret(*_login(previous))
                except KeychainError as err:
                    loose_ends.append(LooseEnd(*_login(previous), err))
                else:
                    store.forget(*_login(previous))
        return StoredAccount(profile, backend, tuple(loose_ends))


def remember_incoming(store: ProfileStore, address: str, incoming: IncomingServer) -> bool:
    """Keep ``incoming`` as the account's incoming server (found again by a later test of an
    account stored without one); whether there was such an account to keep it in. Nothing
    else of the account changes, and the keychain is not touched."""
    with store.locked():
        profile = store.get(address)
        if profile is None:
            return False
        if profile.incoming != incoming:
            store.save(replace(profile, incoming=incoming))
        return True


def remove_account(store: ProfileStore, address: str) -> RemovedAccount | None:
    """Remove the account for ``address`` and its secret; None when there is no such account.

    The keychain goes first: if it is locked (``KeychainError``), the profile stays, so the
    user can simply retry. A secret another account still logs in with is kept for it.
    """
    with store.locked():
        profile = store.get(address)
        if profile is None:
            return None
        kept_for = sharing_login(store.load(), profile)
        removed = not kept_for and keychain.delete_secret(*_login(profile))
        store.remove(address)
        if not kept_for:
            store.forget(*_login(profile))
        return RemovedAccount(profile, removed, kept_for)


def orphans(store: ProfileStore) -> list[tuple[str, str]]:
    """The keychain entries (service, username) the wizard wrote that no account uses any
    more: left by a setup killed half-way, or a secret that could not be removed."""
    # Both files are replaced whole and atomically, so reading them needs no lock: listing
    # works where the accounts folder cannot be written, and never waits for a setup.
    used = {_login(profile) for profile in store.load()}
    return [entry for entry in store.remembered() if entry not in used]


def remove_orphans(store: ProfileStore) -> list[tuple[str, str]]:
    """Remove every orphan from the keychain (``orphans``); the ones removed. A keychain that
    cannot be used raises ``KeychainError`` and leaves the rest listed."""
    with store.locked():
        removed = []
        for service, username in orphans(store):
            keychain.delete_secret(service, username)
            store.forget(service, username)
            removed.append((service, username))
        return removed


def _login(profile: AccountProfile) -> tuple[str, str]:
    """The keychain entry an account logs in with: its service and username."""
    return profile.keychain_service, profile.username


def _put_back(store: ProfileStore, service: str, username: str, replaced: str | None) -> None:
    """Restore the keychain entry to ``replaced`` (None: no entry).

    Best effort: the profile error being raised is what the user must hear about; a failure
    here is logged (service and login, never a secret).
    """
    try:
        if replaced is None:
            keychain.delete_secret(service, username)
            store.forget(service, username)
        else:
            keychain.store_secret(service, username, replaced)
    except (KeychainError, ProfileError) as err:
        log.warning(
            "the keychain entry %s for %s could not be put back: %s",
            service,
            username,
            err.problem.value,
        )
