"""Detection's results in words: where settings came from, how each source ended, the
cautions about a server, its security and trust.

Part of the one place that words the engine's codes (``wizard.messages`` re-exports all of it):
kept apart because ``detect`` shows only these, and ``wizard.messages`` imports the types of
every error it words, which is half the program (the keychain, OAuth2, the export formats…).
Texts are marked as in ``wizard.messages``, in the same context.
"""

from __future__ import annotations

from wizard.model import (
    Candidate,
    Caution,
    Link,
    LinkStep,
    Security,
    SourceName,
    SourceNote,
    SourceReport,
    SourceStatus,
    Tier,
    Trust,
)
from wizard.printable import printable
from wizard.wording import QT_TRANSLATE_NOOP, Translate, untranslated

CONTEXT = "Messages"  # of every text here and in ``wizard.messages``

# Also what a test send that found no encryption says (``wizard.messages``).
NO_ENCRYPTION_OFFERED = QT_TRANSLATE_NOOP(
    "Messages",
    "The server did not offer encryption. Someone on the network may have removed it. "
    "Your password was not sent.",
)

# One sentence each, saying what it means and what to check.
_CAUTIONS = {
    Caution.PLAINTEXT: QT_TRANSLATE_NOOP(
        "Messages",
        "This server offers no encryption: your password and your mail would cross the network "
        "readable by anyone on the way. Use it only if your provider says there is no other way.",
    ),
    Caution.UNTRUSTED_SOURCE: QT_TRANSLATE_NOOP(
        "Messages",
        "{domain} did not confirm these settings itself. If you are unsure, compare the server "
        "name with your provider's help pages.",
    ),
    Caution.GUESSED: QT_TRANSLATE_NOOP(
        "Messages",
        "These settings were found by trying likely server names. If you are unsure, compare "
        "them with your provider's help pages.",
    ),
    Caution.NOT_VERIFIED: QT_TRANSLATE_NOOP("Messages", "The server could not be checked in time."),
    Caution.UNREACHABLE: QT_TRANSLATE_NOOP(
        "Messages", "The server did not answer; it may be down, or a firewall blocks the port."
    ),
    Caution.NO_STARTTLS: NO_ENCRYPTION_OFFERED,
    Caution.CERTIFICATE: QT_TRANSLATE_NOOP(
        "Messages",
        "The server's certificate could not be confirmed. The test shows its fingerprint, so "
        "you can compare it with the one your provider gives.",
    ),
    Caution.OAUTH_ONLY: QT_TRANSLATE_NOOP(
        "Messages",
        "This provider wants you to sign in through its website (OAuth2); "
        "a password may only work as an app password.",
    ),
    Caution.DOMAIN_NOT_FOUND: QT_TRANSLATE_NOOP(
        "Messages", "The domain “{domain}” does not exist; check the address for typos."
    ),
    Caution.FOREIGN_DOMAIN: QT_TRANSLATE_NOOP(
        "Messages",
        "This server belongs to {server_domain}, not to {domain}: {how}. Nobody at {domain} "
        "confirmed this. Send your password there only if your provider told you that "
        "{server_domain} handles your mail.",
    ),
}

# How detection got to a server in another domain, for the foreign-domain caution.
_LINKS = {
    LinkStep.REDIRECT: QT_TRANSLATE_NOOP(
        "Messages", "the settings published for {domain} redirected to {via}"
    ),
    LinkStep.PLAIN_HTTP: QT_TRANSLATE_NOOP(
        "Messages", "settings fetched from {via} without encryption named it"
    ),
    LinkStep.SRV: QT_TRANSLATE_NOOP(
        "Messages", "the DNS service records of {domain} ({via}) point to it"
    ),
    LinkStep.MX: QT_TRANSLATE_NOOP(
        "Messages",
        "the mail host of {domain} ({via}) points to it, and it is not a provider "
        "this wizard knows",
    ),
    LinkStep.PROVIDER: QT_TRANSLATE_NOOP("Messages", "the provider list links {domain} to it"),
    LinkStep.PUBLISHED: QT_TRANSLATE_NOOP("Messages", "{domain} publishes it as its server"),
}
_OPERATED_BY = QT_TRANSLATE_NOOP("Messages", "Operated by {server_domain} for {domain}.")

# Each danger's own confirmation, naming what the user agrees to.
_CONFIRM_PLAINTEXT = QT_TRANSLATE_NOOP("Messages", "Yes, send without encryption")
_CONFIRM_FOREIGN = QT_TRANSLATE_NOOP("Messages", "Yes, send my password to {server_domain}")

