"""Sorted, non-overlapping spans with fast membership by offset."""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterable


class SpanSet:
    """``[start, end)`` spans; ``contains(offset)`` is a bisect.

    The spans are kept merged in two machine arrays (a book's glossary terms are
    hundreds of thousands of spans: no tuple or int object each). Spans given in
    order (a token store's, a search's) are merged as they come, never sorted or
    listed whole; others are sorted first.
    """

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts = array("q")
        self._ends = array("q")
        pending = iter(spans)
        for start, end in pending:
            if self._starts and start < self._starts[-1]:  # out of order: sort the rest with what is kept
                rest = sorted([*zip(self._starts, self._ends, strict=True), (start, end), *pending])
                self._starts, self._ends = array("q"), array("q")
                for first, last in rest:
                    self._add(first, last)
                return
            self._add(start, end)

    def _add(self, start: int, end: int) -> None:
        """Append a span that starts at or after the last one, merging an overlap."""
        if self._starts and start <= self._ends[-1]:
            self._ends[-1] = max(end, self._ends[-1])
        else:
            self._starts.append(start)
            self._ends.append(end)

    def __len__(self) -> int:
        return len(self._starts)

    def overlaps(self, start: int, end: int) -> bool:
        """True when a span shares a character with ``[start, end)``."""
        index = bisect.bisect_left(self._ends, start + 1)  # the first span ending after ``start``
        return index < len(self._starts) and self._starts[index] < end

    def contains(self, offset: int) -> bool:
        """True when ``offset`` lies inside a span."""
        index = bisect.bisect_right(self._starts, offset) - 1
        return index >= 0 and offset < self._ends[index]


def find_all(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Every occurrence of each term (longest terms first, no overlaps)."""
    taken: list[tuple[int, int]] = []
    covered = SpanSet()
    for term in sorted({t for t in terms if t}, key=len, reverse=True):
        pos = text.find(term)
        while pos >= 0:
            if not covered.contains(pos) and not covered.contains(pos + len(term) - 1):
                taken.append((pos, pos + len(term)))
            pos = text.find(term, pos + len(term))
        covered = SpanSet(taken)
    return taken
