"""What a server's certificate says about itself, so a refusal can be put in a person's words.

"The certificate has expired" leaves the user wondering since when, and whether their clock is
wrong; "The certificate expired on 6 December 2026" does not. "It belongs to a different server
name" leaves out which: "issued for mail.hoster.example, not for smtp.example.com" lets a
helpdesk see at once whether it is a forgotten alias or something else answering. Python's
``ssl`` hands out a certificate's fields only once it verified, so the DER it presented is read
with ``cryptography``.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from cryptography.x509.oid import NameOID

from wizard.model import Certificate
from wizard.net.tls import classify_verification_error, sha256_fingerprint

# Enough names to recognise the certificate by; a shared hosting one may list hundreds.
_NAMES_KEPT = 5


@dataclass(frozen=True)
class Presented:
    """A certificate a server presented: its fingerprint, the names it was issued for and the
    days it is valid on (None where it could not be read)."""

    sha256: str
    names: tuple[str, ...] = ()
    not_before: datetime | None = None
    not_after: datetime | None = None


def presented_on(ssl_object: object) -> Presented | None:
    """The certificate the other end of a TLS connection (an ``ssl.SSLObject``) presented."""
    if not isinstance(ssl_object, ssl.SSLObject):
        return None
    der = ssl_object.getpeercert(binary_form=True)
    return read(der) if der else None


def read(der: bytes) -> Presented:
    """A DER certificate's fingerprint, names and validity; only the fingerprint when the rest
    cannot be read (a certificate too broken for ``cryptography`` is still one to describe)."""
    sha256 = sha256_fingerprint(der)
    try:
        parsed = x509.load_der_x509_certificate(der)
        return Presented(
            sha256, _names(parsed), parsed.not_valid_before_utc, parsed.not_valid_after_utc
        )
    except ValueError:
        return Presented(sha256)


def _names(parsed: x509.Certificate) -> tuple[str, ...]:
    """The DNS names and addresses of the subject alternative names, else the common name."""
    try:
        alternatives = parsed.extensions.get_extension_for_class(x509.SubjectAlternativeName)
    except x509.ExtensionNotFound:
        common = parsed.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        return tuple(str(attribute.value) for attribute in common[:_NAMES_KEPT])
    names = [
        *alternatives.value.get_values_for_type(x509.DNSName),
        *(str(address) for address in alternatives.value.get_values_for_type(x509.IPAddress)),
    ]
    return tuple(names[:_NAMES_KEPT])


def certificate_from(
    presented: Presented | None, rejection: ssl.SSLCertVerificationError | None, host: str
) -> Certificate | None:
    """What the user is shown of the certificate ``host`` presented, and why it was refused."""
    if presented is None:
        return None
    if rejection is None:
        return Certificate(sha256=presented.sha256, verified=True)
    return Certificate(
        sha256=presented.sha256,
        verified=False,
        problem=classify_verification_error(rejection),
        detail=getattr(rejection, "verify_message", None) or str(rejection),
        host=host,
        names=presented.names,
        not_before=presented.not_before,
        not_after=presented.not_after,
    )
