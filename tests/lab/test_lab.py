"""Self-tests of the lab: each simulated piece of the internet behaves like the real thing,
seen through the same client libraries the engine uses."""

from __future__ import annotations

import asyncio
import gc
import socket
import ssl
import subprocess
import sys
from typing import TYPE_CHECKING

import aiosmtplib
import dns.asyncresolver
import dns.rdatatype
import dns.resolver
import httpx
import pytest
import truststore

from tests.lab import StreamService
from tests.lab.certs import CertKind
from tests.lab.dns_server import DnsQuery
from tests.lab.http_server import FOREVER
from tests.lab.smtp_server import SmtpBehaviour
from wizard.model import Security

if TYPE_CHECKING:
    from tests.lab.world import Lab

pytestmark = pytest.mark.lab


def verifying_context() -> ssl.SSLContext:
    """How the engine verifies: the OS trust store, which the lab fixture points at its CA."""
    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


async def resolve(name: str, rdtype: str) -> list[str]:
    answer = await dns.asyncresolver.Resolver().resolve(name, rdtype, search=False)
    return sorted(rdata.to_text() for rdata in answer)


# -- DNS ----------------------------------------------------------------------------------------


def test_getaddrinfo_resolves_a_lab_name_through_resolv_conf(lab: Lab) -> None:
    ip = lab.host("www.example.test")

    infos = socket.getaddrinfo("www.example.test", 443, type=socket.SOCK_STREAM)

    assert {info[4][0] for info in infos} == {ip}
    assert DnsQuery("www.example.test", "A") in lab.dns_queries


def test_fresh_addresses_are_distinct_and_leave_localhost_alone(lab: Lab) -> None:
    first, second = lab.host("one.example.test"), lab.host("two.example.test")

    assert first != second
    assert not {first, second} & {"127.0.0.1", "127.0.0.53"}
    assert lab.host("one.example.test") == first  # asking again changes nothing


async def test_dnspython_gets_mx_srv_and_txt_answers(lab: Lab) -> None:
    mx_ip = lab.mx("example.test", "mx.provider.test", preference=5)
    srv_ip = lab.srv("_submissions._tcp.example.test", "smtp.provider.test", 465, priority=1)
    lab.srv("_submission._tcp.example.test", ".", 0)
    lab.dns.add("example.test", "TXT", '"v=spf1 -all"')
    lab.dns.add("v6.example.test", "AAAA", "::1")

    assert await resolve("example.test", "MX") == ["5 mx.provider.test."]
    assert await resolve("mx.provider.test", "A") == [mx_ip]
    assert await resolve("_submissions._tcp.example.test", "SRV") == ["1 0 465 smtp.provider.test."]
    assert await resolve("smtp.provider.test", "A") == [srv_ip]
    assert await resolve("_submission._tcp.example.test", "SRV") == ["0 0 0 ."]
    assert await resolve("example.test", "TXT") == ['"v=spf1 -all"']
    assert await resolve("v6.example.test", "AAAA") == ["::1"]


async def test_nxdomain_is_told_apart_from_a_name_without_that_record(lab: Lab) -> None:
    lab.host("mail.example.test")

    with pytest.raises(dns.resolver.NXDOMAIN):
        await resolve("nothing.example.test", "A")
    with pytest.raises(dns.resolver.NoAnswer):
        await resolve("mail.example.test", "MX")  # the name exists, the record does not
    with pytest.raises(dns.resolver.NoAnswer):
        await resolve("example.test", "A")  # exists because a name below it does
    with pytest.raises(socket.gaierror):
        socket.getaddrinfo("nothing.example.test", 443)


async def test_cnames_are_followed_and_the_address_goes_to_the_target(lab: Lab) -> None:
    lab.dns.add("autoconfig.example.test", "CNAME", "web.hoster.test")
    ip = lab.host("autoconfig.example.test")

    answer = await dns.asyncresolver.Resolver().resolve("autoconfig.example.test", "A")

    assert [rdata.to_text() for rdata in answer] == [ip]
    assert answer.canonical_name.to_text() == "web.hoster.test."
    assert lab.host("web.hoster.test") == ip


