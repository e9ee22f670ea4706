"""How a free phrase is cut into parts and its parts' meanings joined.

A token that no dictionary lists (jieba's own phrases such as 在实践中 or
十分钟, and its new words) is glossed by its parts. Plain phrases read
"very + difficult"; two kinds of phrase read as English does:

- a **numeral phrase**, a number and what it counts: 十分钟 "ten minutes",
  三杯 "three cups (of)", 第三 "third"; the number is cut off first, so that
  十分钟 is 十 + 分钟, not 十分 "very" + 钟 "clock";
- a **frame**, a preposition and a place word around a noun: 在实践中 "in
  practice", 在会议上 "on + meeting" reads "on meeting".

Pure module: the sense chooser (:mod:`reader.text.senses`) supplies each
part's meaning in its place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from reader.text.cedict_entry import Entry
from reader.text.numerals import NUMERAL_PREFIX, english_number, english_ordinal, parse_number, plural

__all__ = [
    "TITLES",
    "Part",
    "first_meaning",
    "fraction_gloss",
    "frame_of",
    "meanings_of",
    "numeral_gloss",
    "split_phrase",
    "surname_of",
    "unit_of",
]

#: A part of a phrase and its dictionary entries.
Part = tuple[str, list[Entry]]

#: 在 … 中: the place word that closes a frame, and the English preposition of the whole.
_FRAME_CLOSE = {
    "中": "in",
    "里": "in",
    "内": "in",
    "之中": "in",
    "当中": "in",
    "之内": "within",
    "上": "on",
    "下": "under",
    "之下": "under",
    "前": "before",
    "之前": "before",
    "以前": "before",
    "后": "after",
    "之后": "after",
    "以后": "after",
    "之间": "between",
    "外": "outside",
    "之外": "outside",
}
#: Prepositions that open a frame (在实践中, 从小到大 is not one).
_FRAME_OPEN = frozenset({"在", "于"})
_CLASSIFIER_NOUN = re.compile(r"^\(classifier\)\s*([^;()]+?)\s*(?:[;(]|$)")


def meanings_of(gloss: str) -> list[str]:
    """A gloss's ``;``-separated meanings; a ``;`` inside brackets does not separate ("to be (is; am; are)")."""
    out: list[str] = []
    depth = 0
    start = 0
    for index, char in enumerate(gloss):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char == ";" and depth == 0:
            out.append(gloss[start:index].strip())
            start = index + 1
    out.append(gloss[start:].strip())
    return [part for part in out if part]


#: Titles and kinship terms that follow a surname (王太太, 李老师, 张总).
TITLES = frozenset(
    "先生 太太 女士 小姐 夫人 老师 教授 博士 医生 大夫 师傅 经理 总 董 局长 部长 主任 校长 院长 书记 同学 阿姨 叔叔 "
    "伯伯 大爷 大妈 大姐 大哥 老板 律师 记者 主席 总统 市长 省长 工 科长 处长".split()
)


def surname_of(entries: Sequence[Entry], syllables: Sequence[str]) -> str:
    """The surname a character's entries give it, romanised ("Wang"), or "" when it is not a surname."""
    for entry in entries:
        if any(sense.startswith("surname ") for sense in entry.senses):
            syllable = (syllables[0] if syllables else entry.pinyin.split()[0]).rstrip("012345")
            return syllable.replace("u:", "ü").replace("v", "ü").capitalize()
    return ""


def first_meaning(gloss: str) -> str:
    """The first of a gloss's ``;``-separated meanings, without a leading bracketed label."""
    parts = meanings_of(gloss)
    first = parts[0] if parts else ""
    bare = re.sub(r"^\([^)]*\)\s*", "", first)
    return bare or first


def split_phrase(
    word: str,
    longest_words: Callable[[str], list[Part]],
    known: Callable[[str], bool],
    common: Callable[[str], bool] | None = None,
    keeps_cut: Callable[[str], bool] | None = None,
) -> list[Part]:
    """``word`` as its parts: a leading numeral cut off when the rest is one known word, else the longest words.

    With ``common`` (a word a learner meets often: one the learner glosses
    cover), the longest words left to right give way to another cut into as
    few dictionary words that has more common ones: 做作业 is 做 + 作业 "to do
    + homework", not 做作 "affected" + 业 "industry" (:func:`_fewest_common`),
    unless the longest-first cut ends in a single character that ``keeps_cut``
    names (a classifier stays with what it counts: 好几 + 个).
    """
    match = NUMERAL_PREFIX.match(word)
    if match and 0 < match.end() < len(word):
        rest = word[match.end() :]
        if known(rest):
            numeral = match.group()
            numeral_parts = longest_words(numeral)
            entries = numeral_parts[0][1] if len(numeral_parts) == 1 else []
            return [(numeral, entries), *longest_words(rest)]
    parts = longest_words(word)
    last = parts[-1][0] if parts else ""
    if keeps_cut is not None and len(last) == 1 and keeps_cut(last):
        return parts
    if common is not None and 2 <= len(parts) and len(word) <= _CUT_CHARS:
        return _fewest_common(word, parts, longest_words, common)
    return parts


