"""Registrable domains from the Public Suffix List, for host names as DNS gives them (A-labels)."""

from __future__ import annotations

import pytest

from wizard.net.domains import parent_domain, registrable_domain


@pytest.mark.parametrize(
    ("host", "registrable"),
    [
        ("mx1.mail.example.co.uk", "example.co.uk"),
        ("aspmx.l.google.com.", "google.com"),
        ("MX.Example.ORG", "example.org"),
        ("mx.example.xn--p1ai", "example.xn--p1ai"),  # .рф, an internationalised suffix
        ("mail.xn--bcher-kva.example", "xn--bcher-kva.example"),
        ("co.uk", None),
        ("xn--p1ai", None),
    ],
)
def test_registrable_domain(host: str, registrable: str | None) -> None:
    assert registrable_domain(host) == registrable


@pytest.mark.parametrize(
    ("host", "parent"),
    [
        ("mx1.mail.example.co.uk", "mail.example.co.uk"),
        ("mx.example.xn--p1ai", "example.xn--p1ai"),
        ("example.xn--p1ai", None),  # its parent is a public suffix
        ("example.co.uk", None),
        ("_dmarc.example.org", "example.org"),
    ],
)
def test_parent_domain(host: str, parent: str | None) -> None:
    assert parent_domain(host) == parent
