"""How long ``email-setup-wizard detect`` takes in the lab, per scenario (medians).

Run inside the lab namespace (root needed)::

    tests/lab/run-in-lab .venv/bin/python -m benchmarks.detect_speed [--runs N]

Each scenario builds a small world, then runs the real command-line program N times and reports
the median wall time (what a user waits, Python start-up included) and the median time the
engine itself reported. Targets (issue 2): when a fast source has the answer, under 1 s even
with other hosts blackholed; a nonexistent domain under 1 s; no scenario waits for a deadline
it does not need (compare each median with the deadline it would otherwise hit).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tests.lab.smtp_server import SmtpBehaviour
from tests.lab.world import Lab
from wizard.model import Security

DOMAIN = "bench.test"
ADDRESS = f"alice@{DOMAIN}"
AUTOCONFIG = ("autoconfig." + DOMAIN, "/mail/config-v1.1.xml")


def config_xml(host: str, port: int, socket_type: str) -> bytes:
    return (
        f'<clientConfig version="1.1"><emailProvider id="{DOMAIN}"><domain>{DOMAIN}</domain>'
        f'<outgoingServer type="smtp"><hostname>{host}</hostname><port>{port}</port>'
        f"<socketType>{socket_type}</socketType><username>%EMAILADDRESS%</username>"
        f"<authentication>password-cleartext</authentication></outgoingServer>"
        f"</emailProvider></clientConfig>"
    ).encode()


def all_sources_answer(lab: Lab) -> None:
    lab.https(*AUTOCONFIG, config_xml(f"smtp.{DOMAIN}", 465, "SSL"))
    lab.https(
        "autoconfig.thunderbird.net", f"/v1.1/{DOMAIN}", config_xml(f"smtp.{DOMAIN}", 465, "SSL")
    )
    lab.mx(DOMAIN, f"mx.{DOMAIN}")
    lab.srv(f"_submissions._tcp.{DOMAIN}", f"smtp.{DOMAIN}", 465)
    lab.smtp(f"smtp.{DOMAIN}", 465, SmtpBehaviour(security=Security.SSL))
    lab.smtp(f"smtp.{DOMAIN}", 587, SmtpBehaviour(security=Security.STARTTLS))


def autoconfig_after_2s(lab: Lab) -> None:
    lab.https(*AUTOCONFIG, config_xml(f"smtp.{DOMAIN}", 465, "SSL"), delay=2.0)
    lab.smtp(f"smtp.{DOMAIN}", 465, SmtpBehaviour(security=Security.SSL))


def port_465_blackholed_everywhere(lab: Lab) -> None:
    lab.https(*AUTOCONFIG, config_xml(f"smtp.{DOMAIN}", 587, "STARTTLS"))
    lab.smtp(f"smtp.{DOMAIN}", 587, SmtpBehaviour(security=Security.STARTTLS))
    for host in (f"smtp.{DOMAIN}", f"mail.{DOMAIN}", DOMAIN):
        lab.host(host)
        lab.blackhole(host, 465)
        if host != f"smtp.{DOMAIN}":
            lab.blackhole(host, 587)
            lab.blackhole(host, 25)
    lab.blackhole(f"smtp.{DOMAIN}", 25)


def srv_after_2s(lab: Lab) -> None:
    lab.https(*AUTOCONFIG, config_xml(f"smtp.{DOMAIN}", 465, "SSL"))
    lab.smtp(f"smtp.{DOMAIN}", 465, SmtpBehaviour(security=Security.SSL))
    lab.srv(f"_submissions._tcp.{DOMAIN}", f"smtp.{DOMAIN}", 465)
    lab.dns.delay(f"_submissions._tcp.{DOMAIN}", 2.0)
    lab.dns.delay(f"_submission._tcp.{DOMAIN}", 2.0)


def guessed_names_resolve_after_3s(lab: Lab) -> None:
    lab.https(*AUTOCONFIG, config_xml(f"smtp.{DOMAIN}", 465, "SSL"))
    lab.smtp(f"smtp.{DOMAIN}", 465, SmtpBehaviour(security=Security.SSL))
    for host in (f"mail.{DOMAIN}", DOMAIN):
        lab.host(host)
        lab.dns.delay(host, 3.0)


def domain_does_not_exist(lab: Lab) -> None:
    del lab  # an empty world: no name resolves


SCENARIOS: dict[str, Callable[[Lab], None]] = {
    "all sources answer": all_sources_answer,
    "autoconfig answers after 2 s": autoconfig_after_2s,
    "465 blackholed on every host": port_465_blackholed_everywhere,
    "SRV answers after 2 s": srv_after_2s,
    "guessed names resolve after 3 s": guessed_names_resolve_after_3s,
    "the domain does not exist": domain_does_not_exist,
}


def run_once(program: str, lab: Lab) -> tuple[float, int, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [program, "detect", ADDRESS, "--json"],
        capture_output=True,
        text=True,
        env=lab.env(),
        timeout=60,
        check=False,
    )
    wall = time.perf_counter() - started
    document = json.loads(done.stdout)
    smtp = document["smtp"]
    answer = f"{smtp['host']}:{smtp['port']} {smtp['security']}" if smtp else "nothing"
    return wall, int(document["elapsed_ms"]), answer


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5, help="runs per scenario (default 5)")
    args = parser.parse_args()
    program = shutil.which("email-setup-wizard", path=str(Path(sys.executable).parent))
    if program is None:
        parser.error("email-setup-wizard is not installed next to this Python")
    print(f"{'scenario':32} {'wall median':>12} {'engine median':>14}  answer")
    with Lab() as lab:
        for name, build in SCENARIOS.items():
            build(lab)
            runs = [run_once(program, lab) for _ in range(args.runs)]
            lab.reset()
            wall = statistics.median(r[0] for r in runs)
            engine = statistics.median(r[1] for r in runs)
            answers = sorted({r[2] for r in runs})
            print(f"{name:32} {wall * 1000:9.0f} ms {engine:11.0f} ms  {', '.join(answers)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
