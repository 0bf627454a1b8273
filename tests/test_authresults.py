"""Reading the receiving server's verdict (Authentication-Results, DKIM-Signature) and
recognising bounces, on header blocks and reports as real servers write them."""

from __future__ import annotations

import email.policy
from email.parser import BytesHeaderParser

from wizard.delivery.authresults import DkimSignature, dkim_signature, read_verdict
from wizard.delivery.bounce import read_bounce
from wizard.smtp.envelope import xtext


def headers(text: str) -> email.message.Message:
    raw = text.strip().replace("\n", "\r\n").encode() + b"\r\n\r\n"
    return BytesHeaderParser(policy=email.policy.default).parsebytes(raw)


# The shape of a message sent to oneself through a big provider: the provider's verdict and
# ARC above the submission's Received, the DKIM signature the outgoing side added.
GMAIL_LIKE = """
Delivered-To: alice@example.com
Received: by 2002:a05:6000:1:b0:1 with SMTP id x; Mon, 7 Dec 2026 12:00:02 -0800 (PST)
ARC-Authentication-Results: i=1; mx.example.com; dkim=pass header.i=@example.com
Authentication-Results: mx.example.com;
       dkim=pass header.i=@example.com header.s=20230601 header.b=AbCd;
       spf=pass (example.com: domain of alice@example.com designates 192.0.2.1 as permitted
 sender) smtp.mailfrom=alice@example.com;
       dmarc=pass (p=NONE sp=QUARANTINE dis=NONE) header.from=example.com
Return-Path: <alice@example.com>
Received: from [192.0.2.7] by smtp.example.com with ESMTPSA id y; Mon, 7 Dec 2026 12:00:01 -0800
DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;
        d=example.com; s=20230601; t=1; x=2;
        h=subject:to:from:date:message-id; bh=abc=; b=def
From: Alice <alice@example.com>
To: alice@example.com
Authentication-Results: mx.example.com; dkim=pass; spf=pass; dmarc=pass
Message-ID: <test@example.com>
Subject: Test message from Email Setup Wizard
"""


def test_the_receiving_verdict_is_read_and_the_senders_forgery_ignored() -> None:
    verdict = read_verdict(headers(GMAIL_LIKE))

    assert verdict.authserv_id == "mx.example.com"
    assert [(r.method, r.result) for r in verdict.results] == [
        ("spf", "pass"),
        ("dkim", "pass"),
        ("dmarc", "pass"),
    ]
    dkim = verdict.result("dkim")
    assert dkim is not None
    assert dkim.get("header.s") == "20230601"
    assert verdict.signatures == (DkimSignature("example.com", "20230601"),)
    assert verdict.ignored == 1


def test_only_the_topmost_authserv_id_is_trusted() -> None:
    verdict = read_verdict(
        headers("""
Authentication-Results: mx.receiver.example; spf=fail smtp.mailfrom=a@sender.example
Authentication-Results: relay.sender.example; spf=pass smtp.mailfrom=a@sender.example; dkim=pass
Received: from relay.sender.example by mx.receiver.example with ESMTPS
Received: from client by relay.sender.example with ESMTPSA
From: a@sender.example
""")
    )

    assert verdict.authserv_id == "mx.receiver.example"
    assert [(r.method, r.result) for r in verdict.results] == [("spf", "fail")]
    assert verdict.ignored == 1


def test_no_received_header_means_nothing_is_trusted() -> None:
    verdict = read_verdict(headers("Authentication-Results: mx.example; dkim=pass\nFrom: a@b.c"))

    assert (verdict.authserv_id, verdict.results, verdict.ignored) == (None, (), 1)


def test_a_header_without_authserv_id_is_not_guessed_at() -> None:
    verdict = read_verdict(
        headers("""
Authentication-Results: spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=example.com; dkim=none
Received: from client by smtp.example.com with ESMTPSA
""")
    )

    assert (verdict.authserv_id, verdict.results, verdict.ignored) == (None, (), 1)


def test_a_dkim_signature_without_selector_is_not_a_signature() -> None:
    assert dkim_signature("v=1; a=rsa-sha256; d=example.com; b=x") is None
    assert dkim_signature(" v=1; d = Example.COM ;s= sel\r\n 2 ; b=x") == DkimSignature(
        "example.com", "sel2"
    )


DSN = b"""\
From: MAILER-DAEMON@mta.example.test (Mail Delivery System)
To: alice@example.test
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"
Message-ID: <dsn-1@mta.example.test>

--B
Content-Type: text/plain

I'm sorry to have to inform you that your message could not be delivered.

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mta.example.test
X-Postfix-Queue-ID: 4AB

Final-Recipient: rfc822; nobody@elsewhere.test
Original-Recipient: rfc822;nobody@elsewhere.test
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.elsewhere.test
Diagnostic-Code: smtp; 550 5.1.1 <nobody@elsewhere.test>: No such
    user here

--B
Content-Type: text/rfc822-headers

From: alice@example.test
To: nobody@elsewhere.test
Message-ID: <test-42@example.test>
Subject: Test message from Email Setup Wizard

--B--
"""


def test_a_dsn_about_the_test_message_is_read() -> None:
    bounce = read_bounce(DSN, "<test-42@example.test>")

    assert bounce is not None
    assert (bounce.action, bounce.status, bounce.recipient) == (
        "failed",
        "5.1.1",
        "nobody@elsewhere.test",
    )
    assert bounce.remote_mta == "mx.elsewhere.test"
    assert bounce.diagnostic == "smtp; 550 5.1.1 <nobody@elsewhere.test>: No such user here"
    assert bounce.reporting_mta == "mta.example.test"


def test_a_dsn_about_another_message_or_no_dsn_is_not_a_bounce() -> None:
    assert read_bounce(DSN, "<another@example.test>") is None
    assert (
        read_bounce(b"From: a@b.c\r\nSubject: Undelivered Mail\r\n\r\nsorry\r\n", "<x@y>") is None
    )


def test_a_dsn_is_matched_by_the_envelope_id_it_quotes_in_xtext() -> None:
    quoted = DSN.replace(
        b"X-Postfix-Queue-ID: 4AB\n", b"X-Postfix-Queue-ID: 4AB\nOriginal-Envelope-Id: id+2B1\n"
    ).replace(b"Message-ID: <test-42@example.test>\n", b"")

    assert read_bounce(quoted, "<test-42@example.test>") is None  # no copy to match by
    bounce = read_bounce(quoted, "<test-42@example.test>", envelope_id="id+1")
    assert bounce is not None
    assert (bounce.status, bounce.envelope_id) == ("5.1.1", "id+1")
    assert read_bounce(quoted, "<test-42@example.test>", envelope_id="id+2") is None


def test_an_envelope_id_is_written_as_xtext() -> None:
    assert xtext("esw-0a1b") == "esw-0a1b"
    assert xtext("a+b=c d\u00e9") == "a+2Bb+3Dc+20d+C3+A9"
