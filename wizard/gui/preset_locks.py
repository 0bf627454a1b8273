"""Organisation presets on the settings page: locked fields keep the preset's values and are
read-only, and a notice says who set them ("Set by your organisation"); settings its policy
refuses (no encryption where it requires encryption, STARTTLS where it requires SSL/TLS, a
sign-in method it does not allow) are refused in the preset's own words."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QWidget

from wizard.address import EmailAddress
from wizard.gui import texts
from wizard.gui.widgets import Notice, Tone
from wizard.messages import field_name
from wizard.model import Security
from wizard.presets import Field, Preset
from wizard.presets_rules import (
    PresetRefusedError,
    allowed_mechanisms,
    check,
    preset_for,
    preset_values,
)
from wizard.smtp.send import SendSettings


class PresetLocks:
    """The locks of the preset for the address being set up, on the fields they cover."""

    def __init__(
        self,
        notice: Notice,
        host: QLineEdit,
        port: QSpinBox,
        security: QComboBox,
        username: QLineEdit,
        auth: QComboBox,
    ) -> None:
        self.notice = notice
        self._host, self._port, self._security, self._username = host, port, security, username
        self._auth = auth
        self.preset: Preset | None = None
        self._address: EmailAddress | None = None

    def load(self, address: EmailAddress | None) -> None:
        """Look up the preset for ``address`` (a small file read) and lock its fields."""
        self._address = address
        self.preset = preset_for(address) if address is not None else None
        locked = self.preset.locked if self.preset else frozenset()
        widgets: dict[Field, QWidget] = {
            Field.HOSTNAME: self._host,
            Field.PORT: self._port,
            Field.SOCKET_TYPE: self._security,
            Field.USERNAME: self._username,
            Field.AUTHENTICATION: self._auth,  # left at "Automatic": the policy's methods
        }
        for field, widget in widgets.items():
            if isinstance(widget, (QLineEdit, QSpinBox)):
                widget.setReadOnly(field in locked)
            else:  # a combo box cannot be read-only; disabled, it still shows its value
                widget.setEnabled(field not in locked)
        if self.preset is None or not locked:
            self.notice.clear()
            return
        names = ", ".join(field_name(field, _tr) for field in widgets if field in locked)
        self.notice.show_text(
            Tone.INFO,
            QCoreApplication.translate(
                "PresetLocks",
                "Set by your organisation ({organisation}). These cannot be changed here: "
                "{fields}.",
            ).format(organisation=self.preset.organisation, fields=names),
        )
        self.fill()

    def fill(self) -> None:
        """Put the preset's values into the locked fields (after the page filled them)."""
        if self.preset is None or self._address is None:
            return
        values = preset_values(self.preset, self._address)
        locked = self.preset.locked
        if Field.HOSTNAME in locked:
            self._host.setText(values.host)
        if Field.PORT in locked:
            self._port.setValue(values.port)
        if Field.SOCKET_TYPE in locked:
            self._security.setCurrentIndex(self._security.findData(Security(values.security)))
        if Field.USERNAME in locked:
            self._username.setText(values.username)
        if Field.AUTHENTICATION in locked:
            self._auth.setCurrentIndex(0)  # "Automatic", among the methods allowed

    def allows_mechanism(self, mechanism: str) -> bool:
        """Whether the organisation (if any) lets the account sign in with ``mechanism``."""
        allowed = allowed_mechanisms(self.preset) if self.preset is not None else None
        return allowed is None or mechanism.upper() in allowed

    def refusal(self, settings: SendSettings) -> str | None:
        """Why the organisation's policy or locks refuse ``settings``, in its words; None if
        they are allowed (or there is no preset)."""
        if self.preset is None or self._address is None:
            return None
        try:
            check(self.preset, self._address, settings)
        except PresetRefusedError as err:
            return texts.describe_error(err)
        return None


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)
