"""How the account store scales: loading, listing and saving with 1,000 accounts (medians).

Issue 10 found ``accounts list`` taking 2.2 s with 400 accounts, because every address was
checked against every other; loading 1,000 must now take well under half a second. The ratio
of 1,000 to 100 accounts shows that the work is linear (a quadratic store would be near 100).
"""

from __future__ import annotations

import subprocess
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.measure import Measurement, measure, program
from wizard.model import Security
from wizard.profiles import AccountProfile, ProfileStore, profile_to_json

LOAD_TARGET = 0.5  # seconds to load 1,000 accounts


def accounts_file(folder: Path, count: int) -> ProfileStore:
    """A store holding ``count`` accounts, written in one go."""
    store = ProfileStore(folder / "email-setup-wizard" / "accounts.json")
    when = datetime(2026, 1, 1, tzinfo=UTC)
    profiles = [
        AccountProfile(
            f"User {n}",
            f"user{n}@domain{n % 97}.example",
            f"smtp.domain{n % 97}.example",
            465,
            Security.SSL,
            f"user{n}@domain{n % 97}.example",
            last_tested=when,
        )
        for n in range(count)
    ]
    store._write(profiles)
    assert [profile_to_json(p) for p in store.load()] == [profile_to_json(p) for p in profiles]
    return store


def _timed(action: Callable[[], object]) -> tuple[float, str]:
    started = time.perf_counter()
    answer = action()
    return time.perf_counter() - started, str(answer)


def measure_accounts(runs: int) -> list[Measurement]:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        small = accounts_file(home / "small", 100)
        large = accounts_file(home / "large", 1000)
        load_small = measure(
            "load 100 accounts", LOAD_TARGET, runs, lambda: _timed(lambda: len(small.load()))
        )
        load_large = measure(
            "load 1,000 accounts", LOAD_TARGET, runs, lambda: _timed(lambda: len(large.load()))
        )
        ratio = load_large.median / load_small.median
        linear = Measurement(
            "load ratio 1,000 / 100 (linear: about 10)", 20.0, ratio, runs, unit="×"
        )
        listing = measure(
            "accounts list, 1,000 accounts (whole process)",
            1.5,
            runs,
            lambda: _timed(
                lambda: (
                    subprocess.run(
                        [program(), "accounts", "list", "--json"],
                        env={"XDG_CONFIG_HOME": str(home / "large"), "PATH": "/usr/bin:/bin"},
                        capture_output=True,
                        check=True,
                    ).returncode
                )
            ),
        )
        saving = measure(
            "save one account among 1,000",
            LOAD_TARGET,
            runs,
            lambda: _timed(lambda: large.save(large.load()[500])),
        )
    return [load_small, load_large, linear, listing, saving]


if __name__ == "__main__":
    from benchmarks.measure import table

    print(table(measure_accounts(7)))
