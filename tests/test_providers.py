"""The bundled provider database, the script that builds it, and where shipped data is found."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import wizard.resources
from wizard.clientconfig import parse_client_config
from wizard.model import Security
from wizard.providers import FORMAT, ProviderDatabase, from_entry, to_entry
from wizard.resources import resource_path

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "build_providers.py"
ISPDB = REPO / "tests" / "data" / "ispdb"  # the vendored reference copy the script reads

SMTP = """<?xml version="1.0"?>
<clientConfig version="1.1"><emailProvider id="{id}">{domains}
  <outgoingServer type="{kind}"><hostname>smtp.{id}</hostname><port>465</port>
    <socketType>SSL</socketType><username>%EMAILLOCALPART%</username></outgoingServer>
</emailProvider></clientConfig>
"""


def provider_xml(provider_id: str, *domains: str, kind: str = "smtp") -> str:
    listed = "".join(f"<domain>{d}</domain>" for d in domains or (provider_id,))
    return SMTP.format(id=provider_id, domains=listed, kind=kind)


def run_script(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


@pytest.fixture
def small_ispdb(tmp_path: Path) -> Path:
    """An ISPDB folder with two good files, a broken one, one without SMTP, one conflict."""
    folder = tmp_path / "ispdb"
    folder.mkdir()
    (folder / "LICENSE.MPL-2.0").write_text("Mozilla Public License Version 2.0\n")
    (folder / "a.example.xml").write_text(provider_xml("a.example", "a.example", "mx-a.example"))
    (folder / "b.example.xml").write_text(provider_xml("b.example", "b.example", "a.example"))
    (folder / "broken.example.xml").write_text("<clientConfig><emailProvider>")
    (folder / "imaponly.example.xml").write_text(provider_xml("imaponly.example", kind="ews"))
    return folder


# --- the bundled database ---------------------------------------------------------------------


def test_bundled_database_is_large_and_loaded_once() -> None:
    database = ProviderDatabase.bundled()

    assert len(database.providers) >= 150
    assert len(database.domains) >= 900
    assert ProviderDatabase.bundled() is database


@pytest.mark.parametrize("domain", ["gmail.com", "GMAIL.COM", "googlemail.com", "gmail.com."])
def test_lookup_by_address_domain(domain: str) -> None:
    config = ProviderDatabase.bundled().lookup(domain)

    assert config is not None
    assert config.display_name == "Google Mail"
    assert [(s.hostname, s.port, s.security) for s in config.outgoing] == [
        ("smtp.gmail.com", 465, Security.SSL)
    ]
    assert config.outgoing[0].authentication == ("OAuth2", "password-cleartext")


def test_lookup_by_mx_base_domain() -> None:
    config = ProviderDatabase.bundled().lookup("google.com")  # from aspmx.l.google.com
    assert config is not None
    assert config.display_name == "Google Mail"


def test_regional_files_sharing_an_id_stay_apart() -> None:
    database = ProviderDatabase.bundled()
    europe, world = database.lookup("zoho.eu"), database.lookup("zoho.com")

    assert europe is not None
    assert world is not None
    assert europe.provider_id == world.provider_id == "zoho.com"
    assert europe.outgoing[0].hostname == "smtp.zoho.eu"
    assert world.outgoing[0].hostname == "smtp.zoho.com"


@pytest.mark.parametrize("domain", ["example.com", "", "mail.gmail.com", "gmail"])
def test_unknown_domain(domain: str) -> None:
    assert ProviderDatabase.bundled().lookup(domain) is None


def test_every_reference_file_is_in_the_bundled_database() -> None:
    database = ProviderDatabase.bundled()
    files = sorted(ISPDB.glob("*.xml"))

    assert len(files) == len(database.providers)
    for path in files:
        expected = parse_client_config(path.read_bytes())
        assert database.providers[path.name.removesuffix(".xml")] == expected
        assert all(database.lookup(domain) == expected for domain in expected.domains)


def test_entries_round_trip() -> None:
    config = parse_client_config(provider_xml("a.example", "a.example", "b.example").encode())
    assert from_entry(json.loads(json.dumps(to_entry(config)))) == config


def test_from_file_refuses_another_format(tmp_path: Path) -> None:
    path = tmp_path / "providers.json"
    path.write_text(json.dumps({"format": FORMAT + 1, "source": "x", "providers": {}}))
    with pytest.raises(ValueError, match="format 2"):
        ProviderDatabase.from_file(path)


# --- the build script -------------------------------------------------------------------------


def test_committed_data_is_up_to_date() -> None:
    result = run_script("--check")
    assert result.returncode == 0, result.stderr


def test_build_skips_bad_files_and_reports_conflicts(small_ispdb: Path, tmp_path: Path) -> None:
    output = tmp_path / "out"
    result = run_script(small_ispdb, "--output", output)

    assert result.returncode == 0, result.stderr
    assert result.stdout == "2 providers, 3 domains, 2 files skipped\n"
    assert "skipped broken.example.xml: not-xml" in result.stderr
    assert "skipped imaponly.example.xml: no-outgoing-server" in result.stderr
    assert "b.example.xml: a.example is already listed by a.example.xml" in result.stderr
    assert sorted(p.name for p in output.iterdir()) == [
        "ATTRIBUTION.md",
        "LICENSE.MPL-2.0",
        "providers.json",
    ]
    assert "Mozilla Public License 2.0" in (output / "ATTRIBUTION.md").read_text()

    text = (output / "providers.json").read_text(encoding="ascii")
    assert text.endswith("}\n")
    assert json.loads(text)["providers"]["a.example"] == {
        "id": "a.example",
        "display_name": None,
        "domains": ["a.example", "mx-a.example"],
        "outgoing": [
            {
                "hostname": "smtp.a.example",
                "port": 465,
                "security": "ssl",
                "username": "%EMAILLOCALPART%",
                "authentication": [],
            }
        ],
        "incoming": [],
    }
    database = ProviderDatabase.from_file(output / "providers.json")
    assert database.lookup("A.Example") == database.providers["a.example"]
    assert database.lookup("mx-a.example") == database.providers["a.example"]


def test_check_detects_stale_output(small_ispdb: Path, tmp_path: Path) -> None:
    output = tmp_path / "out"
    assert run_script(small_ispdb, "--output", output).returncode == 0
    first = (output / "providers.json").read_bytes()
    assert run_script(small_ispdb, "--output", output).returncode == 0
    assert (output / "providers.json").read_bytes() == first  # deterministic
    assert run_script(small_ispdb, "--output", output, "--check").returncode == 0

    (small_ispdb / "c.example.xml").write_text(provider_xml("c.example"))
    result = run_script(small_ispdb, "--output", output, "--check")
    assert result.returncode == 1
    assert f"out of date: {output / 'providers.json'}" in result.stderr
    assert (output / "providers.json").read_bytes() == first  # --check writes nothing


def test_script_refuses_a_folder_without_the_license(tmp_path: Path) -> None:
    result = run_script(tmp_path, "--output", tmp_path / "out")
    assert result.returncode == 2
    assert "is not an ISPDB folder" in result.stderr
    assert not (tmp_path / "out").exists()


# --- resource_path ----------------------------------------------------------------------------


def test_resource_path_in_a_source_checkout() -> None:
    path = resource_path("providers", "providers.json")
    assert path == REPO / "resources" / "providers" / "providers.json"
    assert path.is_file()


def test_resource_path_prefers_the_packaged_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An installed wheel has the folder inside the package; a fake package stands in for it."""
    package = tmp_path / "wizard"
    (package / "resources").mkdir(parents=True)
    monkeypatch.setattr(wizard.resources, "files", lambda name: package)

    assert resource_path("providers", "providers.json") == (
        package / "resources" / "providers" / "providers.json"
    )
