"""Detection against a hostile network (issue 10): compression bombs, answers and documents
that list a thousand servers, redirects with heavy bodies, and documents whose fields hold line
breaks and escape sequences.

The real ``detect`` command runs in a subprocess inside the lab, under a parent that reports
its peak memory (``resource.getrusage``), so a test can say "stayed under 120 MB" without
trusting the process to measure itself; connections and DNS questions are counted by the lab's
own servers. Nothing here measures time with a clock: the time limit is checked against what
detection itself reports.
"""

from __future__ import annotations

import functools
import gzip
import json
import subprocess
import sys
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest

from tests.lab.smtp_server import SmtpBehaviour
from tests.lab.world import Lab
from tests.test_cli_accounts import program
from wizard.clientconfig import MAX_CONFIG_BYTES
from wizard.discovery.limits import MAX_CANDIDATES, MAX_CHECKS, SERVERS_PER_ANSWER
from wizard.model import Security
from wizard.net.http import FetchError, FetchProblem, fetch_document, new_client

if TYPE_CHECKING:
    from collections.abc import Iterator

pytestmark = pytest.mark.lab

AUTOCONFIG_PATH = "/mail/config-v1.1.xml"
WELL_KNOWN_PATH = "/.well-known/autoconfig/mail/config-v1.1.xml"
# Peak memory of a whole ``detect`` run, Python included: about 50 MB normally; reading 1 GiB
# into memory, as the stacked bomb made it, cost over 2 GB.
MEMORY_CEILING_KIB = 120 * 1024
# Runs the command given as its arguments and reports its peak memory (KiB, Linux) last on
# stderr; RUSAGE_CHILDREN covers exactly that one child, since nothing else is waited for.
_MEASURED = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str
    peak_kib: int

    @property
    def document(self) -> dict[str, Any]:
        """The one JSON object on stdout."""
        document = json.loads(self.stdout)
        assert isinstance(document, dict)
        return document


def measured(lab: Lab, *args: str) -> Run:
    """``email-setup-wizard ARGS`` inside the lab, with its peak memory."""
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, program(), *args],
        capture_output=True,
        text=True,
        env=lab.env(),
        timeout=120,
        check=False,
    )
    *said, peak = done.stderr.splitlines()
    assert peak.isdigit(), done.stderr
    stderr = "\n".join(said)
    assert "Traceback" not in stderr, stderr
    return Run(done.returncode, done.stdout, stderr, int(peak))


def client_config(host: str, port: int = 465, socket_type: str = "SSL") -> bytes:
    return (
        '<clientConfig version="1.1"><emailProvider id="example.test">'
        "<domain>example.test</domain>"
        f'<outgoingServer type="smtp"><hostname>{host}</hostname><port>{port}</port>'
        f"<socketType>{socket_type}</socketType><username>%EMAILADDRESS%</username>"
        "</outgoingServer></emailProvider></clientConfig>"
    ).encode()


@functools.cache
def gzip_of_zeros(size: int) -> bytes:
    """``size`` zero bytes gzipped, built a mebibyte at a time."""
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    step = bytes(1 << 20)
    parts = [packer.compress(step) for _ in range(size >> 20)]
    return b"".join([*parts, packer.flush()])


def source_detail(document: dict[str, Any], name: str) -> str:
    detail = next(s["detail"] for s in document["sources"] if s["name"] == name)
    assert isinstance(detail, str)
    return detail


DOCUMENT = client_config("mail.example.test")


# -- compression ----------------------------------------------------------------------------


def test_a_stacked_gzip_bomb_is_refused_without_being_inflated(lab: Lab) -> None:
    bomb = gzip.compress(gzip_of_zeros(1 << 30), 9)  # 1 GiB behind about 2 KB
    lab.https(
        "autoconfig.example.test",
        AUTOCONFIG_PATH,
        bomb,
        headers={"Content-Encoding": "gzip, gzip"},
    )

    run = measured(lab, "detect", "alice@example.test", "--json", "--timeout", "10")

    assert run.code == 3  # nothing found, and said so
    assert "config-v1.1.xml?emailaddress=alice%40example.test: encoding" in source_detail(
        run.document, "autoconfig"
    )
    assert run.peak_kib < MEMORY_CEILING_KIB


