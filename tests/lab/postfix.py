"""A private Postfix with Dovecot (SASL and IMAP) on loopback: the real-MTA tests.

The lab's scripted aiosmtpd servers show each reply in isolation; this is the most common
self-hosted submission setup as it really runs (Postfix's smtpd asking Dovecot's auth service),
so that the engine and a real server are seen to agree on the details: when AUTH is offered,
which mechanisms, STARTTLS, the exact reply texts.

Everything lives in one temporary directory (configuration, queue, Dovecot's runtime files,
the mailbox) and listens only on 127.0.0.1, on ports the OS reports free. Only the binaries come
from the system (``scripts/install-mta.sh`` installs them without any system configuration).
Postfix's ``master`` and Dovecot run in the foreground, not through ``postfix start``: the
``postfix`` wrapper script insists on a system-wide ``/etc/postfix/main.cf`` (there is none
without a system configuration) and spends two seconds checking the installation. Each runs as
the first process of a PID namespace of its own (``unshare --pid``), so it reaps its own
children and, when it exits, the kernel ends whatever is left of them: nothing outlives
``stop()``, not even a zombie waiting for an init that reaps slowly (as in some containers).

Mail never leaves: only logged-in clients may send at all, the test domain is delivered into
a Maildir here, and every other transport is Postfix's ``error`` transport, so a message for
anywhere else bounces back to its sender.

Dovecot also serves those Maildirs over IMAP (implicit TLS and STARTTLS), for the delivery
confirmation. Both it and Postfix (on ``oauth_port``, through Dovecot's SASL) also take OAuth2
access tokens (XOAUTH2, OAUTHBEARER) of the lab's authorization server at ``ISSUER_HOST``,
whose RFC 7662 introspection endpoint Dovecot's ``oauth2`` password database asks, over HTTPS
with the lab's CA (``trust_issuer``): a token must carry ``IMAP_SCOPE`` to read the mailbox
and ``SMTP_SCOPE`` to send, as Microsoft's do. On ``NO_IDLE_IP`` it offers no IDLE, and
``record_imap`` shows what a client sent it.

Each of the lab's mailboxes (``MAILBOXES``) stands for one way a receiving side treats a
message sent to it: filed in the Inbox or in Junk, silently dropped, and with which
``Authentication-Results`` the receiving server adds (Postfix prepends it, as a milter would,
above its own ``Received`` header) or a sending side slips in among the message's own headers
(a Postfix header check puts it there).
"""

from __future__ import annotations

import contextlib
import email.policy
import grp
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from email.parser import BytesParser
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import trustme

from .oauth_server import PATHS as OAUTH_PATHS
from .oauth_server import RESOURCE_SERVER

if TYPE_CHECKING:
    from collections.abc import Callable
    from email.message import EmailMessage

INSTALL_SCRIPT = "scripts/install-mta.sh"
DOMAIN = "example.test"
LOOPBACK = "127.0.0.1"
_START_TIMEOUT = 10.0
_STOP_TIMEOUT = 10.0
_POLL_INTERVAL = 0.02
# Postfix's queue layout (its postfix-files list): directories of the mail owner, private to
# it. Only the directory master writes its pid into belongs to root.
_QUEUE_DIRECTORIES = (
    "active", "bounce", "corrupt", "defer", "deferred", "flush", "hold", "incoming", "maildrop",
    "private", "public", "saved", "trace",
)  # fmt: skip
# Those a message sits in until it is delivered or bounced.
_QUEUES = ("maildrop", "incoming", "active", "deferred", "hold")
# Mailboxes besides Alice's that mail can be delivered to (no login), by folder: recipients for
# tests of several addresses at once, and one that needs SMTPUTF8.
RECIPIENTS = {f"bob@{DOMAIN}": "bob", f"carol@{DOMAIN}": "carol", f"jörg@{DOMAIN}": "joerg"}


class MtaUnavailable(RuntimeError):
    """Postfix or Dovecot cannot be run here; the message says what to do about it."""


class MtaMissing(MtaUnavailable):
    """What the lab needs is not here at all: root, the programs, their users."""


