"""Every speed target of the program beside its measurement, in one table.

Run inside the lab namespace (root needed), on a machine as quiet as can be had::

    tests/lab/run-in-lab .venv/bin/python -m benchmarks.run [--runs N]

Medians of the real process's wall time over N runs (default 7). The README shows the last run.
A second table shows the floor under the start-up targets: the time a process takes only to
import the libraries their work needs (``benchmarks.floor``).
"""

from __future__ import annotations

import argparse

from benchmarks.accounts_scale import measure_accounts
from benchmarks.detect_speed import measure_detection
from benchmarks.floor import measure_floor
from benchmarks.measure import table
from benchmarks.startup import measure_startup
from tests.lab.world import Lab


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=7, help="runs per measurement (default 7)")
    args = parser.parse_args()
    with Lab() as lab:
        measurements = measure_startup(lab, args.runs) + measure_detection(lab, args.runs)
    measurements += measure_accounts(args.runs)
    print(table(measurements))
    print()
    print("What a process that only imports the libraries the work needs takes, against the")
    print("same targets (a floor no change to the program itself can go below):")
    print(table(measure_floor(args.runs)))
    return 0 if all(m.met for m in measurements) else 1


if __name__ == "__main__":
    raise SystemExit(main())
