"""The test page's last step, "Arrived in your mailbox": what the delivery confirmation found,
in the same words as the command line (``wizard.messages``), with a tone that matches it.

The step's line in the list says where and when in a few words; this panel below it says the
rest: what it means, the receiving server's SPF, DKIM and DMARC verdict, a bounce's own words
and what became of the test message.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from wizard.delivery.result import DeliveryResult, DeliveryStatus
from wizard.gui import texts
from wizard.gui.widgets import Notice, Tone

_TONES = {
    DeliveryStatus.INBOX: Tone.OK,
    DeliveryStatus.JUNK: Tone.WARNING,
    DeliveryStatus.NOT_ARRIVED: Tone.WARNING,
    DeliveryStatus.SKIPPED: Tone.INFO,
    DeliveryStatus.ERROR: Tone.WARNING,
}


class DeliveryPanel(Notice):
    """The confirmation's findings, announced when they arrive."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Arrived in your mailbox"))

    def waiting(self, server: str, seconds: float) -> None:
        self.show_text(
            Tone.INFO,
            self.tr("Waiting up to {seconds} s for the test message at {server}…").format(
                seconds=f"{seconds:g}", server=server
            ),
        )

    def show_result(self, result: DeliveryResult) -> None:
        self.show_text(
            _TONES[result.status], "\n".join(texts.describe_delivery(result)), announce=True
        )

    def step_status(self, result: DeliveryResult) -> str:
        """The few words the step's line says about ``result``."""
        seconds = texts.seconds(result.seconds if result.seconds is not None else result.timeout)
        if result.status is DeliveryStatus.INBOX:
            return self.tr("in your Inbox after {seconds} s").format(seconds=seconds)
        if result.status is DeliveryStatus.JUNK:
            return self.tr("in Junk after {seconds} s").format(seconds=seconds)
        if result.status is DeliveryStatus.NOT_ARRIVED:
            if result.bounce is not None:
                return self.tr("sent back by a server")
            return self.tr("not arrived within {seconds} s").format(seconds=seconds)
        if result.status is DeliveryStatus.SKIPPED:
            return self.tr("not checked")
        return self.tr("could not be checked")
