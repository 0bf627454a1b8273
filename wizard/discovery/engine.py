"""The orchestrator: every source at once, every proposal checked live, the best one returned.

Sources run concurrently as jobs and push proposals into one queue; each new endpoint is probed
live as soon as it appears (once, however many sources propose it). Detection stops as soon as
the best confirmed candidate can no longer be beaten by anything still running, so a dead or
slow host only costs time when its answer could actually matter.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from wizard.address import EmailAddress
from wizard.discovery import autoconfig, bundled, guess, ispdb, mx, srv
from wizard.discovery.context import (
    ISPDB_URL,
    Deadlines,
    DiscoveryContext,
    Emit,
    SourceFailedError,
    SourceOutcome,
)
from wizard.discovery.events import (
    CandidateChecked,
    CandidateFound,
    DetectionEvent,
    SourceFinished,
    SourceStarted,
)
from wizard.discovery.ranking import (
    Liveness,
    best_possible_key,
    candidate_key,
    liveness,
    rank_key,
)
from wizard.errors import WizardError
from wizard.imap.probe import probe_imap
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
    Trust,
)
from wizard.net.dns import DnsError, DomainNotFoundError, new_resolver
from wizard.net.http import new_client
from wizard.providers import ProviderDatabase
from wizard.smtp.probe import probe_smtp

log = logging.getLogger(__name__)

Endpoint = tuple[str, int, Security]
EventSink = Callable[[DetectionEvent], None]


@dataclass(frozen=True)
class Job:
    """One concurrent unit of a source; a source may have several (HTTPS and HTTP autoconfig)."""

    source: SourceName
    tier: Tier  # the best tier this job can produce, for the stopping rule
    run: Callable[[DiscoveryContext, Emit], Awaitable[SourceOutcome]]


JOBS = (
    Job(SourceName.BUNDLED, Tier.PROVIDER, bundled.run),
    Job(SourceName.AUTOCONFIG, Tier.PROVIDER, autoconfig.run_https),
    Job(SourceName.AUTOCONFIG, Tier.HTTP, autoconfig.run_http),
    Job(SourceName.ISPDB, Tier.PROVIDER, ispdb.run),
    Job(SourceName.MX, Tier.MX, mx.run),
    Job(SourceName.SRV, Tier.SRV, srv.run),
    Job(SourceName.PROBE, Tier.PROBE, guess.run),
)


@dataclass
class _Entry:
    """A candidate being tracked; ``seq`` keeps discovery order among equals."""

    config: ServerConfig
    seq: int
    probe: ProbeResult | None = None

    @property
    def candidate(self) -> Candidate:
        return Candidate(self.config, self.probe)


@dataclass
class _SourceRow:
    """Progress of one source as the user sees it."""

    jobs_left: int
    started: float
    found_by: set[Job] = field(default_factory=set)  # the jobs that proposed settings
    provider: str | None = None  # named by the first proposal that named one
    done: list[_JobDone] = field(default_factory=list)
    report: SourceReport | None = None

    @property
    def found(self) -> bool:
        return bool(self.found_by)

    def deciding(self, status: SourceStatus) -> SourceOutcome | None:
        """What the job that decided the row's status said: that is what the row says."""
        found = status is SourceStatus.FOUND
        for done in self.done:
            if (done.job in self.found_by) if found else (done.status is status):
                return done.outcome
        if found and self.provider:  # the job that found it was still running
            return SourceOutcome(SourceNote.PROVIDER_FOUND, "", (("provider", self.provider),))
        return None

    @property
    def detail(self) -> str:
        """Every finished job's technical account, for the helpdesk."""
        return "; ".join(done.outcome.detail for done in self.done if done.outcome.detail)


@dataclass(frozen=True)
class _Proposed:
    job: Job
    config: ServerConfig


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


_Message = _Proposed | _JobDone | _Probed


async def detect(
    address: EmailAddress,
    *,
    providers: ProviderDatabase | None = None,
    deadlines: Deadlines | None = None,
    on_event: EventSink | None = None,
    ispdb_url: str = ISPDB_URL,
    protocol: Protocol = Protocol.SMTP,
) -> DetectionResult:
    """Find the outgoing-server settings for ``address``; with ``protocol``, the incoming
    (IMAP) server's, by the same sources and rules (a separate run, so that the outgoing
    answer never waits for it).

    Never takes longer than ``deadlines.total``; cancelling the calling task stops all work.
    """
    deadlines = deadlines or Deadlines()
    async with new_client(
        connect_timeout=deadlines.http_connect, read_timeout=deadlines.http_read
    ) as http:
        ctx = DiscoveryContext(
            address=address,
            http=http,
            resolver=new_resolver(deadlines.dns),
            providers=providers or ProviderDatabase.bundled(),
            deadlines=deadlines,
            ispdb_url=ispdb_url,
            protocol=protocol,
        )
        return await _Detection(ctx, on_event or (lambda _event: None)).run()


