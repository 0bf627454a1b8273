"""The lab's DNS: one authoritative server that answers for every name in the world.

Inside the lab namespace ``/etc/resolv.conf`` points at it, so glibc's getaddrinfo, dnspython
and anything else resolve exactly as on a user's machine, against data the test wrote. It
speaks real DNS over UDP and TCP (answers that do not fit a datagram are truncated, and the
client retries over TCP), built from dnspython's message classes.
"""

from __future__ import annotations

import asyncio
import struct
import threading
import time
from typing import TYPE_CHECKING, NamedTuple

import dns.exception
import dns.flags
import dns.message
import dns.name
import dns.opcode
import dns.rcode
import dns.rdata
import dns.rdataclass
import dns.rdatatype
import dns.rrset

from . import StreamService

if TYPE_CHECKING:
    from collections.abc import Callable

DNS_IP = "127.0.0.53"
UDP_LIMIT = 512  # RFC 1035 datagram size for clients that do not announce EDNS
MAX_CHAIN = 8  # CNAMEs followed before giving up on a loop
CNAME = dns.rdatatype.CNAME
ANY = dns.rdatatype.ANY
# Negative answers carry an SOA so resolvers can cache them; the whole world is one zone.
ROOT_SOA = dns.rrset.from_text(
    dns.name.root, 60, "IN", "SOA", "ns.lab.test. hostmaster.lab.test. 1 3600 600 86400 60"
)

Node = dict[dns.rdatatype.RdataType, dns.rrset.RRset]


class DnsQuery(NamedTuple):
    """One question the server was asked."""

    name: str  # lower case, IDNA A-labels, no final dot: "autoconfig.example.test"
    rdtype: str  # "A", "MX", "SRV"...


def canonical_name(name: str) -> str:
    """``name`` as DNS and TLS see it: lower case, A-labels, no final dot."""
    return _text(dns.name.from_text(name))


def _text(name: dns.name.Name) -> str:
    return name.to_text(omit_final_dot=True).lower()


