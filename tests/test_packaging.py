"""The installable builds: Linux desktop metadata, the icon, and the built one-folder bundle.

The metadata is checked by the validators the distributions and Flathub use
(desktop-file-validate, appstreamcli). The bundle tests run the real frozen executables from
``dist/`` as a user would: the command line against the loopback lab, the wizard on Qt's
offscreen platform, the tarball through its install script. They need a bundle built from
this checkout first (``scripts/build-bundle``; scripts/test does it). Without one they fail
inside the lab, as scripts/test runs them, so a missing build can never pass for a working one;
a quick run outside it skips them (``tests.prerequisites``).
"""

from __future__ import annotations

import json
import os
import platform
import queue
import re
import shutil
import subprocess
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import keyring
import pytest
from defusedxml import ElementTree
from PySide6.QtGui import QImageReader
from PySide6.QtSvg import QSvgRenderer

from tests.lab.smtp_server import SmtpBehaviour
from tests.lab.world import Lab
from tests.prerequisites import unavailable
from wizard import __version__
from wizard.gui.app import APP_ID
from wizard.gui.wizard import SetupWizard
from wizard.model import Security

REPO = Path(__file__).resolve().parent.parent
PACKAGING = REPO / "packaging"

DESKTOP_FILE = PACKAGING / "linux" / f"{APP_ID}.desktop"
METAINFO = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"
ICONS = REPO / "resources" / "icons"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]

BUNDLE = REPO / "dist" / "email-setup-wizard"
CLI = BUNDLE / "email-setup-wizard"
GUI = BUNDLE / "email-setup-wizard-gui"
TARBALL = REPO / "dist" / f"email-setup-wizard-{__version__}-linux-{platform.machine()}.tar.gz"
BUILD_IT = "build it first with scripts/build-bundle (scripts/test does)"
# Long enough for a loaded 2-core CI machine; the wizard paints in about 0.5 s.
GUI_STARTUP_DEADLINE = 30.0
PASSWORD = "bundled s3cret ✓"
PAINTING = "qt.widgets.painting: "  # the log category of Qt's widget repaint manager


def validator(tool: str, debian_package: str) -> str:
    path = shutil.which(tool)
    if path is None:
        unavailable(
            f"{tool} is missing: install the Debian package {debian_package} (scripts/test does)"
        )
    return path


def run(*command: str | Path, **options: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        **options,
    )


@pytest.fixture
def bundle() -> Path:
    """The built bundle; a clear failure when there is none."""
    if not CLI.is_file() or not GUI.is_file():
        unavailable(f"no bundle in {BUNDLE}: {BUILD_IT}")
    return BUNDLE


# -- Linux desktop metadata -------------------------------------------------------------------


def test_desktop_file_passes_desktop_file_validate() -> None:
    done = run(validator("desktop-file-validate", "desktop-file-utils"), DESKTOP_FILE)

    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_metainfo_passes_appstreamcli_validate() -> None:
    done = run(validator("appstreamcli", "appstream"), "validate", "--no-net", METAINFO)

    assert done.returncode == 0, done.stdout + done.stderr


def test_metainfo_names_this_version_as_the_latest_release() -> None:
    releases = ElementTree.parse(METAINFO).getroot().findall("releases/release")

    assert releases, "the metainfo lists no release"
    assert releases[0].get("version") == __version__, (
        "add a <release> for the new version at the top of the metainfo's <releases>"
    )


def test_one_application_id_everywhere() -> None:
    """Desktops tie window, menu entry, icon and software-centre entry together by one id."""
    metainfo = ElementTree.parse(METAINFO).getroot()

    def line(path: Path, pattern: str) -> str | None:
        found = re.search(pattern, path.read_text(encoding="utf-8-sig"), re.MULTILINE)
        return found[1] if found else None

    assert {
        "desktop file Icon": line(DESKTOP_FILE, r"^Icon=(.*)$"),
        "metainfo id": metainfo.findtext("id"),
        "metainfo launchable": metainfo.findtext("launchable"),
        "Flatpak manifest": line(PACKAGING / "flatpak" / f"{APP_ID}.yml", r"^id: (.*)$"),
        "PyInstaller spec": line(
            PACKAGING / "pyinstaller" / "email-setup-wizard.spec", r'^APP_ID = "(.*?)"'
        ),
        "Inno Setup script": line(
            PACKAGING / "windows" / "email-setup-wizard.iss", r'^#define AppId "(.*?)"'
        ),
    } == {
        "desktop file Icon": APP_ID,
        "metainfo id": APP_ID,
        "metainfo launchable": f"{APP_ID}.desktop",
        "Flatpak manifest": APP_ID,
        "PyInstaller spec": APP_ID,
        "Inno Setup script": APP_ID,
    }


