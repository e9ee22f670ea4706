"""The ``reader`` command.

Each subcommand lives in ``reader/commands/<name>.py`` and exposes
``register(subparsers)`` (cheap: no heavy imports) and ``run(args) -> int``.
Every :class:`~reader.errors.ReaderError` becomes one line on stderr and exit
status 2; no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from reader import __version__
from reader.errors import ReaderError

#: Subcommands in the order ``reader --help`` lists them.
COMMANDS = ("open", "list", "annotate", "lookup", "export", "notes", "study", "stats")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="reader",
        description="A terminal study reader for Chinese: pinyin, dictionary, notes and review.",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"reader.commands.{name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``reader`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 0
    try:
        result: int = args.run(args)
        return result
    except ReaderError as exc:
        print(f"reader: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
