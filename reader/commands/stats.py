"""``reader stats [NAME|PATH]``: reviews, cards due, retention, reading progress, HSK vocabulary."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from reader.commands import COMMANDS

if TYPE_CHECKING:
    from reader.study.stats import DocumentRead


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``stats`` subcommand."""
    parser = sub.add_parser("stats", help=COMMANDS["stats"])
    parser.add_argument(
        "target", nargs="?", metavar="NAME|PATH", help="add this document's reading progress and HSK vocabulary"
    )
    parser.add_argument("--no-hsk", action="store_true", help="skip the HSK vocabulary (no language stack)")
    parser.set_defaults(run=run)


def _with_titles(rows: list[DocumentRead]) -> list[DocumentRead]:
    """Title and section count for the bundled documents among ``rows`` (others keep their id)."""
    from dataclasses import replace

    from reader.errors import ReaderError
    from reader.study.stats import reading_progress
    from reader.text.content import bundled_names, resolve_document

    bundled = set(bundled_names())
    out = []
    for row in rows:
        if row.doc_id in bundled:
            try:
                doc = resolve_document(row.doc_id)
            except ReaderError:
                out.append(row)
                continue
            # The same figure as ``reader stats <doc>``: sections whose text was really seen.
            read = sum(1 for s in reading_progress(doc) if s.read)
            row = replace(row, title=doc.title, sections=len(doc.sections), sections_read=read)
        out.append(row)
    return out


def run(args: argparse.Namespace) -> int:
    """Print the plain-text summary (bold headings when stdout is a terminal)."""
    import sys
    from dataclasses import replace

    from reader.study.deck import load_deck, utc_now
    from reader.study.stats import collect_stats, documents_read, hsk_vocabulary
    from reader.study.stats_text import format_stats

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
    if doc is None:
        stats = replace(stats, documents=tuple(_with_titles(documents_read())))
    text = format_stats(stats) + note
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.text import Text

        from reader.commands.output import raw
        from reader.text.sanitise import sanitise

        console = Console(file=raw(sys.stdout), highlight=False)
        for line in text.splitlines():
            heading = bool(line) and not line.startswith(" ")
            console.print(Text(sanitise(line), style="bold" if heading else ""))
    else:
        print(text)
    return 0
