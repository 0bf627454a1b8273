"""The clientConfig parser: real ISPDB files, hand-written edge cases, hostile input."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from wizard.clientconfig import (
    MAX_CONFIG_BYTES,
    ClientConfig,
    ClientConfigError,
    ClientConfigProblem,
    OutgoingServer,
    expand_username,
    parse_client_config,
    to_server_configs,
)
from wizard.errors import WizardError
from wizard.model import OAuthHint, Security, ServerConfig, SourceName, Tier, Trust

ISPDB = Path(__file__).resolve().parent / "data" / "ispdb"  # the vendored reference copy

SMTP_465 = """
    <outgoingServer type="smtp">
      <hostname>smtp.example.com</hostname>
      <port>465</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </outgoingServer>"""


def document(servers: str, *, head: str = '<emailProvider id="example.com">') -> bytes:
    """A clientConfig for example.com whose emailProvider holds ``servers``."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  {head}
    <domain>example.com</domain>
    <displayName>Example Mail</displayName>
    <incomingServer type="imap">
      <hostname>imap.example.com</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
    </incomingServer>
    {servers}
  </emailProvider>
</clientConfig>
""".encode()


def smtp(
    hostname: str = "smtp.example.com",
    port: str = "587",
    socket_type: str = "STARTTLS",
    extra: str = "",
    kind: str = "smtp",
) -> str:
    return f"""<outgoingServer type="{kind}">
      <hostname>{hostname}</hostname><port>{port}</port><socketType>{socket_type}</socketType>
      {extra}
    </outgoingServer>"""


def reason_for(data: bytes) -> ClientConfigProblem:
    with pytest.raises(ClientConfigError) as caught:
        parse_client_config(data)
    return caught.value.reason


# --- real ISPDB files -------------------------------------------------------------------------


def test_gmail_lists_oauth2_first_and_the_mx_domain() -> None:
    config = parse_client_config((ISPDB / "googlemail.com.xml").read_bytes())

    assert config == ClientConfig(
        provider_id="googlemail.com",
        display_name="Google Mail",
        domains=("gmail.com", "googlemail.com", "google.com", "jazztel.es", "nyu.edu"),
        outgoing=(
            OutgoingServer(
                hostname="smtp.gmail.com",
                port=465,
                security=Security.SSL,
                username_template="%EMAILADDRESS%",
                authentication=("OAuth2", "password-cleartext"),
            ),
        ),
        incoming=(  # IMAP only: the document's POP3 server is left out
            OutgoingServer(
                hostname="imap.gmail.com",
                port=993,
                security=Security.SSL,
                username_template="%EMAILADDRESS%",
                authentication=("OAuth2", "password-cleartext"),
            ),
        ),
        oauth=OAuthHint(
            issuer="accounts.google.com",
            scope="https://mail.google.com/ https://www.googleapis.com/auth/contacts "
            "https://www.googleapis.com/auth/calendar https://www.googleapis.com/auth/carddav",
            auth_url="https://accounts.google.com/o/oauth2/auth",
            token_url="https://www.googleapis.com/oauth2/v3/token",
        ),
    )


@pytest.mark.parametrize("inside", [True, False], ids=["inside-provider", "beside-provider"])
def test_an_oauth2_element_is_read_inside_or_beside_the_provider(inside: bool) -> None:
    block = (
        "<oAuth2><issuer>https://auth.example.test</issuer><scope>smtp</scope>"
        "<authURL>https://auth.example.test/authorize</authURL></oAuth2>"
    )
    document = (
        '<clientConfig version="1.1"><emailProvider id="example.test">'
        "<domain>example.test</domain>"
        '<outgoingServer type="smtp"><hostname>smtp.example.test</hostname><port>465</port>'
        "<socketType>SSL</socketType><authentication>OAuth2</authentication></outgoingServer>"
        f"{block if inside else ''}</emailProvider>{'' if inside else block}</clientConfig>"
    )

    config = parse_client_config(document.encode())

    assert config.oauth == OAuthHint(
        issuer="https://auth.example.test",
        scope="smtp",
        auth_url="https://auth.example.test/authorize",
    )


def test_gmx_keeps_both_servers_in_document_order() -> None:
    config = parse_client_config((ISPDB / "gmx.net.xml").read_bytes())

    assert [(s.hostname, s.port, s.security) for s in config.outgoing] == [
        ("mail.gmx.net", 465, Security.SSL),
        ("mail.gmx.net", 587, Security.STARTTLS),
    ]
    assert "gmx.de" in config.domains


def test_plain_server_with_local_part_login_and_add_this_server() -> None:
    config = parse_client_config((ISPDB / "bay.wind.ne.jp.xml").read_bytes())

    (server,) = config.outgoing
    assert (server.hostname, server.port, server.security) == ("bay.wind.ne.jp", 587, Security.NONE)
    assert server.username_template == "%EMAILLOCALPART%"


def test_hostname_template_from_the_ispdb_is_kept_and_expanded() -> None:
    config = parse_client_config((ISPDB / "inbox.lv.xml").read_bytes())
    assert config.outgoing[0].hostname == "mail.%EMAILDOMAIN%"

    (server,) = to_server_configs(
        config,
        address="ann@inbox.eu",
        local_part="ann",
        domain="inbox.eu",
        source=SourceName.BUNDLED,
        trust=Trust.TRUSTED,
        tier=Tier.PROVIDER,
        origin="bundled inbox.lv",
    )
    assert (server.host, server.username, server.provider) == (
        "mail.inbox.eu",
        "ann@inbox.eu",
        "inbox.eu",
    )


def test_every_reference_file_parses_with_an_smtp_server() -> None:
    files = sorted(ISPDB.glob("*.xml"))
    configs = [parse_client_config(path.read_bytes()) for path in files]

    assert len(configs) == len(files) >= 150
    assert sum(len(config.outgoing) for config in configs) >= len(files)


# --- hand-written documents -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("socket_type", "security"),
    [
        ("SSL", Security.SSL),
        ("ssl", Security.SSL),
        ("STARTTLS", Security.STARTTLS),
        ("StartTLS", Security.STARTTLS),
        ("plain", Security.NONE),
        ("PLAIN", Security.NONE),
    ],
)
def test_socket_types(socket_type: str, security: Security) -> None:
    config = parse_client_config(document(smtp(socket_type=socket_type)))
    assert config.outgoing[0].security is security


def test_authentication_values_kept_in_order_and_spelling() -> None:
    methods = "".join(
        f"<authentication> {m} </authentication>"
        for m in ("OAuth2", "password-encrypted", "plain", "client-IP-address")
    )
    config = parse_client_config(document(smtp(extra=methods)))
    assert config.outgoing[0].authentication == (
        "OAuth2",
        "password-encrypted",
        "plain",
        "client-IP-address",
    )


def test_missing_username_and_authentication() -> None:
    (server,) = parse_client_config(document(smtp())).outgoing
    assert server.username_template is None
    assert server.authentication == ()


def test_ignores_global_preferred_server_and_add_this_server() -> None:
    extra = (
        "<useGlobalPreferredServer>true</useGlobalPreferredServer>"
        "<addThisServer>true</addThisServer>"
    )
    (server,) = parse_client_config(document(smtp(extra=extra))).outgoing
    assert server == OutgoingServer("smtp.example.com", 587, Security.STARTTLS, None, ())


def test_hostnames_and_domains_are_normalized() -> None:
    head = (
        '<emailProvider id="example.com"><domain>Example.NET.</domain><domain>example.com</domain>'
    )
    config = parse_client_config(document(smtp(hostname=" SMTP.Example.COM. "), head=head))

    assert config.outgoing[0].hostname == "smtp.example.com"
    assert config.domains == ("example.net", "example.com")  # the repeated one listed once


def test_provider_id_falls_back_to_the_first_domain() -> None:
    config = parse_client_config(document(SMTP_465, head="<emailProvider>"))
    assert config.provider_id == "example.com"
    assert config.display_name == "Example Mail"


@pytest.mark.parametrize(
    "bad",
    [
        smtp(port="0"),
        smtp(port="65536"),
        smtp(port="abc"),
        smtp(port=""),
        smtp(port="+25"),
        smtp(port="٤٦٥"),  # Arabic-Indic digits, which int() would accept
        smtp(hostname=""),
        smtp(hostname="smtp example.com"),
        smtp(hostname="-smtp.example.com"),
        smtp(hostname="smtp..example.com"),
        smtp(hostname="smtp.%EMAILADDRESS%"),
        smtp(hostname="smtp.exämple.com"),
        smtp(socket_type="TLS"),
        smtp(socket_type=""),
        smtp(kind="ews"),
        '<outgoingServer type="smtp"><port>587</port><socketType>SSL</socketType></outgoingServer>',
    ],
)
def test_an_unusable_server_is_skipped_not_fatal(bad: str) -> None:
    config = parse_client_config(document(bad + SMTP_465))
    assert [(s.hostname, s.port) for s in config.outgoing] == [("smtp.example.com", 465)]

    assert reason_for(document(bad)) is ClientConfigProblem.NO_OUTGOING_SERVER


def test_only_incoming_servers_means_no_outgoing_server() -> None:
    assert reason_for(document("")) is ClientConfigProblem.NO_OUTGOING_SERVER


@pytest.mark.parametrize(
    "data",
    [
        b"<html><body>Not Found</body></html>",
        b'<clientConfig version="1.1"></clientConfig>',
        b"<clientconfig><emailProvider/></clientconfig>",
    ],
)
def test_other_documents_are_not_clientconfig(data: bytes) -> None:
    assert reason_for(data) is ClientConfigProblem.NOT_CLIENTCONFIG


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x00\xff\xfe garbage",
        b"HTTP/1.1 500 oops",
        document(SMTP_465)[:-40],  # cut off mid-document
        b'<?xml version="1.0" encoding="no-such-codec"?><clientConfig/>',
        # Encodings Python knows but the XML parser cannot decode (ValueError, UnicodeError).
        b'<?xml version="1.0" encoding="utf-7"?><clientConfig/>',
        b'<?xml version="1.0" encoding="shift_jis"?><clientConfig/>',
        b'<?xml version="1.0" encoding="idna"?><clientConfig/>',
        b"<clientConfig>&undefined;</clientConfig>",
    ],
)
def test_non_xml_is_rejected(data: bytes) -> None:
    assert reason_for(data) is ClientConfigProblem.NOT_XML


def test_billion_laughs_is_refused_without_expanding() -> None:
    entities = "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)
    )  # 10**9 "lol"s if expanded
    bomb = f"""<?xml version="1.0"?>
