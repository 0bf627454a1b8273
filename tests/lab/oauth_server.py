"""A real OAuth2 authorization server for the lab, built on Authlib's server side.

It offers what the wizard uses: authorize (a scripted browser consents, see
``tests/lab/browser.py``), token (authorization code with PKCE S256, refresh), device
authorization (RFC 8628) with its verification page, RFC 8414 metadata, RFC 7591
registration and RFC 7009 revocation, and a switch to send RFC 9207 ``iss``. Lab SMTP servers
check bearer tokens against it (``login_of``); a real resource server (the Postfix lab's
Dovecot) asks its RFC 7662 introspection endpoint, as ``RESOURCE_SERVER`` with a secret.

It runs as dynamic routes of the lab's HTTPS server: ``Lab.oauth(host)`` sets it up.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import parse_qs, urlsplit

from authlib.oauth2 import rfc6749, rfc7009, rfc7591, rfc7636, rfc7662, rfc8628, rfc9207
from authlib.oauth2.rfc6749 import InvalidScopeError, OAuth2Error, grants
from authlib.oauth2.rfc6749.requests import BasicOAuth2Payload
from authlib.oauth2.rfc6750 import BearerTokenGenerator

from .http_server import Route

if TYPE_CHECKING:
    from .http_server import HttpRequest

JSON = "application/json"
AUTH_METHODS = ["none", "client_secret_post", "client_secret_basic"]
HTML = "text/html; charset=utf-8"
DEEP = 5_000  # brackets in a deep_json answer: past Python's recursion limit, under size caps
PATHS = {
    "authorize": "/authorize",
    "token": "/token",
    "device": "/device",
    "verify": "/verify",
    "register": "/register",
    "revoke": "/revoke",
    "introspect": "/introspect",
    "metadata": "/.well-known/oauth-authorization-server",
}


@dataclass
class LabClient(rfc6749.ClientMixin):  # type: ignore[misc]
    client_id: str
    client_secret: str | None = None
    redirect_uris: tuple[str, ...] = ("http://127.0.0.1/",)
    scope: str = ""

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str:
        return self.redirect_uris[0]

    def get_allowed_scope(self, scope: str) -> str:
        return scope

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        # RFC 8252 section 7.3: a loopback redirect matches whatever its port.
        given = urlsplit(redirect_uri)
        return any(
            (given.scheme, given.hostname, given.path or "/")
            == (urlsplit(uri).scheme, urlsplit(uri).hostname, urlsplit(uri).path or "/")
            for uri in self.redirect_uris
        )

    def check_client_secret(self, client_secret: str) -> bool:
        return self.client_secret is not None and secrets.compare_digest(
            client_secret, self.client_secret
        )

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        if self.client_secret is None:
            return method == "none"
        return method in ("client_secret_post", "client_secret_basic")

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return True


@dataclass
class _Code(rfc6749.AuthorizationCodeMixin):  # type: ignore[misc]
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    user: str
    code_challenge: str | None
    code_challenge_method: str | None

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> None:
        return None

    def get_auth_time(self) -> None:
        return None


@dataclass
class _Token(rfc6749.TokenMixin):  # type: ignore[misc]
    access_token: str
    refresh_token: str | None
    client_id: str
    scope: str
    user: str
    expires_at: float
    revoked: bool = False

    def check_client(self, client: LabClient) -> bool:
        return client.client_id == self.client_id

    def get_scope(self) -> str:
        return self.scope

    def get_expires_in(self) -> int:
        return int(self.expires_at - time.time())

    def is_expired(self) -> bool:
        return time.time() >= self.expires_at

    def is_revoked(self) -> bool:
        return self.revoked

    def get_user(self) -> str:
        return self.user

    def get_client(self) -> str:
        return self.client_id


class _Device(dict[str, Any], rfc8628.DeviceCredentialMixin):  # type: ignore[misc]
    def get_client_id(self) -> str:
        return str(self["client_id"])

    def get_scope(self) -> str:
        return str(self.get("scope") or "")

    def get_user_code(self) -> str:
        return str(self["user_code"])

    def is_expired(self) -> bool:
        return time.time() > float(self["expires_at"])


@dataclass
class OAuthBehaviour:
    """Switches a test flips on the lab authorization server."""

    send_iss: bool = False  # RFC 9207: iss in every authorization response (and say so)
    iss_value: str | None = None  # send this iss instead of the right one (a mix-up)
    access_lifetime: int = 3600  # seconds an access token lives
    registration: bool = True  # offer RFC 7591 dynamic registration
    device: bool = True  # offer the device authorization grant
    device_interval: int = 1  # seconds the client is told to wait between polls
    device_lifetime: int = 900  # seconds a device code lives (RFC 8628 expires_in)
    slow_down_polls: int = 0  # answer this many polls with slow_down first
    token_bytes: int = 32  # random bytes in an access token (2400: over 2.5 KB, as Microsoft's)
    rotate_refresh: bool = False  # a refresh hands out a new refresh token and revokes the old
    # Registration hands out a client secret (as some servers do even to a native client that
    # asked for none), which the token endpoint then requires.
    registration_secret: bool = False
    # Scopes the server refuses to grant (invalid_scope), as an issuer that does not know one,
    # or a tenant whose administrator never allowed it, does.
    refuse_scopes: tuple[str, ...] = ()
    # The person unticks every scope but these on the consent page (Google's granular
    # consent): the token is granted less than was asked for, and says so.
    consent_only: tuple[str, ...] | None = None
    # Endpoints (names in PATHS) that answer 200 with JSON nested deeper than any parser
    # goes, as a hostile or broken issuer might.
    deep_json: tuple[str, ...] = ()


# The resource server (a mail server) that asks the introspection endpoint about tokens.
RESOURCE_SERVER = ("mail-server", "lab-introspection-secret")


@dataclass
class LabAuthServer:
    """The lab's authorization server for one issuer host; every method is thread-safe."""

    host: str
    behaviour: OAuthBehaviour = field(default_factory=OAuthBehaviour)
    clients: dict[str, LabClient] = field(default_factory=dict)
    _codes: dict[str, _Code] = field(default_factory=dict)
    _tokens: list[_Token] = field(default_factory=list)
    _devices: dict[str, _Device] = field(default_factory=dict)
    _approved: dict[str, str | None] = field(default_factory=dict)  # user code -> user/None
    _polls: int = 0
    token_requests: list[dict[str, str]] = field(default_factory=list)  # form fields, no secrets
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self._server = _Server(self)

    @property
    def issuer(self) -> str:
        return f"https://{self.host}"

    def url(self, name: str) -> str:
        return f"{self.issuer}{PATHS[name]}"

    # -- what tests set up and look at ---------------------------------------------------------

    def granted_scopes(self, user: str) -> list[str]:
        """The scope of each access token issued to ``user``, in order."""
        with self.lock:
            return [t.scope for t in self._tokens if t.user == user]

    def add_client(self, client_id: str, client_secret: str | None = None) -> LabClient:
        client = LabClient(client_id, client_secret)
        with self.lock:
            self.clients[client_id] = client
        return client

    def login_of(self, access_token: str) -> str | None:
        """The user a valid (unexpired, unrevoked) access token belongs to."""
        with self.lock:
            for token in self._tokens:
                if token.access_token == access_token and not token.is_expired():
                    return None if token.revoked else token.user
        return None

    def refresh_tokens(self, user: str) -> list[str]:
        """The unrevoked refresh tokens issued to ``user``."""
        with self.lock:
            return [
                t.refresh_token
                for t in self._tokens
                if t.user == user and t.refresh_token and not t.revoked
            ]

    def user_codes(self) -> list[str]:
        """The device codes handed out so far, for the person to type."""
        with self.lock:
            return [device.get_user_code() for device in self._devices.values()]

    def issued(self) -> list[str]:
        """Every access and refresh token issued so far (to search outputs for them)."""
        with self.lock:
            tokens = [t.access_token for t in self._tokens]
            return tokens + [t.refresh_token for t in self._tokens if t.refresh_token]

    def revoke_all(self, user: str) -> None:
        """Revoke every token of ``user``, as a password change or an administrator would."""
        with self.lock:
            for token in self._tokens:
                if token.user == user:
                    token.revoked = True

    def expire_access_tokens(self) -> None:
        with self.lock:
            for token in self._tokens:
                token.expires_at = min(token.expires_at, time.time() - 1)

    def approve(self, user_code: str, user: str | None) -> None:
        """The person at the verification page types ``user_code``; None: says no."""
        with self.lock:
            self._approved[user_code] = user

    def authorize(self, query: str, user: str | None) -> str:
        """The browser's consent (None: the user says no); the redirect's Location."""
        request = _request("GET", f"{self.url('authorize')}?{query}", {})
        with self.lock:
            grant = self._server.get_consent_grant(request, end_user=user)
            response = self._server.create_authorization_response(
                request, grant_user=user, grant=grant
            )
        assert response.status == 302, (response.status, response.body)
        return str(response.location)

    def respond(self, request: HttpRequest) -> Route:
        """The lab web server's handler for every path of this issuer."""
        with self.lock:
            return self._respond(request)

    # -- the endpoints ---------------------------------------------------------------------------

    def _respond(self, request: HttpRequest) -> Route:
        is_form = request.headers.get("content-type", "").startswith("application/x-www-form")
        form = {k: v[0] for k, v in parse_qs(request.body.decode()).items()} if is_form else {}
        url = f"https://{request.host}{request.path}" + (
            f"?{request.query}" if request.query else ""
        )
        oauth_request = _request(request.method, url, form, request.headers)
        respond = self._server.create_endpoint_response
        if any(request.path == PATHS[name] for name in self.behaviour.deep_json):
            return Route(b"[" * DEEP + b"]" * DEEP, 200, JSON)
        if request.path == PATHS["metadata"]:
            return _json(200, self._metadata())
        if request.path == PATHS["token"]:
            self.token_requests.append(
                {k: v for k, v in form.items() if k in ("grant_type", "code_verifier", "client_id")}
            )
            return _answer(self._server.create_token_response(oauth_request))
        if request.path == PATHS["device"] and self.behaviour.device:
            return _answer(
                self._server.create_endpoint_response("device_authorization", oauth_request)
            )
        if request.path == PATHS["revoke"]:
            return _answer(respond("revocation", oauth_request))
        if request.path == PATHS["introspect"]:
            return _answer(respond("introspection", oauth_request))
        if request.path == PATHS["register"] and self.behaviour.registration:
            json_request = rfc6749.JsonRequest("POST", url, request.headers)
            json_request.payload = _JsonPayload(json.loads(request.body or b"{}"))
            return _answer(
                self._server.create_endpoint_response("client_registration", json_request)
            )
        if request.path == PATHS["verify"]:
            return Route(b"<html><body>Type the code</body></html>", 200, HTML)
        if request.path == PATHS["authorize"] and request.method == "POST":
            # The scripted browser's consent: "user" says yes, no "user" says no.
            user = form.get("user") or None
            try:
                grant = self._server.get_consent_grant(oauth_request, end_user=user)
            except OAuth2Error as error:  # a scope it will not grant: back with the error
                response = self._server.handle_error_response(oauth_request, error)
            else:
                response = self._server.create_authorization_response(
                    oauth_request, grant_user=user, grant=grant
                )
            return Route(b"", response.status, HTML, tuple(response.headers))
        if request.path == PATHS["authorize"]:
            return Route(b"<html><body><form method=post>Allow?</form></body></html>", 200, HTML)
        if request.path == PATHS["verify"] and request.method == "POST":
            self._approved[form.get("user_code", "")] = form.get("user") or None
            return Route(b"<html><body>Done</body></html>", 200, HTML)
        return Route(b"not found\n", 404, "text/plain")

    def _metadata(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "issuer": self.issuer,
            "authorization_endpoint": self.url("authorize"),
            "token_endpoint": self.url("token"),
            "revocation_endpoint": self.url("revoke"),
            "response_types_supported": ["code"],
            "grant_types_supported": ["authorization_code", "refresh_token"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["none", "client_secret_post"],
        }
        if self.behaviour.registration:
            document["registration_endpoint"] = self.url("register")
        if self.behaviour.device:
            document["device_authorization_endpoint"] = self.url("device")
            document["grant_types_supported"].append(rfc8628.DEVICE_CODE_GRANT_TYPE)
        if self.behaviour.send_iss:
            document["authorization_response_iss_parameter_supported"] = True
        return document


class _OAuthRequest(rfc6749.OAuth2Request):  # type: ignore[misc]
    """An HTTP request as Authlib's server reads it: query arguments and form fields."""

    def __init__(self, method: str, url: str, form: dict[str, str], headers: dict[str, str]):
        super().__init__(method, url, headers=_Headers(headers))
        self._args = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
        self._form = form
        self.payload = BasicOAuth2Payload({**self._args, **form})

    @property
    def args(self) -> dict[str, str]:
        return self._args

    @property
    def form(self) -> dict[str, str]:
        return self._form


class _Headers(dict[str, str]):
    """Request headers whatever the case of the name asked for (the lab server keeps them in
    lower case; Authlib asks for ``Authorization``)."""

    def __init__(self, headers: dict[str, str]) -> None:
        super().__init__((name.lower(), value) for name, value in headers.items())

    def __getitem__(self, name: str) -> str:
        return super().__getitem__(name.lower())

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and super().__contains__(name.lower())

    def get(self, name: str, default: Any = None) -> Any:
        return super().get(name.lower(), default)


def _request(
    method: str, url: str, form: dict[str, str], headers: dict[str, str] | None = None
) -> _OAuthRequest:
    return _OAuthRequest(method, url, form, headers or {})


class _JsonPayload(rfc6749.JsonPayload):  # type: ignore[misc]
    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    @property
    def data(self) -> dict[str, Any]:
        return self._data


def _json(status: int, document: dict[str, Any]) -> Route:
    return Route(json.dumps(document).encode(), status, JSON)


@dataclass
class _Response:
    """What Authlib's server answers; its RFC 9207 extension edits ``location``."""

    status: int
    body: Any
    headers: list[tuple[str, str]]

    @property
    def location(self) -> str | None:
        return dict(self.headers).get("Location")

    @location.setter
    def location(self, value: str) -> None:
        self.headers = [(k, v) for k, v in self.headers if k != "Location"]
        self.headers.append(("Location", value))


def _answer(response: _Response) -> Route:
    body = response.body
    content = json.dumps(body).encode() if isinstance(body, dict) else str(body or "").encode()
    extra = tuple((k, v) for k, v in response.headers if k.lower() != "content-type")
    return Route(content, response.status, JSON, extra)


class _Server(rfc6749.AuthorizationServer):  # type: ignore[misc]
    """Authlib's generic authorization server, wired to ``LabAuthServer``'s memory."""

    def __init__(self, owner: LabAuthServer) -> None:
        super().__init__()
        self.owner = owner
        self.register_token_generator(
            "default",
            BearerTokenGenerator(
                lambda *_a, **_k: secrets.token_urlsafe(owner.behaviour.token_bytes),
                lambda *_a, **_k: secrets.token_urlsafe(48),
                lambda _client, _grant: owner.behaviour.access_lifetime,
            ),
        )
        self.register_grant(_CodeGrant, [rfc7636.CodeChallenge(required=True)])
        self.register_grant(_RefreshGrant)
        self.register_grant(_DeviceGrant)
        self.register_endpoint(_DeviceEndpoint)
        self.register_endpoint(_Revocation)
        self.register_endpoint(_Introspection)
        # Not one of ``owner.clients`` (the apps that sign in, which tests count).
        self._resource_server = LabClient(*RESOURCE_SERVER)
        self.register_endpoint(_Registration)
        self.register_extension(_Issuer(owner))

    def query_client(self, client_id: str) -> LabClient | None:
        if client_id == RESOURCE_SERVER[0]:
            return self._resource_server
        return self.owner.clients.get(client_id)

    def validate_requested_scope(self, scope: str | None, *args: Any) -> None:
        refused = set(self.owner.behaviour.refuse_scopes) & set((scope or "").split())
        if refused:
            raise InvalidScopeError(description=f"not granted: {' '.join(sorted(refused))}")

    def save_token(self, token: dict[str, Any], request: Any) -> None:
        self.owner._tokens.append(
            _Token(
                access_token=token["access_token"],
                refresh_token=token.get("refresh_token"),
                client_id=request.client.client_id,
                scope=token.get("scope", ""),
                user=request.user,
                expires_at=time.time() + token["expires_in"],
            )
        )

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        pass

    def create_oauth2_request(self, request: Any) -> Any:
        return request  # built by ``_request`` already

    def create_json_request(self, request: Any) -> Any:
        return request

    def handle_response(self, status: int, body: Any, headers: Any) -> _Response:
        return _Response(status, body, list(headers))


def _owner(part: Any) -> LabAuthServer:
    """The lab server behind one of Authlib's grants or endpoints."""
    owner: LabAuthServer = part.server.owner
    return owner


class _Issuer(rfc9207.IssuerParameter):  # type: ignore[misc]
    def __init__(self, owner: LabAuthServer) -> None:
        self.owner = owner

    def get_issuer(self) -> str | None:
        behaviour = self.owner.behaviour
        if not behaviour.send_iss:
            return None
        return behaviour.iss_value or self.owner.issuer


class _CodeGrant(grants.AuthorizationCodeGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS: ClassVar[list[str]] = AUTH_METHODS

    def save_authorization_code(self, code: str, request: Any) -> None:
        scope = request.payload.scope or ""
        kept = _owner(self).behaviour.consent_only
        if kept is not None:  # what the person left ticked
            scope = " ".join(item for item in scope.split() if item in kept)
        _owner(self)._codes[code] = _Code(
            code=code,
            client_id=request.client.client_id,
            redirect_uri=request.payload.redirect_uri,
            scope=scope,
            user=request.user,
            code_challenge=request.payload.data.get("code_challenge"),
            code_challenge_method=request.payload.data.get("code_challenge_method"),
        )

    def query_authorization_code(self, code: str, client: LabClient) -> _Code | None:
        found = _owner(self)._codes.get(code)
        return found if found and found.client_id == client.client_id else None

    def delete_authorization_code(self, authorization_code: _Code) -> None:
        _owner(self)._codes.pop(authorization_code.code, None)

    def authenticate_user(self, authorization_code: _Code) -> str:
        return authorization_code.user


class _RefreshGrant(grants.RefreshTokenGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS: ClassVar[list[str]] = AUTH_METHODS

    @property
    def INCLUDE_NEW_REFRESH_TOKEN(self) -> bool:
        return _owner(self).behaviour.rotate_refresh

    def authenticate_refresh_token(self, refresh_token: str) -> _Token | None:
        for token in _owner(self)._tokens:
            if token.refresh_token == refresh_token and not token.revoked:
                return token
        return None

    def authenticate_user(self, credential: _Token) -> str:
        return credential.user

    def revoke_old_credential(self, refresh_token: _Token) -> None:
        if _owner(self).behaviour.rotate_refresh:  # as Microsoft does, the old one is spent
            refresh_token.revoked = True


class _DeviceGrant(rfc8628.DeviceCodeGrant):  # type: ignore[misc]
    def query_device_credential(self, device_code: str) -> _Device | None:
        return _owner(self)._devices.get(device_code)

    def query_user_grant(self, user_code: str) -> tuple[str, bool] | None:
        approved = _owner(self)._approved
        if user_code not in approved:
            return None
        user = approved[user_code]
        return (user or "", user is not None)

    def should_slow_down(self, credential: _Device) -> bool:
        owner = self.server.owner
        owner._polls += 1
        return bool(owner._polls <= owner.behaviour.slow_down_polls)


class _DeviceEndpoint(rfc8628.DeviceAuthorizationEndpoint):  # type: ignore[misc]
    INTERVAL = 1

    def get_verification_uri(self) -> str:
        return str(self.server.owner.url("verify"))

    def save_device_credential(self, client_id: str, scope: str, data: dict[str, Any]) -> None:
        owner = self.server.owner
        data["interval"] = owner.behaviour.device_interval
        data["expires_in"] = owner.behaviour.device_lifetime
        owner._devices[data["device_code"]] = _Device(
            client_id=client_id,
            scope=scope,
            user_code=data["user_code"],
            expires_at=time.time() + data["expires_in"],
        )


class _Revocation(rfc7009.RevocationEndpoint):  # type: ignore[misc]
    CLIENT_AUTH_METHODS: ClassVar[list[str]] = AUTH_METHODS

    def query_token(self, token_string: str, token_type_hint: str | None) -> _Token | None:
        for token in _owner(self)._tokens:
            if token_string in (token.access_token, token.refresh_token):
                return token
        return None

    def revoke_token(self, token: _Token, request: Any) -> None:
        for other in _owner(self)._tokens:
            if other.refresh_token == token.refresh_token and other.user == token.user:
                other.revoked = True


class _Introspection(rfc7662.IntrospectionEndpoint):  # type: ignore[misc]
    """RFC 7662, for the resource server only: whose token it is, for which scope."""

    CLIENT_AUTH_METHODS: ClassVar[list[str]] = ["client_secret_basic", "client_secret_post"]

    def query_token(self, token_string: str, token_type_hint: str | None) -> _Token | None:
        return next((t for t in _owner(self)._tokens if t.access_token == token_string), None)

    def check_permission(self, token: _Token, client: LabClient, request: Any) -> bool:
        return bool(client.client_id == RESOURCE_SERVER[0])

    def introspect_token(self, token: _Token) -> dict[str, Any]:
        return {
            "active": True,
            "client_id": token.client_id,
            "token_type": "Bearer",
            "username": token.user,
            "scope": token.scope,
            "exp": int(token.expires_at),
            "iss": _owner(self).issuer,
        }


class _Registration(rfc7591.ClientRegistrationEndpoint):  # type: ignore[misc]
    def authenticate_token(self, request: Any) -> bool:
        return True  # open registration, as draft-ietf-mailmaint-oauth-public asks

    def get_server_metadata(self) -> dict[str, Any]:
        return _owner(self)._metadata()

    def save_client(
        self, client_info: dict[str, Any], client_metadata: dict[str, Any], request: Any
    ) -> LabClient:
        client = LabClient(
            client_id=client_info["client_id"],
            client_secret=client_info.get("client_secret"),
            redirect_uris=tuple(client_metadata.get("redirect_uris", ())),
            scope=client_metadata.get("scope", ""),
        )
        self.server.owner.clients[client.client_id] = client
        return client

    def generate_client_secret(self, request: Any) -> str | None:
        if _owner(self).behaviour.registration_secret:
            return secrets.token_hex(24)
        return None  # a public native client gets no secret
