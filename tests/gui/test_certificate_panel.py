"""The certificate panel says what is wrong as a person understands it: the day it expired in
the user's locale (ISO 8601 under the C locale), the names it was issued for and the server
it was checked for, in the user's language."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QLocale

from wizard.gui.certificate import CertificatePanel
from wizard.model import Certificate, CertProblem

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pytestqt.qtbot import QtBot

    from wizard.gui.i18n import Translations

FINGERPRINT = ":".join(["AB"] * 32)
EXPIRED = Certificate(
    FINGERPRINT,
    verified=False,
    problem=CertProblem.EXPIRED,
    host="smtp.example.com",
    names=("smtp.example.com",),
    not_after=datetime(2026, 12, 6, 12, 0, tzinfo=UTC),  # the 6th in every time zone
)
WRONG_HOST = Certificate(
    FINGERPRINT,
    verified=False,
    problem=CertProblem.WRONG_HOST,
    host="smtp.example.com",
    names=("mail.hoster.example", "*.hoster.example"),
)


@pytest.fixture
def locale() -> Iterator[None]:
    """The test sets the locale days are written in; it is put back afterwards."""
    before = QLocale()
    yield
    QLocale.setDefault(before)


def _said(qtbot: QtBot, certificate: Certificate) -> str:
    panel = CertificatePanel()
    qtbot.addWidget(panel)
    panel.show_certificate(certificate)
    return panel.problem.text()


@pytest.mark.usefixtures("locale")
@pytest.mark.parametrize(
    ("language", "country", "said"),
    [
        (QLocale.Language.C, QLocale.Country.AnyCountry, "The certificate expired on 2026-12-06."),
        (
            QLocale.Language.English,
            QLocale.Country.UnitedStates,
            "The certificate expired on 12/6/2026.",
        ),
        (
            QLocale.Language.German,
            QLocale.Country.Germany,
            "Das Zertifikat ist am 06.12.2026 abgelaufen.",
        ),
    ],
)
def test_an_expired_certificate_says_the_day_in_the_users_locale(
    qtbot: QtBot,
    translations: Translations,
    language: QLocale.Language,
    country: QLocale.Country,
    said: str,
) -> None:
    QLocale.setDefault(QLocale(language, country))
    translations.use(QLocale(language, country))
    assert _said(qtbot, EXPIRED).startswith(said)


def test_a_certificate_for_another_name_names_both(
    qtbot: QtBot, translations: Translations
) -> None:
    translations.use(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    assert _said(qtbot, WRONG_HOST).startswith(
        "Das Zertifikat wurde für mail.hoster.example, *.hoster.example ausgestellt, "
        "nicht für smtp.example.com."
    )
