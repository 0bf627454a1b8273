"""What the subcommands share: exit codes, JSON output and reporting engine errors."""

from __future__ import annotations

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


def print_json(document: dict[str, Any]) -> None:
    """Exactly one JSON object on stdout."""
    json.dump(document, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


def fail(err: WizardError, code: int) -> int:
    """Explain ``err`` on stderr in plain words and return the exit code to use."""
    print(f"email-setup-wizard: {describe_error(err)}", file=sys.stderr)
    return code
