"""Medians of repeated runs, and the table that sets each beside its target."""

from __future__ import annotations

import dataclasses
import os
import shutil
import statistics
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path


def program() -> str:
    """The installed ``email-setup-wizard`` next to this Python, as a user runs it."""
    found = shutil.which("email-setup-wizard", path=str(Path(sys.executable).parent))
    if found is None:
        raise SystemExit("email-setup-wizard is not installed next to this Python")
    return found


@dataclass(frozen=True)
class Measurement:
    """The median of ``runs`` timings (seconds) of one thing, against its target."""

    name: str
    target: float
    median: float
    runs: int
    answers: tuple[str, ...] = ()  # what each run produced, where that matters
    problem: str = ""  # why the result is wrong, whatever the time
    unit: str = "s"  # how target and median are shown: seconds, or "×" for a ratio

    @property
    def met(self) -> bool:
        return not self.problem and self.median <= self.target

    def wrong(self, problem: str) -> Measurement:
        return dataclasses.replace(self, problem=problem)


def measure(
    name: str, target: float, runs: int, once: Callable[[], tuple[float, str]]
) -> Measurement:
    """Run ``once`` ``runs`` times; it returns its time and what it produced."""
    results = [once() for _ in range(runs)]
    median = statistics.median(seconds for seconds, _ in results)
    return Measurement(name, target, median, runs, tuple(answer for _, answer in results))


def table(measurements: Sequence[Measurement]) -> str:
    """One line per measurement: target, median, runs, whether it was met, and the answer."""
    width = max(len(m.name) for m in measurements)
    lines = [
        f"{'measurement':{width}}  {'target':>8}  {'median':>8}  runs  met  result",
        f"{'-' * width}  {'-' * 8}  {'-' * 8}  ----  ---  ------",
    ]
    for m in measurements:
        result = m.problem or ", ".join(sorted(set(m.answers)))
        target, median = _shown(m.target, m.unit, "≤ "), _shown(m.median, m.unit)
        lines.append(
            f"{m.name:{width}}  {target:>8}  {median:>8}  "
            f"{m.runs:4}  {'yes' if m.met else 'NO':3}  {result}"
        )
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    lines.append(
        f"(wall time of the real process, medians; load average {load}, {os.cpu_count()} CPUs)"
    )
    return "\n".join(lines)


def _shown(value: float, unit: str, prefix: str = "") -> str:
    return f"{prefix}{value:.2f} {unit}"
