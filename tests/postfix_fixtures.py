"""The private Postfix with Dovecot SASL (``tests/lab/postfix``) as pytest fixtures.

A pytest plugin (registered in ``conftest.py``), so that every test module that needs a real
MTA shares the one Postfix of the session. Missing programs fail the tests that use it: they
never skip, so that a missing MTA cannot pass for a passing suite.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.lab.postfix import MtaUnavailable, PostfixLab

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path


@pytest.fixture(scope="session")
def postfix_lab() -> Iterator[PostfixLab]:
    """One Postfix and Dovecot for the session; missing programs fail every test using it."""
    try:
        lab = PostfixLab.start()
    except MtaUnavailable as unavailable:
        pytest.fail(str(unavailable), pytrace=False)
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
