"""The command line's test message is in the user's language: the person who finds it in
their inbox reads it (``setup``, ``test`` and ``report`` send the same words)."""

from __future__ import annotations

from email import message_from_bytes
from email.header import decode_header, make_header
from pathlib import Path

import pytest

from tests.lab.world import Lab
from tests.test_cli_accounts import GERMAN, PASSWORD, autoconfig, run, smtp_server

pytestmark = pytest.mark.usefixtures("private_keychain")


@pytest.mark.parametrize(
    ("env", "subject"),
    [
        pytest.param(GERMAN, "Testnachricht vom Email Setup Wizard", id="de_DE"),
        pytest.param(
            {"LANG": "C.UTF-8", "LANGUAGE": "", "LC_ALL": ""},
            "Test message from Email Setup Wizard",
            id="C",
        ),
    ],
)
def test_the_test_message_is_in_the_users_language(
    lab: Lab, config_home: Path, domain: str, env: dict[str, str], subject: str
) -> None:
    address = f"alice@{domain}"
    autoconfig(lab, domain)
    server = smtp_server(lab, domain)

    # The first report sends with the detected settings, the last with the stored account's.
    commands = (
        ("report", "--password-stdin"),
        ("setup", "--yes", "--password-stdin"),
        ("test",),
        ("report",),
    )
    for command in commands:
        done = run(lab, config_home, *command, address, stdin=PASSWORD + "\n", env=env)
        assert done.returncode == 0, done.stderr

    assert len(server.received) == len(commands)
    for received in server.received:
        message = message_from_bytes(received.data)
        assert str(make_header(decode_header(message["Subject"]))) == subject
