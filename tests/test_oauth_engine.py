"""The OAuth2 engine's rules, without a network: where sign-in data may come from, the SASL
wire formats, the loopback listener's one-redirect rule, and the words for every problem.

The flows themselves run against the lab's authorization server in ``test_oauth.py``.
"""

from __future__ import annotations

import asyncio
import base64
import json
import webbrowser
from dataclasses import replace
from pathlib import Path

import pytest

from wizard.clientconfig import to_server_configs
from wizard.messages import describe_error
from wizard.model import OAuthHint, Security, ServerConfig, SourceName, Tier, Trust
from wizard.oauth.clients import REGISTRATIONS_FILE, configured_client
from wizard.oauth.errors import OAuthError, OAuthProblem
from wizard.oauth.events import BrowserOpened, Method
from wizard.oauth.issuers import AOL, GOOGLE, MICROSOFT, YAHOO, for_tenant, plan_sign_in
from wizard.oauth.loopback import RedirectListener, SignInPages
from wizard.oauth.metadata import metadata_urls
from wizard.oauth.results import SignedIn, Tokens, login_for
from wizard.oauth.signin import Prepared, prepare, sign_in, stored_client
from wizard.preset_files import ENVIRONMENT as PRESETS
from wizard.profiles import APP_NAME
from wizard.providers import ProviderDatabase
from wizard.smtp.diagnosis import Diagnosis, Reply, diagnose_bearer
from wizard.smtp.sasl import (
    OAUTHBEARER,
    XOAUTH2,
    bearer_mechanism,
    decode_error,
    error_answer,
    initial_response,
)

PAGES = SignInPages("Wizard", "done", "failed: {error}", "not yours")


def config(
    host: str = "smtp.example.test",
    *,
    trust: Trust = Trust.TRUSTED,
    methods: tuple[str, ...] = ("OAuth2",),
    oauth: OAuthHint | None = None,
) -> ServerConfig:
    return ServerConfig(
        host=host,
        port=465,
        security=Security.SSL,
        username="alice@example.test",
        source=SourceName.AUTOCONFIG,
        trust=trust,
        tier=Tier.PROVIDER if trust is Trust.TRUSTED else Tier.HTTP,
        origin="test",
        auth_methods=methods,
        oauth=oauth,
    )


HINT = OAuthHint(
    issuer="https://auth.example.test",
    scope="smtp",
    auth_url="https://auth.example.test/authorize",
    token_url="https://auth.example.test/token",
)


def test_a_trusted_document_names_the_issuer() -> None:
    plan = plan_sign_in(config(oauth=HINT))
    assert plan.issuer is not None
    assert plan.issuer.issuer == "https://auth.example.test"
    assert plan.issuer.scope == "smtp"
    assert plan.issuer.authorization_endpoint == "https://auth.example.test/authorize"
    assert (plan.required, plan.ignored) == (True, ())


@pytest.mark.parametrize("trust", [Trust.UNAUTHENTICATED, Trust.GUESSED])
def test_an_untrusted_document_is_ignored_and_reported(trust: Trust) -> None:
    plan = plan_sign_in(config(trust=trust, oauth=HINT))
    assert plan.issuer is None
    assert plan.ignored == (
        "https://auth.example.test",
        "https://auth.example.test/authorize",
        "https://auth.example.test/token",
    )


def test_an_untrusted_document_cannot_redirect_a_known_provider() -> None:
    plan = plan_sign_in(config("smtp.office365.com", trust=Trust.UNAUTHENTICATED, oauth=HINT))
    assert plan.issuer is MICROSOFT  # the built-in table, not the document
    assert plan.ignored


