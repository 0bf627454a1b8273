"""The detection page's answer, first thing the eye meets: who runs the server, its name and
port, the encryption, and what that means for the user, in one card.

Tone follows the danger rule: a ✔ only for settings from the provider that answered with a
valid certificate and no danger; red for a danger (never beside a ✔); a calm information line
for settings that are plausible but unconfirmed.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from wizard.gui import texts
from wizard.gui.widgets import Notice, Tone
from wizard.model import Candidate, Caution, Trust

_DANGERS = (Caution.PLAINTEXT, Caution.NO_STARTTLS, Caution.CERTIFICATE, Caution.FOREIGN_DOMAIN)


class ResultCard(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.facts = QLabel(self)
        self.facts.setWordWrap(True)
        self.meaning = Notice(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.facts)
        layout.addWidget(self.meaning)
        self.hide()

    def show_candidate(self, candidate: Candidate, domain: str) -> str:
        """Fill the card; returns what it says, for the screen reader's announcement."""
        config = candidate.config
        self.heading.setText(config.provider or config.host)
        self.facts.setText(
            "\n".join(
                (
                    self.tr("Server: {host}, port {port}").format(
                        host=config.host, port=config.port
                    ),
                    self.tr("Encryption: {security}").format(
                        security=texts.security_label(config.security)
                    ),
                    texts.describe_origin(candidate, domain),
                )
            )
        )
        tone, meaning = self._meaning(candidate, domain)
        self.meaning.show_text(tone, meaning)
        self.show()
        return "\n".join((self.heading.text(), self.facts.text(), meaning))

    def show_nothing(self, heading: str, text: str, why: str = "") -> str:
        """No settings: ``why`` says what detection learned meanwhile (the domain does not
        exist). Returns what the card says, for the screen reader's announcement."""
        self.heading.setText(heading)
        self.facts.setText(text)
        if why:
            self.meaning.show_text(Tone.WARNING, why)
        else:
            self.meaning.clear()
        self.show()
        return "\n".join(line for line in (heading, text, why) if line)

    def _meaning(self, candidate: Candidate, domain: str) -> tuple[Tone, str]:
        warnings = candidate.warnings
        dangers = [c for c in _DANGERS if c in warnings]
        if dangers:
            first = dangers[0]
            return Tone.DANGER, texts.describe_caution(first, domain, candidate.config.link)
        if (
            candidate.config.trust is Trust.TRUSTED
            and texts.describe_check(candidate)
            and not warnings
        ):
            return Tone.OK, self.tr(
                "Your password and your mail will travel encrypted to your provider's server."
            )
        calm = " ".join(texts.describe_caution(c, domain) for c in warnings)
        return Tone.INFO, calm or self.tr("Check these settings on the next page.")
