"""Each command imports only what it uses: ``--version`` and ``--help`` nothing beyond the
standard library, ``detect`` no keychain, no GUI and no test-send machinery.

What a command imports decides how long a user waits before anything happens (the benchmark
measures the time; this guards the cause). The program is run exactly as the console script
runs it, and the modules it loaded are read when it exits.
"""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.lab.smtp_server import SmtpBehaviour
from tests.lab.world import Lab
from wizard.discovery.loading import load
from wizard.model import Security
from wizard.preset_files import ENVIRONMENT as PRESETS
from wizard.runtime import run, until_waiting, when_waiting

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


def reported_by(script: str, *arguments: str, env: dict[str, str] | None = None) -> Any:
    """What ``script`` (one of the programs above, which runs the program's entry point with
    ``ARGUMENTS``) reported as JSON on the last line of its standard error."""
    done = subprocess.run(
        [sys.executable, "-c", script, *arguments],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    return json.loads(done.stderr.strip().splitlines()[-1])


def loaded_by(*arguments: str, env: dict[str, str] | None = None) -> list[str]:
    """The modules ``email-setup-wizard ARGUMENTS`` had loaded when it exited."""
    modules: list[str] = reported_by(_RUN_AND_REPORT, *arguments, env=env)
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


def test_the_program_s_objects_are_frozen_as_it_ends() -> None:
    """Python's last garbage collection passes over everything loaded (``wizard.launcher``):
    it would look for cycles among them in a process about to end."""
    code = (
        "import gc, sys; from wizard.launcher import main; "
        "code = main(['detect', 'not an address']); print(code, gc.get_freeze_count() > 0)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )

    assert done.stdout.split() == ["2", "True"]


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


def test_detect_of_a_domain_that_does_not_exist_loads_no_mail_client(lab: Lab) -> None:
    """Once DNS says the domain does not exist, nothing is left to check live: the SMTP and
    IMAP clients, cryptography and the trust store are not loaded at all."""
    modules = loaded_by("detect", "alice@nowhere.test", "--json", env=lab.env())

    assert "wizard.discovery.engine" in modules  # it did detect
    unwanted = ("wizard.smtp.probe", "wizard.imap.probe", "aiosmtplib", "cryptography")
    assert [m for m in modules if m.startswith((*unwanted, *NOT_FOR_DETECT))] == []


# Runs ``detect`` and reports, in order, the DNS questions it sent and the modules imported on
# a thread other than the main one (the background importer, a worker reading a file).
_ORDER_OF_EVENTS = """
import json, sys, threading
events = []
def hook(event, args):
    if event == "socket.sendto" and args[1][1] == 53:
        events.append("question")
    elif event == "import" and threading.current_thread() is not threading.main_thread():
        events.append("import " + args[0])
sys.addaudithook(hook)
from wizard.launcher import main
sys.argv[0] = "email-setup-wizard"
code = main(sys.argv[1:])
print(json.dumps(events), file=sys.stderr)
sys.exit(code)
"""


def test_detect_s_first_questions_go_out_before_anything_loads_beside_them(lab: Lab) -> None:
    """Imports and files on other threads start once the loop waits for its first answers: a
    thread started earlier would share the interpreter with the code sending them."""
    lab.smtp("smtp.example.test", 587, SmtpBehaviour(security=Security.STARTTLS))

    events: list[str] = reported_by(
        _ORDER_OF_EVENTS, "detect", "alice@example.test", "--json", env=lab.env()
    )

    first_import = next(i for i, event in enumerate(events) if event.startswith("import"))
    questions = events[:first_import]
    # The outgoing and the incoming run's MX, SRV and address questions.
    assert len(questions) >= 6 and set(questions) == {"question"}


# Runs ``detect`` and reports the modules loaded when its first DNS question went out.
_LOADED_AT_FIRST_QUESTION = """
import json, sys
loaded = []
def hook(event, args):
    if event == "socket.sendto" and args[1][1] == 53 and not loaded:
        loaded.append(sorted(sys.modules))
sys.addaudithook(hook)
from wizard.launcher import main
sys.argv[0] = "email-setup-wizard"
code = main(sys.argv[1:])
print(json.dumps(loaded[0]), file=sys.stderr)
sys.exit(code)
"""


def test_detect_asks_its_first_dns_question_before_detection_has_loaded(lab: Lab) -> None:
    """The address is checked, then the question that tells whether its domain exists goes
    out: the engine and its sources, the public suffix list (parsed as it loads) and the
    HTTPS machinery load while the answer is on its way."""
    modules: list[str] = reported_by(
        _LOADED_AT_FIRST_QUESTION, "detect", "alice@example.test", env=lab.env()
    )

    assert {"wizard.address", "email_validator", "dns.asyncresolver"} <= set(modules)
    unwanted = (
        "wizard.discovery.engine",
        "wizard.model",
        "publicsuffixlist",
        "wizard.net.domains",
        "httpx",
        "wizard.net.tls",
    )
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


# -- work that waits for the network (wizard.runtime.when_waiting) ----------------------------


def test_deferred_work_starts_once_the_loop_waits_on_the_network() -> None:
    events: list[str] = []

    async def ask(reader: socket.socket) -> None:
        events.append("asking")
        await asyncio.sleep(0)  # more steps, as a DNS query takes before it is sent
        await asyncio.sleep(0)
        events.append("asked")
        await asyncio.get_running_loop().sock_recv(reader, 1)  # waits on the network

    async def scenario() -> None:
        reader, writer = socket.socketpair()
        with reader, writer:
            reader.setblocking(False)
            asking = asyncio.create_task(ask(reader))
            when_waiting(lambda: events.append("deferred"))
            await until_waiting()
            events.append("until_waiting returned")
            writer.send(b"x")
            await asking

    run(scenario())

    assert events == ["asking", "asked", "deferred", "until_waiting returned"]


def test_on_a_loop_of_its_own_deferred_work_starts_at_once() -> None:
    """A loop not made by ``wizard.runtime`` (a test's, say) cannot tell: nothing waits."""
    events: list[str] = []

    async def scenario() -> None:
        when_waiting(lambda: events.append("deferred"))
        events.append("after")
        await until_waiting()

    asyncio.run(scenario())

    assert events == ["deferred", "after"]
