"""The delivery confirmation as a section of the helpdesk's diagnosis report
(``wizard.reporting``): the same words the command line and the wizard show."""

from __future__ import annotations

from wizard.delivery.result import DeliveryResult
from wizard.messages import QT_TRANSLATE_NOOP, Translate, describe_delivery_lines, untranslated
from wizard.reporting.document import Fact, Item, Note, Section

CONTEXT = "Report"

_TITLE = QT_TRANSLATE_NOOP("Report", "Arrived in your mailbox?")
_STATUS = QT_TRANSLATE_NOOP("Report", "Status")
_FOLDER = QT_TRANSLATE_NOOP("Report", "Folder")
_SECONDS = QT_TRANSLATE_NOOP("Report", "Time")
_SERVER = QT_TRANSLATE_NOOP("Report", "Incoming server")


def delivery_section(result: DeliveryResult, tr: Translate = untranslated) -> Section:
    """Status, folder, time and the incoming server as facts (their JSON spellings, for
    comparing reports), then the explanation, the receiving server's verdict and what became
    of the test message."""
    facts: list[Item] = [Fact(tr(CONTEXT, _STATUS), result.status.value)]
    if result.folder is not None:
        facts.append(Fact(tr(CONTEXT, _FOLDER), result.folder))
    if result.seconds is not None:
        facts.append(Fact(tr(CONTEXT, _SECONDS), f"{result.seconds:.1f} s"))
    server = result.server
    if server is not None:
        where = f"{server.host}:{server.port} ({server.security.value})"
        facts.append(Fact(tr(CONTEXT, _SERVER), where))
    notes = [Note(line) for line in describe_delivery_lines(result, tr)]
    return Section(tr(CONTEXT, _TITLE), (*facts, *notes))
