"""The diagnosis report end to end: the real ``report`` command against lab worlds (a working
setup, a wrong password, a certificate failure, a blocked port, an intercepted connection),
in every format, with what each report must say, and what it must never contain.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.lab.certs import CertKind
from tests.lab.smtp_server import SmtpBehaviour
from tests.lab.world import Lab
from wizard.model import Security
from wizard.profiles import AccountProfile, ProfileStore

pytestmark = pytest.mark.lab

DOMAIN = "example.test"
HOST = "smtp.example.test"
ADDRESS = f"zanzibar@{DOMAIN}"
PASSWORD = "Tr0ub4dor&3-horse"
FORMATS = ("text", "markdown", "html", "json")


def autoconfig(lab: Lab, *servers: tuple[int, str], username: str = "%EMAILADDRESS%") -> None:
    outgoing = "".join(
        f'<outgoingServer type="smtp"><hostname>{HOST}</hostname><port>{port}</port>'
        f"<socketType>{socket}</socketType><username>{username}</username>"
        "<authentication>password-cleartext</authentication></outgoingServer>"
        for port, socket in servers
    )
    document = (
        f'<?xml version="1.0"?><clientConfig version="1.1"><emailProvider id="{DOMAIN}">'
        f"<domain>{DOMAIN}</domain><displayName>Example</displayName>{outgoing}"
        "</emailProvider></clientConfig>"
    )
    lab.https(f"autoconfig.{DOMAIN}", "/mail/config-v1.1.xml", document)


def servers(lab: Lab, *, login: str = ADDRESS, cert_465: CertKind = CertKind.VALID) -> None:
    accounts = {login: PASSWORD}
    lab.smtp(HOST, 465, SmtpBehaviour(security=Security.SSL, cert=cert_465, accounts=accounts))
    lab.smtp(HOST, 587, SmtpBehaviour(security=Security.STARTTLS, accounts=accounts))


def report(
    lab: Lab,
    tmp_path: Path,
    form: str,
    *extra: str,
    password: str | None = PASSWORD,
    language: str = "C.UTF-8",
) -> str:
    output = tmp_path / f"report.{form}"
    command = [sys.executable, "-m", "wizard", "report", ADDRESS, "--format", form]
    command += ["--output", str(output), "--timeout", "8", *extra]
    if password is not None:
        command.append("--password-stdin")
    env = lab.env() | {"XDG_CONFIG_HOME": str(tmp_path / "config"), "LANG": language}
    result = subprocess.run(
        command,
        input=f"{password}\n" if password is not None else None,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return output.read_text(encoding="utf-8")


def all_formats(
    lab: Lab, tmp_path: Path, *extra: str, password: str | None = PASSWORD
) -> dict[str, str]:
    return {form: report(lab, tmp_path, form, *extra, password=password) for form in FORMATS}


def secret_forms(login: str) -> list[str]:
    return [
        PASSWORD,
        base64.b64encode(PASSWORD.encode()).decode(),
        base64.b64encode(f"\0{login}\0{PASSWORD}".encode()).decode(),
    ]


def test_a_working_setup(lab: Lab, tmp_path: Path) -> None:
    autoconfig(lab, (465, "SSL"), (587, "STARTTLS"))
    servers(lab)
    reports = all_formats(lab, tmp_path)
    text = reports["text"]
    assert f"Email setup diagnosis for {ADDRESS}" in text
    assert f"Outgoing server:  {HOST}:465 (SSL/TLS)" in text
    assert "Test send:        passed" in text
    assert "The server accepted the test message: sending works." in text
    assert "C: AUTH PLAIN ********" in text
    assert "S: 235 2.7.0 Authentication successful" in text
    assert "Port 465 reaches smtp.example.test." in text
    assert "Port 587 reaches smtp.example.test." in text
    assert "smtp.example.test does not offer port 25" in text
    assert "Issuer:" in text and "Email Setup Wizard lab CA" in text
    assert "SHA-256" in text
    assert "The domain's own settings" in text  # the source that found it
    assert "https://autoconfig.example.test/mail/config-v1.1.xml" in text
    assert "Sender domain example.test" in text
    assert "example.test publishes no SPF record" in text
    document = json.loads(reports["json"])
    assert document["test"]["ok"] is True
    assert document["settings"]["host"] == HOST
    assert [p["port"] for p in document["network"]["ports"]] == [25, 465, 587]
    assert document["certificates"][0]["issuer"].startswith("Email Setup Wizard lab CA")
    assert document["domain"]["domain"] == DOMAIN
    for form, body in reports.items():
        for secret in secret_forms(ADDRESS):
            assert secret not in body, f"{form} report contains a secret"
    assert "<h2>Test send</h2>" in reports["html"]
    assert "## Test send" in reports["markdown"]


def test_a_wrong_password(lab: Lab, tmp_path: Path) -> None:
    autoconfig(lab, (465, "SSL"))
    servers(lab)
    reports = {form: report(lab, tmp_path, form, password="not-the-password") for form in FORMATS}
    text = reports["text"]
    assert "failed: The server did not accept the username or password." in text
    assert "The server answered: 535" in text
    for body in reports.values():
        assert "not-the-password" not in body
        assert base64.b64encode(b"not-the-password").decode() not in body


def test_a_certificate_failure(lab: Lab, tmp_path: Path) -> None:
    autoconfig(lab, (465, "SSL"))
    lab.smtp(
        HOST,
        465,
        SmtpBehaviour(security=Security.SSL, cert=CertKind.EXPIRED, accounts={ADDRESS: PASSWORD}),
    )
    text = report(lab, tmp_path, "text")
    assert "The server's certificate could not be verified, so the password was not sent." in text
    assert re.search(r"The certificate expired on \d{4}-\d\d-\d\d\.", text)
    assert "Certificate fingerprint (SHA-256):" in text
    assert "Validity:" in text
    assert "not trusted, SHA-256" in text  # in the table of servers tried


def test_a_blocked_port_465(lab: Lab, tmp_path: Path) -> None:
    autoconfig(lab, (465, "SSL"), (587, "STARTTLS"))
    servers(lab)
    lab.blackhole(HOST, 465)
    text = report(lab, tmp_path, "text")
    assert "This network blocks port 465; port 587 works." in text
    assert "a security program may be filtering mail" in text
    document = json.loads(report(lab, tmp_path, "json"))
    codes = [f["code"] for f in document["network"]["findings"]]
    assert "port-blocked" in codes


def test_an_intercepted_tls_connection(lab: Lab, tmp_path: Path) -> None:
    autoconfig(lab, (465, "SSL"), (587, "STARTTLS"))
    servers(lab, cert_465=CertKind.UNKNOWN_ISSUER)
    text = report(lab, tmp_path, "text")
    assert "On port 465 something other than the server answered" in text
    assert "Somebody else's CA" in text  # the intercepting certificate's issuer is shown


def test_anonymize_leaves_no_trace_of_the_local_part(lab: Lab, tmp_path: Path) -> None:
    autoconfig(lab, (465, "SSL"), username="%EMAILLOCALPART%")
    servers(lab, login="zanzibar")
    reports = all_formats(lab, tmp_path, "--anonymize")
    for form, body in reports.items():
        assert "zanzibar" not in body.lower(), f"{form} report shows the local part"
        assert "x@example.test" in body
    assert "Test send:        passed" in reports["text"]


def test_the_report_follows_the_language(lab: Lab, tmp_path: Path) -> None:
    autoconfig(lab, (465, "SSL"))
    servers(lab)
    text = report(lab, tmp_path, "text", language="de_DE.UTF-8")
    assert f"E-Mail-Einrichtung: Diagnose für {ADDRESS}" in text
    assert "Testversand:" in text and "bestanden" in text
    html = report(lab, tmp_path, "html", language="de_DE.UTF-8")
    assert '<html lang="de">' in html
    assert (
        json.loads(report(lab, tmp_path, "json", language="de_DE.UTF-8"))["test"]["explanation"]
        is None
    )


def test_without_a_password_no_message_is_sent(lab: Lab, tmp_path: Path) -> None:
    autoconfig(lab, (465, "SSL"))
    servers(lab)
    text = report(lab, tmp_path, "text", password=None)
    assert "not run: no password was at hand" in text


def test_a_stored_account_whose_password_cannot_be_read_says_so(lab: Lab, tmp_path: Path) -> None:
    """The helpdesk's case: the account is set up, but the keychain cannot be used (not
    running, locked). The report says that, not that there is no stored account."""
    autoconfig(lab, (465, "SSL"))
    servers(lab)
    profiles = tmp_path / "config" / "email-setup-wizard" / "accounts.json"
    ProfileStore(profiles).save(AccountProfile("", ADDRESS, HOST, 465, Security.SSL, ADDRESS))
    env = lab.env() | {
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "LANG": "C.UTF-8",
        "DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path / 'no-bus'}",
    }

    done = {
        form: subprocess.run(
            [sys.executable, "-m", "wizard", "report", ADDRESS, "--format", form, "--timeout", "8"],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        for form in ("text", "json")
    }

    assert [result.returncode for result in done.values()] == [0, 0]
    text = done["text"].stdout
    assert "Settings from:    the stored account" in text
    assert "the stored account's password or sign-in could not be read from the keychain" in text
    assert "no stored account" not in text
    assert json.loads(done["json"].stdout)["test_skipped"] == "no-stored-password"


def test_the_html_report_is_one_file_that_fetches_nothing(lab: Lab, tmp_path: Path) -> None:
    autoconfig(lab, (465, "SSL"))
    servers(lab)
    html = report(lab, tmp_path, "html")
    assert "default-src 'none'" in html
    assert "prefers-color-scheme: dark" in html
    assert "@media print" in html
    assert 'name="viewport"' in html
    for marker in ("src=", "href=", "url(", "@import", "<script"):
        assert marker not in html


class _Listener:
    """A TCP listener that records the first line of every connection: Chromium's proxy, so
    that any request the page makes, to any host, arrives here and is seen."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.requests: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.server.accept()
            except TimeoutError:
                continue
            connection.settimeout(2)
            try:
                first = connection.recv(4096).split(b"\r\n", 1)[0]
            except OSError:
                first = b"(nothing)"
            self.requests.append(first.decode("latin-1"))
            connection.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.server.close()


