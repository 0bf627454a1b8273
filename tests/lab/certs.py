"""Certificates for the lab's TLS servers: one private CA that tests trust, and the broken
certificates real servers present (expired, for another host, self-signed...).

Tests point the engine at the CA with ``SSL_CERT_FILE`` so that verification runs exactly as
on a user's machine (truststore + OpenSSL), only against a different root.
"""

from __future__ import annotations

import datetime
import ssl
import threading
from enum import StrEnum
from typing import TYPE_CHECKING

import trustme
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

WRONG_HOST = "wrong-host.invalid"


class CertKind(StrEnum):
    """What certificate a lab server presents; each maps to one ``CertProblem`` in the engine."""

    VALID = "valid"  # issued by the lab CA for the requested names
    EXPIRED = "expired"  # issued by the lab CA, validity ended yesterday
    NOT_YET_VALID = "not-yet-valid"  # issued by the lab CA, validity starts tomorrow
    WRONG_HOST = "wrong-host"  # issued by the lab CA, but only for wrong-host.invalid
    UNKNOWN_ISSUER = "unknown-issuer"  # issued by a CA nobody trusts
    SELF_SIGNED = "self-signed"  # a lone certificate that signed itself


class LabCA:
    """The lab's certificate authority, and a cache of server contexts built from it.

    Contexts are cached per (host names, kind) because key generation and signing cost
    milliseconds each and the same hosts come back in test after test.
    """

    def __init__(self, directory: Path) -> None:
        self._ca = trustme.CA(organization_name="Email Setup Wizard lab CA")
        self._stranger = trustme.CA(organization_name="Somebody else's CA")
        self.ca_pem = directory / "lab-ca.pem"
        self._ca.cert_pem.write_to_path(str(self.ca_pem))
        self._contexts: dict[tuple[tuple[str, ...], CertKind], ssl.SSLContext] = {}
        self._lock = threading.Lock()  # server contexts are asked for from several threads

    def server_context(
        self, hostnames: Sequence[str], kind: CertKind = CertKind.VALID
    ) -> ssl.SSLContext:
        """A server-side context presenting a certificate of ``kind`` for ``hostnames``."""
        key = (tuple(hostnames), kind)
        with self._lock:
            context = self._contexts.get(key)
            if context is None:
                context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
                self._configure(context, key[0], kind)
                self._contexts[key] = context
            return context

    def _configure(
        self, context: ssl.SSLContext, hostnames: tuple[str, ...], kind: CertKind
    ) -> None:
        now = datetime.datetime.now(datetime.UTC)
        day = datetime.timedelta(days=1)
        match kind:
            case CertKind.VALID:
                leaf = self._ca.issue_cert(*hostnames)
            case CertKind.EXPIRED:
                leaf = self._ca.issue_cert(
                    *hostnames, not_before=now - 30 * day, not_after=now - day
                )
            case CertKind.NOT_YET_VALID:
                leaf = self._ca.issue_cert(
                    *hostnames, not_before=now + day, not_after=now + 30 * day
                )
            case CertKind.WRONG_HOST:
                leaf = self._ca.issue_cert(WRONG_HOST)
            case CertKind.UNKNOWN_ISSUER:
                leaf = self._stranger.issue_cert(*hostnames)
            case CertKind.SELF_SIGNED:
                with trustme.Blob(_self_signed_pem(hostnames, now)).tempfile() as path:
                    context.load_cert_chain(path)
                return
        leaf.configure_cert(context)


def _self_signed_pem(hostnames: tuple[str, ...], now: datetime.datetime) -> bytes:
    """Key and certificate, as PEM, of a certificate that is its own issuer.

    trustme only makes CA-issued leaves; a real self-signed certificate is what OpenSSL reports
    as "self-signed certificate" (not "unknown issuer"), and the engine tells the two apart.
    """
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hostnames[0])])
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName(host) for host in hostnames]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return key_pem + certificate.public_bytes(serialization.Encoding.PEM)
