"""``email-setup-wizard`` (and ``python -m wizard``): the command line, or with no command the
desktop wizard.

The choice is made here, so that the command line (``wizard.cli``) never imports the GUI and
the GUI is loaded only when it is wanted. Nothing is imported before it is known to be needed:
``--version`` and ``--help`` answer from the standard library alone.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence

from wizard.cli.main import as_command_line, cancelled, parse_arguments, run_command


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command, or the desktop wizard; the program's exit status. The program ends
    once this returns (``_ending``)."""
    _open_closed_streams()
    arguments = sys.argv[1:] if argv is None else argv
    try:
        args = parse_arguments(as_command_line(sys.argv[0], arguments))
    except KeyboardInterrupt:  # while the command was still loading
        return cancelled(as_json="--json" in arguments)
    except BrokenPipeError:
        return _output_closed()
    try:
        if args.command is None:
            from wizard.gui.app import run

            return run(args.address)
        return run_command(args)
    except BrokenPipeError:
        return _output_closed()
    finally:
        _ending()


# The exit status of a program that wrote into a pipe nobody reads any more: what a shell
# reports for one that SIGPIPE ended (128 + 13), as ``yes | head -1`` shows under pipefail.
EXIT_OUTPUT_CLOSED = 141


def _open_closed_streams() -> None:
    """A standard stream that whoever started the program closed (``<&-``, ``>&-``) is None in
    Python, and the first file the program opened would take its number. It is opened on the
    null device instead: no input (so no password, which is said in words, and an empty
    message), and output that goes nowhere."""
    for number, name in enumerate(("stdin", "stdout", "stderr")):
        if getattr(sys, name) is not None:
            continue
        null = os.open(os.devnull, os.O_RDONLY if number == 0 else os.O_WRONLY)
        if null != number:  # it took another free number: move it where the stream belongs
            os.dup2(null, number)
            os.close(null)
        mode = "r" if number == 0 else "w"
        # Open for as long as the program runs, as the stream it stands in for would be.
        setattr(sys, name, open(number, mode, encoding="utf-8", closefd=False))  # noqa: SIM115


def _output_closed() -> int:
    """The reader of the output went away (``| head -1``): stop quietly, as programs that
    SIGPIPE ends do, instead of a traceback. What is still buffered goes to the null device,
    so that Python's own last flush at exit has nothing to complain about either."""
    null = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        try:
            os.dup2(null, stream.fileno())
        except (AttributeError, OSError, ValueError):  # no such stream, or not a file
            continue
    os.close(null)
    return EXIT_OUTPUT_CLOSED


def _ending() -> None:
    """Python's last garbage collection, as the program exits, looks for reference cycles
    among every object of every module loaded: tens of milliseconds on a slow machine, after
    the answer is out, in a process about to end. Frozen (``gc.freeze``), they are passed
    over; what is made from here on (the threads' ending) is collected as usual."""
    gc.freeze()
