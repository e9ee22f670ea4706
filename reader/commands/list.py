"""``reader list``: the bundled documents."""

from __future__ import annotations

import argparse

from reader.commands import COMMANDS


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``list`` subcommand."""
    parser = sub.add_parser("list", help=COMMANDS["list"])
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print one line per bundled document: name, title and English title."""
    from reader.text.content import bundled_titles

    for name, title, title_en in bundled_titles():
        suffix = f"  ({title_en})" if title_en else ""
        print(f"{name}\t{title}{suffix}")
    return 0
