"""Fixtures for tests that run the installed program on a set-up account (a pytest plugin,
registered in ``conftest.py``): a domain of the test's own and the program's config folder."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def domain() -> str:
    """A domain of this test's own, so that keychain entries of different tests never meet."""
    return f"d{uuid.uuid4().hex[:10]}.test"


@pytest.fixture
def config_home(tmp_path: Path) -> Path:
    """The program's ``XDG_CONFIG_HOME``: where its account file is."""
    return tmp_path / "config"
