"""The whole diagnosis report as a ``Document``, in the reader's language.

The order is the order a helpdesk reads in: the summary (who, what, which server, did it
work), warnings, the chosen settings and why, the test send with its transcript, every server
tried with its certificate, every source with what it asked and answered, the network, and the
sender domain.
"""

from __future__ import annotations

from wizard.domaincheck.model import Severity
from wizard.messages import (
    QT_TRANSLATE_NOOP,
    Translate,
    describe_caution,
    describe_network_finding,
    describe_outcome,
    describe_source,
    domain_verdict,
    probe_failure_label,
    security_label,
    source_label,
    status_label,
    trust_label,
    untranslated,
)
from wizard.model import Candidate, ProbeResult
from wizard.report import auth_mechanisms
from wizard.reporting.collect import DiagnosisReport, SettingsOrigin, TestSkipped
from wizard.reporting.delivery import delivery_section
from wizard.reporting.document import Document, Fact, Item, Note, Section, Table, Verbatim
from wizard.reporting.network import NetworkFindings
from wizard.reporting.sections import domain_section

C = "Report"

_TITLE = QT_TRANSLATE_NOOP("Report", "Email setup diagnosis for {address}")
_SUMMARY = QT_TRANSLATE_NOOP("Report", "Summary")
_ADDRESS = QT_TRANSLATE_NOOP("Report", "Address")
_CREATED = QT_TRANSLATE_NOOP("Report", "Created")
_PROGRAM = QT_TRANSLATE_NOOP("Report", "Program")
_SYSTEM = QT_TRANSLATE_NOOP("Report", "Operating system")
_KEYCHAIN = QT_TRANSLATE_NOOP("Report", "Keychain")
_SERVER = QT_TRANSLATE_NOOP("Report", "Outgoing server")
_USERNAME = QT_TRANSLATE_NOOP("Report", "Username")
_SETTINGS_FROM = QT_TRANSLATE_NOOP("Report", "Settings from")
_TEST = QT_TRANSLATE_NOOP("Report", "Test send")
_DOMAIN = QT_TRANSLATE_NOOP("Report", "Sender domain")
_NOTHING_FOUND = QT_TRANSLATE_NOOP("Report", "No outgoing-mail settings were found.")
_ORIGINS = {
    SettingsOrigin.ACCOUNT: QT_TRANSLATE_NOOP("Report", "the stored account"),
    SettingsOrigin.DETECTED: QT_TRANSLATE_NOOP("Report", "detection"),
    SettingsOrigin.NONE: QT_TRANSLATE_NOOP("Report", "nowhere: nothing was found"),
}
_TEST_PASSED = QT_TRANSLATE_NOOP("Report", "passed")
_TEST_FAILED = QT_TRANSLATE_NOOP("Report", "failed: {explanation}")
_SKIPPED = {
    TestSkipped.NO_CREDENTIALS: QT_TRANSLATE_NOOP(
        "Report",
        "not run: no password was at hand (no stored account, and none was given), so no "
        "message was sent",
    ),
    TestSkipped.NO_STORED_PASSWORD: QT_TRANSLATE_NOOP(
        "Report",
        "not run: the stored account's password or sign-in could not be read from the "
        "keychain (see Keychain above), so no message was sent",
    ),
    TestSkipped.NO_SETTINGS: QT_TRANSLATE_NOOP("Report", "not run: no server was found"),
    TestSkipped.UNTRUSTED_SETTINGS: QT_TRANSLATE_NOOP(
        "Report",
        "not run: the settings were found in DNS, over plain HTTP or by guessing, or lead into "
        "another domain, and no one has confirmed them, so the password was not sent to them; "
        "set the account up first (setup, or the wizard)",
    ),
}
_WARNINGS = QT_TRANSLATE_NOOP("Report", "Warnings")
_CHOSEN = QT_TRANSLATE_NOOP("Report", "The chosen settings, and why")
_FOUND_BY = QT_TRANSLATE_NOOP("Report", "Found by")
_TRUST = QT_TRANSLATE_NOOP("Report", "Trust")
_LIVE = QT_TRANSLATE_NOOP("Report", "Live check")
_CONFIRMED = QT_TRANSLATE_NOOP("Report", "the server answered with this security")
_NOT_CONFIRMED = QT_TRANSLATE_NOOP("Report", "not confirmed: {problem}")
_UNCHECKED = QT_TRANSLATE_NOOP("Report", "not checked during detection")
_SIGN_IN = QT_TRANSLATE_NOOP("Report", "Sign-in methods")
_WHY = QT_TRANSLATE_NOOP(
    "Report",
    "Chosen because it is the best-ranked answer: servers confirmed live come first, then the "
    "more trustworthy source, then implicit TLS over STARTTLS over none.",
)
_TRANSCRIPT = QT_TRANSLATE_NOOP("Report", "Transcript (passwords and AUTH data removed)")
_SERVERS = QT_TRANSLATE_NOOP("Report", "Servers tried")
_COLUMNS_SERVERS = (
    QT_TRANSLATE_NOOP("Report", "Server"),
    QT_TRANSLATE_NOOP("Report", "Port"),
    QT_TRANSLATE_NOOP("Report", "Security"),
    QT_TRANSLATE_NOOP("Report", "Found by"),
    QT_TRANSLATE_NOOP("Report", "Live result"),
    QT_TRANSLATE_NOOP("Report", "Certificate"),
)
_ANSWERED = QT_TRANSLATE_NOOP("Report", "answered")
_TRUSTED = QT_TRANSLATE_NOOP("Report", "trusted")
_UNTRUSTED = QT_TRANSLATE_NOOP("Report", "not trusted")
_CERTIFICATES = QT_TRANSLATE_NOOP("Report", "Certificates")
_CERT_SUBJECT = QT_TRANSLATE_NOOP("Report", "Subject")
_CERT_NAMES = QT_TRANSLATE_NOOP("Report", "Valid for")
_CERT_ISSUER = QT_TRANSLATE_NOOP("Report", "Issuer")
_CERT_VALIDITY = QT_TRANSLATE_NOOP("Report", "Validity")
_SOURCES = QT_TRANSLATE_NOOP("Report", "Sources asked")
_COLUMNS_SOURCES = (
    QT_TRANSLATE_NOOP("Report", "Source"),
    QT_TRANSLATE_NOOP("Report", "Status"),
    QT_TRANSLATE_NOOP("Report", "Result"),
    QT_TRANSLATE_NOOP("Report", "Time"),
    QT_TRANSLATE_NOOP("Report", "Asked and answered"),
)
_NETWORK = QT_TRANSLATE_NOOP("Report", "This network")
_COLUMNS_PORTS = (
    QT_TRANSLATE_NOOP("Report", "Port"),
    QT_TRANSLATE_NOOP("Report", "Live result"),
    QT_TRANSLATE_NOOP("Report", "Greeting"),
)


