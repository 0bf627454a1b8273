"""Entry point of both executables in the bundle; the executable's own name picks the program.

One PyInstaller analysis then serves both (a second one would double the build time): the
windowed ``email-setup-wizard-gui`` starts the desktop wizard, the console
``email-setup-wizard`` is the command line (the wizard with no command), exactly like the two
entry points of a pip install.
"""

from __future__ import annotations

import sys
from pathlib import Path

GUI_SUFFIX = "-gui"


def main() -> int:
    if Path(sys.executable).stem.endswith(GUI_SUFFIX):
        from wizard.gui.app import main as program
    else:
        from wizard.launcher import main as program
    return program()


if __name__ == "__main__":
    sys.exit(main())
