"""Sorted, non-overlapping spans with fast membership by offset."""

from __future__ import annotations

import bisect
from collections.abc import Iterable


class SpanSet:
    """``[start, end)`` spans; ``contains(offset)`` is a bisect."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        self._starts = [s for s, _ in merged]
        self._ends = [e for _, e in merged]

    def __len__(self) -> int:
        return len(self._starts)

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