# Where settings came from, in words for people (the URLs are technical details).
_ORIGINS = {
    SourceName.PRESET: QT_TRANSLATE_NOOP("Messages", "Set by your organisation on this computer."),
    SourceName.BUNDLED: QT_TRANSLATE_NOOP("Messages", "Found in the provider list."),
    SourceName.ISPDB: QT_TRANSLATE_NOOP("Messages", "Found in Thunderbird's provider list."),
    SourceName.AUTOCONFIG: QT_TRANSLATE_NOOP("Messages", "Published by {domain}."),
    SourceName.MX: QT_TRANSLATE_NOOP("Messages", "Found through the mail host of {domain}."),
    SourceName.SRV: QT_TRANSLATE_NOOP("Messages", "Named by the DNS service records of {domain}."),
    SourceName.PROBE: QT_TRANSLATE_NOOP("Messages", "Found by trying likely server names."),
}
_ORIGIN_PLAIN_HTTP = QT_TRANSLATE_NOOP(
    "Messages", "Published by {domain} over an unencrypted connection."
)
# The domain's own autoconfig sent the wizard on to another domain: both are true, and the
# danger notice below says what that means.
_ORIGIN_REDIRECTED = QT_TRANSLATE_NOOP("Messages", "Published by {domain}, redirected to {via}.")
_ORIGIN_PROVIDER = QT_TRANSLATE_NOOP("Messages", "Provider: {provider}.")
_CONFIRMED = QT_TRANSLATE_NOOP(
    "Messages", "Checked: the server answered, with encryption and a valid certificate."
)
_ANSWERED_PLAIN = QT_TRANSLATE_NOOP("Messages", "The server answered, without encryption.")

