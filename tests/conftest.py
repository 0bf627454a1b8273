"""Fixtures shared by all tests, chiefly the loopback lab.

Tests that touch the network take the ``lab`` fixture and must run inside the lab namespace
(``tests/lab/run-in-lab .venv/bin/pytest``, as root); unit tests alone may run anywhere. Outside
the lab, lab tests skip, saying how to run them (``-m "not lab"`` leaves them out altogether).
"""

from __future__ import annotations

import gc
import signal
from typing import TYPE_CHECKING

import pytest

from tests.lab.world import Lab
from tests.prerequisites import FULL_RUN, inside_the_lab, private_keychain_or_stop

if TYPE_CHECKING:
    from collections.abc import Callable, Generator, Iterator
    from pathlib import Path

pytest_plugins = ("tests.smtp_fixtures", "tests.postfix_fixtures", "tests.account_fixtures")


def pytest_configure() -> None:
    """Programs the tests start handle Ctrl-C as they would at a terminal, even when the suite
    itself was started with SIGINT ignored, as a non-interactive shell starts a background job
    (and so may a CI runner): an ignored signal is inherited, and the Ctrl-C tests would see
    nothing stop. A handled one is reset to the default in every program started."""
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def pytest_collection_finish() -> None:
    """What exists once the tests are collected (modules, Qt's bindings, the tests themselves)
    lives to the end: frozen, the garbage collector no longer walks it on every collection,
    which makes the collection after each test (below) cheap."""
    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True)
def _collect_garbage_after_each_test() -> Iterator[None]:
    """A socket or file a test forgot is only reported ("ResourceWarning: unclosed ...") when
    the garbage collector frees it, which may be during any later test, and that innocent test
    then failed. Set up before the test's other fixtures, this one is torn down after them: the
    collection finds a leak while the test that made it is still being torn down, and fails
    that test (pytest reports what was freed at the end of each teardown)."""
    yield
    gc.collect()


def pytest_itemcollected(item: pytest.Item) -> None:
    """Tests that take the ``lab`` fixture are lab tests, marked or not (``-m "not lab"``)."""
    if "lab" in getattr(item, "fixturenames", ()):
        item.add_marker(pytest.mark.lab)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Outside the lab, lab tests skip with a reason that says how to run them."""
    if inside_the_lab():
        return
    skip = pytest.mark.skip(
        reason=f"needs the loopback lab, a private network namespace (root): run {FULL_RUN}"
    )
    for item in items:
        if item.get_closest_marker("lab"):
            item.add_marker(skip)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport() -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Inside the lab, as scripts/test and CI run the suite, every test runs: a skip fails."""
    report: pytest.TestReport = yield
    if inside_the_lab() and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped inside the lab, where every test must run: {reason}"
    return report


@pytest.fixture(scope="session")
def lab_world() -> Iterator[Lab]:
    """The lab for the whole session: its DNS server stays up from the first lab test on."""
    with Lab() as world:
        yield world


@pytest.fixture
def trust_only(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[Path], None]:
    """Makes one CA the only root that in-process TLS clients trust, for one test.

    Code verifying with the system's trust store (truststore, OpenSSL defaults) reads
    ``SSL_CERT_FILE`` and ``SSL_CERT_DIR``, which the machines export. ``SSL_CERT_FILE`` names
    the CA, and ``SSL_CERT_DIR`` an empty folder: were it merely unset, OpenSSL would fall back
    to the system's CA folder, and the machine's own CAs would vouch for servers here too.
    """
    no_more_cas = tmp_path_factory.mktemp("no-more-cas")

    def trust(ca_pem: Path) -> None:
        monkeypatch.setenv("SSL_CERT_FILE", str(ca_pem))
        monkeypatch.setenv("SSL_CERT_DIR", str(no_more_cas))
        monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)

    return trust


@pytest.fixture
def lab(lab_world: Lab, trust_only: Callable[[Path], None]) -> Iterator[Lab]:
    """An empty lab world for one test, whose CA is the only one in-process TLS clients trust
    (``trust_only``). Subprocesses get ``SSL_CERT_FILE`` from ``lab.env()``."""
    trust_only(lab_world.ca_pem)
    try:
        yield lab_world
    finally:
        lab_world.reset()


@pytest.fixture
def private_keychain() -> None:
    """Tests that store passwords need the private, unlocked keyring of tests/lab/with-keyring."""
    private_keychain_or_stop()
