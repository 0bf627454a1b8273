"""Adaptive patience: a dead or dawdling server never holds up an answer that is already
confirmed, a slow but living one is still found, and the rows read the same whatever the timing.

The lab tests build the situations of issue 12 and check the answer, and that it was the fast
answer: which checks detection gave up on, and why, and which were still pending when it ended
(from its events). None asserts a wall-clock time; the benchmark measures those.
"""

from __future__ import annotations

import asyncio
import random

import pytest

from tests.lab.http_server import FOREVER
from tests.lab.smtp_server import SmtpBehaviour
from tests.lab.world import Lab
from tests.test_detect import (
    AUTOCONFIG_PATH,
    ISPDB_HOST,
    cancel_promptly,
    cli,
    client_config,
    report_of,
    run_detect,
    start_detection,
)
from wizard.address import parse_address
from wizard.discovery import guess
from wizard.discovery.context import SourceOutcome
from wizard.discovery.deadlines import Deadlines
from wizard.discovery.engine import detect
from wizard.discovery.events import (
    CandidateChecked,
    CandidateFound,
    DetectionEvent,
    SlowGreeting,
)
from wizard.discovery.patience import FLOOR, Allowance, Attempt, Patience, Phase, Step, explain
from wizard.discovery.rules import STATED, Finding
from wizard.model import (
    Candidate,
    DetectionResult,
    ProbeFailure,
    ProbeResult,
    Security,
    ServerConfig,
    SourceName,
    SourceNote,
    SourceStatus,
    Tier,
    Trust,
)
from wizard.providers import ProviderDatabase

Endpoint = tuple[str, int, Security]

GUESSED_HOSTS = ("smtp.example.test", "mail.example.test", "example.test")
SUBMISSION = ("smtp.example.test", 587, Security.STARTTLS)


def detect_with_events(address: str = "alice@example.test") -> tuple[DetectionResult, Events]:
    """Detection with the program's own deadlines, and everything it reported."""
    events: list[DetectionEvent] = []
    result = run_detect(address, deadlines=Deadlines(), events=events)
    return result, Events(events)


class Events:
    """What detection reported about each candidate's live check."""

    def __init__(self, events: list[DetectionEvent]) -> None:
        self.all = events
        self.found = [e.candidate.config.endpoint for e in events if isinstance(e, CandidateFound)]
        self.checked: dict[Endpoint, ProbeResult] = {}
        for event in events:
            if isinstance(event, CandidateChecked) and event.candidate.probe is not None:
                self.checked[event.candidate.config.endpoint] = event.candidate.probe

    @property
    def pending(self) -> set[Endpoint]:
        """Checks still under way when detection ended: nothing waited for them."""
        return set(self.found) - set(self.checked)

    def given_up(self, endpoint: Endpoint) -> str:
        """Why patience gave up on ``endpoint``'s check (fails if it did not)."""
        probe = self.checked[endpoint]
        assert probe.detail is not None and ": treated as " in probe.detail, probe
        return probe.detail


def assert_submission_587(result: DetectionResult) -> None:
    assert result.best is not None and result.best.probe is not None
    assert result.best.config.endpoint == SUBMISSION
    assert result.best.probe.verified


# -- the situations of the issue ------------------------------------------------------------


def test_465_dropped_on_every_guessed_host(lab: Lab) -> None:
    for host in GUESSED_HOSTS:
        lab.host(host)
        lab.blackhole(host, 465)
        lab.blackhole(host, 25)
    lab.smtp("smtp.example.test", 587, SmtpBehaviour(security=Security.STARTTLS))
    for host in GUESSED_HOSTS[1:]:
        lab.blackhole(host, 587)

    result, events = detect_with_events()

    assert_submission_587(result)
    # Each 465 was given up by patience (its own connect deadline is 4 s), judged by what 587
    # showed; nothing worse-ranked than the answer was waited for at all.
    same_host = events.given_up(("smtp.example.test", 465, Security.SSL))
    assert same_host.startswith("465 on smtp.example.test did not answer within")
    assert " while 587 answered in " in same_host and same_host.endswith("treated as blocked")
    other_host = events.given_up(("mail.example.test", 465, Security.SSL))
    assert " while 587 on smtp.example.test answered in " in other_host
    assert events.checked[("example.test", 465, Security.SSL)].failure is (
        ProbeFailure.CONNECT_TIMEOUT
    )
    assert events.pending == {
        (host, port, Security.STARTTLS)
        for host in GUESSED_HOSTS
        for port in (587, 25)
        if (host, port) != ("smtp.example.test", 587)
    }
    probe_row = report_of(result, SourceName.PROBE)
    assert probe_row.status is SourceStatus.FOUND
    assert same_host in probe_row.detail  # explained to the helpdesk (JSON and --verbose)


