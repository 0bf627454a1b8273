"""Report sections built from the engine's results, in the reader's language.

Section titles and labels are marked for translation (context "Report"); the sentences about
findings come from ``wizard.messages``. Pass ``untranslated`` for English.
"""

from __future__ import annotations

from wizard.domaincheck.model import DomainHealth, StepStatus
from wizard.messages import (
    QT_TRANSLATE_NOOP,
    Translate,
    describe_finding,
    domain_check_label,
    domain_verdict,
    untranslated,
)
from wizard.reporting.document import Fact, Item, Note, Section

CONTEXT = "Report"

_DOMAIN_TITLE = QT_TRANSLATE_NOOP("Report", "Sender domain {domain}")
_SENDING_TITLE = QT_TRANSLATE_NOOP("Report", "Will your mail arrive? (SPF, DKIM, DMARC)")
_INBOUND_TITLE = QT_TRANSLATE_NOOP(
    "Report", "How others deliver to {domain} (MTA-STS, TLS-RPT, DANE)"
)
_VERDICT = QT_TRANSLATE_NOOP("Report", "Verdict")
_SERVER = QT_TRANSLATE_NOOP("Report", "Outgoing server")
_NO_SERVER = QT_TRANSLATE_NOOP("Report", "none given: SPF was not evaluated for a server")
_INCOMPLETE = QT_TRANSLATE_NOOP(
    "Report", "Not every check finished within its time limit; the results are incomplete."
)
_CHECKED_IN = QT_TRANSLATE_NOOP("Report", "Checked in")
_STEP_DETAILS = QT_TRANSLATE_NOOP("Report", "Technical details")


def domain_section(health: DomainHealth, tr: Translate = untranslated) -> Section:
    """The domain check: the verdict, then sending and receiving findings in two groups (the
    first decides whether the user's mail arrives, the second does not)."""
    server = health.server or tr(CONTEXT, _NO_SERVER)
    if health.server and health.server_addresses:
        server += f" ({', '.join(health.server_addresses)})"
    head: list[Item] = [
        Fact(tr(CONTEXT, _VERDICT), domain_verdict(health.verdict, health.domain, tr)),
        Fact(tr(CONTEXT, _SERVER), server),
        Fact(tr(CONTEXT, _CHECKED_IN), f"{health.elapsed_ms} ms"),
    ]
    if not health.complete:
        head.append(Note(tr(CONTEXT, _INCOMPLETE)))

    def group(inbound: bool) -> tuple[Item, ...]:
        return tuple(
            Note(
                f"{domain_check_label(f.check, tr)}: {describe_finding(f, health.domain, tr)}",
                f.severity,
            )
            for f in health.findings
            if f.check.inbound is inbound
        )

    details = tuple(
        Fact(domain_check_label(step.check, tr), _step_detail(step.status, step.detail))
        for step in health.steps
    )
    return Section(
        tr(CONTEXT, _DOMAIN_TITLE).format(domain=health.domain),
        tuple(head),
        (
            Section(tr(CONTEXT, _SENDING_TITLE), group(inbound=False)),
            Section(tr(CONTEXT, _INBOUND_TITLE).format(domain=health.domain), group(inbound=True)),
            Section(tr(CONTEXT, _STEP_DETAILS), details),
        ),
    )


def _step_detail(status: StepStatus, detail: str) -> str:
    if status is StepStatus.DONE:
        return detail
    return f"{status.value}: {detail}" if detail else status.value
