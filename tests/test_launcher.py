"""The command line starts without the GUI: ``wizard.cli`` never imports it, and the
launcher loads it only when no command is given."""

from __future__ import annotations

import subprocess
import sys

_CHECK = """
import sys
import wizard.launcher
import wizard.cli.main
loaded = sorted(m for m in sys.modules if m.startswith(("wizard.gui", "PySide6")))
print(",".join(loaded))
"""


def test_the_command_line_does_not_load_the_gui() -> None:
    loaded = subprocess.run(
        [sys.executable, "-c", _CHECK], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == ""


def test_python_dash_m_wizard_is_the_command_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "wizard", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert done.stdout.startswith("email-setup-wizard ")
