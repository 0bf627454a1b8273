"""The sender domain's health against lab DNS and HTTPS: SPF evaluated for the outgoing
server's addresses, DMARC, DKIM, MTA-STS, TLS-RPT and DANE, each finding as the user reads it.

Every test runs the real check (checkdmarc and pyspf through the system resolver, which is the
lab's DNS) and asserts the findings' codes and the sentence a helpdesk reads.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.lab.certs import CertKind
from tests.lab.world import Lab
from wizard.domaincheck.check import check_domain
from wizard.domaincheck.context import DomainDeadlines
from wizard.domaincheck.model import (
    Check,
    DomainHealth,
    FindingCode,
    Severity,
    StepStatus,
)
from wizard.messages import describe_finding
from wizard.runtime import run

pytestmark = pytest.mark.lab

DOMAIN = "example.test"
SERVER = "smtp.hoster.test"
FAST = DomainDeadlines(total=6.0, dns=2.0, https=2.0)
POLICY_PATH = "/.well-known/mta-sts.txt"


def txt(lab: Lab, name: str, text: str) -> None:
    """A TXT record, split into strings of at most 255 bytes as DNS requires."""
    chunks = [text[i : i + 255] for i in range(0, len(text), 255)]
    lab.dns.add(name, "TXT", " ".join(f'"{chunk}"' for chunk in chunks))


def check(
    server: str | None = SERVER,
    selectors: tuple[str, ...] = (),
    deadlines: DomainDeadlines = FAST,
) -> DomainHealth:
    # wizard.runtime.run, as the CLI does: a library thread still waiting on a lookup when the
    # check's deadline ends it never holds up the caller.
    return run(check_domain(DOMAIN, server=server, dkim_selectors=selectors, deadlines=deadlines))


def codes(health: DomainHealth, check_: Check) -> list[FindingCode]:
    return [f.code for f in health.findings if f.check is check_]


def sentence(health: DomainHealth, code: FindingCode) -> str:
    return describe_finding(next(f for f in health.findings if f.code is code), health.domain)


# -- SPF --------------------------------------------------------------------------------------


def test_spf_that_authorises_the_server_passes(lab: Lab) -> None:
    ip = lab.host(SERVER)
    txt(lab, DOMAIN, "v=spf1 include:_spf.hoster.test -all")
    txt(lab, "_spf.hoster.test", f"v=spf1 ip4:{ip} -all")
    health = check()
    assert codes(health, Check.SPF) == [FindingCode.SPF_RECORD, FindingCode.SPF_AUTHORISED]
    assert health.server_addresses == (ip,)
    assert f"allows mail sent through {SERVER} ({ip})" in sentence(
        health, FindingCode.SPF_AUTHORISED
    )
    assert "(2 of 10 DNS lookups)" not in sentence(health, FindingCode.SPF_RECORD)
    assert "(1 of 10 DNS lookups)" in sentence(health, FindingCode.SPF_RECORD)
    assert health.complete


def test_spf_that_leaves_the_server_out_fails_and_names_the_include_to_add(lab: Lab) -> None:
    ip = lab.host(SERVER)
    txt(lab, DOMAIN, "v=spf1 ip4:192.0.2.1 -all")
    txt(lab, "_spf.hoster.test", f"v=spf1 ip4:{ip} -all")
    health = check()
    found = next(f for f in health.findings if f.code is FindingCode.SPF_NOT_AUTHORISED)
    assert found.severity is Severity.PROBLEM
    assert found.value("result") == "fail"
    text = sentence(health, FindingCode.SPF_NOT_AUTHORISED)
    assert f"Mail you send through {SERVER} may be marked as spam" in text
    assert "Add “include:_spf.hoster.test” to example.test's SPF record." in text
    assert health.verdict is Severity.PROBLEM


@pytest.mark.parametrize(
    ("server", "mechanism"), [("127.0.9.9", "ip4"), ("::1", "ip6")], ids=["ipv4", "ipv6"]
)
def test_a_server_given_by_its_address_is_evaluated_at_that_address(
    lab: Lab, server: str, mechanism: str
) -> None:
    """An account set up with the server's IP address (an office relay), or --server with one:
    SPF is evaluated for that address, not looked up as if it were a name that has none."""
    txt(lab, DOMAIN, f"v=spf1 {mechanism}:{server} -all")

    health = check(server=server)

    assert health.server_addresses == (server,)
    assert codes(health, Check.SPF) == [FindingCode.SPF_RECORD, FindingCode.SPF_AUTHORISED]
    assert f"allows mail sent through {server} ({server})" in sentence(
        health, FindingCode.SPF_AUTHORISED
    )
    lab.dns.clear()
    txt(lab, DOMAIN, "v=spf1 ip4:192.0.2.1 ip6:2001:db8::1 -all")

    refused = check(server=server)

    assert FindingCode.SPF_NOT_AUTHORISED in codes(refused, Check.SPF)
    assert refused.server_addresses == (server,)
    # Nothing was looked up but the domain's own records (DMARC's also at its parent): not the
    # address as if it were a name, nor a provider's SPF record "_spf.9.9" for its last numbers.
    asked = {q.name for q in lab.dns_queries}
    assert {name for name in asked if not name.endswith(DOMAIN)} <= {"_dmarc.test"}


def test_softfail_is_a_warning(lab: Lab) -> None:
    lab.host(SERVER)
    txt(lab, DOMAIN, "v=spf1 ip4:192.0.2.1 ~all")
    found = next(f for f in check().findings if f.code is FindingCode.SPF_NOT_AUTHORISED)
    assert found.severity is Severity.WARNING
    assert found.value("result") == "softfail"
    assert found.value("suggestion") == ""  # the hoster publishes nothing to include


def test_too_many_lookups_is_a_permanent_error(lab: Lab) -> None:
    lab.host(SERVER)
    includes = " ".join(f"include:n{i}.hoster.test" for i in range(11))
    txt(lab, DOMAIN, f"v=spf1 {includes} -all")
    for i in range(11):
        txt(lab, f"n{i}.hoster.test", "v=spf1 ip4:192.0.2.1 -all")
    health = check()
    assert codes(health, Check.SPF) == [FindingCode.SPF_TOO_MANY_LOOKUPS]
    assert "needs 11 DNS lookups; receivers stop at 10" in sentence(
        health, FindingCode.SPF_TOO_MANY_LOOKUPS
    )


def test_several_spf_records_are_reported(lab: Lab) -> None:
    lab.host(SERVER)
    txt(lab, DOMAIN, "v=spf1 ip4:192.0.2.1 -all")
    txt(lab, DOMAIN, "v=spf1 ip4:192.0.2.2 -all")
    health = check()
    assert codes(health, Check.SPF) == [FindingCode.SPF_MULTIPLE]
    assert "has several SPF records" in sentence(health, FindingCode.SPF_MULTIPLE)


def test_a_missing_spf_record_is_a_warning(lab: Lab) -> None:
    lab.host(SERVER)
    lab.mx(DOMAIN, "mx.example.test")
    health = check()
    assert codes(health, Check.SPF) == [FindingCode.SPF_MISSING]
    assert health.verdict is Severity.WARNING


# -- DMARC and DKIM ---------------------------------------------------------------------------


def test_dmarc_reject_with_a_server_spf_does_not_cover(lab: Lab) -> None:
    lab.host(SERVER)
    txt(lab, DOMAIN, "v=spf1 ip4:192.0.2.1 -all")
    txt(lab, f"_dmarc.{DOMAIN}", "v=DMARC1; p=reject; aspf=s")
    health = check()
    assert FindingCode.DMARC_POLICY in codes(health, Check.DMARC)
    assert "DMARC policy p=reject" in sentence(health, FindingCode.DMARC_POLICY)
    assert "alignment SPF s" in sentence(health, FindingCode.DMARC_POLICY)
    text = sentence(health, FindingCode.DMARC_REJECTS)
    assert "tells receivers to refuse mail that fails authentication" in text
    assert f"SPF does not vouch for {SERVER}" in text


def test_a_dkim_key_softens_dmarc_to_a_warning(lab: Lab) -> None:
    lab.host(SERVER)
    txt(lab, DOMAIN, "v=spf1 ip4:192.0.2.1 -all")
    txt(lab, f"_dmarc.{DOMAIN}", "v=DMARC1; p=quarantine")
    txt(lab, f"hoster2026._domainkey.{DOMAIN}", "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEB")
    health = check(selectors=("hoster2026",))
    assert "(selectors: hoster2026)" in sentence(health, FindingCode.DKIM_FOUND)
    found = next(f for f in health.findings if f.code is FindingCode.DMARC_DEPENDS_ON_DKIM)
    assert found.severity is Severity.WARNING


def test_dkim_explains_that_a_selector_is_needed(lab: Lab) -> None:
    lab.host("smtp.gmail.com")
    health = run(check_domain(DOMAIN, server="smtp.gmail.com", deadlines=FAST))
    text = sentence(health, FindingCode.DKIM_NOT_FOUND)
    assert "google" in text  # the provider's own selector was tried
    assert "--dkim-selector" in text


# -- MTA-STS, TLS-RPT, DANE -------------------------------------------------------------------


def mta_sts(lab: Lab, policy: str, *, cert: CertKind = CertKind.VALID) -> None:
    lab.mx(DOMAIN, "mx1.example.test")
    txt(lab, f"_mta-sts.{DOMAIN}", "v=STSv1; id=20261207")
    lab.https(f"mta-sts.{DOMAIN}", POLICY_PATH, policy, cert=cert, content_type="text/plain")


def test_a_good_mta_sts_policy_covers_the_mx_hosts(lab: Lab) -> None:
    mta_sts(lab, "version: STSv1\nmode: enforce\nmx: *.example.test\nmax_age: 86400\n")
    txt(lab, f"_smtp._tls.{DOMAIN}", "v=TLSRPTv1; rua=mailto:tls@example.test")
    health = check(server=None)
    assert codes(health, Check.MTA_STS) == [FindingCode.MTA_STS_POLICY]
    assert "mode “enforce” for the mail hosts *.example.test" in sentence(
        health, FindingCode.MTA_STS_POLICY
    )
    assert codes(health, Check.TLS_RPT) == [FindingCode.TLS_RPT_FOUND]
    assert "mailto:tls@example.test" in sentence(health, FindingCode.TLS_RPT_FOUND)
    assert [r.url for r in lab.requests] == [f"https://mta-sts.{DOMAIN}{POLICY_PATH}"]


def test_a_policy_that_leaves_out_an_mx_host_is_a_problem(lab: Lab) -> None:
    mta_sts(lab, "version: STSv1\nmode: enforce\nmx: mail.elsewhere.test\nmax_age: 86400\n")
    health = check(server=None)
    found = next(f for f in health.findings if f.code is FindingCode.MTA_STS_MX_NOT_COVERED)
    assert found.severity is Severity.PROBLEM
    assert found.value("hosts") == "mx1.example.test"


def test_a_policy_behind_a_bad_certificate_cannot_be_used(lab: Lab) -> None:
    mta_sts(lab, "version: STSv1\nmode: enforce\n", cert=CertKind.WRONG_HOST)
    health = check(server=None)
    found = next(f for f in health.findings if f.check is Check.MTA_STS)
    assert found.code is FindingCode.MTA_STS_POLICY_UNREACHABLE
    assert "certificate" in sentence(health, found.code)


def test_a_redirected_policy_fetch_is_not_followed(lab: Lab) -> None:
    """RFC 8461, 3.3: senders must not follow a redirect of the policy fetch, so the check
    neither does (the place it points to is never asked) nor takes the policy found there."""
    elsewhere = "https://policies.elsewhere.test/mta-sts.txt"
    lab.mx(DOMAIN, "mx1.example.test")
    txt(lab, f"_mta-sts.{DOMAIN}", "v=STSv1; id=20261207")
    lab.https(f"mta-sts.{DOMAIN}", POLICY_PATH, "", status=301, headers={"Location": elsewhere})
    good = "version: STSv1\nmode: enforce\nmx: *.example.test\nmax_age: 86400\n"
    lab.https("policies.elsewhere.test", "/mta-sts.txt", good, content_type="text/plain")

    health = check(server=None)

    assert [r.url for r in lab.requests] == [f"https://mta-sts.{DOMAIN}{POLICY_PATH}"]
    assert codes(health, Check.MTA_STS) == [FindingCode.MTA_STS_POLICY_UNREACHABLE]
    said = sentence(health, FindingCode.MTA_STS_POLICY_UNREACHABLE)
    assert f"redirected to {elsewhere}, not followed" in said


def test_a_broken_policy_is_reported(lab: Lab) -> None:
    mta_sts(lab, "version: STSv1\nmode: sometimes\nmax_age: 86400\n")
    health = check(server=None)
    assert codes(health, Check.MTA_STS) == [FindingCode.MTA_STS_POLICY_INVALID]


def test_tlsa_records_validated_by_dnssec(lab: Lab) -> None:
    lab.mx(DOMAIN, "mx1.example.test")
    lab.dns.add("_25._tcp.mx1.example.test", "TLSA", "3 1 1 " + "ab" * 32)
    lab.dns.sign(DOMAIN)
    health = check(server=None)
    assert codes(health, Check.DANE) == [FindingCode.DANE_SECURE]


def test_tlsa_records_without_dnssec_are_ignored_by_senders(lab: Lab) -> None:
    lab.mx(DOMAIN, "mx1.example.test")
    lab.dns.add("_25._tcp.mx1.example.test", "TLSA", "3 1 1 " + "ab" * 32)
    health = check(server=None)
    assert codes(health, Check.DANE) == [FindingCode.DANE_UNSIGNED]


def test_no_tlsa_records(lab: Lab) -> None:
    lab.mx(DOMAIN, "mx1.example.test")
    lab.dns.sign(DOMAIN)
    health = check(server=None)
    assert codes(health, Check.DANE) == [FindingCode.DANE_ABSENT]
    assert codes(health, Check.MTA_STS) == [FindingCode.MTA_STS_NONE]
    assert codes(health, Check.TLS_RPT) == [FindingCode.TLS_RPT_NONE]


# -- time limits ------------------------------------------------------------------------------


def test_a_slow_dns_server_cannot_hold_the_check_past_its_cap(lab: Lab) -> None:
    ip = lab.host(SERVER)
    txt(lab, DOMAIN, f"v=spf1 ip4:{ip} -all")
    txt(lab, f"_dmarc.{DOMAIN}", "v=DMARC1; p=none")
    lab.dns.delay(f"_dmarc.{DOMAIN}", 60)
    # Each DNS question may take 5 s, but the whole check only 1.5 s: the cap ends it.
    health = check(deadlines=DomainDeadlines(total=1.5, dns=5.0, https=1.0))
    steps = {step.check: step for step in health.steps}
    assert steps[Check.DMARC].status is StepStatus.TIMEOUT
    assert steps[Check.DMARC].detail == "out of time"
    assert steps[Check.SPF].status is StepStatus.DONE
    assert FindingCode.SPF_AUTHORISED in codes(health, Check.SPF)
    assert codes(health, Check.DMARC) == [FindingCode.TIMED_OUT]
    assert not health.complete


def test_a_dns_deadline_ends_one_step_only(lab: Lab) -> None:
    lab.host(SERVER)
    txt(lab, f"_dmarc.{DOMAIN}", "v=DMARC1; p=none")
    lab.dns.delay(f"_dmarc.{DOMAIN}", 60)
    health = check(deadlines=DomainDeadlines(total=6.0, dns=1.0, https=1.0))
    steps = {step.check: step for step in health.steps}
    assert steps[Check.DMARC].status is StepStatus.TIMEOUT
    assert steps[Check.DMARC].detail != "out of time"  # its own DNS deadline ended it
    assert steps[Check.SPF].status is StepStatus.DONE


# -- the command ------------------------------------------------------------------------------


def test_the_command_prints_findings_and_json(lab: Lab) -> None:
    ip = lab.host(SERVER)
    txt(lab, DOMAIN, "v=spf1 ip4:192.0.2.1 -all")
    txt(lab, f"_dmarc.{DOMAIN}", "v=DMARC1; p=reject")
    command = [sys.executable, "-m", "wizard", "domain-check", f"alice@{DOMAIN}"]
    command += ["--server", SERVER]
    readable = subprocess.run(command, capture_output=True, text=True, env=lab.env(), check=False)
    assert readable.returncode == 0, readable.stderr
    assert "Sender domain example.test" in readable.stdout
    assert f"[X] SPF (who may send): Mail you send through {SERVER}" in readable.stdout
    assert "Verdict:" in readable.stdout
    result = subprocess.run(
        [*command, "--json"], capture_output=True, text=True, env=lab.env(), check=False
    )
    document = json.loads(result.stdout)
    assert document["verdict"] == "problem"
    assert document["server_addresses"] == [ip]
    assert "spf-not-authorised" in [f["code"] for f in document["findings"]]
    assert {s["check"] for s in document["steps"]} == {c.value for c in Check}


_CONNECTIONS: list[object] = []
_WATCHING: list[bool] = []


def _audit(event: str, args: tuple[object, ...]) -> None:
    if _WATCHING and event in ("socket.connect", "socket.sendto"):
        _CONNECTIONS.append(args[-1])


def test_the_check_talks_to_nobody_but_the_lab(lab: Lab) -> None:
    """checkdmarc ships a list of public resolvers and can do DNS over HTTPS; neither may be
    used. Every address any thread connects or sends to during a full check is the lab's."""
    ip = lab.host(SERVER)
    txt(lab, DOMAIN, f"v=spf1 ip4:{ip} -all")
    txt(lab, f"_dmarc.{DOMAIN}", "v=DMARC1; p=reject; rua=mailto:d@example.test")
    mta_sts(lab, "version: STSv1\nmode: enforce\nmx: mx1.example.test\nmax_age: 86400\n")
    sys.addaudithook(_audit)  # hooks cannot be removed: this one only records while watching
    _WATCHING.append(True)
    try:
        health = check()
    finally:
        _WATCHING.clear()
    assert health.complete
    hosts = {str(address[0]) for address in _CONNECTIONS if isinstance(address, tuple)}
    assert hosts, "no connection was seen: the audit hook did not work"
    assert all(host.startswith("127.") for host in hosts), hosts


def test_control_characters_in_records_are_shown_not_obeyed(lab: Lab) -> None:
    """A record is written by whoever controls the DNS: an escape sequence in it must not
    clear the helpdesk's terminal or forge a line of the output."""
    lab.host(SERVER)
    lab.dns.add(DOMAIN, "TXT", '"v=spf1 ip4:192.0.2.1 \\027[2J\\010-all"')
    command = [sys.executable, "-m", "wizard", "domain-check", f"alice@{DOMAIN}"]
    command += ["--server", SERVER]
    shown = subprocess.run(command, capture_output=True, text=True, env=lab.env(), check=False)
    assert shown.returncode == 0, shown.stderr
    assert "\x1b" not in shown.stdout and "\b" not in shown.stdout
    assert "\\e[2J" in shown.stdout