@dataclass(frozen=True)
class Account:
    """A mailbox's login, and its password in Dovecot's password file."""

    address: str
    password: str


class Filing(StrEnum):
    """Where the receiving side puts a message for a mailbox."""

    INBOX = "inbox"
    JUNK = "junk"  # straight into the Junk folder, as a spam filter would
    DROP = "drop"  # nowhere: a relay that silently drops it


@dataclass(frozen=True)
class Mailbox:
    """One of the lab's mailboxes and how the receiving side treats mail sent to it.

    ``verdict`` is what the receiving server writes after its authserv-id in the
    Authentication-Results it adds (None: it adds none); ``signed`` adds the outgoing
    server's DKIM-Signature; ``forged`` is an Authentication-Results value that the sending
    side slips in among the message's own headers, claiming the receiving server's id.
    """

    name: str
    filing: Filing = Filing.INBOX
    verdict: str | None = None
    signed: bool = False
    forged: str | None = None

    @property
    def address(self) -> str:
        return f"{self.name}@{DOMAIN}"


FAR_RECIPIENT = "nobody@elsewhere.test"  # mail for it is accepted, then bounces
AUTHSERV_ID = f"mta.{DOMAIN}"  # the receiving server's name in its Authentication-Results
DKIM_SELECTOR = "lab2026"
MAILBOXES = (
    Mailbox(
        "alice",
        verdict=f"spf=pass smtp.mailfrom=alice@{DOMAIN}; "
        f"dkim=pass header.d={DOMAIN} header.s={DKIM_SELECTOR}; "
        f"dmarc=pass header.from={DOMAIN}; arc=none",
        signed=True,
    ),
    Mailbox(
        "frank",
        Filing.JUNK,
        verdict=f"spf=softfail smtp.mailfrom=frank@{DOMAIN}; "
        f'dkim=fail reason="signature did not verify" header.d={DOMAIN}; '
        f"dmarc=fail header.from={DOMAIN}",
        signed=True,
    ),
    Mailbox("grace", Filing.DROP),
    Mailbox("dave", forged=f"spf=pass; dkim=pass header.d={DOMAIN}; dmarc=pass"),
    Mailbox(
        "erin",
        verdict=f"spf=none smtp.mailfrom=erin@{DOMAIN}; dkim=none; dmarc=none header.from={DOMAIN}",
        forged=f"spf=pass; dkim=pass header.d={DOMAIN}; dmarc=pass",
    ),
)
PASSWORD = "correct horse battery staple"  # every lab mailbox's
# The lab's authorization server whose tokens Postfix and Dovecot take, at an address outside
# the lab's pool of fresh ones, so that it is the same in every test (Dovecot's HTTP client
# keeps what it resolved).
ISSUER_HOST = f"auth.{DOMAIN}"
ISSUER_IP = "127.1.0.1"
# Dovecot's IMAP on this address too (imaps_port; its certificate names it) offers no IDLE, as
# some servers do not: clients must look again from time to time.
NO_IDLE_IP = "127.1.0.2"
# What Dovecot offers there, before and after login: its usual list without IDLE.
NO_IDLE_CAPABILITY = (
    "IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE LITERAL+ NAMESPACE CHILDREN UNSELECT "
    "UIDPLUS MOVE ESEARCH SPECIAL-USE"
)
IMAP_SCOPE = "imap"  # what reading the mailbox needs
SMTP_SCOPE = "smtp"  # what sending needs


@dataclass(frozen=True)
class _System:
    """What the lab takes from the machine: programs and the users the packages created."""

    unshare: Path
    postfix_master: Path
    dovecot: Path
    doveadm: Path
    postfix_uid: int
    postfix_gid: int
    dovecot_gid: int


