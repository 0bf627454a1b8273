"""Page 3, "Server settings": what detection found, every field editable, and how far it holds.

Settings that match a detected candidate say in plain words where they came from and what the
live check confirmed (a ✔ only for settings from the provider that answered with a valid
certificate). Unconfirmed but plausible settings (DNS, a guess) get a calm information line.
Each danger gets its own red sentence saying what to check, and the two the user may accept
have their own confirmation naming exactly that: no encryption ("Yes, send without
encryption") and a server in another domain reached through a step nobody vouched for ("Yes,
send my password to collector.example"). A server that dropped its encryption offer cannot be
accepted at all. URLs and DNS names are technical details, folded away.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from wizard.gui import texts
from wizard.gui.cautions import Confirmation
from wizard.gui.draft import Draft, SearchEnd, ServerChoice
from wizard.gui.preset_locks import PresetLocks
from wizard.gui.widgets import (
    CopyableText,
    Folding,
    Notice,
    Tone,
    announce_with_tone,
    is_return,
    page_body,
    plain_label,
)
from wizard.model import Candidate, Caution, DetectionResult, Security, Trust
from wizard.report import auth_mechanisms
from wizard.smtp.send import SUPPORTED_MECHANISMS, SendSettings

AUTOMATIC = ""  # the auth-method value that lets the test pick the best mechanism offered
# Dangers: red, never beside a ✔. The first two have their own confirmation widget.
_DANGERS = (Caution.NO_STARTTLS, Caution.CERTIFICATE)
_CONFIRMED_ELSEWHERE = {Caution.PLAINTEXT, Caution.FOREIGN_DOMAIN}
_NOTHING_YET = object()  # the fields have not been filled from any detection


class SettingsPage(QWizardPage):
    changed = Signal()  # the settings or confirmations changed (for tests and the test page)

    def __init__(self, draft: Draft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._draft = draft
        self._shown: object = _NOTHING_YET  # the detection the fields were filled from
        self._candidates: list[Candidate] = []
        self._port_typed = False  # the user set the port: a change of security keeps it
        self.setTitle(self.tr("Server settings"))
        self.setSubTitle(self.tr("Check the outgoing-mail settings; you can change any of them."))
        body = page_body(self)

        # Created in the order they are shown and read: that is also the Tab order.
        self.origin = QLabel(body)
        self.origin.setWordWrap(True)
        self.origin.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.checked = Notice(body)  # ✔ confirmed, or a calm information line
        self.organisation = Notice(body)  # fields an organisation's preset locks
        self.host_edit = QLineEdit(body)
        self.port_spin = QSpinBox(body)
        self.port_spin.setRange(1, 65535)
        self.security_combo = QComboBox(body)
        for security in Security:
            self.security_combo.addItem(texts.security_label(security), security)
        self.username_edit = QLineEdit(body)
        self.auth_combo = QComboBox(body)
        self.dangers = Notice(body)
        self.plaintext = Confirmation(body)
        self.foreign = Confirmation(body)
        self.info = Notice(body)
        self.alternatives_label = QLabel(self.tr("Other &possibilities:"), body)
        self.alternatives = QListWidget(body)
        self.alternatives.setWordWrap(True)
        self.alternatives.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.alternatives.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        self.alternatives_label.setBuddy(self.alternatives)
        self.alternatives.setAccessibleName(self.tr("Other possibilities"))
        self.technical = CopyableText(self.tr("Technical details, for your helpdesk:"))
        self.details = Folding(self.tr("&Details"), self.technical, body)

        form = QFormLayout()
        for text, widget in (
            (self.tr("&Server:"), self.host_edit),
            (self.tr("P&ort:"), self.port_spin),
            (self.tr("En&cryption:"), self.security_combo),
            (self.tr("&Username:"), self.username_edit),
            (self.tr("S&ign-in method:"), self.auth_combo),
        ):
            form.addRow(self._buddy(text, widget, body), widget)
        layout = QVBoxLayout(body)
        layout.addWidget(self.origin)
        layout.addWidget(self.checked)
        layout.addWidget(self.organisation)
        layout.addLayout(form)
        for section in (self.dangers, self.plaintext, self.foreign, self.info):
            layout.addWidget(section)
        layout.addWidget(self.alternatives_label)
        layout.addWidget(self.alternatives, 1)
        layout.addWidget(self.details)

        self.locks = PresetLocks(
            self.organisation,
            self.host_edit,
            self.port_spin,
            self.security_combo,
            self.username_edit,
            self.auth_combo,
        )
        for edit in (self.host_edit, self.username_edit):
            edit.textChanged.connect(self._update)
        self.port_spin.valueChanged.connect(self._port_edited)
        self.security_combo.currentIndexChanged.connect(self._security_chosen)
        self.auth_combo.currentIndexChanged.connect(self._update)
        self.plaintext.changed.connect(self._update)
        self.foreign.changed.connect(self._update)
        self.alternatives.currentRowChanged.connect(self._pick)

    @staticmethod
    def _buddy(text: str, widget: QWidget, parent: QWidget) -> QLabel:
        """The field's visible label, which is also its accessible name."""
        label = QLabel(text, parent)
        label.setBuddy(widget)
        widget.setAccessibleName(plain_label(text))
        return label

    # -- QWizardPage -----------------------------------------------------------------------

    def initializePage(self) -> None:
        """Fill the fields from a new detection; coming back to the same one keeps the edits."""
        detection = self._draft.detection
        if detection is self._shown:
            return
        self._shown = detection
        self.locks.load(self._draft.address)
        self._draft.preset = self.locks.preset
        self._candidates = [] if detection is None else _candidates(detection)
        self.alternatives.blockSignals(True)
        self.alternatives.clear()
        for candidate in self._candidates:
            QListWidgetItem(self._describe(candidate), self.alternatives)
        self.alternatives.blockSignals(False)
        shown = len(self._candidates) > 1
        self.alternatives_label.setVisible(shown)
        self.alternatives.setVisible(shown)
        if self._candidates:
            self.alternatives.setCurrentRow(0)  # fills the fields through _pick
        else:
            self._fill_empty()

    def isComplete(self) -> bool:
        return self._blocker() is None

    def validatePage(self) -> bool:
        self._draft.choice = self.choice()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Return while Next is disabled says why, and what would let the user go on: a
        screen reader user would otherwise hear nothing at all."""
        blocker = self._blocker() if is_return(event) else None
        if blocker is None:
            super().keyPressEvent(event)
            return
        tone, said = blocker
        if said:
            announce_with_tone(self, tone, said)
        event.accept()

    def _blocker(self) -> tuple[Tone, str] | None:
        """What keeps the page from going on, in the words Return says (``keyPressEvent``);
        None when nothing does (``isComplete``)."""
        host = self.host_edit.text().strip()
        if not host or any(char.isspace() for char in host):
            return Tone.WARNING, self.tr(
                "Enter the name of the outgoing-mail server (without spaces)."
            )
        for confirmation in (self.plaintext, self.foreign):
            if confirmation.needed and not confirmation.confirmed:
                said = self.tr("{danger}\nTo use this server anyway, tick “{agreement}”.").format(
                    danger=confirmation.notice.text(), agreement=confirmation.tick.text()
                )
                return Tone.DANGER, said
        origin = self._origin()
        # The organisation's policy, which no confirmation can override, or a server that
        # dropped its encryption offer, which agreeing to cannot make safe: said in red above.
        if self._refused() is not None or (
            origin is not None and Caution.NO_STARTTLS in origin.warnings
        ):
            return Tone.DANGER, self.dangers.text()
        return None

    # -- the settings ----------------------------------------------------------------------

    def choice(self) -> ServerChoice:
        """The settings as the fields show them now."""
        address = self._draft.address
        username = self.username_edit.text().strip()
        if not username and address is not None:
            username = address.address  # what the placeholder promised
        origin = self._origin()
        return ServerChoice(
            host=self.host_edit.text().strip().rstrip(".").lower(),
            port=self.port_spin.value(),
            security=self._security(),
            username=username,
            auth_method=self.auth_combo.currentData() or AUTOMATIC,
            origin=origin,
            allow_plaintext=self.plaintext.confirmed,
            trusted_domain=(
                origin.config.link.server_domain
                if origin and origin.config.link and self.foreign.confirmed
                else None
            ),
        )

    def _refused(self) -> str | None:
        """Why the organisation's preset refuses the settings as they stand, if it does."""
        address = self._draft.address
        if address is None:
            return None
        choice = self.choice()
        return self.locks.refusal(
            SendSettings(
                host=choice.host,
                port=choice.port,
                security=choice.security,
                username=choice.username,
                address=address.address,
                auth_method=choice.auth_method or None,
            )
        )

    def _security(self) -> Security:
        # Qt hands a str subclass back as a plain str: make it a Security again.
        return Security(self.security_combo.currentData())

    def _origin(self) -> Candidate | None:
        """The detected candidate the fields match, if any: it vouches for them."""
        endpoint = (
            self.host_edit.text().strip().rstrip(".").lower(),
            self.port_spin.value(),
            self._security(),
        )
        return next(
            (c for c in self._candidates if c.config.endpoint == endpoint),
            None,
        )

    def _fill(self, host: str, port: int, security: Security, username: str) -> None:
        widgets = (self.host_edit, self.port_spin, self.security_combo, self.username_edit)
        for widget in widgets:
            widget.blockSignals(True)
        self.host_edit.setText(host)
        self.port_spin.setValue(port)
        self.security_combo.setCurrentIndex(self.security_combo.findData(security))
        self.username_edit.setText(username)
        self.locks.fill()  # an organisation's locked fields keep its values
        for widget in widgets:
            widget.blockSignals(False)
        self._port_typed = False
        self.plaintext.withdraw()
        self.foreign.withdraw()
        self._update()

    def _fill_empty(self) -> None:
        address = self._draft.address
        shown = address.address if address else ""
        self.username_edit.setPlaceholderText(shown)
        # Said as a description, so an empty field does not sound filled in.
        self.username_edit.setAccessibleDescription(
            self.tr("Empty: your email address is used.") if shown else ""
        )
        self._fill("", Security.SSL.submission_port, Security.SSL, "")

    @Slot(int)
    def _pick(self, row: int) -> None:
        if 0 <= row < len(self._candidates):
            config = self._candidates[row].config
            self._fill(config.host, config.port, config.security, config.username)

    @Slot(int)
    def _port_edited(self, _port: int) -> None:
        self._port_typed = True
        self._update()

    @Slot(int)
    def _security_chosen(self, _index: int) -> None:
        """Follow the usual port of the new security, unless the user set the port."""
        if not self._port_typed:
            self.port_spin.blockSignals(True)
            self.port_spin.setValue(self._security().submission_port)
            self.port_spin.blockSignals(False)
        self._update()

    @Slot()
    def _update(self) -> None:
        """Redraw everything that depends on the fields: origin, checks, dangers, agreements."""
        origin = self._origin()
        self._show_origin(origin)
        self._show_auth_methods(origin)
        self._show_cautions(origin)
        self.completeChanged.emit()
        self.changed.emit()

    def _domain(self) -> str:
        return self._draft.address.domain_display if self._draft.address else ""

    def _show_origin(self, origin: Candidate | None) -> None:
        """Where the settings came from, and a ✔ only for what was confirmed with no danger."""
        if origin is None:
            self.origin.setText(self._no_origin())
            self.checked.clear()
            self.technical.set_text("")
            self.details.setVisible(False)
            return
        self.origin.setText(texts.describe_origin(origin, self._domain()))
        self.technical.set_text(origin.config.origin)
        self.details.setVisible(True)
        confirmed = texts.describe_check(origin)
        dangerous = any(c in origin.warnings for c in (*_DANGERS, *_CONFIRMED_ELSEWHERE))
        trusted = origin.config.trust is Trust.TRUSTED
        if confirmed and trusted and not dangerous:
            self.checked.show_text(Tone.OK, confirmed)
        else:
            self.checked.clear()

    def _no_origin(self) -> str:
        if self._candidates:
            return self.tr("Entered by you.")
        end = self._draft.search_end
        if end is SearchEnd.MANUAL:
            return self.tr(
                "You chose to set up the account yourself: enter the settings your provider gives."
            )
        if end is SearchEnd.STOPPED:
            return self.tr(
                "The search was stopped before it found settings: enter the ones your "
                "provider gives."
            )
        return self.tr("No settings were found: enter the ones your provider gives.")

    def _show_cautions(self, origin: Candidate | None) -> None:
        """Each caution once: dangers in red (two with their own agreement), the rest calm."""
        domain = self._domain()
        detection = self._draft.detection
        if origin is not None:
            cautions = list(origin.warnings)
        elif detection is not None and not self._candidates:
            cautions = list(detection.warnings)
        else:
            cautions = []
        if self._security() is Security.NONE and Caution.PLAINTEXT not in cautions:
            cautions.insert(0, Caution.PLAINTEXT)  # chosen by hand: just as dangerous
        refused = self._refused()
        if Caution.PLAINTEXT in cautions and refused is None:
            self.plaintext.ask(
                texts.describe_caution(Caution.PLAINTEXT, domain), texts.confirm_plaintext()
            )
        else:
            self.plaintext.withdraw()
        link = origin.config.link if origin else None
        if Caution.FOREIGN_DOMAIN in cautions and link is not None:
            self.foreign.ask(
                texts.describe_caution(Caution.FOREIGN_DOMAIN, domain, link),
                texts.confirm_foreign(link),
            )
        else:
            self.foreign.withdraw()
        dangers = [texts.describe_caution(c, domain) for c in cautions if c in _DANGERS]
        if refused is not None:
            dangers.insert(0, refused)  # the organisation's rule, in its own words
        if dangers:
            self.dangers.show_text(Tone.DANGER, "\n".join(dangers))
        else:
            self.dangers.clear()
        calm = [
            texts.describe_caution(c, domain)
            for c in cautions
            if c not in _DANGERS and c not in _CONFIRMED_ELSEWHERE
        ]
        if calm:
            self.info.show_text(Tone.INFO, "\n".join(calm))
        else:
            self.info.clear()

    def _show_auth_methods(self, origin: Candidate | None) -> None:
        """Automatic, or one of the mechanisms the server (or its source) names that the test
        can use."""
        named = auth_mechanisms(origin) if origin else []
        # Only what the test send can log in with: others a server or its source names
        # (XOAUTH2, NTLM, GSSAPI...) would only fail; OAuth2-only providers get a caution.
        offered = [
            mechanism
            for mechanism in named
            if mechanism in SUPPORTED_MECHANISMS and self.locks.allows_mechanism(mechanism)
        ]
        wanted = [AUTOMATIC, *offered]
        current = [self.auth_combo.itemData(i) for i in range(self.auth_combo.count())]
        if current == wanted:
            return
        chosen = self.auth_combo.currentData()
        self.auth_combo.blockSignals(True)
        self.auth_combo.clear()
        self.auth_combo.addItem(self.tr("Automatic (the best the server offers)"), AUTOMATIC)
        for mechanism in offered:
            self.auth_combo.addItem(mechanism, mechanism)
        index = self.auth_combo.findData(chosen)
        self.auth_combo.setCurrentIndex(max(index, 0))
        self.auth_combo.blockSignals(False)

    def _describe(self, candidate: Candidate) -> str:
        config, probe = candidate.config, candidate.probe
        if probe is None:
            checked = self.tr("Not checked")
        elif probe.verified:
            checked = self.tr("Answered")
        elif probe.reachable:
            checked = self.tr("Answered, certificate not confirmed")
        else:
            checked = self.tr("Did not answer")
        return self.tr("{host}, port {port}, {security}: {origin} {checked}.").format(
            host=config.host,
            port=config.port,
            security=texts.security_label(config.security),
            origin=texts.describe_origin(candidate, self._domain()),
            checked=checked,
        )


def _candidates(detection: DetectionResult) -> list[Candidate]:
    return [] if detection.best is None else [detection.best, *detection.alternatives]
