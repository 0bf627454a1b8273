"""Each command imports only what it uses: ``--version`` and ``--help`` nothing beyond the
standard library, ``detect`` no keychain, no GUI and no test-send machinery.

What a command imports decides how long a user waits before anything happens (the benchmark
measures the time; this guards the cause). The program is run exactly as the console script
runs it, and the modules it loaded are read when it exits.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.lab.smtp_server import SmtpBehaviour
from tests.lab.world import Lab
from wizard.discovery.loading import load
from wizard.model import Security
from wizard.preset_files import ENVIRONMENT as PRESETS

# Runs the program's entry point, then reports every module it loaded (not those Python and the
# environment's start-up files had loaded before it began).
_RUN_AND_REPORT = """
import atexit, json, sys
before = set(sys.modules)
atexit.register(lambda: print(json.dumps(sorted(set(sys.modules) - before)), file=sys.stderr))
from wizard.launcher import main
sys.argv[0] = "email-setup-wizard"
sys.exit(main(sys.argv[1:]))
"""

# Imports one module, then reports every module that brought in.
_IMPORT_AND_REPORT = """
import importlib, json, sys
before = set(sys.modules)
importlib.import_module(sys.argv[1])
print(json.dumps(sorted(set(sys.modules) - before)))
"""

# What only the GUI, the keychain, the real test send or delivery confirmation need.
NOT_FOR_DETECT = (
    "PySide6",
    "shiboken6",
    "keyring",
    "secretstorage",
    "wizard.gui",
    "wizard.smtp.send",
    "wizard.delivery.confirm",
    "wizard.delivery.after_send",
    "wizard.imap.session",
    "imapclient",
)


def loaded_by(*arguments: str, env: dict[str, str] | None = None) -> list[str]:
    """The modules ``email-setup-wizard ARGUMENTS`` had loaded when it exited."""
    done = subprocess.run(
        [sys.executable, "-c", _RUN_AND_REPORT, *arguments],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    modules: list[str] = json.loads(done.stderr.strip().splitlines()[-1])
    return modules


def imported_with(module: str) -> list[str]:
    """The modules importing ``module`` (in a fresh interpreter) brought in."""
    done = subprocess.run(
        [sys.executable, "-c", _IMPORT_AND_REPORT, module],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    modules: list[str] = json.loads(done.stdout)
    return modules


def beyond_the_standard_library(modules: list[str]) -> set[str]:
    return {m.split(".")[0] for m in modules} - set(sys.stdlib_module_names) - {"wizard"}


@pytest.mark.parametrize("arguments", [["--version"], ["--help"]], ids=["version", "help"])
def test_version_and_help_load_only_the_standard_library(arguments: list[str]) -> None:
    modules = loaded_by(*arguments)

    assert beyond_the_standard_library(modules) == set()
    assert {m for m in modules if m.startswith("wizard")} == {
        "wizard",
        "wizard.cli",
        "wizard.cli.main",
        "wizard.launcher",
    }


def test_a_command_s_help_loads_that_command_only() -> None:
    modules = loaded_by("accounts", "--help")

    assert "wizard.cli.accounts" in modules
    assert not {"wizard.cli.detect", "wizard.cli.setup", "wizard.cli.send"} & set(modules)


def test_detect_loads_no_keychain_gui_or_test_send(lab: Lab) -> None:
    lab.smtp("smtp.example.test", 587, SmtpBehaviour(security=Security.STARTTLS))

    modules = loaded_by("detect", "alice@example.test", "--json", env=lab.env())

    assert "wizard.smtp.probe" in modules  # it did check the server live
    unwanted = [m for m in modules if m.startswith(NOT_FOR_DETECT)]
    assert unwanted == []


# What detect's result does not need to be shown: every error's words (``wizard.messages``) and
# what they bring in (the keychain, OAuth2, the export formats, accounts and profiles, diagnosis
# reports, delivery and domain checks); and, on a computer without presets, their reader.
NOT_FOR_DETECT_OUTPUT = (
    "wizard.messages",
    "wizard.keychain",
    "wizard.oauth",
    "wizard.outbound",
    "wizard.accounts",
    "wizard.profiles",
    "wizard.reporting",
    "wizard.delivery",
    "wizard.domaincheck",
    "wizard.smtp.diagnosis",
    "wizard.smtp.envelope",
    "wizard.presets",  # and wizard.presets_rules
    "tomllib",
)


@pytest.mark.parametrize("output", [["--json"], ["--verbose"]], ids=["json", "text"])
def test_detect_shows_its_result_with_its_own_words_only(
    lab: Lab, tmp_path: Path, output: list[str]
) -> None:
    lab.smtp("smtp.example.test", 587, SmtpBehaviour(security=Security.STARTTLS))
    env = lab.env() | {PRESETS: str(tmp_path)}  # a preset folder with no preset in it

    modules = loaded_by("detect", "alice@example.test", *output, env=env)

    assert {"wizard.detection_words", "wizard.discovery.preset"} <= set(modules)
    unwanted = [m for m in modules if m.startswith(NOT_FOR_DETECT_OUTPUT)]
    assert unwanted == []


def test_detect_loads_no_http2_or_certificate_reader_where_certificates_verify(
    lab: Lab,
) -> None:
    """Every source answering at once (HTTPS autoconfig and ISPDB, SRV, servers on 465 and
    587) loads neither h2 and the rest of HTTP/2, which httpcore would import because h2 is
    installed (``wizard.net.http``), nor ``cryptography``, only needed to describe a refused
    certificate (``wizard.net.certificates``), nor truststore, used on macOS and Windows."""
    document = (
        '<clientConfig version="1.1"><emailProvider id="example.test">'
        '<outgoingServer type="smtp"><hostname>smtp.example.test</hostname><port>465</port>'
        "<socketType>SSL</socketType><username>%EMAILADDRESS%</username>"
        "<authentication>password-cleartext</authentication></outgoingServer>"
        "</emailProvider></clientConfig>"
    )
    lab.https("autoconfig.example.test", "/mail/config-v1.1.xml", document)
    lab.https("autoconfig.thunderbird.net", "/v1.1/example.test", document)
    lab.srv("_submissions._tcp.example.test", "smtp.example.test", 465)
    lab.smtp("smtp.example.test", 465, SmtpBehaviour(security=Security.SSL))
    lab.smtp("smtp.example.test", 587, SmtpBehaviour(security=Security.STARTTLS))

    modules = loaded_by("detect", "alice@example.test", "--json", env=lab.env())

    assert {"httpcore", "wizard.smtp.probe"} <= set(modules)  # it fetched and probed
    unwanted = ("h2", "hpack", "hyperframe", "cryptography", "truststore")
    assert [m for m in modules if m.split(".")[0] in unwanted] == []


def test_every_error_s_words_come_without_export_formats_or_the_sender() -> None:
    """``wizard.messages``, which ``test``, ``setup`` and the GUI load, needs the types of the
    errors it words, not the export formats, the message reader or the sender's account
    lookup that raise them."""
    modules = imported_with("wizard.messages")

    assert "wizard.outbound.errors" in modules
    unwanted = (
        "wizard.outbound.export",
        "wizard.outbound.formats",
        "wizard.outbound.message",
        "wizard.outbound.sender",
        "wizard.accounts",
        "wizard.smtp.envelope",
    )
    assert [m for m in modules if m.startswith(unwanted)] == []


def test_detect_asks_its_first_dns_questions_before_parsing_the_public_suffix_list() -> None:
    """What ``detect`` imports before it asks DNS leaves out the public suffix list (parsed as
    it loads) and the HTTPS machinery: the MX source has them imported beside its question."""
    modules = imported_with("wizard.cli.detect")

    assert "wizard.discovery.engine" in modules and "dns.asyncresolver" in modules
    unwanted = ("publicsuffixlist", "wizard.net.domains", "httpx", "wizard.net.tls")
    assert [m for m in modules if m.startswith(unwanted)] == []


def test_the_wizard_s_window_does_not_wait_for_detection_or_the_keychain() -> None:
    """Detection's engine, the provider database and the keychain load on the engine thread
    once the window is up (``wizard.gui.app``), not while Python loads the window."""
    modules = imported_with("wizard.gui.app")

    assert "wizard.gui.wizard" in modules
    unwanted = ("wizard.discovery.engine", "wizard.providers", "dns", "httpx", "keyring")
    assert [m for m in modules if m.startswith(unwanted)] == []


# -- importing in the background (wizard.discovery.loading) -----------------------------------


def test_a_module_is_imported_in_the_background() -> None:
    async def scenario() -> ModuleType:
        return await load("wizard.discovery.autoconfig")

    module = asyncio.run(scenario())

    assert module is sys.modules["wizard.discovery.autoconfig"]


def test_an_import_that_fails_fails_for_whoever_waits_and_no_one_else() -> None:
    async def scenario() -> ModuleType:
        abandoned = load("wizard.discovery.ispdb")
        abandoned.cancel()  # detection ended before it was needed
        with pytest.raises(ModuleNotFoundError):
            await load("wizard.no_such_module")
        return await load("wizard.discovery.srv")

    assert asyncio.run(scenario()).__name__ == "wizard.discovery.srv"
