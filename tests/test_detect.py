"""Detection end to end: the real engine and the real CLI against the loopback lab.

Each test builds a small world (DNS, web sites, SMTP servers, firewall) and checks what a user
would see: which server was chosen, from which source, how far it is trusted, and whether it
was confirmed live. Timing assertions are deliberately loose (the benchmark measures speed);
they only catch a detection that waits for a deadline it does not need.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import signal
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from tests.lab.certs import CertKind
from tests.lab.http_server import FOREVER
from tests.lab.smtp_server import SmtpBehaviour
from tests.lab.world import Lab
from wizard.address import parse_address
from wizard.clientconfig import parse_client_config
from wizard.discovery.deadlines import Deadlines
from wizard.discovery.engine import EventSink, detect
from wizard.discovery.events import (
    CandidateChecked,
    CandidateFound,
    DetectionEvent,
    SourceFinished,
    SourceStarted,
)
from wizard.messages import describe_source
from wizard.model import (
    Caution,
    CertProblem,
    DetectionResult,
    Security,
    SourceName,
    SourceNote,
    SourceReport,
    SourceStatus,
    Tier,
    Trust,
)
from wizard.providers import ProviderDatabase
from wizard.smtp.probe import ProbeTimeouts

pytestmark = pytest.mark.lab

AUTOCONFIG_PATH = "/mail/config-v1.1.xml"
WELL_KNOWN_PATH = "/.well-known/autoconfig/mail/config-v1.1.xml"
ISPDB_HOST = "autoconfig.thunderbird.net"
FAST = Deadlines(
    total=8.0,
    dns=2.0,
    http_connect=1.0,
    http_read=1.5,
    http_document=2.0,
    probe=ProbeTimeouts(connect=1.0, greeting=1.0, command=1.0),
)


def client_config(
    host: str,
    port: int,
    socket_type: str,
    *,
    domain: str = "example.test",
    username: str = "%EMAILADDRESS%",
    auth: tuple[str, ...] = ("password-cleartext",),
) -> bytes:
    """A clientConfig 1.1 document with one outgoing server."""
    methods = "".join(f"<authentication>{a}</authentication>" for a in auth)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<clientConfig version="1.1">'
        f'<emailProvider id="{domain}"><domain>{domain}</domain>'
        f"<displayName>Example Mail</displayName>"
        f'<outgoingServer type="smtp"><hostname>{host}</hostname><port>{port}</port>'
        f"<socketType>{socket_type}</socketType><username>{username}</username>{methods}"
        f"</outgoingServer></emailProvider></clientConfig>"
    ).encode()


def run_detect(
    address: str,
    *,
    providers: ProviderDatabase | None = None,
    deadlines: Deadlines = FAST,
    events: list[DetectionEvent] | None = None,
) -> DetectionResult:
    sink = events.append if events is not None else None
    return asyncio.run(
        detect(
            parse_address(address),
            providers=providers or ProviderDatabase({}),
            deadlines=deadlines,
            on_event=sink,
        )
    )


def source(result: DetectionResult, name: SourceName) -> SourceStatus:
    return report_of(result, name).status


def report_of(result: DetectionResult, name: SourceName) -> SourceReport:
    return next(s for s in result.sources if s.name is name)


# -- each source on its own ---------------------------------------------------------------


def test_https_autoconfig_is_trusted_and_confirmed_live(lab: Lab) -> None:
    lab.https(
        "autoconfig.example.test", AUTOCONFIG_PATH, client_config("mail.example.test", 465, "SSL")
    )
    server = lab.smtp(
        "mail.example.test", 465, SmtpBehaviour(security=Security.SSL, accounts={"a": "b"})
    )

    result = run_detect("Alice+news@Example.TEST")

    assert result.best is not None
    config, probe = result.best.config, result.best.probe
    assert (config.host, config.port, config.security) == ("mail.example.test", 465, Security.SSL)
    assert config.source is SourceName.AUTOCONFIG and config.trust is Trust.TRUSTED
    assert config.username == "Alice+news@example.test"
    assert probe is not None and probe.verified and "PLAIN" in probe.auth_mechanisms
    assert result.warnings == ()
    assert server.sessions >= 1
    assert report_of(result, SourceName.AUTOCONFIG).note is SourceNote.PUBLISHED
    query = next(r.query for r in lab.requests if r.host.startswith("autoconfig.example.test"))
    assert query == "emailaddress=Alice%2Bnews%40example.test"  # '+' must be encoded


def test_well_known_autoconfig_location(lab: Lab) -> None:
    lab.https("example.test", WELL_KNOWN_PATH, client_config("smtp.example.test", 587, "STARTTLS"))
    lab.smtp("smtp.example.test", 587, SmtpBehaviour(security=Security.STARTTLS))

    result = run_detect("alice@example.test")

    assert result.best is not None
    assert result.best.config.endpoint == ("smtp.example.test", 587, Security.STARTTLS)
    assert result.best.config.trust is Trust.TRUSTED


def test_http_autoconfig_is_offered_but_marked_untrusted(lab: Lab) -> None:
    lab.http(
        "autoconfig.example.test", AUTOCONFIG_PATH, client_config("mail.example.test", 465, "SSL")
    )
    lab.smtp("mail.example.test", 465, SmtpBehaviour(security=Security.SSL))

    result = run_detect("alice@example.test")

    assert result.best is not None
    assert result.best.config.tier is Tier.HTTP
    assert result.best.config.trust is Trust.UNAUTHENTICATED
    assert Caution.UNTRUSTED_SOURCE in result.warnings


def test_https_redirect_to_http_loses_trust(lab: Lab) -> None:
    lab.https(
        "autoconfig.example.test",
        AUTOCONFIG_PATH,
        b"",
        status=302,
        headers={"Location": "http://autoconfig.example.test/plain.xml"},
    )
    lab.http(
        "autoconfig.example.test", "/plain.xml", client_config("mail.example.test", 465, "SSL")
    )
    lab.smtp("mail.example.test", 465, SmtpBehaviour(security=Security.SSL))

    result = run_detect("alice@example.test")

    assert result.best is not None
    assert result.best.config.trust is Trust.UNAUTHENTICATED


def test_ispdb(lab: Lab) -> None:
    lab.host("example.test")
    lab.https(ISPDB_HOST, "/v1.1/example.test", client_config("smtp.provider.test", 465, "SSL"))
    lab.smtp("smtp.provider.test", 465, SmtpBehaviour(security=Security.SSL))

    result = run_detect("alice@example.test")

    assert result.best is not None
    assert result.best.config.source is SourceName.ISPDB
    assert result.best.config.trust is Trust.TRUSTED
    ispdb = report_of(result, SourceName.ISPDB)
    assert ispdb.status is SourceStatus.FOUND
    assert describe_source(ispdb) == "Found: Example Mail"


def test_bundled_database_by_address_domain(lab: Lab) -> None:
    db = database("example.test", "smtp.example.test", 465, "SSL")
    lab.smtp("smtp.example.test", 465, SmtpBehaviour(security=Security.SSL))

    result = run_detect("alice@example.test", providers=db)

    assert result.best is not None
    assert result.best.config.source is SourceName.BUNDLED
    assert result.best.probe is not None and result.best.probe.verified
    bundled = report_of(result, SourceName.BUNDLED)
    assert bundled.note is SourceNote.PROVIDER_FOUND
    assert bundled.values == (("provider", "Example Mail"),)


def test_mx_hosted_domain_recognised_from_bundled_database(lab: Lab) -> None:
    """A custom domain hosted at a big provider: the MX host's base domain names it."""
    db = database("bigmail.test", "smtp.bigmail.test", 465, "SSL")
    lab.mx("custom.test", "aspmx.l.bigmail.test")
    lab.smtp("smtp.bigmail.test", 465, SmtpBehaviour(security=Security.SSL))

    result = run_detect("bob@custom.test", providers=db)

    assert result.best is not None
    assert result.best.config.host == "smtp.bigmail.test"
    assert result.best.config.source is SourceName.MX
    assert result.best.config.trust is Trust.UNAUTHENTICATED  # DNS is unauthenticated
    assert "aspmx.l.bigmail.test" in result.best.config.origin
    mx = report_of(result, SourceName.MX)
    assert mx.note is SourceNote.MX_PROVIDER
    assert describe_source(mx) == "Its mail is handled by Example Mail (aspmx.l.bigmail.test)"
    assert report_of(result, SourceName.BUNDLED).note is SourceNote.NOT_LISTED


