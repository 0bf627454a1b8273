"""What a test does when something that only ``scripts/test`` provides is missing.

``scripts/test`` (and so CI) runs the suite as root inside the loopback lab
(``tests/lab/run-in-lab``), with a private keychain (``tests/lab/with-keyring``), Postfix and
Dovecot installed and the bundle built. There a missing piece is a failure, never a skip, so
that it cannot pass for a passing suite. A contributor's quick run anywhere else, without root
(``.venv/bin/pytest -m "not lab"``), skips those tests instead, and the reason says how to run
them.
"""

from __future__ import annotations

import os
from typing import NoReturn

import pytest

from tests.lab.world import RUN_IN_LAB

WITH_KEYRING = "tests/lab/with-keyring"
FULL_RUN = f"scripts/test, or as root: {RUN_IN_LAB} {WITH_KEYRING} .venv/bin/pytest"


def inside_the_lab() -> bool:
    """Whether this run is inside the loopback lab, as ``scripts/test`` runs the suite."""
    return os.environ.get("WIZARD_LAB") == "1"


def unavailable(reason: str) -> NoReturn:
    """Stop this test: it fails inside the lab, and skips for ``reason`` outside it."""
    if inside_the_lab():
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def private_keychain_or_stop() -> None:
    """Keychain tests need the private, unlocked Secret Service of ``with-keyring``, never the
    developer's own keyring."""
    if os.environ.get("WITH_KEYRING_BUS") != os.environ.get("DBUS_SESSION_BUS_ADDRESS", "unset"):
        unavailable(
            "needs a private, unlocked Secret Service (no root needed): "
            f"{WITH_KEYRING} .venv/bin/pytest ARGS; or run {FULL_RUN}"
        )
