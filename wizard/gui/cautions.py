"""A danger and its own confirmation: a red notice saying what is at stake and what to check,
and under it a check box that names exactly what the user agrees to ("Yes, send without
encryption", "Yes, send my password to collector.example"). Never one generic tick.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from wizard.gui.widgets import Notice, Tone


class Confirmation(QWidget):
    """Hidden until ``ask``; ``confirmed`` only for the exact thing last asked about."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notice = Notice(self)
        self.tick = QCheckBox(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.notice)
        layout.addWidget(self.tick)
        self.tick.toggled.connect(self._toggled)
        self.hide()

    def ask(self, sentence: str, agreement: str) -> None:
        """Show the danger; a new ``agreement`` (another domain) starts unticked."""
        if agreement != self.tick.text():
            self.tick.blockSignals(True)
            self.tick.setChecked(False)
            self.tick.blockSignals(False)
            self.tick.setText(agreement)
        self.notice.show_text(Tone.DANGER, sentence)
        # Tab goes to the tick, never to the sentence above it: a screen reader says the
        # danger with what the tick accepts.
        self.tick.setAccessibleDescription(sentence)
        self.show()

    def withdraw(self) -> None:
        """Not needed (any more): hidden and unticked."""
        self.tick.blockSignals(True)
        self.tick.setChecked(False)
        self.tick.blockSignals(False)
        self.tick.setText("")
        self.tick.setAccessibleDescription("")
        self.notice.clear()
        self.hide()

    @property
    def needed(self) -> bool:
        return not self.isHidden()

    @property
    def confirmed(self) -> bool:
        return self.needed and self.tick.isChecked()

    @Slot(bool)
    def _toggled(self, _checked: bool) -> None:
        self.changed.emit()
