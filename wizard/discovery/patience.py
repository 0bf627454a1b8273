"""How long a server that has not answered yet is still waited for, judged by what the network
has already shown rather than by a fixed clock.

The model is Happy Eyeballs (RFC 8305): once one connection works, another that has not
answered within a few round trips of what was measured is given up. Here it decides between
candidates. While nothing is confirmed, every server is waited for within its own deadlines,
and one that completed its handshake is alive, so its greeting is waited for as long as
detection runs (RFC 5321 allows minutes). Once a candidate is confirmed, a better-ranked one
that is still in some phase of its conversation gets a few times the slowest time the same
phase took elsewhere: on the same host if it was measured there, else in the same network,
else anywhere. A dropped SYN to port 465 of a host that answered on 587 in 2 ms is a firewall,
not a slow server; a greeting that trickles in byte by byte is progress, but not an answer.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from enum import IntEnum

# RFC 8305 section 5: the connection attempt delay is never below 100 ms and 250 ms is the
# recommended default; a little more covers a machine whose CPU is busy, as it is while a
# dozen probes start at once.
FLOOR = 0.3
# "A few round trips": the slowest comparable step measured, four times over.
FACTOR = 4.0


class Phase(IntEnum):
    """How far a conversation with a server has got; each is judged by its own measurements."""

    CONNECTING = 0  # the name is resolved; no answer to the connection attempt yet
    GREETING = 1  # connected (so alive): waiting for the whole 220 greeting, after TLS for 465
    TALKING = 2  # greeted: EHLO, STARTTLS and the rest are under way


@dataclass(frozen=True)
class Step:
    """One phase that one server got through, and how long it took."""

    host: str
    port: int
    address: str
    phase: Phase
    seconds: float


@dataclass
class Attempt:
    """A live check under way, as far as it has got; ``since`` is when its phase began (loop
    time), None while the name is still being looked up (DNS has its own deadline)."""

    host: str
    port: int
    started: float
    phase: Phase = Phase.CONNECTING
    since: float | None = None
    address: str | None = None

    def connecting(self, address: str, at: float) -> None:
        """A connection attempt to ``address`` begins; the first one starts the clock."""
        if self.since is None:
            self.address, self.since = address, at

    def reached(self, phase: Phase, at: float) -> Step | None:
        """Move on to ``phase`` at ``at``; returns the step just completed, if one was timed.

        Phases only move forward: a second connection (the probe looks again at a rejected
        certificate) says nothing new about the server's liveness.
        """
        if phase <= self.phase:
            return None
        done = self._step(at)
        self.phase, self.since = phase, at
        return done

    def finished(self, at: float) -> Step | None:
        """The conversation completed: the last phase's step, if it was timed."""
        return self._step(at)

    def _step(self, at: float) -> Step | None:
        if self.since is None or self.address is None:
            return None
        return Step(self.host, self.port, self.address, self.phase, at - self.since)


@dataclass(frozen=True)
class Allowance:
    """How long a phase may take, and the measured step it was derived from (None: nothing
    comparable was measured, so the floor applies)."""

    seconds: float
    example: Step | None


@dataclass
class Patience:
    """Every step measured during one detection, and the allowances derived from them."""

    steps: list[Step] = field(default_factory=list)

    def record(self, step: Step | None) -> None:
        if step is not None:
            self.steps.append(step)

    def allowance(self, attempt: Attempt) -> Allowance:
        """How long ``attempt``'s current phase may take before it counts as not answering."""
        slowest = max(self._comparable(attempt), key=lambda s: s.seconds, default=None)
        if slowest is None:
            return Allowance(FLOOR, None)
        return Allowance(max(FLOOR, FACTOR * slowest.seconds), slowest)

    def _comparable(self, attempt: Attempt) -> list[Step]:
        """The same phase measured on the same host if possible, else in its network, else
        anywhere: the nearer the measurement, the better it predicts."""
        same_phase = [s for s in self.steps if s.phase is attempt.phase]
        same_host = [
            s for s in same_phase if s.host == attempt.host or s.address == attempt.address
        ]
        if same_host:
            return same_host
        network = _network(attempt.address)
        nearby = [s for s in same_phase if network is not None and _network(s.address) == network]
        return nearby or same_phase


def _network(address: str | None) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    """The network an address is taken to share its path with: its /24 or its /64."""
    if address is None:
        return None
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return None
    prefix = 24 if ip.version == 4 else 64
    return ipaddress.ip_network(f"{ip}/{prefix}", strict=False)


_GAVE_UP = {
    Phase.CONNECTING: ("did not answer", "answered", "treated as blocked"),
    Phase.GREETING: (
        "accepted the connection but sent no complete greeting",
        "greeted",
        "treated as not answering",
    ),
    Phase.TALKING: ("greeted but did not finish", "finished", "treated as not answering"),
}


def explain(attempt: Attempt, waited: float, allowance: Allowance | None) -> str:
    """Why ``attempt`` was given up, for the helpdesk: what it did not do in how long, while
    which other server did it in how long ("465 on smtp.example.org did not answer within
    0.4 s while 587 answered in 3 ms: treated as blocked"). Without an ``allowance``,
    detection's own time limit ended the wait."""
    did_not, did, verdict = _GAVE_UP[attempt.phase]
    text = f"{attempt.port} on {attempt.host} {did_not} within {waited:.1f} s"
    if allowance is None:
        return f"{text}: the time limit was reached"
    example = allowance.example
    if example is not None:
        where = str(example.port)
        if example.host != attempt.host:
            where += f" on {example.host}"
        text += f" while {where} {did} in {duration(example.seconds)}"
    return f"{text}: {verdict}"


def duration(seconds: float) -> str:
    """A short time as a person reads it: "under 1 ms", "3 ms", "1.2 s"."""
    if seconds < 0.0005:
        return "under 1 ms"
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    return f"{seconds:.1f} s"
