"""Which certificates the engine trusts, and how a rejected one is described to the user.

Trust comes from the operating system (``truststore``), not from a bundle shipped with the
program, so a company's own CA or a proxy the administrator installed is honoured exactly as the
browser honours it. On Linux that store is OpenSSL's, found through ``SSL_CERT_FILE`` and
``SSL_CERT_DIR``; the tests point those at the lab CA.

Contexts are built once and shared by every connection. Loading a trust store reads and parses
a hundred-odd certificates (about 25 ms); done per connection, on the event loop, a DNS answer
listing a thousand servers once cost 26 s during which no deadline could fire. For the same
reason, where the OS store simply is OpenSSL's (Linux and the BSDs) it is loaded into a plain
context once, instead of through truststore, which would load it again at every handshake.
"""

from __future__ import annotations

import hashlib
import os
import ssl
import string
import sys
import threading
from functools import cache

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


_building = threading.Lock()
_verifying: dict[tuple[str | None, str | None], ssl.SSLContext] = {}


def client_context() -> ssl.SSLContext:
    """The context that checks the server's certificate and name against the OS trust store.

    Built on first use (from any thread; the engine asks for it on a worker thread first) and
    then shared, one per trust store: a store named differently by ``SSL_CERT_FILE`` or
    ``SSL_CERT_DIR`` (as the tests do between cases) gets a context of its own. A CA installed
    while the program runs is trusted from its next start.
    """
    store = (os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR"))
    with _building:
        context = _verifying.get(store)
        if context is None:
            context = _verifying[store] = _verifying_context()
    return context


def _verifying_context() -> ssl.SSLContext:
    defaults = ssl.get_default_verify_paths()
    if sys.platform in ("darwin", "win32") or not (defaults.cafile or defaults.capath):
        # The platform's own verifier, or (a Python whose OpenSSL knows no store) truststore's
        # search of the usual places. Imported here: elsewhere it is never used, and loading it
        # (its OpenSSL and platform modules) would only slow the start.
        import truststore

        context: ssl.SSLContext = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    else:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.set_default_verify_paths()
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.check_hostname = True
    context.verify_mode = ssl.CERT_REQUIRED
    return context


@cache
def unverified_context() -> ssl.SSLContext:
    """The context that accepts any certificate.

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


def pinned(fingerprint: str | None, pins: tuple[str, ...]) -> bool:
    """Whether ``fingerprint`` is one of ``pins`` (None, no certificate: never)."""
    return fingerprint is not None and any(same_fingerprint(fingerprint, pin) for pin in pins)


def same_fingerprint(fingerprint: str, pin: str) -> bool:
    """Whether ``pin`` names ``fingerprint``, however it was typed (case, colons, spaces)."""

    def digits(text: str) -> str:
        return "".join(char for char in text.upper() if char in string.hexdigits)

    return digits(fingerprint) == digits(pin)
