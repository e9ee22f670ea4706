"""``reader search NAME|PATH QUERY``: every match of a hanzi, pinyin or English query, with its section and context."""

from __future__ import annotations

import argparse
import sys

from reader.commands import COMMANDS


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``search`` subcommand."""
    parser = sub.add_parser(
        "search",
        help=COMMANDS["search"],
        description=(
            "Find QUERY in a document: hanzi (预训练), toned or toneless pinyin (yu4xun4lian4, yùxùnliàn, "
            "yuxunlian: matched on the reader's word boundaries) or English (in the meanings and the glossary)."
        ),
    )
    parser.add_argument("target", metavar="NAME|PATH", help="a bundled document name (see `reader list`) or a file")
    parser.add_argument("query", metavar="QUERY", help="hanzi, pinyin or English")
    parser.add_argument("--context", type=int, default=12, help="characters of context on each side (default 12)")
    parser.set_defaults(run=run)


def _printable(text: str) -> str:
    """``text`` with control characters (escape sequences of a hostile file) shown as spaces."""
    return "".join(" " if (ord(ch) < 32 or 127 <= ord(ch) < 160) else ch for ch in text)


def run(args: argparse.Namespace) -> int:
    """Print one line per match; exit 1 when there is none, 2 for an empty query."""
    from reader.errors import ReaderError
    from reader.text.annotate import annotate_document
    from reader.text.content import resolve_document
    from reader.text.dictionary import Dictionary
    from reader.text.glossary import glossary_for
    from reader.text.search import Searcher, context, parse_query

    query = parse_query(args.query)
    if query.empty:
        raise ReaderError("the query is empty: give hanzi, pinyin or an English word")
    if args.context < 0:
        raise ReaderError("--context must be 0 or more")
    doc = resolve_document(args.target)
    glossary = glossary_for(doc.path)
    tokens = annotate_document(doc, glossary, Dictionary.open())

    def gloss(term: str) -> str:
        entry = glossary.get(term)
        return entry.gloss if entry is not None else ""

    matches = Searcher(doc.text, tokens, query, gloss).all()
    shown = _printable(args.query.strip())
    if not matches:
        print(f"reader: no match for {shown!r} in {doc.id} (read as {', '.join(query.kinds)})", file=sys.stderr)
        return 1
    out = sys.stdout
    for match in matches:
        section = doc.section_at(match.start)
        before, found, after = (_printable(part) for part in context(doc.text, match, args.context))
        out.write(f"§{section.index + 1} {_printable(section.title)}\t{before}[{found}]{after}\t{match.kind}\n")
    kinds = sorted({m.kind for m in matches})
    sections = len({doc.section_at(m.start).index for m in matches})
    out.write(f"{len(matches)} matches of {shown!r} ({', '.join(kinds)}) in {sections} sections\n")
    return 0
