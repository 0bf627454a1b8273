"""sendmail's exit codes (``sysexits.h``), and which one each way of failing earns.

Programs that call sendmail (git send-email, mutt, cron, PHP's ``mail()``) look only at the
exit status: 0 means the server accepted the message; ``EX_TEMPFAIL`` means "try again later"
and the caller keeps the message; anything else is a failure it reports. The numbers are
defined here rather than taken from ``os.EX_*``, which Windows lacks.
"""

from __future__ import annotations

from enum import IntEnum

from wizard.keychain import KeychainProblem
from wizard.outbound.errors import MessageProblem
from wizard.smtp.diagnosis import Diagnosis


class SendmailExit(IntEnum):
    OK = 0
    USAGE = 64  # the command was used wrongly (bad option, no recipients)
    DATAERR = 65  # the message's own data is unusable (a bad address in a header)
    NOUSER = 67  # a recipient the server does not know
    NOHOST = 68  # the server's name does not exist
    UNAVAILABLE = 69  # the server cannot take this message, now or later
    SOFTWARE = 70  # a fault in this program
    IOERR = 74  # standard input could not be read
    TEMPFAIL = 75  # try again later: nothing was sent, the caller keeps the message
    PROTOCOL = 76  # the server does not speak SMTP as expected
    NOPERM = 77  # not allowed: a refused login, or a sender or connection that is not permitted
    CONFIG = 78  # no account set up for the sender, or no password stored for it


_BY_DIAGNOSIS = {
    Diagnosis.WRONG_PASSWORD: SendmailExit.NOPERM,
    Diagnosis.APP_PASSWORD_REQUIRED: SendmailExit.NOPERM,
    Diagnosis.AUTH_DISABLED: SendmailExit.NOPERM,
    Diagnosis.GOOGLE_PASSWORD_REFUSED: SendmailExit.NOPERM,
    Diagnosis.WEB_LOGIN_REQUIRED: SendmailExit.NOPERM,
    Diagnosis.TOO_MANY_ATTEMPTS: SendmailExit.NOPERM,
    Diagnosis.BASIC_AUTH_DISABLED: SendmailExit.NOPERM,
    Diagnosis.SMTP_AUTH_DISABLED: SendmailExit.NOPERM,
    Diagnosis.TOKEN_REJECTED: SendmailExit.NOPERM,
    Diagnosis.TOKEN_SCOPE: SendmailExit.NOPERM,
    Diagnosis.OAUTH_NOT_OFFERED: SendmailExit.UNAVAILABLE,
    Diagnosis.AUTH_NOT_OFFERED: SendmailExit.UNAVAILABLE,
    Diagnosis.AUTH_NOT_ALLOWED: SendmailExit.NOPERM,
    # The password was kept back: sending it would have exposed it.
    Diagnosis.STARTTLS_REQUIRED: SendmailExit.NOPERM,
    Diagnosis.STARTTLS_MISSING: SendmailExit.NOPERM,
    Diagnosis.STARTTLS_OFFERED: SendmailExit.NOPERM,
    Diagnosis.PLAINTEXT_REFUSED: SendmailExit.NOPERM,
    Diagnosis.CERTIFICATE: SendmailExit.NOPERM,
    Diagnosis.CERTIFICATE_NOT_PINNED: SendmailExit.NOPERM,
    Diagnosis.TLS_FAILED: SendmailExit.PROTOCOL,
    Diagnosis.IMPLICIT_TLS_PORT: SendmailExit.PROTOCOL,
    Diagnosis.SENDER_REJECTED: SendmailExit.NOPERM,
    Diagnosis.RECIPIENT_REJECTED: SendmailExit.NOUSER,
    Diagnosis.RELAY_DENIED: SendmailExit.NOPERM,
    Diagnosis.GREYLISTED: SendmailExit.TEMPFAIL,
    Diagnosis.MESSAGE_REJECTED: SendmailExit.UNAVAILABLE,
    Diagnosis.SMTPUTF8_UNSUPPORTED: SendmailExit.UNAVAILABLE,
    Diagnosis.EIGHT_BIT_UNSUPPORTED: SendmailExit.DATAERR,
    Diagnosis.PORT_BLOCKED: SendmailExit.TEMPFAIL,
    Diagnosis.NO_SUCH_HOST: SendmailExit.NOHOST,
    Diagnosis.NO_GREETING: SendmailExit.PROTOCOL,
    Diagnosis.CONNECTION_CLOSED: SendmailExit.TEMPFAIL,
    Diagnosis.MALFORMED_REPLY: SendmailExit.PROTOCOL,
    Diagnosis.OUT_OF_TIME: SendmailExit.TEMPFAIL,
    Diagnosis.TEMPORARY: SendmailExit.TEMPFAIL,
    Diagnosis.UNKNOWN: SendmailExit.UNAVAILABLE,
}

_BY_MESSAGE_PROBLEM = {
    MessageProblem.NO_RECIPIENTS: SendmailExit.USAGE,
    MessageProblem.BAD_RECIPIENT: SendmailExit.DATAERR,
    MessageProblem.BAD_SENDER: SendmailExit.DATAERR,
    MessageProblem.BAD_RESENT_RECIPIENT: SendmailExit.DATAERR,
    MessageProblem.BAD_RESENT_SENDER: SendmailExit.DATAERR,
    # As for a server that refuses a message for its size: sending it again will not help.
    MessageProblem.TOO_LARGE: SendmailExit.UNAVAILABLE,
}

_BY_KEYCHAIN_PROBLEM = {
    # Start or unlock the keychain and the same command works: the caller may retry.
    KeychainProblem.NO_BACKEND: SendmailExit.TEMPFAIL,
    KeychainProblem.LOCKED: SendmailExit.TEMPFAIL,
    KeychainProblem.DENIED: SendmailExit.NOPERM,
    KeychainProblem.FAILED: SendmailExit.TEMPFAIL,
}


def for_diagnosis(diagnosis: Diagnosis) -> SendmailExit:
    """The exit status for a send the server (or our security rules) stopped."""
    return _BY_DIAGNOSIS[diagnosis]


def for_message_problem(problem: MessageProblem) -> SendmailExit:
    return _BY_MESSAGE_PROBLEM[problem]


def for_keychain_problem(problem: KeychainProblem) -> SendmailExit:
    return _BY_KEYCHAIN_PROBLEM[problem]
