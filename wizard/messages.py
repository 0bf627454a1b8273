"""The one place that turns the engine's typed errors and codes into plain words.

Texts are English source strings marked with ``QT_TRANSLATE_NOOP`` so Qt's ``lupdate`` finds
them; the GUI passes ``QCoreApplication.translate`` as ``tr`` and gets them in the user's
language, the CLI uses them as they are. The engine itself never builds sentences.
"""

from __future__ import annotations

from collections.abc import Callable

from wizard.errors import AddressProblem, InvalidAddressError, WizardError
from wizard.model import Caution, Security, SourceName, SourceStatus, Trust

Translate = Callable[[str, str], str]

CONTEXT = "Messages"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for translation without translating it yet (Qt's idiom)."""
    del context
    return text


def untranslated(context: str, text: str) -> str:
    """The ``tr`` of the command line: English as written."""
    del context
    return text


_ADDRESS = {
    AddressProblem.EMPTY: QT_TRANSLATE_NOOP("Messages", "Enter your email address."),
    AddressProblem.MISSING_AT: QT_TRANSLATE_NOOP(
        "Messages",
        "An email address needs an “@” between your name and the domain, like name@example.com.",
    ),
    AddressProblem.MULTIPLE_AT: QT_TRANSLATE_NOOP(
        "Messages", "The address contains more than one “@”; keep only the one before the domain."
    ),
    AddressProblem.EMPTY_LOCAL_PART: QT_TRANSLATE_NOOP(
        "Messages", "The part before the “@” is missing: add your name or account."
    ),
    AddressProblem.EMPTY_DOMAIN: QT_TRANSLATE_NOOP(
        "Messages", "The domain after the “@” is missing, for example example.com."
    ),
    AddressProblem.WHITESPACE: QT_TRANSLATE_NOOP(
        "Messages", "Email addresses cannot contain spaces; remove them."
    ),
    AddressProblem.LINE_BREAK: QT_TRANSLATE_NOOP(
        "Messages", "The address contains a line break; type it on one line."
    ),
    AddressProblem.BAD_LOCAL_PART: QT_TRANSLATE_NOOP(
        "Messages", "The part before the “@” contains characters or dots that are not allowed."
    ),
    AddressProblem.BAD_DOMAIN: QT_TRANSLATE_NOOP(
        "Messages", "“{domain}” is not a valid domain name; check it for typos."
    ),
    AddressProblem.DOTLESS_DOMAIN: QT_TRANSLATE_NOOP(
        "Messages",
        "“{domain}” is not a complete domain: it needs a dot and an ending, like example.com.",
    ),
    AddressProblem.TOO_LONG: QT_TRANSLATE_NOOP(
        "Messages", "The address is too long to be a real email address."
    ),
}

_CAUTIONS = {
    Caution.PLAINTEXT: QT_TRANSLATE_NOOP(
        "Messages",
        "This server offers no encryption: your password and mail would be "
        "readable by anyone on the network.",
    ),
    Caution.UNTRUSTED_SOURCE: QT_TRANSLATE_NOOP(
        "Messages",
        "These settings came from DNS or plain HTTP, which can be forged: "
        "check them before you use them.",
    ),
    Caution.GUESSED: QT_TRANSLATE_NOOP(
        "Messages",
        "These settings were guessed by trying likely server names: check them with your provider.",
    ),
    Caution.NOT_VERIFIED: QT_TRANSLATE_NOOP("Messages", "The server could not be checked in time."),
    Caution.UNREACHABLE: QT_TRANSLATE_NOOP(
        "Messages", "The server did not answer; it may be down, or a firewall blocks the port."
    ),
    Caution.NO_STARTTLS: QT_TRANSLATE_NOOP(
        "Messages", "The server did not offer STARTTLS encryption as these settings expect."
    ),
    Caution.CERTIFICATE: QT_TRANSLATE_NOOP(
        "Messages", "The server's certificate is not trusted by this computer."
    ),
    Caution.OAUTH_ONLY: QT_TRANSLATE_NOOP(
        "Messages",
        "This provider wants you to sign in through its website (OAuth2); "
        "a password may only work as an app password.",
    ),
    Caution.DOMAIN_NOT_FOUND: QT_TRANSLATE_NOOP(
        "Messages", "The domain “{domain}” does not exist; check the address for typos."
    ),
}

_SOURCES = {
    SourceName.BUNDLED: QT_TRANSLATE_NOOP("Messages", "Built-in provider list"),
    SourceName.AUTOCONFIG: QT_TRANSLATE_NOOP("Messages", "The domain's own settings"),
    SourceName.ISPDB: QT_TRANSLATE_NOOP("Messages", "Thunderbird's online provider list"),
    SourceName.MX: QT_TRANSLATE_NOOP("Messages", "Mail host (MX records)"),
    SourceName.SRV: QT_TRANSLATE_NOOP("Messages", "Service records (SRV)"),
    SourceName.PROBE: QT_TRANSLATE_NOOP("Messages", "Trying likely servers"),
}

_STATUSES = {
    SourceStatus.FOUND: QT_TRANSLATE_NOOP("Messages", "found"),
    SourceStatus.NOTHING: QT_TRANSLATE_NOOP("Messages", "nothing"),
    SourceStatus.ERROR: QT_TRANSLATE_NOOP("Messages", "error"),
    SourceStatus.TIMEOUT: QT_TRANSLATE_NOOP("Messages", "timed out"),
    SourceStatus.SKIPPED: QT_TRANSLATE_NOOP("Messages", "skipped"),
}

_SECURITY = {
    Security.SSL: QT_TRANSLATE_NOOP("Messages", "SSL/TLS"),
    Security.STARTTLS: QT_TRANSLATE_NOOP("Messages", "STARTTLS"),
    Security.NONE: QT_TRANSLATE_NOOP("Messages", "none (unencrypted)"),
}

_TRUST = {
    Trust.TRUSTED: QT_TRANSLATE_NOOP("Messages", "trusted"),
    Trust.UNAUTHENTICATED: QT_TRANSLATE_NOOP(
        "Messages", "from unauthenticated DNS or HTTP: confirm before use"
    ),
    Trust.GUESSED: QT_TRANSLATE_NOOP("Messages", "guessed"),
}

_GENERIC = QT_TRANSLATE_NOOP("Messages", "Something went wrong: {detail}")


def describe_error(err: WizardError, tr: Translate = untranslated) -> str:
    """A sentence for the user that names the problem and what to do about it."""
    if isinstance(err, InvalidAddressError):
        _, _, domain = err.value.strip().rpartition("@")
        return tr(CONTEXT, _ADDRESS[err.problem]).format(domain=domain)
    return tr(CONTEXT, _GENERIC).format(detail=str(err))


def describe_caution(caution: Caution, domain: str, tr: Translate = untranslated) -> str:
    return tr(CONTEXT, _CAUTIONS[caution]).format(domain=domain)


def source_label(source: SourceName, tr: Translate = untranslated) -> str:
    return tr(CONTEXT, _SOURCES[source])


def status_label(status: SourceStatus, tr: Translate = untranslated) -> str:
    return tr(CONTEXT, _STATUSES[status])


def security_label(security: Security, tr: Translate = untranslated) -> str:
    return tr(CONTEXT, _SECURITY[security])


def trust_label(trust: Trust, tr: Translate = untranslated) -> str:
    return tr(CONTEXT, _TRUST[trust])
