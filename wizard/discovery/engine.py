"""The orchestrator: every source at once, every proposal checked live, the best one returned.

Sources run concurrently as jobs and push proposals into one queue; each new endpoint is probed
live as soon as it appears (once, however many sources propose it). Detection stops as soon as
the best confirmed candidate can no longer be beaten by anything still running, so a dead or
slow host only costs time when its answer could actually matter, and then only as long as the
network's own measurements say it is worth waiting (``wizard.discovery.patience``).

Where sources differ, their ``SourceRules`` say how; each row is built from what its source
found, so the same findings read the same whatever order the jobs and checks reported in.
"""

from __future__ import annotations

import asyncio
import dataclasses
import importlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, Any
from typing import Protocol as Interface

from wizard.address import EmailAddress
from wizard.discovery import bundled, guess, mx, srv
from wizard.discovery.context import (
    ISPDB_URL,
    DiscoveryContext,
    Emit,
    Fetches,
    SourceFailedError,
    SourceOutcome,
)
from wizard.discovery.deadlines import Deadlines
from wizard.discovery.events import (
    CandidateChecked,
    CandidateFound,
    DetectionEvent,
    SlowGreeting,
    SourceFinished,
    SourceStarted,
)
from wizard.discovery.limits import MAX_CANDIDATES, MAX_CHECKS, in_total_note
from wizard.discovery.loading import load
from wizard.discovery.patience import Allowance, Attempt, Patience, Phase, explain
from wizard.discovery.ranking import (
    Liveness,
    RankKey,
    best_possible_key,
    candidate_key,
    liveness,
    rank_key,
)
from wizard.discovery.rules import STATED, Finding, SourceRules
from wizard.errors import WizardError
from wizard.model import (
    Candidate,
    Caution,
    DetectionResult,
    ProbeFailure,
    ProbeResult,
    Protocol,
    Security,
    ServerConfig,
    SourceName,
    SourceNote,
    SourceReport,
    SourceStatus,
    Tier,
)
from wizard.net.dns import DnsError, DomainNotFoundError, Questions, lookup_mx, new_resolver
from wizard.runtime import until_waiting
from wizard.smtp.phases import Milestones, ProbeTimeouts

if TYPE_CHECKING:
    from wizard.providers import ProviderDatabase

log = logging.getLogger(__name__)

Endpoint = tuple[str, int, Security]
EventSink = Callable[[DetectionEvent], None]

# A server that accepted the connection and has not greeted after this long is reported as slow
# (``SlowGreeting``), so the user learns why detection is still waiting.
SLOW_GREETING = 1.0


@dataclass(frozen=True)
class Job:
    """One concurrent unit of a source; a source may have several (HTTPS and HTTP autoconfig).

    ``run`` names the coroutine function (``module.function`` in ``wizard.discovery``): the
    module is imported when the job starts, on a worker thread if it is not loaded yet, so
    that sources needing HTTPS, XML or the public suffix list do not hold up the DNS
    questions of the others (see ``_load``). Those that only ask DNS (``first``) start at
    once; the others once their questions are out (``wizard.runtime.until_waiting``), so
    that the first questions share the interpreter with no import or file being read.
    """

    source: SourceName
    tier: Tier  # the best tier this job can produce, for the stopping rule
    run: str
    network: bool = True  # asks the network, so a domain that does not exist ends it
    first: bool = False  # asks DNS and nothing else at first: starts before the others


JOBS = (
    Job(SourceName.PRESET, Tier.PRESET, "preset.run", network=False),
    Job(SourceName.SRV, Tier.SRV, "srv.run", first=True),
    Job(SourceName.PROBE, Tier.PROBE, "guess.run", first=True),
    Job(SourceName.MX, Tier.MX, "mx.run", first=True),
    Job(SourceName.BUNDLED, Tier.PROVIDER, "bundled.run", network=False),
    Job(SourceName.AUTOCONFIG, Tier.PROVIDER, "autoconfig.run_https"),
    Job(SourceName.AUTOCONFIG, Tier.HTTP, "autoconfig.run_http"),
    Job(SourceName.ISPDB, Tier.PROVIDER, "ispdb.run"),
)