class _Detection:
    """The state of one detection run; lives only inside ``detect``."""

    def __init__(self, ctx: DiscoveryContext, on_event: EventSink) -> None:
        self.ctx = ctx
        self.on_event = on_event
        self.loop = asyncio.get_running_loop()
        self.queue: asyncio.Queue[_Message] = asyncio.Queue()
        self.entries: dict[Endpoint, _Entry] = {}
        self.running: dict[Job, asyncio.Task[None]] = {}
        self.probes: dict[Endpoint, asyncio.Task[None]] = {}
        self.rows: dict[SourceName, _SourceRow] = {}
        self.domain_missing = False
        self.seq = 0

    async def run(self) -> DetectionResult:
        started = self.loop.time()
        for source in SourceName:
            jobs = sum(1 for job in JOBS if job.source is source)
            self.rows[source] = _SourceRow(jobs_left=jobs, started=started)
            self.on_event(SourceStarted(source))
        for job in JOBS:
            self.running[job] = asyncio.create_task(self._run_job(job))
        timed_out = False
        try:
            async with asyncio.timeout_at(started + self.ctx.deadlines.total):
                while not self._settled():
                    self._handle(await self.queue.get())
        except TimeoutError:
            timed_out = True
        finally:
            await self._stop_everything()
        self._close_rows(SourceStatus.TIMEOUT if timed_out else SourceStatus.SKIPPED)
        return self._result(started)

    # -- jobs and probes -------------------------------------------------------------------

    async def _run_job(self, job: Job) -> None:
        def emit(config: ServerConfig) -> None:
            self.queue.put_nowait(_Proposed(job, config))

        try:
            outcome = await job.run(self.ctx, emit)
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
        try:
            probe = probe_imap if self.ctx.protocol is Protocol.IMAP else probe_smtp
            result = await probe(host, port, security, timeouts=self.ctx.deadlines.probe)
        except Exception as err:  # as for sources: report it, never wait for it
            log.exception("probing %s:%s failed", host, port)
            detail = f"internal error: {type(err).__name__}"
            result = ProbeResult(host, port, security, ProbeFailure.NOT_SMTP, detail)
        self.queue.put_nowait(_Probed(endpoint, result))

    # -- handling messages -----------------------------------------------------------------

    def _handle(self, message: _Message) -> None:
        if isinstance(message, _Proposed):
            self._propose(message.config)
            row = self.rows[message.job.source]
            row.found_by.add(message.job)
            row.provider = row.provider or message.config.provider
        elif isinstance(message, _Probed):
            self._probed(message.endpoint, message.result)
        else:
            self._job_done(message)

    def _propose(self, config: ServerConfig) -> None:
        known = self.entries.get(config.endpoint)
        if known is not None:
            if rank_key(config, Liveness.VERIFIED) < rank_key(known.config, Liveness.VERIFIED):
                known.config = config  # the same server, vouched for by a better source
            return
        self.seq += 1
        entry = _Entry(config, self.seq)
        self.entries[config.endpoint] = entry
        self.on_event(CandidateFound(entry.candidate))
        self.probes[config.endpoint] = asyncio.create_task(self._run_probe(config.endpoint))

    def _probed(self, endpoint: Endpoint, result: ProbeResult) -> None:
        entry = self.entries[endpoint]
        if entry.config.trust is Trust.GUESSED and result.failure is ProbeFailure.NO_STARTTLS:
            # A guessed server that only talks plain SMTP: offer it as what it is.
            del self.entries[endpoint]
            plain = dataclasses.replace(entry.config, security=Security.NONE)
            if plain.endpoint in self.entries:
                return
            entry = _Entry(plain, entry.seq)
            self.entries[plain.endpoint] = entry
            result = dataclasses.replace(result, security=Security.NONE, failure=None)
        entry.probe = result
        self.on_event(CandidateChecked(entry.candidate))
        self._maybe_close_probe_row()

    def _job_done(self, done: _JobDone) -> None:
        self.running.pop(done.job, None)
        row = self.rows[done.job.source]
        row.jobs_left -= 1
        row.done.append(done)
        if done.domain_missing:
            self._domain_missing()
        if done.job.source is SourceName.PROBE:
            self._maybe_close_probe_row()
        elif row.jobs_left == 0:
            status = SourceStatus.FOUND if row.found else _worst(row)
            self._close_row(done.job.source, status)

    def _domain_missing(self) -> None:
        """NXDOMAIN: nothing on the network can know this domain; stop asking."""
        self.domain_missing = True
        for job, task in list(self.running.items()):
            if job.source is not SourceName.BUNDLED:
                task.cancel()
                del self.running[job]
                missing = SourceOutcome(SourceNote.DOMAIN_NOT_FOUND, "the domain does not exist")
                self._close_row(job.source, SourceStatus.SKIPPED, missing)

    def _maybe_close_probe_row(self) -> None:
        row = self.rows[SourceName.PROBE]
        if row.report is not None or row.jobs_left:
            return
        guesses = [e for e in self.entries.values() if e.config.source is SourceName.PROBE]
        if any(e.probe is None for e in guesses):
            return
        answered = self._answered()
        if answered is not None:
            self._close_row(SourceName.PROBE, SourceStatus.FOUND, answered)
        else:
            self._close_row(SourceName.PROBE, _worst(row))

    def _answered(self) -> SourceOutcome | None:
        """The guessed servers that answered, if any did."""
        servers = ", ".join(
            f"{e.config.host}:{e.config.port}"
            for e in self.entries.values()
            if e.config.source is SourceName.PROBE and e.probe is not None and e.probe.reachable
        )
        if not servers:
            return None
        return SourceOutcome(
            SourceNote.SERVERS_ANSWERED, f"answered: {servers}", (("servers", servers),)
        )

    def _close_row(
        self, source: SourceName, status: SourceStatus, reason: SourceOutcome | None = None
    ) -> None:
        """Report how ``source`` ended: for ``reason`` if given, else as its jobs said."""
        row = self.rows[source]
        if row.report is not None:
            return
        elapsed = round((self.loop.time() - row.started) * 1000)
        said = reason or row.deciding(status)
        row.report = SourceReport(
            source,
            status,
            elapsed,
            reason.detail if reason else row.detail,
            note=said.note if said else None,
            values=said.values if said else (),
        )
        self.on_event(SourceFinished(row.report))

    def _close_rows(self, status: SourceStatus) -> None:
        """Rows still open when detection ended: stopped early, or out of time."""
        if status is SourceStatus.TIMEOUT:
            reason = SourceOutcome(SourceNote.OUT_OF_TIME, "out of time")
        else:
            reason = SourceOutcome(SourceNote.NOT_NEEDED, "not needed")
        for source, row in self.rows.items():
            if row.report is not None:
                continue
            answered = self._answered() if source is SourceName.PROBE else None
            if answered is not None:
                self._close_row(source, SourceStatus.FOUND, answered)
            elif row.found and source is not SourceName.PROBE:
                self._close_row(source, SourceStatus.FOUND)
            else:
                self._close_row(source, status, reason)

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
        still_possible += [(rank_key(e.config, Liveness.VERIFIED), e.seq) for e in unchecked]
        return not still_possible or min(confirmed) < min(still_possible)

    async def _stop_everything(self) -> None:
        tasks = [*self.running.values(), *self.probes.values()]
        for task in tasks:
            task.cancel()
        # The children's own cancellations are collected; a cancellation of detection itself
        # arriving meanwhile (Stop pressed as the deadline fired) propagates.
        await asyncio.gather(*tasks, return_exceptions=True)

    # -- the answer ------------------------------------------------------------------------

    def _result(self, started: float) -> DetectionResult:
        ranked = sorted(self.entries.values(), key=lambda e: (candidate_key(e.candidate), e.seq))
        useful = [
            e.candidate
            for e in ranked
            if e.config.trust is not Trust.GUESSED or liveness(e.candidate) <= Liveness.PROBLEM
        ]
        best = useful[0] if useful else None
        cautions = list(best.warnings) if best else []
        if self.domain_missing:
            cautions.append(Caution.DOMAIN_NOT_FOUND)
        return DetectionResult(
            address=self.ctx.address.address,
            domain=self.ctx.address.domain,
            best=best,
            alternatives=tuple(useful[1:]),
            sources=tuple(r.report for r in self.rows.values() if r.report is not None),
            warnings=tuple(cautions),
            elapsed_ms=round((self.loop.time() - started) * 1000),
        )


def _failed(job: Job, detail: str, note: SourceNote, *, timed_out: bool = False) -> _JobDone:
    """A job that ended with an error: a timeout, or any other failure."""
    status = SourceStatus.TIMEOUT if timed_out else SourceStatus.ERROR
    return _JobDone(job, status, SourceOutcome(SourceNote.NO_ANSWER if timed_out else note, detail))


def _worst(row: _SourceRow) -> SourceStatus:
    """A source with several jobs reports its most telling failure."""
    statuses = {done.status for done in row.done}
    for status in (SourceStatus.ERROR, SourceStatus.TIMEOUT):
        if status in statuses:
            return status
    return SourceStatus.NOTHING