# -- the icon ---------------------------------------------------------------------------------


def test_icon_svg_is_valid_for_qt() -> None:
    renderer = QSvgRenderer(str(ICONS / "email-setup-wizard.svg"))

    assert renderer.isValid()
    assert renderer.defaultSize().toTuple() == (256, 256)


@pytest.mark.parametrize("size", ICON_SIZES)
def test_icon_png_has_its_size(size: int) -> None:
    png = ICONS / "hicolor" / f"{size}x{size}" / "apps" / "email-setup-wizard.png"
    reader = QImageReader(str(png))

    assert reader.format() == b"png", reader.errorString()
    assert reader.size().toTuple() == (size, size)


def test_windows_icon_has_every_size() -> None:
    reader = QImageReader(str(PACKAGING / "windows" / "email-setup-wizard.ico"))
    sizes = []
    for index in range(reader.imageCount()):
        assert reader.jumpToImage(index)
        sizes.append(reader.size().toTuple())

    assert sizes == [(size, size) for size in ICO_SIZES]


# -- the built bundle -------------------------------------------------------------------------


def test_bundled_command_line_starts(bundle: Path) -> None:
    done = run(CLI, "--version")

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"email-setup-wizard {__version__}"


def test_bundled_detect_json_finds_the_lab_server(lab: Lab, bundle: Path) -> None:
    lab.smtp("smtp.example.test", 587, SmtpBehaviour(security=Security.STARTTLS))

    done = run(CLI, "detect", "alice@example.test", "--json", "--timeout", "10", env=lab.env())

    assert done.returncode == 0, done.stderr
    smtp = json.loads(done.stdout)["smtp"]
    assert (smtp["host"], smtp["port"], smtp["security"]) == ("smtp.example.test", 587, "starttls")


def test_bundled_detect_uses_the_shipped_provider_data(lab: Lab, bundle: Path) -> None:
    """A domain hosted at Google: only the bundled provider database and the bundled Public
    Suffix List turn its MX host into Gmail's server, so both must be inside the bundle."""
    lab.mx("example.test", "aspmx.l.google.com")
    lab.smtp("smtp.gmail.com", 465, SmtpBehaviour(security=Security.SSL))

    done = run(CLI, "detect", "alice@example.test", "--json", "--timeout", "10", env=lab.env())

    assert done.returncode == 0, done.stderr
    smtp = json.loads(done.stdout)["smtp"]
    assert (smtp["host"], smtp["source"], smtp["provider"]) == (
        "smtp.gmail.com",
        "mx",
        "Google Mail",
    )


def test_bundled_domain_check_has_its_libraries(lab: Lab, bundle: Path) -> None:
    """The domain check's libraries (checkdmarc, with the data file it reads on import, and
    pyspf) must be inside the bundle."""
    ip = lab.host("smtp.example.test")
    lab.dns.add("example.test", "TXT", f'"v=spf1 ip4:{ip} -all"')

    done = run(
        CLI,
        "domain-check",
        "alice@example.test",
        "--server",
        "smtp.example.test",
        "--json",
        env=lab.env(),
    )

    assert done.returncode == 0, done.stderr
    codes = [finding["code"] for finding in json.loads(done.stdout)["findings"]]
    assert "spf-authorised" in codes


