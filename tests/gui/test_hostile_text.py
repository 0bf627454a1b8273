"""The wizard's notices quote servers (issue 10): markup and escape sequences in what a server
said are shown as text, never used."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from wizard.gui.widgets import Notice, Tone
from wizard.printable import printable

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

ESCAPES = "\x1b]0;owned\x07\x1b[2J\x1b[HPassword:"


def test_the_gui_shows_a_hostile_reply_as_text(qtbot: QtBot) -> None:
    """The wizard's notices quote servers: markup and escape sequences are shown, not used."""
    notice = Notice()
    qtbot.addWidget(notice)
    hostile = f'535 <img src="x"><b>bold</b> {ESCAPES}'

    notice.show_text(Tone.DANGER, printable(hostile))

    assert notice.label.textFormat() is Qt.TextFormat.PlainText
    assert notice.text() == printable(hostile) and "\x1b" not in notice.text()