def chromium(*arguments: str, profile: Path, proxy: int) -> subprocess.CompletedProcess[str]:
    """Debian's headless Chromium, as root in the lab, with every request sent to ``proxy``."""
    binary = shutil.which("chromium")
    if binary is None:
        pytest.fail("chromium is missing: scripts/test installs Debian's chromium package")
    return subprocess.run(
        [
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-default-apps",
            "--disable-domain-reliability",
            "--disable-client-side-phishing-detection",
            "--no-pings",
            "--metrics-recording-only",
            # Chromium's own services (the clock check, hints, translation) would otherwise make
            # requests of their own, which could not be told from the page's.
            "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,Translate,"
            "MediaRouter,AutofillServerCommunication",
            f"--user-data-dir={profile}",
            f"--proxy-server=http://127.0.0.1:{proxy}",
            "--proxy-bypass-list=<-loopback>",
            *arguments,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_html_report_renders_in_chromium_without_a_request(lab: Lab, tmp_path: Path) -> None:
    autoconfig(lab, (465, "SSL"), (587, "STARTTLS"))
    servers(lab)
    page = tmp_path / "report.html"
    page.write_text(report(lab, tmp_path, "html"), encoding="utf-8")
    listener = _Listener()
    try:
        shot = tmp_path / "phone.png"
        shown = chromium(
            "--window-size=390,844",
            f"--screenshot={shot}",
            page.as_uri(),
            profile=tmp_path / "chromium-1",
            proxy=listener.port,
        )
        assert shot.exists(), shown.stderr
        assert shot.stat().st_size > 10_000  # a rendered page, not a blank one
        dom = chromium(
            "--dump-dom", page.as_uri(), profile=tmp_path / "chromium-2", proxy=listener.port
        )
        assert f"Email setup diagnosis for {ADDRESS}" in dom.stdout
        assert "Port 465 reaches smtp.example.test." in dom.stdout
    finally:
        listener.close()
    # Chromium's component updater asks its own service whatever the flags; the page may make
    # no request at all, so everything else that reached the proxy is the page's.
    from_page = [r for r in listener.requests if "update.googleapis.com" not in r]
    assert from_page == [], "\n".join(from_page)


@pytest.mark.usefixtures("private_keychain")
def test_a_stored_account_is_tested_with_its_keychain_password(lab: Lab, tmp_path: Path) -> None:
    autoconfig(lab, (465, "SSL"))
    servers(lab)
    env = lab.env() | {"XDG_CONFIG_HOME": str(tmp_path / "config"), "LANG": "C.UTF-8"}
    set_up = subprocess.run(
        [sys.executable, "-m", "wizard", "setup", ADDRESS, "--password-stdin", "--json"],
        input=f"{PASSWORD}\n",
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert set_up.returncode == 0, set_up.stdout + set_up.stderr
    text = report(lab, tmp_path, "text", password=None)
    assert "Settings from:    the stored account" in text
    assert "Test send:        passed" in text
    assert PASSWORD not in text
