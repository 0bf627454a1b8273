"""Dead hosts behind a firewall, made with nftables inside the lab's network namespace.

A port where nothing listens answers a connection attempt with a reset at once ("refused"); a
host behind a firewall that drops packets never answers, and ``connect()`` hangs until the
client's own timeout. The engine must tell the two apart and must not wait too long on the
second, so the lab needs both. ``tc netem`` is not available here; nftables is.
"""

from __future__ import annotations

import ipaddress
import subprocess

TABLE = "wizard_lab"
_LOOPBACK = ipaddress.ip_network("127.0.0.0/8")


def blackhole(ip: str, port: int) -> None:
    """Silently drop every TCP connection attempt (SYN) to ``ip:port``."""
    if ipaddress.ip_address(ip) not in _LOOPBACK:
        raise ValueError(f"{ip}: the lab only ever touches 127.0.0.0/8")
    _nft(
        f"add table inet {TABLE}\n"
        f"add chain inet {TABLE} output {{ type filter hook output priority 0; policy accept; }}\n"
        f"add rule inet {TABLE} output ip daddr {ip} tcp dport {port} tcp flags syn drop\n"
    )


def clear() -> None:
    """Remove every blackhole (adding the table first makes deleting it always succeed)."""
    _nft(f"add table inet {TABLE}\ndelete table inet {TABLE}\n")


def _nft(script: str) -> None:
    result = subprocess.run(
        ["nft", "-f", "-"], input=script, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"nft failed: {result.stderr.strip()}\n{script}")
