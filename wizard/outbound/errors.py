"""What can stop an export, a message or a send: the errors' types, on their own.

Apart from the code that raises them so that their words (``wizard.messages``, which every
command and the GUI load) do not bring in every export format, the email header parser and the
account store with them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from wizard.errors import WizardError

if TYPE_CHECKING:
    from wizard.outbound.export import ExportFormat


class ExportProblem(StrEnum):
    NEEDS_INCOMING = "needs-incoming"  # Apple's profile requires the incoming (IMAP) server
    OAUTH2_ACCOUNT = "oauth2-account"  # the format logs in with a password only


class ExportError(WizardError):
    """The export cannot be made from what is known; ``format`` is the one asked for."""

    def __init__(self, problem: ExportProblem, export_format: ExportFormat) -> None:
        super().__init__(f"{problem.value}: {export_format.value}")
        self.problem = problem
        self.format = export_format


class MessageProblem(StrEnum):
    """Why a message cannot be sent as given."""

    NO_RECIPIENTS = "no-recipients"  # none on the command line, and none in the header (-t)
    BAD_RECIPIENT = "bad-recipient"  # a recipient that is not an email address
    BAD_SENDER = "bad-sender"  # -f, or the From header, is not an email address
    BAD_RESENT_RECIPIENT = "bad-resent-recipient"  # the same in Resent-To, -Cc or -Bcc (-t)
    BAD_RESENT_SENDER = "bad-resent-sender"  # the same in Resent-From
    TOO_LARGE = "too-large"  # more than MAX_MESSAGE_BYTES on standard input


class MessageError(WizardError, ValueError):
    """The message or its addresses cannot be used; ``value`` is the offending text."""

    def __init__(self, problem: MessageProblem, value: str = "") -> None:
        super().__init__(f"{problem.value}: {value!r}" if value else problem.value)
        self.problem = problem
        self.value = value


class SendProblem(StrEnum):
    """Why no account could be used for a message."""

    NO_ACCOUNT = "no-account"  # the sender named has no account set up
    NO_ACCOUNTS = "no-accounts"  # no account is set up at all
    WHICH_ACCOUNT = "which-account"  # several are, and nothing says which to use
    NO_SECRET = "no-secret"  # noqa: S105 (a message id): no password in the keychain (any more)


class SendError(WizardError):
    """No account, or no secret for it; ``value`` is the address or keychain entry concerned."""

    def __init__(self, problem: SendProblem, value: str = "") -> None:
        super().__init__(f"{problem.value}: {value}" if value else problem.value)
        self.problem = problem
        self.value = value