def test_465_accepts_the_connection_and_never_speaks(lab: Lab) -> None:
    lab.smtp("smtp.example.test", 465, SmtpBehaviour(security=Security.SSL, silent=True))
    lab.smtp("smtp.example.test", 587, SmtpBehaviour(security=Security.STARTTLS))

    result, events = detect_with_events()

    assert_submission_587(result)
    silent = ("smtp.example.test", 465, Security.SSL)
    assert events.checked[silent].failure is ProbeFailure.NO_GREETING
    assert events.given_up(silent).startswith(
        "465 on smtp.example.test accepted the connection but sent no complete greeting within"
    )


def test_465_drips_its_greeting(lab: Lab) -> None:
    """TLS completes, then the greeting trickles in a byte a second: progress, not an answer."""
    lab.smtp("smtp.example.test", 465, SmtpBehaviour(security=Security.SSL, greeting_drip=1.0))
    lab.smtp("smtp.example.test", 587, SmtpBehaviour(security=Security.STARTTLS))

    result, events = detect_with_events()

    assert_submission_587(result)
    dripping = ("smtp.example.test", 465, Security.SSL)
    assert events.checked[dripping].failure is ProbeFailure.NO_GREETING
    assert "treated as not answering" in events.given_up(dripping)


def test_autoconfig_names_a_dropped_port(lab: Lab) -> None:
    """The domain's own settings name 465, which a firewall drops; 587 on that host works."""
    lab.https(
        "autoconfig.example.test", AUTOCONFIG_PATH, client_config("smtp.example.test", 465, "SSL")
    )
    lab.host("smtp.example.test")
    lab.blackhole("smtp.example.test", 465)
    lab.smtp("smtp.example.test", 587, SmtpBehaviour(security=Security.STARTTLS))

    result, events = detect_with_events()

    assert_submission_587(result)
    named = next(a for a in result.alternatives if a.config.source is SourceName.AUTOCONFIG)
    assert named.config.endpoint == ("smtp.example.test", 465, Security.SSL)
    assert named.probe is not None and named.probe.failure is ProbeFailure.CONNECT_TIMEOUT
    decision = events.given_up(named.config.endpoint)
    autoconfig = report_of(result, SourceName.AUTOCONFIG)
    assert autoconfig.note is SourceNote.PUBLISHED
    assert decision in autoconfig.detail


def test_a_server_greeting_after_6_s_is_found_when_nothing_else_exists(lab: Lab) -> None:
    """An anti-spam pause longer than any fixed greeting deadline we used to have (5 s)."""
    lab.smtp("smtp.example.test", 587, SmtpBehaviour(greeting_delay=6.0))

    result, events = detect_with_events()

    assert_submission_587(result)
    slow = [e for e in events.all if isinstance(e, SlowGreeting)]
    assert [e.candidate.config.endpoint for e in slow] == [SUBMISSION]
    assert slow[0].waited_ms >= 1000


def test_verbose_output_tells_of_the_wait_and_of_each_decision(lab: Lab) -> None:
    lab.host("smtp.example.test")
    lab.blackhole("smtp.example.test", 465)
    lab.smtp("smtp.example.test", 587, SmtpBehaviour(greeting_delay=1.5))

    done = cli(lab, "detect", "alice@example.test", "--verbose")

    assert done.returncode == 0, done.stderr
    assert (
        "smtp.example.test:587 accepted the connection but has not greeted yet; still waiting…"
    ) in done.stderr
    assert "465 on smtp.example.test did not answer within " in done.stdout
    assert " while 587 answered in " in done.stdout
    assert ": treated as blocked" in done.stdout


