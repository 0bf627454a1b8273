"""How other programs run this one: the command behind ``sendmailCmd``, ``$sendmail`` and
``passwordeval`` in the exported settings.

An exported setting must name this installation in a form that still works from another
program's shell: the bare name when the one on ``PATH`` is this very program, else its full
path (a virtual environment, the unpacked tarball, the macOS app), or ``flatpak run`` from
inside the Flatpak.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

COMMAND_LINE = "email-setup-wizard"


def invocation() -> list[str]:
    """The words that start this installation's command line, for another program."""
    flatpak = os.environ.get("FLATPAK_ID")
    if flatpak:
        return ["flatpak", "run", f"--command={COMMAND_LINE}", flatpak]
    name = COMMAND_LINE + (".exe" if sys.platform == "win32" else "")
    # The command line sits beside whichever program is running: itself, or the GUI.
    here = Path(sys.argv[0]).resolve().parent / name if sys.argv and sys.argv[0] else None
    on_path = shutil.which(name)
    if here is None or not here.is_file():
        return [on_path or COMMAND_LINE]
    if on_path is not None and Path(on_path).resolve() == here:
        return [COMMAND_LINE]
    return [str(here)]
