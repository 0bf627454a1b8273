"""``email-setup-wizard`` (and ``python -m wizard``): the command line, or with no command the
desktop wizard.

The choice is made here, so that the command line (``wizard.cli``) never imports the GUI and
the GUI is loaded only when it is wanted. Nothing is imported before it is known to be needed:
``--version`` and ``--help`` answer from the standard library alone.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence

from wizard.cli.main import as_command_line, cancelled, parse_arguments, run_command


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command, or the desktop wizard; the program's exit status. The program ends
    once this returns (``_ending``)."""
    arguments = sys.argv[1:] if argv is None else argv
    try:
        args = parse_arguments(as_command_line(sys.argv[0], arguments))
    except KeyboardInterrupt:  # while the command was still loading
        return cancelled(as_json="--json" in arguments)
    try:
        if args.command is None:
            from wizard.gui.app import run

            return run(args.address)
        return run_command(args)
    finally:
        _ending()


def _ending() -> None:
    """Python's last garbage collection, as the program exits, looks for reference cycles
    among every object of every module loaded: tens of milliseconds on a slow machine, after
    the answer is out, in a process about to end. Frozen (``gc.freeze``), they are passed
    over; what is made from here on (the threads' ending) is collected as usual."""
    gc.freeze()
