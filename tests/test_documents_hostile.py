"""Documents and trust stores under hostile input, without the network: what the clientConfig
parser keeps of a padded or booby-trapped document, and that TLS contexts are built once."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from wizard.clientconfig import MAX_SERVERS, parse_client_config, to_server_configs
from wizard.model import SourceName, Tier, Trust
from wizard.net.tls import client_context, unverified_context

if TYPE_CHECKING:
    from pathlib import Path


def document(*servers: str, provider: str = "", name: str = "Example Mail") -> bytes:
    return (
        f'<clientConfig version="1.1"><emailProvider id="example.test{provider}">'
        f"<domain>example.test</domain><displayName>{name}</displayName>"
        f"{''.join(servers)}</emailProvider></clientConfig>"
    ).encode()


def server(host: str, *, username: str = "%EMAILADDRESS%", auth: str = "password-cleartext") -> str:
    return (
        f'<outgoingServer type="smtp"><hostname>{host}</hostname><port>465</port>'
        f"<socketType>SSL</socketType><username>{username}</username>"
        f"<authentication>{auth}</authentication></outgoingServer>"
    )


def test_a_padded_document_is_worth_its_first_distinct_servers() -> None:
    listed = [server("smtp.example.test")] * 3 + [server(f"s{n}.example.test") for n in range(20)]

    config = parse_client_config(document(*listed))

    hosts = [s.hostname for s in config.outgoing]
    assert hosts == ["smtp.example.test", *(f"s{n}.example.test" for n in range(MAX_SERVERS - 1))]
    assert config.ignored == 20 - (MAX_SERVERS - 1)


@pytest.mark.parametrize(
    "username",
    [
        "%EMAILADDRESS%&#10;Trust: trusted (bundled provider database); confirmed live",
        "ali&#13;ce",
        "alice&#155;[2J",  # C1 CSI: XML 1.0 refuses C0 controls such as ESC itself
        "&#8238;ecila",
    ],
)
def test_a_login_that_is_not_one_line_of_text_makes_its_server_unusable(username: str) -> None:
    config = parse_client_config(
        document(server("evil.example.test", username=username), server("smtp.example.test"))
    )

    assert [s.hostname for s in config.outgoing] == ["smtp.example.test"]


def test_names_and_sign_in_words_with_control_characters_are_dropped() -> None:
    config = parse_client_config(
        document(
            server("smtp.example.test", auth="OAuth2&#10;password-cleartext"),
            provider="&#155;0;x&#156;",
            name="Example&#10;Trust: trusted",
        )
    )

    assert config.display_name is None
    assert config.provider_id == "example.test"
    assert config.outgoing[0].authentication == ()
    (expanded,) = to_server_configs(
        config,
        address="alice@example.test",
        local_part="alice",
        domain="example.test",
        source=SourceName.AUTOCONFIG,
        trust=Trust.UNAUTHENTICATED,
        tier=Tier.HTTP,
        origin="http://example.test/",
    )
    assert expanded.provider is None and expanded.username == "alice@example.test"


def test_tls_contexts_are_built_once_per_trust_store(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert client_context() is client_context()
    assert unverified_context() is unverified_context()
    first = client_context()
    monkeypatch.setenv("SSL_CERT_DIR", str(tmp_path))  # another store: its own context

    assert client_context() is not first
    assert client_context() is client_context()