class PostfixLab:
    """A running private Postfix (submissions and submission ports, password logins; and
    ``oauth_port``, implicit TLS, OAuth2 tokens only) with Dovecot SASL, and Dovecot's IMAP on
    ``imaps_port`` (implicit TLS) and ``imap_port`` (STARTTLS).

    Start it with ``PostfixLab.start()``; ``stop()`` ends every process it started and
    removes its directory.
    """

    host = "localhost"  # what the certificate names, and what clients connect to

    def __init__(self, root: Path, system: _System) -> None:
        self.root = root
        self._system = system
        self.account = Account(f"alice@{DOMAIN}", PASSWORD)
        ports = _free_ports(6)
        self.ssl_port, self.starttls_port, self.imaps_port, self.imap_port = ports[:4]
        self.far_port, self.oauth_port = ports[4:]
        self.ca_pem = root / "ca.pem"
        self._etc = root / "postfix"
        self._spool = root / "spool"
        self._data = root / "data"
        self._mail = root / "mail"
        self._dovecot = root / "dovecot"
        self._daemons: list[subprocess.Popen[bytes]] = []

    @classmethod
    def start(cls) -> PostfixLab:
        """Configure and start Dovecot, then Postfix; ready to take mail when it returns.

        Raises ``MtaUnavailable`` when the programs are missing or cannot run here.
        """
        system = _find_system()
        root = Path(tempfile.mkdtemp(prefix="postfix-lab-"))
        # Postfix's and Dovecot's unprivileged processes must reach their files below here.
        root.chmod(0o711)
        lab = cls(root, system)
        try:
            lab._configure()
            lab._start_dovecot()
            lab._start_postfix()
        except BaseException:
            lab.stop()
            raise
        return lab

    def delivered(self, expected: int = 1, timeout: float = 10.0) -> list[EmailMessage]:
        """The messages in the mailbox, oldest first, once Postfix's queue is empty and at
        least ``expected`` have arrived.

        ``expected=0`` waits only for the queue to drain: had Postfix accepted anything, it
        would be in the mailbox (or bounced into it) by then.
        """
        parser = BytesParser(policy=email.policy.default)
        return [parser.parsebytes(path.read_bytes()) for path in self._settle(expected, timeout)]

    def set_password(self, password: str) -> None:
        """Change Alice's password, as she would at her provider (the other mailboxes keep
        theirs); returns once Dovecot takes the new one (it re-reads its password file at
        most once a second)."""
        passwords = {m.address: PASSWORD for m in MAILBOXES} | {self.account.address: password}
        self._users.write_text("".join(f"{a}:{{PLAIN}}{p}\n" for a, p in passwords.items()))
        if self._daemons:  # Dovecot is running: wait for it to see the change

            def accepted() -> bool:
                test = ("auth", "test", self.account.address, password)
                return self._doveadm(*test).returncode == 0

            if not _wait_until(accepted, _START_TIMEOUT):
                raise MtaUnavailable(f"Dovecot did not take the new password\n{self.logs()}")

    def trust_issuer(self, ca_pem: Path) -> None:
        """Have Dovecot trust ``ca_pem`` (the lab's CA) when it asks the authorization server
        about a token; it reads the file when it first does."""
        copy = self._issuer_ca
        copy.write_bytes(ca_pem.read_bytes())
        copy.chmod(0o644)

    @property
    def _issuer_ca(self) -> Path:
        return self._dovecot / "issuer-ca.pem"

    def _doveadm(self, *arguments: str) -> subprocess.CompletedProcess[bytes]:
        command = [str(self._system.doveadm), "-c", str(self._dovecot / "dovecot.conf")]
        return subprocess.run([*command, *arguments], capture_output=True, check=False)

    def clear(self) -> None:
        """Empty the mailbox, after letting whatever is still queued arrive."""
        for path in self._settle(expected=0, timeout=10.0):
            path.unlink()

    def maildir(self, mailbox: str) -> Path:
        """The Maildir of ``mailbox`` (a name in ``MAILBOXES``), where Postfix delivers."""
        return self._mail / DOMAIN / mailbox

    def empty_mailboxes(self) -> None:
        """Remove every mailbox with its folders and Dovecot's state, once the queue is empty;
        Postfix and Dovecot create them anew when mail or a login comes."""
        self._settle(expected=0, timeout=10.0)
        shutil.rmtree(self._mail / DOMAIN, ignore_errors=True)

    def put(self, mailbox: str, folder: str, message: bytes, flags: str = "") -> None:
        """Place ``message`` in a folder ("INBOX", "Junk"...) of ``mailbox`` as already read
        and filed, with Maildir ``flags`` ("S" seen, "F" flagged, "T" deleted...)."""
        directory = self.maildir(mailbox) / ("" if folder == "INBOX" else f".{folder}")
        for sub in ("cur", "new", "tmp"):
            (directory / sub).mkdir(parents=True, exist_ok=True)
        path = directory / "cur" / f"{time.time_ns()}.lab.{self.host}:2,{flags}"
        path.write_bytes(message)
        for each in (self._mail / DOMAIN, *(self._mail / DOMAIN).rglob("*")):
            # Dovecot, serving a client at the same time, may remove its own lock or temporary
            # file between the listing and this: gone, it needs no owner.
            with contextlib.suppress(FileNotFoundError):
                os.chown(each, self._system.postfix_uid, self._system.postfix_gid)

    def snapshot(self, mailbox: str) -> dict[tuple[str, str], str]:
        """Every message of ``mailbox``: (folder, Maildir unique name) -> flags, whether it is
        still new or already seen by a client (Dovecot moves it from new/ to cur/)."""
        found: dict[tuple[str, str], str] = {}
        root = self.maildir(mailbox)
        for path in sorted(root.glob("**/*")):
            if not path.is_file() or path.parent.name not in ("new", "cur"):
                continue
            relative = path.parent.parent.relative_to(root)
            folder = "INBOX" if str(relative) == "." else str(relative).removeprefix(".")
            unique, _, info = path.name.partition(":")
            found[(folder, unique)] = info.removeprefix("2,")
        return found

    def record_imap(self, mailbox: str) -> None:
        """Have Dovecot record every IMAP command ``mailbox``'s sessions send after login, from
        the next login on (its rawlog, into a folder it writes to only if it exists)."""
        folder = self.maildir(mailbox) / "dovecot.rawlog"
        folder.mkdir(parents=True, exist_ok=True)
        for each in (self._mail / DOMAIN, self.maildir(mailbox), folder):
            os.chown(each, self._system.postfix_uid, self._system.postfix_gid)

    def imap_commands(self, mailbox: str) -> list[str]:
        """The commands ``mailbox``'s recorded sessions sent after login, oldest first, each
        without its tag (``IDLE``, ``DONE``, ``EXAMINE "INBOX"``...)."""
        folder = self.maildir(mailbox) / "dovecot.rawlog"
        commands: list[str] = []
        for log in sorted(folder.glob("*.in")):
            for line in log.read_text(errors="replace").splitlines():
                tag, _, command = line.partition(" ")
                commands.append(command if command else tag)  # DONE has no tag
        return commands

    def imap_log(self) -> str:
        """Dovecot's log: logins and what clients did."""
        return (self._dovecot / "dovecot.log").read_text(errors="replace")

    def logs(self) -> str:
        """The tail of Postfix's and Dovecot's logs, for failure messages."""
        tails = []
        for log in (self.root / "postfix.log", self._dovecot / "dovecot.log"):
            with contextlib.suppress(OSError):
                tails.append(f"--- {log.name}\n" + "\n".join(log.read_text().splitlines()[-20:]))
        return "\n".join(tails)

    def stop(self) -> None:
        """Stop Postfix, then Dovecot, wait until they and all their processes have ended,
        and remove the directory."""
        while self._daemons:
            _end(self._daemons.pop())
        shutil.rmtree(self.root, ignore_errors=True)

    # -- setting up --------------------------------------------------------------------------

    def _configure(self) -> None:
        system = self._system
        self._etc.mkdir()
        (self._spool / "pid").mkdir(parents=True)
        for directory in (*(self._spool / name for name in _QUEUE_DIRECTORIES), self._data):
            directory.mkdir(mode=0o700)
            os.chown(directory, system.postfix_uid, system.postfix_gid)
        self._mail.mkdir()
        os.chown(self._mail, system.postfix_uid, system.postfix_gid)
        self._dovecot.mkdir(mode=0o755)
        self._dovecot.chmod(0o755)  # whatever the umask: Dovecot's auth process reads below

        ca = trustme.CA(organization_name="Email Setup Wizard Postfix lab CA")
        ca.cert_pem.write_to_path(str(self.ca_pem))
        chain = self._etc / "localhost.pem"
        chain.touch(mode=0o600)  # the private key: smtpd reads it as root before dropping
        leaf = ca.issue_cert(self.host, NO_IDLE_IP)
        leaf.private_key_and_cert_chain_pem.write_to_path(str(chain))
        # Dovecot wants the certificate and the key apart; it reads both as root.
        key = self._dovecot / "localhost.key"
        key.touch(mode=0o600)
        leaf.private_key_pem.write_to_path(str(key))
        leaf.cert_chain_pems[0].write_to_path(str(self._dovecot / "localhost.crt"))
        self._receiving_side()

        for name, text in (("main.cf", self._main_cf(chain)), ("master.cf", self._master_cf())):
            path = self._etc / name
            path.write_text(text, encoding="utf-8")
            # Postfix re-reads a file changed within the last second until it is a second old
            # (an editor might still be writing it): backdated, it starts two seconds sooner.
            os.utime(path, (time.time() - 60,) * 2)
        users = self._users
        self.set_password(self.account.password)
        os.chown(users, 0, system.dovecot_gid)
        users.chmod(0o640)
        for protocol, scope in (("imap", IMAP_SCOPE), ("smtp", SMTP_SCOPE)):
            (self._dovecot / f"oauth2-{protocol}.conf.ext").write_text(self._oauth2_conf(scope))
        (self._dovecot / "dovecot.conf").write_text(self._dovecot_conf(users))

    def _receiving_side(self) -> None:
        """The tables that make each mailbox's receiving side behave as ``MAILBOXES`` says."""
        tables = {
            "mailboxes": [
                *(
                    f"{m.address} {DOMAIN}/{m.name}/{'.Junk/' if m.filing is Filing.JUNK else ''}"
                    for m in MAILBOXES
                ),
                *(f"{address} {DOMAIN}/{folder}/" for address, folder in RECIPIENTS.items()),
            ],
            "transports": [
                *(
                    f"{m.address} discard:dropped by the lab"
                    for m in MAILBOXES
                    if m.filing is Filing.DROP
                ),
                # Accepted, then refused by "the far side" (one more smtpd of this Postfix):
                # Postfix bounces it back to the sender, with the far side's reply.
                f"{FAR_RECIPIENT.partition('@')[2]} smtp:[{LOOPBACK}]:{self.far_port}",
            ],
            "logins": [f"{m.address} {m.address}" for m in MAILBOXES],
            "far": [f"{FAR_RECIPIENT} 550 5.1.1 No such user here"],
            "verdicts": [
                f"{m.address} PREPEND Authentication-Results: {AUTHSERV_ID}; {m.verdict}"
                for m in MAILBOXES
                if m.verdict
            ],
            "signatures": [
                f"{m.address} PREPEND DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; "
                f"d={DOMAIN}; s={DKIM_SELECTOR}; h=from:to:subject:date:message-id; "
                f"bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=bGFi"
                for m in MAILBOXES
                if m.signed
            ],
            # Before the To: line, among the message's own headers: the sending side's doing.
            "forgeries": [
                f"/^To:.*{m.name}@{DOMAIN.replace('.', '[.]')}/ "
                f"PREPEND Authentication-Results: {AUTHSERV_ID}; {m.forged}"
                for m in MAILBOXES
                if m.forged
            ],
        }
        for name, lines in tables.items():
            (self._etc / name).write_text("".join(f"{line}\n" for line in lines))

    def _main_cf(self, chain: Path) -> str:
        return f"""\
# A private Postfix for tests: it reads and writes only below {self.root}.
compatibility_level = 3.6
queue_directory = {self._spool}
data_directory = {self._data}
maillog_file = {self.root}/postfix.log
maillog_file_prefixes = {self.root}
mail_owner = postfix
myhostname = mta.{DOMAIN}
mydomain = {DOMAIN}
myorigin = {DOMAIN}
mydestination =
relay_domains =
local_recipient_maps =
alias_maps =
alias_database =
inet_interfaces = {LOOPBACK}
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_peername_lookup = no
biff = no

# The test domain goes into a Maildir here; nothing goes anywhere else.
virtual_mailbox_domains = {DOMAIN}
virtual_mailbox_base = {self._mail}
virtual_mailbox_maps = texthash:{self._etc}/mailboxes
transport_maps = texthash:{self._etc}/transports
virtual_uid_maps = static:{self._system.postfix_uid}
virtual_gid_maps = static:{self._system.postfix_gid}
default_transport = error:no outside delivery in tests
relay_transport = error:no outside delivery in tests
local_transport = error:no local delivery in tests

# Submission as providers run it: TLS, a Dovecot login, then only the login's own address.
smtpd_tls_chain_files = {chain}
smtpd_tls_security_level = may
smtpd_tls_auth_only = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = private/auth
smtpd_sasl_auth_enable = yes
# Dovecot offers OAuth2 mechanisms too; only oauth_port (master.cf) takes them.
smtpd_sasl_mechanism_filter = plain, login
smtpd_relay_restrictions = permit_sasl_authenticated, reject
smtpd_sender_login_maps = texthash:{self._etc}/logins
smtpd_sender_restrictions = reject_sender_login_mismatch,
  check_sender_access texthash:{self._etc}/verdicts,
  check_sender_access texthash:{self._etc}/signatures
header_checks = regexp:{self._etc}/forgeries

# A refused login is answered at once: tests of wrong passwords must not wait.
smtpd_error_sleep_time = 0
smtpd_soft_error_limit = 10
smtpd_hard_error_limit = 20
"""

    def _master_cf(self) -> str:
        # No chroot anywhere ("n" in the fifth column): the queue is not where a jail expects.
        return f"""\
{LOOPBACK}:{self.ssl_port} inet n - n - - smtpd
  -o syslog_name=postfix/submissions
  -o smtpd_tls_wrappermode=yes
{LOOPBACK}:{self.starttls_port} inet n - n - - smtpd
  -o syslog_name=postfix/submission
  -o smtpd_tls_security_level=encrypt
{LOOPBACK}:{self.oauth_port} inet n - n - - smtpd
  -o syslog_name=postfix/oauth
  -o smtpd_tls_wrappermode=yes
  -o smtpd_sasl_mechanism_filter=xoauth2,oauthbearer
{LOOPBACK}:{self.far_port} inet n - n - - smtpd
  -o syslog_name=postfix/far
  -o smtpd_sender_restrictions=
  -o smtpd_relay_restrictions=check_recipient_access,texthash:{self._etc}/far,reject
smtp unix - - n - - smtp
cleanup unix n - n - 0 cleanup
qmgr unix n - n 300 1 qmgr
tlsmgr unix - - n 1000? 1 tlsmgr
rewrite unix - - n - - trivial-rewrite
bounce unix - - n - 0 bounce
defer unix - - n - 0 bounce
trace unix - - n - 0 bounce
verify unix - - n - 1 verify
flush unix n - n 1000? 0 flush
proxymap unix - - n - - proxymap
proxywrite unix - - n - 1 proxymap
showq unix n - n - - showq
error unix - - n - - error
retry unix - - n - - error
discard unix - - n - - discard
virtual unix - n n - - virtual
anvil unix - - n - 1 anvil
scache unix - - n - 1 scache
postlog unix-dgram n - n - 1 postlogd
"""

    def _dovecot_conf(self, users: Path) -> str:
        return f"""\
# Dovecot as Postfix's SASL service, and the IMAP server of the Maildirs Postfix delivers to.
base_dir = {self._dovecot}/run
state_dir = {self._dovecot}/state
log_path = {self._dovecot}/dovecot.log
protocols = imap
ssl = yes
ssl_cert = <{self._dovecot}/localhost.crt
ssl_key = <{self._dovecot}/localhost.key
# The mail belongs to Postfix's user, a system account.
first_valid_uid = 1
first_valid_gid = 1
mail_location = maildir:~
namespace inbox {{
  inbox = yes
  mailbox Junk {{
    special_use = \\Junk
    auto = create
  }}
  mailbox Trash {{
    special_use = \\Trash
    auto = create
  }}
}}
service imap-login {{
  inet_listener imap {{
    address = {LOOPBACK}
    port = {self.imap_port}
  }}
  inet_listener imaps {{
    address = {LOOPBACK}, {NO_IDLE_IP}
    port = {self.imaps_port}
    ssl = yes
  }}
}}
local {NO_IDLE_IP} {{
  protocol imap {{
    imap_capability = {NO_IDLE_CAPABILITY}
  }}
}}
# Every session after login goes through rawlog, which records it where a user's home has a
# dovecot.rawlog folder (``record_imap``).
service imap {{
  executable = imap postlogin
}}
service postlogin {{
  executable = script-login -d rawlog
  unix_listener postlogin {{
  }}
}}
auth_mechanisms = plain login xoauth2 oauthbearer
auth_failure_delay = 0
auth_verbose = yes
passdb {{
  driver = passwd-file
  mechanisms = plain login
  args = {users}
}}
# Tokens, asked about at the authorization server: IMAP wants its scope, SMTP (Postfix) its own.
protocol imap {{
  passdb {{
    driver = oauth2
    mechanisms = xoauth2 oauthbearer
    args = {self._dovecot}/oauth2-imap.conf.ext
  }}
}}
protocol !imap {{
  passdb {{
    driver = oauth2
    mechanisms = xoauth2 oauthbearer
    args = {self._dovecot}/oauth2-smtp.conf.ext
  }}
}}
userdb {{
  driver = static
  args = uid=postfix gid=postfix home={self._mail}/%d/%n
}}
# Dovecot's brute-force penalty (2, 4, 8... s per failure from an IP) is off: tests fail logins
# from 127.0.0.1 on purpose, one after another.
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service auth {{
  unix_listener {self._auth_socket} {{
    mode = 0660
    user = postfix
    group = postfix
  }}
}}
"""

    def _oauth2_conf(self, scope: str) -> str:
        client, secret = RESOURCE_SERVER
        return f"""\
# Dovecot as a resource server of the lab's authorization server (RFC 7662 introspection).
introspection_mode = post
introspection_url = https://{client}:{secret}@{ISSUER_HOST}{OAUTH_PATHS["introspect"]}
force_introspection = yes
active_attribute = active
active_value = true
username_attribute = username
scope = {scope}
tls_ca_cert_file = {self._issuer_ca}
timeout_msecs = 10000
"""

    @property
    def _users(self) -> Path:
        return self._dovecot / "users"  # Dovecot's password file

    @property
    def _auth_socket(self) -> Path:
        return self._spool / "private" / "auth"  # Postfix's smtpd_sasl_path, in its queue

    # -- running -----------------------------------------------------------------------------

    def _start_dovecot(self) -> None:
        self._spawn(
            [str(self._system.dovecot), "-F", "-c", str(self._dovecot / "dovecot.conf")],
            self._dovecot / "stderr.log",
            ready=lambda: self._auth_socket.is_socket() and _accepts(self.imaps_port),
            what="Dovecot's auth socket and IMAP",
        )

    def _start_postfix(self) -> None:
        self._spawn(
            [str(self._system.postfix_master), "-i", "-c", str(self._etc)],
            self.root / "postfix-stderr.log",
            ready=lambda: all(_accepts(port) for port in (self.ssl_port, self.starttls_port)),
            what=f"Postfix listening on ports {self.ssl_port} and {self.starttls_port}",
        )

    def _spawn(
        self, command: list[str], stderr: Path, ready: Callable[[], bool], what: str
    ) -> None:
        """Start a daemon in the foreground as the init of a new PID namespace, and wait until
        it is ``ready``. ``--kill-child``: should unshare be killed, the daemon dies with it."""
        with stderr.open("wb") as errors:
            daemon = subprocess.Popen(
                [str(self._system.unshare), "--pid", "--fork", "--kill-child", "--", *command],
                stdin=subprocess.DEVNULL,
                stdout=errors,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C in the terminal is for pytest, not for it
            )
        self._daemons.append(daemon)
        if not _wait_until(lambda: daemon.poll() is not None or ready(), _START_TIMEOUT):
            raise MtaUnavailable(f"no {what} after {_START_TIMEOUT:g} s\n{self.logs()}")
        if daemon.poll() is not None:
            raise MtaUnavailable(
                f"{command[0]} exited with status {daemon.returncode}:\n"
                f"{stderr.read_text().strip()}\n{self.logs()}"
            )

    def _settle(self, expected: int, timeout: float) -> list[Path]:
        """The mailbox's files once the queue is empty and at least ``expected`` are there."""

        def settled() -> bool:
            return self._queue_empty() and len(self._message_files()) >= expected

        if not _wait_until(settled, timeout):
            raise TimeoutError(
                f"{len(self._message_files())} message(s) delivered and the queue "
                f"{'empty' if self._queue_empty() else 'not empty'} after {timeout:g} s, "
                f"expected {expected}\n{self.logs()}"
            )
        return self._message_files()

    def _message_files(self) -> list[Path]:
        files = [path for path in self._mail.glob("*/*/new/*") if path.is_file()]
        return sorted(files, key=lambda path: (path.stat().st_mtime_ns, path.name))

    def _queue_empty(self) -> bool:
        return not any(
            path.is_file() for queue in _QUEUES for path in (self._spool / queue).rglob("*")
        )


