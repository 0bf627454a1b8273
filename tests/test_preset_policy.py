"""An organisation preset's policy held end to end at the command line: the sign-in methods it
allows (a password never sent where only OAuth2 is, a sign-in never started where only
passwords are) and its pinned certificates, the only ones accepted for its servers, even one
the OS trusts; in ``test``, ``setup``, ``send`` and the delivery confirmation's IMAP session.

Real programs in the lab: the installed command in a subprocess, lab SMTP, IMAP and OAuth2
servers, the preset read from a folder of the test's own.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import socket
import ssl
from typing import TYPE_CHECKING

import keyring
import pytest

from tests.lab.certs import CertKind
from tests.lab.imap_server import ImapBehaviour
from tests.lab.smtp_server import SmtpBehaviour
from tests.test_oauth import World
from tests.test_presets import cli, write
from tests.test_send_command import send, set_up
from wizard.delivery.after_send import AfterSend, incoming_server
from wizard.imap.errors import ImapError, ImapProblem, ImapSettings
from wizard.imap.session import ImapSession, ImapTimeouts
from wizard.model import (
    Candidate,
    DetectionResult,
    ProbeResult,
    Security,
    ServerConfig,
    SourceName,
    Tier,
    Trust,
)
from wizard.preset_files import ENVIRONMENT
from wizard.runtime import run
from wizard.smtp.send import SendSettings, Stage, TestOutcome

if TYPE_CHECKING:
    from pathlib import Path

    from tests.lab.smtp_server import LabSmtpServer
    from tests.lab.world import Lab

PASSWORD = "s3cret ✓ pass"
OTHER_PIN = ":".join(["AB"] * 32)  # a certificate no lab server presents


def preset(
    domain: str,
    *,
    policy: str = "",
    authentication: str = "<authentication>password-cleartext</authentication>",
    extra: str = "",
) -> str:
    """The organisation's preset for ``domain``: smtp.DOMAIN on 465 (SSL/TLS), imap.DOMAIN on
    993, the address as the login; ``policy`` inside ``<policy>``."""
    return f"""\
<clientConfig version="1.1">
  <emailProvider id="{domain}">
    <domain>{domain}</domain>
    <displayName>Corp Ltd</displayName>
    <incomingServer type="imap">
      <hostname>imap.{domain}</hostname><port>993</port><socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.{domain}</hostname>
      <port>465</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      {authentication}
    </outgoingServer>
  </emailProvider>
  {extra}
  <emailSetupWizard><policy>{policy}</policy></emailSetupWizard>
