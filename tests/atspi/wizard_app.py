"""The wizard in its own process, for the screen-reader test (``tests/test_screen_reader.py``).

The engine's answers are canned (``tests.gui.canned``): what is under test is what the
accessibility bus carries while a person types a password and hears results and errors, and
no server could make a wrong-password answer come faster or more reliably. The test send
fails with a wrong password, so that both a result (detection) and an error are announced.

Usage: ``python -m tests.atspi.wizard_app RECEIVED``; the passwords the engine was handed are
written to the file RECEIVED, one a line, so that the test can tell that typed text arrived
without the password ever passing through the listener's output.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from tests.gui.canned import Canned
from wizard.gui.i18n import Translations
from wizard.gui.wizard import SetupWizard
from wizard.gui.worker import EngineWorker, Report
from wizard.oauth.results import SignedIn
from wizard.smtp.diagnosis import Diagnosis, Reply
from wizard.smtp.send import SendSettings, Stage, TestOutcome

WRONG_PASSWORD = TestOutcome(
    ok=False,
    stage=Stage.AUTH,
    reply=Reply(535, "5.7.8 Authentication credentials invalid"),
    username=None,
    message_id=None,
    diagnosis=Diagnosis.WRONG_PASSWORD,
    certificate=None,
    transcript=(),
)


@dataclass
class _Recorded(Canned):
    received: Path = Path()

    async def send(
        self, settings: SendSettings, password: str | SignedIn, report: Report
    ) -> TestOutcome:
        with self.received.open("a", encoding="utf-8") as out:
            print(password, file=out)
        return await super().send(settings, password, report)


def main() -> int:
    app = QApplication(sys.argv[:1])
    translations = Translations(app)
    translations.use(QLocale(QLocale.Language.English))
    worker = EngineWorker()
    canned = _Recorded(outcome=WRONG_PASSWORD, received=Path(sys.argv[1]))
    try:
        wizard = SetupWizard(worker, canned.engine(), address="alice@example.com")
        wizard.show()
        return app.exec()
    finally:
        worker.shutdown()


if __name__ == "__main__":
    sys.exit(main())