class Prober(Interface):
    """``probe_smtp`` or ``probe_imap``."""

    async def __call__(
        self,
        host: str,
        port: int,
        security: Security,
        *,
        timeouts: ProbeTimeouts | None = None,
        milestones: Milestones | None = None,
    ) -> ProbeResult: ...


# The live check of each protocol: ``module.function``, loaded like the sources.
PROBERS = {
    Protocol.SMTP: "wizard.smtp.probe.probe_smtp",
    Protocol.IMAP: "wizard.imap.probe.probe_imap",
}

RULES: dict[SourceName, SourceRules] = {
    SourceName.PRESET: STATED,
    SourceName.BUNDLED: STATED,
    SourceName.AUTOCONFIG: STATED,
    SourceName.ISPDB: STATED,
    SourceName.MX: STATED,
    SourceName.SRV: STATED,
    SourceName.PROBE: guess.RULES,
}

# What a live check given up by patience failed at, by the phase it had reached.
_GIVEN_UP = {
    Phase.CONNECTING: ProbeFailure.CONNECT_TIMEOUT,
    Phase.GREETING: ProbeFailure.NO_GREETING,
    Phase.TALKING: ProbeFailure.CLOSED,
}


@dataclass
class _Entry:
    """A candidate being tracked; ``seq`` keeps discovery order among equals, ``attempt``
    follows its live check while that runs."""

    config: ServerConfig
    seq: int
    attempt: Attempt
    probe: ProbeResult | None = None
    noticed_slow: bool = False

    @property
    def candidate(self) -> Candidate:
        return Candidate(self.config, self.probe)

    @property
    def key(self) -> tuple[RankKey, int]:
        """Its place in the final ranking, were it confirmed live."""
        return (rank_key(self.config, Liveness.VERIFIED), self.seq)


@dataclass(frozen=True)
class _Proposal:
    """One source's proposal of an endpoint; ``order`` counts the source's proposals."""

    job: Job
    config: ServerConfig
    says: SourceOutcome
    order: int


@dataclass
class _SourceRow:
    """Progress of one source as the user sees it."""

    rules: SourceRules
    jobs: tuple[Job, ...]  # in the order of JOBS, which decides between equally telling ends
    started: float
    proposals: dict[Endpoint, _Proposal] = field(default_factory=dict)
    done: dict[Job, _JobDone] = field(default_factory=dict)
    # Why the row was closed before it had ended by itself (stopped early, out of time).
    ending: tuple[SourceStatus, SourceOutcome] | None = None
    report: SourceReport | None = None
    unchecked: int = 0  # proposals beyond ``MAX_CANDIDATES``, left out (unchecked, unused)

    @property
    def running(self) -> bool:
        return len(self.done) < len(self.jobs)


@dataclass(frozen=True)
class _Proposed:
    job: Job
    config: ServerConfig
    says: SourceOutcome


@dataclass(frozen=True)
class _JobDone:
    job: Job
    status: SourceStatus
    outcome: SourceOutcome
    domain_missing: bool = False


@dataclass(frozen=True)
class _Probed:
    endpoint: Endpoint
    result: ProbeResult


@dataclass(frozen=True)
class _Milestone:
    """A live check got further: ``phase`` began at ``at``; ``address`` when connecting."""

    endpoint: Endpoint
    phase: Phase
    at: float
    address: str | None = None


@dataclass(frozen=True)
class _Stop:
    """The caller wants the answer now (``detect``'s ``stop``)."""


@dataclass(frozen=True)
class _Alarm:
    """Time to look again at the checks that are being waited for (the alarm set for ``when``)."""

    when: float


_Message = _Proposed | _JobDone | _Probed | _Milestone | _Stop | _Alarm


