"""SpanSet: merged spans in machine arrays, given in order or not."""

from __future__ import annotations

from reader.ui.spans import SpanSet, find_all


def test_spans_in_order_are_merged_as_they_come() -> None:
    spans = SpanSet([(0, 2), (2, 4), (6, 8), (7, 9), (20, 21)])
    assert len(spans) == 3
    assert [o for o in range(25) if spans.contains(o)] == [0, 1, 2, 3, 6, 7, 8, 20]


def test_spans_out_of_order_are_sorted_first_and_give_the_same_set() -> None:
    given = [(20, 21), (7, 9), (0, 2), (6, 8), (2, 4)]
    assert [o for o in range(25) if SpanSet(given).contains(o)] == [0, 1, 2, 3, 6, 7, 8, 20]
    assert [o for o in range(25) if SpanSet(iter(given)).contains(o)] == [0, 1, 2, 3, 6, 7, 8, 20]
    assert not SpanSet().contains(0) and len(SpanSet()) == 0


def test_find_all_takes_longest_terms_first_without_overlaps() -> None:
    assert find_all("人工智能和智能", ["智能", "人工智能"]) == [(0, 4), (5, 7)]


def test_overlaps_agrees_with_contains_over_every_range() -> None:
    spans = SpanSet([(2, 4), (4, 6), (10, 11), (20, 30)])  # (2, 4) and (4, 6) merge
    for start in range(0, 35):
        for end in range(start + 1, 36):
            expected = any(spans.contains(offset) for offset in range(start, end))
            assert spans.overlaps(start, end) is expected, (start, end)
    assert not SpanSet().overlaps(0, 100)