def test_mx_hosted_domain_via_ispdb_of_the_parent_domain(lab: Lab) -> None:
    lab.mx("custom.test", "mx1.mail.hoster.test")
    lab.https(
        ISPDB_HOST, "/v1.1/mail.hoster.test", client_config("smtp.hoster.test", 587, "STARTTLS")
    )
    lab.smtp("smtp.hoster.test", 587, SmtpBehaviour(security=Security.STARTTLS))

    result = run_detect("bob@custom.test")

    assert result.best is not None
    assert result.best.config.endpoint == ("smtp.hoster.test", 587, Security.STARTTLS)
    assert result.best.config.source is SourceName.MX


def test_srv_records(lab: Lab) -> None:
    lab.host("example.test")
    lab.srv("_submissions._tcp.example.test", "submit.example.test", 4650)
    lab.srv("_submission._tcp.example.test", "submit.example.test", 5870)
    lab.smtp("submit.example.test", 4650, SmtpBehaviour(security=Security.SSL))
    lab.smtp("submit.example.test", 5870, SmtpBehaviour(security=Security.STARTTLS))

    result = run_detect("alice@example.test")

    assert result.best is not None
    assert result.best.config.endpoint == ("submit.example.test", 4650, Security.SSL)
    assert result.best.config.source is SourceName.SRV
    assert result.best.config.trust is Trust.UNAUTHENTICATED
    assert [a.config.endpoint for a in result.alternatives] == [
        ("submit.example.test", 5870, Security.STARTTLS)
    ]
    srv = report_of(result, SourceName.SRV)
    assert srv.note is SourceNote.SRV_FOUND
    assert srv.values == (("servers", "submit.example.test:4650, submit.example.test:5870"),)


