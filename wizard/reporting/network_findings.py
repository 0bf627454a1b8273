"""The network findings' vocabulary: codes, severities and named values, no sentences (those
are in ``wizard.messages``). Kept apart from the checks, so words need no network code."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from wizard.domaincheck.model import Severity


class NetworkCode(StrEnum):
    """A network finding; ``wizard.messages`` words each with the values noted after it."""

    PORT_OPEN = "port-open"  # port
    PORT_BLOCKED = "port-blocked"  # port, working
    PORT_25_BLOCKED = "port-25-blocked"  # working
    PORT_CLOSED = "port-closed"  # port
    ALL_SILENT = "all-silent"  # host
    SERVER_NOT_FOUND = "server-not-found"  # host
    INTERCEPTED = "intercepted"  # port, problem
    UNTRUSTED_EVERYWHERE = "untrusted-everywhere"  # host
    GREETING_MISMATCH = "greeting-mismatch"  # port, greeting, expected
    DNS_ANSWERS = "dns-answers"
    DNS_SILENT = "dns-silent"
    DNS_FAILED = "dns-failed"  # detail
    PROXY_CONFIGURED = "proxy-configured"  # proxy
    NO_PROXY = "no-proxy"


@dataclass(frozen=True)
class NetworkFinding:
    code: NetworkCode
    severity: Severity
    values: tuple[tuple[str, str], ...] = ()
