"""The GUI's only door to ``wizard.messages``: engine codes and errors in the user's language.

``wizard.messages`` owns the sentences (so the CLI and the GUI explain a problem the same way);
this module hands it Qt's translator, so they come out in whatever language was loaded. Pages
call these functions and never ``wizard.messages`` itself.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale

from wizard import messages
from wizard.delivery.result import DeliveryResult
from wizard.errors import WizardError
from wizard.model import (
    Candidate,
    Caution,
    Certificate,
    Link,
    Security,
    SourceName,
    SourceReport,
    SourceStatus,
    Trust,
)
from wizard.oauth.loopback import SignInPages
from wizard.smtp.diagnosis import Diagnosis, Stage


def _translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def describe_error(error: BaseException) -> str:
    """What went wrong, for any error an engine operation ended with."""
    if isinstance(error, WizardError):
        return messages.describe_error(error, _translate)
    # Not an error the engine names (a bug): still say something, with the program's words.
    return messages.describe_error(WizardError(f"{type(error).__name__}: {error}"), _translate)


def describe_caution(caution: Caution, domain: str, link: Link | None = None) -> str:
    return messages.describe_caution(caution, domain, _translate, link=link)


def describe_origin(candidate: Candidate, domain: str) -> str:
    return messages.describe_origin(candidate, domain, _translate)


def describe_check(candidate: Candidate) -> str | None:
    return messages.describe_live_check(candidate, _translate)


def confirm_plaintext() -> str:
    return messages.confirm_plaintext(_translate)


def confirm_foreign(link: Link) -> str:
    return messages.confirm_foreign(link, _translate)


def describe_ignored_sign_in(urls: tuple[str, ...]) -> str:
    return messages.describe_ignored_sign_in(urls, _translate)


def sign_in_pages() -> SignInPages:
    """The browser's pages after a sign-in, in the wizard's language."""
    return messages.sign_in_pages(_translate)


def source_label(source: SourceName) -> str:
    return messages.source_label(source, _translate)


def status_label(status: SourceStatus) -> str:
    return messages.status_label(status, _translate)


def describe_source(report: SourceReport) -> str:
    """How a source ended, in one sentence for its row."""
    return messages.describe_source(report, _translate)


def security_label(security: Security) -> str:
    return messages.security_label(security, _translate)


def trust_label(trust: Trust) -> str:
    return messages.trust_label(trust, _translate)


def describe_diagnosis(diagnosis: Diagnosis) -> tuple[str, str]:
    """Why a test send failed, and what to try."""
    return messages.describe_diagnosis(diagnosis, _translate)


def stage_label(stage: Stage) -> str:
    return messages.stage_label(stage, _translate)


def words_of_test_message() -> tuple[str, str]:
    """The test message's subject and body in the wizard's language (``SendSettings``)."""
    return messages.words_of_test_message(_translate)


def certificate_problem(certificate: Certificate) -> str:
    """Why a certificate was not accepted, its dates in the user's locale."""
    return messages.describe_certificate_problem(certificate, _translate, date)


def date(when: datetime) -> str:
    """A day as the user's locale writes it, with a four-digit year; ISO 8601 under the C
    locale (``C.UTF-8``), whose own format ("7 12 2026") nobody reads comfortably."""
    locale = QLocale()
    if locale.language() is QLocale.Language.C:
        return messages.iso_day(when)
    return locale.toString(_moment(when).date(), _day_format(locale))


def date_time(when: datetime) -> str:
    """A moment as the user's locale writes it, with a four-digit year; ISO 8601 under the C
    locale."""
    locale = QLocale()
    if locale.language() is QLocale.Language.C:
        return when.astimezone().strftime("%Y-%m-%d %H:%M")
    time_format = locale.timeFormat(QLocale.FormatType.ShortFormat)
    return locale.toString(_moment(when), f"{_day_format(locale)} {time_format}")


def _day_format(locale: QLocale) -> str:
    """The locale's short date format, with the year in four digits ("07.12.26" is ambiguous)."""
    day = locale.dateFormat(QLocale.FormatType.ShortFormat)
    return day if "yyyy" in day else day.replace("yy", "yyyy")


def _moment(when: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(when.timestamp()))


def describe_delivery(result: DeliveryResult) -> list[str]:
    """The delivery confirmation's findings, line by line (``wizard.delivery``), its days in
    the user's locale."""
    return messages.describe_delivery_lines(result, _translate, date)


def seconds(value: float) -> str:
    """Seconds as the confirmation's sentences write them."""
    return messages.format_seconds(value)
