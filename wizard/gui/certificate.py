"""A certificate this computer does not trust, as the user must see it to decide: what was
wrong, the full SHA-256 fingerprint (monospaced, wrapped, selectable, with a Copy button) to
compare with the one the provider gives, and a separate button that trusts exactly this
certificate and sends again. Nothing happens until that button is pressed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from wizard.gui import texts
from wizard.gui.widgets import CopyableText, Notice, Tone
from wizard.model import Certificate

_OCTETS_PER_LINE = 8  # 32 octets: four lines a person can compare group by group


def grouped(fingerprint: str) -> str:
    """``AB:CD:…`` in lines of eight octets, so it wraps where the eye expects."""
    octets = fingerprint.split(":")
    return "\n".join(
        ":".join(octets[i : i + _OCTETS_PER_LINE]) for i in range(0, len(octets), _OCTETS_PER_LINE)
    )


class CertificatePanel(QWidget):
    trust_requested = Signal()  # "Trust this certificate and send again" was pressed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problem = Notice(self)
        self.fingerprint = CopyableText(self.tr("SHA-256 fingerprint of the certificate:"), self)
        self.trust_button = QPushButton(self.tr("T&rust this certificate and send again"), self)
        self.trust_button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.problem)
        layout.addWidget(self.fingerprint)
        layout.addWidget(self.trust_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.trust_button.clicked.connect(self.trust_requested)
        self._sha256 = ""
        self.hide()

    def show_certificate(self, certificate: Certificate) -> None:
        self._sha256 = certificate.sha256
        self.problem.show_text(
            Tone.DANGER,
            self.tr(
                "{problem} Compare the fingerprint below with the one your provider gives; "
                "trust the certificate only if they match exactly."
            ).format(problem=texts.certificate_problem(certificate)),
        )
        self.fingerprint.set_text(grouped(certificate.sha256), copied=certificate.sha256)
        # The sentence takes no focus, and the test's announcement does not say what was
        # wrong: the button that trusts the certificate does, to a screen reader.
        self.trust_button.setAccessibleDescription(self.problem.text())
        self.show()

    @property
    def sha256(self) -> str:
        return self._sha256

    def clear(self) -> None:
        self._sha256 = ""
        self.problem.clear()
        self.trust_button.setAccessibleDescription("")
        self.hide()
