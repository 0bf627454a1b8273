"""The phases of a conversation with a mail server: how long each may take, and who hears as
each is reached.

On their own, without the SMTP client, so that what only needs them (detection's deadlines and
patience, the command line's defaults) does not load the protocol machinery.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ProbeTimeouts:
    """Deadlines in seconds for each phase of a probe."""

    connect: float = 4.0  # name resolution and TCP connect
    greeting: float = 5.0  # from connected to the 220 greeting (including implicit TLS)
    command: float = 5.0  # each command and its reply (EHLO, STARTTLS and its handshake)


class Milestones:
    """Told as a conversation gets further, so that whoever waits for it can judge a slow
    server by what it has already shown (detection's patience) rather than by a fixed clock.
    This base listens to nothing; a listener overrides what it wants to hear."""

    def connecting(self, address: str) -> None:
        """A connection attempt to ``address`` (an IP address) begins: the name is resolved."""
        del address

    def connected(self) -> None:
        """The TCP handshake completed: something is alive there."""

    def greeted(self) -> None:
        """The complete 220 greeting arrived (after the TLS handshake, for implicit TLS)."""
