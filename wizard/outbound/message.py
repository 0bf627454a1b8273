"""The message a program hands ``email-setup-wizard send`` on standard input, made ready to go.

The message is passed on as it came, byte for byte, except for its header, where sendmail's
rules apply:

- ``Bcc`` (and ``Resent-Bcc``) is removed, always: blind copies must never show;
- ``From``, ``Date`` and ``Message-ID`` are added when missing, as every MTA does for a message
  submitted without them; for a message being resent (it has ``Resent-*`` fields, RFC 5322
  3.6.6) these are ``Resent-From``, ``Resent-Date`` and ``Resent-Message-ID`` instead, put
  with the newest resent block, since the original's own fields must stay as they were;
- a leading mbox separator line (``From alice@example.com Mon ...``, as in a ``git
  format-patch`` file) is dropped: it is not a header field and no server wants it.

With ``-t``, a resent message goes to ``Resent-To``, ``Resent-Cc`` and ``Resent-Bcc``, not to the
original's To, Cc and Bcc (who already have it), as with sendmail and Postfix; its
``Resent-From`` chooses the account. Each resending prepends its own block of ``Resent-*``
fields, each name at most once (RFC 5322 3.6, 3.6.6): only the first block is this sending's,
so that, unlike sendmail, resending a resent message does not send it again to those who had
it the last time.

Standard input is read only up to ``MAX_MESSAGE_BYTES``: past it the sender stops reading and
refuses, so that a runaway producer cannot make it hold more than that in memory.

The body is never rewritten here: patches and signed messages must arrive exactly as they were
written. Reading the header uses the ``email`` package; editing it works on the raw lines, so
that what is kept is kept exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.errors import InvalidHeaderDefect
from email.headerregistry import Address as HeaderAddress
from email.parser import HeaderParser
from email.policy import compat32
from email.policy import default as default_policy
from email.utils import formataddr, formatdate, make_msgid
from typing import TYPE_CHECKING, Any, BinaryIO

from wizard.address import parse_address
from wizard.errors import InvalidAddressError
from wizard.outbound.errors import MessageError, MessageProblem

if TYPE_CHECKING:
    from wizard.address import EmailAddress

# A header field's first line: a name of printable ASCII without ":" or space, then ":".
_FIELD = re.compile(rb"[!-9;-~]+[ \t]*:")
_MBOX_SEPARATOR = b"From "
_HIDDEN = frozenset({b"bcc", b"resent-bcc"})
_RECIPIENT_FIELDS = ("To", "Cc", "Bcc")
_RESENT = "resent-"
_LONE_DOTS = (b".\n", b".\r\n", b".")  # the last: at the very end of the input
# The largest message ``send`` takes. Providers refuse far smaller ones (25 MB is common, a
# few take 150 MB); the message is held in memory, with copies made for the wire, so the cap
# keeps a runaway producer from exhausting it.
MAX_MESSAGE_BYTES = 64 * 1024 * 1024
_CHUNK = 1024 * 1024  # read at a time with -i


@dataclass(frozen=True)
class Header:
    """What the message's header says about addresses (before anything is changed)."""

    sender: EmailAddress | None  # the first From address (of a resent message: Resent-From)
    recipients: tuple[EmailAddress, ...]  # To, Cc and Bcc (or Resent-*), in order, no repeats


def read_input(stream: BinaryIO, *, to_end_of_input: bool, limit: int = MAX_MESSAGE_BYTES) -> bytes:
    """The message on ``stream``: to its end (``-i``), or up to a line holding a single ``.``,
    where sendmail without ``-i`` stops. ``MessageError(TOO_LARGE)`` once more than ``limit``
    bytes came, without reading further."""
    # One buffer, not a list of lines: a million short lines would cost far more than their
    # bytes (a Python object each).
    data = bytearray()
    while len(data) <= limit:
        # Room for a whole ".\r\n" even at the limit, so that a longer line read in part is
        # never taken for the lone dot.
        room = limit - len(data) + len(b".\r\n")
        if to_end_of_input:
            piece = stream.read(min(room, _CHUNK))
        else:
            piece = stream.readline(room)
            if piece in _LONE_DOTS:
                break
        if not piece:
            break
        data += piece
    if len(data) > limit:
        raise MessageError(MessageProblem.TOO_LARGE, f"{limit // (1024 * 1024)} MiB")
    return bytes(data)


def read_header(content: bytes) -> Header:
    """The From and recipient addresses of ``content`` (those of its newest resent block, if
    it has one); ``MessageError`` for one that is not an address. Group syntax
    (``undisclosed-recipients:;``) counts as no address."""
    head, _, _ = _split(_without_separator(content))
    # Header text is UTF-8 where it is not ASCII (RFC 6532); the bytes parser would read it
    # as ASCII with escapes instead, and addresses would come out mangled.
    parsed = HeaderParser(policy=compat32).parsestr(head.decode("utf-8", "replace"))
    fields = parsed.items()
    start, end = _resent_block([name.lower() for name, _ in fields])
    if start == end:
        senders = _addresses(fields, "From", MessageProblem.BAD_SENDER)
        recipients = [
            address
            for name in _RECIPIENT_FIELDS
            for address in _addresses(fields, name, MessageProblem.BAD_RECIPIENT)
        ]
        return Header(senders[0] if senders else None, unique(recipients))
    block = fields[start:end]
    resenders = _addresses(block, "Resent-From", MessageProblem.BAD_RESENT_SENDER)
    senders = resenders or _addresses(fields, "From", MessageProblem.BAD_SENDER)
    resent_to = [
        address
        for name in _RECIPIENT_FIELDS
        for address in _addresses(block, "Resent-" + name, MessageProblem.BAD_RESENT_RECIPIENT)
    ]
    return Header(senders[0] if senders else None, unique(resent_to))


