"""Sending a message through a set-up account: ``email-setup-wizard send`` without the CLI.

The account is the one the user named (``--account``), else the envelope sender (``-f``), else
the message's From address, else the only account set up. Its stored settings are used as the
last successful test left them, under the test's own rules (``wizard.smtp.send``): the security
it states, the pinned certificate if any, one login with the stored username, and no message
unless every recipient is accepted. Nothing is queued: a failure is reported to the caller,
which still has the message.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from email.utils import getaddresses
from typing import TYPE_CHECKING

from wizard.accounts import settings_for, stored_secret
from wizard.address import parse_address
from wizard.outbound.errors import MessageError, MessageProblem, SendError, SendProblem
from wizard.outbound.message import finish, read_header, unique
from wizard.smtp.envelope import Envelope

if TYPE_CHECKING:
    from wizard.address import EmailAddress
    from wizard.profiles import AccountProfile, ProfileStore
    from wizard.smtp.send import SendSettings, TestOutcome

# What ``-f`` says for the null reverse-path (bounces and auto-replies).
_NULL_SENDERS = ("", "<>")


@dataclass(frozen=True)
class SendRequest:
    """What the caller asked for, as sendmail's options say it."""

    content: bytes  # the message, as read
    recipients: tuple[str, ...] = ()  # from the command line; each may list several
    read_recipients: bool = False  # -t: To, Cc and Bcc of the header too
    envelope_sender: str | None = None  # -f; "" or "<>" for the null sender
    account: str | None = None  # --account
    full_name: str | None = None  # -F: the name for a From field that has to be added


@dataclass(frozen=True)
class Submission:
    """A message ready to go through ``profile``'s server."""

    profile: AccountProfile
    envelope: Envelope
    message_id: str


def prepare(store: ProfileStore, request: SendRequest) -> Submission:
    """Choose the account and make the message ready. Raises ``SendError`` (no account),
    ``MessageError`` (the message's addresses), ``InvalidAddressError`` (an address given on
    the command line), ``ProfileError`` (the account file)."""
    header = read_header(request.content)
    recipients = [parse_address(text) for text in _split(request.recipients)]
    if request.read_recipients:
        recipients += header.recipients
    if not recipients:
        raise MessageError(MessageProblem.NO_RECIPIENTS)
    profile = _choose(store, request, header.sender)
    sender = parse_address(profile.address)
    content, message_id = finish(
        request.content,
        sender=sender,
        display_name=profile.display_name if request.full_name is None else request.full_name,
    )
    envelope = Envelope(
        _envelope_sender(request.envelope_sender, sender),
        tuple(address.address for address in unique(recipients)),
        content,
    )
    return Submission(profile, envelope, message_id)


async def deliver(submission: Submission, *, limit: float | None = None) -> TestOutcome:
    """Send ``submission`` with the account's secret from the keychain; never raises for a
    failed send (the outcome says why, ``OUT_OF_TIME`` after ``limit`` seconds, by default
    the test send's ``SEND_LIMIT``). ``PresetRefusedError`` when the organisation's preset
    does not allow the account, ``SendError(NO_SECRET)`` when there is no secret,
    ``KeychainError`` when the keychain cannot be used, ``OAuthError`` when an OAuth2
    account's sign-in cannot be refreshed."""
    # The SMTP client and the sign-in: only once there is mail.
    from wizard.oauth.signin import fresh_access
    from wizard.smtp.send import SEND_LIMIT, Bearer, submit_message

    profile = submission.profile
    # Before the keychain is asked or a token refreshed: an account the organisation's preset
    # does not allow (any more) sends nothing.
    settings = await asyncio.to_thread(_allowed_settings, profile)
    stored = await asyncio.to_thread(stored_secret, profile)
    if stored is None:
        raise SendError(SendProblem.NO_SECRET, profile.address)
    secret: str | Bearer = stored
    if profile.oauth is not None:  # the stored secret is a refresh token: never sent as such
        secret = Bearer((await fresh_access(profile)).access_token)
    return await submit_message(
        settings,
        secret,
        submission.envelope,
        message_id=submission.message_id,
        limit=SEND_LIMIT if limit is None else limit,
    )


def _allowed_settings(profile: AccountProfile) -> SendSettings:
    """The account's settings as its organisation's preset (if any) allows them, held to its
    mechanisms and pinned certificates; ``PresetRefusedError`` for a stored account that breaks
    its locks, its policy or its sign-in methods. Blocking (disk)."""
    from wizard.presets_rules import enforce, preset_for

    address = parse_address(profile.address)
    oauth2 = profile.oauth is not None
    return enforce(preset_for(address), address, settings_for(profile), oauth2=oauth2)


def _choose(
    store: ProfileStore, request: SendRequest, header_sender: EmailAddress | None
) -> AccountProfile:
    named = request.account or (
        None if request.envelope_sender in (None, *_NULL_SENDERS) else request.envelope_sender
    )
    wanted = parse_address(named).address if named else None
    if wanted is None and header_sender is not None:
        wanted = header_sender.address
    if wanted is not None:
        profile = store.get(wanted)
        if profile is None:
            raise SendError(SendProblem.NO_ACCOUNT, wanted)
        return profile
    profiles = store.load()
    if len(profiles) == 1:
        return profiles[0]
    raise SendError(SendProblem.WHICH_ACCOUNT if profiles else SendProblem.NO_ACCOUNTS)


def _envelope_sender(given: str | None, account: EmailAddress) -> str:
    if given is None:
        return account.address
    if given.strip() in _NULL_SENDERS:
        return ""
    return parse_address(given).address


def _split(arguments: tuple[str, ...]) -> list[str]:
    """Recipients as sendmail takes them: one or several per argument, with or without names
    (``"Bob <bob@example.com>, carol@example.com"``). An argument nothing can be read from is
    kept as it is, so that checking it says what is wrong rather than dropping it."""
    texts: list[str] = []
    for argument in arguments:
        found = [address for _, address in getaddresses([argument]) if address]
        texts += found or ([argument.strip()] if argument.strip() else [])
    return texts
