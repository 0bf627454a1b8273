"""The wizard as a screen reader hears it: over the real accessibility bus (AT-SPI), under a
real X server, with the password typed on the keyboard.

A screen reader speaks what the bus carries: announcements, and the text-changed events of
the field that has focus. Qt's own line edit puts every character of a password into those
events, in clear (``S``, ``e``, ``k``… and, when the test page shows the same password, all of
it at once), and any program on the bus could log them. This test listens to everything, walks
the wizard to a failed test send, and fails if the password or any start of it was heard or
is readable in the tree, if the typed password did not arrive, or if the detection result and
the error were not announced.

The listener (``tests/atspi/screen_reader.py``) runs under the distribution's Python, whose
``python3-pyatspi`` is a system package; the wizard runs under this test's interpreter.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.prerequisites import unavailable

REPO = Path(__file__).resolve().parent.parent
LISTENER = REPO / "tests" / "atspi" / "screen_reader.py"
SYSTEM_PYTHON = "/usr/bin/python3"
SECRET = "Sekr3t-Pw"  # typed into the wizard, then looked for on the bus


def _listen(received: Path) -> dict[str, Any]:
    needed = ("Xvfb", "xdotool", "dbus-daemon", "/usr/libexec/at-spi-bus-launcher")
    missing = [tool for tool in needed if shutil.which(tool) is None]
    probe = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, check=False
    )
    if missing or probe.returncode:
        unavailable(f"needs {', '.join(missing) or 'python3-pyatspi'} (scripts/test installs them)")
    steps = [
        *("--type", f"Password={SECRET}"),
        *("--press", "Next") * 3,  # detection, its result, the settings
        *("--press", "Send test message"),
        *("--announced", "username or password"),
    ]
    command = [sys.executable, "-m", "tests.atspi.wizard_app", str(received)]
    done = subprocess.run(
        [SYSTEM_PYTHON, str(LISTENER), *steps, "--", *command],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    heard: dict[str, Any] = json.loads(done.stdout)
    return heard


def test_a_screen_reader_hears_results_and_errors_and_never_the_password(
    tmp_path: Path,
) -> None:
    received = tmp_path / "received"
    heard = _listen(received)

    # The keys reached the wizard: it tested with what was typed.
    assert received.read_text(encoding="utf-8").splitlines() == [SECRET]

    said = json.dumps(heard, ensure_ascii=False)
    starts = [SECRET[:length] for length in range(3, len(SECRET) + 1)]
    assert not [start for start in starts if start in said], "the password was on the bus"
    fields = [node for node in heard["tree"] if node["role"] == "password text"]
    assert fields, "no password field in the tree"
    assert all(node["name"] == "Password" and node["text"] == "" for node in fields)
    assert not [
        event
        for event in heard["heard"]
        if event["role"] == "password text" and event["type"].startswith("object:text-changed")
    ]

    announced = [
        event["data"] for event in heard["heard"] if event["type"] == "object:announcement"
    ]
    assert any("smtp.example.com" in text for text in announced), announced  # the result
    assert any(
        text.startswith("Danger: The server did not accept the username or password.")
        for text in announced
    ), announced
