"""``reader config``: the settings in force, and where each came from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.commands import COMMANDS

if TYPE_CHECKING:
    import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``config`` subcommand."""
    parser = sub.add_parser(
        "config",
        help=COMMANDS["config"],
        description="Print every setting in force, its value and where it came from (the README lists every key).",
    )
    parser.add_argument("--path", action="store_true", help="print only the config file's path")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the config file's path, then one row per key: key, value, source."""
    from reader.storage.config import effective_settings
    from reader.storage.paths import config_path

    path = config_path()
    if args.path:
        print(path)
        return 0
    rows = effective_settings()  # a bad file: one line naming the key and its line, exit 2
    print(f"# config file: {path}{'' if path.exists() else ' (absent: every value is the default)'}")
    key_width = max(len(key) for key, _, _ in rows)
    value_width = max(len(value) for _, value, _ in rows)
    for key, value, source in rows:
        print(f"{key:<{key_width}}  {value:<{value_width}}  {source}")
    return 0