def finish(
    content: bytes, *, sender: EmailAddress, display_name: str, now: float | None = None
) -> tuple[bytes, str]:
    """``content`` ready for the server, and its Message-ID (the one it had, or a new one;
    of a resent message, its Resent-Message-ID).

    ``sender`` and ``display_name`` make the From field when there is none; a new Message-ID
    is in the sender's domain. A resent message gets the missing Resent- fields instead, at
    the end of its newest resent block.
    """
    head, eol, body = _split(_without_separator(content))
    fields = [field for field in _fields(head) if _name(field) not in _HIDDEN]
    start, end = _resent_block([_name(field).decode("ascii", "replace") for field in fields])
    prefix = b"resent-" if start < end else b""
    own = fields[start:end] if prefix else fields  # the fields of this sending
    present = {_name(field) for field in own}
    added: list[bytes] = []
    if prefix + b"from" not in present:
        added.append(b"From: " + mailbox(display_name, sender.address).encode())
    if prefix + b"date" not in present:
        added.append(b"Date: " + formatdate(now, localtime=True).encode())
    message_id = _message_id(own, prefix + b"message-id")
    if message_id is None:
        message_id = make_msgid(domain=sender.domain)
        added.append(b"Message-ID: " + message_id.encode())
    new = [(b"Resent-" if prefix else b"") + line + eol for line in added]
    place = end if prefix else len(fields)
    header = b"".join(fields[:place] + new + fields[place:])
    return header + eol + body, message_id


def unique(addresses: list[EmailAddress]) -> tuple[EmailAddress, ...]:
    """``addresses`` without repeats (the same wire address), first place kept."""
    first: dict[str, EmailAddress] = {}
    for address in addresses:
        first.setdefault(address.address, address)
    return tuple(first.values())


def _without_separator(content: bytes) -> bytes:
    if content.startswith(_MBOX_SEPARATOR):
        _, _, rest = content.partition(b"\n")
        return rest
    return content


def _split(content: bytes) -> tuple[bytes, bytes, bytes]:
    """(header lines, the line ending to use, body). A message that does not begin with a
    header field is all body; one without an empty line is all header."""
    eol = b"\r\n" if content.split(b"\n", 1)[0].endswith(b"\r") else b"\n"
    if not _FIELD.match(content):
        return b"", eol, content
    offset = 0
    for line in content.splitlines(keepends=True):
        if line in (b"\n", b"\r\n"):
            return content[:offset], eol, content[offset + len(line) :]
        offset += len(line)
    if content and not content.endswith(b"\n"):
        content += eol
    return content, eol, b""


def _fields(head: bytes) -> list[bytes]:
    """The header's fields, each with its continuation lines and line endings."""
    fields: list[bytes] = []
    for line in head.splitlines(keepends=True):
        if fields and line[:1] in (b" ", b"\t"):
            fields[-1] += line
        else:
            fields.append(line)
    return fields


def _name(field: bytes) -> bytes:
    return field.split(b":", 1)[0].strip().lower()


def _resent_block(names: list[str]) -> tuple[int, int]:
    """Where, in the header fields named ``names`` (lower case), the newest resent block
    starts and ends: the first run of ``Resent-*`` fields, ended by any other field or by a
    name the run already has (each appears once per block). ``(0, 0)`` for a message that was
    never resent."""
    start = next((i for i, name in enumerate(names) if name.startswith(_RESENT)), len(names))
    seen: set[str] = set()
    end = start
    while end < len(names) and names[end].startswith(_RESENT) and names[end] not in seen:
        seen.add(names[end])
        end += 1
    return (start, end) if end > start else (0, 0)


def _message_id(fields: list[bytes], name: bytes) -> str | None:
    for field in fields:
        if _name(field) == name:
            value = field.split(b":", 1)[1].strip().decode("utf-8", "replace")
            return value or None
    return None


def mailbox(display_name: str, address: str, *, encoded: bool = True) -> str:
    """``Name <address>``, the name quoted where it must be. For a header field (``encoded``)
    with an ASCII address a non-ASCII name goes into an encoded word (RFC 2047); a non-ASCII
    address can only travel as UTF-8 (RFC 6532), and so does its name. Unencoded, it is the
    form people read and programs such as git encode themselves."""
    if encoded and address.isascii():
        return formataddr((display_name, address), "utf-8")
    local_part, _, domain = address.rpartition("@")
    return str(HeaderAddress(display_name, username=local_part, domain=domain))


def _addresses(
    fields: list[tuple[str, Any]], name: str, problem: MessageProblem
) -> list[EmailAddress]:
    """The addresses of every ``name`` field among ``fields`` (read with compat32, so that
    the raw text is at hand to show when an address cannot be read)."""
    found: list[EmailAddress] = []
    for raw in (value for field, value in fields if field.lower() == name.lower()):
        unfolded = " ".join(str(raw).split())
        try:
            # Resent-To and the others are address lists as To is; the factory knows them.
            value = default_policy.header_factory(name, unfolded)
        except ValueError as err:
            raise MessageError(problem, unfolded) from err
        broken = any(isinstance(defect, InvalidHeaderDefect) for defect in value.defects)
        for address in getattr(value, "addresses", ()):
            text = address.addr_spec
            if text.strip("<>") == "":  # what the parser makes of an address it cannot read
                if broken:
                    raise MessageError(problem, unfolded)
                continue
            try:
                found.append(parse_address(text))
            except InvalidAddressError as err:
                raise MessageError(problem, text) from err
    return found
