"""What a server's certificate says about itself, so a refusal can be put in a person's words.

"The certificate has expired" leaves the user wondering since when, and whether their clock is
wrong; "The certificate expired on 6 December 2026" does not. "It belongs to a different server
name" leaves out which: "issued for mail.hoster.example, not for smtp.example.com" lets a
helpdesk see at once whether it is a forgotten alias or something else answering. Python's
``ssl`` hands out a certificate's fields only once it verified, so the DER it presented is read
with ``cryptography``.

Only a refused certificate is read that way. A verified one is shown by its fingerprint alone,
which ``hashlib`` takes over the DER. ``cryptography``'s X.509 modules are among the slowest
imports of a detection (30 to 60 ms on a slow machine), and nearly every certificate verifies,
so they are imported only when there is a refusal to describe.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from wizard.model import Certificate
from wizard.net.tls import classify_verification_error, sha256_fingerprint

if TYPE_CHECKING:
    from cryptography import x509

# Enough names to recognise the certificate by; a shared hosting one may list hundreds.
_NAMES_KEPT = 5


@dataclass(frozen=True)
class Presented:
    """A certificate a server presented, as it came (DER), and its fingerprint."""

    der: bytes
    sha256: str


@dataclass(frozen=True)
class Description:
    """What a certificate says about itself: the names it was issued for and the days it is
    valid on (empty, or None, where it could not be read)."""

    names: tuple[str, ...] = ()
    not_before: datetime | None = None
    not_after: datetime | None = None


def presented_on(ssl_object: object) -> Presented | None:
    """The certificate the other end of a TLS connection (an ``ssl.SSLObject``) presented."""
    if not isinstance(ssl_object, ssl.SSLObject):
        return None
    der = ssl_object.getpeercert(binary_form=True)
    return Presented(der, sha256_fingerprint(der)) if der else None


def describe(der: bytes) -> Description:
    """A DER certificate's names and validity; nothing when they cannot be read (a certificate
    too broken for ``cryptography`` is still one to describe, by its fingerprint)."""
    from cryptography import x509  # only here: see the module's description

    try:
        parsed = x509.load_der_x509_certificate(der)
        return Description(_names(parsed), parsed.not_valid_before_utc, parsed.not_valid_after_utc)
    except ValueError:
        return Description()


def _names(parsed: x509.Certificate) -> tuple[str, ...]:
    """The DNS names and addresses of the subject alternative names, else the common name."""
    from cryptography import x509
    from cryptography.x509.oid import NameOID

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
    described = describe(presented.der)
    return Certificate(
        sha256=presented.sha256,
        verified=False,
        problem=classify_verification_error(rejection),
        detail=getattr(rejection, "verify_message", None) or str(rejection),
        host=host,
        names=described.names,
        not_before=described.not_before,
        not_after=described.not_after,
    )
