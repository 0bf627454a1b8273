"""``email-setup-wizard presets check FILE | list``: validate an organisation preset before
rolling it out, and see which presets this computer uses."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard.cli.common import EXIT_INVALID_INPUT, EXIT_OK, complain, print_json
from wizard.cli.i18n import translate
from wizard.messages import describe_error, security_label
from wizard.preset_files import preset_folders
from wizard.presets import Preset, PresetError, load_presets, read_preset
from wizard.presets_rules import enforce, preset_for
from wizard.printable import printable

if TYPE_CHECKING:
    from wizard.address import EmailAddress
    from wizard.smtp.send import SendSettings


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "presets",
        help="check an organisation preset file, or list the presets in use",
        description="Organisation presets set the servers, locked fields and policy for a "
        "domain on every computer (see the README for the format and the folders).",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = actions.add_parser("check", help="validate one preset file")
    check.add_argument("file", type=Path, help="the preset file (clientConfig XML)")
    check.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    listing = actions.add_parser("list", help="show the presets this computer uses")
    listing.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    if args.action == "check":
        return _check_file(args.file, as_json=args.json)
    return _list(as_json=args.json)


def _check_file(path: Path, *, as_json: bool) -> int:
    try:
        preset = read_preset(path)
    except PresetError as err:
        if as_json:
            print_json({"valid": False, "error": _error_json(err)})
        else:
            complain(describe_error(err, translate))
        return EXIT_INVALID_INPUT
    if as_json:
        print_json({"valid": True, "preset": _preset_json(preset)})
    else:
        ok = translate("CommandLine", "{path} is a valid preset.").format(path=path)
        print(ok)
        print("\n".join(describe_preset(preset)))
    return EXIT_OK


def _list(*, as_json: bool) -> int:
    presets = load_presets()
    if as_json:
        print_json(
            {
                "folders": [
                    {"path": str(folder), "system": system} for folder, system in preset_folders()
                ],
                "presets": [_preset_json(p) for p in presets.presets],
                "ignored": [_error_json(e) for e in presets.errors],
            }
        )
        return EXIT_OK
    for folder, system in preset_folders():
        kind = (
            translate("CommandLine", "system-wide") if system else translate("CommandLine", "yours")
        )
        print(translate("CommandLine", "Folder ({kind}): {path}").format(kind=kind, path=folder))
    if not presets.presets:
        print(translate("CommandLine", "No presets are in use."))
    for preset in presets.presets:
        print()
        print("\n".join(describe_preset(preset)))
    for error in presets.errors:
        ignored = translate("CommandLine", "Ignored: {reason}")
        print(ignored.format(reason=describe_error(error, translate)), file=sys.stderr)
    return EXIT_OK


def describe_preset(preset: Preset) -> list[str]:
    """A preset as a person checks it: whose, for which domains, which server, what is locked."""
    lines = [
        translate("CommandLine", "Set by your organisation: {name} ({path})").format(
            name=printable(preset.organisation), path=printable(str(preset.path))
        ),
        translate("CommandLine", "  Domains: {domains}").format(domains=", ".join(preset.domains)),
    ]
    for server in preset.config.outgoing:
        security = security_label(server.security, translate)
        lines.append(f"  {server.hostname}:{server.port} {security}")
    if preset.locked:
        locked = ", ".join(sorted(field.value for field in preset.locked))
        lines.append(translate("CommandLine", "  Locked: {fields}").format(fields=locked))
    policy = preset.policy
    rules = [
        word
        for flag, word in (
            (policy.require_encryption, translate("CommandLine", "encryption required")),
            (policy.require_implicit_tls, translate("CommandLine", "SSL/TLS required")),
        )
        if flag
    ]
    if policy.allowed_authentication:
        allowed = ", ".join(policy.allowed_authentication)
        rules.append(
            translate("CommandLine", "sign-in only with {methods}").format(methods=allowed)
        )
    if policy.pinned_certificates:
        rules.append(
            translate("CommandLine", "{count} pinned certificate(s)").format(
                count=len(policy.pinned_certificates)
            )
        )
    if rules:
        lines.append(translate("CommandLine", "  Policy: {rules}").format(rules="; ".join(rules)))
    for client in preset.oauth2_clients:
        oauth = translate("CommandLine", "  OAuth2 client for {issuer}: {client_id}")
        lines.append(oauth.format(issuer=client.issuer, client_id=client.client_id))
    return lines


def _preset_json(preset: Preset) -> dict[str, Any]:
    policy = preset.policy
    return {
        "path": str(preset.path),
        "system": preset.system,
        "organisation": preset.organisation,
        "domains": list(preset.domains),
        "servers": [
            {
                "host": s.hostname,
                "port": s.port,
                "security": s.security.value,
                "username": s.username_template,
                "authentication": list(s.authentication),
            }
            for s in preset.config.outgoing
        ],
        "locked": sorted(field.value for field in preset.locked),
        "policy": {
            "require_encryption": policy.require_encryption,
            "require_implicit_tls": policy.require_implicit_tls,
            "allowed_authentication": list(policy.allowed_authentication),
            "pinned_certificates": list(policy.pinned_certificates),
        },
        "oauth2_clients": [
            {"issuer": c.issuer, "client_id": c.client_id} for c in preset.oauth2_clients
        ],
    }


def _error_json(err: PresetError) -> dict[str, Any]:
    return {
        "file": str(err.path),
        "line": err.line,
        "problem": err.problem.value,
        "detail": err.detail,
        "message": describe_error(err),
    }


def enforce_preset(
    address: EmailAddress,
    settings: SendSettings,
    *,
    apply_locks: bool,
    oauth2: bool | None = None,
) -> SendSettings:
    """``settings`` as the organisation's preset for ``address`` allows them
    (``wizard.presets_rules.enforce``): its locked fields filled in (``apply_locks``, for
    detected settings) or refused where the user asked for something else, its policy and,
    with ``oauth2``, its sign-in methods checked (``PresetRefusedError``), and what the server
    is held to (mechanisms, pinned certificates) added."""
    return enforce(preset_for(address), address, settings, apply_locks=apply_locks, oauth2=oauth2)
