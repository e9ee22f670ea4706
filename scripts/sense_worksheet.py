"""Print a worksheet for writing learner glosses: the most frequent words of modern written Chinese.

The word list is the ``wordfreq`` package's Chinese list (Han-only words, in
frequency order). For each word the sheet gives its rank, pypinyin's reading,
its HSK 3.0 level and every CC-CEDICT entry (reading and senses), so that a
person writing ``content/senses/*.yaml`` sees what a learner would otherwise be
shown. Used while curating; the product never imports wordfreq.

    python scripts/sense_worksheet.py --start 1 --stop 500 > sheet.txt
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
    args = parser.parse_args()
    from pypinyin import Style, lazy_pinyin

    from reader.text.dictionary import Dictionary
    from reader.text.hsk import hsk_level

    words = frequent_words(args.stop)
    with Dictionary.open() as dictionary:
        for rank, word in enumerate(words, start=1):
            if rank < args.start:
                continue
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
