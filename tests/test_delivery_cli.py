"""Delivery confirmation through the real command line: ``setup`` and ``test`` send through
the lab's Postfix, find its Dovecot as the incoming server (the domain's autoconfig names
both), and report where the test message arrived, with the receiving server's verdict."""

from __future__ import annotations

import json
import plistlib
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.lab.postfix import (
    AUTHSERV_ID,
    DKIM_SELECTOR,
    DOMAIN,
    FAR_RECIPIENT,
    PASSWORD,
    PostfixLab,
)
from tests.test_cli_accounts import AUTOCONFIG, GERMAN, program

if TYPE_CHECKING:
    from tests.lab.world import Lab

pytestmark = pytest.mark.usefixtures("private_keychain")


@dataclass(frozen=True)
class Wizard:
    """The installed program, set up to reach both labs."""

    env: dict[str, str]
    smtp_port: int

    def __call__(
        self, *args: str, env: Mapping[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [program(), *args],
            input=PASSWORD + "\n",
            capture_output=True,
            text=True,
            env={**self.env, **(env or {})},
            timeout=90,
            check=False,
        )

    def test(
        self, name: str, *args: str, env: Mapping[str, str] = {}
    ) -> subprocess.CompletedProcess[str]:
        """``test`` for the lab mailbox ``name``, naming the submission server by hand."""
        server = ("--host", "localhost", "--port", str(self.smtp_port), "--security", "ssl")
        return self("test", f"{name}@{DOMAIN}", *server, "--password-stdin", *args, env=env)


@pytest.fixture
def wizard(lab: Lab, postfix_lab: PostfixLab, tmp_path: Path) -> Wizard:
    """The domain's autoconfig names the Postfix lab for sending and its Dovecot for IMAP;
    the program trusts both labs' CAs, and keeps its profiles in a folder of this test."""
    postfix_lab.empty_mailboxes()
    host = postfix_lab.host
    lab.https(
        f"autoconfig.{DOMAIN}",
        AUTOCONFIG,
        f"""<?xml version="1.0"?><clientConfig version="1.1"><emailProvider id="{DOMAIN}">
        <domain>{DOMAIN}</domain><displayName>Lab Mail</displayName>
        <incomingServer type="imap"><hostname>{host}</hostname>
        <port>{postfix_lab.imaps_port}</port><socketType>SSL</socketType>
        <username>%EMAILADDRESS%</username></incomingServer>
        <outgoingServer type="smtp"><hostname>{host}</hostname>
        <port>{postfix_lab.ssl_port}</port><socketType>SSL</socketType>
        <username>%EMAILADDRESS%</username></outgoingServer>
        </emailProvider></clientConfig>""",
    )
    cas = tmp_path / "cas.pem"
    cas.write_bytes(lab.ca_pem.read_bytes() + postfix_lab.ca_pem.read_bytes())
    env = {**lab.env(), "SSL_CERT_FILE": str(cas), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    return Wizard(env, postfix_lab.ssl_port)


def test_setup_confirms_arrival_in_the_inbox_with_the_verdict(wizard: Wizard) -> None:
    done = wizard("setup", f"alice@{DOMAIN}", "--password-stdin", "--json")

    assert done.returncode == 0, done.stderr
    document: dict[str, Any] = json.loads(done.stdout)
    assert document["stored"] is not None
    assert document["detect"]["imap"]["host"] == "localhost"
    delivery = document["delivery"]
    assert (delivery["status"], delivery["folder"], delivery["removed"]) == (
        "inbox",
        "INBOX",
        "moved-to-trash",
    )
    assert isinstance(delivery["seconds"], float)
    assert delivery["explanation"].startswith("The test message arrived in your Inbox after")
    results = delivery["authentication_results"]
    assert results["authserv_id"] == AUTHSERV_ID
    assert {m: results[m]["result"] for m in ("spf", "dkim", "dmarc", "arc")} == {
        "spf": "pass",
        "dkim": "pass",
        "dmarc": "pass",
        "arc": "none",
    }
    assert (results["dkim"]["domain"], results["dkim"]["selector"]) == (DOMAIN, DKIM_SELECTOR)
    assert results["dkim"]["explanation"] == "passed: the signature is valid."


def test_test_says_in_plain_words_that_it_landed_in_junk(wizard: Wizard) -> None:
    done = wizard.test("frank")

    assert done.returncode == 0, done.stderr
    assert "The test message arrived after" in done.stderr
    assert "but in your Junk folder (Junk)." in done.stderr
    assert "SPF: soft fail: your domain's SPF record does not quite cover" in done.stderr
    assert "DKIM: failed: the signature did not verify" in done.stderr
    assert "The test message was moved to your Trash." in done.stderr


def test_test_in_german(wizard: Wizard) -> None:
    done = wizard.test("alice", env=GERMAN)

    assert done.returncode == 0, done.stderr
    assert "Die Testnachricht ist nach" in done.stdout
    assert "in Ihrem Posteingang angekommen" in done.stdout
    assert f"Signiert von {DOMAIN} (Selektor {DKIM_SELECTOR})." in done.stdout


def test_a_dropped_message_is_reported_within_the_timeout(wizard: Wizard) -> None:
    done = wizard.test("grace", "--json", "--confirm-timeout", "2")

    assert done.returncode == 0, done.stderr
    delivery = json.loads(done.stdout)["delivery"]
    assert (delivery["status"], delivery["seconds"], delivery["timeout"]) == (
        "not-arrived",
        2.0,
        2.0,
    )
    assert delivery["next_step"].startswith("It may still be on its way")


def test_no_confirm_skips_it(wizard: Wizard) -> None:
    done = wizard.test("alice", "--json")
    skipped = wizard.test("alice", "--json", "--no-confirm")

    assert json.loads(done.stdout)["delivery"]["status"] == "inbox"
    delivery = json.loads(skipped.stdout)["delivery"]
    assert (delivery["status"], delivery["reason"]) == ("skipped", "not-requested")


def test_with_to_only_a_bounce_is_watched_for(wizard: Wizard) -> None:
    done = wizard.test("alice", "--json", "--to", FAR_RECIPIENT)

    assert done.returncode == 0, done.stderr
    delivery = json.loads(done.stdout)["delivery"]
    assert delivery["status"] == "not-arrived"
    assert delivery["explanation"] == (
        "The test message could not be delivered: a server sent it back."
    )
    assert delivery["next_step"] == "The recipient's address does not exist, or is mistyped."
    assert delivery["bounce"]["recipient"] == FAR_RECIPIENT
    assert delivery["bounce"]["status"] == "5.1.1"


def test_the_diagnosis_report_says_whether_its_test_message_arrived(wizard: Wizard) -> None:
    as_json = wizard("report", f"alice@{DOMAIN}", "--password-stdin", "--format", "json")
    as_text = wizard("report", f"alice@{DOMAIN}", "--password-stdin")

    assert as_json.returncode == 0, as_json.stderr
    delivery = json.loads(as_json.stdout)["delivery"]
    assert (delivery["status"], delivery["folder"]) == ("inbox", "INBOX")
    assert delivery["authentication_results"]["dmarc"]["result"] == "pass"
    assert as_text.returncode == 0, as_text.stderr
    assert "Arrived in your mailbox?" in as_text.stdout
    assert "The test message arrived in your Inbox after" in as_text.stdout
    assert "DKIM: passed: the signature is valid." in as_text.stdout


def test_the_account_keeps_its_incoming_server(
    wizard: Wizard, lab: Lab, postfix_lab: PostfixLab, tmp_path: Path
) -> None:
    """``setup`` stores the incoming server with the account: ``test`` looks for the test
    message there without detecting again, ``accounts show`` names it, and an Apple profile
    needs no ``--imap-host``."""
    address = f"alice@{DOMAIN}"
    done = wizard("setup", address, "--password-stdin", "--json")
    assert done.returncode == 0, done.stderr
    kept = {
        "host": "localhost",
        "port": postfix_lab.imaps_port,
        "security": "ssl",
        "username": None,
    }
    assert json.loads(done.stdout)["stored"]["account"]["incoming"] == kept
    asked_before = len(lab.requests)

    tested = wizard("test", address, "--json")
    shown = wizard("accounts", "show", address)
    exported = wizard("export", address, "--format", "mobileconfig")

    assert tested.returncode == 0, tested.stderr
    assert json.loads(tested.stdout)["delivery"]["status"] == "inbox"
    assert lab.requests[asked_before:] == []  # no autoconfig, no ISPDB: nothing looked for
    assert shown.returncode == 0, shown.stderr
    assert f"localhost, port {postfix_lab.imaps_port}, SSL/TLS (IMAP)" in shown.stdout
    assert exported.returncode == 0, exported.stderr
    apple = plistlib.loads(exported.stdout.encode())["PayloadContent"][0]
    assert (apple["IncomingMailServerHostName"], apple["IncomingMailServerPortNumber"]) == (
        "localhost",
        postfix_lab.imaps_port,
    )


def test_an_account_stored_before_it_kept_one_finds_its_incoming_server_once(
    wizard: Wizard, lab: Lab
) -> None:
    """An account from an older version (profile format 2) has no incoming server: the next
    ``test`` finds it and the account keeps it, so the one after that does not look again."""
    address = f"alice@{DOMAIN}"
    assert wizard("setup", address, "--password-stdin").returncode == 0
    accounts = Path(wizard.env["XDG_CONFIG_HOME"]) / "email-setup-wizard" / "accounts.json"
    document = json.loads(accounts.read_text())
    for account in document["accounts"]:
        del account["incoming"]
    accounts.write_text(json.dumps({**document, "format": 2}))

    first = wizard("test", address, "--json")
    asked_before = len(lab.requests)
    second = wizard("test", address, "--json")

    assert json.loads(first.stdout)["delivery"]["status"] == "inbox"
    assert json.loads(accounts.read_text())["accounts"][0]["incoming"]["host"] == "localhost"
    assert json.loads(second.stdout)["delivery"]["status"] == "inbox"
    assert lab.requests[asked_before:] == []
