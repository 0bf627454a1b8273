"""Confirming delivery right after a test send: the rules the command line and the wizard share.

Arrival is looked for only after a test message was accepted, only at an incoming server that
answered before any login, and only where that server may be trusted with the password as far
as the outgoing one was: it comes from a trusted source, or it is the outgoing server's own host,
or the user accepted untrusted settings. Whatever its source, a server in another domain that
detection reached through a step nobody vouched for (a redirect, DNS) is never sent the
password, unless it is in the outgoing server's own domain, which the user chose or confirmed
by name: a yes to the outgoing server's settings is not a yes to a server never shown. An
incoming server the account profile keeps passed those rules when it was stored, and is used
as it is. An OAuth2 token logs in only if its scope reaches the mailbox. Otherwise the result
says why it was skipped.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wizard.delivery.confirm import Watch, confirm_delivery
from wizard.delivery.result import DeliveryResult, DeliveryStatus, SkipReason
from wizard.imap.errors import ImapSettings
from wizard.model import Trust
from wizard.profiles import IncomingServer
from wizard.smtp.sasl import Bearer

if TYPE_CHECKING:
    from collections.abc import Callable

    from wizard.model import DetectionResult, ServerConfig
    from wizard.smtp.send import SendSettings, TestOutcome


@dataclass(frozen=True)
class AfterSend:
    """A test send that went through, and what its confirmation may use."""

    settings: SendSettings
    outcome: TestOutcome
    # A token reads the mailbox only if its scope says so (``Bearer.mailbox``). Never shown.
    password: str | Bearer = field(repr=False)
    sent_at: float  # time.monotonic() just before the send
    timeout: float
    keep: bool = False  # leave the test message in the mailbox
    accepted_untrusted: bool = False  # the user said yes to settings from an untrusted source


def usable_incoming(
    incoming: DetectionResult | None, settings: SendSettings, *, accepted_untrusted: bool
) -> IncomingServer | SkipReason:
    """The detected incoming server the password may go to, as the account profile keeps it,
    or why there is none: it must have answered, not be in a foreign domain reached unvouched,
    and be trusted, or the outgoing server's own host, or ``accepted_untrusted``."""
    best = incoming.best if incoming is not None else None
    if best is None or best.probe is None or not best.probe.reachable:
        return SkipReason.NO_SERVER
    config = best.config
    if _foreign(config, settings.host):
        return SkipReason.FOREIGN_DOMAIN
    if not (config.trust is Trust.TRUSTED or config.host == settings.host or accepted_untrusted):
        return SkipReason.UNTRUSTED
    username = config.username if config.username != settings.address else None
    return IncomingServer(config.host, config.port, config.security, username or None)


def _foreign(config: ServerConfig, outgoing_host: str) -> bool:
    """Whether ``config``'s server is in another domain, reached unvouched, and not in the
    outgoing server's domain."""
    link = config.link
    if link is None or link.vouched:
        return False
    from wizard.discovery.links import base_domain  # the public suffix list: only if needed

    return link.server_domain != base_domain(outgoing_host)


def incoming_server(
    send: AfterSend, incoming: DetectionResult | IncomingServer | None
) -> ImapSettings | SkipReason:
    """The incoming server to log in to, or why there is none to use. ``incoming`` is what
    detection found, or the server the account profile keeps."""
    if not send.outcome.ok or send.outcome.message_id is None:
        return SkipReason.NOT_SENT
    server = _server(send, incoming)
    if isinstance(server, SkipReason):
        return server
    if isinstance(send.password, Bearer) and not send.password.mailbox:
        return SkipReason.SIGNED_IN_FOR_SENDING
    settings = send.settings
    return ImapSettings(
        server.host,
        server.port,
        server.security,
        server.username or settings.address,
        settings.pinned_sha256,
        settings.pins_for(server.host),
    )


async def confirm_after_send(
    send: AfterSend,
    incoming: DetectionResult | IncomingServer | None,
    *,
    on_waiting: Callable[[ImapSettings], None] | None = None,
) -> DeliveryResult:
    """Watch for the test message (or, when it went to somebody else, a bounce), or say why
    not; ``on_waiting`` hears which server is watched once the wait begins. The result names
    the incoming server found for the account (``server``), even when it was not logged in to,
    for the account profile to keep."""
    found = _server(send, incoming)
    server = found if isinstance(found, IncomingServer) else None
    imap = incoming_server(send, incoming)
    if isinstance(imap, SkipReason):
        return DeliveryResult(
            DeliveryStatus.SKIPPED, reason=imap, timeout=send.timeout, server=server
        )
    if on_waiting is not None:
        on_waiting(imap)
    settings, outcome = send.settings, send.outcome
    assert outcome.message_id is not None  # incoming_server checked it
    recipient = settings.recipient
    watch = Watch(
        outcome.message_id,
        own_mailbox=recipient is None or recipient == settings.address,
        timeout=send.timeout,
        keep=send.keep,
        sent_at=send.sent_at,
        envelope_id=outcome.envelope_id,
    )
    logins = tuple(name for name in (outcome.username, settings.address) if name)
    result = await confirm_delivery(imap, send.password, watch, usernames=logins)
    return dataclasses.replace(result, server=server)


def _server(
    send: AfterSend, incoming: DetectionResult | IncomingServer | None
) -> IncomingServer | SkipReason:
    if isinstance(incoming, IncomingServer):
        return incoming
    return usable_incoming(incoming, send.settings, accepted_untrusted=send.accepted_untrusted)
