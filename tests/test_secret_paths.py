"""Where a password may go, end to end: the paths along which a secret leaves the program other
than the test send itself, held to the test send's rules.

No password goes to a server the user did not choose, confirm or store: not to settings that
only DNS, plain HTTP or a guess suggested, and not to a server in another domain that nobody
vouched for. The real program runs in the lab; each test asserts what the lab's servers
received (never a password: only whether a login was attempted).
"""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from typing import TYPE_CHECKING, Any

import pytest

from tests.lab.imap_server import ImapBehaviour
from tests.lab.smtp_server import SmtpBehaviour
from tests.test_oauth import World
from wizard.model import Security

if TYPE_CHECKING:
    from pathlib import Path

    from tests.lab.world import Lab

pytestmark = pytest.mark.lab

DOMAIN = "example.test"
ADDRESS = f"alice@{DOMAIN}"
PASSWORD = "correct horse battery staple"
AUTOCONFIG = "/mail/config-v1.1.xml"


def wizard(
    lab: Lab,
    tmp_path: Path,
    *args: str,
    password: str | None = PASSWORD,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """The program in the lab, its configuration in ``tmp_path``, the password on stdin;
    ``env`` adds to its environment."""
    return subprocess.run(
        [sys.executable, "-m", "wizard", *args],
        input=f"{password}\n" if password is not None else None,
        capture_output=True,
        text=True,
        env=lab.env()
        | {"XDG_CONFIG_HOME": str(tmp_path / "config"), "LANG": "C.UTF-8"}
        | (env or {}),
        timeout=90,
        check=False,
    )


def smtp_server(lab: Lab, host: str) -> Any:
    """An implicit-TLS submission server for ``host`` on 465 that knows Alice's password."""
    return lab.smtp(host, 465, SmtpBehaviour(security=Security.SSL, accounts={ADDRESS: PASSWORD}))


def imap_logins(server: Any) -> list[str]:
    """The login commands an IMAP server received (the lab records verbs, never arguments)."""
    return [verb for verb in server.commands if verb in ("LOGIN", "AUTHENTICATE")]


# -- the diagnosis report ---------------------------------------------------------------------


def test_report_sends_no_password_to_a_server_in_another_domain_named_by_dns(
    lab: Lab, tmp_path: Path
) -> None:
    """Only the domain's SRV record names smtp.collector.test: whoever can forge DNS chose it.
    ``setup`` would not use it without a person's named choice; the report must not either."""
    lab.host(DOMAIN)
    lab.srv(f"_submissions._tcp.{DOMAIN}", "smtp.collector.test", 465)
    collector = smtp_server(lab, "smtp.collector.test")

    done = wizard(lab, tmp_path, "report", ADDRESS, "--password-stdin", "--format", "json")

    assert done.returncode == 0, done.stderr
    assert collector.auth_attempts == []
    document = json.loads(done.stdout)
    assert document["settings"]["host"] == "smtp.collector.test"  # reported, not used
    assert document["test"] is None
    assert document["test_skipped"] == "untrusted-settings"


def test_report_sends_no_password_to_guessed_settings(lab: Lab, tmp_path: Path) -> None:
    """A server found only by trying likely names: in the address's domain, but nobody said
    it is the mail server (a web host answering on 465 would be sent the password)."""
    guessed = smtp_server(lab, f"smtp.{DOMAIN}")

    done = wizard(lab, tmp_path, "report", ADDRESS, "--password-stdin", "--timeout", "8")

    assert done.returncode == 0, done.stderr
    assert guessed.auth_attempts == []
    assert "not run: the settings were found in DNS, over plain HTTP or by guessing" in done.stdout


def test_report_tests_trusted_settings_with_the_password(lab: Lab, tmp_path: Path) -> None:
    """The domain's own HTTPS autoconfig: what ``setup`` uses without asking, so may the
    report."""
    lab.https(f"autoconfig.{DOMAIN}", AUTOCONFIG, client_config(f"smtp.{DOMAIN}"))
    server = smtp_server(lab, f"smtp.{DOMAIN}")

    done = wizard(lab, tmp_path, "report", ADDRESS, "--password-stdin", "--format", "json")

    assert done.returncode == 0, done.stderr
    assert server.auth_attempts == [(ADDRESS, True)]
    assert json.loads(done.stdout)["test"]["ok"] is True


# -- the delivery confirmation ----------------------------------------------------------------


def client_config(smtp_host: str, imap_host: str | None = None) -> str:
    incoming = (
        f'<incomingServer type="imap"><hostname>{imap_host}</hostname><port>993</port>'
        "<socketType>SSL</socketType><username>%EMAILADDRESS%</username></incomingServer>"
        if imap_host
        else ""
    )
    return (
        f'<?xml version="1.0"?><clientConfig version="1.1"><emailProvider id="{DOMAIN}">'
        f"<domain>{DOMAIN}</domain><displayName>Example</displayName>{incoming}"
        f'<outgoingServer type="smtp"><hostname>{smtp_host}</hostname><port>465</port>'
        "<socketType>SSL</socketType><username>%EMAILADDRESS%</username>"
        "<authentication>password-cleartext</authentication></outgoingServer>"
        "</emailProvider></clientConfig>"
    )


def redirect_to_collector(lab: Lab, document: str) -> None:
    """The domain's own HTTPS autoconfig redirects into another domain, which serves
    ``document``."""
    lab.https(
        f"autoconfig.{DOMAIN}",
        AUTOCONFIG,
        b"",
        status=302,
        headers={"Location": "https://config.collector.test/c.xml"},
    )
    lab.https("config.collector.test", "/c.xml", document)


def test_confirmation_logs_in_to_no_incoming_server_another_domain_redirected_to(
    lab: Lab, tmp_path: Path
) -> None:
    """The domain's autoconfig redirects into another domain, whose document names its own
    IMAP server. Detection calls that a foreign domain nobody vouched for (the settings page
    asks by name before sending the password there); the confirmation must not log in there
    with the password the user gave for their own domain's server."""
    redirect_to_collector(lab, client_config("smtp.collector.test", "imap.collector.test"))
    smtp_server(lab, f"smtp.{DOMAIN}")
    foreign = lab.imap("imap.collector.test", 993)

    server = ("--host", f"smtp.{DOMAIN}", "--port", "465", "--security", "ssl")
    done = wizard(lab, tmp_path, "test", ADDRESS, *server, "--password-stdin", "--json")

    assert done.returncode == 0, done.stderr
    assert imap_logins(foreign) == []
    delivery = json.loads(done.stdout)["delivery"]
    assert (delivery["status"], delivery["reason"]) == ("skipped", "foreign-server")


def test_a_yes_to_untrusted_settings_sends_no_password_to_an_incoming_server_elsewhere(
    lab: Lab, tmp_path: Path, private_keychain: None
) -> None:
    """``setup --yes`` accepts the outgoing server DNS named, in the address's own domain; the
    incoming server DNS names is in another domain, never shown to anyone: no login there."""
    lab.host(DOMAIN)
    lab.srv(f"_submissions._tcp.{DOMAIN}", f"smtp.{DOMAIN}", 465)
    lab.srv(f"_imaps._tcp.{DOMAIN}", "imap.collector.test", 993)
    smtp_server(lab, f"smtp.{DOMAIN}")
    foreign = lab.imap("imap.collector.test", 993, ImapBehaviour())

    done = wizard(lab, tmp_path, "setup", ADDRESS, "--yes", "--password-stdin", "--json")

    assert done.returncode == 0, done.stdout + done.stderr
    assert imap_logins(foreign) == []
    delivery = json.loads(done.stdout)["delivery"]
    assert (delivery["status"], delivery["reason"]) == ("skipped", "foreign-server")


# -- OAuth2 sign-in ---------------------------------------------------------------------------


def test_sign_in_endpoints_from_a_document_another_domain_redirected_to_are_not_used(
    lab: Lab, tmp_path: Path
) -> None:
    """The domain's autoconfig redirects into another domain, whose document names a sign-in
    page of its own. Detection does not take that domain's word for a server without a named
    yes; the sign-in page, where the password is typed, is used on no one's word at all."""
    phishing = (
        "<oAuth2><issuer>https://phish.collector.test</issuer><scope>smtp</scope>"
        "<authURL>https://phish.collector.test/authorize</authURL>"
        "<tokenURL>https://phish.collector.test/token</tokenURL></oAuth2>"
    )
    document = (
        client_config(f"smtp.{DOMAIN}")
        .replace("password-cleartext", "OAuth2")
        .replace("</clientConfig>", f"{phishing}</clientConfig>")
    )
    redirect_to_collector(lab, document)
    lab.https("phish.collector.test", "/authorize", "<p>Type your password here</p>")
    lab.smtp(
        f"smtp.{DOMAIN}", 465, SmtpBehaviour(security=Security.SSL, oauth_mechanisms=("XOAUTH2",))
    )

    done = wizard(
        lab,
        tmp_path,
        "setup",
        ADDRESS,
        "--json",
        "--sign-in-timeout",
        "5",
        password=None,
        env={"BROWSER": "true"},
    )

    assert not [r for r in lab.requests if r.host.startswith("phish.")]
    assert json.loads(done.stdout)["oauth_ignored"][0] == "https://phish.collector.test"


def test_a_client_secret_from_dynamic_registration_is_kept_in_the_keychain_only(
    lab: Lab, tmp_path: Path, private_keychain: None
) -> None:
    """Some issuers hand a registered native client a secret all the same. It is a secret:
    the keychain keeps it, as it keeps the refresh token; no file does."""
    world = World(lab, tmp_path, f"o{uuid.uuid4().hex[:10]}.test", registration_secret=True)
    world.autoconfig()
    world.smtp("XOAUTH2")
    assert world.run("setup", world.address).returncode == 0
    (client,) = world.auth.clients.values()
    assert client.client_secret
    world.auth.expire_access_tokens()

    token = world.run("token", world.address)  # a refresh: needs the client secret

    assert token.returncode == 0, token.stderr
    assert world.auth.login_of(token.stdout.strip()) == world.address
    files = [f for f in world.config_home.rglob("*") if f.is_file()]
    assert any(f.name == "oauth-registrations.json" for f in files)
    assert all(client.client_secret not in f.read_text() for f in files)
    assert world.run("setup", world.address, "--yes").returncode == 0
    assert list(world.auth.clients) == [client.client_id]  # the registration is reused


def test_a_report_for_an_oauth2_account_signs_in_and_never_sends_the_refresh_token(
    lab: Lab, tmp_path: Path, private_keychain: None
) -> None:
    """The keychain holds an OAuth2 account's refresh token, not a password: the report's
    test send signs in with a fresh access token, as ``test`` does, and shows neither."""
    world = World(lab, tmp_path, f"o{uuid.uuid4().hex[:10]}.test")
    world.autoconfig()
    server = world.smtp("XOAUTH2")
    assert world.run("setup", world.address).returncode == 0

    done = world.run("report", world.address, "--format", "json")

    assert done.returncode == 0, done.stderr
    test = json.loads(done.stdout)["test"]
    assert (test["ok"], test["auth"]) == (True, "oauth2")
    assert len(server.received) == 2  # the setup's test message, and the report's
    world.assert_no_token_shown()


# -- organisation presets ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("folder_mode", "file_mode"),
    [(0o755, 0o666), (0o777, 0o644)],
    ids=["file-anyone-may-change", "folder-anyone-may-add-to"],
)
def test_a_preset_other_users_could_have_written_is_ignored(
    lab: Lab, tmp_path: Path, folder_mode: int, file_mode: int
) -> None:
    """A preset is the most trusted source ("Set by your organisation", its pinned certificate
    and its sign-in trusted). One that any user of the computer could have written or put
    there is no one's word: it would let them send everyone's password to their server."""
    folder = tmp_path / "presets"
    folder.mkdir()
    preset = folder / "corp.xml"
    preset.write_text(client_config("smtp.collector.test"), encoding="utf-8")
    preset.chmod(file_mode)
    folder.chmod(folder_mode)
    lab.https(f"autoconfig.{DOMAIN}", AUTOCONFIG, client_config(f"smtp.{DOMAIN}"))
    smtp_server(lab, f"smtp.{DOMAIN}")
    smtp_server(lab, "smtp.collector.test")
    environment = {"EMAIL_SETUP_WIZARD_PRESETS": str(folder)}

    detected = wizard(lab, tmp_path, "detect", ADDRESS, "--json", env=environment)
    listed = wizard(lab, tmp_path, "presets", "list", "--json", env=environment)

    assert json.loads(detected.stdout)["smtp"]["host"] == f"smtp.{DOMAIN}"
    ignored = json.loads(listed.stdout)["ignored"]
    assert [(e["problem"], e["file"]) for e in ignored] == [
        ("unsafe-permissions", str(preset if file_mode & 0o002 else folder))
    ]
    assert "other users of this computer can change it" in ignored[0]["message"]


# -- what a traceback or a log line may show --------------------------------------------------


def test_the_objects_that_carry_a_password_never_show_it() -> None:
    """A repr ends up in tracebacks, assertion messages and log lines (the wizard's engine
    thread logs unexpected errors): no object that carries a password may show it."""
    from wizard.delivery.after_send import AfterSend
    from wizard.reporting.run import Gathered
    from wizard.smtp.send import SendSettings, Stage, TestOutcome

    settings = SendSettings(f"smtp.{DOMAIN}", 465, Security.SSL, ADDRESS, ADDRESS)
    outcome = TestOutcome(True, Stage.DONE, None, ADDRESS, "<id@x>", None, None, ())
    shown = [
        repr(AfterSend(settings, outcome, PASSWORD, 0.0, 60.0)),
        repr(Gathered(None, (PASSWORD,), (ADDRESS,))),  # type: ignore[arg-type]
    ]
    assert all(PASSWORD not in text for text in shown)
