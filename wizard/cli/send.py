"""``email-setup-wizard send``: a sendmail-compatible sender for the accounts set up here.

Mail programs and scripts that know how to run sendmail (git send-email, mutt, cron, PHP) can
send through a set-up account without knowing its server or password::

    email-setup-wizard send [-t] [-i] [-f FROM] [-F NAME] [-v] [--account ADDRESS] [RECIPIENT...]

The message comes on standard input. Options are sendmail's, read as sendmail reads them
(``-fFROM`` or ``-f FROM``, ``-oi``, ``--`` before the recipients), so they are parsed here
rather than by argparse. The same command answers to ``email-setup-wizard --sendmail-compat
...`` and to any program path named ``sendmail`` that leads to this program (a symlink), for
callers that take only a path.

Exit status is sendmail's (``wizard.outbound.exit_codes``), with the reason in plain words on
stderr; nothing is printed on success unless ``-v`` asks for the conversation.
"""

from __future__ import annotations

import argparse
import getopt
import sys
from dataclasses import dataclass
from typing import Any

from wizard.cli.common import complain, fail, positive_seconds
from wizard.cli.i18n import translate
from wizard.errors import InvalidAddressError, WizardError
from wizard.keychain import KeychainError
from wizard.messages import describe_error, describe_send_failure
from wizard.oauth.errors import OAuthError, OAuthProblem
from wizard.outbound import exit_codes
from wizard.outbound.errors import MessageError, SendError
from wizard.outbound.exit_codes import SendmailExit
from wizard.outbound.message import MAX_MESSAGE_BYTES, read_input
from wizard.outbound.sender import SendRequest, deliver, prepare
from wizard.presets_rules import PresetRefusedError
from wizard.profiles import ProfileError, ProfileStore
from wizard.runtime import run

USAGE = (
    "usage: email-setup-wizard send [-t] [-i] [-f FROM] [-F NAME] [-v] [--account ADDRESS] "
    "[--send-timeout S] [--] [RECIPIENT ...]"
)
HELP = f"""{USAGE}

Send the message on standard input through an account set up with this program, as sendmail
does. The account is --account, else -f, else the message's From address, else the only one.

  -t                 also send to the message's To, Cc and Bcc addresses (Bcc is always removed);
                     for a resent message, to its Resent-To, Resent-Cc and Resent-Bcc instead
  -i, -oi            read to the end of input; without it a line holding only "." ends the message
  -f FROM, -r FROM   the envelope sender (and the account to use); "<>" for none
  -F NAME            the sender's name, for a From field added when the message has none
  -v                 show the conversation with the server (passwords hidden) on stderr
  --account ADDRESS  the account to send with, whatever the message says
  --send-timeout S   give up after S seconds in all (default 120, at most 600): a server that
                     answers each step just in time cannot hold the caller longer (exit 75)

Accepted and ignored, as other sendmail replacements do: -bm -B -C -e -G -h -L -N -O -o... -R
-U -V -X. A message may be up to {MAX_MESSAGE_BYTES // 2**20} MiB.
Nothing is queued: the message is sent now, or the exit status says why not (64 usage,
65 data, 67 unknown recipient, 68 unknown host, 69 unavailable or too large, 75 try again
later, 76 protocol, 77 not permitted, 78 no such account)."""

_SHORT = "tf:r:F:io:vb:B:C:e:Gh:L:N:O:R:UV:X:"
_LONG = ["account=", "send-timeout=", "help"]
_IGNORED = frozenset({"-B", "-C", "-e", "-G", "-h", "-L", "-N", "-O", "-R", "-U", "-V", "-X"})


