"""Which certificates the engine trusts, and how a rejected one is described to the user.

Trust comes from the operating system (``truststore``), not from a bundle shipped with the
program, so a company's own CA or a proxy the administrator installed is honoured exactly as the
browser honours it. On Linux that store is OpenSSL's, found through ``SSL_CERT_FILE`` and
``SSL_CERT_DIR``; the tests point those at the lab CA.
"""

from __future__ import annotations

import hashlib
import ssl
import string

import truststore

from wizard.model import CertProblem

# OpenSSL X509_V_ERR_* codes (include/openssl/x509_vfy.h) grouped into what a person can act on.
_PROBLEM_BY_VERIFY_CODE: dict[int, CertProblem] = {
    2: CertProblem.UNKNOWN_ISSUER,  # UNABLE_TO_GET_ISSUER_CERT
    9: CertProblem.NOT_YET_VALID,  # CERT_NOT_YET_VALID
    10: CertProblem.EXPIRED,  # CERT_HAS_EXPIRED
    18: CertProblem.SELF_SIGNED,  # DEPTH_ZERO_SELF_SIGNED_CERT
    19: CertProblem.SELF_SIGNED,  # SELF_SIGNED_CERT_IN_CHAIN
    20: CertProblem.UNKNOWN_ISSUER,  # UNABLE_TO_GET_ISSUER_CERT_LOCALLY
    21: CertProblem.UNKNOWN_ISSUER,  # UNABLE_TO_VERIFY_LEAF_SIGNATURE
    62: CertProblem.WRONG_HOST,  # HOSTNAME_MISMATCH
    64: CertProblem.WRONG_HOST,  # IP_ADDRESS_MISMATCH
}

# Where no OpenSSL code is available (truststore on macOS and Windows reports the platform's
# own words), the message is all there is. Checked in order; lower-case substrings.
_PROBLEM_BY_MESSAGE: tuple[tuple[str, CertProblem], ...] = (
    ("hostname mismatch", CertProblem.WRONG_HOST),
    ("not valid for", CertProblem.WRONG_HOST),
    ("ip address mismatch", CertProblem.WRONG_HOST),
    ("self-signed", CertProblem.SELF_SIGNED),
    ("self signed", CertProblem.SELF_SIGNED),
    ("not yet valid", CertProblem.NOT_YET_VALID),
    ("expired", CertProblem.EXPIRED),
    ("issuer", CertProblem.UNKNOWN_ISSUER),
    ("not trusted", CertProblem.UNKNOWN_ISSUER),
)


def client_context() -> ssl.SSLContext:
    """A context that checks the server's certificate and name against the OS trust store.

    Made fresh on every call: truststore loads the OS store into the context on each
    handshake, so a long-lived context would accumulate every store it ever saw (and tests
    switch stores between cases).
    """
    context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.check_hostname = True
    context.verify_mode = ssl.CERT_REQUIRED
    return context


def unverified_context() -> ssl.SSLContext:
    """A context that accepts any certificate.

    Only for looking at a certificate that ``client_context`` already rejected, so the user
    can be shown its fingerprint; a password must never travel over such a connection.
    """
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def classify_verification_error(err: ssl.SSLCertVerificationError) -> CertProblem:
    """Why the certificate was refused, in a category the user can act on."""
    code = getattr(err, "verify_code", None)
    if isinstance(code, int) and code in _PROBLEM_BY_VERIFY_CODE:
        return _PROBLEM_BY_VERIFY_CODE[code]
    text = f"{getattr(err, 'verify_message', '') or ''} {err}".lower()
    for needle, problem in _PROBLEM_BY_MESSAGE:
        if needle in text:
            return problem
    return CertProblem.OTHER


def sha256_fingerprint(der: bytes) -> str:
    """The SHA-256 fingerprint of a DER certificate as browsers show it (``AB:12:...``)."""
    return hashlib.sha256(der).digest().hex(":").upper()


def same_fingerprint(fingerprint: str, pin: str) -> bool:
    """Whether ``pin`` names ``fingerprint``, however it was typed (case, colons, spaces)."""

    def digits(text: str) -> str:
        return "".join(char for char in text.upper() if char in string.hexdigits)

    return digits(fingerprint) == digits(pin)
