"""Page 3, "Server settings": what detection found, every field editable, and how far to trust it.

Settings that match a detected candidate show where they came from and its trust badge; if
that source could have been forged (DNS, plain HTTP) or the settings were guessed, the user
must tick that they checked them. Choosing no encryption shows a warning and needs its own
deliberate tick. Settings the user typed are theirs: no badge, no trust tick.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
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
from wizard.gui.draft import Draft, ServerChoice
from wizard.gui.widgets import Notice, Tone, chain_tab_order
from wizard.model import Candidate, Caution, DetectionResult, Security, Trust
from wizard.report import auth_mechanisms
from wizard.smtp.send import SUPPORTED_MECHANISMS

AUTOMATIC = ""  # the auth-method value that lets the test pick the best mechanism offered
# Cautions with their own widget on this page rather than a line in the list.
_SHOWN_ELSEWHERE = {Caution.PLAINTEXT, Caution.UNTRUSTED_SOURCE, Caution.GUESSED}
_NOTHING_YET = object()  # the fields have not been filled from any detection


class SettingsPage(QWizardPage):
    changed = Signal()  # the settings or ticks changed (for tests and the test page)

    def __init__(self, draft: Draft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._draft = draft
        self._shown: object = _NOTHING_YET  # the detection the fields were filled from
        self._candidates: list[Candidate] = []
        self._port_typed = False  # the user set the port: a change of security keeps it
        self.setTitle(self.tr("Server settings"))
        self.setSubTitle(self.tr("Check the outgoing-mail settings; you can change any of them."))

        self.origin = QLabel(self)
        self.origin.setWordWrap(True)
        self.origin.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.badge = Notice(self)

        self.host_edit = QLineEdit(self)
        self.host_edit.setAccessibleName(self.tr("Server"))
        self.host_edit.setPlaceholderText(self.tr("smtp.example.com"))
        self.port_spin = QSpinBox(self)
        self.port_spin.setRange(1, 65535)
        self.port_spin.setAccessibleName(self.tr("Port"))
        self.security_combo = QComboBox(self)
        self.security_combo.setAccessibleName(self.tr("Encryption"))
        for security in Security:
            self.security_combo.addItem(texts.security_label(security), security)
        self.username_edit = QLineEdit(self)
        self.username_edit.setAccessibleName(self.tr("Username"))
        self.auth_combo = QComboBox(self)
        self.auth_combo.setAccessibleName(self.tr("Sign-in method"))

        form = QFormLayout()
        form.addRow(self._buddy(self.tr("&Server:"), self.host_edit), self.host_edit)
        form.addRow(self._buddy(self.tr("P&ort:"), self.port_spin), self.port_spin)
        form.addRow(self._buddy(self.tr("En&cryption:"), self.security_combo), self.security_combo)
        form.addRow(self._buddy(self.tr("&Username:"), self.username_edit), self.username_edit)
        form.addRow(self._buddy(self.tr("S&ign-in method:"), self.auth_combo), self.auth_combo)

        self.cautions = Notice(self)
        self.plaintext_warning = Notice(self)
        self.plaintext_tick = QCheckBox(
            self.tr("&Allow sending my password and mail without encryption"), self
        )
        self.plaintext_tick.setAccessibleName(self.tr("Allow sending without encryption"))
        self.trust_tick = QCheckBox(self.tr("I have checked these settings and &trust them"), self)
        self.trust_tick.setAccessibleName(self.tr("Trust these settings"))

        self.alternatives_label = QLabel(self.tr("Other &possibilities:"), self)
        self.alternatives = QListWidget(self)
        self.alternatives.setAccessibleName(self.tr("Other possible settings"))
        self.alternatives.setWordWrap(True)
        self.alternatives.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.alternatives_label.setBuddy(self.alternatives)

        layout = QVBoxLayout(self)
        layout.addWidget(self.origin)
        layout.addWidget(self.badge)
        layout.addLayout(form)
        layout.addWidget(self.cautions)
        layout.addWidget(self.plaintext_warning)
        layout.addWidget(self.plaintext_tick)
        layout.addWidget(self.trust_tick)
        layout.addWidget(self.alternatives_label)
        layout.addWidget(self.alternatives, 1)
        chain_tab_order(
            self.host_edit,
            self.port_spin,
            self.security_combo,
            self.username_edit,
            self.auth_combo,
            self.plaintext_tick,
            self.trust_tick,
            self.alternatives,
        )

        for edit in (self.host_edit, self.username_edit):
            edit.textChanged.connect(self._update)
        self.port_spin.valueChanged.connect(self._port_edited)
        self.security_combo.currentIndexChanged.connect(self._security_chosen)
        self.auth_combo.currentIndexChanged.connect(self._update)
        self.plaintext_tick.toggled.connect(self._update)
        self.trust_tick.toggled.connect(self._update)
        self.alternatives.currentRowChanged.connect(self._pick)

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(widget)
        return label

    # -- QWizardPage -----------------------------------------------------------------------

    def initializePage(self) -> None:
        """Fill the fields from a new detection; coming back to the same one keeps the edits."""
        detection = self._draft.detection
        if detection is self._shown:
            return
        self._shown = detection
        self._candidates = [] if detection is None else _candidates(detection)
        self.alternatives.blockSignals(True)
        self.alternatives.clear()
        for candidate in self._candidates:
            item = QListWidgetItem(self._describe(candidate), self.alternatives)
            item.setToolTip(candidate.config.origin)
        self.alternatives.blockSignals(False)
        shown = len(self._candidates) > 1
        self.alternatives_label.setVisible(shown)
        self.alternatives.setVisible(shown)
        if self._candidates:
            self.alternatives.setCurrentRow(0)  # fills the fields through _pick
        else:
            self._fill_empty()

    def isComplete(self) -> bool:
        host = self.host_edit.text().strip()
        if not host or any(char.isspace() for char in host):
            return False
        if self._security() is Security.NONE and not self.plaintext_tick.isChecked():
            return False
        return not (self._needs_trust() and not self.trust_tick.isChecked())

    def validatePage(self) -> bool:
        self._draft.choice = self.choice()
        return True

    # -- the settings ----------------------------------------------------------------------

    def choice(self) -> ServerChoice:
        """The settings as the fields show them now."""
        address = self._draft.address
        username = self.username_edit.text().strip()
        if not username and address is not None:
            username = address.address  # what the placeholder promised
        return ServerChoice(
            host=self.host_edit.text().strip().rstrip(".").lower(),
            port=self.port_spin.value(),
            security=self._security(),
            username=username,
            auth_method=self.auth_combo.currentData() or AUTOMATIC,
            origin=self._origin(),
            allow_plaintext=self.plaintext_tick.isChecked(),
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

    def _needs_trust(self) -> bool:
        origin = self._origin()
        return origin is not None and origin.config.trust is not Trust.TRUSTED

    def _fill(self, host: str, port: int, security: Security, username: str) -> None:
        widgets = (self.host_edit, self.port_spin, self.security_combo, self.username_edit)
        for widget in widgets:
            widget.blockSignals(True)
        self.host_edit.setText(host)
        self.port_spin.setValue(port)
        self.security_combo.setCurrentIndex(self.security_combo.findData(security))
        self.username_edit.setText(username)
        for widget in widgets:
            widget.blockSignals(False)
        self._port_typed = False
        self.plaintext_tick.setChecked(False)
        self.trust_tick.setChecked(False)
        self._update()

    def _fill_empty(self) -> None:
        address = self._draft.address
        self.username_edit.setPlaceholderText(address.address if address else "")
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
        """Redraw everything that depends on the fields: origin, badge, warnings, ticks."""
        origin = self._origin()
        self._show_origin(origin)
        self._show_auth_methods(origin)
        plaintext = self._security() is Security.NONE
        self.plaintext_warning.setVisible(plaintext)
        if plaintext:
            domain = self._draft.address.domain_display if self._draft.address else ""
            self.plaintext_warning.show_text(
                Tone.WARNING, texts.describe_caution(Caution.PLAINTEXT, domain)
            )
        self.plaintext_tick.setVisible(plaintext)
        if not plaintext:
            self.plaintext_tick.setChecked(False)
        self.trust_tick.setVisible(self._needs_trust())
        self.completeChanged.emit()
        self.changed.emit()

    def _show_origin(self, origin: Candidate | None) -> None:
        detection = self._draft.detection
        domain = self._draft.address.domain_display if self._draft.address else ""
        if origin is None:
            self.origin.setText(
                self.tr("Entered by you.")
                if self._candidates
                else self.tr("No settings were found: enter the ones your provider gives.")
            )
            self.badge.clear()
            cautions = list(detection.warnings) if detection and not self._candidates else []
        else:
            config = origin.config
            found_by = texts.source_label(config.source)
            self.origin.setText(
                self.tr("Found by: {source} ({origin})").format(
                    source=found_by, origin=config.origin
                )
            )
            tone = Tone.OK if config.trust is Trust.TRUSTED else Tone.WARNING
            self.badge.show_text(
                tone, self.tr("Trust: {trust}").format(trust=texts.trust_label(config.trust))
            )
            cautions = list(origin.warnings)
        lines = [texts.describe_caution(c, domain) for c in cautions if c not in _SHOWN_ELSEWHERE]
        if lines:
            self.cautions.show_text(Tone.WARNING, "\n".join(lines))
        else:
            self.cautions.clear()

    def _show_auth_methods(self, origin: Candidate | None) -> None:
        """Automatic, or one of the mechanisms the server (or its source) names that the test
        can use."""
        named = auth_mechanisms(origin) if origin else []
        # Only what the test send can log in with: others a server or its source names
        # (XOAUTH2, NTLM, GSSAPI...) would only fail; OAuth2-only providers get a caution.
        offered = [mechanism for mechanism in named if mechanism in SUPPORTED_MECHANISMS]
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
            checked = self.tr("not checked")
        elif probe.verified:
            checked = self.tr("answered")
        elif probe.reachable:
            checked = self.tr("answered, certificate not trusted")
        else:
            checked = self.tr("did not answer")
        return self.tr("{host}, port {port}, {security} — {source}, {trust}; {checked}").format(
            host=config.host,
            port=config.port,
            security=texts.security_label(config.security),
            source=texts.source_label(config.source),
            trust=texts.trust_label(config.trust),
            checked=checked,
        )


def _candidates(detection: DetectionResult) -> list[Candidate]:
    return [] if detection.best is None else [detection.best, *detection.alternatives]
