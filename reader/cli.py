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

#: Subcommands in the order ``reader --help`` lists them, with their one-line help.
COMMANDS = {
    "open": "read a bundled document (e.g. 'article') or a .md/.txt file",
    "list": "list the bundled documents",
    "annotate": "print a document's tokens with pinyin, gloss and HSK level",
    "lookup": "look a word up in CC-CEDICT, the glossary and the HSK list",
    "export": "export notes and saved words (markdown, yaml, anki, tsv)",
    "notes": "check notes files or list a document's notes",
    "study": "review the saved words that are due (spaced repetition)",
    "stats": "print study and reading progress",
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser.

    Every subcommand is registered by its module, except that with ``only`` the
    others get just their name and help line: running ``reader open`` then
    imports one command module, not eight, which keeps start-up short.
    """
    parser = argparse.ArgumentParser(
        prog="reader",
        description="A terminal study reader for Chinese: pinyin, dictionary, notes and review.",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_text in COMMANDS.items():
        if only is None or name == only:
            module = importlib.import_module(f"reader.commands.{name}")
            module.register(sub)
        else:
            sub.add_parser(name, help=help_text)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``reader`` console script."""
    words = list(sys.argv[1:] if argv is None else argv)
    first = next((w for w in words if not w.startswith("-")), None)
    parser = build_parser(first if first in COMMANDS else None)
    args = parser.parse_args(words)
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
