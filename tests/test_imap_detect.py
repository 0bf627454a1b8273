"""Detection of the incoming (IMAP) server, which delivery confirmation logs in to.

The same sources and rules as for the outgoing server (``test_detect.py``), in a run of its
own: clientConfig's ``<incomingServer type="imap">`` (bundled, autoconfig, ISPDB), SRV
``_imaps._tcp``/``_imap._tcp``, and guessing ``imap.``, ``mail.`` and the bare domain on 993
and 143 (STARTTLS); every candidate probed before login, implicit TLS first, certificates
checked. The scripted pre-login servers are ``tests.lab.imap_server``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
from collections import Counter
from typing import Any

import pytest

from tests.lab.certs import CertKind
from tests.lab.imap_server import ImapBehaviour
from tests.lab.smtp_server import SmtpBehaviour
from tests.lab.world import Lab
from tests.test_detect import AUTOCONFIG_PATH, FAST, cli
from wizard.address import parse_address
from wizard.clientconfig import parse_client_config, to_server_configs
from wizard.discovery.deadlines import Deadlines
from wizard.discovery.engine import detect
from wizard.model import (
    Caution,
    CertProblem,
    DetectionResult,
    ProbeFailure,
    Protocol,
    Security,
    SourceName,
    Tier,
    Trust,
)
from wizard.providers import ProviderDatabase

BOTH = b"""<?xml version="1.0"?>
<clientConfig version="1.1"><emailProvider id="example.test"><domain>example.test</domain>
<incomingServer type="pop3"><hostname>pop.example.test</hostname><port>995</port>
<socketType>SSL</socketType><username>%EMAILADDRESS%</username></incomingServer>
<incomingServer type="imap"><hostname>imap.example.test</hostname><port>993</port>
<socketType>SSL</socketType><username>%EMAILLOCALPART%</username>
<authentication>password-cleartext</authentication></incomingServer>
<outgoingServer type="smtp"><hostname>smtp.example.test</hostname><port>465</port>
<socketType>SSL</socketType><username>%EMAILADDRESS%</username></outgoingServer>
</emailProvider></clientConfig>"""


def run_imap_detect(
    address: str, providers: ProviderDatabase | None = None, deadlines: Deadlines = FAST
) -> DetectionResult:
    return asyncio.run(
        detect(
            parse_address(address),
            providers=providers or ProviderDatabase({}),
            deadlines=deadlines,
            protocol=Protocol.IMAP,
        )
    )


def test_client_config_incoming_imap_servers_are_read_and_expanded() -> None:
    config = parse_client_config(BOTH)

    assert [(s.hostname, s.port, s.security) for s in config.incoming] == [
        ("imap.example.test", 993, Security.SSL)
    ]
    [server] = to_server_configs(
        config,
        address="alice@example.test",
        local_part="alice",
        domain="example.test",
        source=SourceName.BUNDLED,
        trust=Trust.TRUSTED,
        tier=Tier.PROVIDER,
        origin="bundled database",
        protocol=Protocol.IMAP,
    )
    assert (server.host, server.username, server.auth_methods) == (
        "imap.example.test",
        "alice",
        ("password-cleartext",),
    )


def test_the_bundled_database_knows_incoming_servers() -> None:
    config = ProviderDatabase.bundled().lookup("gmail.com")

    assert config is not None
    assert [(s.hostname, s.port, s.security) for s in config.incoming] == [
        ("imap.gmail.com", 993, Security.SSL)
    ]


@pytest.mark.lab
def test_autoconfig_incoming_server_is_trusted_and_confirmed_live(lab: Lab) -> None:
    lab.https("autoconfig.example.test", AUTOCONFIG_PATH, BOTH)
    lab.imap("imap.example.test", 993)

    result = run_imap_detect("alice@example.test")

    assert result.best is not None
    config, probe = result.best.config, result.best.probe
    assert (config.host, config.port, config.security) == ("imap.example.test", 993, Security.SSL)
    assert (config.source, config.trust, config.username) == (
        SourceName.AUTOCONFIG,
        Trust.TRUSTED,
        "alice",
    )
    assert probe is not None
    assert probe.verified, probe.detail
    assert probe.auth_mechanisms == ("PLAIN",)
    assert result.best.warnings == ()


@pytest.mark.lab
def test_srv_imaps_record_is_offered_as_untrusted(lab: Lab) -> None:
    lab.srv("_imaps._tcp.example.test", "mailstore.example.test", 993)
    lab.imap("mailstore.example.test", 993)

    result = run_imap_detect("alice@example.test")

    assert result.best is not None
    assert (result.best.config.host, result.best.config.source) == (
        "mailstore.example.test",
        SourceName.SRV,
    )
    assert Caution.UNTRUSTED_SOURCE in result.best.warnings
    assert result.best.probe is not None
    assert result.best.probe.verified


@pytest.mark.lab
def test_guessing_prefers_implicit_tls_on_993_over_starttls_on_143(lab: Lab) -> None:
    lab.imap("imap.example.test", 143, ImapBehaviour(security=Security.STARTTLS))
    lab.imap("imap.example.test", 993)

    result = run_imap_detect("alice@example.test")

    assert result.best is not None
    assert (result.best.config.port, result.best.config.security) == (993, Security.SSL)


@pytest.mark.lab
def test_starttls_on_143_is_upgraded_and_its_certificate_checked(lab: Lab) -> None:
    server = lab.imap("imap.example.test", 143, ImapBehaviour(security=Security.STARTTLS))

    result = run_imap_detect("alice@example.test")

    assert result.best is not None
    assert (result.best.config.port, result.best.config.security) == (143, Security.STARTTLS)
    probe = result.best.probe
    assert probe is not None
    assert probe.verified, probe.detail
    assert probe.auth_mechanisms == ("PLAIN",)  # as offered after TLS, not before
    # The greeting listed the capabilities; after TLS they are asked for again.
    assert server.commands == ["STARTTLS", "CAPABILITY", "LOGOUT"]


@pytest.mark.lab
def test_a_guessed_server_without_starttls_is_offered_as_unencrypted(lab: Lab) -> None:
    lab.imap("mail.example.test", 143, ImapBehaviour(security=Security.NONE))

    result = run_imap_detect("alice@example.test")

    assert result.best is not None
    assert (result.best.config.host, result.best.config.security) == (
        "mail.example.test",
        Security.NONE,
    )
    assert Caution.PLAINTEXT in result.best.warnings


@pytest.mark.lab
@pytest.mark.parametrize(
    ("kind", "problem"),
    [(CertKind.SELF_SIGNED, CertProblem.SELF_SIGNED), (CertKind.EXPIRED, CertProblem.EXPIRED)],
)
def test_a_bad_certificate_is_reported_and_never_verified(
    lab: Lab, kind: CertKind, problem: CertProblem
) -> None:
    lab.imap("imap.example.test", 993, ImapBehaviour(cert=kind))

    result = run_imap_detect("alice@example.test")

    assert result.best is not None
    probe = result.best.probe
    assert probe is not None
    assert probe.reachable
    assert not probe.verified
    assert probe.certificate is not None
    assert probe.certificate.problem is problem
    assert Caution.CERTIFICATE in result.best.warnings


@pytest.mark.lab
def test_something_that_is_not_imap_is_not_offered(lab: Lab) -> None:
    lab.imap("imap.example.test", 993, ImapBehaviour(greeting="SSH-2.0-OpenSSH_9.2"))

    result = run_imap_detect("alice@example.test")

    assert result.best is None  # a guess that did not answer as IMAP is never presented
    assert result.alternatives == ()


@pytest.mark.lab
def test_probe_failures_are_told_apart(lab: Lab) -> None:
    lab.imap("imap.example.test", 993, ImapBehaviour(greeting="SSH-2.0-OpenSSH_9.2"))
    lab.imap("imap.example.test", 143, ImapBehaviour(security=Security.STARTTLS, silent=True))
    lab.https(
        "autoconfig.example.test",
        AUTOCONFIG_PATH,
        BOTH.replace(b"<port>993</port>", b"<port>143</port>").replace(
            b"<socketType>SSL</socketType><username>%EMAILLOCALPART%",
            b"<socketType>STARTTLS</socketType><username>%EMAILLOCALPART%",
        ),
    )

    # A server that accepted the connection is waited for as long as detection runs.
    result = run_imap_detect("alice@example.test", deadlines=dataclasses.replace(FAST, total=2.0))

    assert result.best is not None
    assert result.best.probe is not None
    assert result.best.probe.failure is ProbeFailure.NO_GREETING
    assert Caution.UNREACHABLE in result.best.warnings


def detect_both_servers(lab: Lab) -> dict[str, Any]:
    """``detect --json`` where the domain's autoconfig lists both servers and both answer."""
    lab.https("autoconfig.example.test", AUTOCONFIG_PATH, BOTH)
    lab.smtp("smtp.example.test", 465, SmtpBehaviour(security=Security.SSL, accounts={"x": "y"}))
    lab.imap("imap.example.test", 993)

    done = cli(lab, "detect", "alice@example.test", "--json", "--timeout", "8")

    assert done.returncode == 0, done.stderr
    document: dict[str, Any] = json.loads(done.stdout)
    return document


