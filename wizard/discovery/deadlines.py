"""How long detection's network steps may take (``Deadlines``).

A module of its own, beside ``wizard.discovery.context``: the command line reads the default
time limit while it parses its arguments, before anything of detection has loaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wizard.smtp.phases import ProbeTimeouts


@dataclass(frozen=True)
class Deadlines:
    """How long each kind of network step may take, in seconds.

    Every step has its own deadline so that one dead host cannot use up the time of the
    others; ``total`` bounds the whole detection.
    """

    total: float = 15.0
    dns: float = 4.0
    http_connect: float = 4.0
    http_read: float = 5.0
    http_document: float = 8.0
    probe: ProbeTimeouts = field(default_factory=ProbeTimeouts)