async def test_answers_too_big_for_udp_come_over_tcp(lab: Lab) -> None:
    texts = [f'"{index:03} {"x" * 100}"' for index in range(30)]  # about 3 kB
    for text in texts:
        lab.dns.add("big.example.test", "TXT", text)
    addresses = [f"127.0.9.{index}" for index in range(1, 61)]  # about 1 kB: glibc uses 512 B
    for ip in addresses:
        lab.host("many.example.test", ip)

    assert await resolve("big.example.test", "TXT") == sorted(texts)
    infos = socket.getaddrinfo("many.example.test", 25, socket.AF_INET, socket.SOCK_STREAM)
    assert {info[4][0] for info in infos} == set(addresses)
    # Each was asked twice: over UDP (truncated answer), then over TCP.
    assert (
        lab.dns_queries
        == [DnsQuery("big.example.test", "TXT")] * 2 + [DnsQuery("many.example.test", "A")] * 2
    )


async def test_a_delayed_name_does_not_hold_up_others(lab: Lab) -> None:
    slow_ip, fast_ip = lab.host("slow.example.test"), lab.host("fast.example.test")
    delay = 1.3  # more than resolv.conf's 1 s per try: the client's retry must join the wait
    lab.dns.delay("slow.example.test", delay)
    loop = asyncio.get_running_loop()
    started = loop.time()

    slow = asyncio.create_task(resolve("slow.example.test", "A"))
    assert await resolve("fast.example.test", "A") == [fast_ip]
    assert not slow.done()
    assert await slow == [slow_ip]
    assert loop.time() - started >= delay
    assert lab.dns_queries.count(DnsQuery("slow.example.test", "A")) >= 2  # it did retry


async def test_a_silent_name_only_times_out(lab: Lab) -> None:
    lab.host("dead-dns.example.test")
    lab.dns.silent("dead-dns.example.test")
    resolver = dns.asyncresolver.Resolver()
    resolver.lifetime = 0.5

    with pytest.raises(dns.resolver.LifetimeTimeout):
        await resolver.resolve("dead-dns.example.test", "A")
    assert DnsQuery("dead-dns.example.test", "A") in lab.dns_queries


# -- HTTP(S) ------------------------------------------------------------------------------------


async def test_https_verifies_against_the_lab_ca_and_records_the_raw_query(lab: Lab) -> None:
    lab.https("autoconfig.example.test", "/mail/config-v1.1.xml", "<clientConfig/>")

    async with httpx.AsyncClient(verify=verifying_context()) as client:
        response = await client.get(
            "https://autoconfig.example.test/mail/config-v1.1.xml",
            params={"emailaddress": "jo+tag@example.test"},
        )

    assert response.status_code == 200
    assert response.text == "<clientConfig/>"
    assert response.headers["content-type"].startswith("text/xml")
    (request,) = lab.requests
    assert request.url == (
        "https://autoconfig.example.test/mail/config-v1.1.xml?emailaddress=jo%2Btag%40example.test"
    )
    assert request.method == "GET"


@pytest.mark.parametrize(
    ("kind", "verify_code"),
    [
        (CertKind.EXPIRED, 10),  # X509_V_ERR_CERT_HAS_EXPIRED
        (CertKind.NOT_YET_VALID, 9),  # X509_V_ERR_CERT_NOT_YET_VALID
        (CertKind.WRONG_HOST, 62),  # X509_V_ERR_HOSTNAME_MISMATCH
        (CertKind.UNKNOWN_ISSUER, 20),  # X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY
        (CertKind.SELF_SIGNED, 18),  # X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT
    ],
)
async def test_broken_certificates_fail_verification(
    lab: Lab, kind: CertKind, verify_code: int
) -> None:
    ip = lab.https("broken.example.test", "/", "", cert=kind)

    with pytest.raises(ssl.SSLCertVerificationError) as caught:
        await asyncio.open_connection(
            ip, 443, ssl=verifying_context(), server_hostname="broken.example.test"
        )

    assert caught.value.verify_code == verify_code


async def test_sni_picks_each_host_its_own_certificate_on_a_shared_address(lab: Lab) -> None:
    ip = lab.https("good.example.test", "/", "good")
    lab.host("bad.example.test", ip)
    lab.https("bad.example.test", "/", "bad", cert=CertKind.EXPIRED)

    async with httpx.AsyncClient(verify=verifying_context()) as client:
        response = await client.get("https://good.example.test/")
        with pytest.raises(httpx.ConnectError, match="expired"):
            await client.get("https://bad.example.test/")

    assert response.text == "good"


async def test_http_redirects_unknown_paths_and_delays(lab: Lab) -> None:
    target = "https://example.test/new"
    lab.http("example.test", "/old", "", status=301, headers={"Location": target})
    lab.http("example.test", "/slow", "late", delay=0.2)
    loop = asyncio.get_running_loop()

    async with httpx.AsyncClient() as client:
        redirect = await client.get("http://example.test/old?x=1")
        missing = await client.get("http://example.test/nothing")
        started = loop.time()
        slow = await client.get("http://example.test/slow")

    assert (redirect.status_code, redirect.headers["location"]) == (301, target)
    assert missing.status_code == 404
    assert slow.text == "late"
    assert loop.time() - started >= 0.2
    assert [(r.scheme, r.path, r.query) for r in lab.requests] == [
        ("http", "/old", "x=1"),
        ("http", "/nothing", ""),
        ("http", "/slow", ""),
    ]