def _find_system() -> _System:
    """The programs and users the lab needs, or ``MtaUnavailable`` naming the install script."""
    if os.geteuid() != 0:
        raise MtaMissing("the Postfix lab must run as root (Postfix's master needs it)")
    search = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin"])
    names = ("postconf", "dovecot", "doveadm")
    programs = {name: shutil.which(name, path=search) for name in names}
    missing = [name for name, found in programs.items() if found is None]
    try:
        postfix = pwd.getpwnam("postfix")
        dovecot_gid = grp.getgrnam("dovecot").gr_gid
    except KeyError:
        missing.append("the postfix and dovecot users")
    if missing:
        raise MtaMissing(
            f"Postfix and Dovecot are needed for the real-MTA compatibility tests, but "
            f"{' and '.join(missing)} could not be found: run `sh {INSTALL_SCRIPT}` as root"
        )
    unshare = shutil.which("unshare", path=search)
    if unshare is None:
        raise MtaMissing("the Postfix lab needs unshare (Debian package util-linux)")
    postconf, dovecot, doveadm = programs["postconf"], programs["dovecot"], programs["doveadm"]
    assert postconf is not None
    assert dovecot is not None
    assert doveadm is not None
    daemons = _run(postconf, "-d", "-h", "daemon_directory").strip()
    return _System(
        Path(unshare),
        Path(daemons) / "master",
        Path(dovecot),
        Path(doveadm),
        postfix.pw_uid,
        postfix.pw_gid,
        dovecot_gid,
    )


