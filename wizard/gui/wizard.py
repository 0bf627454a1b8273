"""The setup wizard: five pages from an address to a tested, stored account.

Pages are listed once, with explicit ids, and share one ``Draft``. The engine is reached only
through the ``EngineWorker`` and the ``Engine`` operations handed in, and the account is written
only when the user accepts the last page.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget, QWizard

from wizard.gui.draft import Draft
from wizard.gui.engine import Engine
from wizard.gui.pages.account import AccountPage
from wizard.gui.pages.detect import DetectPage
from wizard.gui.pages.done import DonePage
from wizard.gui.pages.sending import SendPage
from wizard.gui.pages.settings import SettingsPage
from wizard.gui.worker import EngineWorker


class PageId(IntEnum):
    """The pages in the order the user meets them (QWizard goes to the next higher id)."""

    ACCOUNT = 1
    DETECT = 2
    SETTINGS = 3
    TEST = 4
    DONE = 5


class SetupWizard(QWizard):
    def __init__(
        self,
        worker: EngineWorker,
        engine: Engine,
        *,
        address: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.draft = Draft(self)
        self.account_page = AccountPage(self.draft, address)
        self.detect_page = DetectPage(self.draft, worker, engine)
        self.settings_page = SettingsPage(self.draft)
        self.send_page = SendPage(self.draft, worker, engine)
        self.done_page = DonePage(self.draft, worker, engine)
        for page_id, page in (
            (PageId.ACCOUNT, self.account_page),
            (PageId.DETECT, self.detect_page),
            (PageId.SETTINGS, self.settings_page),
            (PageId.TEST, self.send_page),
            (PageId.DONE, self.done_page),
        ):
            self.setPage(page_id, page)
        self.setStartId(PageId.ACCOUNT)
        self.setWindowTitle(self.tr("Email Setup Wizard"))
        # One look everywhere but macOS, whose own style is what its users expect.
        if self.wizardStyle() is not QWizard.WizardStyle.MacStyle:
            self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        # Room for the longest page (warnings and their confirmations) without scrolling.
        self.resize(self.sizeHint().expandedTo(QSize(720, 620)))
        self.currentIdChanged.connect(self._focus_on_page)

    @Slot(int)
    def _focus_on_page(self, _page_id: int) -> None:
        """Keep the focus where the user can reach it when a page is shown.

        Qt gives it to the new page's first control that takes Tab, even a disabled one (the
        search's Stop, once the search has ended, when Back leads there). Then the focus stays
        where it was, on the page just hidden when Back or Next was pressed by its Alt key: Tab
        and the screen reader have nothing to start from. Here it goes to the page's first
        control in reading order that can take it, else to the first usable wizard button.
        """
        focused = QApplication.focusWidget()
        if focused is not None and focused.isVisible() and focused.isEnabled():
            return  # on the page shown, or on a wizard button: where Qt put it
        page = self.currentPage()
        if page is None or not page.isVisible():
            return
        widget: QWidget | None = page.nextInFocusChain()
        for _ in range(500):  # the chain is a ring through the whole window
            if widget is None or widget is page:
                break
            if (
                page.isAncestorOf(widget)
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and widget.isVisible()
                and widget.isEnabled()
                and widget.focusProxy() is None
            ):
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return
            widget = widget.nextInFocusChain()
        for which in (
            QWizard.WizardButton.NextButton,
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.CancelButton,
        ):
            button = self.button(which)
            if button.isVisible() and button.isEnabled():
                button.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def accept(self) -> None:
        """Finish: the first click stores the account, the next (once stored) closes."""
        if self.done_page.saved:
            super().accept()
        else:
            self.done_page.save()

    def reject(self) -> None:
        """Cancel, Escape or closing the window: a tested account not yet saved is not thrown
        away without asking; anything else ends at once (``discard``)."""
        if self.draft.tested() is not None and not self.done_page.saved:
            self._ask_before_discarding()
        else:
            self.discard()

    def discard(self) -> None:
        """Stop whatever runs and close; nothing has been stored unless it was saved."""
        for page in (self.detect_page, self.send_page, self.done_page):
            page.abandon()
        super().reject()

    def _ask_before_discarding(self) -> None:
        """A window-modal question (the event loop keeps running: nothing blocks)."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Discard this account?"))
        box.setText(
            self.tr(
                "The test went through, but the account is not saved yet. "
                "Close the wizard without saving it?"
            )
        )
        discard = box.addButton(
            self.tr("&Discard the account"), QMessageBox.ButtonRole.DestructiveRole
        )
        keep = box.addButton(self.tr("&Keep setting up"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        discard.clicked.connect(self.discard)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.discard_question = box  # for tests, which answer it
        box.open()
