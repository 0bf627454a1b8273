"""Loading the user's language: the wizard's own translations and Qt's (buttons, dialogs).

Translations are compiled ``.qm`` files: ours in ``resources/translations/`` (made from the
``.ts`` sources by ``scripts/update_translations.sh``), Qt's ``qtbase_*.qm`` from the folder
PySide6 ships them in. A language with no file simply stays English.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from wizard.resources import resource_path

CATALOGUE = "wizard"  # resources/translations/wizard_<language>.qm


class Translations:
    """The translators installed in the application, replaceable as a whole."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []

    def use(self, locale: QLocale) -> None:
        """Show the wizard and Qt in ``locale``'s language (or the closest one shipped)."""
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed = []
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, folder in (
            ("qtbase", qt_folder),
            (CATALOGUE, str(resource_path("translations"))),
        ):
            translator = QTranslator(self._app)
            if translator.load(locale, name, "_", folder):
                self._app.installTranslator(translator)
                self._installed.append(translator)