def test_srv_target_dot_means_no_service(lab: Lab) -> None:
    lab.host("example.test")
    lab.srv("_submissions._tcp.example.test", ".", 0)

    result = run_detect("alice@example.test")

    report = report_of(result, SourceName.SRV)
    assert report.status is SourceStatus.NOTHING
    assert report.note is SourceNote.SRV_NOT_OFFERED
    assert "not offered" in report.detail  # the technical account stays for the helpdesk


def test_probing_finds_a_guessed_server(lab: Lab) -> None:
    lab.smtp("smtp.example.test", 587, SmtpBehaviour(security=Security.STARTTLS))

    result = run_detect("alice@example.test")

    assert result.best is not None
    assert result.best.config.endpoint == ("smtp.example.test", 587, Security.STARTTLS)
    assert result.best.config.trust is Trust.GUESSED
    assert Caution.GUESSED in result.warnings
    probe = report_of(result, SourceName.PROBE)
    assert probe.status is SourceStatus.FOUND
    assert describe_source(probe) == "Answered: smtp.example.test:587"


def test_probing_prefers_implicit_tls(lab: Lab) -> None:
    lab.smtp("mail.example.test", 587, SmtpBehaviour(security=Security.STARTTLS))
    lab.smtp("mail.example.test", 465, SmtpBehaviour(security=Security.SSL))

    result = run_detect("alice@example.test")

    assert result.best is not None
    assert result.best.config.endpoint == ("mail.example.test", 465, Security.SSL)


def test_plain_only_server_is_reported_as_unencrypted(lab: Lab) -> None:
    lab.smtp("smtp.example.test", 587, SmtpBehaviour(security=Security.NONE))

    result = run_detect("alice@example.test")

    assert result.best is not None
    assert result.best.config.security is Security.NONE
    assert Caution.PLAINTEXT in result.warnings


# -- ranking --------------------------------------------------------------------------------


def test_trusted_source_beats_srv_and_probing(lab: Lab) -> None:
    lab.https(
        "autoconfig.example.test",
        AUTOCONFIG_PATH,
        client_config("smtp.example.test", 587, "STARTTLS"),
    )
    lab.srv("_submissions._tcp.example.test", "srv.example.test", 465)
    lab.smtp("smtp.example.test", 587, SmtpBehaviour(security=Security.STARTTLS))
    lab.smtp("srv.example.test", 465, SmtpBehaviour(security=Security.SSL))

    result = run_detect("alice@example.test", deadlines=Deadlines(total=8.0))

    assert result.best is not None
    assert result.best.config.source is SourceName.AUTOCONFIG
    assert ("srv.example.test", 465, Security.SSL) in [
        a.config.endpoint for a in result.alternatives
    ]


