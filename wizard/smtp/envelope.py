"""What one SMTP transaction carries: the envelope (MAIL FROM, RCPT TO) and the message.

The test send and ``email-setup-wizard send`` both hand the session one of these. What the
message needs from the server is worked out here, from the bytes themselves, so that the session
can ask for exactly that and nothing more:

- SMTPUTF8 (RFC 6531) when an envelope address has a non-ASCII mailbox name, or a header holds
  UTF-8 (RFC 6532). Domains never need it: they travel as A-labels.
- 8BITMIME (RFC 6152) when any byte of the message has its high bit set.
- DSN (RFC 3461) for an envelope ``envid``: where the server offers it, MAIL carries the ENVID,
  which a bounce quotes back (``Original-Envelope-Id``), and asks for only the headers back.

A server without 8BITMIME must not be sent 8-bit data. ``seven_bit`` re-encodes such a message's
text parts as base64, as sendmail and Postfix convert; a message whose 8-bit data cannot be
re-encoded (raw UTF-8 in headers, an 8-bit part that names no character set) raises
``ValueError`` instead, so that the caller says so rather than sending something damaged.
"""

from __future__ import annotations

import email.policy
import io
from dataclasses import dataclass
from email.generator import BytesGenerator
from email.parser import BytesParser

# Where the header ends: the first empty line, whichever line ending the message uses.
_HEADER_END = (b"\r\n\r\n", b"\n\n")


@dataclass(frozen=True)
class Envelope:
    """One message and where it goes. ``sender`` is empty for the null reverse-path (``<>``).

    Addresses are as they go on the wire: domains as A-labels, mailbox names as written.
    """

    sender: str
    recipients: tuple[str, ...]
    content: bytes  # RFC 5322; line endings as they came (the session sends CRLF)
    envid: str | None = None  # the RFC 3461 envelope ID to ask bounces to quote, if any

    @property
    def needs_smtputf8(self) -> bool:
        """Whether an address cannot be written in ASCII (then SMTPUTF8 is not optional)."""
        return not all(address.isascii() for address in (self.sender, *self.recipients))

    @property
    def utf8_headers(self) -> bool:
        """Whether the header holds UTF-8 rather than RFC 2047 encoded words (RFC 6532)."""
        return not header_bytes(self.content).isascii()

    @property
    def eight_bit(self) -> bool:
        return not self.content.isascii()


def xtext(text: str) -> str:
    """``text`` as RFC 3461 xtext (section 4): printable ASCII but ``+`` and ``=`` as is,
    everything else as ``+XX``."""
    return "".join(
        c if "!" <= c <= "~" and c not in "+=" else f"+{ord(c):02X}"
        for c in text.encode("utf-8").decode("latin-1")
    )


def header_bytes(content: bytes) -> bytes:
    """The message's header block (without the empty line that ends it)."""
    ends = [found for marker in _HEADER_END if (found := content.find(marker)) >= 0]
    return content[: min(ends)] if ends else content


def seven_bit(content: bytes) -> bytes:
    """``content`` with every 8-bit text part re-encoded as base64; ``ValueError`` when that
    cannot be done without changing what the message says."""
    if not header_bytes(content).isascii():
        raise ValueError("the header holds 8-bit characters")
    # compat32 keeps headers as they were written; only the parts that need it are re-encoded.
    message = BytesParser(policy=email.policy.compat32).parsebytes(content)
    output = io.BytesIO()
    generator = BytesGenerator(
        output, mangle_from_=False, policy=email.policy.compat32.clone(cte_type="7bit")
    )
    try:
        generator.flatten(message)
    except UnicodeError as err:  # an 8-bit part without a charset parameter to re-encode by
        raise ValueError("a part holds 8-bit characters but names no character set") from err
    return output.getvalue()
