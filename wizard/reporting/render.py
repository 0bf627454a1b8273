"""One entry point for every report format, with redaction applied to data and to text."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import TypeVar

from wizard.messages import QT_TRANSLATE_NOOP, Translate, untranslated
from wizard.printable import printable
from wizard.reporting.collect import DiagnosisReport
from wizard.reporting.html import render_html
from wizard.reporting.json import report_json
from wizard.reporting.layout import report_document
from wizard.reporting.redact import Redactor, map_strings
from wizard.reporting.text import render_markdown, render_text

# The report's language code, as its translators give it (HTML's lang attribute).
_CONTEXT = "Report"
T = TypeVar("T")
_LANGUAGE = QT_TRANSLATE_NOOP("Report", "en")


class ReportFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    JSON = "json"

    @property
    def suffix(self) -> str:
        return {"text": ".txt", "markdown": ".md", "html": ".html", "json": ".json"}[self.value]


def render_report(
    report: DiagnosisReport,
    form: ReportFormat,
    redactor: Redactor,
    tr: Translate = untranslated,
) -> str:
    """``report`` in ``form``, in the reader's language (JSON stays English for scripts)."""
    clean = redactor.data(report)
    if form is ReportFormat.JSON:
        text = json.dumps(report_json(clean), ensure_ascii=False, indent=2) + "\n"
    else:
        document = readable(report_document(clean, tr))
        if form is ReportFormat.HTML:
            text = render_html(document, language=tr(_CONTEXT, _LANGUAGE))
        elif form is ReportFormat.MARKDOWN:
            text = render_markdown(document)
        else:
            text = render_text(document)
    return redactor.text(text)


def readable(document: T) -> T:
    """``document`` (or one section of it) with every control character in it shown, not
    obeyed: records, greetings and replies come from the network (``wizard.printable``).
    JSON needs no such care: its own escaping shows them."""
    return map_strings(document, printable)
