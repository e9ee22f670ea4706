"""``reader annotate NAME|PATH [--format jsonl|text]``: the document's tokens."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

from reader.cli import COMMANDS

if TYPE_CHECKING:
    from reader.text.document import Document
    from reader.text.tokens import Token


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``annotate`` subcommand."""
    parser = sub.add_parser(
        "annotate",
        help=COMMANDS["annotate"],
        description="Segment a document and print every token: JSON lines, or the text with pinyin under each line.",
    )
    parser.add_argument("target", metavar="NAME|PATH", help="a bundled document name (see `reader list`) or a file")
    parser.add_argument("--format", choices=("jsonl", "text"), default="jsonl", help="output format (default: jsonl)")
    parser.add_argument(
        "--width", type=int, default=0, help="text format: wrap lines at this many cells (default: no wrap)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Annotate the document and print it in the chosen format."""
    from reader.text.annotate import annotate_document
    from reader.text.content import glossary_path, resolve_document
    from reader.text.dictionary import Dictionary
    from reader.text.glossary import load_glossaries, user_glossary_paths

    doc = resolve_document(args.target)
    glossary = load_glossaries([glossary_path(), *user_glossary_paths(doc.path)])
    for problem in glossary.problems:
        print(f"reader: warning: {problem}", file=sys.stderr)
    dictionary = Dictionary.open(progress=_progress_printer() if sys.stderr.isatty() else None)
    tokens = annotate_document(doc, glossary, dictionary)
    out = sys.stdout
    if args.format == "jsonl":
        write_jsonl(tokens, out)
    else:
        write_text(doc, tokens, out, width=args.width)
    return 0


def _progress_printer() -> Callable[[int, int], None]:
    """A ``progress(done, total)`` that draws a bar on stderr while the index builds."""

    def progress(done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        end = "\n" if done >= total else ""
        print(
            f"\rbuilding the dictionary index [{'#' * filled}{'.' * (width - filled)}] {100 * done // max(total, 1):3d}%",
            end=end,
            file=sys.stderr,
            flush=True,
        )

    return progress


def write_jsonl(tokens: Sequence[Token], out: TextIO) -> None:
    """One JSON object per token, in document order.

    Fields: text, start, end, pinyin, kind, gloss, hsk, glossary. Everything but
    the offsets is the same for every occurrence of a word, so each distinct
    word is serialised once and only the offsets are formatted per token (the
    output is the same as ``json.dumps`` of each record, and much faster).
    """
    import json

    from reader.text.tones import to_marks

    dumps = json.dumps
    write = out.write
    parts: dict[tuple[object, ...], tuple[str, str]] = {}
    for token in tokens:
        key = (token.text, token.kind, token.syllables, token.gloss, token.hsk, token.glossary)
        pair = parts.get(key)
        if pair is None:
            pinyin = " ".join(to_marks(s) for s in token.syllables) if token.syllables else ""
            head = '{"text": ' + dumps(token.text, ensure_ascii=False) + ', "start": '
            tail = (
                ', "pinyin": '
                + dumps(pinyin, ensure_ascii=False)
                + ', "kind": '
                + dumps(token.kind)
                + ', "gloss": '
                + dumps(token.gloss, ensure_ascii=False)
                + ', "hsk": '
                + dumps(token.hsk)
                + ', "glossary": '
                + dumps(token.glossary)
                + "}\n"
            )
            pair = parts[key] = (head, tail)
        write(f'{pair[0]}{token.start}, "end": {token.end}{pair[1]}')


def _cells(text: str) -> int:
    """Terminal cells of ``text``: 2 for wide (East Asian) characters, else 1."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def write_text(doc: Document, tokens: Sequence[Token], out: TextIO, width: int = 0) -> None:
    """Each paragraph as a hanzi line with an aligned pinyin line under it.

    Each token gets a column as wide as the wider of its text and its pinyin,
    so pinyin stands under its own word. With ``width`` > 0 lines wrap at
    token boundaries.
    """
    from reader.text.tones import to_marks

    by_paragraph: dict[int, list[Token]] = {}
    paragraphs = doc.paragraphs
    index = 0
    for token in tokens:
        while index + 1 < len(paragraphs) and token.start >= paragraphs[index].end:
            index += 1
        if token.text == "\n":
            continue
        by_paragraph.setdefault(index, []).append(token)
    current_section = None
    for number, paragraph in enumerate(paragraphs):
        section = doc.section_at(paragraph.start)
        if section is not current_section:
            current_section = section
            out.write(f"## {section.heading}\n\n")
        top: list[str] = []
        bottom: list[str] = []
        used = 0
        for token in by_paragraph.get(number, []):
            text = token.text.replace("\n", " ")
            pinyin = " ".join(to_marks(s) for s in token.syllables)
            column = max(_cells(text), len(pinyin))
            if width and used and used + column + 1 > width:
                out.write("".join(top).rstrip() + "\n" + "".join(bottom).rstrip() + "\n")
                top, bottom, used = [], [], 0
            top.append(text + " " * (column - _cells(text)) + (" " if token.syllables else ""))
            bottom.append(pinyin + " " * (column - len(pinyin)) + (" " if token.syllables else ""))
            used += column + (1 if token.syllables else 0)
        out.write("".join(top).rstrip() + "\n" + "".join(bottom).rstrip() + "\n\n")