def test_a_provider_lists_sign_in_counts_where_dns_led_to_it() -> None:
    """The bundled database's (or the ISPDB's) ``<oAuth2>``, reached through the domain's MX,
    is the provider's own: used, and not reported as a possible fake sign-in page."""
    listed = replace(HINT, listed=True)
    plan = plan_sign_in(config(trust=Trust.UNAUTHENTICATED, oauth=listed))
    assert plan.issuer is not None and plan.issuer.issuer == "https://auth.example.test"
    assert plan.ignored == ()
    redirected = replace(listed, vouched=False)  # listed, yet reached through a redirect
    assert plan_sign_in(config(trust=Trust.UNAUTHENTICATED, oauth=redirected)).issuer is None


def test_endpoints_that_are_not_https_are_never_used() -> None:
    plain = OAuthHint(issuer="https://auth.example.test", auth_url="http://auth.example.test/a")
    assert plan_sign_in(config(oauth=plain)).issuer is None


@pytest.mark.parametrize(
    ("host", "issuer"),
    [
        ("smtp-mail.outlook.com", MICROSOFT),
        ("smtp.office365.com", MICROSOFT),
        ("smtp.gmail.com", GOOGLE),
        ("smtp.mail.yahoo.com", YAHOO),
        ("smtp.mail.att.net", YAHOO),
        ("outbound.att.net", YAHOO),
        ("smtp.verizon.net", AOL),
        ("smtp.aol.com", AOL),
    ],
)
def test_the_built_in_table_knows_servers_without_an_oauth2_block(
    host: str, issuer: object
) -> None:
    assert plan_sign_in(config(host)).issuer is issuer


def test_the_ispdb_block_of_a_known_issuer_gets_its_smtp_scope() -> None:
    office = OAuthHint(
        issuer="login.microsoftonline.com",
        scope="https://outlook.office365.com/IMAP.AccessAsUser.All offline_access",
    )
    plan = plan_sign_in(config("smtp.example.test", oauth=office))
    assert plan.issuer is MICROSOFT
    assert plan.issuer.scope == "https://outlook.office.com/SMTP.Send offline_access"


def test_either_way_in_means_oauth2_is_offered_not_required() -> None:
    plan = plan_sign_in(config("smtp.gmail.com", methods=("OAuth2", "password-cleartext")))
    assert (plan.offered, plan.required) == (True, False)
    assert plan_sign_in(config(methods=("password-cleartext",))).offered is False


def test_every_bundled_server_that_lists_oauth2_has_a_trusted_issuer() -> None:
    database = ProviderDatabase.bundled()
    without: list[str] = []
    for key, provider in database.providers.items():
        for server in to_server_configs(
            provider,
            address="alice@example.test",
            local_part="alice",
            domain="example.test",
            source=SourceName.BUNDLED,
            trust=Trust.TRUSTED,
            tier=Tier.PROVIDER,
            origin=key,
        ):
            plan = plan_sign_in(server)
            if plan.offered and plan.issuer is None:
                without.append(f"{key}: {server.host}")
    assert without == []


def test_metadata_is_looked_for_where_rfc_8414_and_openid_put_it() -> None:
    assert metadata_urls("https://auth.example.test/tenant") == (
        "https://auth.example.test/.well-known/oauth-authorization-server/tenant",
        "https://auth.example.test/tenant/.well-known/openid-configuration",
    )


# -- SASL -------------------------------------------------------------------------------------


def test_xoauth2_and_oauthbearer_initial_responses() -> None:
    xoauth2 = base64.b64decode(initial_response(XOAUTH2, "a@b.test", "TOKEN", "smtp.b.test", 587))
    assert xoauth2 == b"user=a@b.test\x01auth=Bearer TOKEN\x01\x01"
    bearer = base64.b64decode(initial_response(OAUTHBEARER, "a,b=c", "TOKEN", "h.test", 465))
    assert bearer == b"n,a=a=2Cb=3Dc,\x01host=h.test\x01port=465\x01auth=Bearer TOKEN\x01\x01"


def test_the_answer_to_an_error_challenge() -> None:
    assert error_answer(XOAUTH2) == b""
    assert error_answer(OAUTHBEARER) == b"AQ=="
    assert base64.b64decode(error_answer(OAUTHBEARER)) == b"\x01"