</clientConfig>
"""


def fingerprint(ip: str, port: int) -> str:
    """The SHA-256 of the certificate a lab server presents, read without verifying it."""
    look_only = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    look_only.check_hostname = False
    look_only.verify_mode = ssl.CERT_NONE
    with (
        socket.create_connection((ip, port), timeout=5) as raw,
        look_only.wrap_socket(raw) as tls,
    ):
        der = tls.getpeercert(binary_form=True)
    assert der is not None
    return hashlib.sha256(der).digest().hex(":").upper()


def server(lab: Lab, domain: str, cert: CertKind = CertKind.VALID) -> LabSmtpServer:
    behaviour = SmtpBehaviour(
        security=Security.SSL, cert=cert, accounts={f"alice@{domain}": PASSWORD}
    )
    return lab.smtp(f"smtp.{domain}", 465, behaviour)


def command_args(domain: str, *more: str) -> list[str]:
    host = ["--host", f"smtp.{domain}", "--security", "ssl"]
    return ["test", f"alice@{domain}", *host, "--no-confirm", *more]


# -- the sign-in methods it allows ----------------------------------------------------------


def test_a_preset_allowing_only_oauth2_never_lets_a_password_be_sent(
    lab: Lab, tmp_path: Path, domain: str
) -> None:
    policy = "<allowedAuthentication>OAuth2</allowedAuthentication>"
    oauth = "<authentication>OAuth2</authentication>"
    write(tmp_path / "presets", "corp.xml", preset(domain, policy=policy, authentication=oauth))
    smtp = server(lab, domain)

    tested = cli(lab, tmp_path, *command_args(domain, "--password-stdin"), stdin=f"{PASSWORD}\n")
    set_up = cli(
        lab, tmp_path, "setup", f"alice@{domain}", "--password-stdin", "--no-confirm",
        stdin=f"{PASSWORD}\n",
    )  # fmt: skip

    for done in (tested, set_up):
        assert done.returncode == 2, done.stderr
        assert (
            "Your organisation (Corp Ltd) allows no password for this address: it signs in with "
            "OAuth2 only (allowed: oauth2). No password was sent."
        ) in done.stderr
    assert smtp.auth_attempts == []  # detection looked at the server; nobody logged in


def test_a_preset_allowing_only_passwords_never_starts_a_sign_in(
    lab: Lab, tmp_path: Path, domain: str
) -> None:
    """The provider offers OAuth2 (its trusted data names the issuer) and passwords; the
    organisation allows passwords only. ``setup`` asks for the password instead of opening the
    browser, and ``--oauth2`` is refused with the organisation's rule."""
    world = World(lab, tmp_path, domain)
    both = (
        "<authentication>OAuth2</authentication><authentication>password-cleartext</authentication>"
    )
    extra = f"<oAuth2><issuer>{world.auth.issuer}</issuer><scope>smtp</scope></oAuth2>"
    policy = "<allowedAuthentication>password-cleartext</allowedAuthentication>"
    presets = write(
        tmp_path / "presets",
        "corp.xml",
        preset(domain, policy=policy, authentication=both, extra=extra),
    ).parent
    server(lab, domain)
    env = {ENVIRONMENT: str(presets)}

    asked = world.run("setup", world.address, "--no-confirm", "--json", env=env)
    forced = world.run("setup", world.address, "--oauth2", "--no-confirm", env=env)

    assert asked.returncode == 2
    assert "there is no terminal to ask for the password" in asked.stdout  # JSON error
    assert forced.returncode == 2
    assert (
        "Your organisation (Corp Ltd) does not allow signing in with OAuth2 for this address: "
        "it uses a password (allowed: password-cleartext)."
    ) in forced.stderr
    assert world.visits() == []  # no browser was opened
    assert not any(request.host == f"auth.{domain}" for request in lab.requests)


# -- its pinned certificates ----------------------------------------------------------------


@pytest.mark.usefixtures("private_keychain")
def test_only_the_certificate_the_organisation_pinned_is_accepted(
    lab: Lab, tmp_path: Path, domain: str
) -> None:
    """A certificate the OS trusts is refused for the organisation's server when it is not the
    pinned one; the pinned one is accepted although the OS does not trust it."""
    trusted = server(lab, domain)
    policy = f"<pinnedCertificate>{OTHER_PIN}</pinnedCertificate>"
    write(tmp_path / "presets", "corp.xml", preset(domain, policy=policy))

    refused = cli(lab, tmp_path, *command_args(domain, "--password-stdin"), stdin=f"{PASSWORD}\n")

    assert refused.returncode == 4, refused.stderr
    assert "The server's certificate is not the one your organisation pinned for it" in (
        refused.stderr
    )
    assert fingerprint(trusted.ip, 465) in refused.stderr  # for the administrator
    assert trusted.auth_attempts == [] and trusted.received == []

    lab.reset()
    stranger = server(lab, domain, CertKind.UNKNOWN_ISSUER)
    pin = fingerprint(stranger.ip, 465)
    write(
        tmp_path / "presets",
        "corp.xml",
        preset(domain, policy=f"<pinnedCertificate>{pin}</pinnedCertificate>"),
    )
    address = f"alice@{domain}"

    accepted = cli(
        lab, tmp_path, "setup", address, "--password-stdin", "--no-confirm", "--json",
        stdin=f"{PASSWORD}\n",
    )  # fmt: skip

    assert accepted.returncode == 0, accepted.stderr
    assert [message.auth_login for message in stranger.received] == [address]
    # Kept with the account, for the programs it is exported to (msmtp's tls_fingerprint).
    assert json.loads(accepted.stdout)["stored"]["account"]["pinned_sha256"] == pin


