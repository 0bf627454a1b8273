"""The private Postfix with Dovecot SASL (``tests/lab/postfix``) as pytest fixtures.

A pytest plugin (registered in ``conftest.py``), so that every test module that needs a real
MTA shares the one Postfix of the session. Missing programs or root fail the tests that use it
inside the lab, as scripts/test runs them, so that a missing MTA cannot pass for a passing
suite; a quick run elsewhere skips them, saying so (``tests.prerequisites``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.lab.postfix import MtaMissing, MtaUnavailable, PostfixLab
from tests.prerequisites import FULL_RUN, unavailable

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path


@pytest.fixture(scope="session")
def postfix_lab() -> Iterator[PostfixLab]:
    """One Postfix and Dovecot for the session; missing programs stop every test using it."""
    try:
        lab = PostfixLab.start()
    except MtaMissing as missing:
        unavailable(f"{missing}; or run {FULL_RUN}")
    except MtaUnavailable as failed:
        pytest.fail(str(failed), pytrace=False)
    try:
        yield lab
    finally:
        lab.stop()


@pytest.fixture
def mta(postfix_lab: PostfixLab, trust_only: Callable[[Path], None]) -> PostfixLab:
    """The running lab with an empty mailbox, its CA the only root the engine trusts."""
    trust_only(postfix_lab.ca_pem)
    postfix_lab.clear()
    return postfix_lab
