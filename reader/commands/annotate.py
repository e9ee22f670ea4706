"""``reader annotate NAME|PATH [--format jsonl|text]``: the document's tokens."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

from reader.commands import COMMANDS

if TYPE_CHECKING:
    from reader.text.document import Document
    from reader.text.ruby import GivenReadings
    from reader.text.tokens import Facts, Token

#: The facts of a token the store keeps none for (punctuation, a space, an unknown Latin word).
_NO_FACTS: Facts = ((), "", None, False)


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
        "--width",
        type=int,
        default=0,
        help="text format: wrap lines at this many cells (default: the terminal's width, or 80)",
    )
    parser.add_argument("--encoding", metavar="NAME", help="the file's text encoding (default: told from its bytes)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Annotate the document and print it in the chosen format.

    The cyclic garbage collector is off for the run: the pass makes millions of
    small tuples and strings that reference counting frees, and the
    collector's passes over them cost about a tenth of a first pass over real
    prose (measured: CPP, 100,000 characters, 3.24 → 2.88 s CPU, peak memory the same).
    """
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        return _run(args)
    finally:
        if enabled:
            gc.enable()


def _run(args: argparse.Namespace) -> int:
    from reader.text.annotate import annotate_document
    from reader.text.content import resolve_document
    from reader.text.dictionary import Dictionary
    from reader.text.glossary import glossary_for

    doc = resolve_document(args.target, args.encoding)
    glossary = glossary_for(doc.path)
    for problem in glossary.problems:
        print(f"reader: warning: {problem}", file=sys.stderr)
    dictionary = Dictionary.open(progress=_progress_printer() if sys.stderr.isatty() else None)
    tokens = annotate_document(doc, glossary, dictionary)
    from reader.commands.output import raw

    # Text for people is sanitised (sys.stdout is a SafeStream); JSON lines are data, kept
    # as they are for a file or a pipe and sanitised only on a terminal.
    out = sys.stdout if args.format != "jsonl" or raw(sys.stdout).isatty() else raw(sys.stdout)
    if args.format == "jsonl":
        write_jsonl(tokens, out, doc.text if doc.traditional else None, _given(doc))
    else:
        import shutil

        width = args.width or (shutil.get_terminal_size((80, 24)).columns if out.isatty() else 80)
        write_text(doc, tokens, out, width=max(width, 10))
    return 0