async def test_a_hanging_route_never_answers_but_is_recorded(lab: Lab) -> None:
    lab.https("hang.example.test", "/mail/config-v1.1.xml", "", delay=FOREVER)

    async with httpx.AsyncClient(verify=verifying_context(), timeout=0.3) as client:
        with pytest.raises(httpx.ReadTimeout):
            await client.get("https://hang.example.test/mail/config-v1.1.xml")

    assert [request.host for request in lab.requests] == ["hang.example.test"]


async def test_idn_hosts_are_served_under_their_a_label_names(lab: Lab) -> None:
    lab.https("bücher.test", "/mail/config-v1.1.xml", "ok")

    async with httpx.AsyncClient(verify=verifying_context()) as client:
        response = await client.get("https://bücher.test/mail/config-v1.1.xml")

    assert response.text == "ok"
    assert [request.host for request in lab.requests] == ["xn--bcher-kva.test"]


def test_a_subprocess_resolves_and_trusts_the_lab_with_lab_env(lab: Lab) -> None:
    lab.https("autoconfig.example.test", "/ping", "pong")
    fetch = (
        "import ssl, urllib.request; print(urllib.request.urlopen("
        "'https://autoconfig.example.test/ping', context=ssl.create_default_context()"
        ").read().decode())"
    )

    result = subprocess.run(
        [sys.executable, "-c", fetch], env=lab.env(), capture_output=True, text=True, check=False
    )

    assert (result.returncode, result.stdout.strip()) == (0, "pong"), result.stderr


# -- firewall, SMTP, reset ----------------------------------------------------------------------


async def test_a_blackholed_port_times_out_while_a_closed_one_refuses(lab: Lab) -> None:
    dead = lab.host("dead.example.test")
    closed = lab.host("closed.example.test")
    lab.blackhole("dead.example.test", 587)

    with pytest.raises(TimeoutError):
        await asyncio.wait_for(asyncio.open_connection(dead, 587), timeout=0.5)
    with pytest.raises(ConnectionRefusedError):
        await asyncio.open_connection(closed, 587)


async def test_a_client_connecting_as_a_server_stops_leaves_no_socket_behind(lab: Lab) -> None:
    """A lab server stopped at the moment a client connects (the engine still fetching as a test
    ends) closes that connection too. With ``asyncio.start_server`` on Python 3.11, the accepted
    socket went to a task that ran only after the server had closed, could not attach to it, and
    was dropped unclosed: "ResourceWarning: unclosed transport" in a later test's teardown."""

    async def serve(_: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await writer.wait_closed()

    ip = lab.host("stopping.example.test")
    service = StreamService(serve)
    await service.start(ip, 443)
    with socket.create_connection((ip, 443)):  # queued in the listener's backlog
        # Loop passes, no time: the first lets the loop see the listener readable and accept,
        # the second stops the server before the task that takes the connection has run.
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        await service.stop()
    gc.collect()  # a socket dropped unclosed is reported now, failing this test's teardown

    with pytest.raises(ConnectionRefusedError), socket.create_connection((ip, 443)):
        pass  # stopped listening, too


def test_reset_empties_the_world(lab: Lab) -> None:
    ip = lab.host("dead.example.test")
    lab.blackhole(ip, 80)
    lab.http("dead.example.test", "/", "")

    lab.reset()

    assert (lab.requests, lab.dns_queries) == ([], [])
    with pytest.raises(socket.gaierror):
        socket.getaddrinfo("dead.example.test", 80)
    with pytest.raises(ConnectionRefusedError), socket.create_connection((ip, 80), timeout=2):
        pass  # no firewall drop any more, and no server: refused at once


async def test_smtp_servers_run_on_their_hosts_address_with_lab_certificates(lab: Lab) -> None:
    server = lab.smtp("smtp.example.test", 465, SmtpBehaviour(security=Security.SSL))

    client = aiosmtplib.SMTP(
        hostname="smtp.example.test", port=465, use_tls=True, tls_context=verifying_context()
    )
    async with client:
        code, _ = await client.ehlo()

    assert code == 250
    assert (server.ip, server.sessions) == (lab.host("smtp.example.test"), 1)