def report_document(report: DiagnosisReport, tr: Translate = untranslated) -> Document:
    sections = [_summary(report, tr)]
    warnings = _warnings(report, tr)
    if warnings is not None:
        sections.append(warnings)
    chosen = report.detection.best if report.detection else None
    if chosen is not None:
        sections.append(_chosen(chosen, tr))
    test = _test(report, tr)
    if test is not None:
        sections.append(test)
    if report.delivery is not None:
        sections.append(delivery_section(report.delivery, tr))
    if report.detection is not None:
        sections += [_servers(report, tr), _sources(report, tr)]
    if report.network is not None:
        sections.append(_network(report.network, tr))
    if report.domain is not None:
        sections.append(domain_section(report.domain, tr))
    return Document(tr(C, _TITLE).format(address=report.address), tuple(sections))


def _summary(report: DiagnosisReport, tr: Translate) -> Section:
    items: list[Item] = [
        Fact(tr(C, _ADDRESS), report.address),
        Fact(tr(C, _CREATED), report.created.strftime("%Y-%m-%d %H:%M:%S UTC")),
        Fact(tr(C, _PROGRAM), f"Email Setup Wizard {report.program_version}"),
        Fact(tr(C, _SYSTEM), report.system),
        Fact(tr(C, _KEYCHAIN), report.keychain),
    ]
    settings = report.settings
    if settings is None:
        items.append(Note(tr(C, _NOTHING_FOUND)))
    else:
        server = f"{settings.host}:{settings.port} ({security_label(settings.security, tr)})"
        items += [
            Fact(tr(C, _SERVER), server),
            Fact(tr(C, _USERNAME), settings.username),
            Fact(tr(C, _SETTINGS_FROM), tr(C, _ORIGINS[report.settings_origin])),
        ]
    items.append(Fact(tr(C, _TEST), _test_result(report, tr)))
    if report.domain is not None:
        verdict = domain_verdict(report.domain.verdict, report.domain.domain, tr)
        items.append(Fact(tr(C, _DOMAIN), verdict))
    return Section(tr(C, _SUMMARY), tuple(items))


def _test_result(report: DiagnosisReport, tr: Translate) -> str:
    if report.test is None:
        return tr(C, _SKIPPED[report.test_skipped or TestSkipped.NO_SETTINGS])
    if report.test.ok:
        return tr(C, _TEST_PASSED)
    explanation = describe_outcome(report.test, tr)[0]
    return tr(C, _TEST_FAILED).format(explanation=explanation)


