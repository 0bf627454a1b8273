"""How fast the program starts: ``--version``, ``detect`` until its first DNS question, and the
wizard until its first window is on screen (under a virtual X server, found with xdotool)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile
import time
from collections.abc import Iterator

from benchmarks.measure import Measurement, measure, program
from tests.lab.world import Lab

WINDOW_TITLE = "^Email Setup Wizard$"


def version_once() -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run([program(), "--version"], capture_output=True, text=True, check=True)
    return time.perf_counter() - started, done.stdout.strip()


def first_dns_question_once(lab: Lab) -> tuple[float, str]:
    """From starting ``detect`` to the lab's DNS server receiving its first question."""
    lab.reset()
    started = time.perf_counter()
    subprocess.run(
        [program(), "detect", "alice@bench.test", "--json"],
        capture_output=True,
        env=lab.env(),
        timeout=60,
        check=False,
    )
    asked = lab.dns.first_query_at
    if asked is None:
        return float("inf"), "no DNS question"
    return asked - started, ""


@contextlib.contextmanager
def virtual_display() -> Iterator[str]:
    """An Xvfb server of our own for the duration; yields its DISPLAY.

    Other programs on the machine start X servers too, and lock files and sockets in /tmp are
    shared: ours takes a number of its own and listens only on the abstract socket, which
    belongs to this network namespace. It never resets: a server resetting after its last
    client left refuses the next one for a moment.
    """
    display = f":{500 + os.getpid() % 400}"
    with subprocess.Popen(
        [
            "Xvfb",
            display,
            "-screen",
            "0",
            "1280x800x24",
            "-nolisten",
            "tcp",
            "-nolisten",
            "unix",
            "-noreset",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    ) as server:
        try:
            _wait_for(display)
            yield display
        finally:
            server.terminate()


def _wait_for(display: str) -> None:
    for _ in range(200):
        answer = subprocess.run(
            ["xdotool", "getdisplaygeometry"],
            env=dict(os.environ, DISPLAY=display),
            capture_output=True,
            check=False,
        )
        if answer.returncode == 0:
            return
        time.sleep(0.05)
    raise RuntimeError(f"Xvfb did not start on {display}")


def first_window_once(display: str, home: str) -> tuple[float, str]:
    """From starting the wizard to its first window being mapped and visible."""
    env = dict(
        os.environ,
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        XDG_CONFIG_HOME=home,
        XDG_DATA_HOME=home,
    )
    started = time.perf_counter()
    with subprocess.Popen(
        [program()], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    ) as wizard:
        try:
            while wizard.poll() is None:
                found = subprocess.run(
                    ["xdotool", "search", "--onlyvisible", "--name", WINDOW_TITLE],
                    capture_output=True,
                    env=env,
                    check=False,
                )
                if found.returncode == 0:
                    return time.perf_counter() - started, ""
                if time.perf_counter() - started > 20:
                    break
            return float("inf"), "no window"
        finally:
            wizard.terminate()


def measure_startup(lab: Lab, runs: int) -> list[Measurement]:
    results = [
        measure("--version", 0.06, runs, version_once),
        measure(
            "detect: start-up until its first DNS question",
            0.1,
            runs,
            lambda: first_dns_question_once(lab),
        ),
    ]
    lab.reset()
    with virtual_display() as display, tempfile.TemporaryDirectory() as home:
        results.append(
            measure(
                "GUI: first window on screen", 1.0, runs, lambda: first_window_once(display, home)
            )
        )
    return results
