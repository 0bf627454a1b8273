"""A password field whose characters never reach the accessibility bus.

Qt's own line edit, even in password mode, hands every typed or pasted character in clear to
the platform's accessibility bridge in its text-changed events (on Linux, AT-SPI's
``object:text-changed:insert`` carries ``"S"``, ``"Se"``, ``"Sek"``…), where any program
listening on the accessibility bus, and a screen reader speaking it, gets the password. The
bridges copy the text from the event only for an object that has a text interface, so this
field's accessible interface has none: it is a password field ("password text") named by its
label, with no readable text and no text events. The field's length stays private too.

The price, on Linux: with no text interface there is no editable-text interface either, so a
tool cannot set the password through AT-SPI; typing, pasting and a password manager's
auto-type still work. Where the platform sets a field through its value (UI Automation's
ValuePattern, ``QAccessibleInterface.setText(Value, …)``), the text is set on the field, and the
wizard takes it through ``textChanged`` as it takes typed text.

Qt's Linux bridge logs a warning for each caret move of a field without a text interface;
those warnings, which say only that this field works as intended, are switched off (a
``QT_LOGGING_RULES`` in the environment still overrides that).
"""

from __future__ import annotations

from PySide6.QtCore import QLoggingCategory, QObject
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAccessibleWidget, QLineEdit, QWidget


class SecretLineEdit(QLineEdit):
    """A masked line edit exposed to assistive technology as a password field without text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEchoMode(QLineEdit.EchoMode.Password)


class _SecretAccessible(QAccessibleWidget):
    def __init__(self, edit: SecretLineEdit) -> None:
        super().__init__(edit, QAccessible.Role.EditableText)
        self._edit = edit

    def text(self, kind: QAccessible.Text) -> str:
        if kind in (QAccessible.Text.Name, QAccessible.Text.Description):
            return super().text(kind)
        return ""  # the value, whatever the echo mode: never the characters

    def setText(self, kind: QAccessible.Text, text: str) -> None:
        """Filled in by a password manager or an assistive tool, through the value."""
        if kind is QAccessible.Text.Value:
            self._edit.setText(text)
        else:
            super().setText(kind, text)

    def state(self) -> QAccessible.State:
        state = super().state()
        state.passwordEdit = True
        state.editable = not self._edit.isReadOnly()
        state.readOnly = self._edit.isReadOnly()
        return state


def _factory(_key: str, widget: QObject) -> QAccessibleWidget | None:
    return _SecretAccessible(widget) if isinstance(widget, SecretLineEdit) else None


QAccessible.installFactory(_factory)
QLoggingCategory.setFilterRules("qt.accessibility.atspi.warning=false")