def test_one_gzip_layer_is_inflated_only_up_to_the_cap(lab: Lab) -> None:
    bomb = gzip_of_zeros(200 << 20)  # under the 256 KiB download cap, 200 MiB inflated
    lab.https(
        "autoconfig.example.test", AUTOCONFIG_PATH, bomb, headers={"Content-Encoding": "gzip"}
    )
    # A redirect whose own body is a bomb: followed without reading it.
    lab.https(
        "example.test",
        WELL_KNOWN_PATH,
        bomb,
        status=302,
        headers={"Content-Encoding": "gzip", "Location": "https://mail.example.test/config.xml"},
    )
    lab.https(
        "mail.example.test",
        "/config.xml",
        gzip.compress(client_config("mail.example.test")),
        headers={"Content-Encoding": "gzip"},
    )

    run = measured(lab, "detect", "alice@example.test", "--json", "--timeout", "10")

    assert "too-large" in source_detail(run.document, "autoconfig")
    assert run.document["smtp"]["host"] == "mail.example.test"  # the redirect was followed
    assert run.peak_kib < MEMORY_CEILING_KIB


@pytest.mark.parametrize(
    ("encoding", "packed"),
    [
        ("deflate", zlib.compress(DOCUMENT)),
        ("deflate", zlib.compress(DOCUMENT)[2:-4]),  # the bare stream some servers send
        ("gzip", gzip.compress(DOCUMENT)),
        ("identity", DOCUMENT),
    ],
    ids=["deflate", "raw-deflate", "gzip", "identity"],
)
async def test_documents_arrive_whole_in_every_encoding_asked_for(
    lab: Lab, encoding: str, packed: bytes
) -> None:
    lab.https(
        "autoconfig.example.test", AUTOCONFIG_PATH, packed, headers={"Content-Encoding": encoding}
    )
    async with new_client() as client:
        fetched = await fetch_document(
            client, f"https://autoconfig.example.test{AUTOCONFIG_PATH}", max_bytes=MAX_CONFIG_BYTES
        )
    assert fetched is not None and fetched.body == DOCUMENT


@pytest.mark.parametrize("encoding", ["br", "gzip, deflate", "compress"])
async def test_encodings_not_asked_for_or_stacked_are_refused(lab: Lab, encoding: str) -> None:
    lab.https(
        "autoconfig.example.test",
        AUTOCONFIG_PATH,
        b"\x1f\x8b junk",
        headers={"Content-Encoding": encoding},
    )
    async with new_client() as client:
        with pytest.raises(FetchError) as refused:
            await fetch_document(
                client,
                f"https://autoconfig.example.test{AUTOCONFIG_PATH}",
                max_bytes=MAX_CONFIG_BYTES,
            )
    assert refused.value.problem is FetchProblem.ENCODING
    assert lab.requests[-1].headers["accept-encoding"] == "gzip, deflate"


# -- how many servers one answer may cost ---------------------------------------------------


def many_hosts(lab: Lab, count: int, *, ip: str) -> list[str]:
    """``count`` host names, all at ``ip``."""
    names = [f"s{number}.example.test" for number in range(count)]
    for name in names:
        lab.host(name, ip)
    return names


def test_a_thousand_srv_records_cost_a_handful_of_connections(lab: Lab) -> None:
    server = lab.smtp("relay.provider.test", 465, SmtpBehaviour(security=Security.SSL))
    for name in many_hosts(lab, 1000, ip=server.ip):
        lab.dns.add("_submissions._tcp.example.test", "SRV", f"0 0 465 {name}")

    run = measured(lab, "detect", "alice@example.test", "--json", "--timeout", "5")

    detail = source_detail(run.document, "srv")
    assert f"995 more servers ignored, at most {SERVERS_PER_ANSWER} per answer" in detail
    # Each checked twice at most: once verifying, once to show the certificate it rejected.
    assert server.sessions <= 2 * SERVERS_PER_ANSWER
    assert len(lab.dns_queries) < 100
    assert run.document["elapsed_ms"] <= 5000 + 1000  # its own limit, and a moment to stop
    assert run.peak_kib < MEMORY_CEILING_KIB


def test_a_document_listing_1500_servers_costs_a_handful_of_connections(lab: Lab) -> None:
    server = lab.smtp("relay.provider.test", 465, SmtpBehaviour(security=Security.SSL))
    names = many_hosts(lab, 1500, ip=server.ip)
    servers = "".join(
        f'<outgoingServer type="smtp"><hostname>{name}</hostname><port>465</port>'
        "<socketType>SSL</socketType></outgoingServer>"
        for name in names
    )
    document = (
        '<clientConfig version="1.1"><emailProvider id="example.test">'
        f"<domain>example.test</domain>{servers}</emailProvider></clientConfig>"
    ).encode()
    assert len(document) > 150 * 1024
    lab.https("autoconfig.example.test", AUTOCONFIG_PATH, document)

    run = measured(lab, "detect", "alice@example.test", "--json", "--timeout", "5")

    assert "1495 more servers ignored" in source_detail(run.document, "autoconfig")
    assert server.sessions <= 2 * SERVERS_PER_ANSWER
    assert len(lab.dns_queries) < 100
    assert run.document["elapsed_ms"] <= 5000 + 1000
    assert run.peak_kib < MEMORY_CEILING_KIB


