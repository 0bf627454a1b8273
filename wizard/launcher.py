"""``email-setup-wizard`` (and ``python -m wizard``): the command line, or with no command the
desktop wizard.

The choice is made here, so that the command line (``wizard.cli``) never imports the GUI and
the GUI is loaded only when it is wanted. Nothing is imported before it is known to be needed:
``--version`` and ``--help`` answer from the standard library alone.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from wizard.cli.main import as_command_line, cancelled, parse_arguments, run_command


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    try:
        args = parse_arguments(as_command_line(sys.argv[0], arguments))
    except KeyboardInterrupt:  # while the command was still loading
        return cancelled(as_json="--json" in arguments)
    if args.command is None:
        from wizard.gui.app import run

        return run(args.address)
    return run_command(args)
