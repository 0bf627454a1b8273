"""Qt's GUI plugins for the bundle, less those a desktop program never loads.

Replaces PyInstaller's own hook for PySide6.QtGui (hooks in the spec's ``hookspath`` win),
which collects every plugin Qt ships: platforms for kiosks and embedded boards (eglfs,
linuxfb, vnc), raw evdev/touch input, a dozen image formats, and the GTK 3 theme, which would
drag the build machine's whole GTK stack (about 15 MB) into the bundle. Filtering here, before
PyInstaller resolves shared libraries, also keeps out the libraries only those plugins need.
The same rule serves Linux, Windows and macOS: a plugin folder not named below is kept whole.
"""

from __future__ import annotations

from pathlib import PurePath

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

# Plugin folder -> the plugins kept, by base name ("libqxcb.so", "qwindows.dll" -> qxcb, qwindows).
KEEP: dict[str, frozenset[str]] = {
    # desktops (X11, Wayland, Windows, macOS) and `offscreen` for headless runs and smoke tests
    "platforms": frozenset({"qxcb", "qwayland", "qwindows", "qcocoa", "qoffscreen"}),
    # the icon is SVG; PNG is built into Qt itself
    "imageformats": frozenset({"qsvg"}),
    # the portal theme gives native file dialogs and colours on GNOME and KDE without GTK
    "platformthemes": frozenset({"qxdgdesktopportal"}),
    "generic": frozenset(),  # evdev/TUIO input, for the embedded platforms only
    "egldeviceintegrations": frozenset(),  # eglfs, same
    # xdg-shell is what every desktop compositor speaks; the others are for IVI/embedded use
    "wayland-shell-integration": frozenset({"xdg-shell"}),
}


def plugin_kept(destination: str, filename: str) -> bool:
    """Whether to bundle ``filename``, bound for ``destination`` (PySide6/Qt/plugins/...)."""
    parts = PurePath(destination).parts
    if "plugins" not in parts:
        return True
    folder = "/".join(parts[parts.index("plugins") + 1 :])
    if folder not in KEEP:
        return True
    name = PurePath(filename).name.split(".")[0]
    return name.removeprefix("lib") in KEEP[folder]


hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(source, target) for source, target in binaries if plugin_kept(target, source)]