def five_servers(names: Iterator[str]) -> bytes:
    """A document listing the next five of ``names``, each on 465 with implicit TLS."""
    servers = "".join(
        f'<outgoingServer type="smtp"><hostname>{next(names)}</hostname><port>465</port>'
        "<socketType>SSL</socketType></outgoingServer>"
        for _ in range(5)
    )
    return (
        '<clientConfig version="1.1"><emailProvider id="example.test">'
        f"<domain>example.test</domain>{servers}</emailProvider></clientConfig>"
    ).encode()


def test_all_sources_together_check_a_bounded_number_of_servers(lab: Lab) -> None:
    server = lab.smtp("relay.provider.test", 465, SmtpBehaviour(security=Security.SSL))
    names = iter(many_hosts(lab, 40, ip=server.ip))

    lab.https("autoconfig.example.test", AUTOCONFIG_PATH, five_servers(names))
    lab.https("example.test", WELL_KNOWN_PATH, five_servers(names))
    lab.http("autoconfig.example.test", AUTOCONFIG_PATH, five_servers(names))
    lab.http("example.test", WELL_KNOWN_PATH, five_servers(names))
    for _ in range(5):
        lab.dns.add("_submissions._tcp.example.test", "SRV", f"0 0 465 {next(names)}")
        lab.dns.add("_submission._tcp.example.test", "SRV", f"0 0 465 {next(names)}")

    run = measured(lab, "detect", "alice@example.test", "--json", "--timeout", "10")

    checked = [run.document["smtp"], *run.document["alternatives"]]
    assert len(checked) <= MAX_CANDIDATES < 30  # 30 distinct servers were proposed
    details = " ".join(s["detail"] for s in run.document["sources"])
    assert f"not checked, at most {MAX_CANDIDATES} per detection" in details
    # Trusted answers arriving late take untrusted ones' places: MAX_CHECKS started at most.
    assert server.sessions <= 2 * MAX_CHECKS


def test_a_flood_of_untrusted_servers_cannot_crowd_out_a_later_trusted_one(lab: Lab) -> None:
    """Hostile SRV answers and plain-HTTP documents (and the guesses) propose 29 servers at
    once; the domain's HTTPS autoconfig answers a moment later with one. The cap keeps the
    trusted one, in place of the least trusted proposal, and it wins."""
    server = lab.smtp("relay.provider.test", 465, SmtpBehaviour(security=Security.SSL))
    names = iter(many_hosts(lab, 20, ip=server.ip))
    for guessed in ("smtp.example.test", "mail.example.test", "example.test"):
        lab.host(guessed, server.ip)

    lab.http("autoconfig.example.test", AUTOCONFIG_PATH, five_servers(names))
    lab.http("example.test", WELL_KNOWN_PATH, five_servers(names))
    for _ in range(5):
        lab.dns.add("_submissions._tcp.example.test", "SRV", f"0 0 465 {next(names)}")
        lab.dns.add("_submission._tcp.example.test", "SRV", f"0 0 465 {next(names)}")
    lab.host("submit.example.test", server.ip)
    lab.https(
        "autoconfig.example.test", AUTOCONFIG_PATH, client_config("submit.example.test"), delay=1.5
    )

    run = measured(lab, "detect", "alice@example.test", "--json", "--timeout", "10")

    best = run.document["smtp"]
    assert (best["host"], best["source"], best["trust"]) == (
        "submit.example.test",
        "autoconfig",
        "trusted",
    )
    checked = [best, *run.document["alternatives"]]
    assert len(checked) <= MAX_CANDIDATES
    assert f"not checked, at most {MAX_CANDIDATES} per detection" in " ".join(
        s["detail"] for s in run.document["sources"]
    )


# -- fields that hold more than they should -------------------------------------------------


def test_a_line_break_in_a_documents_username_cannot_forge_a_line(lab: Lab) -> None:
    forged = "%EMAILADDRESS%&#10;  Trust:      trusted (bundled provider database); confirmed live"
    evil = (
        '<outgoingServer type="smtp"><hostname>evil.example.test</hostname><port>465</port>'
        f"<socketType>SSL</socketType><username>{forged}</username></outgoingServer>"
    )
    lab.http(
        "autoconfig.example.test",
        AUTOCONFIG_PATH,
        client_config("mail.example.test").replace(
            b"<outgoingServer", evil.encode() + b"<outgoingServer", 1
        ),
    )

    run = measured(lab, "detect", "alice@example.test")

    trust_lines = [line for line in run.stdout.splitlines() if "Trust:" in line]
    assert len(trust_lines) == 1 and "bundled" not in trust_lines[0]
    assert "evil.example.test" not in run.stdout
