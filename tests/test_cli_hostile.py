"""Every command under hostile arguments, input and servers (issue 10): no traceback, a clear
refusal before any network step (exit 2), exactly one JSON object with ``--json`` whatever
ends the command, and nothing from a server or the command line obeyed by the terminal.

The installed program runs in a subprocess inside the lab, with its profiles in a folder of
the test's own and the private keychain of tests/lab/with-keyring.
"""

from __future__ import annotations

import json
import os
import subprocess
from typing import TYPE_CHECKING, Any

import pytest

from tests.lab.smtp_server import SmtpBehaviour
from tests.test_cli_accounts import (
    PASSWORD,
    autoconfig,
    one_json_object,
    program,
    smtp_server,
)
from tests.test_send import secrets
from wizard.model import Security

if TYPE_CHECKING:
    from pathlib import Path

    from tests.lab.world import Lab

pytestmark = pytest.mark.usefixtures("private_keychain")

CRLF_NAME = "Eve\r\nBcc: victim@example.test"
ESCAPES = "\x1b]0;owned\x07\x1b[2J\x1b[HPassword:"
NOT_UTF8 = os.fsdecode(b"caf\xe9")  # an argument whose bytes are not UTF-8
NOT_A_PASSWORD = b"caf\xe9 cr\xe8me\n"  # a Latin-1 line on standard input
# Exit statuses the README documents: the command line's own, and sendmail's for ``send``.
DOCUMENTED = {0, 2, 3, 4, 5, 6, 130} | set(range(64, 79))


def run(
    lab: Lab, config_home: Path, *args: str, stdin: bytes = b""
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [program(), *args],
        input=stdin,
        capture_output=True,
        env={**lab.env(), "XDG_CONFIG_HOME": str(config_home)},
        timeout=120,
        check=False,
    )


def assert_held(done: subprocess.CompletedProcess[bytes], *, as_json: bool) -> dict[str, Any]:
    """No traceback, a documented exit status, nothing a terminal would obey, and with
    ``--json`` exactly one object on stdout; that object (or an empty one)."""
    stderr = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr
    assert done.returncode in DOCUMENTED, (done.returncode, stderr)
    readable = done.stderr + (b"" if as_json else done.stdout)
    assert b"\x1b" not in readable and b"\r" not in readable and b"\x07" not in readable
    if not as_json:
        return {}
    document = one_json_object(done.stdout.decode())
    assert document.get("exit_status", done.returncode) == done.returncode
    return document


HOSTILE = {
    "detect-not-utf8": ("detect", f"{NOT_UTF8}@example.test"),
    "detect-escapes": ("detect", f"{ESCAPES}@example.test"),
    "detect-nan-timeout": ("detect", "alice@example.test", "--timeout", "nan"),
    "detect-empty": ("detect", ""),
    "detect-huge": ("detect", "a" * 100_000 + "@example.test"),
    "test-crlf-host": ("test", "alice@example.test", "--host", "smtp.example.test\r\nQUIT"),
    "test-port": ("test", "alice@example.test", "--host", "smtp.example.test", "--port", "0x1"),
    "test-crlf-username": (
        "test",
        "alice@example.test",
        "--host",
        "smtp.example.test",
        "--username",
        CRLF_NAME,
    ),
    "test-fingerprint": (
        "test",
        "alice@example.test",
        "--host",
        "smtp.example.test",
        "--trust-certificate",
        "yes",
    ),
    "test-recipient": ("test", "alice@example.test", "--to", "bob@@example.test"),
    "test-no-account": ("test", "alice@example.test"),
    "test-send-timeout": ("test", "alice@example.test", "--send-timeout", "-5"),
    "setup-crlf-name": ("setup", "alice@example.test", "--name", CRLF_NAME),
    "setup-escape-name": ("setup", "alice@example.test", "--name", ESCAPES),
    "setup-not-utf8-name": ("setup", "alice@example.test", "--name", NOT_UTF8),
    "setup-fingerprint": ("setup", "alice@example.test", "--trust-certificate", "zz:zz"),
    "accounts-show-nothing": ("accounts", "show"),
    "accounts-show-escapes": ("accounts", "show", f"{ESCAPES}@example.test"),
    "accounts-remove-not-utf8": ("accounts", "remove", f"{NOT_UTF8}@example.test"),
    "accounts-unknown-action": ("accounts", "frobnicate"),
    "domain-check-escapes": ("domain-check", f"{ESCAPES}@example.test"),
}