def _progress_printer() -> Callable[[int, int], None]:
    """A ``progress(done, total)`` that draws a bar on stderr while the index builds."""
    from reader.commands.output import raw

    def progress(done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        end = "\n" if done >= total else ""
        print(
            f"\rbuilding the dictionary index [{'#' * filled}{'.' * (width - filled)}] {100 * done // max(total, 1):3d}%",
            end=end,
            file=raw(sys.stderr),  # our own "\r" redraws: not sanitised (nothing from a file in it)
            flush=True,
        )

    return progress


def _given(doc: Document) -> GivenReadings | None:
    """The book's ruby readings (EPUB / HTML), or None for a document without any."""
    if not doc.meta.get("given_readings"):
        return None
    from reader.text.ruby import GivenReadings

    return GivenReadings.of(doc)


def write_jsonl(
    tokens: Sequence[Token], out: TextIO, written: str | None = None, given: GivenReadings | None = None
) -> None:
    """One JSON object per token, in document order.

    Fields: text, start, end, pinyin, kind, gloss, hsk, glossary. With ``written``
    (the text of a document in traditional characters), ``text`` is the word as
    written and a ``simplified`` field, where it differs, is the form that was
    looked up. With ``given`` (the book's ruby readings), a token under ruby has
    a ``given`` field (the reading as the book writes it, pinyin or zhuyin) and,
    where it reads as one syllable per character, ``given_pinyin``. Everything but
    the offsets is the same for every occurrence of a word, so each distinct
    word is serialised once and only the offsets are formatted per token (the
    output is the same as ``json.dumps`` of each record, and much faster).
    """
    import json

    from reader.text.tokens import KINDS, TokenStore
    from reader.text.tones import to_marks

    dumps = json.dumps
    write = out.write
    marked: dict[str, str] = {}  # to_marks per syllable: some 1,500 syllables, asked for by every new word

    def mark(syllable: str) -> str:
        found = marked.get(syllable)
        if found is None:
            found = marked[syllable] = to_marks(syllable)
        return found

    def string(value: str) -> str:
        """``json.dumps(value, ensure_ascii=False)``, without its encoder for the common string.

        A printable string has no character below U+0020, so with no quote and no
        backslash in it, the JSON encoder would write it as it is, between quotes.
        """
        if value.isprintable() and '"' not in value and "\\" not in value:
            return f'"{value}"'
        return dumps(value, ensure_ascii=False)

    tails: dict[tuple[str, Facts], str] = {}  # the JSON after the end offset: the same for all words of equal facts

    def pair_of(shown: str, word: str, kind: str, facts: Facts) -> tuple[str, str]:
        """The JSON before the start offset and after the end offset, for one distinct word."""
        head = '{"text": ' + string(shown) + ', "start": '
        if shown != word:
            head = '{"text": ' + string(shown) + ', "simplified": ' + string(word) + ', "start": '
        tail = tails.get((kind, facts))
        if tail is None:
            syllables, gloss, hsk, glossary = facts
            pinyin = " ".join([mark(s) for s in syllables]) if syllables else ""
            tail = tails[(kind, facts)] = (
                ', "pinyin": '
                + string(pinyin)
                + ', "kind": '
                + string(kind)
                + ', "gloss": '
                + string(gloss)
                + ', "hsk": '
                + ("null" if hsk is None else str(int(hsk)))
                + ', "glossary": '
                + ("true" if glossary else "false")
                + "}\n"
            )
        return head, tail

    if isinstance(tokens, TokenStore) and given is None:
        # Straight from the store's columns: no Token per token, one write per block of lines.
        text, table = tokens.text, tokens.table
        shown_of = written if written is not None else text
        seen: dict[tuple[str, str, int, int], tuple[str, str]] = {}
        lines: list[str] = []
        add = lines.append
        for start, end, code, ident in zip(tokens.starts, tokens.ends, tokens.kinds, tokens.ids, strict=True):
            shown = shown_of[start:end]
            word = text[start:end] if written is not None else shown
            slot = (shown, word, code, ident)
            pair = seen.get(slot)
            if pair is None:
                facts = table[ident] if ident >= 0 else _NO_FACTS
                pair = seen[slot] = pair_of(shown, word, KINDS[code], facts)
            add(f'{pair[0]}{start}, "end": {end}{pair[1]}')
            if len(lines) >= 4096:
                write("".join(lines))
                lines.clear()
        write("".join(lines))
        return

    parts: dict[tuple[object, ...], tuple[str, str]] = {}
    for token in tokens:
        shown = written[token.start : token.end] if written is not None else token.text
        key = (shown, token.text, token.kind, token.syllables, token.gloss, token.hsk, token.glossary)
        pair = parts.get(key)
        if pair is None:
            facts = (token.syllables, token.gloss, token.hsk, token.glossary)
            pair = parts[key] = pair_of(shown, token.text, token.kind, facts)
        found = given.overlapping(token.start, token.end) if given is not None else ()
        if found:
            extra = ', "given": ' + dumps(" ".join(g.text for g in found), ensure_ascii=False)
            if all(g.syllables for g in found):
                marks = " ".join(to_marks(s) for g in found for s in g.syllables)
                extra += ', "given_pinyin": ' + dumps(marks, ensure_ascii=False)
            write(f'{pair[0]}{token.start}, "end": {token.end}{pair[1][:-2]}{extra}}}\n')
            continue
        write(f'{pair[0]}{token.start}, "end": {token.end}{pair[1]}')


def write_text(doc: Document, tokens: Sequence[Token], out: TextIO, width: int = 80) -> None:
    """Each paragraph as lines of hanzi, each with its aligned pinyin line under it.

    The same line breaker as the reader: words keep their pinyin over their own
    column, lines wrap at ``width`` cells without breaking the Chinese
    line-breaking rules, and ASCII punctuation between Han characters shows
    full width.
    """
    from reader.text.linebreak import break_atoms, display_text, pinyin_line, text_cells, word_atoms
    from reader.text.token_index import TokenIndex
    from reader.text.tones import join_marks

    index = TokenIndex(doc, tokens)
    given = _given(doc)
    # A word's pinyin row text, once per distinct reading (a book has ~15,000, and ~500,000 tokens).
    joined: dict[tuple[str, ...], str] = {}

    def reading_of(syllables: tuple[str, ...]) -> str:
        found = joined.get(syllables)
        if found is None:
            found = joined[syllables] = join_marks(syllables)
        return found

    current_section = None
    for paragraph in doc.paragraphs:
        section = doc.section_at(paragraph.start)
        if section is not current_section:
            current_section = section
            out.write(f"## {section.heading}\n\n")
        display = display_text(doc.text[paragraph.start : paragraph.end])
        words = list(index.in_range(paragraph.start, paragraph.end))
        if given is not None:  # the book's own ruby readings win, as in the reader's pinyin row
            readings = [join_marks(given.apply(t.text, t.start, t.syllables)) for t in words]
        else:
            readings = [reading_of(token.syllables) for token in words]
        atoms = word_atoms(display, words, paragraph.start, readings)
        for first, last in break_atoms(atoms, width):
            top: list[str] = []
            for atom in atoms[first:last]:
                text = display[atom.start - paragraph.start : atom.end - paragraph.start]
                top.append(text + " " * (atom.width - text_cells(text)))
            bottom = pinyin_line(atoms[first:last], readings[first:last])
            out.write("".join(top).rstrip() + "\n" + bottom.rstrip() + "\n")
        out.write("\n")
