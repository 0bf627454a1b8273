"""What can stop the delivery confirmation's IMAP session, and its settings: plain data, so
that the messages and the GUI need not load the IMAP client to speak of them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from wizard.errors import WizardError
from wizard.model import Certificate, Security


class ImapProblem(StrEnum):
    """Why the confirmation could not look into the mailbox."""

    UNREACHABLE = "unreachable"  # no connection, or no greeting
    NOT_ENCRYPTED = "not-encrypted"  # the settings say no encryption: no login
    NO_STARTTLS = "no-starttls"  # STARTTLS expected but not offered: no login
    CERTIFICATE = "certificate"  # the certificate did not verify (and is not the pinned one)
    NOT_PINNED = "not-pinned"  # the organisation pinned the server's certificates: not this one
    TLS_FAILED = "tls-failed"
    LOGIN_REFUSED = "login-refused"
    LOGIN_DISABLED = "login-disabled"  # the server allows no password login here
    # Neither OAUTHBEARER nor XOAUTH2 offered, for an OAuth2 token:
    NO_TOKEN_LOGIN = "no-token-login"  # noqa: S105 (a message id)
    # The token was not accepted (the server's JSON error in detail):
    TOKEN_REFUSED = "token-refused"  # noqa: S105 (a message id)
    CONNECTION_LOST = "connection-lost"  # hung up or stopped answering once logged in


class ImapError(WizardError):
    """The IMAP conversation ended early; ``problem`` says why, ``detail`` is technical."""

    def __init__(
        self, problem: ImapProblem, detail: str = "", certificate: Certificate | None = None
    ) -> None:
        super().__init__(f"{problem.value}: {detail}" if detail else problem.value)
        self.problem = problem
        self.detail = detail
        self.certificate = certificate


@dataclass(frozen=True)
class ImapSettings:
    host: str
    port: int
    security: Security
    username: str
    pinned_sha256: str | None = None  # a certificate the user accepted for the outgoing server
    # The organisation's pinned certificates for this server: the only ones accepted here.
    organisation_pins: tuple[str, ...] = ()
