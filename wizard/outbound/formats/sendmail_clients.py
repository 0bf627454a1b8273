"""Settings for programs that send through a sendmail command: git send-email and mutt.

They run ``email-setup-wizard send``, which finds the account, its server and its password on
its own, so the password and any token stay in the keychain and nothing here goes stale when
they change.
"""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

from wizard.outbound.message import mailbox

if TYPE_CHECKING:
    from wizard.profiles import AccountProfile


def git_config(profile: AccountProfile, send_command: list[str]) -> str:
    """``git config`` commands for git send-email (``sendemail.sendmailCmd``, git 2.33+)."""
    sender = mailbox(profile.display_name, profile.address, encoded=False)

    def setting(name: str, value: str) -> str:
        return shlex.join(["git", "config", "--global", f"sendemail.{name}", value])

    return "\n".join(
        [
            f"# git send-email as {profile.address}, through Email Setup Wizard: git hands each",
            "# message to it, and it sends with the tested settings and the keychain password.",
            "# Run these once; without --global they apply to the current repository only.",
            setting("sendmailCmd", shlex.join(send_command)),
            setting("from", sender),
            setting("envelopeSender", profile.address),
            "",
        ]
    )


def muttrc(profile: AccountProfile, send_command: list[str]) -> str:
    """muttrc lines for mutt and neomutt. ``-oi``: a line holding a single dot stays part of
    the message, as mutt's default sendmail command has it."""
    command = shlex.join([*send_command, "-oi"])
    lines = [
        f"# mutt / neomutt: send as {profile.address} through Email Setup Wizard, which uses",
        "# the tested settings and the keychain password. Add these lines to your muttrc.",
        f"set from = {_quoted(profile.address)}",
        f"set realname = {_quoted(profile.display_name)}",
        f"set sendmail = {_quoted(command)}",
        "set use_envelope_from = yes",
    ]
    if any(char.isspace() for char in " ".join(send_command)):
        lines.insert(2, "# mutt splits $sendmail at spaces: if the path has spaces, symlink it.")
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    """A muttrc string: double quotes, with backslash escapes for what they must escape."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$").replace("`", "\\`")
    return f'"{escaped}"'
