"""A scripted person at a browser, for ``$BROWSER`` in sign-in tests.

``browser.py URL`` does what ``LAB_BROWSER`` says (see ``MODES``), against the lab's
authorization server over HTTPS (trusting the lab CA through ``SSL_CERT_FILE``), and writes
what the loopback listener answered to ``LAB_BROWSER_LOG``, one JSON object per line.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import httpx

MODES = (
    "consent",  # sign in as LAB_BROWSER_USER and allow access
    "deny",  # say no
    "never",  # close the tab: never come back
    "foreign",  # another local program calls the listener with a wrong state, then consent
    "wrong-state",  # the redirect comes back with another state
    "twice",  # consent, then replay the redirect
    "injected-code",  # a code obtained for another PKCE challenge, with the right state
)


def main() -> None:
    url = sys.argv[1]
    mode = os.environ.get("LAB_BROWSER", "consent")
    user = os.environ.get("LAB_BROWSER_USER", "")
    log = os.environ["LAB_BROWSER_LOG"]
    query = parse_qs(urlsplit(url).query)
    redirect_uri = query["redirect_uri"][0]
    if mode == "never":
        return
    with httpx.Client(trust_env=False, verify=os.environ["SSL_CERT_FILE"]) as http:

        def visit(target: str) -> None:
            try:
                answer = http.get(target)
                entry = {"url": target, "status": answer.status_code, "text": answer.text}
            except httpx.ConnectError:
                entry = {"url": target, "status": None, "text": "refused"}
            with Path(log).open("a", encoding="utf-8") as file:
                file.write(json.dumps(entry) + "\n")

        if mode == "foreign":
            visit(f"{redirect_uri}?{urlencode({'code': 'stolen', 'state': 'guess'})}")
        if mode == "injected-code":
            verifier = "attacker-" * 8
            challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
            other = {k: v[0] for k, v in query.items()}
            other["code_challenge"] = challenge.rstrip(b"=").decode()
            url = urlunsplit(urlsplit(url)._replace(query=urlencode(other)))
        consent = {"user": "" if mode == "deny" else user}
        answer = http.post(url, data=consent)
        location = answer.headers["location"]
        if mode == "wrong-state":
            parts = urlsplit(location)
            fields = {k: v[0] for k, v in parse_qs(parts.query).items()}
            fields["state"] = "not-the-state"
            location = urlunsplit(parts._replace(query=urlencode(fields)))
        visit(location)
        if mode == "twice":
            visit(location)


if __name__ == "__main__":
    main()
