"""The password field as assistive technology sees it in this process: a named password field
with no text to read, whose value a password manager can still set.

``tests/test_screen_reader.py`` listens on the real accessibility bus; this checks the
interface that bus is built from, on every platform Qt bridges (AT-SPI, UIA, NSAccessibility).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from wizard.gui.widgets import PasswordEdit

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


_windows: list[QWidget] = []  # kept alive until the session ends: qtbot holds them weakly


def _field(qtbot: QtBot) -> tuple[PasswordEdit, QAccessibleInterface]:
    window = QWidget()
    _windows.append(window)
    qtbot.addWidget(window)
    field = PasswordEdit(window)
    label = QLabel("&Password:", window)
    label.setBuddy(field.line_edit)
    field.setAccessibleName("Password")  # as the pages name a field: by its label
    layout = QVBoxLayout(window)
    layout.addWidget(label)
    layout.addWidget(field)
    window.show()
    QAccessible.setActive(True)
    interface = QAccessible.queryAccessibleInterface(field.line_edit)
    assert interface is not None
    return field, interface


def test_the_password_field_has_a_name_and_no_text(qtbot: QtBot) -> None:
    field, interface = _field(qtbot)
    field.setText("s3cret")
    assert interface.role() is QAccessible.Role.EditableText
    assert interface.state().passwordEdit
    assert interface.text(QAccessible.Text.Name) == "Password"
    # No text interface: the platform bridges copy a text change's characters into their
    # events only for an object that has one.
    assert interface.textInterface() is None
    assert interface.editableTextInterface() is None
    assert interface.text(QAccessible.Text.Value) == ""
    field.toggle.setChecked(True)  # shown on screen, still not read out
    assert interface.text(QAccessible.Text.Value) == ""


def test_a_password_set_through_the_accessible_value_is_taken(qtbot: QtBot) -> None:
    field, interface = _field(qtbot)
    with qtbot.waitSignal(field.textChanged) as changed:
        interface.setText(QAccessible.Text.Value, "from-a-password-manager")
    assert changed.args == ["from-a-password-manager"]
    assert field.text() == "from-a-password-manager"
