"""Readings a book gives in ruby (``<ruby>漢<rt>hàn</rt></ruby>``): looked up by offset, read as pinyin.

An EPUB or HTML document keeps its ruby readings in ``Document.meta["given_readings"]``
as ``[start, end, reading]`` in document offsets (``reader.text.html_text``).
:class:`GivenReadings` indexes them once per document and answers two
questions: which readings a word overlaps (the pop-up shows them as the
book's, beside the reader's own), and which numbered syllable the book gives
each Han character (the interlinear pinyin row and ``reader annotate`` use it).

A reading is pinyin (marked or numbered) or zhuyin (bopomofo, as books from
Taiwan give it). Zhuyin is converted syllable by syllable through a table built
from pypinyin's own pinyin → zhuyin converter over every Mandarin syllable
(:data:`reader.text.tones.SYLLABLES`), inverted: no hand-written table. A
reading that does not split into one syllable per Han character of its base
(``<ruby>明天<rt>míng</rt></ruby>``, or text that is not a reading) is still
shown as given in the pop-up, and leaves the characters their own readings.

Pure Python: no Textual or Rich; pypinyin is imported only for zhuyin.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from reader.text.tokens import is_han

if TYPE_CHECKING:
    from reader.text.document import Document

#: Zhuyin letters (Bopomofo and its extension block).
_ZHUYIN = re.compile("[\u3105-\u312f\u31a0-\u31bf]")
#: Tone marks of zhuyin: ˉ (first, usually left out), ˊ ˇ ˋ, and ˙ (neutral, before or after the syllable).
_ZHUYIN_TONES = {"ˉ": 1, "ˊ": 2, "ˇ": 3, "ˋ": 4, "˙": 5}


@dataclass(frozen=True)
class Given:
    """One ruby: the base's offsets, the reading as the book writes it, and its numbered syllables (or ``()``)."""

    start: int
    end: int
    text: str
    syllables: tuple[str, ...] = ()

    @property
    def is_zhuyin(self) -> bool:
        """True when the book writes this reading in zhuyin."""
        return bool(_ZHUYIN.search(self.text))


def is_zhuyin(text: str) -> bool:
    """True when ``text`` holds zhuyin (bopomofo) letters."""
    return bool(_ZHUYIN.search(text))


@lru_cache(maxsize=1)
def _zhuyin_table() -> dict[str, str]:
    """Bare zhuyin (no tone mark) → toneless pinyin, inverted from pypinyin's converter over every syllable."""
    from pypinyin.style.bopomofo import BopomofoConverter

    from reader.text.tones import SYLLABLES

    convert = BopomofoConverter().to_bopomofo
    table: dict[str, str] = {}
    for syllable in sorted(SYLLABLES):
        bare = convert(f"{syllable}1")  # the first tone has no mark in zhuyin
        table.setdefault(bare, syllable)
    return table


def zhuyin_syllables(text: str) -> tuple[str, ...]:
    """Zhuyin → numbered pinyin syllables: ``"ㄏㄢˋ ㄗˋ"`` → ``("han4", "zi4")``; ``()`` if any part is not zhuyin.

    Syllables may run together (``ㄓㄨㄥㄍㄨㄛˊ``): each chunk is split into
    known syllables, longer ones first, each with at most one tone mark.
    """
    out: list[str] = []
    for chunk in text.split():
        found = _split_zhuyin(chunk)
        if not found:
            return ()
        out.extend(found)
    return tuple(out)


@lru_cache(maxsize=4096)
def _split_zhuyin(chunk: str) -> tuple[str, ...]:
    """One run of zhuyin as numbered syllables, or ``()`` when it does not split into known ones."""
    from reader.text.tones import to_numbers

    table = _zhuyin_table()
    if not chunk:
        return ()
    tone, at = (5, 1) if chunk[0] == "˙" else (1, 0)
    for stop in range(min(len(chunk), at + 4), at, -1):
        letters = table.get(chunk[at:stop])
        if letters is None:
            continue
        rest, this = stop, tone
        if rest < len(chunk) and chunk[rest] in _ZHUYIN_TONES:
            this, rest = _ZHUYIN_TONES[chunk[rest]], rest + 1
        syllable = to_numbers(f"{letters}{this}")
        if rest == len(chunk):
            return (syllable,)
        tail = _split_zhuyin(chunk[rest:])
        if tail:
            return (syllable, *tail)
    return ()


