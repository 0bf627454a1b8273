"""What a source's proposals count for, and what its row says about them.

The orchestrator treats every source alike and asks its ``SourceRules`` where sources differ.
The defaults fit a source that states settings (a database, a document, DNS records): whatever
it proposes is a finding, whether or not the server answers. The guessing source has its own
rules (``wizard.discovery.guess``): a guess is a finding only once its server has answered.

A row is built from what the source found, never from the order in which its jobs or the live
checks happened to report: the same findings always read the same.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from wizard.discovery.context import SourceOutcome
from wizard.discovery.ranking import Liveness, rank_key
from wizard.model import Candidate, ServerConfig


@dataclass(frozen=True)
class Finding:
    """Settings a source proposed, and what its row says if they stand; ``order`` is their
    position among the source's own proposals. ``candidate`` is the server as detection
    tracks it: the settings of the best source that named it, with the live check so far."""

    proposed: ServerConfig
    candidate: Candidate
    says: SourceOutcome
    order: int


def by_rank(finding: Finding) -> tuple[object, ...]:
    """Best-ranked first; equal ranks by endpoint, so that no arrival order decides."""
    return (rank_key(finding.proposed, Liveness.VERIFIED), finding.proposed.endpoint)


class SourceRules:
    """The rules of a source that states settings."""

    # True: ``counts`` depends on the live check, so the row waits for the checks.
    needs_answer: bool = False

    def counts(self, candidate: Candidate) -> bool:
        """Whether ``candidate`` (as tracked) counts as found by this source, and is worth
        offering if this source is the best that named it."""
        del candidate
        return True

    def describe(self, found: Sequence[Finding]) -> SourceOutcome:
        """What the row says about ``found`` (never empty): what the best of them says. The
        ``detail`` is what the row's technical account adds to that of the source's jobs
        (which already tell where each proposal came from): here, nothing."""
        return dataclasses.replace(min(found, key=by_rank).says, detail="")

    def reconsider(self, candidate: Candidate) -> Candidate | None:
        """A different reading of a proposal in the light of its live check, or None."""
        del candidate
        return None


STATED = SourceRules()
