"""Organisation presets: the file format (valid, and broken with file and line), where they
are read from, how they win over every other source, and what their locks and policy refuse.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.lab.smtp_server import SmtpBehaviour
from tests.lab.world import Lab
from wizard.address import parse_address
from wizard.clientconfig import to_server_configs
from wizard.discovery.engine import detect
from wizard.messages import describe_error, describe_source
from wizard.model import Security, SourceName, Tier, Trust
from wizard.oauth.clients import ClientOrigin, configured_client
from wizard.oauth.issuers import plan_sign_in
from wizard.preset_files import ENVIRONMENT
from wizard.presets import (
    Field,
    PresetError,
    PresetProblem,
    load_presets,
    parse_preset,
)
from wizard.presets_rules import PresetRefusedError, RefusalReason, check
from wizard.providers import ProviderDatabase
from wizard.smtp.send import SendSettings

DOMAIN = "corp.test"
ADDRESS = f"alice@{DOMAIN}"

PRESET = """\
<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="corp.test">
    <domain>corp.test</domain>
    <domain>*.corp.test</domain>
    <displayName>Corp Ltd</displayName>
    <outgoingServer type="smtp">
      <hostname>smtp.corp.test</hostname>
      <port>465</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </outgoingServer>
  </emailProvider>
  <emailSetupWizard>
    <lock>hostname</lock>
    <lock>port</lock>
    <policy>
      <requireEncryption/>
    </policy>
  </emailSetupWizard>
</clientConfig>
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def settings(**changes: object) -> SendSettings:
    values: dict[str, object] = {
        "host": "smtp.corp.test",
        "port": 465,
        "security": Security.SSL,
        "username": ADDRESS,
        "address": ADDRESS,
    }
    values.update(changes)
    return SendSettings(**values)  # type: ignore[arg-type]


# -- the format -----------------------------------------------------------------------------


def test_a_preset_names_domains_servers_locks_and_policy(tmp_path: Path) -> None:
    preset = parse_preset(PRESET.encode(), tmp_path / "corp.xml")
    assert preset.organisation == "Corp Ltd"
    assert preset.covers("corp.test") and preset.covers("eu.corp.test")
    assert not preset.covers("notcorp.test")
    assert preset.locked == {Field.HOSTNAME, Field.PORT}
    assert preset.policy.require_encryption and not preset.policy.require_implicit_tls
    assert preset.config.outgoing[0].hostname == "smtp.corp.test"


@pytest.mark.parametrize(
    ("change", "problem", "line"),
    [
        (("<port>465</port>", "<port>99999</port>"), PresetProblem.BAD_PORT, 9),
        (("<lock>port</lock>", "<lock>colour</lock>"), PresetProblem.UNKNOWN_LOCK, 17),
        (
            ("<socketType>SSL</socketType>", "<socketType>plain</socketType>"),
            PresetProblem.CONTRADICTION,
            7,
        ),
        (("<requireEncryption/>", "<requireEncrytpion/>"), PresetProblem.UNKNOWN_ELEMENT, 19),
        (("</emailProvider>", "</emailprovider>"), PresetProblem.NOT_XML, 14),
        (
            ("<domain>*.corp.test</domain>", "<domain>corp .test</domain>"),
            PresetProblem.BAD_DOMAIN,
            5,
        ),
    ],
)
def test_a_broken_preset_names_its_file_and_line(
    tmp_path: Path, change: tuple[str, str], problem: PresetProblem, line: int
) -> None:
    path = tmp_path / "broken.xml"
    with pytest.raises(PresetError) as raised:
        parse_preset(PRESET.replace(*change).encode(), path)
    assert raised.value.problem is problem
    assert raised.value.line == line
    message = describe_error(raised.value)
    assert message.startswith(f"The preset {path} (line {line}) was ignored: ")


def test_a_broken_file_is_ignored_whole_and_reported(tmp_path: Path) -> None:
    system, user = tmp_path / "system", tmp_path / "user"
    write(system, "a-broken.xml", PRESET.replace("<port>465</port>", "<port>x</port>"))
    write(user, "corp.xml", PRESET.replace("Corp Ltd", "Mine"))
    presets = load_presets([(system, True), (user, False)])
    assert [e.problem for e in presets.errors] == [PresetProblem.BAD_PORT]
    found = presets.for_domain(DOMAIN)
    assert found is not None and found.organisation == "Mine" and not found.system


def test_the_organisations_folder_wins_over_the_users(tmp_path: Path) -> None:
    system, user = tmp_path / "system", tmp_path / "user"
    write(system, "corp.xml", PRESET)
    write(user, "corp.xml", PRESET.replace("Corp Ltd", "Mine"))
    found = load_presets([(system, True), (user, False)]).for_domain(DOMAIN)
    assert found is not None and found.organisation == "Corp Ltd" and found.system


