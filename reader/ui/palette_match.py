"""Fuzzy matching for the command palette: a query's characters in order, anywhere in a name.

As in VS Code's and Textual's palettes, a name matches when it holds every
character of the query in order (case ignored; Chinese characters are
characters like any other, no pinyin is involved). Matches score higher when
they start words, run together and come early; the matched characters are
returned so that the list can highlight them.

The matcher is plain Python over ``str.find`` (no Textual, no Rich): the
palette runs it over thousands of section names on each key, and a query that
extends the last one is run only over the names the last one matched
(:class:`Narrowing`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

#: Score of each matched character, and the bonuses that order the matches.
_CHAR, _WORD_START, _RUN, _FIRST = 10, 8, 6, 12
#: What one character between two matched ones costs (up to 10), and each character before the first match.
_GAP, _LATE = 1.0, 0.1


@dataclass(frozen=True)
class Match:
    """How well a name matches a query, and which of its characters (code-point indexes) matched."""

    score: float
    positions: tuple[int, ...]


def _word_start(text: str, at: int) -> bool:
    """True when ``text[at]`` begins a word: the name's start, or after a character that is not a letter or digit."""
    return at == 0 or not text[at - 1].isalnum()


def _score(text: str, positions: Sequence[int]) -> float:
    """The score of ``positions`` (increasing) as the matched characters of ``text``."""
    score = _CHAR * len(positions) - _LATE * positions[0]
    if positions[0] == 0:
        score += _FIRST
    previous = -2
    for at in positions:
        if at == previous + 1:
            score += _RUN
        elif previous >= 0:
            score -= _GAP * min(at - previous - 1, 10)
        if _word_start(text, at):
            score += _WORD_START
        previous = at
    return score


def _forward(lowered: str, query: str, start: int) -> list[int] | None:
    """The first occurrence of each query character in turn from ``start``; None when one is missing."""
    positions = []
    at = start - 1
    for char in query:
        at = lowered.find(char, at + 1)
        if at < 0:
            return None
        positions.append(at)
    return positions


def _tightened(lowered: str, query: str, positions: list[int]) -> list[int]:
    """The same last character, each earlier one as late as it can be: the shortest window ending there."""
    tight = [positions[-1]]
    at = positions[-1]
    for char in reversed(query[:-1]):
        at = lowered.rfind(char, 0, at)
        tight.append(at)
    tight.reverse()
    return tight


def match(query: str, text: str, lowered: str | None = None) -> Match | None:
    """How ``text`` matches ``query`` (already lower-cased), or None when it does not hold its characters in order.

    ``lowered`` is ``text.lower()`` when the caller keeps it. Three alignments
    are tried, the best kept: the query as one run (a substring, preferring one
    at a word start), the earliest characters, and the shortest window.
    """
    if not query:
        return Match(0.0, ())
    lowered = text.lower() if lowered is None else lowered
    if len(lowered) != len(text):  # a rare character whose lower case is longer: match the text itself
        lowered = text
    first = _forward(lowered, query, 0)
    if first is None:
        return None
    candidates = [first, _tightened(lowered, query, first)]
    at = lowered.find(query)
    while at >= 0:
        candidates.append(list(range(at, at + len(query))))
        if _word_start(text, at):
            break
        at = lowered.find(query, at + 1)
    # A query that starts a later word ("pin" in "interlinear pinyin"): align its first character there.
    start = lowered.find(query[0], first[0] + 1)
    while start >= 0:
        if _word_start(text, start):
            later = _forward(lowered, query, start)
            if later is not None:
                candidates.append(later)
            break
        start = lowered.find(query[0], start + 1)
    best, score = candidates[0], _score(text, candidates[0])
    for positions in candidates[1:]:
        if positions != best:
            other = _score(text, positions)
            if other > score:
                best, score = positions, other
    return Match(score, tuple(best))


@dataclass
class Narrowing:
    """Match a query over a list of names, reusing the last query's survivors when the new one extends it.

    ``names(i)`` gives the name of item ``i`` of ``count``; their lower-cased
    forms are made on the first query and kept.
    """

    count: int
    names: Callable[[int], str]
    _names: list[str] | None = None
    _lowered: list[str] = field(default_factory=list)
    _last: str = ""
    _survivors: list[int] = field(default_factory=list)

    def name(self, index: int) -> str:
        """The name of item ``index`` (kept since the first query, else made now)."""
        return self._names[index] if self._names is not None else self.names(index)

    def run(self, query: str) -> list[tuple[float, int, Match]]:
        """``(score, index, match)`` for every item matching ``query`` (lower-cased), in item order."""
        if self._names is None:
            self._names = [self.names(i) for i in range(self.count)]
            self._lowered = [name.lower() for name in self._names]
        names, lowered = self._names, self._lowered
        pool: Sequence[int] = self._survivors if self._last and query.startswith(self._last) else range(self.count)
        found = []
        for index in pool:
            name = lowered[index]
            if _forward(name, query, 0) is None:  # the cheap test first: most names fail it
                continue
            result = match(query, names[index], name)
            if result is not None:
                found.append((result.score, index, result))
        self._last, self._survivors = query, [index for _, index, _ in found]
        return found
