"""Did the test message arrive? Watch the mailbox over IMAP, then say where and what the
receiving server thought of it, and tidy up.

After a test send to the user's own address, the confirmation logs in to the incoming server
with the same credentials (the password, or the OAuth2 access token when its scope reaches the
mailbox), and looks in INBOX and in the Junk folder (SPECIAL-USE, RFC 6154,
or the usual names) for the test message's Message-ID. It waits with IDLE where the server
offers it, so an arrival is seen at once, and otherwise asks again after growing pauses; at
most ``timeout`` seconds, and cancelling stops it at once. A bounce (a delivery status
notification about the test message, matched by its Message-ID or by the envelope ID it was
sent with) ends the wait too. When the test went to somebody else, only a bounce can be
watched for.

It touches nothing but the test message: folders are opened read-only (EXAMINE) to look, and
read-write only to remove the test message, which goes to the Trash (MOVE), or is flagged
deleted and expunged by its UID alone (UIDPLUS). Where neither is possible it is left where it
is, because a plain EXPUNGE would also erase other messages the user marked deleted. The
session never closes a folder (CLOSE expunges) and never changes another message's flags.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email import policy
from email.message import Message
from email.parser import BytesHeaderParser

from imapclient.exceptions import IMAPClientError
from imapclient.imapclient import DELETED, JUNK, TRASH

from wizard.delivery.authresults import read_verdict
from wizard.delivery.bounce import MAX_DSN_BYTES, Bounce, read_bounce
from wizard.delivery.result import (
    DEFAULT_TIMEOUT,
    DeliveryResult,
    DeliveryStatus,
    Removal,
    SkipReason,
)
from wizard.imap.errors import ImapError, ImapSettings
from wizard.imap.session import ImapSession, ImapTimeouts
from wizard.model import Certificate
from wizard.smtp.sasl import Bearer

# Pauses between looks: short at first (most mail arrives within seconds), then gentler on
# the server. With IDLE a pause ends early as soon as INBOX changes.
PAUSES = (1.0, 2.0, 3.0, 5.0, 8.0, 10.0)
INBOX = "INBOX"


@dataclass(frozen=True)
class Watch:
    """What to look for: the test message's Message-ID; whether it went to the user's own
    mailbox (else only a bounce can be seen); how long; and whether to keep it.
    ``envelope_id``: the RFC 3461 ENVID it was sent with, which a bounce quotes."""

    message_id: str
    own_mailbox: bool = True
    timeout: float = DEFAULT_TIMEOUT
    keep: bool = False
    sent_at: float = field(default_factory=time.monotonic)  # time.monotonic() at the send
    sent_on: date = field(default_factory=lambda: datetime.now(UTC).date())
    envelope_id: str | None = None


async def confirm_delivery(
    settings: ImapSettings,
    password: str | Bearer,
    watch: Watch,
    *,
    usernames: tuple[str, ...] = (),
    timeouts: ImapTimeouts | None = None,
) -> DeliveryResult:
    """Watch the mailbox for the test message; never raises for a failed confirmation.

    ``usernames`` (the login the outgoing server accepted, the address) are tried after
    ``settings.username`` with a password; an OAuth2 token (``Bearer``) belongs to the first
    of them, and is tried with it alone. Cancelling stops at once and hangs up.
    """
    names = (*usernames, settings.username)
    if not isinstance(password, Bearer):
        names = (settings.username, *usernames)
    logins = tuple(dict.fromkeys(name for name in names if name))
    try:
        session = await ImapSession.connect(settings, timeouts or ImapTimeouts())
    except ImapError as err:
        return _failed(err, watch)
    try:
        username = await session.login(logins, password)
        result = await _Looker(session, watch).run()
    except ImapError as err:
        session.hang_up()
        return _failed(err, watch, certificate=session.certificate)
    except BaseException:  # cancelled: hang up at once, no goodbye
        session.hang_up()
        raise
    await session.close()
    return dataclasses.replace(
        result, username=username, certificate=session.certificate, mechanism=session.mechanism
    )


@dataclass
class _Found:
    folder: str
    uid: int
    headers: Message


class _Looker:
    """The watch itself, on a logged-in session."""

    def __init__(self, session: ImapSession, watch: Watch) -> None:
        self.session = session
        self.client = session.client
        self.watch = watch
        self.deadline = watch.sent_at + watch.timeout
        self.junk: str | None = None
        self.checked_reports: set[tuple[str, int]] = set()
        self.bounce: Bounce | None = None

    async def run(self) -> DeliveryResult:
        self.junk = await self.session.call(self.client.find_special_folder, JUNK)
        pauses = iter(PAUSES)
        while True:
            found = await self._look()
            if found is not None:
                seconds = time.monotonic() - self.watch.sent_at
                return await self._arrived(found, seconds)
            if self.bounce is not None and self.bounce.failed:
                break
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                break
            await self._pause(min(next(pauses, PAUSES[-1]), remaining))
        if self.bounce is not None:
            return DeliveryResult(
                DeliveryStatus.NOT_ARRIVED,
                seconds=time.monotonic() - self.watch.sent_at,
                bounce=self.bounce,
                timeout=self.watch.timeout,
            )
        if not self.watch.own_mailbox:
            return DeliveryResult(
                DeliveryStatus.SKIPPED,
                reason=SkipReason.OTHER_RECIPIENT,
                timeout=self.watch.timeout,
            )
        return DeliveryResult(
            DeliveryStatus.NOT_ARRIVED, seconds=self.watch.timeout, timeout=self.watch.timeout
        )

    def _folders(self) -> list[str]:
        return [INBOX] + ([self.junk] if self.junk and self.junk != INBOX else [])

    async def _look(self) -> _Found | None:
        """One look into each folder, read-only: the test message, and bounces about it."""
        since = (self.watch.sent_on - timedelta(days=1)).strftime("%d-%b-%Y")
        for folder in self._folders():
            await self.session.call(self.client.select_folder, folder, True)  # EXAMINE
            if self.watch.own_mailbox:
                uids = await self._search(
                    ["SINCE", since, "HEADER", "Message-ID", self.watch.message_id]
                )
                if uids:
                    headers = await self._headers(uids[0])
                    return _Found(folder, uids[0], headers)
            reports = await self._search(
                ["SINCE", since, "HEADER", "Content-Type", "delivery-status"]
            )
            for uid in reports:
                if (folder, uid) not in self.checked_reports:
                    self.checked_reports.add((folder, uid))
                    self.bounce = await self._bounce(uid) or self.bounce
        return None

    async def _search(self, criteria: list[str]) -> list[int]:
        try:
            found = await self.session.call(self.client.search, criteria)
        except IMAPClientError:
            return []  # a server that cannot search so is no reason to stop looking
        return sorted(int(uid) for uid in found)

    async def _headers(self, uid: int) -> Message:
        fetched = await self.session.call(self.client.fetch, [uid], ["BODY.PEEK[HEADER]"])
        raw = fetched.get(uid, {}).get(b"BODY[HEADER]", b"")
        return BytesHeaderParser(policy=policy.default).parsebytes(raw)

    async def _bounce(self, uid: int) -> Bounce | None:
        sizes = await self.session.call(self.client.fetch, [uid], ["RFC822.SIZE"])
        if int(sizes.get(uid, {}).get(b"RFC822.SIZE", MAX_DSN_BYTES + 1)) > MAX_DSN_BYTES:
            return None
        fetched = await self.session.call(self.client.fetch, [uid], ["BODY.PEEK[]"])
        raw = fetched.get(uid, {}).get(b"BODY[]", b"")
        return read_bounce(raw, self.watch.message_id, self.watch.envelope_id)

    async def _pause(self, seconds: float) -> None:
        """Wait ``seconds``; with IDLE, on INBOX, ending as soon as something changes there."""
        if not self.session.offers("IDLE"):
            await asyncio.sleep(seconds)
            return
        await self.session.call(self.client.select_folder, INBOX, True)
        await self.session.call(self.client.idle)
        # Interrupted (cancelled, hung up), the session is over anyway: no DONE to send.
        await self.session.call(self.client.idle_check, seconds)
        await self.session.call(self.client.idle_done)

    async def _arrived(self, found: _Found, seconds: float) -> DeliveryResult:
        status = DeliveryStatus.INBOX if found.folder == INBOX else DeliveryStatus.JUNK
        removal = Removal.KEPT if self.watch.keep else await self._remove(found)
        return DeliveryResult(
            status,
            folder=found.folder,
            seconds=seconds,
            verdict=read_verdict(found.headers),
            bounce=self.bounce,
            removal=removal,
            timeout=self.watch.timeout,
        )

    async def _remove(self, found: _Found) -> Removal:
        """Move the test message to the Trash, or delete it by its UID alone; or leave it."""
        trash = await self.session.call(self.client.find_special_folder, TRASH)
        can_move = trash is not None and trash != found.folder and self.session.offers("MOVE")
        uidplus = self.session.offers("UIDPLUS")
        if not (can_move or uidplus):
            return Removal.LEFT
        await self.session.call(self.client.select_folder, found.folder, False)  # read-write
        if can_move:
            await self.session.call(self.client.move, [found.uid], trash)
            return Removal.TRASH
        await self.session.call(self.client.add_flags, [found.uid], [DELETED], True)
        await self.session.call(self.client.uid_expunge, [found.uid])
        return Removal.DELETED


def _failed(err: ImapError, watch: Watch, certificate: Certificate | None = None) -> DeliveryResult:
    return DeliveryResult(
        DeliveryStatus.ERROR,
        problem=err.problem,
        detail=err.detail,
        certificate=err.certificate or certificate,
        timeout=watch.timeout,
    )