def test_oauthbearer_is_preferred_when_offered() -> None:
    assert bearer_mechanism(["PLAIN", "XOAUTH2", "OAUTHBEARER"]) == OAUTHBEARER
    assert bearer_mechanism(["LOGIN", "XOAUTH2"]) == XOAUTH2
    assert bearer_mechanism(["PLAIN", "LOGIN"]) is None


# Google's and RFC 7628's error challenges, as servers send them, and what they mean.
@pytest.mark.parametrize(
    ("challenge", "final", "expected"),
    [
        (
            {"status": "401", "schemes": "bearer mac", "scope": "https://mail.google.com/"},
            Reply(535, "5.7.8 Username and Password not accepted. Learn more at"),
            Diagnosis.TOKEN_REJECTED,
        ),
        (
            {"status": "invalid_token", "scope": "smtp", "openid-configuration": "https://x"},
            Reply(535, "5.7.8 Authentication credentials invalid"),
            Diagnosis.TOKEN_REJECTED,
        ),
        (
            {"status": "insufficient_scope", "scope": "https://outlook.office.com/SMTP.Send"},
            Reply(535, "5.7.8 Authentication credentials invalid"),
            Diagnosis.TOKEN_SCOPE,
        ),
        (
            None,
            Reply(
                535,
                "5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for "
                "the Mailbox. Visit https://aka.ms/smtp_auth_disabled for more information.",
            ),
            Diagnosis.SMTP_AUTH_DISABLED,
        ),
        (None, Reply(535, "5.7.3 Authentication unsuccessful"), Diagnosis.TOKEN_REJECTED),
        (None, Reply(454, "4.7.0 Temporary authentication failure"), Diagnosis.TEMPORARY),
    ],
)
def test_a_refused_token_is_explained(
    challenge: dict[str, str] | None, final: Reply, expected: Diagnosis
) -> None:
    text = base64.b64encode(json.dumps(challenge).encode()).decode() if challenge else ""
    error = decode_error(text) if challenge else None
    assert error == challenge
    assert diagnose_bearer(final, error) is expected


def test_a_challenge_that_is_not_json_is_no_error() -> None:
    assert decode_error("not base64!") is None
    assert decode_error(base64.b64encode(b"[1, 2]").decode()) is None
    # A hostile server's brackets, nested deeper than the JSON parser goes: no crash either.
    assert decode_error(base64.b64encode(b"[" * 100_000).decode()) is None


# -- the loopback listener --------------------------------------------------------------------


async def _get(port: int, target: str) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    await writer.drain()
    answer = await reader.read()
    writer.close()
    return answer


async def test_the_listener_takes_one_redirect_with_the_right_state() -> None:
    async with RedirectListener("the-state", PAGES) as listener:
        port = listener.port
        assert listener.redirect_uri() == f"http://127.0.0.1:{port}/"
        assert listener.redirect_uri("localhost") == f"http://localhost:{port}/"
        foreign = await _get(port, "/?code=x&state=guess")
        nothing = await _get(port, "/?code=x")
        wrong_path = await _get(port, "/other?code=x&state=the-state")
        real = await _get(port, "/?code=good&state=the-state&iss=https%3A%2F%2Fi.test")
        redirect = await listener.redirect()
        with pytest.raises(ConnectionRefusedError):
            await _get(port, "/?code=again&state=the-state")

    assert all(b" 400 " in a and b"not yours" in a for a in (foreign, nothing, wrong_path))
    assert listener.rejected == 3
    assert b" 200 " in real and b"done" in real
    assert b"Content-Security-Policy: default-src 'none'" in real
    assert redirect.parameters == {"code": "good", "state": "the-state", "iss": "https://i.test"}


# -- words ------------------------------------------------------------------------------------


@pytest.mark.parametrize("problem", list(OAuthProblem))
def test_every_sign_in_problem_has_words(problem: OAuthProblem) -> None:
    text = describe_error(OAuthError(problem, "https://auth.example.test", "invalid_grant"))
    assert text and "{" not in text


