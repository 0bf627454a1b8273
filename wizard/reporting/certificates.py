"""The certificate a server presents, in the detail a helpdesk compares: subject, names,
issuer, validity and SHA-256 fingerprint.

The live checks keep only the fingerprint and whether it verified; for the report each TLS
port is asked once more, only to read its certificate (no verification, no login: the verdict
on trust is the live check's).
"""

from __future__ import annotations

import asyncio
import datetime
from dataclasses import dataclass

import aiosmtplib
from cryptography import x509
from cryptography.x509.oid import ExtensionOID, NameOID

from wizard.model import Security
from wizard.net.tls import sha256_fingerprint, unverified_context
from wizard.smtp.probe import ProbeTimeouts
from wizard.smtp.session import (
    Connection,
    SessionFailed,
    ehlo,
    greet,
    hang_up,
    open_socket,
    starttls,
)


@dataclass(frozen=True)
class CertificateDetails:
    host: str
    port: int
    subject: str
    names: tuple[str, ...]  # the DNS names it is valid for
    issuer: str
    not_before: datetime.datetime
    not_after: datetime.datetime
    sha256: str


async def read_certificate(
    host: str, port: int, security: Security, timeouts: ProbeTimeouts
) -> CertificateDetails | None:
    """The certificate ``host:port`` presents, or None if it presents none in time."""
    if security is Security.NONE:
        return None
    context = unverified_context()
    smtp = Connection(
        hostname=host,
        use_tls=security is Security.SSL,
        start_tls=False,
        tls_context=context,
        timeout=None,
    )
    sock = None
    try:
        async with asyncio.timeout(timeouts.connect + timeouts.greeting + 2 * timeouts.command):
            sock = await open_socket(host, port, timeouts.connect)
            await greet(smtp, sock, security, None, timeouts.greeting)
            if security is Security.STARTTLS:
                await ehlo(smtp, timeouts.command)
                await starttls(smtp, host, context, timeouts.command)
            der = _peer_der(smtp)
    except (SessionFailed, TimeoutError, OSError, aiosmtplib.SMTPException):
        return None
    finally:
        hang_up(smtp)
        if sock is not None:
            sock.close()
    return describe(host, port, der) if der else None


def _peer_der(smtp: aiosmtplib.SMTP) -> bytes | None:
    transport = smtp.transport
    ssl_object = transport.get_extra_info("ssl_object") if transport is not None else None
    der = ssl_object.getpeercert(binary_form=True) if ssl_object is not None else None
    return der if isinstance(der, bytes) else None


def describe(host: str, port: int, der: bytes) -> CertificateDetails | None:
    try:
        certificate = x509.load_der_x509_certificate(der)
    except ValueError:
        return None
    try:
        extension = certificate.extensions.get_extension_for_oid(
            ExtensionOID.SUBJECT_ALTERNATIVE_NAME
        )
        names = tuple(extension.value.get_values_for_type(x509.DNSName))  # type: ignore[attr-defined]
    except x509.ExtensionNotFound:
        names = ()
    return CertificateDetails(
        host=host,
        port=port,
        subject=_name(certificate.subject),
        names=names,
        issuer=_name(certificate.issuer),
        not_before=certificate.not_valid_before_utc,
        not_after=certificate.not_valid_after_utc,
        sha256=sha256_fingerprint(der),
    )


def _name(name: x509.Name) -> str:
    """The parts of a distinguished name a person recognises: common name and organisation."""
    parts = [
        str(attribute.value)
        for oid in (NameOID.COMMON_NAME, NameOID.ORGANIZATION_NAME)
        for attribute in name.get_attributes_for_oid(oid)
    ]
    return ", ".join(parts) or name.rfc4514_string()
