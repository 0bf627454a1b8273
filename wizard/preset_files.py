"""Where organisation presets are kept, and which preset files are there.

Apart from the presets' reader (``wizard.presets``) because most computers have no preset at
all: asking costs a folder listing or two, and only a computer that has preset files pays for
loading the parser, its XML and TOML readers and its rules.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

ENVIRONMENT = "EMAIL_SETUP_WIZARD_PRESETS"  # folders to read instead (os.pathsep-separated)


def preset_folders() -> list[tuple[Path, bool]]:
    """Where presets are read from, the organisation's (system-wide) folder first; each with
    whether it is the system-wide one. ``EMAIL_SETUP_WIZARD_PRESETS`` replaces them (folders
    separated by the OS's path separator; the first is treated as the system-wide one)."""
    override = os.environ.get(ENVIRONMENT)
    if override is not None:
        folders = [Path(p) for p in override.split(os.pathsep) if p]
        return [(folder, index == 0) for index, folder in enumerate(folders)]
    import platformdirs

    user = Path(platformdirs.user_config_dir("email-setup-wizard", appauthor=False)) / "presets"
    if sys.platform == "win32":
        base = Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData"))
        system = base / "email-setup-wizard" / "presets"
    elif sys.platform == "darwin":
        system = Path("/Library/Application Support/email-setup-wizard/presets")
    else:
        system = Path("/etc/email-setup-wizard/presets")
    return [(system, True), (user, False)]


def preset_files(
    folders: Iterable[tuple[Path, bool]] | None = None,
) -> list[tuple[Path, bool, list[Path]]]:
    """The folders of ``folders`` (default ``preset_folders()``) that hold ``*.xml`` files, in
    order, each with whether it is the system-wide one and its files sorted by name. Blocking
    (disk)."""
    found: list[tuple[Path, bool, list[Path]]] = []
    for folder, system in preset_folders() if folders is None else folders:
        try:
            files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".xml")
        except OSError:
            continue  # no such folder: nothing preset there
        if files:
            found.append((folder, system, files))
    return found