def test_candidate_that_does_not_answer_falls_behind_one_that_does(lab: Lab) -> None:
    lab.https(
        "autoconfig.example.test", AUTOCONFIG_PATH, client_config("dead.example.test", 465, "SSL")
    )
    lab.host("dead.example.test")  # exists, but nothing listens
    lab.smtp("smtp.example.test", 587, SmtpBehaviour(security=Security.STARTTLS))

    result = run_detect("alice@example.test")

    assert result.best is not None
    assert result.best.config.host == "smtp.example.test"
    dead = next(a for a in result.alternatives if a.config.host == "dead.example.test")
    assert dead.probe is not None and not dead.probe.reachable
    assert Caution.UNREACHABLE in dead.warnings


@pytest.mark.parametrize(
    ("kind", "problem"),
    [
        (CertKind.SELF_SIGNED, CertProblem.SELF_SIGNED),
        (CertKind.EXPIRED, CertProblem.EXPIRED),
        (CertKind.WRONG_HOST, CertProblem.WRONG_HOST),
    ],
)
def test_certificate_problem_is_reported(lab: Lab, kind: CertKind, problem: CertProblem) -> None:
    lab.https(
        "autoconfig.example.test", AUTOCONFIG_PATH, client_config("mail.example.test", 465, "SSL")
    )
    lab.smtp("mail.example.test", 465, SmtpBehaviour(security=Security.SSL, cert=kind))

    result = run_detect("alice@example.test")

    assert result.best is not None
    assert result.best.probe is not None and result.best.probe.certificate is not None
    certificate = result.best.probe.certificate
    assert not certificate.verified and certificate.problem is problem
    assert len(certificate.sha256.split(":")) == 32
    assert Caution.CERTIFICATE in result.warnings


def test_autoconfig_with_a_bad_certificate_is_not_trusted(lab: Lab) -> None:
    """A wrong certificate on autoconfig.<domain>: fall through, don't hang, don't trust."""
    lab.https(
        "autoconfig.example.test",
        AUTOCONFIG_PATH,
        client_config("evil.example.test", 465, "SSL"),
        cert=CertKind.WRONG_HOST,
    )
    lab.smtp("smtp.example.test", 465, SmtpBehaviour(security=Security.SSL))

    result = run_detect("alice@example.test")

    assert result.best is not None
    assert result.best.config.host == "smtp.example.test"
    assert "evil.example.test" not in [a.config.host for a in result.alternatives]


def test_oauth_only_provider_is_flagged(lab: Lab) -> None:
    lab.https(
        "autoconfig.example.test",
        AUTOCONFIG_PATH,
        client_config("smtp.example.test", 465, "SSL", auth=("OAuth2",)),
    )
    lab.smtp("smtp.example.test", 465, SmtpBehaviour(security=Security.SSL))

    result = run_detect("alice@example.test")

    assert Caution.OAUTH_ONLY in result.warnings


# -- failures, deadlines and cancellation ---------------------------------------------------


def test_nonexistent_domain_is_reported_quickly(lab: Lab) -> None:
    result = run_detect("alice@no-such-domain.test", deadlines=Deadlines())

    assert result.best is None
    assert Caution.DOMAIN_NOT_FOUND in result.warnings
    assert result.elapsed_ms < 3000  # far below the 15 s deadline: nothing waited for it
    assert report_of(result, SourceName.MX).note is SourceNote.DOMAIN_NOT_FOUND
    assert report_of(result, SourceName.BUNDLED).note is SourceNote.NOT_LISTED
    skipped = [s for s in result.sources if s.status is SourceStatus.SKIPPED]
    assert all(s.note is SourceNote.DOMAIN_NOT_FOUND for s in skipped)


