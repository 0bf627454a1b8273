"""What the user has entered and the engine has learned so far, shared by the wizard's pages.

Nothing here is written anywhere: the account is stored only when the user accepts the last
page. The wizard owns one ``Draft`` and hands it to each page (no global state).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from wizard.accounts import accepted_username, pin_to_keep
from wizard.address import EmailAddress
from wizard.model import Candidate, DetectionResult, Security, ServerConfig
from wizard.smtp.send import SendSettings, TestOutcome

if TYPE_CHECKING:
    from wizard.oauth.results import SignedIn
    from wizard.presets import Preset
    from wizard.profiles import IncomingServer


@dataclass(frozen=True)
class ServerChoice:
    """The outgoing-server settings as they stand on the settings page."""

    host: str
    port: int
    security: Security
    username: str
    auth_method: str
    origin: Candidate | None  # the detected candidate they match, None if typed by the user
    allow_plaintext: bool = False  # the user ticked "Yes, send without encryption"
    trusted_domain: str | None = None  # the user ticked "Yes, send my password to" this domain

    @property
    def endpoint(self) -> tuple[str, int, Security]:
        return (self.host, self.port, self.security)

    @property
    def config(self) -> ServerConfig | None:
        return self.origin.config if self.origin else None


@dataclass(frozen=True)
class TestPassed:
    """A test that went through, and exactly what it tested: the settings, the sender's
    address and the password, with its outcome (the login, mechanism and certificate that
    worked), and when.

    It vouches for nothing else: ``Draft.tested`` ignores it once any of the tested things
    differs from what is entered now, and the account is stored from it
    (``wizard.accounts.profile_from_test``), not from the fields.
    """

    choice: ServerChoice
    address: EmailAddress
    # The password, or the OAuth2 sign-in, tested: a second reference to the draft's.
    password: str | SignedIn = field(repr=False)
    settings: SendSettings
    outcome: TestOutcome
    when: datetime
    incoming: IncomingServer | None = None  # found by the delivery confirmation afterwards

    __test__ = False  # not a pytest test class, whatever its name

    @property
    def username(self) -> str:
        """The login the server accepted, which may not be the one entered."""
        return accepted_username(self.settings, self.outcome)

    @property
    def recipient(self) -> str:
        return self.settings.recipient or self.settings.address

    @property
    def pinned_sha256(self) -> str | None:
        """The pin the account keeps: only when the certificate the test saw did not verify."""
        return pin_to_keep(self.settings, self.outcome)

    @property
    def signed_in(self) -> SignedIn | None:
        """The OAuth2 sign-in tested, None when a password was."""
        return None if isinstance(self.password, str) else self.password


class SearchEnd(Enum):
    """How the search for settings ended, which decides what the settings page says."""

    FINISHED = "finished"  # it ran to its end (found something or not)
    STOPPED = "stopped"  # the user pressed Stop
    MANUAL = "manual"  # the user chose "Set up manually"


class Draft(QObject):
    """The wizard's working state. The password is kept in one place and mirrored to every
    field that shows it (the first page and the test page), through ``password_changed``.

    An account that signs in with OAuth2 has ``signed_in`` instead, from the test page's
    sign-in; ``secret`` is whichever of the two the account logs in with."""

    password_changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.display_name = ""
        self.address: EmailAddress | None = None
        self._password = ""
        self.detection: DetectionResult | None = None
        self.search_end = SearchEnd.FINISHED
        self.choice: ServerChoice | None = None
        self.pinned_sha256: str | None = None  # a certificate the user chose to trust
        self.passed: TestPassed | None = None
        self.signed_in: SignedIn | None = None  # an OAuth2 sign-in, in place of the password
        self.preset: Preset | None = None  # the organisation's, for the address (settings page)

    @property
    def password(self) -> str:
        return self._password

    @property
    def secret(self) -> str | SignedIn:
        return self.signed_in if self.signed_in is not None else self._password

    def tested(self) -> TestPassed | None:
        """The passed test, if it tested exactly the settings, address and password (or
        sign-in) entered now; ``None`` when there was none or anything has changed since
        (test again)."""
        passed = self.passed
        if passed is None:
            return None
        now = (self.choice, self.address, self.secret)
        return passed if (passed.choice, passed.address, passed.password) == now else None

    def set_password(self, password: str) -> None:
        if password != self._password:
            self._password = password
            self.password_changed.emit(password)
