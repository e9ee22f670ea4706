"""``reader stats [NAME|PATH]``: reviews, cards due, retention, reading progress, HSK vocabulary."""

from __future__ import annotations

import argparse

from reader.cli import COMMANDS


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``stats`` subcommand."""
    parser = sub.add_parser("stats", help=COMMANDS["stats"])
    parser.add_argument(
        "target", nargs="?", metavar="NAME|PATH", help="add this document's reading progress and HSK vocabulary"
    )
    parser.add_argument("--no-hsk", action="store_true", help="skip the HSK vocabulary (no language stack)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the plain-text summary (bold headings when stdout is a terminal)."""
    import sys

    from reader.study.deck import load_deck, utc_now
    from reader.study.stats import collect_stats, format_stats, hsk_vocabulary

    doc = None
    if args.target:
        from reader.text.content import resolve_document

        doc = resolve_document(args.target)
    deck = load_deck()
    hsk: list[tuple[str, int]] = []
    note = ""
    if doc is not None and not args.no_hsk:
        try:
            hsk = hsk_vocabulary(doc)
        except ImportError as exc:
            note = f"\n(HSK vocabulary not available: {exc})"
    stats = collect_stats(deck, utc_now(), doc, hsk=hsk)
    text = format_stats(stats) + note
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.text import Text

        console = Console(highlight=False)
        for line in text.splitlines():
            heading = bool(line) and not line.startswith(" ")
            console.print(Text(line, style="bold" if heading else ""))
    else:
        print(text)
    return 0