@pytest.mark.usefixtures("private_keychain")
def test_bundled_setup_stores_in_the_keychain_and_remove_deletes(
    lab: Lab, bundle: Path, tmp_path: Path
) -> None:
    """The helpdesk round trip, frozen: keyring must find its Secret Service backend."""
    domain = f"d{uuid.uuid4().hex[:10]}.test"
    address = f"alice@{domain}"
    server = lab.smtp(
        f"smtp.{domain}", 465, SmtpBehaviour(security=Security.SSL, accounts={address: PASSWORD})
    )
    env = {**lab.env(), "XDG_CONFIG_HOME": str(tmp_path / "config")}

    done = run(
        CLI, "setup", address, "--password-stdin", "--yes", "--json", input=PASSWORD + "\n", env=env
    )

    assert done.returncode == 0, done.stderr
    service = json.loads(done.stdout)["stored"]["service"]
    assert service == f"smtp://smtp.{domain}:465"
    assert len(server.received) == 1
    assert keyring.get_password(service, address) == PASSWORD

    removed = run(CLI, "accounts", "remove", address, env=env)

    assert removed.returncode == 0, removed.stderr
    assert keyring.get_password(service, address) is None


def test_bundled_wizard_paints_its_window_offscreen(bundle: Path, tmp_path: Path) -> None:
    """Started as from the menu, on Qt's offscreen platform: the wizard window gets painted.

    Qt logs what it paints under ``qt.widgets.painting``, and paints only shown, exposed
    windows: the first line naming the wizard proves that the frozen program loaded Qt, its
    platform plugin, the icon and the translations, and is drawing its first page. (The lines'
    wording differs between Qt versions; the category and the widget's class name do not.)
    The program is then stopped.
    """
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "QT_LOGGING_RULES": "qt.widgets.painting=true",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    window = f"{SetupWizard.__name__}("
    with subprocess.Popen(
        [str(GUI)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as process:
        assert process.stderr is not None
        lines: queue.Queue[str | None] = queue.Queue()
        reader = threading.Thread(target=pump, args=(process.stderr, lines))
        reader.start()
        try:
            wait_for_line(process, lines, lambda line: line.startswith(PAINTING) and window in line)
        finally:
            process.terminate()
            process.wait()
            reader.join()  # it reads to the end before the pipe is closed


def pump(stream: IO[str], lines: queue.Queue[str | None]) -> None:
    """Lines as they come, then ``None`` at the end: waiting for one can have a deadline."""
    for line in stream:
        lines.put(line)
    lines.put(None)


def wait_for_line(
    process: subprocess.Popen[str], lines: queue.Queue[str | None], wanted: Callable[[str], bool]
) -> None:
    """Until a wanted line comes; a failure showing the last lines if the program ends first,
    or stays silent past the deadline."""
    seen: list[str] = []
    deadline = time.monotonic() + GUI_STARTUP_DEADLINE
    while True:
        try:
            line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            pytest.fail(f"not within {GUI_STARTUP_DEADLINE} s; its last words:\n{''.join(seen)}")
        if line is None:
            pytest.fail(f"it ended (status {process.wait()}); its last words:\n{''.join(seen)}")
        if wanted(line):
            return
        seen = [*seen[-40:], line]


# -- the tarball ------------------------------------------------------------------------------


def test_tarball_installs_runs_and_uninstalls(bundle: Path, tmp_path: Path) -> None:
    if not TARBALL.is_file():
        unavailable(f"no {TARBALL.name} in dist/: {BUILD_IT}")
    unpacked = tmp_path / "unpacked"
    unpacked.mkdir()
    # As the README tells users to (and not tarfile, whose extraction filters need 3.11.4+).
    extracted = run("tar", "-xzf", TARBALL, "-C", unpacked)
    assert extracted.returncode == 0, extracted.stderr
    (folder,) = unpacked.iterdir()
    prefix = tmp_path / "prefix with space"

    installed = run(folder / "install.sh", "--prefix", prefix)

    assert installed.returncode == 0, installed.stderr
    desktop = prefix / "share" / "applications" / f"{APP_ID}.desktop"
    assert run(validator("desktop-file-validate", "desktop-file-utils"), desktop).returncode == 0
    assert f'Exec="{prefix}/bin/email-setup-wizard-gui"' in desktop.read_text(encoding="utf-8")
    for size in ICON_SIZES:
        assert (
            prefix / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        ).is_file()
    assert (prefix / "share" / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    version = run(prefix / "bin" / "email-setup-wizard", "--version")  # through the symlink
    assert version.stdout.strip() == f"email-setup-wizard {__version__}", version.stderr

    removed = run(folder / "install.sh", "--prefix", prefix, "--uninstall")

    assert removed.returncode == 0, removed.stderr
    assert [path for path in prefix.rglob("*") if not path.is_dir()] == []