# -- Microsoft single-tenant app registrations ------------------------------------------------


@pytest.mark.parametrize(
    ("issuer", "said", "not_said"),
    [
        (GOOGLE.issuer, "https://myaccount.google.com/apppasswords", "SMTP AUTH"),
        (MICROSOFT.issuer, "enable SMTP AUTH", "Gmail"),
        ("https://auth.example.test", "signing in at https://auth.example.test", "Gmail"),
    ],
)
def test_no_app_registration_says_each_providers_way_round_it(
    issuer: str, said: str, not_said: str
) -> None:
    """Without a client: Gmail's route is an app password, Microsoft's an administrator who
    registers the app or enables SMTP AUTH; neither is told the other's."""
    text = describe_error(OAuthError(OAuthProblem.NO_CLIENT, issuer))
    assert said in text
    assert not_said not in text


TENANT = "contoso.onmicrosoft.com"


def test_a_single_tenant_registration_signs_in_at_its_tenant(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An Entra ID app registered for one organisation only cannot sign in at ``common``: the
    registrations file's ``tenant`` goes into every Microsoft endpoint, the browser is sent
    there, and the profile keeps the tenant's token endpoint (for every later refresh) under
    the registration's own issuer."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "system"))
    monkeypatch.setenv(PRESETS, str(tmp_path / "presets"))
    monkeypatch.setenv("BROWSER", "true")  # nobody signs in: the page's address is the point
    # Python's webbrowser reads $BROWSER once per process: read it again here, and let later
    # tests read their own (restored at the end), not "true".
    monkeypatch.setattr(webbrowser, "_tryorder", None)
    registrations = tmp_path / "config" / APP_NAME / REGISTRATIONS_FILE
    registrations.parent.mkdir(parents=True)
    registrations.write_text(
        f'["{MICROSOFT.issuer}"]\nclient_id = "corp-app"\ntenant = "{TENANT}"\n', encoding="utf-8"
    )
    opened: list[object] = []

    async def sign_in_and_give_up() -> Prepared:
        prepared = await prepare(MICROSOFT)  # built in: no metadata to fetch
        with pytest.raises(OAuthError):
            await sign_in(
                prepared,
                Method.BROWSER,
                login_hint="alice@contoso.com",
                pages=PAGES,
                report=opened.append,
                patience=0.2,
            )
        return prepared

    prepared = asyncio.run(sign_in_and_give_up())

    base = f"https://login.microsoftonline.com/{TENANT}/oauth2/v2.0"
    issuer = prepared.issuer
    assert (issuer.authorization_endpoint, issuer.token_endpoint) == (
        f"{base}/authorize",
        f"{base}/token",
    )
    assert issuer.device_authorization_endpoint == f"{base}/devicecode"
    [browser] = [event for event in opened if isinstance(event, BrowserOpened)]
    assert browser.url.startswith(f"{base}/authorize?")
    tokens = Tokens("access", "refresh", None, None)
    login = login_for(SignedIn(issuer, prepared.client, tokens))
    assert (login.issuer, login.token_endpoint) == (MICROSOFT.issuer, f"{base}/token")
    assert stored_client(login).tenant == TENANT


@pytest.mark.parametrize("tenant", ["../evil", "contoso.com/oauth2", "", "a b"])
def test_a_tenant_that_cannot_name_one_is_never_put_into_a_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tenant: str
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "system"))
    monkeypatch.setenv(PRESETS, str(tmp_path / "presets"))
    registrations = tmp_path / "config" / APP_NAME / REGISTRATIONS_FILE
    registrations.parent.mkdir(parents=True)
    registrations.write_text(
        f'["{MICROSOFT.issuer}"]\nclient_id = "corp-app"\ntenant = "{tenant}"\n', encoding="utf-8"
    )
    assert configured_client(MICROSOFT.issuer) is None  # not used at all, rather than elsewhere
    assert for_tenant(GOOGLE, TENANT) == GOOGLE  # only Microsoft's endpoints name a tenant
