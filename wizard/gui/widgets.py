"""Small widgets the pages share: a password field with show/hide, and a notice with an icon.

They use the style's own icons and the palette's own colours, never fixed colours, so they stay
readable in a dark palette and sharp at any scale.
"""

from __future__ import annotations

from enum import Enum
from itertools import pairwise

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QStyle,
    QToolButton,
    QWidget,
)


class PasswordEdit(QWidget):
    """A masked line edit with a button that shows or hides what was typed."""

    textEdited = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line_edit = QLineEdit(self)
        self.line_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.line_edit.setAccessibleName(self.tr("Password"))
        self.toggle = QToolButton(self)
        self.toggle.setCheckable(True)
        self.toggle.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.toggle.toggled.connect(self._show)
        self._show(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line_edit)
        layout.addWidget(self.toggle)
        self.setFocusProxy(self.line_edit)
        self.line_edit.textEdited.connect(self.textEdited)

    def text(self) -> str:
        return self.line_edit.text()

    @Slot(str)
    def setText(self, text: str) -> None:
        if text != self.line_edit.text():
            self.line_edit.setText(text)

    @Slot(bool)
    def _show(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.line_edit.setEchoMode(mode)
        self.toggle.setText(self.tr("Hide") if shown else self.tr("Show"))
        self.toggle.setAccessibleName(
            self.tr("Hide the password") if shown else self.tr("Show the password")
        )


class Tone(Enum):
    """What kind of notice: decides the icon, and nothing else."""

    INFO = QStyle.StandardPixmap.SP_MessageBoxInformation
    WARNING = QStyle.StandardPixmap.SP_MessageBoxWarning
    ERROR = QStyle.StandardPixmap.SP_MessageBoxCritical
    OK = QStyle.StandardPixmap.SP_DialogApplyButton


class Notice(QWidget):
    """An icon beside word-wrapped text: warnings, errors and good news on the pages."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon = QLabel(self)
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.icon)
        layout.addWidget(self.label, 1)
        self.hide()

    def show_text(self, tone: Tone, text: str) -> None:
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon = self.style().standardIcon(tone.value)
        self.icon.setPixmap(icon.pixmap(size))
        self.label.setText(text)
        self.label.setAccessibleName(text)
        self.show()

    def clear(self) -> None:
        self.label.clear()
        self.hide()

    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()


def chain_tab_order(*widgets: QWidget) -> None:
    """Tab moves through ``widgets`` in the order given (the order they are read in)."""
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)