def test_fast_answer_does_not_wait_for_blackholed_hosts(lab: Lab) -> None:
    lab.https(
        "autoconfig.example.test", AUTOCONFIG_PATH, client_config("smtp.example.test", 465, "SSL")
    )
    lab.smtp("smtp.example.test", 465, SmtpBehaviour(security=Security.SSL))
    for host in ("mail.example.test", "example.test"):
        for port in (465, 587, 25):
            lab.host(host)
            lab.blackhole(host, port)
    lab.blackhole("smtp.example.test", 587)

    events: list[DetectionEvent] = []

    result = run_detect("alice@example.test", deadlines=Deadlines(), events=events)

    assert result.best is not None and result.best.probe is not None
    assert result.best.probe.verified
    assert result.elapsed_ms < 3000  # the blackholed probes (4 s connect deadline) were abandoned
    checked = {e.candidate.config.endpoint for e in events if isinstance(e, CandidateChecked)}
    blackholed = [
        e.candidate.config.endpoint
        for e in events
        if isinstance(e, CandidateFound) and e.candidate.config.host != "smtp.example.test"
    ]
    assert blackholed and not checked.intersection(blackholed)  # never waited for


def test_silent_greeting_and_slow_web_server_are_bounded(lab: Lab) -> None:
    lab.https("autoconfig.example.test", AUTOCONFIG_PATH, b"", delay=FOREVER)
    lab.smtp("smtp.example.test", 465, SmtpBehaviour(security=Security.SSL, silent=True))
    lab.smtp("smtp.example.test", 587, SmtpBehaviour(security=Security.STARTTLS))

    result = run_detect("alice@example.test")

    assert result.best is not None
    assert result.best.config.endpoint == ("smtp.example.test", 587, Security.STARTTLS)
    assert source(result, SourceName.AUTOCONFIG) in {SourceStatus.ERROR, SourceStatus.TIMEOUT}
    assert result.elapsed_ms < 6000


def test_slow_dns_for_one_source_does_not_stall_the_others(lab: Lab) -> None:
    lab.https(
        "autoconfig.example.test", AUTOCONFIG_PATH, client_config("smtp.example.test", 465, "SSL")
    )
    lab.smtp("smtp.example.test", 465, SmtpBehaviour(security=Security.SSL))
    lab.dns.silent("_submission._tcp.example.test")
    lab.dns.silent("_submissions._tcp.example.test")

    result = run_detect("alice@example.test")

    assert result.best is not None and result.best.probe is not None
    assert result.best.probe.verified
    srv = report_of(result, SourceName.SRV)
    assert srv.status is SourceStatus.SKIPPED  # not needed, not waited for
    assert srv.note is SourceNote.NOT_NEEDED


def test_global_timeout_marks_unfinished_sources(lab: Lab) -> None:
    lab.host("example.test")
    lab.dns.silent("example.test")

    result = run_detect("alice@example.test", deadlines=Deadlines(total=0.5, dns=5.0))

    assert result.elapsed_ms < 2000
    timed_out = [s for s in result.sources if s.status is SourceStatus.TIMEOUT]
    assert timed_out and all(s.note is SourceNote.OUT_OF_TIME for s in timed_out)


def test_cancelling_stops_promptly(lab: Lab) -> None:
    lab.https("autoconfig.example.test", AUTOCONFIG_PATH, b"", delay=FOREVER)
    lab.host("smtp.example.test")
    lab.blackhole("smtp.example.test", 465)

    async def scenario() -> None:
        probing = asyncio.Event()  # the blackholed connect is under way: work is stuck

        def watch(event: DetectionEvent) -> None:
            if isinstance(event, CandidateFound) and event.candidate.config.port == 465:
                probing.set()

        task = start_detection(watch)
        await probing.wait()
        await cancel_promptly(task)  # the autoconfig fetch may be anywhere, its handshake too

    asyncio.run(scenario())


def start_detection(on_event: EventSink) -> asyncio.Task[DetectionResult]:
    """Detection of alice@example.test with the program's deadlines, as a task to cancel."""
    address = parse_address("alice@example.test")
    return asyncio.create_task(
        detect(address, providers=ProviderDatabase({}), deadlines=Deadlines(), on_event=on_event)
    )


async def cancel_promptly(task: asyncio.Task[DetectionResult]) -> None:
    """Cancel ``task`` as Stop does, and check that it ended at once."""
    task.cancel()
    async with asyncio.timeout(1.0):  # "promptly": far less than any network deadline
        with pytest.raises(asyncio.CancelledError):
            await task


