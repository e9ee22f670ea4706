"""``reader export``: a document's notes and saved words as Markdown, YAML, Anki or Pleco."""

from __future__ import annotations

import argparse

from reader.commands import COMMANDS

_EPILOG = """\
output:
  markdown  a study sheet; printed to stdout unless -o FILE is given
  yaml      the notes with anchors, quotes and pinyin   (default file: <doc-id>-notes.yaml)
  anki      an Anki package of the noted and saved words (default file: <doc-id>-notes.apkg)
  anki-csv  the same notes as Anki's text import, header lines included (<doc-id>-notes.csv)
  tsv       Pleco flashcards (File > Import Cards in Pleco) (default file: <doc-id>-notes.tsv)

Default files are written in the current directory. -o - prints a text format
to stdout (not anki). Files are written atomically: never half a file.
"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``export`` subcommand."""
    parser = sub.add_parser(
        "export",
        help=COMMANDS["export"],
        description="Export the notes of a document and the words saved from it.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("document", metavar="NAME|PATH", help="a bundled document name (article) or a file")
    parser.add_argument(
        "--format",
        "-f",
        dest="fmt",
        choices=("markdown", "yaml", "anki", "anki-csv", "tsv"),
        default="markdown",
        help="what to write (default: markdown)",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="where to write; '-' for stdout (default: stdout for markdown, <doc-id>-notes.<ext> otherwise)",
    )
    parser.add_argument("--encoding", metavar="NAME", help="the file's text encoding (default: told from its bytes)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the export and say where it went."""
    from pathlib import Path

    from reader.errors import ReaderError
    from reader.study.deck import load_deck
    from reader.study.export import default_output, export, render
    from reader.study.notes import NoteStore
    from reader.text.content import resolve_document

    doc = resolve_document(args.document, args.encoding)
    store = NoteStore.open(doc)
    if store.problem is not None:
        raise ReaderError(store.problem)
    deck = load_deck()
    output = args.output
    if output is None and args.fmt == "markdown":
        output = "-"
    if output == "-":
        if args.fmt == "anki":
            raise ReaderError("an Anki package is binary; give a file with -o FILE")
        from reader.commands.output import write_data

        write_data(render(doc, store.notes, deck, args.fmt))
        return 0
    target = Path(output).expanduser() if output else default_output(doc.id, args.fmt)
    if not target.parent.is_dir():
        raise ReaderError(f"{target.parent}: no such folder")
    if target.is_dir():
        raise ReaderError(f"{target}: is a folder; give a file name")
    written = export(doc, store.notes, deck, args.fmt, target)
    notes = len(store.notes)
    what = f"{notes} note{'s' if notes != 1 else ''}"
    if args.fmt in ("anki", "anki-csv", "tsv"):
        words = len(deck.cards_for(doc.id))
        what += f" and {words} saved word{'s' if words != 1 else ''}"
    print(f"exported {what} of {doc.id} ({args.fmt}) to {written}")
    return 0
