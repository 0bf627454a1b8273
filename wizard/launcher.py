"""``email-setup-wizard`` (and ``python -m wizard``): the command line, or with no command the
desktop wizard.

The choice is made here, so that the command line (``wizard.cli``) never imports the GUI and
the GUI is loaded only when it is wanted.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from wizard.cli.main import build_parser, run_command
from wizard.cli.send import as_command_line

if TYPE_CHECKING:
    from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(as_command_line(sys.argv[0], arguments))
    if args.command is None:
        from wizard.gui.app import run

        return run(args.address)
    return run_command(args)
