"""Where the data files shipped with the program (the provider database...) are found.

The repository keeps them in a top-level ``resources/`` folder; a wheel carries that folder as
``wizard/resources/`` (pyproject's force-include). A source checkout or an editable install has
only the first, an installed wheel or a frozen one-folder bundle only the second.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """The path of a shipped data file, e.g. ``resource_path("providers", "providers.json")``.

    A real filesystem path, not a Traversable: the program is never run from a zip archive,
    and callers open the files directly.
    """
    packaged = Path(str(files("wizard"))) / "resources"
    base = packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "resources"
    return base.joinpath(*parts)