async def detect(
    address: EmailAddress,
    *,
    providers: ProviderDatabase | None = None,
    deadlines: Deadlines | None = None,
    on_event: EventSink | None = None,
    ispdb_url: str = ISPDB_URL,
    protocol: Protocol = Protocol.SMTP,
    stop: asyncio.Event | None = None,
    fetches: Fetches | None = None,
    questions: Questions | None = None,
) -> DetectionResult:
    """Find the outgoing-server settings for ``address``; with ``protocol``, the incoming
    (IMAP) server's, by the same sources and rules (a separate run, so that the outgoing
    answer never waits for it). Runs side by side share their documents through ``fetches``
    and their DNS questions through ``questions``, which whoever made them closes; without
    them, the run has its own.

    Never takes longer than ``deadlines.total``; once ``stop`` is set, it ends as it would out
    of time, with what it found so far. Cancelling the calling task stops all work.
    """
    deadlines = deadlines or Deadlines()
    own = fetches is None
    documents = Fetches(deadlines) if fetches is None else fetches
    own_questions = questions is None
    asked = Questions(new_resolver(deadlines.dns)) if questions is None else questions
    ctx = DiscoveryContext(
        address=address,
        resolver=asked,
        deadlines=deadlines,
        fetches=documents,
        database=providers,
        ispdb_url=ispdb_url,
        protocol=protocol,
    )
    try:
        return await _Detection(ctx, on_event or (lambda _event: None)).run(stop)
    finally:
        if own:
            await documents.close()
        if own_questions:
            await asked.close()


async def _load_trust_store() -> None:
    tls = await load("wizard.net.tls")
    await asyncio.to_thread(tls.client_context)


# Modules loaded completely (``sys.modules`` also holds those still being imported): the
# sources that need nothing but DNS come with the engine, the others through ``_load``.
_loaded: dict[str, ModuleType] = {module.__name__: module for module in (bundled, guess, mx, srv)}


def preload() -> None:
    """Import everything detection will need and read the provider database, for a caller
    with time to spare (the wizard, while the user types): detection then starts at once."""
    from wizard.providers import ProviderDatabase

    for job in JOBS:
        module_name = f"wizard.discovery.{job.run}".rpartition(".")[0]
        _loaded[module_name] = importlib.import_module(module_name)
    for path in PROBERS.values():
        module_name = path.rpartition(".")[0]
        _loaded[module_name] = importlib.import_module(module_name)
    ProviderDatabase.bundled()


async def _load(path: str) -> Any:
    """The function at ``path`` (``package.module.function``), its module imported first if
    need be, in the background (``wizard.discovery.loading``): the event loop keeps asking and
    answering meanwhile (importing httpx or aiosmtplib takes longer than a DNS round trip)."""
    module_name, _, name = path.rpartition(".")
    module = _loaded.get(module_name)
    if module is None:
        module = await load(module_name)
        _loaded[module_name] = module
    return getattr(module, name)


class _Watch(Milestones):
    """Hands a probe's milestones to the detection's queue, timed as they happen."""

    def __init__(self, detection: _Detection, endpoint: Endpoint) -> None:
        self._detection = detection
        self._endpoint = endpoint

    def connecting(self, address: str) -> None:
        self._tell(Phase.CONNECTING, address)

    def connected(self) -> None:
        self._tell(Phase.GREETING)

    def greeted(self) -> None:
        self._tell(Phase.TALKING)

    def _tell(self, phase: Phase, address: str | None = None) -> None:
        at = self._detection.loop.time()
        self._detection.queue.put_nowait(_Milestone(self._endpoint, phase, at, address))


