"""Whether an OAuth2 sign-in may read the mailbox (for the delivery confirmation over IMAP):
which scope each issuer needs for it, what was granted, what the profile keeps, and that a
refused mailbox scope never stops the sign-in for sending.

The last test runs the real browser flow and the device flow against the lab's Authlib
authorization server, which refuses the mailbox's scope as an issuer that does not know it (or
a tenant whose administrator never allowed it) does; the person is ``tests/lab/browser.py``.
"""

from __future__ import annotations

import sys
import threading
import time
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest

from tests.lab.oauth_server import OAuthBehaviour
from tests.test_oauth import BROWSER_SCRIPT
from wizard.messages import sign_in_pages
from wizard.oauth.clients import Client, ClientOrigin
from wizard.oauth.events import BrowserOpened, DeviceCode, MailboxDeclined, Method
from wizard.oauth.issuers import GOOGLE, MICROSOFT, Issuer, covers, join_scopes
from wizard.oauth.results import SignedIn, Tokens, bearer_for, granted_scope, login_for
from wizard.oauth.signin import Prepared, sign_in

if TYPE_CHECKING:
    from pathlib import Path

    from tests.lab.world import Lab

IMAP_SCOPE = "https://outlook.office.com/IMAP.AccessAsUser.All"


def signed_in(issuer: Issuer, granted: str | None) -> SignedIn:
    tokens = Tokens("access", "refresh", None, granted)
    return SignedIn(issuer, Client("app", ClientOrigin.OPTION), tokens)


def test_microsoft_is_asked_for_the_mailbox_only_when_it_will_be_read() -> None:
    assert MICROSOFT.requested_scope == "https://outlook.office.com/SMTP.Send offline_access"
    assert replace(MICROSOFT, with_mailbox=True).requested_scope == (
        f"https://outlook.office.com/SMTP.Send offline_access {IMAP_SCOPE}"
    )
    assert MICROSOFT.asks_more_for_mailbox
    # Google's one scope covers IMAP, POP and SMTP: nothing more to ask for.
    assert replace(GOOGLE, with_mailbox=True).requested_scope == "https://mail.google.com/"
    assert not GOOGLE.asks_more_for_mailbox


def test_what_was_granted_decides_whether_the_token_reads_the_mailbox() -> None:
    microsoft = replace(MICROSOFT, with_mailbox=True)
    # Microsoft lists what it granted without offline_access, which a refresh still needs.
    everything = f"{IMAP_SCOPE} https://outlook.office.com/SMTP.Send"
    sending_only = "https://outlook.office.com/SMTP.Send"

    granted = login_for(signed_in(microsoft, everything))
    narrowed = login_for(signed_in(microsoft, sending_only))
    not_said = login_for(signed_in(microsoft, None))

    assert (granted.scope, granted.mailbox) == (microsoft.requested_scope, True)
    assert bearer_for(signed_in(microsoft, everything)).mailbox
    assert (narrowed.scope, narrowed.mailbox) == (f"{sending_only} offline_access", False)
    assert not bearer_for(signed_in(microsoft, sending_only)).mailbox
    assert (not_said.scope, not_said.mailbox) == (microsoft.requested_scope, True)
    assert not login_for(signed_in(MICROSOFT, None)).mailbox  # never asked for it


def test_scopes_spelled_otherwise_are_not_taken_for_a_grant_of_nothing() -> None:
    assert granted_scope("a b offline_access", "A B") == "a b offline_access"
    assert granted_scope("a b", "b c") == "b"
    assert covers("a b", "b") and covers("a", "") and not covers("a", "a b")
    assert join_scopes("a b", "b c", "") == "a b c"


@pytest.mark.parametrize("method", [Method.BROWSER, Method.DEVICE])
async def test_a_refused_mailbox_scope_means_a_sign_in_for_sending_only(
    lab: Lab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, method: Method
) -> None:
    server = lab.oauth("auth.mailbox.test", OAuthBehaviour(refuse_scopes=("imap",)))
    server.add_client("lab-app")
    browser = tmp_path / "browser"
    browser.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{BROWSER_SCRIPT}" "$@"\n')
    browser.chmod(0o755)
    for name, value in {
        "BROWSER": str(browser),
        "LAB_BROWSER": "consent",
        "LAB_BROWSER_USER": "alice@mailbox.test",
        "LAB_BROWSER_LOG": str(tmp_path / "browser.log"),
    }.items():
        monkeypatch.setenv(name, value)
    issuer = Issuer(
        issuer=server.issuer,
        scope="smtp",
        mailbox_scope="imap",
        with_mailbox=True,
        authorization_endpoint=server.url("authorize"),
        token_endpoint=server.url("token"),
        device_authorization_endpoint=server.url("device"),
    )
    events: list[object] = []

    def report(event: object) -> None:
        events.append(event)
        if isinstance(event, DeviceCode):  # the person types the code on a phone
            threading.Thread(target=approve, args=(event.user_code,), daemon=True).start()

    def approve(code: str) -> None:
        time.sleep(0.2)
        server.approve(code, "alice@mailbox.test")

    signed = await sign_in(
        Prepared(issuer, Client("lab-app", ClientOrigin.OPTION)),
        method,
        login_hint="alice@mailbox.test",
        pages=sign_in_pages(),
        report=report,
    )

    declined = [e for e in events if isinstance(e, MailboxDeclined)]
    assert len(declined) == 1
    assert declined[0].detail.startswith("invalid_scope")
    asked = BrowserOpened if method is Method.BROWSER else DeviceCode
    assert [type(e) for e in events if not isinstance(e, MailboxDeclined)].count(asked) == (
        2 if method is Method.BROWSER else 1  # the device code is refused before it is shown
    )
    assert signed.issuer.requested_scope == "smtp"
    assert server.granted_scopes("alice@mailbox.test") == ["smtp"]
    assert not login_for(signed).mailbox
    assert not bearer_for(signed).mailbox