@pytest.mark.parametrize("as_json", [True, False], ids=["json", "readable"])
@pytest.mark.parametrize("args", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_arguments_never_end_in_a_traceback(
    lab: Lab, config_home: Path, args: tuple[str, ...], as_json: bool
) -> None:
    done = run(lab, config_home, *args, *(["--json"] if as_json else []))

    document = assert_held(done, as_json=as_json)
    if done.returncode == 2 and as_json:
        assert document.get("error"), document  # it says why


@pytest.mark.parametrize("command", ["test", "setup"])
def test_a_password_that_is_not_utf8_is_refused_before_anything_is_sent(
    lab: Lab, config_home: Path, domain: str, command: str
) -> None:
    server = smtp_server(lab, domain)
    autoconfig(lab, domain)
    where = ["--host", f"smtp.{domain}"] if command == "test" else []
    args = [command, f"alice@{domain}", *where, "--password-stdin", "--json", "--no-confirm"]

    done = run(lab, config_home, *args, stdin=NOT_A_PASSWORD)

    document = assert_held(done, as_json=True)
    assert done.returncode == 2
    assert "not valid text (not UTF-8)" in document["error"]
    assert server.sessions == 0


def test_a_crlf_display_name_is_refused_before_any_network_step(
    lab: Lab, config_home: Path, domain: str
) -> None:
    server = smtp_server(lab, domain)
    autoconfig(lab, domain)

    done = run(
        lab,
        config_home,
        "setup",
        f"alice@{domain}",
        "--name",
        CRLF_NAME,
        "--password-stdin",
        "--json",
        stdin=f"{PASSWORD}\n".encode(),
    )

    document = assert_held(done, as_json=True)
    assert done.returncode == 2
    assert (document["detect"], document["test"], document["stored"]) == (None, None, None)
    assert "line break" in document["error"]
    assert server.sessions == 0 and lab.requests == []


def hostile_server(lab: Lab, domain: str, **behaviour: Any) -> list[str]:
    """A server where Alice's login is answered as ``behaviour`` says; the ``test`` arguments
    that reach it."""
    accounts = {f"alice@{domain}": PASSWORD}
    server = lab.smtp(
        f"smtp.{domain}", 465, SmtpBehaviour(security=Security.SSL, accounts=accounts, **behaviour)
    )
    return [
        "test",
        f"alice@{domain}",
        "--host",
        f"smtp.{domain}",
        "--port",
        str(server.port),
        "--security",
        "ssl",
        "--password-stdin",
        "--no-confirm",
    ]


def test_escape_sequences_in_a_reply_are_shown_not_obeyed(
    lab: Lab, config_home: Path, domain: str
) -> None:
    args = hostile_server(lab, domain, auth_answer=f"535 5.7.8 {ESCAPES}")

    done = run(lab, config_home, *args, stdin=f"{PASSWORD}\n".encode())

    assert_held(done, as_json=False)
    assert done.returncode == 4
    assert "\\e]0;owned\\x07\\e[2J\\e[HPassword:" in done.stderr.decode()


@pytest.mark.parametrize("as_json", [True, False], ids=["json", "readable"])
def test_an_echoed_auth_payload_is_masked_everywhere(
    lab: Lab, config_home: Path, domain: str, as_json: bool
) -> None:
    args = hostile_server(lab, domain, auth_answer="535 5.7.8 Rejected: {payload}")

    done = run(
        lab, config_home, *args, *(["--json"] if as_json else []), stdin=f"{PASSWORD}\n".encode()
    )

    document = assert_held(done, as_json=as_json)
    shown = done.stdout + done.stderr
    for secret in secrets(f"alice@{domain}", PASSWORD):  # the password, and in base64
        assert secret.encode() not in shown
    if as_json:
        assert document["diagnosis"] == "wrong-password" and "****" in document["reply"]["text"]


def test_the_test_command_has_an_overall_time_limit(
    lab: Lab, config_home: Path, domain: str
) -> None:
    args = hostile_server(lab, domain, reply_delay=0.2)  # every line in time, all of them not

    done = run(
        lab, config_home, *args, "--send-timeout", "1", "--json", stdin=f"{PASSWORD}\n".encode()
    )

    document = assert_held(done, as_json=True)
    assert (done.returncode, document["diagnosis"]) == (4, "out-of-time")


def test_json_is_printed_once_even_when_argparse_refuses(lab: Lab, config_home: Path) -> None:
    done = run(lab, config_home, "detect", "alice@example.test", "--timeout", "oops", "--json")

    assert done.returncode == 2
    assert "--timeout" in json.loads(done.stdout)["error"]


def _with_closed(descriptor: int) -> list[str]:
    """A wrapper command that starts the program with one of its standard streams closed, as
    ``<&-`` or ``>&-`` in a shell (a job runner may start it so)."""
    return ["sh", "-c", f'exec "$@" {descriptor}>&-', "sh"]


@pytest.mark.parametrize(
    "args",
    [
        ("accounts", "list"),
        ("accounts", "list", "--json"),
        ("detect", "alice@nowhere.test"),
        ("detect", "alice@nowhere.test", "--json"),
    ],
    ids=["accounts", "accounts-json", "detect", "detect-json"],
)
def test_output_cut_off_by_a_closed_pipe_ends_quietly(
    lab: Lab, config_home: Path, args: tuple[str, ...]
) -> None:
    reading, writing = os.pipe()
    os.close(reading)  # the reader (``| head -1``) is gone before anything is written
    try:
        done = subprocess.run(
            [program(), *args],
            stdin=subprocess.DEVNULL,
            stdout=writing,
            stderr=subprocess.PIPE,
            env={**lab.env(), "XDG_CONFIG_HOME": str(config_home)},
            timeout=60,
            check=False,
        )
    finally:
        os.close(writing)

    assert done.stderr == b""  # no traceback, nothing about the pipe
    assert done.returncode == 141  # as for a program that SIGPIPE ended: 128 + 13


@pytest.mark.parametrize("as_json", [True, False], ids=["json", "readable"])
def test_setup_without_standard_input_says_so(lab: Lab, config_home: Path, as_json: bool) -> None:
    done = subprocess.run(
        [
            *_with_closed(0),
            program(),
            "setup",
            "alice@example.test",
            "--password-stdin",
            *(["--json"] if as_json else []),
        ],
        capture_output=True,
        env={**lab.env(), "XDG_CONFIG_HOME": str(config_home)},
        timeout=60,
        check=False,
    )

    document = assert_held(done, as_json=as_json)
    assert done.returncode == 2
    assert b"standard input held no password" in done.stderr
    if as_json:
        assert document["error"].startswith("standard input held no password")


def test_a_prompt_without_standard_input_says_so(lab: Lab, config_home: Path) -> None:
    done = subprocess.run(
        [*_with_closed(0), program(), "test", "alice@example.test", "--host", "smtp.example.test"],
        capture_output=True,
        env={**lab.env(), "XDG_CONFIG_HOME": str(config_home)},
        timeout=60,
        check=False,
    )

    assert_held(done, as_json=False)
    assert done.returncode == 2
    assert b"no terminal to ask for the password" in done.stderr


def test_a_closed_standard_output_is_no_crash(lab: Lab, config_home: Path) -> None:
    done = subprocess.run(
        [*_with_closed(1), program(), "detect", "alice@nowhere.test", "--json"],
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**lab.env(), "XDG_CONFIG_HOME": str(config_home)},
        timeout=60,
        check=False,
    )

    assert done.stderr == b""
    assert done.returncode == 3  # the domain does not exist: the answer, though nobody reads it


