"""OAuth2 sign-in end to end: the real program in the lab against the lab's Authlib
authorization server and lab SMTP servers that accept only a token it issued.

The person is played by ``tests/lab/browser.py`` through ``$BROWSER``; refresh tokens are read
back from the real gnome-keyring of tests/lab/with-keyring with ``secret-tool``. Every output
is searched for every token issued: none may appear anywhere.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.lab.oauth_server import LabAuthServer, OAuthBehaviour
from tests.lab.smtp_server import LabSmtpServer, SmtpBehaviour
from tests.lab.world import Lab
from tests.test_cli_accounts import (
    AUTOCONFIG,
    interrupt,
    one_json_object,
    profiles_file,
    run,
    run_at_terminal,
)
from wizard.model import Security

pytestmark = pytest.mark.usefixtures("private_keychain")

BROWSER_SCRIPT = Path(__file__).parent / "lab" / "browser.py"


@pytest.fixture
def domain() -> str:
    return f"o{uuid.uuid4().hex[:10]}.test"


@pytest.fixture
def config_home(tmp_path: Path) -> Path:
    return tmp_path / "config"


class World:
    """One provider: autoconfig naming its issuer, the issuer, and an OAuth2-only server."""

    def __init__(self, lab: Lab, tmp_path: Path, domain: str, **behaviour: Any) -> None:
        self.lab = lab
        self.domain = domain
        self.address = f"alice@{domain}"
        self.auth: LabAuthServer = lab.oauth(f"auth.{domain}", OAuthBehaviour(**behaviour))
        self.log = tmp_path / "browser.log"
        self.browser = tmp_path / "browser"
        self.browser.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{BROWSER_SCRIPT}" "$@"\n')
        self.browser.chmod(0o755)
        self.config_home = tmp_path / "config"
        self.outputs: list[str] = []

    def autoconfig(
        self, *, scheme: str = "https", oauth: str | None = None, methods: str = "OAuth2"
    ) -> None:
        """The provider's autoconfig: ``methods`` are its outgoing server's ways of logging
        in (one ``<authentication>`` each, space-separated)."""
        block = oauth if oauth is not None else f"<oAuth2><issuer>{self.auth.issuer}</issuer>"
        if oauth is None:
            block += "<scope>smtp</scope></oAuth2>"
        document = (
            f'<clientConfig version="1.1"><emailProvider id="{self.domain}">'
            f"<domain>{self.domain}</domain><displayName>Lab Mail</displayName>"
            f'<outgoingServer type="smtp"><hostname>smtp.{self.domain}</hostname>'
            f"<port>465</port><socketType>SSL</socketType><username>%EMAILADDRESS%</username>"
            + "".join(f"<authentication>{m}</authentication>" for m in methods.split())
            + "</outgoingServer>"
            f"</emailProvider>{block}</clientConfig>"
        ).encode()
        if scheme == "https":
            self.lab.https(f"autoconfig.{self.domain}", AUTOCONFIG, document)
        else:
            self.lab.http(f"autoconfig.{self.domain}", AUTOCONFIG, document)

    def smtp(self, *mechanisms: str) -> LabSmtpServer:
        return self.lab.smtp(
            f"smtp.{self.domain}",
            465,
            SmtpBehaviour(
                security=Security.SSL,
                oauth_mechanisms=mechanisms or ("XOAUTH2", "OAUTHBEARER"),
                bearer=self.auth.login_of,
            ),
        )

    def smtp_taking_a_password(self, password: str) -> LabSmtpServer:
        """The server takes ``password`` for the address, or a token (XOAUTH2)."""
        return self.lab.smtp(
            f"smtp.{self.domain}",
            465,
            SmtpBehaviour(
                security=Security.SSL,
                accounts={self.address: password},
                oauth_mechanisms=("XOAUTH2",),
                bearer=self.auth.login_of,
            ),
        )

    def run(
        self,
        *args: str,
        mode: str = "consent",
        env: dict[str, str] | None = None,
        stdin: str | None = None,
    ) -> subprocess.CompletedProcess[str]:
        """The program, with the scripted person at the browser doing ``mode``."""
        done = run(self.lab, self.config_home, *args, env=self.environment(mode, env), stdin=stdin)
        self.outputs += [done.stdout, done.stderr]
        return done

    def environment(self, mode: str, env: dict[str, str] | None = None) -> dict[str, str]:
        """What the program runs with: the scripted person at the browser doing ``mode``."""
        return {
            "BROWSER": str(self.browser),
            "LAB_BROWSER": mode,
            "LAB_BROWSER_USER": self.address,
            "LAB_BROWSER_LOG": str(self.log),
            "XDG_CONFIG_DIRS": str(self.config_home.parent / "system"),
            **(env or {}),
        }

    def type_the_code_on_a_phone(self, *, allow: bool = True) -> None:
        """The person reads the device code off the screen and approves it (or says no,
        ``allow=False``) elsewhere, as soon as the program has asked for one (a thread, since
        the program runs meanwhile)."""

        def person() -> None:
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                codes = self.auth.user_codes()
                if codes:
                    self.auth.approve(codes[0], self.address if allow else None)
                    return
                time.sleep(0.1)

        threading.Thread(target=person, daemon=True).start()

    def visits(self) -> list[dict[str, Any]]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text().splitlines()]

    def assert_no_token_shown(self) -> None:
        """No access or refresh token anywhere in what the program printed or wrote."""
        secrets = [t.access_token for t in self.auth._tokens]
        secrets += [t.refresh_token for t in self.auth._tokens if t.refresh_token]
        written = [self.config_home.rglob("*")] if self.config_home.exists() else []
        texts = list(self.outputs)
        for files in written:
            texts += [f.read_text(errors="replace") for f in files if f.is_file()]
        for secret in secrets:
            assert all(secret not in text for text in texts)


def keychain_token(service: str, user: str) -> str:
    return subprocess.run(
        ["secret-tool", "lookup", "service", service, "username", user],
        capture_output=True,
        text=True,
        check=False,
    ).stdout


@pytest.fixture
def world(lab: Lab, tmp_path: Path, domain: str) -> World:
    return World(lab, tmp_path, domain, send_iss=True)


def test_setup_signs_in_in_the_browser_and_stores_only_the_refresh_token(world: World) -> None:
    world.autoconfig()
    server = world.smtp("XOAUTH2", "OAUTHBEARER")

    done = world.run("setup", world.address, "--json")

    assert done.returncode == 0, done.stderr
    result = one_json_object(done.stdout)
    assert result["test"]["auth"] == "oauth2"
    assert result["test"]["mechanism"] == "OAUTHBEARER"  # offered, so preferred
    assert "C: AUTH OAUTHBEARER ********" in result["test"]["transcript"]
    service = f"oauth://auth.{world.domain}"
    assert result["stored"]["service"] == service
    account = result["stored"]["account"]
    assert account["auth"] == "oauth2"
    assert account["oauth"]["issuer"] == world.auth.issuer
    assert account["oauth"]["client_id"] in world.auth.clients  # registered dynamically
    assert result["sign_in"]["client_origin"] == "registered"
    assert result["sign_in"]["flow"] == "browser"
    assert len(server.received) == 1
    assert server.received[0].auth_login == world.address
    assert keychain_token(service, world.address) in world.auth.refresh_tokens(world.address)
    page = world.visits()[0]
    assert page["status"] == 200 and "You can close this window" in page["text"]
    world.assert_no_token_shown()


def test_the_registration_is_reused_and_token_and_test_refresh(world: World) -> None:
    world.autoconfig()
    server = world.smtp("XOAUTH2")
    assert world.run("setup", world.address).returncode == 0
    clients = set(world.auth.clients)
    world.auth.expire_access_tokens()

    token = world.run("token", world.address)
    tested = world.run("test", world.address, "--json")

    assert token.returncode == 0, token.stderr
    assert world.auth.login_of(token.stdout.strip()) == world.address
    assert token.stdout.count("\n") == 1  # the token and nothing else
    assert tested.returncode == 0, tested.stderr
    assert one_json_object(tested.stdout)["mechanism"] == "XOAUTH2"
    assert len(server.received) == 2
    assert world.run("setup", world.address, "--yes").returncode == 0
    assert set(world.auth.clients) == clients  # registered once, reused
    outputs_but_token = [o for o in world.outputs if o != token.stdout]
    world.outputs = outputs_but_token
    world.assert_no_token_shown()


def test_a_rotated_refresh_token_is_kept(lab: Lab, tmp_path: Path, domain: str) -> None:
    world = World(lab, tmp_path, domain, rotate_refresh=True)
    world.autoconfig()
    world.smtp()
    assert world.run("setup", world.address).returncode == 0
    service = f"oauth://auth.{domain}"
    first = keychain_token(service, world.address)

    assert world.run("token", world.address).returncode == 0
    second = keychain_token(service, world.address)
    again = world.run("token", world.address)  # with the new one: the old one is spent

    assert second != first
    assert again.returncode == 0, again.stderr
    assert keychain_token(service, world.address) in world.auth.refresh_tokens(world.address)


def test_a_revoked_sign_in_means_sign_in_again(world: World) -> None:
    world.autoconfig()
    world.smtp()
    assert world.run("setup", world.address).returncode == 0
    world.auth.revoke_all(world.address)

    token = world.run("token", world.address)
    tested = world.run("test", world.address)

    assert (token.returncode, token.stdout) == (6, "")
    assert "sign in again" in token.stderr
    assert tested.returncode == 6


def test_accounts_remove_deletes_and_revokes_the_refresh_token(world: World) -> None:
    world.autoconfig()
    world.smtp()
    assert world.run("setup", world.address).returncode == 0
    service = f"oauth://auth.{world.domain}"
    assert keychain_token(service, world.address)

    removed = world.run("accounts", "remove", world.address, "--json")

    assert removed.returncode == 0, removed.stderr
    result = one_json_object(removed.stdout)
    assert (result["keychain_entry_removed"], result["revoked"]) == (True, True)
    assert keychain_token(service, world.address) == ""
    assert world.auth.refresh_tokens(world.address) == []


def test_setup_with_the_device_code(world: World) -> None:
    world.autoconfig()
    server = world.smtp()

    world.type_the_code_on_a_phone()
    done = world.run("setup", world.address, "--oauth2", "--device-code")

    assert done.returncode == 0, done.stderr
    assert "enter the code" in done.stderr
    assert len(server.received) == 1
    world.assert_no_token_shown()


@pytest.mark.parametrize(
    ("allow", "lifetime", "expected"),
    [(False, 900, "Access was not granted"), (None, 2, "The code expired")],
)
def test_a_device_code_refused_or_left_to_expire_stores_nothing(
    lab: Lab, tmp_path: Path, domain: str, allow: bool | None, lifetime: int, expected: str
) -> None:
    """The person says no on the phone (access_denied), or never types the code until it
    expires (expired_token): a plain reason, nothing sent or stored."""
    world = World(lab, tmp_path, domain, device_lifetime=lifetime)
    world.autoconfig()
    server = world.smtp()
    if allow is not None:
        world.type_the_code_on_a_phone(allow=allow)

    done = world.run("setup", world.address, "--oauth2", "--device-code")

    assert done.returncode != 0
    assert expected in done.stderr
    assert server.received == []
    assert not profiles_file(world.config_home).exists()
    assert keychain_token(f"oauth://auth.{domain}", world.address) == ""


def test_ctrl_c_while_the_browser_is_open_ends_at_once_and_stores_nothing(
    world: World,
) -> None:
    """The person gives up at the command line while the sign-in page is open."""
    world.autoconfig()
    server = world.smtp()

    done = run_at_terminal(
        world.lab,
        world.config_home,
        "setup",
        world.address,
        prompt="If no browser opens, open this page",
        answer=interrupt,
        env=world.environment("never"),
    )

    assert done.returncode == 130, done.stderr
    assert "Cancelled" in done.stderr
    assert server.received == []
    assert not profiles_file(world.config_home).exists()
    assert keychain_token(f"oauth://auth.{world.domain}", world.address) == ""


def test_a_configured_client_from_the_registrations_file(
    lab: Lab, tmp_path: Path, domain: str
) -> None:
    world = World(lab, tmp_path, domain, registration=False)
    world.auth.add_client("org-app")
    system = world.config_home.parent / "system" / "email-setup-wizard"
    system.mkdir(parents=True)
    (system / "oauth-clients.toml").write_text(f'["{world.auth.issuer}"]\nclient_id = "org-app"\n')
    world.autoconfig()
    world.smtp()

    done = world.run("setup", world.address, "--json")

    assert done.returncode == 0, done.stderr
    result = one_json_object(done.stdout)
    assert result["stored"]["account"]["oauth"]["client_id"] == "org-app"
    assert result["sign_in"]["client_origin"] == "system-file"


def test_a_client_secret_given_on_the_command_line_serves_the_later_refreshes(
    lab: Lab, tmp_path: Path, domain: str
) -> None:
    """A Google "Desktop app" client wants its secret at every refresh, not only at sign-in:
    the secret given with --oauth-client-secret-stdin is kept in the keychain, never in a file."""
    world = World(lab, tmp_path, domain, registration=False)
    world.auth.add_client("desktop-app", "desktop-secret")
    world.autoconfig()
    server = world.smtp("XOAUTH2")
    given = ("--oauth-client-id", "desktop-app", "--oauth-client-secret-stdin")
    assert world.run("setup", world.address, *given, stdin="desktop-secret\n").returncode == 0

    token = world.run("token", world.address)
    tested = world.run("test", world.address)

    assert token.returncode == 0, token.stderr
    assert world.auth.login_of(token.stdout.strip()) == world.address
    assert tested.returncode == 0, tested.stderr
    assert len(server.received) == 2
    assert keychain_token(f"oauth-client://auth.{domain}", "desktop-app") == "desktop-secret"
    for written in world.config_home.rglob("*"):
        assert not written.is_file() or "desktop-secret" not in written.read_text()
    world.outputs = [output for output in world.outputs if output != token.stdout]
    world.assert_no_token_shown()


@pytest.mark.parametrize(
    ("mode", "behaviour", "expected"),
    [
        ("wrong-state", {}, "did not belong"),
        ("consent", {"send_iss": True, "iss_value": "https://evil.test"}, "did not belong"),
        ("injected-code", {}, "invalid_grant"),
        ("deny", {}, "Access was not granted"),
        ("never", {}, "not finished in time"),
    ],
)
def test_sign_ins_that_must_not_succeed_store_nothing(
    lab: Lab, tmp_path: Path, domain: str, mode: str, behaviour: dict[str, Any], expected: str
) -> None:
    world = World(lab, tmp_path, domain, **behaviour)
    world.autoconfig()
    server = world.smtp()

    done = world.run("setup", world.address, "--sign-in-timeout", "3", mode=mode)

    assert done.returncode != 0
    assert expected in done.stderr
    assert server.received == []
    assert not profiles_file(world.config_home).exists()
    assert keychain_token(f"oauth://auth.{domain}", world.address) == ""


def test_a_redirect_from_another_local_program_is_refused_and_ignored(world: World) -> None:
    world.autoconfig()
    server = world.smtp()
    assert world.run("setup", world.address, mode="foreign").returncode == 0
    foreign, real = world.visits()
    assert foreign["status"] == 400 and "does not belong" in foreign["text"]
    assert real["status"] == 200
    assert len(server.received) == 1


def test_a_second_redirect_finds_nobody_listening(world: World) -> None:
    world.autoconfig()
    world.smtp()
    assert world.run("setup", world.address, mode="twice").returncode == 0
    first, second = world.visits()
    assert first["status"] == 200
    assert second["status"] is None  # connection refused: the listener closed


@pytest.mark.parametrize("mechanism", ["XOAUTH2", "OAUTHBEARER"])
def test_a_refused_token_is_answered_and_explained_without_a_hang(
    world: World, mechanism: str
) -> None:
    world.autoconfig()
    server = world.smtp(mechanism)
    assert world.run("setup", world.address).returncode == 0
    server.behaviour.bearer = lambda _token: None  # the server stops accepting the token

    tested = world.run("test", world.address, "--json")

    assert tested.returncode == 4
    result = one_json_object(tested.stdout)
    assert result["diagnosis"] == "token-rejected"
    assert server.error_answers == [b"" if mechanism == "XOAUTH2" else b"\x01"]


def test_a_token_longer_than_2_5_kb_works(lab: Lab, tmp_path: Path, domain: str) -> None:
    world = World(lab, tmp_path, domain, token_bytes=2400)  # 3200 characters, as Microsoft's
    world.autoconfig()
    server = world.smtp("XOAUTH2")

    done = world.run("setup", world.address)

    assert done.returncode == 0, done.stderr
    assert len(world.auth._tokens[0].access_token) > 2500
    assert len(server.received) == 1


def test_sign_in_endpoints_from_plain_http_are_not_used(world: World) -> None:
    phishing = (
        "<oAuth2><issuer>https://phish.example.test</issuer><scope>smtp</scope>"
        "<authURL>https://phish.example.test/authorize</authURL>"
        "<tokenURL>https://phish.example.test/token</tokenURL></oAuth2>"
    )
    world.autoconfig(scheme="http", oauth=phishing)
    world.smtp()

    done = world.run("setup", world.address, "--yes", "--json", stdin="")

    assert "were ignored" in done.stderr
    assert one_json_object(done.stdout)["oauth_ignored"][0] == "https://phish.example.test"
    assert not [r for r in world.lab.requests if "phish" in r.host]
    assert world.visits() == []  # no browser was sent anywhere


def test_microsoft_365_found_by_mx_is_not_called_a_fake_sign_in_page(world: World) -> None:
    """A custom domain at Microsoft 365 is found through its MX and the bundled database: the
    database's own Microsoft sign-in addresses are not "from an untrusted source"."""
    world.lab.mx(world.domain, f"{world.domain.replace('.', '-')}.mail.protection.outlook.com")

    done = world.run("setup", world.address, "--yes", "--json", stdin="")

    result = one_json_object(done.stdout)
    assert "were ignored" not in done.stderr
    assert "oauth_ignored" not in result
    assert "signing in with Microsoft" in result["error"]  # on to Microsoft's sign-in
    assert world.visits() == []


