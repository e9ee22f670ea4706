"""``reader lookup WORD``: dictionary entries, glossary entry and HSK level of a word."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.commands import COMMANDS

if TYPE_CHECKING:
    from reader.text.cedict_entry import Entry
    from reader.text.glossary import GlossaryEntry


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``lookup`` subcommand."""
    parser = sub.add_parser(
        "lookup",
        help=COMMANDS["lookup"],
        description=(
            "Print every CC-CEDICT reading of WORD with its senses, the glossary entry and the HSK level. "
            "WORD may also be pinyin (yuxunlian, yu4xun4lian4, yùxùnliàn) or English (pretraining): "
            "the words that read or mean so are listed, ranked, glossary terms first."
        ),
    )
    parser.add_argument("word", metavar="WORD", help="hanzi (simplified or traditional), pinyin or English")
    parser.set_defaults(run=run)


@dataclass
class Lookup:
    """What ``reader lookup`` found for one word."""

    word: str
    entries: list[Entry] = field(default_factory=list)
    glossary: GlossaryEntry | None = None
    hsk: int | None = None
    #: Found by reverse lookup: ``pinyin`` or ``english`` ("" for a hanzi lookup).
    found_by: str = ""


def find(word: str) -> list[Lookup]:
    """Gather dictionary entries, glossary entry and HSK level of ``word``.

    When neither the dictionary nor the glossary knows ``word`` as a whole (a
    phrase such as 我们的, or a sentence), it is read as a pop-up dictionary does:
    left to right, the longest glossary term or dictionary word at each point
    (我们 + 的). Characters nothing knows are skipped. An empty list means
    nothing was found at all.
    """
    from reader.text.dictionary import Dictionary
    from reader.text.glossary import glossary_for
    from reader.text.hsk import hsk_level

    glossary = glossary_for()
    dictionary = Dictionary.open()
    whole = Lookup(word, dictionary.lookup(word), glossary.get(word), hsk_level(word))
    if whole.entries or whole.glossary is not None:
        return [whole]
    from reader.text.reverse import reverse_lookup
    from reader.text.tokens import is_han

    if not any(is_han(ch) for ch in word):
        return [
            Lookup(item.word, dictionary.lookup(item.word), glossary.get(item.word), hsk_level(item.word), item.how)
            for item in reverse_lookup(word, glossary, dictionary, hsk_level)
        ]
    parts: list[Lookup] = []
    for part, entries in dictionary.longest_words(word, is_term=lambda text: glossary.get(text) is not None):
        term = glossary.get(part)
        if entries or term is not None:
            parts.append(Lookup(part, entries, term, hsk_level(part)))
    return parts


def run(args: argparse.Namespace) -> int:
    """Print what is known of the word (or of its parts); exit 1 when nothing is."""
    from reader.errors import ReaderError

    word = args.word.strip()
    if any("\ud800" <= ch <= "\udfff" for ch in word):  # bytes that were not UTF-8 (surrogateescape)
        raise ReaderError("the word is not valid UTF-8 text")
    found = find(word)
    if not found:
        print(f"reader: {word!r} is not in the dictionary or the glossary", file=sys.stderr)
        return 1
    if found[0].found_by:
        words = ", ".join(item.word for item in found)
        print(f"{word} read as {found[0].found_by}: {words}\n")
    elif found[0].word != word:
        words = " + ".join(item.word for item in found)
        print(f"{word} is not one dictionary word; read as {words}\n")
    shown: set[str] = set()
    for item in found:
        if item.word in shown:
            continue
        shown.add(item.word)
        if sys.stdout.isatty():
            print_rich(item)
        else:
            sys.stdout.write(plain_text(item))
    return 0


def _hsk_text(level: int | None) -> str:
    from reader.text.hsk import STANDARD, label

    return f"HSK {label(level)} (standard {STANDARD}, GF0025-2021)" if level is not None else "HSK: not graded"


def plain_text(found: Lookup) -> str:
    """The lookup as plain text (for pipes and files)."""
    from reader.text.tones import to_marks

    lines = [found.word, _hsk_text(found.hsk), ""]
    for entry in found.entries:
        trad = f" [{entry.traditional}]" if entry.traditional != entry.simplified else ""
        lines.append(f"{entry.simplified}{trad}  {to_marks(entry.pinyin)}  ({entry.pinyin})")
        for number, sense in enumerate(entry.senses, start=1):
            lines.append(f"  {number}. {sense}")
        lines.extend(_refs(entry, "    → ", to_marks))
        lines.append("")
    if found.glossary is not None:
        g = found.glossary
        lines.append(f"Glossary: {g.term}  {g.pinyin}  ({g.category})")
        lines.append(f"  {g.gloss}")
        lines.append(f"  {g.explanation}")
        lines.append(f"  释义：{g.definition_zh}")
        if g.related:
            lines.append(f"  related: {', '.join(g.related)}")
        lines.append("")
    return "\n".join(lines)


def _refs(entry: Entry, indent: str, marks: Callable[[str], str]) -> list[str]:
    """Lines for the cross-reference targets of ``entry``, nested."""
    out = []
    for target in entry.see_also:
        senses = "; ".join(target.senses)
        out.append(f"{indent}{target.simplified} {marks(target.pinyin)}: {senses}")
        out.extend(_refs(target, "  " + indent, marks))
    return out


def print_rich(found: Lookup) -> None:
    """The lookup with Rich: tone-coloured pinyin, numbered senses, panels."""
    from rich.console import Console, Group
    from rich.panel import Panel
    from rich.text import Text

    from reader.text.tones import SCHEMES, to_marks, tone_of

    colours = SCHEMES["zhongwen"] or ("",) * 5

    def coloured(numbered: str) -> Text:
        text = Text()
        for index, syllable in enumerate(numbered.split()):
            if index:
                text.append(" ")
            tone = tone_of(syllable) or 5
            text.append(to_marks(syllable), style=colours[min(max(tone, 1), 5) - 1])
        return text

    from reader.commands.output import raw
    from reader.text.sanitise import sanitise as safe

    console = Console(file=raw(sys.stdout))  # Rich writes its own sequences; the strings are sanitised
    console.print(Text(safe(found.word), style="bold"), Text("  " + _hsk_text(found.hsk), style="dim"))
    for entry in found.entries:
        head = Text(safe(entry.simplified), style="bold")
        if entry.traditional != entry.simplified:
            head.append(safe(f" [{entry.traditional}]"), style="dim")
        head.append("  ")
        head.append_text(coloured(entry.pinyin))
        body = [Text(safe(f"{n}. {sense}")) for n, sense in enumerate(entry.senses, start=1)]
        body += [Text(safe(line), style="italic") for line in _refs(entry, "→ ", to_marks)]
        console.print(Panel(Group(*body), title=head, title_align="left"))
    if found.glossary is not None:
        g = found.glossary
        body = [Text(safe(g.gloss), style="bold"), Text(safe(g.explanation)), Text(safe(f"释义：{g.definition_zh}"))]
        if g.related:
            body.append(Text(safe(f"related: {', '.join(g.related)}"), style="dim"))
        title = Text(safe(f"Glossary · {g.term} {g.pinyin} · {g.category}"))
        console.print(Panel(Group(*body), title=title, title_align="left"))
