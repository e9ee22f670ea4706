"""``reader notes``: check notes files, list a document's notes."""

from __future__ import annotations

import argparse

from reader.commands import COMMANDS


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``notes`` subcommand with ``check`` and ``list``."""
    parser = sub.add_parser("notes", help=COMMANDS["notes"])
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check",
        help="validate notes files (all of them if no document is given)",
        description="Validate notes files. Exit status 0 when all are fine, 2 with one line per problem.",
    )
    check.add_argument("document", nargs="?", metavar="NAME|PATH", help="a document, or a notes .yaml file")
    check.set_defaults(run=run_check)
    listing = actions.add_parser("list", help="list the notes of a document")
    listing.add_argument("document", metavar="NAME|PATH", help="a bundled document name (article) or a file")
    listing.set_defaults(run=run_list)


def run_check(args: argparse.Namespace) -> int:
    """Print one line per problem; exit 2 if there is any."""
    from pathlib import Path

    from reader.storage.paths import notes_dir, notes_path
    from reader.study.notes import check_notes

    if args.document is None:
        files = sorted(notes_dir().glob("*.yaml")) if notes_dir().is_dir() else []
    else:
        given = Path(args.document).expanduser()
        if given.suffix in (".yaml", ".yml") and given.is_file():
            files = [given]
        else:
            from reader.text.content import resolve_document

            files = [notes_path(resolve_document(args.document).id)]
    problems = [problem for path in files for problem in check_notes(path)]
    for problem in problems:
        print(problem)
    if problems:
        return 2
    checked = [p for p in files if p.exists()]
    print(f"ok: {len(checked)} notes file{'s' if len(checked) != 1 else ''} checked")
    return 0


def run_list(args: argparse.Namespace) -> int:
    """Print the notes of a document, section by section, orphans last."""
    from reader.errors import ReaderError
    from reader.study.notes import NoteStore
    from reader.text.content import resolve_document

    doc = resolve_document(args.document)
    store = NoteStore.open(doc)
    if store.problem is not None:
        raise ReaderError(store.problem)
    if not store.notes:
        print(f"no notes for {doc.id} ({store.path})")
        return 0
    groups = store.by_section()
    for section in doc.sections:
        for note in groups.get(section.id, []):
            _print_note(section.heading, note.id, note.quote, note.text)
    for note in store.orphans:
        _print_note("Orphaned", note.id, note.quote, note.text)
    return 0


def _print_note(where: str, note_id: str, quote: str, text: str) -> None:
    body = " ".join(text.split())
    print(f"{note_id}  [{where}]  「{' '.join(quote.split())}」  {body}".rstrip())