class UsageError(WizardError):
    """The command line is not one this sender understands; ``reason`` is translated."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Options:
    recipients: tuple[str, ...] = ()
    read_recipients: bool = False
    envelope_sender: str | None = None
    full_name: str | None = None
    account: str | None = None
    to_end_of_input: bool = False  # -i / -oi
    verbose: bool = False
    help: bool = False
    send_timeout: float | None = None  # None: the engine's own limit


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "send",
        add_help=False,
        prefix_chars="\0",  # nothing is an option to argparse: sendmail's are read here
    )
    parser.add_argument("arguments", nargs=argparse.REMAINDER)
    parser.set_defaults(handler=handle)


def parse_options(arguments: list[str]) -> Options:
    """sendmail's command line; ``UsageError`` for what this sender cannot do."""
    try:
        pairs, recipients = getopt.getopt(arguments, _SHORT, _LONG)
    except getopt.GetoptError as err:
        text = translate("CommandLine", "{problem} (see “email-setup-wizard send --help”).")
        raise UsageError(text.format(problem=err.msg)) from err
    options = Options(recipients=tuple(recipients))
    for flag, value in pairs:
        if flag == "-t":
            options.read_recipients = True
        elif flag in ("-f", "-r"):
            options.envelope_sender = value
        elif flag == "-F":
            options.full_name = value
        elif flag == "-i" or (flag == "-o" and value == "i"):
            options.to_end_of_input = True
        elif flag == "-v":
            options.verbose = True
        elif flag == "--account":
            options.account = value
        elif flag == "--send-timeout":
            options.send_timeout = _seconds(value)
        elif flag == "--help":
            options.help = True
        elif flag == "-b" and value != "m":
            text = translate(
                "CommandLine",
                "“-b{mode}” is not supported: this sender only sends a message now (-bm) and "
                "keeps no queue.",
            )
            raise UsageError(text.format(mode=value))
        # -bm, -o other than -oi, and the options in _IGNORED change nothing here.
    return options


def _seconds(text: str) -> float:
    """``--send-timeout``'s value, as ``test`` takes it; ``UsageError`` otherwise."""
    try:
        return positive_seconds(text)
    except argparse.ArgumentTypeError as err:
        problem = translate("CommandLine", "--send-timeout: {problem}").format(problem=err)
        raise UsageError(problem) from err


def handle(args: argparse.Namespace) -> int:
    try:
        options = parse_options(args.arguments)
    except UsageError as err:
        complain(err.reason)
        print(USAGE, file=sys.stderr)
        return SendmailExit.USAGE
    if options.help:
        print(HELP)
        return SendmailExit.OK
    try:
        data = read_input(sys.stdin.buffer, to_end_of_input=options.to_end_of_input)
    except OSError as err:
        text = translate("CommandLine", "the message could not be read from standard input: {e}")
        complain(text.format(e=err.strerror or err))
        return SendmailExit.IOERR
    except MessageError as err:  # larger than it takes: the rest was left unread
        return fail(err, exit_codes.for_message_problem(err.problem))
    request = SendRequest(
        content=data,
        recipients=options.recipients,
        read_recipients=options.read_recipients,
        envelope_sender=options.envelope_sender,
        account=options.account,
        full_name=options.full_name,
    )
    return _send(request, verbose=options.verbose, limit=options.send_timeout)


def _send(request: SendRequest, *, verbose: bool, limit: float | None) -> int:
    try:
        submission = prepare(ProfileStore(), request)
        outcome = run(deliver(submission, limit=limit))
    except InvalidAddressError as err:
        complain(f"{err.value.strip()}: {describe_error(err, translate)}")
        return SendmailExit.USAGE
    except MessageError as err:
        return fail(err, exit_codes.for_message_problem(err.problem))
    except (SendError, ProfileError) as err:
        return fail(err, SendmailExit.CONFIG)
    except KeychainError as err:
        return fail(err, exit_codes.for_keychain_problem(err.problem))
    except PresetRefusedError as err:  # the organisation's preset does not allow the account
        return fail(err, SendmailExit.NOPERM)
    except OAuthError as err:  # an OAuth2 account whose sign-in could not be refreshed
        unreachable = err.problem is OAuthProblem.UNREACHABLE
        return fail(err, SendmailExit.TEMPFAIL if unreachable else SendmailExit.CONFIG)
    if verbose:
        print("\n".join(outcome.transcript), file=sys.stderr)
    if outcome.diagnosis is None:
        return SendmailExit.OK
    first, *rest = describe_send_failure(outcome, submission.profile.address, translate)
    complain(first)
    for line in rest:
        print(line, file=sys.stderr)
    return exit_codes.for_diagnosis(outcome.diagnosis)
