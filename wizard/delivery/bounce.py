"""Recognising a bounce of the test message: an RFC 3464 delivery status notification.

A DSN is a ``multipart/report; report-type=delivery-status`` message whose
``message/delivery-status`` part holds one block about the message and one per recipient
(RFC 3464 section 2), beside the returned message or its headers. It is matched to the test
message by the ``Message-ID`` of that returned copy, or by the envelope ID the test was sent
with (RFC 3461 ENVID), which the DSN quotes as ``Original-Envelope-Id`` even when it returns
nothing of the message; never by its subject or sender, which any message can imitate. The
email package parses it; nothing here reads text by pattern.
"""

from __future__ import annotations

import email.policy
from dataclasses import dataclass
from email.message import EmailMessage, Message
from email.parser import BytesParser

# A DSN is a few KiB; a candidate larger than this is not fetched, let alone parsed.
MAX_DSN_BYTES = 512 * 1024


@dataclass(frozen=True)
class Bounce:
    """What a DSN says about the test message, for one recipient."""

    action: str  # failed, delayed, delivered, relayed, expanded (RFC 3464 2.3.3)
    status: str | None  # the enhanced status code, e.g. "5.1.1"
    recipient: str | None  # Final-Recipient, without its "rfc822;" type
    remote_mta: str | None  # the server that refused, if it said so
    diagnostic: str | None  # that server's own words, e.g. "smtp; 550 5.1.1 No such user"
    reporting_mta: str | None  # the server that wrote the DSN
    envelope_id: str | None = None  # the ENVID it quoted (Original-Envelope-Id), if any

    @property
    def failed(self) -> bool:
        return self.action == "failed"


def read_bounce(raw: bytes, message_id: str, envelope_id: str | None = None) -> Bounce | None:
    """The bounce ``raw`` reports for the message ``message_id`` (sent with the envelope ID
    ``envelope_id``, when it was), or None if ``raw`` is not a DSN about it."""
    report = BytesParser(policy=email.policy.default).parsebytes(raw)
    assert isinstance(report, EmailMessage)  # what the default policy makes
    if report.get_content_type() != "multipart/report":
        return None
    if str(report.get_param("report-type", "")).lower() != "delivery-status":
        return None
    status_blocks: list[Message] = []
    returned_ids: list[str] = []
    for part in report.iter_parts():
        kind = part.get_content_type()
        if kind == "message/delivery-status":
            status_blocks = [block for block in part.get_payload() if isinstance(block, Message)]
        elif kind in ("message/rfc822", "text/rfc822-headers", "message/rfc822-headers"):
            returned_ids.extend(_returned_message_ids(part))
    if len(status_blocks) < 2:
        return None
    per_message, recipients = status_blocks[0], status_blocks[1:]
    quoted = _from_xtext(_field(per_message, "Original-Envelope-Id"))
    by_envelope = envelope_id is not None and quoted == envelope_id
    if not by_envelope and _normal(message_id) not in {_normal(i) for i in returned_ids}:
        return None
    worst = next((r for r in recipients if _field(r, "Action") == "failed"), recipients[0])
    return Bounce(
        action=(_field(worst, "Action") or "").lower(),
        status=_field(worst, "Status"),
        recipient=_typed(_field(worst, "Final-Recipient")),
        remote_mta=_typed(_field(worst, "Remote-MTA")),
        diagnostic=_field(worst, "Diagnostic-Code"),
        reporting_mta=_typed(_field(per_message, "Reporting-MTA")),
        envelope_id=quoted,
    )


def _returned_message_ids(part: Message) -> list[str]:
    """The Message-IDs of the copy (or headers) a DSN returns."""
    payload = part.get_payload()
    if isinstance(payload, list):  # message/rfc822: the parsed copy
        return [str(m["Message-ID"]) for m in payload if isinstance(m, Message) and m["Message-ID"]]
    if isinstance(payload, str):  # text/rfc822-headers: a header block as text
        headers = BytesParser(policy=email.policy.default).parsebytes(
            payload.encode("utf-8", "replace"), headersonly=True
        )
        return [str(headers["Message-ID"])] if headers["Message-ID"] else []
    return []


def _field(block: Message, name: str) -> str | None:
    value = block.get(name)
    return " ".join(str(value).split()) if value else None


def _typed(value: str | None) -> str | None:
    """A DSN field without its type, e.g. ``rfc822; bob@example.com`` -> ``bob@example.com``."""
    if value is None:
        return None
    _, semicolon, rest = value.partition(";")
    return rest.strip() if semicolon else value


def _from_xtext(value: str | None) -> str | None:
    """An RFC 3461 xtext value as text: ``+XX`` is the byte XX."""
    if value is None:
        return None
    first, *rest = value.split("+")
    decoded = [first]
    for piece in rest:
        code = piece[:2]
        if len(code) == 2 and all(c in "0123456789ABCDEFabcdef" for c in code):
            decoded.append(chr(int(code, 16)) + piece[2:])
        else:  # not xtext after all: as it was
            decoded.append("+" + piece)
    return "".join(decoded)


def _normal(message_id: str) -> str:
    return message_id.strip().strip("<>").lower()
