"""The account service's rules for what a passed test vouches for (``wizard.accounts``).

Storing and removing, with the real keychain, are tested through the command line in
``test_cli_accounts.py`` and the GUI's Save in ``gui/test_flow.py``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from wizard.accounts import profile_from_test
from wizard.model import Certificate, Security, SourceName, Trust
from wizard.profiles import AccountProfile
from wizard.smtp.diagnosis import Diagnosis
from wizard.smtp.send import Reply, SendSettings, Stage, TestOutcome

SETTINGS = SendSettings(
    host="smtp.example.test",
    port=465,
    security=Security.SSL,
    username="alice",
    address="alice@example.test",
    pinned_sha256="AB" * 32,
)
PASSED = TestOutcome(
    ok=True,
    stage=Stage.DONE,
    reply=Reply(250, "2.0.0 OK"),
    username="alice@example.test",
    message_id="<1@example.test>",
    diagnosis=None,
    certificate=Certificate(sha256="AB" * 32, verified=True),
    transcript=(),
    mechanism="LOGIN",
)
WHEN = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def build(outcome: TestOutcome) -> AccountProfile:
    return profile_from_test(
        SETTINGS,
        outcome,
        display_name="Alice",
        source=SourceName.AUTOCONFIG,
        trust=Trust.TRUSTED,
        when=WHEN,
    )


def test_the_profile_holds_what_worked() -> None:
    profile = profile_from_test(
        SETTINGS, PASSED, display_name="Alice", source=None, trust=None, when=WHEN
    )
    assert profile.username == "alice@example.test"  # the login the server accepted
    assert profile.auth_method == "LOGIN"  # the mechanism that worked, not the one chosen
    assert profile.last_tested == WHEN
    assert (profile.host, profile.port) == ("smtp.example.test", 465)
    assert profile.security is Security.SSL


def test_a_pin_is_kept_only_when_the_certificate_needed_it() -> None:
    verified = build(PASSED)
    unverified = build(replace(PASSED, certificate=Certificate(sha256="AB" * 32, verified=False)))
    assert verified.pinned_sha256 is None
    assert unverified.pinned_sha256 == "AB" * 32


def test_a_failed_test_vouches_for_nothing() -> None:
    failed = replace(PASSED, ok=False, diagnosis=Diagnosis.WRONG_PASSWORD, mechanism=None)
    with pytest.raises(ValueError, match="went through"):
        build(failed)
