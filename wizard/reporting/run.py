"""Gathering a report for a front end: the stored account and its password (if any), the
keychain in use, then everything ``collect_report`` checks; and what redaction must hide."""

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
from wizard.profiles import ProfileError, ProfileStore
from wizard.reporting.collect import DiagnosisReport, collect_report
from wizard.reporting.context import ReportContext
from wizard.smtp.send import SendSettings, TestOutcome

if TYPE_CHECKING:
    from wizard.discovery.context import Deadlines


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
) -> Gathered:
    """The report for ``address``: with the given settings and password (the wizard's), else
    the stored account's, whose password comes from the keychain."""
    stored, stored_password, keychain_name = await asyncio.to_thread(_account, address)
    settings = settings or stored
    password = password or stored_password
    report = await collect_report(
        address,
        keychain=keychain_name,
        stored=settings,
        password=password,
        deadlines=deadlines,
        detection=detection,
        test=test,
    )
    usernames = {address.address, address.local_part}
    if settings is not None:
        usernames.add(settings.username)
    return Gathered(report, tuple(filter(None, [password])), tuple(sorted(usernames)))


def _account(address: EmailAddress) -> tuple[SendSettings | None, str | None, str]:
    """The stored account's settings and password, and the keychain's name; blocking."""
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
        password = stored_secret(profile)
    except KeychainError:
        password = None
    return settings_for(profile), password, name


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