# -- what patience must not do ----------------------------------------------------------------


def test_a_trusted_source_still_fetching_is_waited_for(lab: Lab) -> None:
    """A guess answering at once must not beat the domain's own settings arriving later."""
    lab.https(
        "autoconfig.example.test",
        AUTOCONFIG_PATH,
        client_config("submit.example.test", 465, "SSL"),
        delay=1.0,
    )
    lab.smtp("submit.example.test", 465, SmtpBehaviour(security=Security.SSL))
    lab.smtp("smtp.example.test", 587, SmtpBehaviour(security=Security.STARTTLS))

    result, events = detect_with_events()

    assert result.best is not None and result.best.probe is not None
    assert result.best.config.endpoint == ("submit.example.test", 465, Security.SSL)
    assert result.best.config.source is SourceName.AUTOCONFIG and result.best.probe.verified
    assert events.checked[SUBMISSION].verified  # the guess had answered long before


def test_a_trusted_server_that_is_alive_but_slow_to_greet_is_waited_for(lab: Lab) -> None:
    """It accepted the connection, and the domain names it: a slow greeting is not a reason
    to settle for a guess."""
    lab.https(
        "autoconfig.example.test", AUTOCONFIG_PATH, client_config("submit.example.test", 465, "SSL")
    )
    lab.smtp("submit.example.test", 465, SmtpBehaviour(security=Security.SSL, greeting_delay=1.5))
    lab.smtp("smtp.example.test", 587, SmtpBehaviour(security=Security.STARTTLS))

    result, events = detect_with_events()

    assert result.best is not None and result.best.probe is not None
    assert result.best.config.source is SourceName.AUTOCONFIG and result.best.probe.verified
    assert any(
        isinstance(e, SlowGreeting) and e.candidate.config.host == "submit.example.test"
        for e in events.all
    )


def test_stop_ends_a_wait_for_a_greeting_at_once(lab: Lab) -> None:
    """Waiting as long as detection runs for a living server must still end on Stop."""
    lab.smtp("smtp.example.test", 587, SmtpBehaviour(silent=True))

    async def scenario() -> None:
        waiting = asyncio.Event()

        def watch(event: DetectionEvent) -> None:
            if isinstance(event, SlowGreeting):
                waiting.set()

        task = start_detection(watch)
        await waiting.wait()
        await cancel_promptly(task)

    asyncio.run(scenario())


def test_stop_ends_detection_with_what_it_found(lab: Lab) -> None:
    """How the command line ends the incoming-server search once the outgoing answer is in:
    an answer, not a cancellation, saying how far each check got."""
    lab.smtp("smtp.example.test", 587, SmtpBehaviour(silent=True))

    async def scenario() -> DetectionResult:
        stop = asyncio.Event()

        def watch(event: DetectionEvent) -> None:
            if isinstance(event, SlowGreeting):
                stop.set()

        return await detect(
            parse_address("alice@example.test"),
            providers=ProviderDatabase({}),
            deadlines=Deadlines(),
            on_event=watch,
            stop=stop,
        )

    result = asyncio.run(scenario())

    assert result.best is None  # a server that never greeted is not offered as a guess
    probe_row = report_of(result, SourceName.PROBE)
    assert probe_row.note is SourceNote.NONE_ANSWERED
    assert (
        "587 on smtp.example.test accepted the connection but sent no complete greeting within"
    ) in probe_row.detail
    assert "the time limit was reached" in probe_row.detail


# -- the same words whatever the timing -----------------------------------------------------