_SOURCES = {
    SourceName.PRESET: QT_TRANSLATE_NOOP("Messages", "Set by your organisation"),
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

# What a source's row says about how it ended; the values come from ``SourceReport.values``.
_SOURCE_NOTES = {
    SourceNote.PRESET_FOUND: QT_TRANSLATE_NOOP("Messages", "Set by {organisation}"),
    SourceNote.NO_PRESET: QT_TRANSLATE_NOOP("Messages", "No organisation preset for this domain"),
    SourceNote.PROVIDER_FOUND: QT_TRANSLATE_NOOP("Messages", "Found: {provider}"),
    SourceNote.PUBLISHED: QT_TRANSLATE_NOOP("Messages", "This domain publishes its settings"),
    SourceNote.NOT_LISTED: QT_TRANSLATE_NOOP("Messages", "This domain is not in the list"),
    SourceNote.NOTHING_PUBLISHED: QT_TRANSLATE_NOOP(
        "Messages", "This domain publishes no settings"
    ),
    SourceNote.FETCH_FAILED: QT_TRANSLATE_NOOP(
        "Messages", "The settings could not be fetched, or were damaged"
    ),
    SourceNote.NO_MX: QT_TRANSLATE_NOOP("Messages", "This domain names no mail host"),
    SourceNote.MX_OWN: QT_TRANSLATE_NOOP(
        "Messages", "Its mail is handled by its own server ({mx})"
    ),
    SourceNote.MX_PROVIDER: QT_TRANSLATE_NOOP(
        "Messages", "Its mail is handled by {provider} ({mx})"
    ),
    SourceNote.MX_UNKNOWN: QT_TRANSLATE_NOOP(
        "Messages", "Its mail is handled by {mx}, a provider not known here"
    ),
    SourceNote.NO_SRV: QT_TRANSLATE_NOOP("Messages", "This domain publishes no service records"),
    SourceNote.SRV_NOT_OFFERED: QT_TRANSLATE_NOOP(
        "Messages", "The records say no outgoing-mail server is offered"
    ),
    SourceNote.SRV_FOUND: QT_TRANSLATE_NOOP("Messages", "They point to {servers}"),
    SourceNote.NO_LIKELY_HOSTS: QT_TRANSLATE_NOOP(
        "Messages", "None of the usual server names exist"
    ),
    SourceNote.SERVERS_ANSWERED: QT_TRANSLATE_NOOP("Messages", "Answered: {servers}"),
    SourceNote.NONE_ANSWERED: QT_TRANSLATE_NOOP("Messages", "No likely server answered"),
    SourceNote.DOMAIN_NOT_FOUND: QT_TRANSLATE_NOOP("Messages", "The domain does not exist"),
    SourceNote.DNS_FAILED: QT_TRANSLATE_NOOP("Messages", "The DNS lookup failed"),
    SourceNote.NO_ANSWER: QT_TRANSLATE_NOOP("Messages", "No answer in time"),
    SourceNote.OUT_OF_TIME: QT_TRANSLATE_NOOP("Messages", "Stopped: the time limit was reached"),
    SourceNote.NOT_NEEDED: QT_TRANSLATE_NOOP(
        "Messages", "Stopped: a better answer was already confirmed"
    ),
    SourceNote.INTERNAL_ERROR: QT_TRANSLATE_NOOP(
        "Messages", "Failed because of a fault in this program"
    ),
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


def describe_caution(
    caution: Caution, domain: str, tr: Translate = untranslated, *, link: Link | None = None
) -> str:
    """What ``caution`` means and what to check; the foreign-domain caution names both
    domains and how detection got there, from ``link``."""
    if caution is Caution.FOREIGN_DOMAIN and link is not None:
        return tr(CONTEXT, _CAUTIONS[caution]).format(
            domain=link.address_domain,
            server_domain=link.server_domain,
            how=describe_link(link, tr),
        )
    return tr(CONTEXT, _CAUTIONS[caution]).format(domain=domain, server_domain="", how="")


def describe_link(link: Link, tr: Translate = untranslated) -> str:
    """How detection got from the address's domain to the server's."""
    return tr(CONTEXT, _LINKS[link.step]).format(domain=link.address_domain, via=link.via)


def operated_by(link: Link, tr: Translate = untranslated) -> str:
    """The information line for a vouched-for server in another domain."""
    return tr(CONTEXT, _OPERATED_BY).format(
        server_domain=link.server_domain, domain=link.address_domain
    )


def confirm_plaintext(tr: Translate = untranslated) -> str:
    return tr(CONTEXT, _CONFIRM_PLAINTEXT)


def confirm_foreign(link: Link, tr: Translate = untranslated) -> str:
    return tr(CONTEXT, _CONFIRM_FOREIGN).format(server_domain=link.server_domain)


def describe_origin(candidate: Candidate, domain: str, tr: Translate = untranslated) -> str:
    """Where the settings came from and how far they were checked, in words for people."""
    config = candidate.config
    link = config.link
    if config.tier is Tier.HTTP:
        lines = [tr(CONTEXT, _ORIGIN_PLAIN_HTTP).format(domain=domain)]
    elif config.source is SourceName.AUTOCONFIG and link and link.step is LinkStep.REDIRECT:
        lines = [tr(CONTEXT, _ORIGIN_REDIRECTED).format(domain=domain, via=link.via)]
    else:
        lines = [tr(CONTEXT, _ORIGINS[config.source]).format(domain=domain)]
    if config.provider:
        lines.append(tr(CONTEXT, _ORIGIN_PROVIDER).format(provider=config.provider))
    if link is not None and link.vouched:
        lines.append(operated_by(link, tr))
    return " ".join(lines)


def describe_live_check(candidate: Candidate, tr: Translate = untranslated) -> str | None:
    """What the live check confirmed, when it confirmed something."""
    probe = candidate.probe
    if probe is None or not probe.reachable:
        return None
    if probe.security is Security.NONE:
        return tr(CONTEXT, _ANSWERED_PLAIN)
    return tr(CONTEXT, _CONFIRMED) if probe.verified else None


def source_label(source: SourceName, tr: Translate = untranslated) -> str:
    return tr(CONTEXT, _SOURCES[source])


def status_label(status: SourceStatus, tr: Translate = untranslated) -> str:
    return tr(CONTEXT, _STATUSES[status])


def describe_source(report: SourceReport, tr: Translate = untranslated) -> str:
    """How a source ended, in one short sentence for its row; its status if nothing more is
    known. The technical ``detail`` is left to the caller to show beside it, as it is."""
    if report.note is None:
        return status_label(report.status, tr)
    values = {name: printable(value) for name, value in report.values}
    return tr(CONTEXT, _SOURCE_NOTES[report.note]).format(**values)


def security_label(security: Security, tr: Translate = untranslated) -> str:
    return tr(CONTEXT, _SECURITY[security])


def trust_label(trust: Trust, tr: Translate = untranslated) -> str:
    return tr(CONTEXT, _TRUST[trust])
