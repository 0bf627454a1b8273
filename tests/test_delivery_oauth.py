"""Delivery confirmation for an account that signs in with OAuth2, end to end with real servers.

The lab's Postfix takes tokens on its OAuth2 port and Dovecot takes them over IMAP; both ask the
lab's Authlib authorization server about each token through RFC 7662 introspection (Dovecot's
``oauth2`` password database), and each wants its own scope, as Microsoft's servers do: ``smtp``
to send, ``imap`` to read the mailbox. The person at the browser is ``tests/lab/browser.py``.
No output, and no file the program writes, may hold a token.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import TYPE_CHECKING, Any

import pytest

from tests.lab.oauth_server import PATHS, LabAuthServer, OAuthBehaviour
from tests.lab.postfix import DOMAIN, IMAP_SCOPE, ISSUER_HOST, ISSUER_IP, SMTP_SCOPE, PostfixLab
from tests.test_cli_accounts import AUTOCONFIG, one_json_object, run
from tests.test_oauth import BROWSER_SCRIPT

if TYPE_CHECKING:
    from pathlib import Path

    from tests.lab.world import Lab

pytestmark = pytest.mark.usefixtures("private_keychain")

ADDRESS = f"alice@{DOMAIN}"


class Provider:
    """The lab's mail provider for OAuth2: autoconfig naming Postfix's OAuth2 port and Dovecot,
    the sign-in at ``ISSUER_HOST``, and the program as a person runs it."""

    def __init__(
        self, lab: Lab, mta: PostfixLab, tmp_path: Path, behaviour: OAuthBehaviour
    ) -> None:
        self.lab = lab
        self.mta = mta
        mta.trust_issuer(lab.ca_pem)
        lab.host(ISSUER_HOST, ISSUER_IP)  # always the same address: Dovecot remembers it
        self.issuer: LabAuthServer = lab.oauth(ISSUER_HOST, behaviour)
        self.config_home = tmp_path / "config"
        self.browser = tmp_path / "browser"
        self.browser.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{BROWSER_SCRIPT}" "$@"\n')
        self.browser.chmod(0o755)
        self.log = tmp_path / "browser.log"
        self.cas = tmp_path / "cas.pem"
        self.cas.write_bytes(lab.ca_pem.read_bytes() + mta.ca_pem.read_bytes())
        self.outputs: list[str] = []

    def autoconfig(self, scope: str) -> None:
        """The provider's data: sending through Postfix's OAuth2 port, its incoming server,
        and where to sign in, with ``scope`` for both (as provider data says one scope)."""
        host = self.mta.host
        self.lab.https(
            f"autoconfig.{DOMAIN}",
            AUTOCONFIG,
            f"""<?xml version="1.0"?><clientConfig version="1.1"><emailProvider id="{DOMAIN}">
            <domain>{DOMAIN}</domain><displayName>Lab Mail</displayName>
            <incomingServer type="imap"><hostname>{host}</hostname>
            <port>{self.mta.imaps_port}</port><socketType>SSL</socketType>
            <username>%EMAILADDRESS%</username>
            <authentication>OAuth2</authentication></incomingServer>
            <outgoingServer type="smtp"><hostname>{host}</hostname>
            <port>{self.mta.oauth_port}</port><socketType>SSL</socketType>
            <username>%EMAILADDRESS%</username>
            <authentication>OAuth2</authentication></outgoingServer>
            </emailProvider>
            <oAuth2><issuer>{self.issuer.issuer}</issuer><scope>{scope}</scope></oAuth2>
            </clientConfig>""",
        )

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        environment = {
            "SSL_CERT_FILE": str(self.cas),
            "BROWSER": str(self.browser),
            "LAB_BROWSER": "consent",
            "LAB_BROWSER_USER": ADDRESS,
            "LAB_BROWSER_LOG": str(self.log),
            "XDG_CONFIG_DIRS": str(self.config_home.parent / "system"),
        }
        done = run(self.lab, self.config_home, *args, env=environment)
        self.outputs += [done.stdout, done.stderr]
        return done

    def introspections(self) -> int:
        """How often a mail server asked the authorization server about a token."""
        return sum(r.path == PATHS["introspect"] for r in self.lab.requests)

    def assert_no_token_shown(self) -> None:
        """No token issued in anything the program printed or wrote."""
        texts = list(self.outputs)
        texts += [f.read_text(errors="replace") for f in self.config_home.rglob("*") if f.is_file()]
        issued = self.issuer.issued()
        assert issued
        for token in issued:
            assert all(token not in text for text in texts)


@pytest.fixture
def provider(
    lab: Lab, postfix_lab: PostfixLab, tmp_path: Path, request: pytest.FixtureRequest
) -> Provider:
    """``OAuthBehaviour(**request.param)`` when parametrized indirectly."""
    postfix_lab.empty_mailboxes()
    behaviour = OAuthBehaviour(**getattr(request, "param", {}))
    return Provider(lab, postfix_lab, tmp_path, behaviour)


def test_setup_signs_in_sends_and_confirms_delivery_with_the_token(provider: Provider) -> None:
    provider.autoconfig(f"{SMTP_SCOPE} {IMAP_SCOPE}")
    log_before = provider.mta.imap_log()

    done = provider.run("setup", ADDRESS, "--json")

    assert done.returncode == 0, done.stderr
    result = one_json_object(done.stdout)
    assert (result["test"]["auth"], result["sign_in"]["flow"]) == ("oauth2", "browser")
    delivery: dict[str, Any] = result["delivery"]
    assert (delivery["status"], delivery["folder"], delivery["removed"]) == (
        "inbox",
        "INBOX",
        "moved-to-trash",
    )
    # Dovecot offers OAUTHBEARER (and XOAUTH2): the standard one is taken.
    assert (delivery["auth"], delivery["mechanism"], delivery["username"]) == (
        "oauth2",
        "OAUTHBEARER",
        ADDRESS,
    )
    assert delivery["authentication_results"]["dkim"]["result"] == "pass"
    assert provider.issuer.granted_scopes(ADDRESS) == [f"{SMTP_SCOPE} {IMAP_SCOPE}"]
    imap_log = provider.mta.imap_log().removeprefix(log_before)
    assert f"imap-login: Info: Login: user=<{ADDRESS}>, method=OAUTHBEARER" in imap_log
    assert provider.introspections() == 2  # Postfix's login, then Dovecot's
    assert [folder for folder, _ in provider.mta.snapshot("alice")] == ["Trash"]
    provider.assert_no_token_shown()


@pytest.mark.parametrize("provider", [{"consent_only": (SMTP_SCOPE,)}], indirect=True)
def test_a_sign_in_that_may_only_send_sends_and_says_why_arrival_was_not_checked(
    provider: Provider,
) -> None:
    """The person allows sending but not reading mail on the consent page: the test is sent
    and the account stored all the same; the mailbox is not logged in to at all."""
    provider.autoconfig(f"{SMTP_SCOPE} {IMAP_SCOPE}")
    log_before = provider.mta.imap_log()

    done = provider.run("setup", ADDRESS, "--json")
    readable = provider.run("test", ADDRESS)

    assert done.returncode == 0, done.stderr
    result = one_json_object(done.stdout)
    assert result["stored"]["account"]["auth"] == "oauth2"
    delivery = result["delivery"]
    assert (delivery["status"], delivery["reason"]) == ("skipped", "signed-in-for-sending")
    assert delivery["explanation"] == (
        "Arrival was not checked: the sign-in allows sending only, not reading the mailbox."
    )
    assert delivery["next_step"].startswith("Sending works. To have arrival checked too,")
    assert readable.returncode == 0, readable.stderr
    assert "the sign-in allows sending only" in readable.stdout
    assert provider.issuer.granted_scopes(ADDRESS)[0] == SMTP_SCOPE
    imap_log = provider.mta.imap_log().removeprefix(log_before)
    assert "imap-login" in imap_log  # looked at by detection, before any login...
    assert "user=<alice" not in imap_log  # ...and never logged in to
    assert len(provider.mta.delivered(expected=2)) == 2  # both tests arrived, left alone
    provider.assert_no_token_shown()


def test_a_token_the_incoming_server_refuses_is_reported_without_a_hang(
    provider: Provider,
) -> None:
    """The provider's data names only sending's scope, which Dovecot does not take for
    reading mail: it refuses the token with an error challenge, which is answered, and the
    user is told."""
    provider.autoconfig(SMTP_SCOPE)
    log_before = provider.mta.imap_log()

    done = provider.run("setup", ADDRESS, "--json")

    assert done.returncode == 0, done.stderr
    delivery = one_json_object(done.stdout)["delivery"]
    assert (delivery["status"], delivery["problem"]) == ("error", "token-refused")
    assert json.loads(delivery["detail"]) == {"status": "invalid_token"}
    assert delivery["explanation"].startswith(
        "The incoming-mail server did not accept the sign-in, so arrival was not checked."
    )
    imap_log = provider.mta.imap_log().removeprefix(log_before)
    assert "method=OAUTHBEARER" in imap_log
    assert "Login: user=" not in imap_log
    provider.assert_no_token_shown()
