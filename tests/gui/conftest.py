"""Fixtures for the GUI tests: Qt offscreen, strict about Qt's warnings, one engine thread.

Any warning Qt logs fails the test (qutebrowser's rule), except the offscreen platform's
notice that it cannot pass size hints to a window manager it does not have.
"""

from __future__ import annotations

import os
from pathlib import Path

# Before anything creates the QApplication: no display is needed, or wanted, in tests.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent
from PySide6.QtWidgets import QApplication

from wizard.gui.i18n import Translations
from wizard.gui.worker import EngineWorker

if TYPE_CHECKING:
    from collections.abc import Iterator

QT_NOISE = r"This plugin does not support propagateSizeHints\(\)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(here):
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(QT_NOISE))


@pytest.fixture
def worker() -> Iterator[EngineWorker]:
    engine = EngineWorker()
    try:
        yield engine
    finally:
        engine.shutdown()


@pytest.fixture
def translations(qapp: QApplication) -> Iterator[Translations]:
    """The wizard in English, whatever the machine's locale; a test may switch languages."""
    installed = Translations(qapp)
    installed.use(QLocale(QLocale.Language.English))
    yield installed
    installed.use(QLocale.c())


@pytest.fixture
def heard(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What screen readers are told to say (Qt's announcement events), in order."""
    said: list[str] = []
    update = QAccessible.updateAccessibility

    def listen(event: QAccessibleEvent) -> None:
        if isinstance(event, QAccessibleAnnouncementEvent):
            said.append(event.message())
        update(event)

    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(listen))
    return said