def test_progress_events_cover_every_source(lab: Lab) -> None:
    lab.smtp("smtp.example.test", 465, SmtpBehaviour(security=Security.SSL))
    events: list[DetectionEvent] = []

    run_detect("alice@example.test", events=events)

    started = [e.source for e in events if isinstance(e, SourceStarted)]
    finished = [e.report.name for e in events if isinstance(e, SourceFinished)]
    assert started == list(SourceName)
    assert sorted(finished) == sorted(SourceName)


def test_idn_domain_is_looked_up_as_a_label(lab: Lab) -> None:
    lab.https(
        "autoconfig.xn--bcher-kva.test",
        AUTOCONFIG_PATH,
        client_config("smtp.xn--bcher-kva.test", 465, "SSL", domain="xn--bcher-kva.test"),
    )
    lab.smtp("smtp.xn--bcher-kva.test", 465, SmtpBehaviour(security=Security.SSL))

    result = run_detect("jörg@bücher.test")

    assert result.domain == "xn--bcher-kva.test"
    assert result.best is not None
    assert result.best.config.host == "smtp.xn--bcher-kva.test"
    assert result.best.config.username == "jörg@xn--bcher-kva.test"


# -- the command line -----------------------------------------------------------------------


# A German user's environment, whatever the machine running the tests has set.
GERMAN = {"LANG": "de_DE.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}


def cli(
    lab: Lab, *args: str, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed console script exactly as a user would; ``env`` adds to or overrides
    its environment."""
    program = shutil.which("email-setup-wizard", path=str(Path(sys.executable).parent))
    assert program, "the console script is installed with the package"
    return subprocess.run(
        [program, *args],
        capture_output=True,
        text=True,
        env={**lab.env(), **(env or {})},
        timeout=60,
        check=False,
    )


def test_cli_json_contract(lab: Lab) -> None:
    lab.https(
        "autoconfig.example.test", AUTOCONFIG_PATH, client_config("smtp.example.test", 465, "SSL")
    )
    lab.smtp("smtp.example.test", 465, SmtpBehaviour(security=Security.SSL, accounts={"x": "y"}))

    done = cli(lab, "detect", "alice@example.test", "--json", "--timeout", "8")

    assert done.returncode == 0, done.stderr
    document: dict[str, Any] = json.loads(done.stdout)  # exactly one object, nothing else
    assert set(document) >= {
        "address",
        "domain",
        "smtp",
        "alternatives",
        "sources",
        "warnings",
        "elapsed_ms",
    }
    smtp = document["smtp"]
    assert {
        k: smtp[k]
        for k in ("host", "port", "security", "username", "source", "trusted", "verified")
    } == {
        "host": "smtp.example.test",
        "port": 465,
        "security": "ssl",
        "username": "alice@example.test",
        "source": "autoconfig",
        "trusted": True,
        "verified": True,
    }
    assert "PLAIN" in smtp["auth"]
    assert {s["name"] for s in document["sources"]} == {s.value for s in SourceName}
    for entry in document["sources"]:
        assert entry["status"] in {"found", "nothing", "error", "timeout", "skipped"}
        assert isinstance(entry["elapsed_ms"], int)
        assert entry["summary"] and isinstance(entry["detail"], str)
        assert entry["note"] in {n.value for n in SourceNote}
    autoconfig = next(s for s in document["sources"] if s["name"] == "autoconfig")
    assert autoconfig["note"] == "published"
    assert autoconfig["summary"] == "This domain publishes its settings"
    assert "https://autoconfig.example.test/mail/config-v1.1.xml" in autoconfig["detail"]


def test_cli_nothing_found_exits_3(lab: Lab) -> None:
    done = cli(lab, "detect", "alice@nowhere.test", "--json")

    assert done.returncode == 3
    document = json.loads(done.stdout)
    assert document["smtp"] is None
    assert any("does not exist" in w for w in document["warnings"])


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("alice.example.test", "“@”"),
        ("alice@localhost", "not a complete domain"),
        ("a b@example.test", "spaces"),
    ],
)
def test_cli_invalid_address_exits_2_with_a_clear_message(
    lab: Lab, address: str, message: str
) -> None:
    done = cli(lab, "detect", address, "--json")

    assert done.returncode == 2
    assert message in done.stderr
    document = json.loads(done.stdout)  # a script still gets its one object, saying why
    assert document["exit_status"] == 2 and message in document["error"]


def test_cli_readable_output(lab: Lab) -> None:
    lab.smtp("smtp.example.test", 587, SmtpBehaviour(security=Security.STARTTLS))

    done = cli(lab, "detect", "alice@example.test", "--verbose")

    assert done.returncode == 0, done.stderr
    assert "Server:     smtp.example.test" in done.stdout
    assert "Port:       587" in done.stdout
    assert "guessed" in done.stdout
    # Sources: the sentence, then the technical account; the same in the progress on stderr.
    assert "Answered: smtp.example.test:587 — answered: smtp.example.test:587" in done.stdout
    assert "This domain is not in the list — example.test is not in the bundled" in done.stderr


def test_cli_readable_output_follows_the_language(lab: Lab) -> None:
    lab.smtp("smtp.example.test", 587, SmtpBehaviour(security=Security.STARTTLS))

    done = cli(lab, "detect", "alice@example.test", "--verbose", env=GERMAN)

    assert done.returncode == 0, done.stderr
    assert "Outgoing mail" not in done.stdout
    # The values line up behind the longest German label, "Verschlüsselung:".
    assert (
        "Postausgang (SMTP) für alice@example.test:\n"
        "  Server:           smtp.example.test\n"
        "  Port:             587\n"
        "  Verschlüsselung:  STARTTLS\n"
    ) in done.stdout
    assert "  Vertrauen:        erraten; live bestätigt\n" in done.stdout
    assert (
        "Warnung: Diese Einstellungen wurden durch Ausprobieren üblicher Servernamen gefunden"
    ) in done.stdout
    assert "\nQuellen:\n" in done.stdout
    # The source's sentence is translated; the technical account stays as the server gave it.
    assert "Geantwortet haben: smtp.example.test:587 — answered: smtp.example.test:587" in (
        done.stdout
    )
    assert "Diese Domain steht nicht in der Liste — example.test is not in the bundled" in (
        done.stderr
    )


def test_cli_invalid_address_is_explained_in_the_language(lab: Lab) -> None:
    done = cli(lab, "detect", "alice.example.test", env=GERMAN)

    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        "email-setup-wizard: Eine E-Mail-Adresse braucht ein „@“ zwischen Ihrem Namen und der "
        "Domain, etwa name@example.com.\n"
    )


def test_cli_json_stays_english_in_any_language(lab: Lab) -> None:
    lab.smtp("smtp.example.test", 587, SmtpBehaviour(security=Security.STARTTLS))

    english = cli(lab, "detect", "alice@example.test", "--json")
    german = cli(lab, "detect", "alice@example.test", "--json", env=GERMAN)

    assert (english.returncode, german.returncode) == (0, 0), german.stderr
    in_english, in_german = json.loads(english.stdout), json.loads(german.stdout)
    assert in_german["warnings"] == [
        "These settings were found by trying likely server names. If you are unsure, compare "
        "them with your provider's help pages."
    ]
    assert repeatable(in_german) == repeatable(in_english)


def repeatable(document: Any) -> Any:
    """``document`` without what differs from run to run: times, and the technical details
    (which list concurrent lookups in the order they ended)."""
    if isinstance(document, dict):
        varying = {"elapsed_ms", "detail"}
        return {k: repeatable(v) for k, v in document.items() if k not in varying}
    if isinstance(document, list):
        return [repeatable(item) for item in document]
    return document


# -- helpers --------------------------------------------------------------------------------


def database(domain: str, host: str, port: int, socket_type: str) -> ProviderDatabase:
    """A bundled database holding one provider, parsed like the shipped data."""
    return ProviderDatabase(
        {domain: parse_client_config(client_config(host, port, socket_type, domain=domain))}
    )


class BrokenDatabase(ProviderDatabase):
    """Stands in for a bug inside a source (no real component fails this way on purpose)."""

    def lookup(self, domain: str) -> None:
        raise RuntimeError(f"bug while looking up {domain}")


def test_a_source_that_crashes_is_reported_and_not_waited_for(lab: Lab) -> None:
    lab.smtp("smtp.example.test", 465, SmtpBehaviour(security=Security.SSL))

    result = run_detect("alice@example.test", providers=BrokenDatabase({}), deadlines=Deadlines())

    assert result.best is not None
    assert result.best.config.host == "smtp.example.test"
    report = next(s for s in result.sources if s.name is SourceName.BUNDLED)
    assert report.status is SourceStatus.ERROR
    assert report.note is SourceNote.INTERNAL_ERROR
    assert "RuntimeError" in report.detail
    assert result.elapsed_ms < 5000  # not the 15 s global deadline


def test_plain_http_autoconfig_redirecting_to_https_stays_untrusted(lab: Lab) -> None:
    """Whoever answered the plain request chose where to redirect: no trust is gained."""
    lab.http(
        "autoconfig.example.test",
        AUTOCONFIG_PATH,
        b"",
        status=302,
        headers={"Location": "https://config.attacker.test/c.xml"},
    )
    lab.https("config.attacker.test", "/c.xml", client_config("mail.attacker.test", 465, "SSL"))
    lab.smtp("mail.attacker.test", 465, SmtpBehaviour(security=Security.SSL))

    result = run_detect("alice@example.test")

    assert result.best is not None
    assert result.best.config.host == "mail.attacker.test"
    assert result.best.config.trust is Trust.UNAUTHENTICATED
    assert Caution.UNTRUSTED_SOURCE in result.warnings


def test_srv_keeps_the_answer_that_came_when_the_other_lookup_fails(lab: Lab) -> None:
    lab.host("example.test")
    lab.srv("_submissions._tcp.example.test", "submit.example.test", 465)
    lab.dns.silent("_submission._tcp.example.test")
    lab.smtp("submit.example.test", 465, SmtpBehaviour(security=Security.SSL))

    result = run_detect("alice@example.test", deadlines=FAST)

    assert result.best is not None
    assert result.best.config.source is SourceName.SRV
    assert result.best.config.endpoint == ("submit.example.test", 465, Security.SSL)


def test_mx_derived_autoconfig_is_not_told_the_address(lab: Lab) -> None:
    """The MX domain came from unauthenticated DNS: it must not learn who is asking."""
    lab.mx("custom.test", "mx1.mail.hoster.test")
    lab.https(
        "autoconfig.hoster.test", AUTOCONFIG_PATH, client_config("smtp.hoster.test", 465, "SSL")
    )
    lab.smtp("smtp.hoster.test", 465, SmtpBehaviour(security=Security.SSL))

    result = run_detect("bob@custom.test")

    assert result.best is not None and result.best.config.host == "smtp.hoster.test"
    asked = [r for r in lab.requests if r.host.startswith("autoconfig.hoster.test")]
    assert asked and all("bob" not in r.query and "custom" not in r.query for r in asked)


def test_a_guessed_plain_server_does_not_outrank_a_trusted_tls_one(lab: Lab) -> None:
    lab.https(
        "autoconfig.example.test",
        AUTOCONFIG_PATH,
        client_config("secure.example.test", 465, "SSL"),
    )
    lab.smtp(
        "secure.example.test", 465, SmtpBehaviour(security=Security.SSL, cert=CertKind.EXPIRED)
    )
    lab.smtp("smtp.example.test", 587, SmtpBehaviour(security=Security.NONE))

    result = run_detect("alice@example.test")

    assert result.best is not None
    assert result.best.config.host == "secure.example.test"
    plain = next(a for a in result.alternatives if a.config.host == "smtp.example.test")
    assert plain.config.security is Security.NONE


def test_cli_ctrl_c_stops_detection_at_once(lab: Lab) -> None:
    """Ctrl-C while a web server and an SMTP port hang: no deadline is waited for."""
    lab.https("autoconfig.example.test", AUTOCONFIG_PATH, b"", delay=FOREVER)
    lab.host("smtp.example.test")
    lab.blackhole("smtp.example.test", 465)
    program = shutil.which("email-setup-wizard", path=str(Path(sys.executable).parent))
    assert program
    with subprocess.Popen(
        [program, "detect", "alice@example.test", "--verbose"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=lab.env(),
    ) as process:
        assert process.stderr is not None
        first = process.stderr.readline()  # a source has finished: detection is under way
        assert first.startswith("  ") and " ms) " in first, first
        process.send_signal(signal.SIGINT)
        # Far less than the hanging fetch (8 s) or the blackholed connect (4 s) would take.
        out, err = process.communicate(timeout=3)

    assert process.returncode == 130
    assert "Cancelled." in err and "Traceback" not in err
    assert out == ""
