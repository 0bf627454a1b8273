"""The engine operations the wizard runs, handed to it rather than imported by the pages.

``Engine.real`` is the program's: detection, the OAuth2 sign-in, the real test send and the
keychain with the profile file. The screenshot script (and page tests that need no network)
hand in canned ones with the same shapes, so every page can be shown in every state without
touching a server.

Each operation runs on the engine thread (see ``worker``) and takes the job's ``report`` as its
last argument, for progress the page shows as it happens. What each needs (detection's engine,
the SMTP client, the keychain) is imported there, when first used: the window does not wait
for any of it.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from wizard.discovery.context import ISPDB_URL
from wizard.discovery.deadlines import Deadlines
from wizard.gui.worker import Report
from wizard.smtp.diagnosis import Reply, Stage
from wizard.smtp.phases import ProbeTimeouts

if TYPE_CHECKING:
    from wizard.accounts import StoredAccount
    from wizard.address import EmailAddress
    from wizard.delivery.after_send import AfterSend
    from wizard.delivery.result import DeliveryResult
    from wizard.domaincheck.model import DomainHealth
    from wizard.gui.domain_health import DomainOperation
    from wizard.gui.report_actions import GatherOperation
    from wizard.imap.errors import ImapSettings
    from wizard.model import DetectionResult
    from wizard.oauth.events import Method
    from wizard.oauth.issuers import Issuer
    from wizard.oauth.loopback import SignInPages
    from wizard.oauth.results import SignedIn
    from wizard.profiles import AccountProfile, ProfileStore
    from wizard.reporting.context import ReportContext
    from wizard.reporting.run import Gathered
    from wizard.smtp.send import SendSettings, TestOutcome

DetectOperation = Callable[["EmailAddress", Report], Awaitable["DetectionResult"]]
"""Reports ``wizard.discovery.events`` as they happen."""

SendOperation = Callable[["SendSettings", "str | SignedIn", Report], Awaitable["TestOutcome"]]
"""Takes the settings and the password or the OAuth2 sign-in; reports a ``StageBegun`` as each
stage begins, and a ``SignInRenewed`` when the sign-in's tokens were refreshed first."""

SignInOperation = Callable[["SignInRequest", Report], Awaitable["SignedIn"]]
"""Signs in (``wizard.oauth.signin``); reports ``BrowserOpened`` or ``DeviceCode``."""

StoreOperation = Callable[["AccountProfile", str, Report], Awaitable["StoredAccount"]]
"""Takes the profile and the password (``wizard.accounts.store_account``)."""

ConfirmOperation = Callable[["EmailAddress", "AfterSend", Report], Awaitable["DeliveryResult"]]
"""After a test send that went through: finds the incoming server, then watches for the test
message there (``wizard.delivery``); reports a ``WatchBegun`` when the wait begins."""


@dataclass(frozen=True)
class WatchBegun:
    """The delivery confirmation logged in to ``server`` and waits, at most ``timeout``
    seconds, for the test message."""

    server: str
    timeout: float


@dataclass(frozen=True)
class StageBegun:
    """A test-send stage began; ``reply`` is the server's last reply so far."""

    stage: Stage
    reply: Reply | None


@dataclass(frozen=True)
class SignInRenewed:
    """The sign-in's access token was refreshed before the test. An issuer may hand out a new
    refresh token with it and spend the old one (Microsoft does): ``signed_in`` holds the new
    tokens, which are the ones an account saved after this test must keep."""

    signed_in: SignedIn


@dataclass(frozen=True)
class SignInRequest:
    """Where and how to sign in, for whom, and the browser's pages in the user's language."""

    issuer: Issuer
    method: Method
    login_hint: str
    pages: SignInPages


async def _sign_in(request: SignInRequest, report: Report) -> SignedIn:
    from wizard.oauth.signin import prepare, sign_in

    prepared = await prepare(request.issuer)
    return await sign_in(
        prepared, request.method, login_hint=request.login_hint, pages=request.pages, report=report
    )


@dataclass(frozen=True)
class Engine:
    detect: DetectOperation
    send: SendOperation
    store: StoreOperation
    check_domain: DomainOperation  # the sender domain's health (the done page)
    gather_report: GatherOperation  # "Save report…" and "Copy report"
    confirm: ConfirmOperation
    sign_in: SignInOperation = _sign_in  # the real one: it touches nothing until called

    @classmethod
    def real(
        cls,
        profiles: ProfileStore,
        *,
        deadlines: Deadlines | None = None,
        ispdb_url: str = ISPDB_URL,
        send_timeouts: ProbeTimeouts | None = None,
    ) -> Engine:
        """The program's operations; the keyword arguments are for tests (the defaults are
        the engine's own)."""
        return cls(
            detect=partial(_detect, deadlines, ispdb_url),
            send=partial(_send, send_timeouts),
            store=partial(_store, profiles),
            check_domain=_check_domain,
            gather_report=_gather_report,
            confirm=partial(_confirm, deadlines, ispdb_url),
        )


async def _detect(
    deadlines: Deadlines | None, ispdb_url: str, address: EmailAddress, report: Report
) -> DetectionResult:
    from wizard.discovery.engine import detect

    return await detect(address, deadlines=deadlines, on_event=report, ispdb_url=ispdb_url)


async def _send(
    timeouts: ProbeTimeouts | None,
    settings: SendSettings,
    secret: str | SignedIn,
    report: Report,
) -> TestOutcome:
    from wizard.smtp.send import Bearer, send_test_message

    def on_step(stage: Stage, reply: Reply | None) -> None:
        report(StageBegun(stage, reply))

    if isinstance(secret, str):
        login: str | Bearer = secret
    else:
        login = Bearer(await _access(secret, report))
    return await send_test_message(settings, login, on_step=on_step, timeouts=timeouts)


async def _access(signed_in: SignedIn, report: Report) -> str:
    """The sign-in's access token, refreshed first when it has less than 30 s left (a test
    sent again a while after signing in); a refresh is reported (``SignInRenewed``)."""
    if signed_in.tokens.fresh():
        return signed_in.tokens.access_token
    from wizard.oauth.results import login_for
    from wizard.oauth.signin import refresh_login

    tokens = await refresh_login(login_for(signed_in), signed_in.tokens.refresh_token)
    report(SignInRenewed(dataclasses.replace(signed_in, tokens=tokens)))
    return tokens.access_token


async def _store(
    profiles: ProfileStore, profile: AccountProfile, password: str, _report: Report
) -> StoredAccount:
    """Storing blocks (D-Bus, a keychain prompt, disk), so it runs beside the loop."""
    from wizard.accounts import store_account

    return await asyncio.to_thread(store_account, profiles, profile, password)


async def _check_domain(domain: str, server: str | None, _report: Report) -> DomainHealth:
    from wizard.domaincheck.check import check_domain

    return await check_domain(domain, server=server)


async def _gather_report(context: ReportContext, _report: Report) -> Gathered:
    from wizard.reporting.run import gather_for

    return await gather_for(context)


async def _confirm(
    deadlines: Deadlines | None,
    ispdb_url: str,
    address: EmailAddress,
    send: AfterSend,
    report: Report,
) -> DeliveryResult:
    from wizard.delivery.after_send import confirm_after_send
    from wizard.discovery.engine import detect
    from wizard.model import Protocol

    incoming = await detect(
        address, deadlines=deadlines, ispdb_url=ispdb_url, protocol=Protocol.IMAP
    )

    def waiting(server: ImapSettings) -> None:
        report(WatchBegun(server.host, send.timeout))

    return await confirm_after_send(send, incoming, on_waiting=waiting)
