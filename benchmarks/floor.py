"""How long a Python process takes only to import the libraries a target's work needs.

Two start-up targets (``detect`` until its first DNS question, and a detection where every
source answers at once) have been missed on the test machine with nothing of our own left to
cut. This measures the floor under them: a process that does nothing but start and import
those libraries, with dnspython's optional features settled the way ``wizard.net.dns``
settles them. Where the floor alone is over the target, the target cannot be met with these
libraries on this machine, whatever the program does.
"""

from __future__ import annotations

import subprocess
import sys
import time

from benchmarks.measure import Measurement, measure

# As wizard.net.dns: no DNS over HTTPS or QUIC, IDNA 2008 known to be there.
_DNS_FEATURES = (
    "import dns._features as features\n"
    "for feature, wanted in (('doh', False), ('doq', False), ('idna', True)):\n"
    "    features.force(feature, wanted)\n"
)

FIRST_QUESTION = ("asyncio", "dns.asyncresolver")
"""What asking a DNS question the program's way needs: asyncio and dnspython's resolver."""

EVERY_SOURCE = (
    *FIRST_QUESTION,
    "email_validator",  # the address
    "httpx",  # autoconfig and the ISPDB, over HTTPS
    "aiosmtplib",  # the live check of the servers found
    "defusedxml.ElementTree",  # the configuration documents
    "publicsuffixlist",  # which domain a server belongs to
    "platformdirs",  # the organisation's presets
)
"""What a detection in which every source answers loads (``sys.modules`` of such a run,
less the standard library and the program's own modules)."""


def imports_once(modules: tuple[str, ...]) -> tuple[float, str]:
    """Start the program's Python, import ``modules``, end: the wall time of it all."""
    code = _DNS_FEATURES + "".join(f"import {module}\n" for module in modules)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - started, ""


def measure_floor(runs: int) -> list[Measurement]:
    """The floors under the two start-up targets, each against its target."""
    return [
        measure(
            "floor of the first DNS question: " + ", ".join(FIRST_QUESTION),
            0.1,
            runs,
            lambda: imports_once(FIRST_QUESTION),
        ),
        measure(
            "floor of every source at once: the libraries of a detection",
            0.15,
            runs,
            lambda: imports_once(EVERY_SOURCE),
        ),
    ]