@pytest.mark.usefixtures("private_keychain")
def test_send_holds_a_stored_account_to_the_organisations_rules(
    lab: Lab, tmp_path: Path, domain: str
) -> None:
    """An account set up before the organisation's preset came (or changed) sends nothing the
    preset does not allow: not over a certificate it did not pin, not with a password where it
    allows only OAuth2 (refused before the keychain is even read)."""
    address = f"alice@{domain}"
    smtp = server(lab, domain)
    config_home = tmp_path / "config"
    set_up(config_home, address, f"smtp.{domain}", 465)
    presets = tmp_path / "presets"
    env = {ENVIRONMENT: str(presets)}
    write(
        presets,
        "corp.xml",
        preset(domain, policy=f"<pinnedCertificate>{OTHER_PIN}</pinnedCertificate>"),
    )

    pinned = send(lab, config_home, f"bob@{domain}", message="hi\n", env=env)

    assert pinned.returncode == 77, pinned.stderr  # EX_NOPERM
    assert "not the one your organisation pinned" in pinned.stderr
    assert smtp.auth_attempts == [] and smtp.received == []

    policy = "<allowedAuthentication>OAuth2</allowedAuthentication>"
    oauth = "<authentication>OAuth2</authentication>"
    write(presets, "corp.xml", preset(domain, policy=policy, authentication=oauth))
    sessions = smtp.sessions
    keyring.delete_password(f"smtp://smtp.{domain}:465", address)  # it is not even asked for

    password = send(lab, config_home, f"bob@{domain}", message="hi\n", env=env)

    assert password.returncode == 77, password.stderr
    assert "allows no password for this address" in password.stderr
    assert smtp.sessions == sessions  # not even connected to


def test_the_delivery_confirmation_holds_the_incoming_server_to_the_pins(lab: Lab) -> None:
    """The organisation's pins hold for its incoming server too: the confirmation's IMAP
    session refuses a certificate the OS trusts that is not pinned, and takes a pinned one."""
    imap = lab.imap("imap.corp.test", 993, ImapBehaviour(security=Security.SSL))
    settings = ImapSettings("imap.corp.test", 993, Security.SSL, "alice@corp.test")
    timeouts = ImapTimeouts(connect=5, command=5)

    async def connect(pins: tuple[str, ...]) -> ImapSession:
        session = await ImapSession.connect(
            dataclasses.replace(settings, organisation_pins=pins), timeouts
        )
        await session.close()
        return session

    with pytest.raises(ImapError) as refused:
        run(connect((OTHER_PIN,)))
    assert refused.value.problem is ImapProblem.NOT_PINNED
    assert run(connect((fingerprint(imap.ip, 993),))).certificate is not None


def test_the_pins_follow_the_organisations_servers_only() -> None:
    """The confirmation gets the organisation's pins for its own incoming server, not for an
    incoming server elsewhere (where the OS trust store decides, as without a preset)."""
    sent = SendSettings(
        "smtp.corp.test",
        465,
        Security.SSL,
        "alice@corp.test",
        "alice@corp.test",
        organisation_pins=(OTHER_PIN,),
        organisation_hosts=frozenset({"smtp.corp.test", "imap.corp.test"}),
    )
    outcome = TestOutcome(
        True, Stage.DONE, None, "alice@corp.test", "<id@corp.test>", None, None, ()
    )
    after = AfterSend(sent, outcome, PASSWORD, sent_at=0.0, timeout=10.0)

    def found(host: str) -> DetectionResult:
        config = ServerConfig(
            host, 993, Security.SSL, "alice@corp.test", SourceName.PRESET, Trust.TRUSTED,
            Tier.PRESET, "preset",
        )  # fmt: skip
        probe = ProbeResult(host, 993, Security.SSL)
        return DetectionResult("alice@corp.test", "corp.test", Candidate(config, probe))

    own = incoming_server(after, found("imap.corp.test"))
    elsewhere = incoming_server(after, found("imap.elsewhere.test"))
    assert isinstance(own, ImapSettings) and own.organisation_pins == (OTHER_PIN,)
    assert isinstance(elsewhere, ImapSettings) and elsewhere.organisation_pins == ()
