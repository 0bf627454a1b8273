"""The domain check's orchestrator: every step at once, all under one overall deadline.

Each step has its own deadlines for its DNS questions and its HTTPS fetch; the check as a whole
never takes longer than ``DomainDeadlines.total``, and a step still running then is reported as
timed out, with whatever the others found. Nothing here connects to port 25.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

from wizard.domaincheck import inbound, libraries, sending
from wizard.domaincheck.context import (
    CheckContext,
    DomainDeadlines,
    StepFailedError,
    StepResult,
    finding,
)
from wizard.domaincheck.model import (
    Check,
    DomainHealth,
    Finding,
    FindingCode,
    Severity,
    StepReport,
    StepStatus,
)
from wizard.net.dns import new_resolver
from wizard.net.http import new_client

log = logging.getLogger(__name__)

Step = Callable[[CheckContext], Awaitable[StepResult]]
STEPS: dict[Check, Step] = {
    Check.SPF: sending.check_spf,
    Check.DKIM: sending.check_dkim,
    Check.DMARC: sending.check_dmarc,
    Check.MTA_STS: inbound.check_mta_sts,
    Check.TLS_RPT: inbound.check_tls_rpt,
    Check.DANE: inbound.check_dane,
}


async def check_domain(
    domain: str,
    *,
    server: str | None = None,
    dkim_selectors: tuple[str, ...] = (),
    deadlines: DomainDeadlines | None = None,
) -> DomainHealth:
    """Check ``domain`` (an A-label) as a sender domain for mail sent through ``server``.

    Never raises for what the network does; cancelling stops every step.
    """
    deadlines = deadlines or DomainDeadlines()
    started = time.monotonic()
    libraries.forget_cached_answers()
    async with new_client(connect_timeout=deadlines.https, read_timeout=deadlines.https) as http:
        ctx = CheckContext(
            domain=domain.lower().rstrip("."),
            server=server.lower().rstrip(".") if server else None,
            selectors=dkim_selectors,
            deadlines=deadlines,
            resolver=new_resolver(deadlines.dns),
            http=http,
        )
        tasks = {check: asyncio.create_task(_timed(step, ctx)) for check, step in STEPS.items()}
        try:
            await asyncio.wait(tasks.values(), timeout=deadlines.total)
        finally:
            for task in tasks.values():
                task.cancel()
            await asyncio.gather(*tasks.values(), return_exceptions=True)
        addresses = ctx.known_server_addresses()
    findings: list[Finding] = []
    steps: list[StepReport] = []
    for check, task in tasks.items():
        report, found = _outcome(check, task, started)
        steps.append(report)
        findings += found
    outlook = sending.dmarc_outlook(findings, ctx.server)
    if outlook is not None:
        findings.append(outlook)
    return DomainHealth(
        domain=ctx.domain,
        server=ctx.server,
        server_addresses=tuple(addresses),
        findings=tuple(findings),
        steps=tuple(steps),
        elapsed_ms=round((time.monotonic() - started) * 1000),
    )


async def _timed(step: Step, ctx: CheckContext) -> tuple[StepResult, float]:
    result = await step(ctx)
    return result, time.monotonic()


def _outcome(
    check: Check, task: asyncio.Task[tuple[StepResult, float]], started: float
) -> tuple[StepReport, list[Finding]]:
    """How a step ended: its findings, or why it has none."""
    now = time.monotonic()
    if task.cancelled():
        return _failed(check, StepStatus.TIMEOUT, "out of time", now - started)
    error = task.exception()
    if isinstance(error, TimeoutError):
        return _failed(check, StepStatus.TIMEOUT, str(error) or "no answer in time", now - started)
    if isinstance(error, StepFailedError):
        return _failed(check, StepStatus.FAILED, error.detail, now - started)
    if error is not None:  # a bug in one step must not hide the others' findings
        log.error("domain check step %s failed", check.value, exc_info=error)
        return _failed(check, StepStatus.FAILED, f"internal error: {type(error).__name__}", 0)
    result, ended = task.result()
    elapsed = round((ended - started) * 1000)
    return StepReport(check, StepStatus.DONE, elapsed, result.detail), list(result.findings)


def _failed(
    check: Check, status: StepStatus, detail: str, seconds: float
) -> tuple[StepReport, list[Finding]]:
    code = FindingCode.TIMED_OUT if status is StepStatus.TIMEOUT else FindingCode.DNS_FAILED
    report = StepReport(check, status, round(seconds * 1000), detail)
    return report, [finding(check, code, Severity.INFO, detail=detail)]