def test_the_organisations_oauth2_client_is_read_in_the_registrations_format(
    tmp_path: Path,
) -> None:
    registrations = (
        '<oauth2Registrations><![CDATA[\n["https://login.corp.test/realms/corp"]\n'
        'client_id = "wizard-corp"\n]]></oauth2Registrations>'
    )
    text = PRESET.replace("<lock>hostname</lock>", registrations + "<lock>hostname</lock>")
    preset = parse_preset(text.encode(), tmp_path / "corp.xml")
    assert [(c.issuer, c.client_id) for c in preset.oauth2_clients] == [
        ("https://login.corp.test/realms/corp", "wizard-corp")
    ]
    broken = text.replace('client_id = "wizard-corp"', "client_id = 7")
    with pytest.raises(PresetError) as raised:
        parse_preset(broken.encode(), tmp_path / "corp.xml")
    assert raised.value.problem is PresetProblem.BAD_OAUTH2_REGISTRATION
    assert raised.value.line == 16


def test_a_microsoft_registration_names_its_tenant(tmp_path: Path) -> None:
    registrations = (
        "<oauth2Registrations><![CDATA[\n"
        '["https://login.microsoftonline.com/common/v2.0"]\n'
        'client_id = "wizard-corp"\ntenant = "corp.onmicrosoft.com"\n]]></oauth2Registrations>'
    )
    text = PRESET.replace("<lock>hostname</lock>", registrations + "<lock>hostname</lock>")
    preset = parse_preset(text.encode(), tmp_path / "corp.xml")
    assert [c.tenant for c in preset.oauth2_clients] == ["corp.onmicrosoft.com"]
    broken = text.replace("corp.onmicrosoft.com", "corp/../common")
    with pytest.raises(PresetError) as raised:
        parse_preset(broken.encode(), tmp_path / "corp.xml")
    assert raised.value.problem is PresetProblem.BAD_OAUTH2_REGISTRATION
    assert raised.value.detail.endswith(": tenant")


# -- what it refuses ------------------------------------------------------------------------


def test_locks_and_policy_refuse_other_settings(tmp_path: Path) -> None:
    preset = parse_preset(PRESET.encode(), tmp_path / "corp.xml")
    address = parse_address(ADDRESS)
    check(preset, address, settings())  # the preset's own settings pass
    check(preset, address, settings(username="alice"))  # not locked
    with pytest.raises(PresetRefusedError) as raised:
        check(preset, address, settings(host="smtp.elsewhere.test", security=Security.NONE))
    reasons = [(r.reason, r.field) for r in raised.value.refusals]
    assert reasons == [(RefusalReason.LOCKED, Field.HOSTNAME), (RefusalReason.PLAINTEXT, None)]
    text = describe_error(raised.value)
    assert "Your organisation (Corp Ltd) sets the server for this address" in text
    assert "never allows an unencrypted connection" in text
    with pytest.raises(PresetRefusedError):
        check(preset, address, settings(allow_plaintext=True))


# -- in detection and on the command line ---------------------------------------------------


def autoconfig(lab: Lab, host: str) -> None:
    document = (
        f'<clientConfig version="1.1"><emailProvider id="{DOMAIN}"><domain>{DOMAIN}</domain>'
        f'<outgoingServer type="smtp"><hostname>{host}</hostname><port>465</port>'
        "<socketType>SSL</socketType><username>%EMAILADDRESS%</username>"
        "</outgoingServer></emailProvider></clientConfig>"
    )
    lab.https(f"autoconfig.{DOMAIN}", "/mail/config-v1.1.xml", document)


@pytest.mark.lab
def test_a_preset_beats_autoconfig(
    lab: Lab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "presets", "corp.xml", PRESET)
    monkeypatch.setenv(ENVIRONMENT, str(tmp_path / "presets"))
    autoconfig(lab, "mail.corp.test")
    for host in ("smtp.corp.test", "mail.corp.test"):
        lab.smtp(host, 465, SmtpBehaviour(security=Security.SSL))
    result = asyncio.run(detect(parse_address(ADDRESS), providers=ProviderDatabase({})))
    assert result.best is not None
    assert result.best.config.host == "smtp.corp.test"
    assert result.best.config.source is SourceName.PRESET
    assert result.best.config.trust is Trust.TRUSTED
    row = next(s for s in result.sources if s.name is SourceName.PRESET)
    assert describe_source(row) == "Set by Corp Ltd"


