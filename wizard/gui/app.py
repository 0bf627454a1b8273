"""Starting the desktop wizard: ``email-setup-wizard`` with no command, and
``email-setup-wizard-gui``.

``main(argv)`` parses the GUI's own options; ``run(address)`` is for a caller that has parsed
them already (``wizard.launcher``).

The first page is on screen as soon as Qt and the pages are loaded: the translations (two
small memory-mapped files, a couple of milliseconds) are installed before it so that it is
painted in the user's language at once, while detection's engine, the SMTP client and the
provider database load on the engine thread (``_prepare_detection``, and the operations in
``wizard.gui.engine``), never before the first paint.
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Sequence

from PySide6.QtCore import QLocale
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QDialog

from wizard.gui.engine import Engine
from wizard.gui.i18n import Translations
from wizard.gui.wizard import SetupWizard
from wizard.gui.worker import EngineWorker, Report
from wizard.profiles import APP_NAME, ProfileStore
from wizard.resources import resource_path

APP_ID = "io.github.emailsetupwizard.EmailSetupWizard"  # as in packaging/linux
EXIT_SAVED = 0
EXIT_CLOSED = 1  # the window was closed before an account was stored


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="email-setup-wizard-gui",
        description="Set up, test and store an outgoing-mail (SMTP) account.",
    )
    parser.add_argument(
        "--address", default="", metavar="ADDR", help="fill in this email address to start with"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return run(address=args.address)


def run(address: str = "") -> int:
    """Show the wizard until it is closed; 0 when an account was stored, else 1."""
    # Qt's event loop does not let Python see Ctrl-C; let it end the program as usual.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    QGuiApplication.setDesktopFileName(APP_ID)  # Wayland and Flatpak match the menu entry by it
    app.setWindowIcon(app_icon())
    translations = Translations(app)
    translations.use(QLocale.system())
    worker = EngineWorker()
    try:
        wizard = SetupWizard(worker, Engine.real(ProfileStore()), address=address)
        wizard.show()
        # Detection's engine and the provider database load on the engine thread while the
        # user types, so that the window never waits for them and detection starts at once.
        _preparing = worker.submit(_prepare_detection)  # kept until the end, like any job
        app.exec()
        result = wizard.result()
    finally:
        worker.shutdown()
    return EXIT_SAVED if result == QDialog.DialogCode.Accepted else EXIT_CLOSED


async def _prepare_detection(_report: Report) -> None:
    from wizard.discovery.engine import preload

    preload()


def app_icon() -> QIcon:
    return QIcon(str(resource_path("icons", "email-setup-wizard.svg")))
