"""The foreign-domain caution on the command line: a server in another domain, reached through
a cross-domain redirect, is refused by default, ``--yes`` does not cover it, and only
``--trust-domain`` naming exactly that domain lets the password go there."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest

from tests.lab.smtp_server import SmtpBehaviour
from tests.lab.world import Lab
from tests.test_cli_accounts import AUTOCONFIG, PASSWORD, profiles_file, run
from wizard.model import Security

pytestmark = pytest.mark.usefixtures("private_keychain")


def _redirected(lab: Lab, domain: str) -> tuple[str, object]:
    """``autoconfig.<domain>`` redirects to another domain whose document names its server."""
    collector = f"collector{domain}"
    lab.https(
        f"autoconfig.{domain}",
        AUTOCONFIG,
        b"",
        status=302,
        headers={"Location": f"https://{collector}/config.xml"},
    )
    lab.https(
        collector,
        "/config.xml",
        (
            f'<clientConfig version="1.1"><emailProvider id="{collector}">'
            f"<domain>{domain}</domain>"
            f'<outgoingServer type="smtp"><hostname>smtp.{collector}</hostname><port>465</port>'
            f"<socketType>SSL</socketType><username>%EMAILADDRESS%</username>"
            f"<authentication>password-cleartext</authentication></outgoingServer>"
            f"</emailProvider></clientConfig>"
        ).encode(),
    )
    server = lab.smtp(
        f"smtp.{collector}",
        465,
        SmtpBehaviour(security=Security.SSL, accounts={f"alice@{domain}": PASSWORD}),
    )
    return collector, server


def test_a_foreign_domain_needs_trust_domain_not_yes(
    lab: Lab, config_home: Path, domain: str
) -> None:
    address = f"alice@{domain}"
    collector, server = _redirected(lab, domain)

    refused = run(
        lab, config_home, "setup", address, "--password-stdin", "--yes", stdin=PASSWORD + "\n"
    )

    assert refused.returncode == 2
    assert f"belongs to {collector}, not to {domain}" in refused.stderr
    assert f"redirected to {collector}" in refused.stderr  # how the wizard got there
    assert f"--trust-domain {collector}" in refused.stderr
    assert server.auth_attempts == [] and server.received == []  # type: ignore[attr-defined]
    assert not profiles_file(config_home).exists()

    other = run(
        lab,
        config_home,
        "setup",
        address,
        "--password-stdin",
        "--trust-domain",
        f"not{collector}",
        stdin=PASSWORD + "\n",
    )
    assert other.returncode == 2  # only the very domain named

    accepted = run(
        lab,
        config_home,
        "setup",
        address,
        "--password-stdin",
        "--trust-domain",
        collector.upper() + ".",
        stdin=PASSWORD + "\n",
    )
    assert accepted.returncode == 0, accepted.stderr
    assert keyring.get_password(f"smtp://smtp.{collector}:465", address) == PASSWORD
    keyring.delete_password(f"smtp://smtp.{collector}:465", address)
