"""Progress events detection reports while it runs, for the GUI's per-source view.

They are plain immutable data: the GUI's worker thread forwards them through Qt signals.
"""

from __future__ import annotations

from dataclasses import dataclass

from wizard.model import Candidate, SourceName, SourceReport


@dataclass(frozen=True)
class SourceStarted:
    source: SourceName


@dataclass(frozen=True)
class SourceFinished:
    report: SourceReport


@dataclass(frozen=True)
class CandidateFound:
    """A source proposed settings; the live check has not finished yet."""

    candidate: Candidate


@dataclass(frozen=True)
class CandidateChecked:
    """The live check of a candidate finished (successfully or not)."""

    candidate: Candidate


@dataclass(frozen=True)
class SlowGreeting:
    """A server accepted the connection ``waited_ms`` ago but has not finished greeting, and
    detection is still waiting for it, because it could still be the answer ("server answers
    slowly; still waiting"). Sent once per candidate; its ``CandidateChecked`` ends the wait."""

    candidate: Candidate
    waited_ms: int


DetectionEvent = SourceStarted | SourceFinished | CandidateFound | CandidateChecked | SlowGreeting