def test_rows_read_the_same_on_every_run(lab: Lab) -> None:
    """The case where the row used to depend on which job reported first (one run in six)."""
    lab.https(
        "autoconfig.example.test", AUTOCONFIG_PATH, client_config("smtp.example.test", 465, "SSL")
    )
    lab.smtp("smtp.example.test", 465, SmtpBehaviour(security=Security.SSL))
    # The ISPDB holds its answer, so its row reads "not needed" every time. Answering "no such
    # host" at once, it raced the confirmed answer: on a busy machine it sometimes lost, and
    # its row read "not needed" instead of "not listed" (rightly: detection had ended by then).
    lab.https(ISPDB_HOST, "/v1.1/example.test", b"", delay=FOREVER)

    seen = {
        tuple(
            (s.name, s.status, s.note, s.values) for s in run_detect("alice@example.test").sources
        )
        for _ in range(25)
    }

    assert len(seen) == 1, seen
    autoconfig = next(row for row in seen.pop() if row[0] is SourceName.AUTOCONFIG)
    assert autoconfig[1:3] == (SourceStatus.FOUND, SourceNote.PUBLISHED)


def finding(host: str, port: int, says: SourceOutcome, order: int, *, answered: bool) -> Finding:
    security = Security.SSL if port == 465 else Security.STARTTLS
    config = ServerConfig(
        host, port, security, "a@example.test", SourceName.PROBE, Trust.GUESSED, Tier.PROBE, "probe"
    )
    probe = ProbeResult(host, port, security, None if answered else ProbeFailure.REFUSED)
    return Finding(config, Candidate(config, probe), says, order)


def test_what_a_row_says_does_not_depend_on_arrival_order() -> None:
    shown = SourceOutcome(SourceNote.PROVIDER_FOUND, "", (("provider", "Shown"),))
    other = SourceOutcome(SourceNote.PROVIDER_FOUND, "", (("provider", "Other"),))
    findings = [
        finding("a.example.test", 465, shown, 0, answered=True),
        finding("b.example.test", 465, other, 1, answered=True),
        finding("a.example.test", 587, other, 2, answered=True),
        finding("c.example.test", 587, other, 3, answered=False),
    ]
    stated, guessed = set(), set()
    for _ in range(50):
        random.shuffle(findings)
        stated.add(STATED.describe(findings))
        guessed.add(guess.RULES.describe([f for f in findings if guess.RULES.counts(f.candidate)]))

    assert stated == {shown}  # the best-ranked finding speaks; equals by endpoint
    assert [o.values for o in guessed] == [
        (("servers", "a.example.test:465, b.example.test:465, a.example.test:587"),)
    ]


# -- the allowance itself ---------------------------------------------------------------------


def step(host: str, address: str, phase: Phase, seconds: float, port: int = 587) -> Step:
    return Step(host, port, address, phase, seconds)


def attempt(host: str, address: str, phase: Phase = Phase.CONNECTING) -> Attempt:
    return Attempt(host, 465, started=0.0, phase=phase, since=0.0, address=address)


def test_the_allowance_has_a_floor_when_nothing_comparable_was_measured() -> None:
    patience = Patience()
    patience.record(step("smtp.a.test", "10.0.0.1", Phase.GREETING, 0.05))

    allowance = patience.allowance(attempt("smtp.a.test", "10.0.0.1"))

    assert allowance == Allowance(FLOOR, None)


def test_the_allowance_follows_the_nearest_measurement() -> None:
    """Same host before same network before anywhere; a few times the slowest of them."""
    near = step("smtp.a.test", "10.0.0.1", Phase.CONNECTING, 0.2)
    network = step("mail.a.test", "10.0.0.9", Phase.CONNECTING, 0.4)
    far = step("smtp.b.test", "192.0.2.1", Phase.CONNECTING, 1.0)
    patience = Patience([near, network, far])

    assert patience.allowance(attempt("smtp.a.test", "10.0.0.1")).example == near
    assert patience.allowance(attempt("other.a.test", "10.0.0.2")).example == network
    assert patience.allowance(attempt("x.c.test", "198.51.100.7")).example == far
    assert patience.allowance(attempt("smtp.a.test", "10.0.0.1")).seconds == pytest.approx(0.8)


def test_a_decision_is_explained_in_the_issue_s_words() -> None:
    example = step("smtp.example.org", "10.0.0.1", Phase.CONNECTING, 0.003)
    given_up = attempt("smtp.example.org", "10.0.0.1")

    text = explain(given_up, 0.4, Allowance(FLOOR, example))

    assert text == (
        "465 on smtp.example.org did not answer within 0.4 s while 587 answered in 3 ms: "
        "treated as blocked"
    )
