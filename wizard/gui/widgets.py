"""Small widgets the pages share: a password field, notices with named icons, a toggle button,
a folding section, and the announcement that tells a screen reader what just changed.

They use the style's own icons and the palette's own colours (danger adds a red edge that reads
in light and dark palettes alike), so they stay readable in a dark palette and sharp at any
scale. Every icon has an accessible name, and every control's accessible name is its visible
label, so what a screen reader says is what a sighted helper reads out.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt, Signal, Slot
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QFontDatabase,
    QGuiApplication,
    QKeyEvent,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAccessibleWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from wizard.gui.secret import SecretLineEdit


def announce(widget: QWidget, text: str, *, urgent: bool = False) -> None:
    """Have screen readers say ``text`` now (Qt's announcement event, Qt 6.8 and later).

    Results and errors change labels that have no focus; without this a screen reader user
    would not learn that anything happened.
    """
    event = QAccessibleAnnouncementEvent(widget, text)
    politeness = QAccessible.AnnouncementPoliteness
    event.setPoliteness(politeness.Assertive if urgent else politeness.Polite)
    QAccessible.updateAccessibility(event)


def is_return(event: QKeyEvent) -> bool:
    """Return, or Enter on the keypad: the keys a dialog takes for its default button."""
    key, modifiers = event.key(), event.modifiers()
    return (key == Qt.Key.Key_Return and modifiers == Qt.KeyboardModifier.NoModifier) or (
        key == Qt.Key.Key_Enter
        and modifiers & ~Qt.KeyboardModifier.KeypadModifier == Qt.KeyboardModifier.NoModifier
    )


def plain_label(text: str) -> str:
    """A control's visible label as a screen reader should say it: no mnemonic ``&``, no
    trailing colon."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip(":")


class ToggleButton(QPushButton):
    """A button that stays pressed (Show password, Details): a toggle button to assistive
    technology, not the check box Qt makes of every checkable button."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setCheckable(True)
        self.setAutoDefault(False)


class _ToggleButtonAccessible(QAccessibleWidget):
    """A push button with a pressed state: what AT-SPI, UIA and NSAccessibility call a toggle
    button. Its name is its visible text."""

    def __init__(self, button: ToggleButton) -> None:
        super().__init__(button, QAccessible.Role.Button)
        self._button = button

    def text(self, kind: QAccessible.Text) -> str:
        if kind is QAccessible.Text.Name:
            return self._button.accessibleName() or plain_label(self._button.text())
        return super().text(kind)

    def state(self) -> QAccessible.State:
        state = super().state()
        state.checkable = True
        state.checked = self._button.isChecked()
        state.pressed = self._button.isChecked()
        return state

    def actionNames(self) -> list[str]:
        return [QAccessibleWidget.pressAction(), QAccessibleWidget.toggleAction()]

    def doAction(self, name: str) -> None:
        if name in (QAccessibleWidget.pressAction(), QAccessibleWidget.toggleAction()):
            self._button.click()
        else:
            super().doAction(name)


def _accessible_factory(_key: str, widget: QObject) -> QAccessibleWidget | None:
    if isinstance(widget, ToggleButton):
        return _ToggleButtonAccessible(widget)
    return None


QAccessible.installFactory(_accessible_factory)


class PasswordEdit(QWidget):
    """A masked line edit with a "Show password" toggle button.

    ``textChanged`` follows every change, typed or set by an assistive tool or a password
    manager through the accessibility API; the line edit keeps its characters off the
    accessibility bus (see ``wizard.gui.secret``).
    """

    textChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line_edit = SecretLineEdit(self)
        self.setFocusProxy(self.line_edit)  # focus given to the box goes to the field in it
        self.toggle = ToggleButton(parent=self)
        self.toggle.toggled.connect(self._show)
        self._show(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line_edit, 1)
        layout.addWidget(self.toggle)
        self.line_edit.textChanged.connect(self.textChanged)

    def text(self) -> str:
        return self.line_edit.text()

    @Slot(str)
    def setText(self, text: str) -> None:
        if text != self.line_edit.text():
            self.line_edit.setText(text)

    def setAccessibleName(self, name: str) -> None:
        """The name belongs to the field itself, not to the box around it."""
        self.line_edit.setAccessibleName(name)

    @Slot(bool)
    def _show(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.line_edit.setEchoMode(mode)
        self.toggle.setText(self.tr("Hide password") if shown else self.tr("Show password"))


class Tone(Enum):
    """What kind of notice: decides the icon, its name, and the red edge of danger."""

    INFO = QStyle.StandardPixmap.SP_MessageBoxInformation
    WARNING = QStyle.StandardPixmap.SP_MessageBoxWarning
    DANGER = QStyle.StandardPixmap.SP_MessageBoxCritical
    OK = QStyle.StandardPixmap.SP_DialogApplyButton

    @property
    def spoken(self) -> str:
        """The icon's accessible name."""
        names = {
            Tone.INFO: QCoreApplication.translate("Notice", "Information"),
            Tone.WARNING: QCoreApplication.translate("Notice", "Warning"),
            Tone.DANGER: QCoreApplication.translate("Notice", "Danger"),
            Tone.OK: QCoreApplication.translate("Notice", "Done"),
        }
        return names[self]


DANGER_EDGE = "#d32f2f"  # reads on white and on near-black alike


class Notice(QFrame):
    """A named icon beside word-wrapped, selectable text: warnings, errors and good news.

    ``show_text(..., announce=True)`` also has screen readers say it (errors and results).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        self.tone: Tone | None = None
        self.icon = QLabel(self)
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.label = QLabel(self)
        # Notices quote servers and documents: their text is shown as it is, never as HTML.
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.icon)
        self._layout.addWidget(self.label, 1)
        self.hide()

    def show_text(self, tone: Tone, text: str, *, announce: bool = False) -> None:
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon = self.style().standardIcon(tone.value)
        self.icon.setPixmap(icon.pixmap(size))
        self.icon.setAccessibleName(tone.spoken)
        self.label.setText(text)
        self.label.setAccessibleName(text)
        self.tone = tone
        danger = tone is Tone.DANGER
        self.setStyleSheet(
            f"QFrame#notice {{ border-left: 4px solid {DANGER_EDGE}; }}" if danger else ""
        )
        self._layout.setContentsMargins(6 if danger else 0, 0, 0, 0)
        self.show()
        if announce:
            announce_with_tone(self, tone, text)

    def clear(self) -> None:
        self.label.clear()
        self.tone = None
        self.hide()

    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()


def announce_with_tone(widget: QWidget, tone: Tone, text: str) -> None:
    """Have screen readers say ``text`` as a notice of ``tone`` says it ("Warning: …")."""
    urgent = tone in (Tone.DANGER, Tone.WARNING)
    announce(widget, f"{tone.spoken}: {text}", urgent=urgent)


class Folding(QWidget):
    """A toggle button that shows or hides what is under it ("Details")."""

    def __init__(self, title: str, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.button = ToggleButton(title, self)
        self.button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.content = content
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(content, 1)
        layout.addStretch(0)  # folded: the button stays at the top, not in the middle
        content.setVisible(False)
        self.button.toggled.connect(content.setVisible)

    @property
    def expanded(self) -> bool:
        return self.button.isChecked()


class CopyableText(QWidget):
    """Technical text a helpdesk may ask for (URLs, DNS names, a fingerprint): read-only,
    reachable by Tab, selectable, monospaced, wrapped anywhere, and copied whole by its
    button. Its accessible name is its visible title."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(title, self)
        self.title.setWordWrap(True)
        self.body = QPlainTextEdit(self)
        self.body.setReadOnly(True)
        self.body.setTabChangesFocus(True)
        self.body.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.body.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.body.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.body.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.body.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.body.setAccessibleName(plain_label(title))
        self.title.setBuddy(self.body)
        self.copy_button = QPushButton(self.tr("Copy"), self)
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy)
        row = QHBoxLayout()
        row.addWidget(self.body, 1)
        row.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(row)
        self.body.document().documentLayout().documentSizeChanged.connect(self._fit)

    def set_text(self, text: str, *, copied: str | None = None) -> None:
        """Show ``text``; Copy hands over ``copied`` if given (the unformatted form)."""
        self._copied = copied
        self.body.setPlainText(text)
        self._fit()

    def text(self) -> str:
        copied: str | None = getattr(self, "_copied", None)
        return self.body.toPlainText() if copied is None else copied

    @Slot()
    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())

    @Slot()
    def _fit(self, *_args: object) -> None:
        """As tall as the text (up to eight lines; more scrolls), so nothing is cut off."""
        lines = max(1, min(self.body.document().blockCount(), 8))
        height = self.body.fontMetrics().lineSpacing() * lines
        margins = self.body.contentsMargins()
        frame = 2 * (self.body.frameWidth() + round(self.body.document().documentMargin()))
        self.body.setFixedHeight(height + frame + margins.top() + margins.bottom())


class _PageScroll(QScrollArea):
    """Asks for room for all of its content (up to a screenful), so a window sized to its
    pages shows them whole, and scrolls only when the window is smaller."""

    _MOST = QSize(900, 700)

    def sizeHint(self) -> QSize:
        content = self.widget()
        wanted = content.sizeHint() if content is not None else super().sizeHint()
        return wanted.boundedTo(self._MOST)


def page_body(page: QWidget) -> QWidget:
    """The widget for a page's content, inside a frameless scroll area: at 200 % or in a long
    language the content scrolls rather than being squeezed until text is cut off.

    Tab follows the order widgets are created in, which is the order they are shown in, so
    pages create them top to bottom, as children of this widget, and never rearrange the
    chain (that made traps).
    """
    area = _PageScroll(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    body = QWidget(area)
    area.setWidget(body)
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(area)
    return body