def test_the_browser_page_speaks_the_users_language(world: World) -> None:
    world.autoconfig()
    world.smtp()
    german = {"LANG": "de_DE.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}

    done = world.run("setup", world.address, env=german)

    assert done.returncode == 0, done.stderr
    assert "Sie können dieses Fenster schließen" in world.visits()[0]["text"]
    assert "Melden Sie sich im Browser an" in done.stderr


def test_test_with_given_settings_and_a_device_code(world: World) -> None:
    server = world.smtp("XOAUTH2")
    world.auth.behaviour.slow_down_polls = 1  # the first poll is told to slow down

    world.type_the_code_on_a_phone()
    done = world.run(
        "test",
        world.address,
        "--host",
        f"smtp.{world.domain}",
        "--security",
        "ssl",
        "--oauth2",
        "--device-code",
        "--oauth-issuer",
        world.auth.issuer,
        "--json",
    )

    assert done.returncode == 0, done.stderr
    assert one_json_object(done.stdout)["auth"] == "oauth2"
    assert len(server.received) == 1
    assert not profiles_file(world.config_home).exists()  # test stores nothing
    world.assert_no_token_shown()


def test_a_provider_that_needs_oauth2_without_a_client_explains_it(
    lab: Lab, tmp_path: Path, domain: str
) -> None:
    world = World(lab, tmp_path, domain, registration=False)
    world.autoconfig()
    world.smtp()

    done = world.run("setup", world.address, "--json")

    assert done.returncode == 2
    assert "no app registration" in done.stderr
    assert one_json_object(done.stdout)["stored"] is None


def test_password_stdin_forces_a_password_where_either_works(world: World) -> None:
    world.autoconfig()
    server = world.smtp_taking_a_password("app password")

    done = world.run("setup", world.address, "--password-stdin", "--json", stdin="app password\n")

    assert done.returncode == 0, done.stderr
    result = one_json_object(done.stdout)
    assert (result["test"]["auth"], result["test"]["mechanism"]) == ("password", "PLAIN")
    assert result["stored"]["account"]["oauth"] is None
    assert server.auth_mechanisms == []  # no token login was tried
    assert world.visits() == []


def test_metadata_naming_another_issuer_is_refused(lab: Lab, tmp_path: Path, domain: str) -> None:
    world = World(lab, tmp_path, domain)
    world.autoconfig(
        oauth=f"<oAuth2><issuer>https://other.{domain}</issuer><scope>smtp</scope></oAuth2>"
    )
    metadata = json.dumps({"issuer": world.auth.issuer, **{"token_endpoint": "https://x"}})
    lab.https(
        f"other.{domain}",
        "/.well-known/oauth-authorization-server",
        metadata,
        content_type="application/json",
    )
    world.smtp()

    done = world.run("setup", world.address)

    assert done.returncode != 0
    assert "no usable description" in done.stderr
    assert world.visits() == []


@pytest.mark.parametrize(
    ("endpoint", "options", "expected"),
    [
        ("metadata", (), "publishes no usable description of itself (not JSON)"),
        ("register", (), "refused to register this program (not a JSON object)"),
        ("token", (), "refused: not a JSON object"),
        ("device", ("--oauth2", "--device-code"), "refused: not a JSON object"),
    ],
)
def test_an_issuer_answering_json_nested_too_deep_is_refused_in_words(
    lab: Lab, tmp_path: Path, domain: str, endpoint: str, options: tuple[str, ...], expected: str
) -> None:
    """A hostile or broken issuer's answer nested deeper than the JSON parser goes is an
    unusable answer, said in words: no traceback, nothing sent or stored."""
    world = World(lab, tmp_path, domain, deep_json=(endpoint,))
    world.autoconfig()
    server = world.smtp()

    done = world.run("setup", world.address, *options, "--sign-in-timeout", "10")

    assert done.returncode != 0
    assert "Traceback" not in done.stderr and "RecursionError" not in done.stderr
    assert expected in " ".join(done.stderr.split()), done.stderr
    assert server.received == []
    assert not profiles_file(world.config_home).exists()
    assert keychain_token(f"oauth://auth.{domain}", world.address) == ""


def test_a_refresh_answered_too_deep_keeps_the_stored_sign_in(world: World) -> None:
    """The issuer answers a refresh with JSON nested too deep: token and test say so in
    words, and the stored account and refresh token are kept for when it answers again."""
    world.autoconfig()
    server = world.smtp()
    assert world.run("setup", world.address).returncode == 0
    service = f"oauth://auth.{world.domain}"
    stored = profiles_file(world.config_home).read_bytes()
    refresh_token = keychain_token(service, world.address)
    world.auth.expire_access_tokens()
    world.auth.behaviour.deep_json = ("token",)

    token = world.run("token", world.address)
    tested = world.run("test", world.address, "--json")

    for done in (token, tested):
        assert done.returncode != 0
        assert "Traceback" not in done.stderr and "RecursionError" not in done.stderr
    assert token.stdout == ""
    assert "refused: not a JSON object" in " ".join(token.stderr.split())
    assert "not a JSON object" in one_json_object(tested.stdout)["error"]
    assert len(server.received) == 1  # the setup's test message only
    assert profiles_file(world.config_home).read_bytes() == stored
    assert keychain_token(service, world.address) == refresh_token
    world.auth.behaviour.deep_json = ()
    assert world.run("token", world.address).returncode == 0


def test_a_registrations_file_nested_too_deep_is_registered_again(world: World) -> None:
    """A damaged ``oauth-registrations.json`` (nested deeper than the parser goes) is read
    as holding no registration: the sign-in registers again and works."""
    registrations = world.config_home / "email-setup-wizard" / "oauth-registrations.json"
    registrations.parent.mkdir(parents=True)
    registrations.write_bytes(b'{"a":' * 100_000)
    world.autoconfig()
    server = world.smtp()

    done = world.run("setup", world.address, "--json")

    assert done.returncode == 0, done.stderr
    client_id = one_json_object(done.stdout)["stored"]["account"]["oauth"]["client_id"]
    assert client_id in world.auth.clients
    assert len(server.received) == 1
    assert json.loads(registrations.read_bytes())[world.auth.issuer]["client_id"] == client_id


def test_send_through_an_oauth2_account_uses_a_fresh_access_token(world: World) -> None:
    world.autoconfig()
    server = world.smtp("XOAUTH2")
    assert world.run("setup", world.address).returncode == 0
    message = f"From: {world.address}\nTo: bob@{world.domain}\nSubject: hi\n\nHello.\n"

    sent = world.run("send", "-t", "-v", stdin=message)

    assert sent.returncode == 0, sent.stderr
    assert server.auth_mechanisms[-1] == "XOAUTH2"
    assert server.received[-1].rcpt_tos == (f"bob@{world.domain}",)
    world.assert_no_token_shown()


def test_msmtp_sends_with_the_exported_config_and_the_token_command(
    world: World, tmp_path: Path
) -> None:
    world.autoconfig()
    server = world.smtp("XOAUTH2")
    assert world.run("setup", world.address).returncode == 0
    exported = world.run("export", world.address, "--format", "msmtp")
    assert exported.returncode == 0, exported.stderr
    assert "auth xoauth2" in exported.stdout
    assert f"token {world.address}" in exported.stdout and "secret-tool" not in exported.stdout
    config = tmp_path / "msmtprc"
    config.write_text(exported.stdout + f"tls_trust_file {world.lab.ca_pem}\n")
    config.chmod(0o600)
    msmtp = shutil.which("msmtp")
    assert msmtp, "msmtp is installed by scripts/test"

    done = subprocess.run(
        [msmtp, "-C", str(config), "-a", world.address, f"bob@{world.domain}"],
        input=f"To: bob@{world.domain}\nSubject: via msmtp\n\nhello from msmtp\n",
        capture_output=True,
        text=True,
        env={**world.lab.env(), "XDG_CONFIG_HOME": str(world.config_home)},
        timeout=60,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert server.auth_mechanisms[-1] == "XOAUTH2"
    assert b"hello from msmtp" in server.received[-1].data
    world.outputs += [done.stdout, done.stderr]
    world.assert_no_token_shown()


@pytest.mark.parametrize("fmt", ["python", "mobileconfig"])
def test_password_only_exports_refuse_an_oauth2_account(world: World, fmt: str) -> None:
    world.autoconfig()
    world.smtp()
    assert world.run("setup", world.address).returncode == 0

    done = world.run("export", world.address, "--format", fmt, "--imap-host", "imap.x.test")

    assert done.returncode != 0
    assert "signs in with OAuth2" in done.stderr
    world.assert_no_token_shown()


def test_an_organisation_preset_supplies_the_client(lab: Lab, tmp_path: Path, domain: str) -> None:
    world = World(lab, tmp_path, domain, registration=False)
    world.auth.add_client("corp-wizard")
    presets = tmp_path / "presets"
    presets.mkdir()
    (presets / "corp.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<clientConfig version="1.1">\n'
        '  <emailProvider id="corp.test"><domain>corp.test</domain>\n'
        '    <outgoingServer type="smtp"><hostname>smtp.corp.test</hostname><port>465</port>'
        "<socketType>SSL</socketType><username>%EMAILADDRESS%</username>"
        "<authentication>OAuth2</authentication></outgoingServer>\n"
        "  </emailProvider>\n  <emailSetupWizard>\n"
        f'    <oauth2Registrations><![CDATA[\n["{world.auth.issuer}"]\n'
        'client_id = "corp-wizard"\n]]></oauth2Registrations>\n'
        "  </emailSetupWizard>\n</clientConfig>\n"
    )
    world.autoconfig()
    world.smtp()

    done = world.run(
        "setup", world.address, "--json", env={"EMAIL_SETUP_WIZARD_PRESETS": str(presets)}
    )

    assert done.returncode == 0, done.stderr
    result = one_json_object(done.stdout)
    assert (result["sign_in"]["client_id"], result["sign_in"]["client_origin"]) == (
        "corp-wizard",
        "preset",
    )