def cli(lab: Lab, tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = lab.env() | {
        ENVIRONMENT: str(tmp_path / "presets"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "LANG": "C.UTF-8",
    }
    return subprocess.run(
        [sys.executable, "-m", "wizard", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


@pytest.mark.lab
def test_the_command_line_refuses_a_locked_field(lab: Lab, tmp_path: Path) -> None:
    write(tmp_path / "presets", "corp.xml", PRESET)
    server = lab.smtp("other.corp.test", 465, SmtpBehaviour(security=Security.SSL))
    result = cli(
        lab,
        tmp_path,
        "test",
        ADDRESS,
        "--host",
        "other.corp.test",
        "--security",
        "ssl",
        "--password-stdin",
        stdin="secret\n",
    )
    assert result.returncode == 2
    assert "Your organisation (Corp Ltd) sets the server for this address" in result.stderr
    assert "smtp.corp.test" in result.stderr and "corp.xml" in result.stderr
    assert server.sessions == 0  # refused before anything was sent


@pytest.mark.lab
def test_the_policy_refuses_plaintext_even_when_allowed(lab: Lab, tmp_path: Path) -> None:
    write(tmp_path / "presets", "corp.xml", PRESET)
    server = lab.smtp("smtp.corp.test", 587, SmtpBehaviour(security=Security.NONE))
    result = cli(
        lab,
        tmp_path,
        "test",
        ADDRESS,
        "--host",
        "smtp.corp.test",
        "--port",
        "465",
        "--security",
        "none",
        "--allow-plaintext",
        "--password-stdin",
        stdin="secret\n",
    )
    assert result.returncode == 2
    assert "never allows an unencrypted connection" in result.stderr
    assert "--allow-plaintext" in result.stderr
    assert server.sessions == 0


@pytest.mark.lab
def test_a_broken_preset_is_reported_and_ignored(lab: Lab, tmp_path: Path) -> None:
    broken = write(
        tmp_path / "presets", "corp.xml", PRESET.replace("<port>465</port>", "<port>x</port>")
    )
    autoconfig(lab, "mail.corp.test")
    lab.smtp("mail.corp.test", 465, SmtpBehaviour(security=Security.SSL))
    checked = cli(lab, tmp_path, "presets", "check", str(broken))
    assert checked.returncode == 2
    assert f"The preset {broken} (line 9) was ignored: “x” is not a port" in checked.stderr
    detected = json.loads(cli(lab, tmp_path, "detect", ADDRESS, "--json").stdout)
    assert detected["smtp"]["host"] == "mail.corp.test"  # autoconfig: nothing half-applied
    row = next(s for s in detected["sources"] if s["name"] == "preset")
    assert row["note"] == "no-preset" and "bad-port" in row["detail"]
    listed = cli(lab, tmp_path, "presets", "list")
    assert "Ignored:" in listed.stderr and "line 9" in listed.stderr


@pytest.mark.lab
def test_presets_check_describes_a_valid_preset(lab: Lab, tmp_path: Path) -> None:
    path = write(tmp_path / "presets", "corp.xml", PRESET)
    result = cli(lab, tmp_path, "presets", "check", str(path))
    assert result.returncode == 0, result.stderr
    assert f"{path} is a valid preset." in result.stdout
    assert "Set by your organisation: Corp Ltd" in result.stdout
    assert "Locked: hostname, port" in result.stdout
    assert "encryption required" in result.stdout


def test_the_organisations_issuer_and_client_sign_users_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A preset's <oAuth2> names the organisation's issuer (trusted, like the preset), and its
    registration is the client the sign-in uses before any registrations file."""
    issuer = "https://login.corp.test/realms/corp"
    oauth = (
        f"<oAuth2><issuer>{issuer}</issuer><scope>smtp</scope>"
        f"<authURL>{issuer}/auth</authURL><tokenURL>{issuer}/token</tokenURL></oAuth2>"
        f'<emailSetupWizard><oauth2Registrations><![CDATA[\n["{issuer}"]\n'
        'client_id = "wizard-corp"\n]]></oauth2Registrations></emailSetupWizard>'
    )
    text = PRESET.replace("<emailSetupWizard>", "<x>").replace("</emailSetupWizard>", "</x>")
    text = text.split("<x>")[0] + oauth + "</clientConfig>\n"
    text = text.replace(
        "<authentication>password-cleartext</authentication>",
        "<authentication>OAuth2</authentication>",
    )
    write(tmp_path / "presets", "corp.xml", text)
    monkeypatch.setenv(ENVIRONMENT, str(tmp_path / "presets"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    preset = load_presets().for_domain(DOMAIN)
    assert preset is not None
    server = to_server_configs(
        preset.config,
        address=ADDRESS,
        local_part="alice",
        domain=DOMAIN,
        source=SourceName.PRESET,
        trust=Trust.TRUSTED,
        tier=Tier.PRESET,
        origin=str(preset.path),
    )[0]
    plan = plan_sign_in(server)
    assert plan.required
    assert plan.issuer is not None and plan.issuer.issuer == issuer
    client = configured_client(issuer)
    assert client is not None
    assert (client.client_id, client.origin) == ("wizard-corp", ClientOrigin.PRESET)