class DnsServer:
    """Authoritative server for the whole lab world, plus the records it serves.

    Editing methods may be called from any thread (a lock guards the data); queries are served
    on the lab's event loop.
    """

    def __init__(self, ip: str = DNS_IP, port: int = 53) -> None:
        self.ip = ip
        self.port = port
        self._lock = threading.Lock()
        self._records: dict[dns.name.Name, Node] = {}
        self._delays: dict[dns.name.Name, float] = {}
        self._held_until: dict[tuple[dns.name.Name, int], float] = {}
        self._silent: set[dns.name.Name] = set()
        self._signed: set[dns.name.Name] = set()
        self._queries: list[DnsQuery] = []
        self._first_query_at: float | None = None  # time.perf_counter() of the first question
        self._udp: asyncio.DatagramTransport | None = None
        self._tcp = StreamService(self._serve_tcp)
        self._held: set[asyncio.Task[None]] = set()  # delayed UDP answers

    # -- the world's data ---------------------------------------------------------------------

    def add(self, name: str, rdtype: str, value: str, ttl: int = 60) -> None:
        """Add one record; ``value`` is zone-file text, names in it are absolute.

        ``add("example.test", "MX", "10 mail.example.test")``
        """
        owner = dns.name.from_text(name)
        kind = dns.rdatatype.from_text(rdtype)
        rdata = dns.rdata.from_text(
            dns.rdataclass.IN, kind, value, origin=dns.name.root, relativize=False
        )
        with self._lock:
            node = self._records.get(owner, {})
            if node and (kind == CNAME or CNAME in node):
                raise ValueError(f"{name}: a CNAME cannot share its name with other records")
            rrset = node.get(kind) or dns.rrset.RRset(owner, dns.rdataclass.IN, kind)
            rrset.add(rdata, ttl)
            node[kind] = rrset
            self._records[owner] = node

    def records(self, name: str, rdtype: str) -> list[str]:
        """The values (as text) of ``name``'s own records of ``rdtype``, CNAMEs not followed."""
        with self._lock:
            node = self._records.get(dns.name.from_text(name), {})
            rrset = node.get(dns.rdatatype.from_text(rdtype))
            return [rdata.to_text() for rdata in rrset or ()]

    def alias_target(self, name: str) -> str:
        """Where ``name`` leads after following its CNAMEs inside the lab (itself if none)."""
        with self._lock:
            owner = dns.name.from_text(name)
            for _ in range(MAX_CHAIN):
                cname = self._records.get(owner, {}).get(CNAME)
                if cname is None:
                    break
                owner = cname[0].target
            return _text(owner)

    def delay(self, name: str, seconds: float) -> None:
        """Answer queries for ``name`` only ``seconds`` after they arrive, like a slow upstream.

        A retry of a query still waiting joins the wait instead of restarting it (a resolver
        does not restart the upstream lookup either), so clients that retry every second get
        the answer after ``seconds``, not never. Other names are answered at once meanwhile.
        """
        with self._lock:
            self._delays[dns.name.from_text(name)] = seconds

    def silent(self, name: str) -> None:
        """Never answer any query for ``name``: the client can only time out."""
        with self._lock:
            self._silent.add(dns.name.from_text(name))

    def sign(self, zone: str) -> None:
        """Answer for ``zone`` and every name below it as a validating resolver answers for a
        DNSSEC-signed zone: with the AD ("authentic data") bit, when the client asks for it
        (AD or DO set). The lab does not sign anything; it plays the resolver that checked."""
        with self._lock:
            self._signed.add(dns.name.from_text(zone))

    @property
    def queries(self) -> list[DnsQuery]:
        """Every question asked so far, in order (a lookup retried over TCP appears twice)."""
        with self._lock:
            return list(self._queries)

    @property
    def first_query_at(self) -> float | None:
        """When (``time.perf_counter()``) the first question since ``clear()`` arrived: the
        benchmark times a program's start-up by it."""
        with self._lock:
            return self._first_query_at

    def clear(self) -> None:
        """Forget all records, delays, silences, signed zones and logged queries."""
        with self._lock:
            self._first_query_at = None
            self._records.clear()
            self._delays.clear()
            self._held_until.clear()
            self._silent.clear()
            self._signed.clear()
            self._queries.clear()

    # -- serving ------------------------------------------------------------------------------

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        self._udp, _ = await loop.create_datagram_endpoint(
            lambda: _UdpProtocol(self._on_datagram), local_addr=(self.ip, self.port)
        )
        await self._tcp.start(self.ip, self.port)

    async def stop(self) -> None:
        for task in self._held:
            task.cancel()
        await asyncio.gather(*self._held, return_exceptions=True)
        if self._udp is not None:
            self._udp.close()
            self._udp = None
        await self._tcp.stop()

    def _on_datagram(self, data: bytes, address: tuple[str, int]) -> None:
        reply = self._reply(data, tcp=False)
        if reply is None or self._udp is None:
            return
        wire, hold = reply
        if hold <= 0:
            self._udp.sendto(wire, address)
            return
        task = asyncio.create_task(self._send_later(wire, address, hold))
        self._held.add(task)
        task.add_done_callback(self._held.discard)

    async def _send_later(self, wire: bytes, address: tuple[str, int], hold: float) -> None:
        await asyncio.sleep(hold)
        if self._udp is not None:
            self._udp.sendto(wire, address)

    async def _serve_tcp(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Answer each length-prefixed query on the connection, delayed ones concurrently."""
        answers: set[asyncio.Task[None]] = set()
        try:
            while (data := await _read_framed(reader)) is not None:
                reply = self._reply(data, tcp=True)
                if reply is not None:
                    task = asyncio.create_task(_send_framed(writer, *reply))
                    answers.add(task)
                    task.add_done_callback(answers.discard)
            await asyncio.gather(*answers)
        finally:
            for task in answers:
                task.cancel()

    def _reply(self, data: bytes, *, tcp: bool) -> tuple[bytes, float] | None:
        """The wire answer to a query and how long to hold it; None to stay silent."""
        try:
            query = dns.message.from_wire(data)
        except dns.exception.DNSException:
            return None  # not DNS: a real server drops it too
        with self._lock:
            hold = 0.0
            if query.question:
                question = query.question[0]
                if not self._queries:
                    self._first_query_at = time.perf_counter()
                self._queries.append(
                    DnsQuery(_text(question.name), dns.rdatatype.to_text(question.rdtype))
                )
                if question.name in self._silent:
                    return None
                hold = self._hold(question.name, question.rdtype)
            response = self._answer(query)
            if tcp:
                return response.to_wire(), hold
            limit = max(UDP_LIMIT, query.payload) if query.edns >= 0 else UDP_LIMIT
            return response.to_wire(max_size=limit, prefer_truncation=True), hold

    def _hold(self, name: dns.name.Name, rdtype: int) -> float:
        seconds = self._delays.get(name)
        if seconds is None:
            return 0.0
        now = time.monotonic()
        until = self._held_until.get((name, rdtype), 0.0)
        if until <= now:
            until = self._held_until[(name, rdtype)] = now + seconds
        return until - now

    def _answer(self, query: dns.message.Message) -> dns.message.Message:
        response = dns.message.make_response(query)
        response.flags |= dns.flags.AA
        if query.opcode() != dns.opcode.QUERY:
            response.set_rcode(dns.rcode.NOTIMP)
            return response
        if len(query.question) != 1:
            response.set_rcode(dns.rcode.FORMERR)
            return response
        name, rdtype = query.question[0].name, query.question[0].rdtype
        wants_ad = bool(query.flags & dns.flags.AD or query.ednsflags & dns.flags.DO)
        if wants_ad and any(name.is_subdomain(zone) for zone in self._signed):
            response.flags |= dns.flags.AD
        node = self._records.get(name, {})
        for _ in range(MAX_CHAIN):
            cname = node.get(CNAME)
            if cname is None or rdtype in (CNAME, ANY):
                break
            response.answer.append(cname)
            name = cname[0].target
            node = self._records.get(name, {})
        found = list(node.values()) if rdtype == ANY else [node[rdtype]] if rdtype in node else []
        response.answer.extend(found)
        if not found:
            if not any(owner.is_subdomain(name) for owner in self._records):
                response.set_rcode(dns.rcode.NXDOMAIN)  # nothing here and nothing below
            response.authority.append(ROOT_SOA)
        return response


class _UdpProtocol(asyncio.DatagramProtocol):
    def __init__(self, on_datagram: Callable[[bytes, tuple[str, int]], None]) -> None:
        self._on_datagram = on_datagram

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        self._on_datagram(data, addr)


async def _read_framed(reader: asyncio.StreamReader) -> bytes | None:
    """One TCP DNS message (RFC 1035 4.2.2), or None when the client closed between messages."""
    try:
        header = await reader.readexactly(2)
    except asyncio.IncompleteReadError as error:
        if error.partial:
            raise
        return None
    (length,) = struct.unpack("!H", header)
    return await reader.readexactly(length)


async def _send_framed(writer: asyncio.StreamWriter, wire: bytes, hold: float) -> None:
    await asyncio.sleep(hold)
    writer.write(struct.pack("!H", len(wire)) + wire)
    await writer.drain()