@lru_cache(maxsize=8192)
def reading_syllables(text: str) -> tuple[str, ...]:
    """A given reading as numbered syllables (CC-CEDICT style, ``lu:4``); ``()`` when it is not a reading."""
    if is_zhuyin(text):
        return zhuyin_syllables(text)
    from reader.text.tones import is_syllable, split_syllables, to_numbers

    pieces = split_syllables(text)
    if not pieces or not all(is_syllable(p) for p in pieces):
        return ()
    return tuple(to_numbers(p) for p in pieces)


@dataclass
class GivenReadings:
    """A document's ruby readings, by offset (see the module docstring)."""

    given: list[Given]
    _starts: list[int] = field(init=False, repr=False)
    _per_char: dict[int, str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.given.sort(key=lambda g: (g.start, g.end))
        self._starts = [g.start for g in self.given]
        self._per_char = {}

    @classmethod
    def of(cls, doc: Document) -> GivenReadings:
        """The readings of ``doc`` (worked out once, kept in its ``meta``)."""
        cached = doc.meta.get("_given")
        if isinstance(cached, GivenReadings):
            return cached
        text = doc.text
        items: list[Given] = []
        per_char: dict[int, str] = {}
        for raw in doc.meta.get("given_readings") or ():
            try:
                start, end, reading = int(raw[0]), int(raw[1]), str(raw[2])
            except (TypeError, ValueError, IndexError):
                continue
            if not 0 <= start < end <= len(text) or not reading.strip():
                continue
            syllables = reading_syllables(reading)
            han = [start + i for i, ch in enumerate(text[start:end]) if is_han(ch)]
            if len(syllables) != len(han):
                syllables = ()
            items.append(Given(start, end, reading.strip(), syllables))
            per_char.update(zip(han, syllables, strict=False))
        out = cls(items)
        out._per_char = per_char
        doc.meta["_given"] = out
        return out

    def __bool__(self) -> bool:
        return bool(self.given)

    def overlapping(self, start: int, end: int) -> list[Given]:
        """The readings whose base overlaps ``[start, end)``, in text order."""
        if not self.given:
            return []
        first = max(0, bisect.bisect_left(self._starts, start) - 1)
        out = []
        for item in self.given[first:]:
            if item.start >= end:
                break
            if item.end > start:
                out.append(item)
        return out

    def syllable_at(self, offset: int) -> str | None:
        """The numbered syllable the book gives the Han character at ``offset``, or None."""
        return self._per_char.get(offset)

    def apply(self, text: str, start: int, syllables: tuple[str, ...]) -> tuple[str, ...]:
        """``syllables`` (one per Han character of ``text`` at ``start``) with the book's readings put in.

        Syllables that do not line up with the Han characters are returned as they are.
        """
        if not self._per_char or not syllables:
            return syllables
        han = [start + i for i, ch in enumerate(text) if is_han(ch)]
        if len(han) != len(syllables):
            return syllables
        return tuple(self._per_char.get(at, own) for at, own in zip(han, syllables, strict=True))

    def label(self, start: int, end: int, *, numbers: bool = False) -> str:
        """The book's readings over ``[start, end)`` as the pop-up shows them: ``hàn zì``, ``ㄏㄢˋ (hàn)``."""
        parts = []
        for item in self.overlapping(start, end):
            if item.is_zhuyin and item.syllables:
                from reader.text.tones import join_marks

                shown = " ".join(item.syllables) if numbers else join_marks(item.syllables)
                parts.append(f"{item.text} ({shown})")
            else:
                parts.append(item.text)
        return " ".join(parts)
