"""Reverse lookup: from pinyin (toned or toneless) or English to the words that match, ranked.

``reader lookup yuxunlian`` and ``reader lookup pretraining`` both find 预训练.
The glossary comes first (its terms are what the learner is reading about),
then CC-CEDICT: words with a sense that *is* the English query before those
that merely mention it, then by HSK level (common words first; ungraded last),
then shorter words, then the dictionary's order.

Pure: no Textual or Rich. The query is read by :func:`reader.text.search.parse_query`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.text.search import Query, normal_gloss, parse_query, parse_syllables

if TYPE_CHECKING:
    from reader.text.dictionary import Dictionary
    from reader.text.glossary import Glossary

#: How many words a reverse lookup returns at most.
LIMIT = 12


@dataclass(frozen=True)
class Found:
    """A word found by reverse lookup, and why."""

    word: str
    source: str  #: ``glossary`` or ``dictionary``
    how: str  #: ``pinyin`` or ``english``


def pinyin_glob(syllables: tuple[tuple[str, str], ...]) -> str:
    """The SQLite GLOB of CC-CEDICT's run-together numbered pinyin for parsed syllables."""
    return "".join(letters + (tone or "[1-5]") for letters, tone in syllables)


def _reading_matches(marked: str, syllables: tuple[tuple[str, str], ...]) -> bool:
    """True when a glossary's tone-marked reading spells the query's syllables."""
    theirs = parse_syllables(marked)
    if len(theirs) != len(syllables):
        return False
    return all(a == b and (not tone or tone == their) for (a, tone), (b, their) in zip(syllables, theirs, strict=True))


def _english_rank(senses: tuple[str, ...], pattern: re.Pattern[str], english: str) -> int | None:
    """How well senses match an English query (lower is better), None when none has it.

    0: the first sense *is* the query (``to eat; to consume`` for "eat" or "to eat");
    1: a later sense is; 2: a sense has it as a whole word.
    """
    bare = english.removeprefix("to ").removeprefix("a ").removeprefix("the ")
    best: int | None = None
    for index, sense in enumerate(senses):
        for part in re.split(r"[;,]", re.sub(r"\([^)]*\)", "", sense)):
            normal = normal_gloss(part).strip(" .")
            if normal in (english, bare, f"to {bare}", f"a {bare}", f"an {bare}", f"the {bare}"):
                return 0 if index == 0 else 1
        if best is None and pattern.search(normal_gloss(sense)):
            best = 2
    return best


def reverse_lookup(
    text: str,
    glossary: Glossary | None,
    dictionary: Dictionary | None,
    hsk_level: Callable[[str], int | None],
    limit: int = LIMIT,
) -> list[Found]:
    """Words that read as ``text`` (pinyin) or mean it (English), ranked, glossary first."""
    query: Query = parse_query(text)
    if query.empty or query.hanzi:
        return []
    english = query.english_pattern()
    # (tier, source, rank, HSK level, length, order): exact matches (and every pinyin match) are tier 0,
    # mentions tier 1; within a tier the glossary comes first.
    ranked: list[tuple[tuple[int, int, int, int, int, int], Found]] = []
    if glossary is not None:
        for term, entry in glossary.entries.items():
            if query.syllables and _reading_matches(entry.pinyin, query.syllables):
                ranked.append(((0, 0, 0, 0, len(term), 0), Found(term, "glossary", "pinyin")))
            elif english is not None:
                rank = _english_rank((entry.gloss,), english, query.english)
                if rank is not None:
                    ranked.append(((rank // 2, 0, rank, 0, len(term), 0), Found(term, "glossary", "english")))
    if dictionary is not None:
        order = 0
        if query.syllables:
            for word in dictionary.headwords_where(pinyin_glob=pinyin_glob(query.syllables)):
                level = hsk_level(word)
                key = (0, 1, 0, level if level is not None else 99, len(word), order)
                ranked.append((key, Found(word, "dictionary", "pinyin")))
                order += 1
        if english is not None:
            for word in dictionary.headwords_where(senses_like=query.english):
                senses = tuple(s for entry in dictionary.lookup(word) for s in entry.senses)
                rank = _english_rank(senses, english, query.english)
                if rank is None:
                    continue
                level = hsk_level(word)
                key = (rank // 2, 1, rank, level if level is not None else 99, len(word), order)
                ranked.append((key, Found(word, "dictionary", "english")))
                order += 1
    found: dict[str, Found] = {}
    for _, item in sorted(ranked, key=lambda pair: pair[0]):
        found.setdefault(item.word, item)
    return list(found.values())[:limit]
