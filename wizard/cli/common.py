"""What the subcommands share: exit codes, argument types, JSON output and reporting errors."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from wizard.errors import WizardError
from wizard.messages import describe_error

# The exit codes are the scripting contract documented in the README.
EXIT_OK = 0
EXIT_INVALID_INPUT = 2
EXIT_NOTHING_FOUND = 3
EXIT_TEST_FAILED = 4
EXIT_STORAGE_FAILED = 5
EXIT_INTERRUPTED = 130


def positive_seconds(text: str) -> float:
    """An argparse type for a time limit: more than 0 and at most 600 seconds."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= 600:  # also false for NaN
        raise argparse.ArgumentTypeError(f"expected seconds between 0 and 600, got {text!r}")
    return value


def print_json(document: dict[str, Any]) -> None:
    """Exactly one JSON object on stdout."""
    json.dump(document, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


def complain(reason: str) -> None:
    """Say on stderr, in plain words, why the command stops."""
    print(f"email-setup-wizard: {reason}", file=sys.stderr)


def fail(err: WizardError, code: int) -> int:
    """Explain ``err`` on stderr in plain words and return the exit code to use."""
    complain(describe_error(err))
    return code