class _Detection:
    """The state of one detection run; lives only inside ``detect``."""

    def __init__(self, ctx: DiscoveryContext, on_event: EventSink) -> None:
        self.ctx = ctx
        self.on_event = on_event
        self.loop = asyncio.get_running_loop()
        self.queue: asyncio.Queue[_Message] = asyncio.Queue()
        self.entries: dict[Endpoint, _Entry] = {}
        self.renamed: dict[Endpoint, Endpoint] = {}  # proposals a live check read differently
        self.running: dict[Job, asyncio.Task[None]] = {}
        self.probes: dict[Endpoint, asyncio.Task[None]] = {}
        self.rows: dict[SourceName, _SourceRow] = {}
        self.patience = Patience()
        self.decisions: dict[Endpoint, str] = {}  # why a check was given up, for the helpdesk
        self.alarm: asyncio.TimerHandle | None = None
        self.prober: asyncio.Task[Prober] | None = None  # see ``_prepare_checks``
        self.trust: asyncio.Task[None] | None = None
        self.domain_missing = False
        self.stopped = False
        self.seq = 0
        # A server that accepted the connection is alive: its greeting is waited for as long as
        # detection runs (RFC 5321 allows minutes); patience decides once an answer is confirmed.
        self.probe_timeouts = dataclasses.replace(ctx.deadlines.probe, greeting=ctx.deadlines.total)

    async def run(self, stop: asyncio.Event | None) -> DetectionResult:
        started = self.loop.time()
        stopping = asyncio.create_task(self._wait_for(stop)) if stop is not None else None
        for source in SourceName:
            jobs = tuple(job for job in JOBS if job.source is source)
            self.rows[source] = _SourceRow(RULES[source], jobs, started)
            self.on_event(SourceStarted(source))
        for job in JOBS:
            self.running[job] = asyncio.create_task(self._run_job(job))
        self.existing = asyncio.create_task(self._once_the_domain_exists())
        timed_out = False
        try:
            async with asyncio.timeout_at(started + self.ctx.deadlines.total):
                while not self.stopped and not self._settled():
                    self._handle(await self.queue.get())
                    self._review()
        except TimeoutError:
            timed_out = True
        finally:
            if self.alarm is not None:
                self.alarm.cancel()
            if stopping is not None:
                stopping.cancel()
            await self._stop_everything()
        if timed_out or self.stopped:
            self._give_up_all()
            ending = (SourceStatus.TIMEOUT, SourceOutcome(SourceNote.OUT_OF_TIME, "out of time"))
        else:
            ending = (SourceStatus.SKIPPED, SourceOutcome(SourceNote.NOT_NEEDED, "not needed"))
        for row in self.rows.values():
            self._close(row, ending)
        return self._result(started)

    async def _once_the_domain_exists(self) -> None:
        """Prepare the live checks once the domain is known to exist: its MX question has an
        answer, with records or without (asked once, for the MX source too: ``Questions``).
        For a domain that does not exist, nothing is loaded for them unless a source without
        network proposes a server after all (``_proposed``)."""
        try:
            await lookup_mx(self.ctx.resolver, self.ctx.address.domain)
        except DomainNotFoundError:
            return
        except DnsError:
            pass  # nothing known: the other sources may still find servers
        self._prepare_checks()

    def _prepare_checks(self) -> None:
        """Load what live checks need while the sources are asked, so that the first candidate
        need not wait for it: the check's client (the SMTP or IMAP one), and the trust store
        that every TLS connection's one shared context holds (read from disk once, on a worker
        thread). Again after ``_drop_checks``, once a server turns up after all."""
        if self.prober is None:
            self.prober = asyncio.create_task(_load(PROBERS[self.ctx.protocol]))
        if self.trust is None:
            self.trust = asyncio.create_task(_load_trust_store())

    def _drop_checks(self) -> None:
        """Stop loading what live checks need: none is expected. Those still waiting their turn
        in the background importer are never imported (cryptography and the mail clients:
        most of the time a nonexistent domain would otherwise cost)."""
        for task in (self.prober, self.trust):
            if task is not None:
                task.cancel()
        self.prober = self.trust = None

    async def _wait_for(self, stop: asyncio.Event) -> None:
        await stop.wait()
        self.queue.put_nowait(_Stop())

    # -- jobs and probes -------------------------------------------------------------------

    async def _run_job(self, job: Job) -> None:
        def emit(config: ServerConfig, says: SourceOutcome) -> None:
            self.queue.put_nowait(_Proposed(job, config, says))

        try:
            if not job.first:
                await until_waiting()
            run: Callable[[DiscoveryContext, Emit], Awaitable[SourceOutcome]]
            run = await _load(f"wizard.discovery.{job.run}")
            outcome = await run(self.ctx, emit)
        except DomainNotFoundError as err:
            missing = SourceOutcome(SourceNote.DOMAIN_NOT_FOUND, f"{err.domain} does not exist")
            done = _JobDone(job, SourceStatus.NOTHING, missing, domain_missing=True)
        except DnsError as err:
            done = _failed(job, str(err), SourceNote.DNS_FAILED, timed_out=err.detail == "timeout")
        except SourceFailedError as err:
            done = _failed(job, err.detail, SourceNote.FETCH_FAILED, timed_out=err.timed_out)
        except TimeoutError:
            done = _failed(job, "no answer in time", SourceNote.NO_ANSWER, timed_out=True)
        except WizardError as err:  # one the source should have handled: a fault all the same
            done = _failed(job, str(err), SourceNote.INTERNAL_ERROR)
        except Exception as err:  # a bug in one source must not hold up the others
            log.exception("detection source %s failed", job.source.value)
            detail = f"internal error: {type(err).__name__}"
            done = _failed(job, detail, SourceNote.INTERNAL_ERROR)
        else:
            done = _JobDone(job, SourceStatus.NOTHING, outcome)
        self.queue.put_nowait(done)

    async def _run_probe(self, endpoint: Endpoint) -> None:
        host, port, security = endpoint
        assert self.prober is not None, "loaded again as each server is proposed"
        try:
            probe = await asyncio.shield(self.prober)
            result = await probe(
                host,
                port,
                security,
                timeouts=self.probe_timeouts,
                milestones=_Watch(self, endpoint),
            )
        except Exception as err:  # as for sources: report it, never wait for it
            log.exception("probing %s:%s failed", host, port)
            detail = f"internal error: {type(err).__name__}"
            result = ProbeResult(host, port, security, ProbeFailure.NOT_SMTP, detail)
        self.queue.put_nowait(_Probed(endpoint, result))

    # -- handling messages -----------------------------------------------------------------

    def _handle(self, message: _Message) -> None:
        if isinstance(message, _Proposed):
            self._proposed(message)
        elif isinstance(message, _Probed):
            self._probed(message.endpoint, message.result)
        elif isinstance(message, _Milestone):
            self._milestone(message)
        elif isinstance(message, _JobDone):
            self._job_done(message)
        elif isinstance(message, _Stop):
            self.stopped = True
        elif self.alarm is not None and self.alarm.when() == message.when:
            self.alarm = None  # it went off

    def _proposed(self, message: _Proposed) -> None:
        config = message.config
        row = self.rows[message.job.source]
        if self._entry(config.endpoint) is None and not self._room_for(config):
            row.unchecked += 1  # the row's detail says so
            return
        if config.endpoint not in row.proposals:
            order = len(row.proposals)
            row.proposals[config.endpoint] = _Proposal(message.job, config, message.says, order)
        known = self._entry(config.endpoint)
        if known is not None:
            if rank_key(config, Liveness.VERIFIED) < rank_key(known.config, Liveness.VERIFIED):
                known.config = config  # the same server, vouched for by a better source
            return
        self.seq += 1
        entry = _Entry(config, self.seq, Attempt(config.host, config.port, self.loop.time()))
        self.entries[config.endpoint] = entry
        self.on_event(CandidateFound(entry.candidate))
        self._prepare_checks()
        self.probes[config.endpoint] = asyncio.create_task(self._run_probe(config.endpoint))

    def _room_for(self, config: ServerConfig) -> bool:
        """Whether a new server may be checked (``wizard.discovery.limits``): under the cap,
        or in place of the least trusted one kept (the latest of its tier), when ``config``
        comes from a more trusted tier. That one's check is stopped and it is left out, as if
        it had come too late: untrusted answers that arrive first cannot crowd out a trusted
        one."""
        if len(self.entries) < MAX_CANDIDATES:
            return len(self.probes) < MAX_CHECKS
        worst = max(self.entries.values(), key=lambda e: (e.config.tier, e.seq))
        if worst.config.tier <= config.tier or len(self.probes) >= MAX_CHECKS:
            return False
        endpoint = worst.config.endpoint
        del self.entries[endpoint]
        for probed, task in self.probes.items():
            if self.renamed.get(probed, probed) == endpoint:
                task.cancel()  # kept in ``probes``: it counts towards MAX_CHECKS
        for row in self.rows.values():
            for proposed in [e for e in row.proposals if self.renamed.get(e, e) == endpoint]:
                del row.proposals[proposed]
                row.unchecked += 1
        return True

    def _milestone(self, message: _Milestone) -> None:
        entry = self.entries.get(message.endpoint)
        if entry is None or entry.probe is not None:
            return
        if message.phase is Phase.CONNECTING and message.address is not None:
            entry.attempt.connecting(message.address, message.at)
        else:
            self.patience.record(entry.attempt.reached(message.phase, message.at))

    def _probed(self, endpoint: Endpoint, result: ProbeResult) -> None:
        entry = self.entries.get(endpoint)
        if entry is None or entry.probe is not None:
            return  # given up on already; the probe's own ending came too late to matter
        if result.reachable:
            self.patience.record(entry.attempt.finished(self.loop.time()))
        entry.probe = result
        other = RULES[entry.config.source].reconsider(entry.candidate)
        if other is not None and other.config.endpoint != endpoint:
            # Read differently in the light of the check; merged if that endpoint is known.
            del self.entries[endpoint]
            self.renamed[endpoint] = other.config.endpoint
            known = other.config.endpoint in self.entries
            entry = self.entries.setdefault(
                other.config.endpoint,
                dataclasses.replace(entry, config=other.config, probe=other.probe),
            )
            if known:
                entry = None
        if entry is not None:
            self.on_event(CandidateChecked(entry.candidate))
        for row in self.rows.values():
            self._maybe_close(row)  # a row that needs answers may have been waiting for this

    def _job_done(self, done: _JobDone) -> None:
        self.running.pop(done.job, None)
        row = self.rows[done.job.source]
        row.done[done.job] = done
        if done.domain_missing:
            self._domain_missing()
        self._maybe_close(row)

    def _domain_missing(self) -> None:
        """NXDOMAIN: nothing on the network can know this domain; stop asking. Until a source
        without network (a preset, the bundled database) proposes a server, nothing is left
        to check live either."""
        self.domain_missing = True
        missing = SourceOutcome(SourceNote.DOMAIN_NOT_FOUND, "the domain does not exist")
        for job, task in list(self.running.items()):
            if job.network:
                task.cancel()
                del self.running[job]
                self._close(self.rows[job.source], (SourceStatus.SKIPPED, missing))
        if not self.probes:
            self._drop_checks()

    def _maybe_close(self, row: _SourceRow) -> None:
        """Close a row whose jobs have all ended, once its findings are settled: at once for a
        source that states settings, after every live check for one that needs answers."""
        if row.report is not None or row.running:
            return
        if row.rules.needs_answer and any(f.candidate.probe is None for f in self._findings(row)):
            return
        self._close(row)

    # -- the rows --------------------------------------------------------------------------

    def _close(
        self, row: _SourceRow, ending: tuple[SourceStatus, SourceOutcome] | None = None
    ) -> None:
        """Report how the row's source ended: by itself, or for ``ending`` if it had not."""
        if row.report is not None:
            return
        row.ending = ending
        elapsed = round((self.loop.time() - row.started) * 1000)
        status, said = self._verdict(row)
        source = row.jobs[0].source
        row.report = SourceReport(
            source, status, elapsed, self._detail(row, said), said.note, said.values
        )
        self.on_event(SourceFinished(row.report))

    def _findings(self, row: _SourceRow) -> list[Finding]:
        """What the row's source proposed, each with the live check of it so far."""
        findings = []
        for endpoint, proposal in row.proposals.items():
            entry = self._entry(endpoint)
            if entry is None:
                continue
            findings.append(
                Finding(proposal.config, entry.candidate, proposal.says, proposal.order)
            )
        return findings

    def _verdict(self, row: _SourceRow) -> tuple[SourceStatus, SourceOutcome]:
        """The row's status and what it says: what the source found, if it found anything;
        else why it was stopped; else its most telling end, the earlier job's on a tie."""
        found = [f for f in self._findings(row) if row.rules.counts(f.candidate)]
        if found:
            return SourceStatus.FOUND, row.rules.describe(found)
        if row.ending is not None:
            return row.ending
        ends = [row.done[job] for job in row.jobs]
        status = _worst(ends)
        return status, next(end.outcome for end in ends if end.status is status)

    def _detail(self, row: _SourceRow, said: SourceOutcome) -> str:
        """The row's technical account: what the verdict adds (why the row was stopped, which
        guesses answered), each job's own account (for a job still running, where its
        proposals came from), then each live check given up on, and why."""
        parts = [said.detail]
        for job in row.jobs:
            done = row.done.get(job)
            if done is not None:
                parts.append(done.outcome.detail)
            else:
                proposals = [p for p in row.proposals.values() if p.job is job]
                parts.extend(dict.fromkeys(p.says.detail for p in proposals))
        parts.extend(self.decisions[e] for e in sorted(row.proposals) if e in self.decisions)
        parts.append(in_total_note(row.unchecked))
        return "; ".join(dict.fromkeys(part for part in parts if part))

    # -- patience --------------------------------------------------------------------------

    def _review(self) -> None:
        """Give up on the checks that kept a confirmed answer waiting longer than the network's
        own measurements justify; say which servers are slow to greet; set the next alarm."""
        now = self.loop.time()
        best = self._best_confirmed()
        wake: list[float] = []
        for endpoint, entry in list(self.entries.items()):
            if entry.probe is not None or self.probes[endpoint].done():
                continue  # checked, or its result is on its way
            attempt = entry.attempt
            if best is not None and entry.key >= best.key:
                continue  # it could not win: nothing waits for it
            if attempt.phase is Phase.GREETING and attempt.since and not entry.noticed_slow:
                due = attempt.since + SLOW_GREETING
                if now >= due:
                    entry.noticed_slow = True
                    waited = round((now - attempt.since) * 1000)
                    self.on_event(SlowGreeting(entry.candidate, waited))
                else:
                    wake.append(due)
            if best is None or attempt.since is None:
                continue  # nothing to compare with; or still resolving (DNS has its deadline)
            if attempt.phase is not Phase.CONNECTING and entry.config.tier < best.config.tier:
                continue  # alive, and more trustworthy than what is confirmed: worth its wait
            allowance = self.patience.allowance(attempt)
            due = attempt.since + allowance.seconds
            if now < due:
                wake.append(due)
                continue
            self._give_up(endpoint, allowance)
        self._set_alarm(min(wake, default=None))

    def _give_up(self, endpoint: Endpoint, allowance: Allowance | None) -> None:
        """End ``endpoint``'s check as failed at the step it had reached, saying why: it took
        longer than ``allowance``, or than detection's time limit (None)."""
        entry = self.entries[endpoint]
        attempt = entry.attempt
        assert attempt.since is not None, "only a check that reached a server is given up"
        now = self.loop.time()
        self.decisions[endpoint] = explain(attempt, now - attempt.since, allowance)
        self.probes[endpoint].cancel()
        host, port, security = endpoint
        given_up = ProbeResult(
            host,
            port,
            security,
            _GIVEN_UP[attempt.phase],
            self.decisions[endpoint],
            elapsed_ms=round((now - attempt.started) * 1000),
        )
        self._probed(endpoint, given_up)

    def _give_up_all(self) -> None:
        """Out of time: every check that reached a server ends as far as it got, so that the
        user learns that a server accepted the connection but never greeted, say."""
        for endpoint, entry in list(self.entries.items()):
            if entry.probe is None and entry.attempt.since is not None:
                self._give_up(endpoint, None)

    def _set_alarm(self, when: float | None) -> None:
        if self.alarm is not None:
            if when is not None and self.alarm.when() == when:
                return
            self.alarm.cancel()
            self.alarm = None
        if when is not None:
            self.alarm = self.loop.call_at(when, self.queue.put_nowait, _Alarm(when))

    def _best_confirmed(self) -> _Entry | None:
        confirmed = [e for e in self.entries.values() if liveness(e.candidate) is Liveness.VERIFIED]
        return min(confirmed, key=lambda e: (candidate_key(e.candidate), e.seq), default=None)

    # -- stopping --------------------------------------------------------------------------

    def _settled(self) -> bool:
        """True once nothing still running could beat the best confirmed candidate.

        Ties go to the candidate found first (``seq``), as in the final ranking: so a job
        still running can only win with a strictly better rank, whatever it finds later.
        """
        unchecked = [e for e in self.entries.values() if e.probe is None]
        if not self.running and not unchecked:
            return True
        confirmed = [
            (candidate_key(e.candidate), e.seq)
            for e in self.entries.values()
            if liveness(e.candidate) is Liveness.VERIFIED
        ]
        if not confirmed:
            return False
        later = self.seq + 1  # anything a running job finds comes after every known entry
        still_possible = [(best_possible_key(job.tier, job.source), later) for job in self.running]
        still_possible += [e.key for e in unchecked]
        return not still_possible or min(confirmed) < min(still_possible)

    async def _stop_everything(self) -> None:
        tasks: list[asyncio.Task[Any]] = [
            *self.running.values(),
            *self.probes.values(),
            self.existing,
        ]
        if self.prober is not None:
            tasks.append(self.prober)
        for task in tasks:
            task.cancel()
        # The trust store is not cancelled: a later TLS connection (a test send) uses it.
        waited = [*tasks, *([self.trust] if self.trust is not None else [])]
        # The children's own cancellations are collected; a cancellation of detection itself
        # arriving meanwhile (Stop pressed as the deadline fired) propagates.
        await asyncio.gather(*waited, return_exceptions=True)

    # -- the answer ------------------------------------------------------------------------

    def _entry(self, endpoint: Endpoint) -> _Entry | None:
        return self.entries.get(self.renamed.get(endpoint, endpoint))

    def _result(self, started: float) -> DetectionResult:
        ranked = sorted(self.entries.values(), key=lambda e: (candidate_key(e.candidate), e.seq))
        useful = [e.candidate for e in ranked if RULES[e.config.source].counts(e.candidate)]
        best = useful[0] if useful else None
        cautions = list(best.warnings) if best else []
        if self.domain_missing:
            cautions.append(Caution.DOMAIN_NOT_FOUND)
        sources = []
        for row in self.rows.values():
            assert row.report is not None, "every row is closed when detection ends"
            # Checks given up after the row closed still belong to its account.
            detail = self._detail(row, self._verdict(row)[1])
            sources.append(dataclasses.replace(row.report, detail=detail))
        return DetectionResult(
            address=self.ctx.address.address,
            domain=self.ctx.address.domain,
            best=best,
            alternatives=tuple(useful[1:]),
            sources=tuple(sources),
            warnings=tuple(cautions),
            elapsed_ms=round((self.loop.time() - started) * 1000),
        )


def _failed(job: Job, detail: str, note: SourceNote, *, timed_out: bool = False) -> _JobDone:
    """A job that ended with an error: a timeout, or any other failure."""
    status = SourceStatus.TIMEOUT if timed_out else SourceStatus.ERROR
    return _JobDone(job, status, SourceOutcome(SourceNote.NO_ANSWER if timed_out else note, detail))


def _worst(ends: list[_JobDone]) -> SourceStatus:
    """A source with several jobs reports its most telling failure."""
    statuses = {end.status for end in ends}
    for status in (SourceStatus.ERROR, SourceStatus.TIMEOUT):
        if status in statuses:
            return status
    return SourceStatus.NOTHING
