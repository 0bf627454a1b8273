"""A certificate the command line refuses is told as a person understands it: the day it
expired, written as the user's locale writes days (ISO 8601 under the C locale), and in the
user's language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.lab.certs import WRONG_HOST, CertKind
from tests.lab.world import Lab
from tests.test_cli_accounts import GERMAN, PASSWORD, autoconfig, run, smtp_server

pytestmark = pytest.mark.usefixtures("private_keychain")

C_LOCALE = {"LANG": "C.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_TIME": "", "LC_MESSAGES": ""}
AMERICAN = {**C_LOCALE, "LANG": "en_US.UTF-8"}


def _setup(lab: Lab, config_home: Path, domain: str, env: dict[str, str]) -> str:
    """What ``setup`` says on its error output; it must refuse the certificate."""
    done = run(
        lab,
        config_home,
        "setup",
        f"alice@{domain}",
        "--yes",
        "--password-stdin",
        stdin=PASSWORD + "\n",
        env=env,
    )
    assert done.returncode == 4
    return done.stderr


@pytest.mark.parametrize(
    ("env", "said"),
    [
        pytest.param(C_LOCALE, r"The certificate expired on \d{4}-\d\d-\d\d\.", id="C"),
        pytest.param(AMERICAN, r"The certificate expired on \d\d?/\d\d?/\d{4}\.", id="en_US"),
        pytest.param(
            {**GERMAN, "LC_TIME": ""},
            r"Das Zertifikat ist am \d\d\.\d\d\.\d{4} abgelaufen\.",
            id="de_DE",
        ),
    ],
)
def test_an_expired_certificate_says_since_when(
    lab: Lab, config_home: Path, domain: str, env: dict[str, str], said: str
) -> None:
    autoconfig(lab, domain)
    server = smtp_server(lab, domain, cert=CertKind.EXPIRED)

    stderr = _setup(lab, config_home, domain, env)

    assert re.search(said, stderr), stderr
    assert server.auth_attempts == []


def test_a_certificate_for_another_name_names_both(
    lab: Lab, config_home: Path, domain: str
) -> None:
    autoconfig(lab, domain)
    smtp_server(lab, domain, cert=CertKind.WRONG_HOST)

    stderr = _setup(lab, config_home, domain, GERMAN)

    said = f"Das Zertifikat wurde für {WRONG_HOST} ausgestellt, nicht für smtp.{domain}."
    assert said in stderr, stderr