def _warnings(report: DiagnosisReport, tr: Translate) -> Section | None:
    detection = report.detection
    if detection is None or not detection.warnings:
        return None
    notes = tuple(
        Note(describe_caution(caution, detection.domain, tr), Severity.WARNING)
        for caution in detection.warnings
    )
    return Section(tr(C, _WARNINGS), notes)


def _chosen(best: Candidate, tr: Translate) -> Section:
    config = best.config
    return Section(
        tr(C, _CHOSEN),
        (
            Fact(tr(C, _SERVER), f"{config.host}:{config.port}"),
            Fact(tr(C, _FOUND_BY), f"{source_label(config.source, tr)} ({config.origin})"),
            Fact(tr(C, _TRUST), trust_label(config.trust, tr)),
            Fact(tr(C, _LIVE), _live(best.probe, tr)),
            Fact(tr(C, _SIGN_IN), ", ".join(auth_mechanisms(best)) or "–"),
            Note(tr(C, _WHY)),
        ),
    )


def _live(probe: ProbeResult | None, tr: Translate) -> str:
    if probe is None:
        return tr(C, _UNCHECKED)
    if probe.failure is None:
        return tr(C, _CONFIRMED)
    return tr(C, _NOT_CONFIRMED).format(problem=probe_failure_label(probe.failure, tr))


def _test(report: DiagnosisReport, tr: Translate) -> Section | None:
    outcome = report.test
    if outcome is None:
        return None
    notes: list[Item] = [Note(line) for line in describe_outcome(outcome, tr)]
    notes.append(Note(tr(C, _TRANSCRIPT)))
    notes.append(Verbatim(outcome.transcript))
    return Section(tr(C, _TEST), tuple(notes))


def _servers(report: DiagnosisReport, tr: Translate) -> Section:
    assert report.detection is not None
    candidates = [
        *([report.detection.best] if report.detection.best else []),
        *report.detection.alternatives,
    ]
    rows = tuple(
        (
            c.config.host,
            str(c.config.port),
            security_label(c.config.security, tr),
            source_label(c.config.source, tr),
            _result(c.probe, tr),
            _certificate(c.probe, tr),
        )
        for c in candidates
    )
    certificates = tuple(
        Section(
            f"{cert.host}:{cert.port}",
            (
                Fact(tr(C, _CERT_SUBJECT), cert.subject),
                Fact(tr(C, _CERT_NAMES), ", ".join(cert.names) or "–"),
                Fact(tr(C, _CERT_ISSUER), cert.issuer),
                Fact(
                    tr(C, _CERT_VALIDITY),
                    f"{cert.not_before:%Y-%m-%d} – {cert.not_after:%Y-%m-%d}",
                ),
                Fact("SHA-256", cert.sha256),
            ),
        )
        for cert in report.certificates
    )
    subsections = (Section(tr(C, _CERTIFICATES), (), certificates),) if certificates else ()
    table = Table(tuple(tr(C, h) for h in _COLUMNS_SERVERS), rows)
    return Section(tr(C, _SERVERS), (table,) if rows else (), subsections)


def _result(probe: ProbeResult | None, tr: Translate) -> str:
    if probe is None:
        return tr(C, _UNCHECKED)
    if probe.failure is None:
        return f"{tr(C, _ANSWERED)} ({probe.elapsed_ms} ms)"
    return probe_failure_label(probe.failure, tr)


def _certificate(probe: ProbeResult | None, tr: Translate) -> str:
    certificate = probe.certificate if probe else None
    if certificate is None:
        return "–"
    trusted = tr(C, _TRUSTED) if certificate.verified else tr(C, _UNTRUSTED)
    return f"{trusted}, SHA-256 {certificate.sha256}"


def _sources(report: DiagnosisReport, tr: Translate) -> Section:
    assert report.detection is not None
    rows = tuple(
        (
            source_label(s.name, tr),
            status_label(s.status, tr),
            describe_source(s, tr),
            f"{s.elapsed_ms} ms",
            s.detail or "–",
        )
        for s in report.detection.sources
    )
    return Section(tr(C, _SOURCES), (Table(tuple(tr(C, h) for h in _COLUMNS_SOURCES), rows),))


def _network(network: NetworkFindings, tr: Translate) -> Section:
    items: list[Item] = [
        Note(describe_network_finding(f, network.host or "", tr), f.severity)
        for f in network.findings
    ]
    rows = tuple(
        (
            str(check.port),
            _result(check.probe, tr),
            check.probe.greeting or "–",
        )
        for check in network.ports
    )
    if rows:
        items.append(Table(tuple(tr(C, h) for h in _COLUMNS_PORTS), rows))
    return Section(tr(C, _NETWORK), tuple(items))