@pytest.mark.parametrize("as_json", [False, True])
@pytest.mark.parametrize("command", ["detect", "setup", "test"])
def test_a_pasted_name_and_address_is_told_to_enter_only_the_address(
    lab: Lab, config_home: Path, command: str, as_json: bool
) -> None:
    """ "Alice <alice@example.test>" pasted from a mail program: the user is told which
    address to enter instead, not to remove the spaces (which leaves "Alice<...>")."""
    done = run(lab, config_home, command, "Alice <alice@example.test>", *(["--json"] * as_json))

    document = assert_held(done, as_json=as_json)
    assert done.returncode == 2
    words = "Enter only the address, without a name or angle brackets: alice@example.test"
    assert words in done.stderr.decode()
    assert "spaces" not in done.stderr.decode()
    if as_json:
        assert document["error"] == words
    assert lab.dns_queries == []


@pytest.mark.parametrize(
    "args",
    [
        ("domain-check", "alice@example.test", "--server", "smtp.example.test\nx", "--json"),
        ("domain-check", "alice@example.test", "--server", "smtp..example.test"),
        ("export", "alice@example.test", "--format", "thunderbird", "--imap-host", "imap.x\nQUIT"),
        ("export", "alice@example.test", "--format", "mobileconfig", "--imap-host", "imap .x"),
    ],
    ids=[
        "domain-check-line-break",
        "domain-check-empty-label",
        "export-line-break",
        "export-space",
    ],
)
def test_a_server_name_that_cannot_be_one_is_refused_in_words(
    lab: Lab, config_home: Path, args: tuple[str, ...]
) -> None:
    """As --host is: a typo in --server or --imap-host is said, before anything is looked up
    or written into an exported file."""
    as_json = "--json" in args

    done = run(lab, config_home, *args)

    document = assert_held(done, as_json=as_json)
    assert done.returncode == 2
    assert "is not a server name or address" in done.stderr.decode()
    if as_json:
        assert "is not a server name or address" in document["error"]
    else:
        assert done.stdout == b""
    assert lab.dns_queries == []
