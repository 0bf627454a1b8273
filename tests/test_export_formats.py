"""The exported texts themselves: quoting that survives odd names, the keychain tool of each
platform, and the command another program runs to reach this one. Plain unit tests; the
programs that read these files are run in ``test_exports.py``."""

from __future__ import annotations

import shlex
import sys

import pytest

from wizard.model import Security
from wizard.outbound.export import ExportFormat, Platform, export
from wizard.outbound.program import invocation
from wizard.profiles import AccountProfile

ODD = AccountProfile(
    'Zoë "Z" O\'Neil', "zoe@example.test", "smtp.example.test", 465, Security.SSL,
    'zoe "the" user',
)  # fmt: skip


def msmtp_value(block: str, key: str) -> str:
    """A value as msmtp reads it back: a double-quoted argument with backslash escapes."""
    [line] = [line for line in block.splitlines() if line.startswith(f"{key} ")]
    raw = line.removeprefix(f"{key} ")
    if not raw.startswith('"'):
        return raw
    return raw[1:-1].replace('\\"', '"').replace("\\\\", "\\")


@pytest.mark.parametrize(
    ("platform", "tool"),
    [(Platform.LINUX, "secret-tool"), (Platform.MACOS, "security")],
)
def test_msmtp_quotes_what_needs_quoting_and_calls_the_platforms_tool(
    platform: Platform, tool: str
) -> None:
    block = export(ODD, ExportFormat.MSMTP, platform=platform).text

    assert msmtp_value(block, "user") == 'zoe "the" user'
    command = shlex.split(msmtp_value(block, "passwordeval"))
    assert command[0] == tool
    assert "smtp://smtp.example.test:465" in command
    assert 'zoe "the" user' in command  # one argument, as the keychain has it


def test_the_unencrypted_account_says_so_in_every_text_that_logs_in() -> None:
    plain = AccountProfile("", "a@example.test", "mail.example.test", 25, Security.NONE, "a")

    assert "tls off" in export(plain, ExportFormat.MSMTP).text
    assert "readable" in export(plain, ExportFormat.MSMTP).text
    assert "readable" in export(plain, ExportFormat.PYTHON).text


def test_git_and_mutt_keep_names_with_quotes_intact() -> None:
    git = export(ODD, ExportFormat.GIT).text
    mutt = export(ODD, ExportFormat.MUTT).text

    [from_line] = [line for line in git.splitlines() if "sendemail.from" in line]
    assert shlex.split(from_line)[-1].startswith('"Zoë \\"Z\\" O\'Neil" <zoe@example.test>')
    assert 'set realname = "Zoë \\"Z\\" O\'Neil"' in mutt
    assert "send -oi" in mutt  # a lone dot stays part of the message


def test_the_python_script_is_valid_python_for_every_security() -> None:
    for security in Security:
        profile = AccountProfile("", "a@example.test", "h.example.test", 587, security, "a")
        compile(export(profile, ExportFormat.PYTHON).text, "send_mail.py", "exec")


def test_other_programs_reach_this_installation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", ["/nowhere/email-setup-wizard-gui"])
    monkeypatch.setenv("PATH", "/nowhere")
    assert invocation() == ["email-setup-wizard"]  # nothing better known: the bare name

    monkeypatch.setenv("FLATPAK_ID", "io.github.emailsetupwizard.EmailSetupWizard")
    assert invocation() == [
        "flatpak",
        "run",
        "--command=email-setup-wizard",
        "io.github.emailsetupwizard.EmailSetupWizard",
    ]
