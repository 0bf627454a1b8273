"""A set-up account's settings, ready for the programs people send mail with.

Every export names where the password is (the keychain entry, or ``email-setup-wizard send``
which reads it), and never holds the password or a token itself. The texts inside the files
are English, like all output meant for programs; the file's own format decides the rest.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from wizard.outbound.errors import ExportError, ExportProblem
from wizard.outbound.formats import apple, clientconfig_xml, msmtp, python_snippet
from wizard.outbound.formats import sendmail_clients as clients
from wizard.outbound.program import invocation
from wizard.profiles import IncomingServer, profile_to_json

if TYPE_CHECKING:
    from wizard.profiles import AccountProfile


class ExportFormat(StrEnum):
    """The formats, by the program that reads them. The values are the CLI spellings."""

    MSMTP = "msmtp"
    GIT = "git"
    MUTT = "mutt"
    THUNDERBIRD = "thunderbird"
    MOBILECONFIG = "mobileconfig"
    PYTHON = "python"
    JSON = "json"


class Platform(StrEnum):
    """Whose keychain tool a password lookup uses (msmtp's ``passwordeval``)."""

    LINUX = "linux"  # Secret Service: secret-tool
    MACOS = "macos"  # the login keychain: security

    @classmethod
    def current(cls) -> Platform:
        return cls.MACOS if sys.platform == "darwin" else cls.LINUX


# Formats that can only log in with a password (Apple profiles know no OAuth2 for SMTP).
_PASSWORD_FORMATS = frozenset({ExportFormat.MOBILECONFIG, ExportFormat.PYTHON})


@dataclass(frozen=True)
class Export:
    content: bytes
    filename: str  # a name to offer when saving it

    @property
    def text(self) -> str:
        return self.content.decode("utf-8")


def export(
    profile: AccountProfile,
    export_format: ExportFormat,
    *,
    platform: Platform | None = None,
    incoming: IncomingServer | None = None,
) -> Export:
    """``profile`` in ``export_format``; ``ExportError`` when that needs what is not known.
    ``incoming`` (the formats that set up a whole mail client) defaults to the incoming
    server the account keeps."""
    address = profile.address
    incoming = incoming or profile.incoming
    send_command = [*invocation(), "send"]
    # A password format would hand the refresh token to the mail server as a password.
    if profile.oauth is not None and export_format in _PASSWORD_FORMATS:
        raise ExportError(ExportProblem.OAUTH2_ACCOUNT, export_format)
    if export_format is ExportFormat.MSMTP:
        block = msmtp.account_block(profile, platform or Platform.current())
        return Export(block.encode(), "msmtprc")
    if export_format is ExportFormat.GIT:
        return Export(clients.git_config(profile, send_command).encode(), "git-send-email.sh")
    if export_format is ExportFormat.MUTT:
        return Export(clients.muttrc(profile, send_command).encode(), "muttrc")
    if export_format is ExportFormat.THUNDERBIRD:
        return Export(clientconfig_xml.client_config(profile, incoming), "config-v1.1.xml")
    if export_format is ExportFormat.MOBILECONFIG:
        if incoming is None:
            raise ExportError(ExportProblem.NEEDS_INCOMING, export_format)
        return Export(apple.configuration_profile(profile, incoming), f"{address}.mobileconfig")
    if export_format is ExportFormat.PYTHON:
        return Export(python_snippet.script(profile).encode(), "send_mail.py")
    document = json.dumps(profile_to_json(profile), indent=2, ensure_ascii=False) + "\n"
    return Export(document.encode(), f"{address}.json")
