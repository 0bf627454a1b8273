"""Which client registration signs in with an issuer.

A desktop program is a public client: it has no secret to keep, and each organisation
registers its own app, so client IDs are configuration; nothing here copies another
application's. They are looked up per issuer, in this order:

1. ``--oauth-client-id`` (and ``--oauth-client-secret-stdin`` for issuers, such as Google's
   "Desktop app" clients, that want a secret they do not treat as confidential);
2. the organisation's preset (``wizard.presets``: its ``<oauth2Registrations>``, in this
   file's format);
3. the registrations file, per user (``oauth-clients.toml`` in the configuration folder) and
   system-wide (the same name in the system's configuration folder, e.g.
   ``/etc/xdg/email-setup-wizard/``), a table per issuer URL::

       ["https://login.microsoftonline.com/common/v2.0"]
       client_id = "00000000-0000-0000-0000-000000000000"
       tenant = "contoso.onmicrosoft.com"   # a single-tenant app: its tenant replaces "common"

4. RFC 7591 dynamic registration, when the issuer's metadata has a
   ``registration_endpoint``; the registration is kept per issuer (``oauth-registrations.json``
   beside the profiles) and reused. A client secret the issuer hands out with it is a secret
   like any other: it goes to the keychain (service ``oauth-client://ISSUER_HOST``, the client
   ID as the user name), never into that file; where the keychain cannot take it, the
   registration is not kept, and the next sign-in registers again.
"""

from __future__ import annotations

import json
import os
import tempfile
import tomllib
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx
import platformdirs

from wizard import __version__, keychain
from wizard.errors import NOT_JSON
from wizard.oauth.errors import OAuthError, OAuthProblem
from wizard.oauth.issuers import join_scopes, valid_tenant
from wizard.profiles import APP_NAME

if TYPE_CHECKING:
    from wizard.oauth.issuers import Issuer

REGISTRATIONS_FILE = "oauth-clients.toml"
DYNAMIC_FILE = "oauth-registrations.json"
IN_KEYCHAIN = "keychain"  # a registration's "client_secret" in that file: where it is
CLIENT_NAME = "Email Setup Wizard"


class ClientOrigin(StrEnum):
    """Where a client registration came from (the JSON spelling)."""

    OPTION = "option"  # --oauth-client-id
    PRESET = "preset"  # the organisation's preset
    USER_FILE = "user-file"
    SYSTEM_FILE = "system-file"
    REGISTERED = "registered"  # RFC 7591, by this program


@dataclass(frozen=True)
class Client:
    client_id: str
    origin: ClientOrigin
    client_secret: str | None = field(default=None, repr=False)
    # A Microsoft single-tenant app registration signs in at its tenant's endpoints, not at
    # "common" (``wizard.oauth.issuers.for_tenant``).
    tenant: str | None = None


def user_registrations_path() -> Path:
    return platformdirs.user_config_path(APP_NAME) / REGISTRATIONS_FILE


def system_registrations_paths() -> list[Path]:
    """The system-wide registrations files, most important first ($XDG_CONFIG_DIRS order)."""
    folders = platformdirs.site_config_dir(APP_NAME, multipath=True)
    return [Path(folder) / REGISTRATIONS_FILE for folder in folders.split(os.pathsep) if folder]


def dynamic_registrations_path() -> Path:
    return platformdirs.user_config_path(APP_NAME) / DYNAMIC_FILE


def configured_client(
    issuer: str, *, client_id: str | None = None, client_secret: str | None = None
) -> Client | None:
    """The client given on the command line or in a registrations file, for ``issuer``."""
    if client_id:
        return Client(client_id, ClientOrigin.OPTION, client_secret)
    from wizard.presets import load_presets

    for preset in load_presets().presets:
        for registered in preset.oauth2_clients:
            if registered.issuer.rstrip("/") == issuer.rstrip("/"):
                return Client(
                    registered.client_id,
                    ClientOrigin.PRESET,
                    registered.client_secret,
                    registered.tenant,
                )
    files = [(user_registrations_path(), ClientOrigin.USER_FILE)]
    files += [(path, ClientOrigin.SYSTEM_FILE) for path in system_registrations_paths()]
    for path, origin in files:
        entry = _read_registrations(path).get(issuer)
        if entry is not None:
            return Client(
                entry["client_id"], origin, entry.get("client_secret"), entry.get("tenant")
            )
    return None


def registered_client(issuer: str) -> Client | None:
    """The client this program registered with ``issuer`` earlier, if any."""
    entry = _read_dynamic().get(issuer)
    if not isinstance(entry, dict) or not isinstance(entry.get("client_id"), str):
        return None
    client_id: str = entry["client_id"]
    secret = entry.get("client_secret")
    if secret == IN_KEYCHAIN:
        try:
            secret = keychain.get_secret(client_secret_service(issuer), client_id)
        except keychain.KeychainError:
            secret = None
        if secret is None:
            return None  # unusable without its secret: register again
    return Client(client_id, ClientOrigin.REGISTERED, secret if isinstance(secret, str) else None)


def client_secret_service(issuer: str) -> str:
    """The keychain service of the client secret this program was given at ``issuer``."""
    return f"oauth-client://{(urlsplit(issuer).hostname or '').lower()}"


