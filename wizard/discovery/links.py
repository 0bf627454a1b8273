"""Where a proposed server lies relative to the address's domain, and how detection got there.

A server in the address's own registrable domain needs no link. One elsewhere is fine when the
provider list or the ISPDB links the address to that provider, or when the domain's own HTTPS
autoconfig names it without leaving the domain; reached any other way (a redirect to another
domain, plain HTTP, SRV, an MX no known provider runs), the user must be told and must confirm.
"""

from __future__ import annotations

import dataclasses
from urllib.parse import urlsplit

from wizard.model import Link, LinkStep, ServerConfig


def sign_in_as_reached(server: ServerConfig, step: LinkStep) -> ServerConfig:
    """``server`` with its ``<oAuth2>`` sign-in marked by how its document was reached: through
    a redirect into another domain it is no one's word (``OAuthHint.vouched``); from a provider
    list it is the provider's, whatever led there (``OAuthHint.listed``)."""
    if server.oauth is None or step not in (LinkStep.REDIRECT, LinkStep.PROVIDER):
        return server
    if step is LinkStep.REDIRECT:
        hint = dataclasses.replace(server.oauth, vouched=False)
    else:
        hint = dataclasses.replace(server.oauth, listed=True)
    return dataclasses.replace(server, oauth=hint)


def base_domain(host: str) -> str:
    """The registrable domain of ``host`` (``example.co.uk``), or the host itself."""
    # Imported when first needed: the public suffix list it parses as it loads would hold up
    # detection's first DNS questions (the MX source has it loaded beside them, see mx.py).
    from wizard.net.domains import registrable_domain

    host = host.lower().rstrip(".")
    return registrable_domain(host) or host


def link_to(
    config: ServerConfig, address_domain: str, step: LinkStep, via: str = ""
) -> ServerConfig:
    """``config`` with its ``link`` set if its host is outside ``address_domain``."""
    own, theirs = base_domain(address_domain), base_domain(config.host)
    if own == theirs:
        return config
    return dataclasses.replace(config, link=Link(step, own, theirs, via))


def fetched_step(requested: str, final: str, *, secure: bool, step: LinkStep) -> LinkStep:
    """The step for a document asked for at ``requested`` and served from ``final``: plain
    HTTP anywhere, or a redirect into another domain, outranks what the caller expected."""
    if not secure:
        return LinkStep.PLAIN_HTTP
    if base_domain(urlsplit(requested).hostname or "") != base_domain(
        urlsplit(final).hostname or ""
    ):
        return LinkStep.REDIRECT
    return step


def host_of(url: str) -> str:
    return urlsplit(url).hostname or url
