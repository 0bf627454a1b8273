"""How a delivery confirmation ended: plain, immutable data for the CLI, the GUI and the
helpdesk report (``wizard.delivery.document`` writes it as JSON)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wizard.delivery.authresults import Verdict
    from wizard.delivery.bounce import Bounce
    from wizard.imap.errors import ImapProblem
    from wizard.model import Certificate
    from wizard.profiles import IncomingServer

DEFAULT_TIMEOUT = 60.0


class DeliveryStatus(StrEnum):
    """How the confirmation ended. The values are the JSON spellings."""

    INBOX = "inbox"
    JUNK = "junk"
    NOT_ARRIVED = "not-arrived"
    SKIPPED = "skipped"  # not checked: no incoming server, or the test went elsewhere
    ERROR = "error"  # the mailbox could not be looked into


class Removal(StrEnum):
    """What became of the test message once found."""

    TRASH = "moved-to-trash"
    DELETED = "deleted"
    KEPT = "kept"  # the user asked to keep it
    LEFT = "left"  # the server offers no way to remove only it


@dataclass(frozen=True)
class DeliveryResult:
    """The confirmation's outcome, for the CLI, the GUI and the helpdesk report.

    ``seconds``: from the send to when the message was seen (or the wait ended). ``problem``
    says why the mailbox could not be looked into (``ERROR``), ``reason`` why it was not
    (``SKIPPED``). ``verdict`` is the receiving server's Authentication-Results, ``bounce`` a
    delivery status notification about the test message.
    """

    status: DeliveryStatus
    folder: str | None = None
    seconds: float | None = None
    verdict: Verdict | None = None
    bounce: Bounce | None = None
    removal: Removal | None = None
    reason: SkipReason | None = None
    problem: ImapProblem | None = None
    detail: str = ""
    username: str | None = None
    certificate: Certificate | None = None
    timeout: float = DEFAULT_TIMEOUT
    mechanism: str | None = None  # how it logged in: LOGIN, OAUTHBEARER or XOAUTH2
    server: IncomingServer | None = None  # the account's incoming server, for its profile


class SkipReason(StrEnum):
    """Why arrival was not checked."""

    NO_SERVER = "no-incoming-server"
    UNTRUSTED = "untrusted-server"  # found only in DNS or by guessing, and not accepted
    # in another domain than the address's and the outgoing server's, reached unvouched
    FOREIGN_DOMAIN = "foreign-server"
    NOT_REQUESTED = "not-requested"  # --no-confirm
    OTHER_RECIPIENT = "other-recipient"  # the test went elsewhere; no bounce came back
    NOT_SENT = "not-sent"  # the test send failed: nothing to look for
    SIGNED_IN_FOR_SENDING = "signed-in-for-sending"  # the OAuth2 token's scope: sending only
