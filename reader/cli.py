"""The ``reader`` command.

Each subcommand lives in ``reader/commands/<name>.py`` (listed in ``reader.commands.COMMANDS``) and exposes
``register(subparsers)`` (cheap: no heavy imports) and ``run(args) -> int``.
Every :class:`~reader.errors.ReaderError` becomes one line on stderr and exit
status 2; no traceback reaches the user.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from reader import __version__
from reader.commands import COMMANDS
from reader.errors import ReaderError

if TYPE_CHECKING:
    import argparse


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser.

    Every subcommand is registered by its module, except that with ``only`` the
    others get just their name and help line: running ``reader open`` then
    imports one command module, not eight, which keeps start-up short.
    """
    import argparse

    class Version(argparse.Action):
        """``--version``: the version and the dictionary in use, worked out only when asked."""

        def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
            super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

        def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
            print(_version_text())
            parser.exit()

    parser = argparse.ArgumentParser(
        prog="reader",
        description="A terminal study reader for Chinese: pinyin, dictionary, notes and review.",
    )
    parser.add_argument("--version", action=Version, help="show the version and the dictionary in use, and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_text in COMMANDS.items():
        if only is None or name == only:
            module = importlib.import_module(f"reader.commands.{name}")
            module.register(sub)
        else:
            sub.add_parser(name, help=help_text)
    return parser


def _version_text() -> str:
    """``reader 0.1.0`` and the dictionary in use with its date."""
    from reader.text.cedict_build import describe_source

    return f"reader {__version__}\ndictionary: {describe_source()}"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``reader`` console script."""
    from reader.commands.output import install

    install()  # every line a command prints is sanitised (reader.text.sanitise)
    words = list(sys.argv[1:] if argv is None else argv)
    import os

    if "_ARGCOMPLETE" in os.environ:  # the shell asks for completions (reader completion SHELL)
        from reader.commands.completion import complete

        complete(build_parser())
    _announce_moved_files()
    if len(words) == 2 and words[0] == "open" and not words[1].startswith("-"):
        # The everyday command, on the start-up path: no parser to import and build.
        from reader.commands.open import open_target

        return _guarded(lambda: open_target(words[1]))
    first = next((w for w in words if not w.startswith("-")), None)
    parser = build_parser(first if first in COMMANDS else None)
    args: argparse.Namespace = parser.parse_args(words)
    if not getattr(args, "command", None):
        parser.print_help()
        return 0
    return _guarded(lambda: int(args.run(args)))


def _announce_moved_files() -> None:
    """Move files an older version kept in the data folder (config, caches, locks) and say so, once."""
    import os

    if os.environ.get("READER_HOME"):
        return
    from reader.storage.migrate import migrate_legacy_files

    for line in migrate_legacy_files():
        print(f"reader: {line}", file=sys.stderr)


def _guarded(run: Callable[[], int]) -> int:
    """Run a command: a :class:`ReaderError` is one line on stderr and its exit code, never a traceback."""
    try:
        return run()
    except ReaderError as exc:
        print(f"reader: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a disk or file fault no command turned into a message: still one line
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"reader: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