#: Phrases up to this long are cut every way (at most 2 ** (n - 1) cuts, looked up once per piece).
_CUT_CHARS = 8


def _fewest_common(
    word: str, greedy: list[Part], longest_words: Callable[[str], list[Part]], common: Callable[[str], bool]
) -> list[Part]:
    """The cut of ``word`` into the fewest dictionary words, the most of them common; ``greedy`` on a tie.

    Every piece of two or more characters must be one dictionary word; a single
    character always may be a piece. Ranked by (pieces, common pieces), so a
    cut is only ever replaced by one as short with more words a learner knows.
    """

    def score(parts: Sequence[Part]) -> tuple[int, int]:
        return (len(parts), -sum(1 for part, _ in parts if common(part)))

    pieces: dict[tuple[int, int], Part | None] = {}

    def piece(start: int, end: int) -> Part | None:
        key = (start, end)
        if key not in pieces:
            found = longest_words(word[start:end])
            whole = len(found) == 1 and (end - start == 1 or bool(found[0][1]))
            pieces[key] = found[0] if whole else None
        return pieces[key]

    best: list[list[Part] | None] = [None] * (len(word) + 1)
    best[0] = []
    for end in range(1, len(word) + 1):
        for start in range(end):
            before = best[start]
            part = piece(start, end) if before is not None else None
            if before is None or part is None:
                continue
            candidate = [*before, part]
            current = best[end]
            if current is None or score(candidate) < score(current):
                best[end] = candidate
    found = best[len(word)]
    return found if found is not None and score(found) < score(greedy) else greedy


def frame_of(parts: Sequence[str]) -> str:
    """The English preposition when ``parts`` are a frame (在 + … + 中 → "in"), else ""."""
    if len(parts) < 3 or parts[0] not in _FRAME_OPEN:
        return ""
    return _FRAME_CLOSE.get(parts[-1], "")


def unit_of(gloss: str) -> str:
    """The English unit a classifier's gloss names ("(classifier) cup; glass" → "cup"), or "" if none."""
    match = _CLASSIFIER_NOUN.match(gloss.strip())
    if match:
        return match.group(1).strip()
    if gloss.lstrip().startswith("("):
        return ""  # "(classifier for books)": no English noun to count
    return first_meaning(gloss)


#: 百分之二十 "twenty percent", 千分之五 "five per mille", 三分之二 "two thirds": (whole, share).
_FRACTION = re.compile(r"^(百|千|万|[一二两三四五六七八九十]+)分之([零〇一二两三四五六七八九十百千万]+)$")
_PER = {"百": "percent", "千": "per mille", "万": "per ten thousand"}


def fraction_gloss(word: str) -> str:
    """A fraction or percentage in English: 百分之二十 → "twenty percent", 三分之二 → "two thirds"; else ""."""
    match = _FRACTION.match(word)
    if not match:
        return ""
    whole, share = match.groups()
    part = parse_number(share)
    if part is None:
        return ""
    if whole in _PER:
        return f"{english_number(part)} {_PER[whole]}"
    denominator = parse_number(whole)
    if denominator is None or denominator < 2:
        return ""
    ordinal = "half" if denominator == 2 else "quarter" if denominator == 4 else english_ordinal(denominator)
    return f"{english_number(part)} {plural(ordinal) if part != 1 else ordinal}"


def numeral_gloss(numeral: str, unit: str) -> str:
    """A numeral and what it counts in English: ("十", "minute") → "ten minutes"; "" if the numeral is not one.

    An empty ``unit`` (a classifier with no English noun) gives "three (+ classifier)".
    """
    ordinal = numeral.startswith("第")
    value = parse_number(numeral[1:] if ordinal else numeral)
    if value is None:
        return ""
    if ordinal:
        said = english_ordinal(value)
        return f"{said} {unit.replace('(s)', '')}" if unit else said
    said = english_number(value)
    if not unit:
        return f"{said} (+ classifier)"
    return f"{said} {plural(unit) if value != 1 else unit.replace('(s)', '')}"