<!DOCTYPE clientConfig [<!ENTITY l0 "lol">{entities}]>
<clientConfig><emailProvider id="&l9;"/></clientConfig>""".encode()

    assert reason_for(bomb) is ClientConfigProblem.UNSAFE_XML


def with_doctype(data: bytes, doctype: str) -> bytes:
    return data.replace(b"<clientConfig", doctype.encode() + b"\n<clientConfig", 1)


def test_external_entity_is_refused_and_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("attacker.example")
    data = with_doctype(
        document(smtp(hostname="&xxe;")),
        f'<!DOCTYPE clientConfig [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>',
    )

    with pytest.raises(ClientConfigError) as caught:
        parse_client_config(data)
    assert caught.value.reason is ClientConfigProblem.UNSAFE_XML
    assert "attacker.example" not in str(caught.value)


def test_any_dtd_is_refused() -> None:
    data = with_doctype(
        document(SMTP_465), '<!DOCTYPE clientConfig SYSTEM "http://127.0.0.1:9/x.dtd">'
    )
    assert reason_for(data) is ClientConfigProblem.UNSAFE_XML


def test_size_limit_is_inclusive() -> None:
    base = document(SMTP_465)
    exactly = base + b"<!--" + b"x" * (MAX_CONFIG_BYTES - len(base) - 7) + b"-->"
    assert len(exactly) == MAX_CONFIG_BYTES
    assert parse_client_config(exactly).outgoing[0].port == 465

    with pytest.raises(ClientConfigError) as caught:
        parse_client_config(exactly + b" ")
    assert caught.value.reason is ClientConfigProblem.TOO_LARGE


def test_other_encodings_are_decoded() -> None:
    data = (
        document(SMTP_465)
        .decode()
        .replace("UTF-8", "ISO-8859-1")
        .replace("Example Mail", "Exämple Mäil")
        .encode("latin-1")
    )
    assert parse_client_config(data).display_name == "Exämple Mäil"


def test_error_is_a_wizard_error_carrying_data() -> None:
    with pytest.raises(WizardError) as caught:
        parse_client_config(b"nope")
    assert isinstance(caught.value, ClientConfigError)
    assert caught.value.reason == "not-xml"


# --- templates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("%EMAILADDRESS%", "Ann.Lee+x@example.com"),
        ("%EMAILLOCALPART%", "Ann.Lee+x"),
        ("%EMAILDOMAIN%", "example.com"),
        ("%EMAILLOCALPART%.%EMAILDOMAIN%", "Ann.Lee+x.example.com"),
        ("user-%EMAILLOCALPART%", "user-Ann.Lee+x"),
        ("fixed-login", "fixed-login"),
        ("%EMAILADDRESS", "%EMAILADDRESS"),  # a typo in the data is left for the user to see
        ("%emailaddress%", "%emailaddress%"),
        (None, "Ann.Lee+x@example.com"),
        ("", "Ann.Lee+x@example.com"),
    ],
)
def test_expand_username(template: str | None, expected: str) -> None:
    assert (
        expand_username(
            template, address="Ann.Lee+x@example.com", local_part="Ann.Lee+x", domain="example.com"
        )
        == expected
    )


def test_expansion_is_single_pass() -> None:
    assert (
        expand_username(
            "%EMAILLOCALPART%@%EMAILDOMAIN%",
            address='"%EMAILDOMAIN%"@example.com',
            local_part='"%EMAILDOMAIN%"',
            domain="example.com",
        )
        == '"%EMAILDOMAIN%"@example.com'
    )


def test_to_server_configs() -> None:
    config = parse_client_config(
        document(
            SMTP_465
            + smtp(
                hostname="Mail.%EMAILDOMAIN%",
                extra="<username>%EMAILLOCALPART%</username>"
                "<authentication>OAuth2</authentication>",
            )
        )
    )

    servers = to_server_configs(
        config,
        address="ann@example.com",
        local_part="ann",
        domain="example.com",
        source=SourceName.AUTOCONFIG,
        trust=Trust.UNAUTHENTICATED,
        tier=Tier.HTTP,
        origin="http://autoconfig.example.com/mail/config-v1.1.xml",
    )

    first = ServerConfig(
        host="smtp.example.com",
        port=465,
        security=Security.SSL,
        username="ann@example.com",
        source=SourceName.AUTOCONFIG,
        trust=Trust.UNAUTHENTICATED,
        tier=Tier.HTTP,
        origin="http://autoconfig.example.com/mail/config-v1.1.xml",
        auth_methods=("password-cleartext",),
        provider="Example Mail",
    )
    assert servers == [
        first,
        replace(
            first,
            host="mail.example.com",
            port=587,
            security=Security.STARTTLS,
            username="ann",
            auth_methods=("OAuth2",),
        ),
    ]
