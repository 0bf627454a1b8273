"""Gathering a report for a front end: the stored account and its password (if any), the
keychain in use, then everything ``collect_report`` checks; and what redaction must hide.

An OAuth2 account's keychain entry is a refresh token, which is never sent as a password: the
report signs in with a fresh access token, as ``test`` does."""

from __future__ import annotations

import asyncio
import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wizard import keychain
from wizard.accounts import settings_for, stored_secret
from wizard.address import EmailAddress
from wizard.keychain import KeychainError
from wizard.model import DetectionResult
from wizard.profiles import AccountProfile, ProfileError, ProfileStore
from wizard.reporting.collect import DiagnosisReport, TestSkipped, collect_report
from wizard.reporting.context import ReportContext
from wizard.smtp.send import Bearer, SendSettings, TestOutcome

if TYPE_CHECKING:
    from wizard.discovery.deadlines import Deadlines


@dataclass(frozen=True)
class Gathered:
    """A report, and the secrets and logins its redaction must know about."""

    report: DiagnosisReport
    secrets: tuple[str, ...] = field(repr=False)
    usernames: tuple[str, ...]


async def gather(
    address: EmailAddress,
    *,
    password: str | None = None,
    settings: SendSettings | None = None,
    detection: DetectionResult | None = None,
    test: TestOutcome | None = None,
    deadlines: Deadlines | None = None,
    words: tuple[str, str] | None = None,
) -> Gathered:
    """The report for ``address``: with the given settings and password (the wizard's), else
    the stored account's, whose password comes from the keychain. ``words``: the test
    message's, in the user's language (``collect_report``)."""
    profile, kept, keychain_name = await asyncio.to_thread(_account, address)
    stored = settings_for(profile) if profile is not None else None
    secrets = [password, kept]
    login: str | Bearer | None = password
    if not login and profile is not None and profile.oauth is not None and test is None:
        # The keychain holds a refresh token, which is no password: sign in with a fresh
        # access token, as ``test`` does.
        access = await _fresh_access(profile)
        login = Bearer(access[0], mailbox=profile.oauth.mailbox) if access else None
        secrets += access
    elif not login:
        login = kept
    own = profile is not None and settings is None  # the report is for the stored account
    # The stored account's own incoming server, unless the report is for other settings.
    incoming = profile.incoming if own and profile is not None else None
    settings = settings or stored
    report = await collect_report(
        address,
        keychain=keychain_name,
        stored=settings,
        password=login,
        deadlines=deadlines,
        detection=detection,
        test=test,
        incoming=incoming,
        words=words,
    )
    if own and report.test_skipped is TestSkipped.NO_CREDENTIALS:
        # Not "no stored account": there is one, and its keychain entry could not be read.
        report = dataclasses.replace(report, test_skipped=TestSkipped.NO_STORED_PASSWORD)
    usernames = {address.address, address.local_part}
    if settings is not None:
        usernames.add(settings.username)
    found = tuple(dict.fromkeys(filter(None, secrets)))
    return Gathered(report, found, tuple(sorted(usernames)))


async def _fresh_access(profile: AccountProfile) -> list[str]:
    """A fresh access token for a stored OAuth2 account, then the refresh token it was got
    with (both to be redacted); none when the sign-in cannot be refreshed."""
    from wizard.oauth.errors import OAuthError
    from wizard.oauth.signin import fresh_access  # the OAuth2 client: only for such accounts

    try:
        tokens = await fresh_access(profile)
    except (OAuthError, KeychainError):
        return []
    return [token for token in (tokens.access_token, tokens.refresh_token) if token]


def _account(address: EmailAddress) -> tuple[AccountProfile | None, str | None, str]:
    """The stored account, its secret (a password, or an OAuth2 refresh token), and the
    keychain's name; blocking."""
    try:
        name = keychain.backend_description()
    except KeychainError as err:
        name = f"none usable ({err.problem.value}: {err.backend})"
    try:
        profile = ProfileStore().get(address.address)
    except ProfileError:
        return None, None, name
    if profile is None:
        return None, None, name
    try:
        secret = stored_secret(profile)
    except KeychainError:
        secret = None
    return profile, secret, name


async def gather_for(context: ReportContext) -> Gathered:
    """The report for what the wizard knows: nothing is detected or sent again."""
    gathered = await gather(
        context.address,
        password=context.password or None,
        settings=context.settings,
        detection=context.detection,
        test=context.test,
    )
    secrets = tuple(dict.fromkeys((*gathered.secrets, *filter(None, context.secrets))))
    return dataclasses.replace(gathered, secrets=secrets)
