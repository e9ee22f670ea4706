"""Print a worksheet for writing learner glosses: the most frequent words of modern written Chinese.

The word list is the ``wordfreq`` package's Chinese list (Han-only words, in
frequency order). For each word the sheet gives its rank, pypinyin's reading,
its HSK 3.0 level and every CC-CEDICT entry (reading and senses), so that a
person writing ``content/senses/*.yaml`` sees what a learner would otherwise be
shown. Used while curating; the product never imports wordfreq.

    python scripts/sense_worksheet.py --start 1 --stop 500 > sheet.txt

With ``--hsk N`` it lists instead the HSK 3.0 words of levels 1 to N, and with
``--document NAME`` the words of a document, that no file of
``content/senses/`` covers yet (``--part K/M`` takes the K-th of M slices).
"""

from __future__ import annotations

import argparse
import re

_HAN_WORD = re.compile(r"[\u4e00-\u9fff]+")


def frequent_words(count: int) -> list[str]:
    """The ``count`` most frequent Han-only words of wordfreq's Chinese list."""
    import wordfreq

    out: list[str] = []
    for word in wordfreq.top_n_list("zh", count * 2):
        if _HAN_WORD.fullmatch(word):
            out.append(word)
            if len(out) == count:
                break
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start", type=int, default=1, help="first rank (1-based)")
    parser.add_argument("--stop", type=int, default=2000, help="last rank, inclusive")
    parser.add_argument("--hsk", type=int, help="uncovered HSK words of levels 1..N instead")
    parser.add_argument("--document", help="uncovered words of this document instead")
    parser.add_argument("--part", default="1/1", help="K/M: the K-th of M slices of the list")
    args = parser.parse_args()
    if args.hsk or args.document:
        words = uncovered(args.hsk, args.document)
        k, m = (int(x) for x in args.part.split("/"))
        size = -(-len(words) // m)
        print_sheet(list(enumerate(words[(k - 1) * size : k * size], start=(k - 1) * size + 1)))
        return
    words = frequent_words(args.stop)
    print_sheet([(rank, word) for rank, word in enumerate(words, start=1) if rank >= args.start])


def uncovered(hsk: int | None, document: str | None) -> list[str]:
    """Words (HSK levels 1..hsk, or of a document) that no learner-gloss file covers, in order."""
    from reader.text.annotate import LanguageStack, sense_files
    from reader.text.glossary import glossary_for
    from reader.text.senses import load_sense_book

    book = load_sense_book(sense_files())
    if hsk:
        from reader.text.hsk import _tables

        levels = _tables()[0]
        return [
            w
            for w, level in sorted(levels.items(), key=lambda i: (i[1], i[0]))
            if level <= hsk and w not in book.uses and _HAN_WORD.fullmatch(w)
        ]
    from reader.text.content import resolve_document
    from reader.text.dictionary import Dictionary

    doc = resolve_document(str(document))
    glossary = glossary_for(doc.path)
    stack = LanguageStack(glossary, Dictionary.open())
    seen: dict[str, None] = {}
    for token in stack.annotate_document(doc, use_cache=False):
        if token.kind == "han" and token.text not in book.uses and token.text not in glossary:
            seen.setdefault(token.text)
    return list(seen)


def print_sheet(rows: list[tuple[int, str]]) -> None:
    """Print the worksheet lines of ``(rank, word)`` rows."""
    from pypinyin import Style, lazy_pinyin

    from reader.text.dictionary import Dictionary
    from reader.text.hsk import hsk_level

    with Dictionary.open() as dictionary:
        for rank, word in rows:
            reading = " ".join(lazy_pinyin(word, style=Style.TONE3, neutral_tone_with_five=True))
            level = hsk_level(word)
            print(f"## {rank} {word}  pypinyin: {reading}  HSK: {level if level is not None else '-'}")
            entries = dictionary.lookup(word)
            if not entries:
                print("   (no CC-CEDICT entry)")
            for entry in entries:
                print(f"   [{entry.pinyin}] " + " / ".join(entry.senses))


if __name__ == "__main__":
    main()