def _run(*command: str) -> str:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise MtaUnavailable(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def _free_ports(count: int) -> list[int]:
    """Ports nothing listens on right now: the OS picks them for sockets bound at once."""
    with contextlib.ExitStack() as stack:
        sockets = [stack.enter_context(socket.socket()) for _ in range(count)]
        for sock in sockets:
            sock.bind((LOOPBACK, 0))
        return [sock.getsockname()[1] for sock in sockets]


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection((LOOPBACK, port), timeout=1.0):
            return True
    except OSError:
        return False


def _wait_until(condition: Callable[[], bool], timeout: float) -> bool:
    """Poll ``condition`` until it holds (True) or ``timeout`` seconds pass (False)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(_POLL_INTERVAL)
    return True


def _end(daemon: subprocess.Popen[bytes]) -> None:
    """Stop a daemon started by ``_spawn`` and wait until it and its namespace are gone.

    SIGTERM goes to the whole process group (unshare's, which neither daemon leaves), as
    ``postfix stop`` does: Postfix's master would pass it on to the group anyway, and Dovecot's
    master exits at once when its children are told too, instead of after a second of waiting
    for them. unshare blocks SIGTERM and simply waits for the daemon.
    """
    with contextlib.suppress(ProcessLookupError):  # the daemon ended (or failed) on its own
        os.killpg(daemon.pid, signal.SIGTERM)
    try:
        daemon.wait(timeout=_STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        daemon.kill()  # and with it, through --kill-child, the daemon and its namespace
        daemon.wait()
