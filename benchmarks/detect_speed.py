"""How long ``email-setup-wizard detect`` takes in the lab, per situation (medians).

Each situation builds a small world, then runs the real command-line program several times and
reports the median wall time: what a user waits, Python's start-up included. The targets are
issue 12's: the right answer fast even when a port is dropped, silent or dripping; a server
that greets after 6 s still found; a nonexistent domain and a case where every source answers
at once in a blink. ``benchmarks/run.py`` prints them with the start-up measurements.
"""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass

from benchmarks.measure import Measurement, measure, program
from tests.lab.smtp_server import SmtpBehaviour
from tests.lab.world import Lab
from wizard.model import Security

DOMAIN = "bench.test"
ADDRESS = f"alice@{DOMAIN}"
AUTOCONFIG = ("autoconfig." + DOMAIN, "/mail/config-v1.1.xml")
GUESSED = (f"smtp.{DOMAIN}", f"mail.{DOMAIN}", DOMAIN)
SUBMISSION = f"smtp.{DOMAIN}:587 starttls"
IMPLICIT_TLS = f"smtp.{DOMAIN}:465 ssl"


def config_xml(host: str, port: int, socket_type: str) -> bytes:
    return (
        f'<clientConfig version="1.1"><emailProvider id="{DOMAIN}"><domain>{DOMAIN}</domain>'
        f'<outgoingServer type="smtp"><hostname>{host}</hostname><port>{port}</port>'
        f"<socketType>{socket_type}</socketType><username>%EMAILADDRESS%</username>"
        f"<authentication>password-cleartext</authentication></outgoingServer>"
        f"</emailProvider></clientConfig>"
    ).encode()


def submission_server(lab: Lab, greeting_delay: float = 0.0) -> None:
    behaviour = SmtpBehaviour(security=Security.STARTTLS, greeting_delay=greeting_delay)
    lab.smtp(f"smtp.{DOMAIN}", 587, behaviour)


# -- issue 12's situations: only guessing finds anything unless stated ----------------------


def dropped_465(lab: Lab) -> None:
    for host in GUESSED:
        lab.host(host)
        lab.blackhole(host, 465)
    submission_server(lab)


def silent_465(lab: Lab) -> None:
    lab.smtp(f"smtp.{DOMAIN}", 465, SmtpBehaviour(security=Security.SSL, silent=True))
    submission_server(lab)


def dripping_465(lab: Lab) -> None:
    """TLS completes, then the greeting comes one byte a second (for 20 s and more)."""
    lab.smtp(f"smtp.{DOMAIN}", 465, SmtpBehaviour(security=Security.SSL, greeting_drip=1.0))
    submission_server(lab)


def autoconfig_names_dropped_465(lab: Lab) -> None:
    lab.https(*AUTOCONFIG, config_xml(f"smtp.{DOMAIN}", 465, "SSL"))
    lab.host(f"smtp.{DOMAIN}")
    lab.blackhole(f"smtp.{DOMAIN}", 465)
    submission_server(lab)


def greeting_after_6s(lab: Lab) -> None:
    submission_server(lab, greeting_delay=6.0)


def domain_does_not_exist(lab: Lab) -> None:
    del lab  # an empty world: no name resolves


def all_sources_answer(lab: Lab) -> None:
    lab.https(*AUTOCONFIG, config_xml(f"smtp.{DOMAIN}", 465, "SSL"))
    lab.https(
        "autoconfig.thunderbird.net", f"/v1.1/{DOMAIN}", config_xml(f"smtp.{DOMAIN}", 465, "SSL")
    )
    lab.mx(DOMAIN, f"mx.{DOMAIN}")
    lab.srv(f"_submissions._tcp.{DOMAIN}", f"smtp.{DOMAIN}", 465)
    lab.smtp(f"smtp.{DOMAIN}", 465, SmtpBehaviour(security=Security.SSL))
    submission_server(lab)


# -- slow sources whose answer is not needed, or is worth its wait ---------------------------


def autoconfig_after_2s(lab: Lab) -> None:
    lab.https(*AUTOCONFIG, config_xml(f"smtp.{DOMAIN}", 465, "SSL"), delay=2.0)
    lab.smtp(f"smtp.{DOMAIN}", 465, SmtpBehaviour(security=Security.SSL))


def srv_after_2s(lab: Lab) -> None:
    lab.https(*AUTOCONFIG, config_xml(f"smtp.{DOMAIN}", 465, "SSL"))
    lab.smtp(f"smtp.{DOMAIN}", 465, SmtpBehaviour(security=Security.SSL))
    lab.srv(f"_submissions._tcp.{DOMAIN}", f"smtp.{DOMAIN}", 465)
    lab.dns.delay(f"_submissions._tcp.{DOMAIN}", 2.0)
    lab.dns.delay(f"_submission._tcp.{DOMAIN}", 2.0)


def guessed_names_resolve_after_3s(lab: Lab) -> None:
    lab.https(*AUTOCONFIG, config_xml(f"smtp.{DOMAIN}", 465, "SSL"))
    lab.smtp(f"smtp.{DOMAIN}", 465, SmtpBehaviour(security=Security.SSL))
    for host in GUESSED[1:]:
        lab.host(host)
        lab.dns.delay(host, 3.0)


@dataclass(frozen=True)
class Scenario:
    name: str
    build: Callable[[Lab], None]
    target: float  # seconds of wall time, median
    answer: str  # the settings the program must print ("nothing": none)


SCENARIOS = (
    Scenario("465 dropped on every guessed host", dropped_465, 1.0, SUBMISSION),
    Scenario("465 connects, never speaks", silent_465, 1.0, SUBMISSION),
    Scenario("465 drips its greeting, 1 byte/s", dripping_465, 1.0, SUBMISSION),
    Scenario("autoconfig names 465, dropped", autoconfig_names_dropped_465, 1.0, SUBMISSION),
    Scenario("the only server greets after 6 s", greeting_after_6s, 6.5, SUBMISSION),
    Scenario("the domain does not exist", domain_does_not_exist, 0.3, "nothing"),
    Scenario("every source answers at once", all_sources_answer, 0.15, IMPLICIT_TLS),
    Scenario("autoconfig answers after 2 s", autoconfig_after_2s, 2.5, IMPLICIT_TLS),
    Scenario("SRV (not needed) answers after 2 s", srv_after_2s, 1.0, IMPLICIT_TLS),
    Scenario("unneeded names resolve after 3 s", guessed_names_resolve_after_3s, 1.0, IMPLICIT_TLS),
)


def run_once(lab: Lab) -> tuple[float, str]:
    """One run of ``detect --json``: its wall time and the answer it printed."""
    started = time.perf_counter()
    done = subprocess.run(
        [program(), "detect", ADDRESS, "--json"],
        capture_output=True,
        text=True,
        env=lab.env(),
        timeout=60,
        check=False,
    )
    wall = time.perf_counter() - started
    smtp = json.loads(done.stdout)["smtp"]
    return wall, f"{smtp['host']}:{smtp['port']} {smtp['security']}" if smtp else "nothing"


def measure_detection(lab: Lab, runs: int) -> list[Measurement]:
    results = []
    for scenario in SCENARIOS:
        scenario.build(lab)
        try:
            results.append(measure(scenario.name, scenario.target, runs, lambda: run_once(lab)))
        finally:
            lab.reset()
        answers = set(results[-1].answers)
        if answers != {scenario.answer}:
            results[-1] = results[-1].wrong(f"expected {scenario.answer}")
    return results