@pytest.mark.lab
def test_cli_detect_json_has_imap_shaped_like_smtp(lab: Lab) -> None:
    document = detect_both_servers(lab)

    assert set(document["imap"]) == set(document["smtp"])
    assert {k: document["imap"][k] for k in ("host", "port", "security", "verified")} == {
        "host": "imap.example.test",
        "port": 993,
        "security": "ssl",
        "verified": True,
    }
    assert document["smtp"]["host"] == "smtp.example.test"


@pytest.mark.lab
def test_cli_detect_fetches_each_document_once_for_both_servers(lab: Lab) -> None:
    """The outgoing and the incoming runs ask for the same documents at the same moment; each
    is fetched once, and both servers come from it."""
    document = detect_both_servers(lab)

    assert (document["smtp"]["host"], document["imap"]["host"]) == (
        "smtp.example.test",
        "imap.example.test",
    )
    asked = Counter(request.url for request in lab.requests)
    assert any(url.startswith(f"https://autoconfig.example.test{AUTOCONFIG_PATH}") for url in asked)
    assert [url for url, times in asked.items() if times > 1] == []


@pytest.mark.lab
def test_cli_detect_asks_each_dns_question_once_for_both_servers(lab: Lab) -> None:
    """Both runs ask for the domain's MX (the command line before either has started) and
    for its mail hosts' addresses: each question goes out once. (MX and SRV only are counted:
    connecting to a server looks its address up again, through the system.)"""
    detect_both_servers(lab)

    asked = Counter(query for query in lab.dns.queries if query.rdtype in {"MX", "SRV"})
    assert ("example.test", "MX") in asked
    assert [query for query, times in asked.items() if times > 1] == []


@pytest.mark.lab
def test_cli_readable_output_names_the_incoming_server(lab: Lab) -> None:
    lab.https("autoconfig.example.test", AUTOCONFIG_PATH, BOTH)
    lab.smtp("smtp.example.test", 465, SmtpBehaviour(security=Security.SSL, accounts={"x": "y"}))

    done = cli(lab, "detect", "alice@example.test", "--timeout", "8")

    assert done.returncode == 0, done.stderr
    assert "Incoming mail (IMAP), to confirm that test messages arrive:" in done.stdout
    assert "imap.example.test" in done.stdout
    assert "The server did not answer" in done.stdout  # nothing listens on 993 here
