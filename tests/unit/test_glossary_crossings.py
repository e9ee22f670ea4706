"""scripts/glossary_crossings.py: a term's occurrence crosses a word boundary when an edge falls inside a word."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from glossary_crossings import boundaries, crosses, occurrences, overlap_contexts


class FixedCutter:
    """A segmenter that cuts each text as it is told to (words separated by ``|``)."""

    def __init__(self, *cut: str) -> None:
        self.cuts = {c.replace("|", ""): c.split("|") for c in cut}

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        out: list[tuple[int, int, str]] = []
        pos = 0
        for word in self.cuts[text]:
            out.append((pos, pos + len(word), "han"))
            pos += len(word)
        return out


def test_an_edge_inside_a_word_is_a_crossing_and_word_edges_are_not() -> None:
    cuts = boundaries([(0, 2, "han"), (2, 4, "han")])  # 审核|采样
    assert crosses(cuts, 1, 4)  # 核采样 starts inside 审核
    assert not crosses(cuts, 2, 4) and not crosses(cuts, 0, 4)
    assert crosses(cuts, 0, 3)  # ends inside 采样


def test_every_occurrence_is_found_and_judged() -> None:
    cutter = FixedCutter("我们|审核|采样|结果|，|核|采样|很|快")
    found = list(occurrences("核采样", ["我们审核采样结果，核采样很快"], "t", cutter))
    assert [(o.line, o.start, o.crossing) for o in found] == [(1, 3, True), (1, 9, False)]
    assert "审核|采样" in found[0].shown and "[核采样]" in found[0].shown


def test_lines_without_the_term_are_not_cut() -> None:
    assert list(occurrences("核采样", ["没有这个词"], "t", FixedCutter())) == []


def test_overlap_contexts_run_a_word_into_either_edge_of_the_term() -> None:
    contexts = overlap_contexts("核采样", [("审核", 100), ("样子", 50), ("采样", 10), ("核", 5)])
    assert ("审核采样", 100, 1, 4) in contexts  # a word ending with the term's start
    assert ("核采样子", 50, 0, 3) in contexts  # a word beginning with the term's end
    assert all(text != "核采样" for text, _, _, _ in contexts)  # a word inside the term is no context