def keep_given_secret(issuer: str, client: Client) -> None:
    """Keep a client secret given with ``--oauth-client-secret-stdin`` in the keychain
    (``client_secret_service``, the client ID as the user name), so that the account it signed
    in can refresh later (``token``, ``test ADDRESS``, ``send``): an issuer that wants a secret
    (a Google "Desktop app" client) wants it at every refresh. ``KeychainError`` if it cannot."""
    if client.origin is ClientOrigin.OPTION and client.client_secret:
        keychain.store_secret(client_secret_service(issuer), client.client_id, client.client_secret)


def given_secret(issuer: str, client_id: str) -> str | None:
    """The client secret ``keep_given_secret`` kept for ``client_id`` at ``issuer``, if any."""
    try:
        return keychain.get_secret(client_secret_service(issuer), client_id)
    except keychain.KeychainError:
        return None  # the refresh token cannot be read either: that error is the one to show


async def find_client(
    issuer: Issuer,
    http: httpx.AsyncClient,
    *,
    client_id: str | None = None,
    client_secret: str | None = None,
) -> Client:
    """The client to sign in with at ``issuer``, registering one if the issuer allows it;
    ``OAuthError(NO_CLIENT)`` when there is none."""
    found = configured_client(issuer.issuer, client_id=client_id, client_secret=client_secret)
    found = found or registered_client(issuer.issuer)
    if found is not None:
        return found
    if issuer.registration_endpoint is None:
        raise OAuthError(OAuthProblem.NO_CLIENT, issuer.issuer)
    return await register(issuer, http)


async def register(issuer: Issuer, http: httpx.AsyncClient) -> Client:
    """Register this program with ``issuer`` (RFC 7591) as a native public client, and keep
    the registration for next time."""
    assert issuer.registration_endpoint is not None
    grants = ["authorization_code", "refresh_token"]
    if issuer.device_authorization_endpoint:
        grants.append("urn:ietf:params:oauth:grant-type:device_code")
    request = {
        "client_name": CLIENT_NAME,
        "application_type": "native",
        "redirect_uris": ["http://127.0.0.1/"],
        "grant_types": grants,
        "response_types": ["code"],
        "token_endpoint_auth_method": "none",
        "scope": join_scopes(issuer.scope, issuer.mailbox_scope),  # one registration for both
        "software_id": "io.github.emailsetupwizard.EmailSetupWizard",
        "software_version": __version__,
    }
    try:
        response = await http.post(issuer.registration_endpoint, json=request)
    except httpx.HTTPError as err:
        raise OAuthError(OAuthProblem.UNREACHABLE, issuer.issuer, type(err).__name__) from err
    try:
        answer = response.json()
    except NOT_JSON:
        answer = None
    if response.status_code not in (200, 201) or not isinstance(answer, dict):
        detail = answer.get("error", "") if isinstance(answer, dict) else ""
        if not detail and response.status_code in (200, 201):
            detail = "not a JSON object"
        raise OAuthError(
            OAuthProblem.REGISTRATION, issuer.issuer, detail or f"HTTP {response.status_code}"
        )
    client_id = answer.get("client_id")
    if not isinstance(client_id, str) or not client_id:
        raise OAuthError(OAuthProblem.REGISTRATION, issuer.issuer, "no client_id in the answer")
    secret = answer.get("client_secret")
    client = Client(client_id, ClientOrigin.REGISTERED, secret if isinstance(secret, str) else None)
    _remember(issuer.issuer, client)
    return client


def _read_registrations(path: Path) -> dict[str, dict[str, str]]:
    """A registrations file's usable entries; a missing or unreadable file has none, and an
    entry whose ``tenant`` cannot name one is not usable (it would sign in elsewhere)."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeError, tomllib.TOMLDecodeError):
        return {}
    entries: dict[str, dict[str, str]] = {}
    for issuer, table in document.items():
        if not isinstance(table, dict) or not isinstance(table.get("client_id"), str):
            continue
        if "tenant" in table and not valid_tenant(table["tenant"]):
            continue
        entry = {"client_id": table["client_id"]}
        for key in ("client_secret", "tenant"):
            if isinstance(table.get(key), str):
                entry[key] = table[key]
        entries[issuer.rstrip("/")] = entry
    return entries


def _read_dynamic() -> dict[str, Any]:
    try:
        data = dynamic_registrations_path().read_bytes()
    except OSError:  # none kept yet, or unreadable: register again
        return {}
    try:
        document = json.loads(data)
    except NOT_JSON:
        return {}
    return document if isinstance(document, dict) else {}


def _remember(issuer: str, client: Client) -> None:
    """Keep a registration for reuse, written atomically and readable by the user only; its
    client secret, if it has one, in the keychain.

    Best effort: if it cannot be kept, the next sign-in registers again.
    """
    path = dynamic_registrations_path()
    registrations = _read_dynamic()
    entry: dict[str, str] = {"client_id": client.client_id}
    if client.client_secret:
        try:
            service = client_secret_service(issuer)
            keychain.store_secret(service, client.client_id, client.client_secret)
        except keychain.KeychainError:
            return
        entry["client_secret"] = IN_KEYCHAIN
    registrations[issuer] = entry
    data = (json.dumps(registrations, indent=2) + "\n").encode()
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        Path(name).replace(path)
    except OSError:
        return
