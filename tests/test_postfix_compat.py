"""The test send and the detection probe against a real MTA: Postfix with Dovecot SASL, the
most common self-hosted submission setup, running privately on loopback (``tests/lab/postfix``).

The scripted lab servers (``test_send.py``, ``test_probe.py``) pin down each reply on its own;
these tests check that the engine and a real server agree on what the scripts imitate: the
EHLO keywords, when AUTH is offered, the SASL exchange, the reply texts and codes.

Postfix and Dovecot come from ``scripts/install-mta.sh``, and run as root (see
``tests/postfix_fixtures.py`` for what happens without them).
"""

from __future__ import annotations

import base64
import dataclasses
from email.headerregistry import Address
from typing import Any

import aiosmtplib
import pytest

from tests.lab.postfix import DOMAIN, PostfixLab
from wizard.model import Security
from wizard.smtp.diagnosis import Diagnosis, Stage
from wizard.smtp.probe import probe_smtp
from wizard.smtp.send import SUBJECT, SendSettings, TestOutcome, send_test_message


def port_for(mta: PostfixLab, security: Security) -> int:
    return mta.ssl_port if security is Security.SSL else mta.starttls_port


async def send(
    mta: PostfixLab, security: Security, password: str | None = None, **changes: Any
) -> TestOutcome:
    """A test send as Alice, with her password unless another is given."""
    settings = SendSettings(
        host=mta.host,
        port=port_for(mta, security),
        security=security,
        username=mta.account.address,
        address=mta.account.address,
        display_name="Alice Example",
    )
    return await send_test_message(
        dataclasses.replace(settings, **changes), password or mta.account.password
    )


ENCRYPTED = [pytest.param(Security.SSL, id="ssl"), pytest.param(Security.STARTTLS, id="starttls")]


@pytest.mark.parametrize("security", ENCRYPTED)
async def test_the_test_message_is_delivered(mta: PostfixLab, security: Security) -> None:
    outcome = await send(mta, security)

    assert (outcome.ok, outcome.stage, outcome.diagnosis) == (True, Stage.DONE, None), "\n".join(
        outcome.transcript
    )
    assert outcome.username == mta.account.address
    assert outcome.reply is not None
    assert outcome.reply.code == 250
    assert "queued as" in outcome.reply.text
    assert outcome.certificate is not None
    assert outcome.certificate.verified
    [message] = mta.delivered()
    assert message["Subject"] == SUBJECT
    assert message["From"].addresses == (Address("Alice Example", addr_spec=mta.account.address),)
    assert message["To"].addresses == (Address(addr_spec=mta.account.address),)
    assert message["Message-ID"] == outcome.message_id
    # Postfix's own record of the session: authenticated (the A) over TLS (the S).
    assert " with ESMTPSA id " in message["Received"]


@pytest.mark.parametrize("security", ENCRYPTED)
async def test_a_wrong_password_is_diagnosed_and_nothing_is_sent(
    mta: PostfixLab, security: Security
) -> None:
    outcome = await send(mta, security, password="not Alice's password")

    assert (outcome.ok, outcome.stage, outcome.diagnosis) == (
        False,
        Stage.AUTH,
        Diagnosis.WRONG_PASSWORD,
    )
    assert outcome.reply is not None
    assert outcome.reply.code == 535
    assert outcome.username is None
    assert outcome.message_id is None
    assert not any(line.startswith("C: MAIL FROM") for line in outcome.transcript)
    assert mta.delivered(expected=0) == []


async def test_a_sender_other_than_the_login_is_refused(mta: PostfixLab) -> None:
    """Postfix refuses a From address the login does not own (reject_sender_login_mismatch),
    as providers do; with its default smtpd_delay_reject the refusal answers RCPT TO."""
    outcome = await send(mta, Security.SSL, address=f"mallory@{DOMAIN}")

    assert (outcome.ok, outcome.stage) == (False, Stage.SEND)
    assert outcome.reply is not None
    assert outcome.reply.code == 553
    assert "Sender address rejected" in outcome.reply.text
    assert outcome.diagnosis is Diagnosis.SENDER_REJECTED
    assert mta.delivered(expected=0) == []


async def test_auth_before_starttls_is_refused_by_postfix(mta: PostfixLab) -> None:
    """On the submission port Postfix offers no AUTH before STARTTLS, and refuses it if sent."""
    login = base64.b64encode(f"\0{mta.account.address}\0{mta.account.password}".encode())
    async with aiosmtplib.SMTP(
        hostname=mta.host, port=mta.starttls_port, use_tls=False, start_tls=False
    ) as smtp:
        await smtp.ehlo()
        assert smtp.supports_extension("starttls")
        assert not smtp.supports_extension("auth")
        reply = await smtp.execute_command(b"AUTH", b"PLAIN", login)

    assert reply.code == 530
    assert "STARTTLS" in reply.message


async def test_the_wizard_explains_that_postfix_wants_starttls_first(mta: PostfixLab) -> None:
    """Told to log in unencrypted on Postfix's submission port (allowed, even), the test send
    finds no AUTH before STARTTLS, says why, and never sends the password."""
    outcome = await send(mta, Security.NONE, allow_plaintext=True, port=mta.starttls_port)

    assert (outcome.ok, outcome.stage, outcome.diagnosis) == (
        False,
        Stage.AUTH,
        Diagnosis.STARTTLS_REQUIRED,
    )
    assert not any(line.startswith("C: AUTH") for line in outcome.transcript)


@pytest.mark.parametrize("security", ENCRYPTED)
async def test_the_probe_sees_password_logins_and_a_verified_certificate(
    mta: PostfixLab, security: Security
) -> None:
    result = await probe_smtp(mta.host, port_for(mta, security), security)

    assert result.reachable, result.detail
    assert result.greeting is not None
    assert "ESMTP" in result.greeting
    assert {"PLAIN", "LOGIN"} <= set(result.auth_mechanisms)
    assert result.certificate is not None
    assert result.certificate.verified
    assert result.verified
