"""Cursor motion as pure functions: layout, tokens, cursor and viewport in, a new cursor and scroll out.

The document, laid out 20 cells wide (row: what it shows)::

     0 heading 一  One           8 heading 二  Two
     1 blank                     9 blank
     2 alpha beta gamma         10 lambda mu nu xi
     3 delta epsilon zeta       11 omicron pi rho sigma
     4 eta theta                12 tau
     5 blank                    13 blank
     6 iota kappa
     7 blank
"""

from __future__ import annotations

import re

import pytest

from reader.text import motion
from reader.text.document import Document, DocumentBuilder
from reader.text.layout import Layout
from reader.text.motion import Move, Viewport
from reader.text.token_index import TokenIndex


def _document() -> Document:
    builder = DocumentBuilder()
    builder.add_section("一", "One", ["alpha beta gamma delta epsilon zeta eta theta", "iota kappa"], section_id="one")
    builder.add_section("二", "Two", ["lambda mu nu xi omicron pi rho sigma tau"], section_id="two")
    return builder.build(id="motion", title="motion")


DOC = _document()
TOKENS = TokenIndex(DOC)


def at(word: str) -> int:
    """The offset of the whole word ``word``."""
    match = re.search(rf"\b{word}\b", DOC.text)
    assert match is not None, word
    return match.start()


def layout(pinyin: bool = False) -> Layout:
    result = Layout(DOC, 20, pinyin=pinyin)
    for index in range(len(result.blocks)):
        result.rows(index)
    return result


def view(top: int, height: int = 4) -> Viewport:
    return Viewport(top, height, max(0, layout().height - height))


@pytest.mark.parametrize(
    "cursor, delta, expected",
    [
        ("alpha", 1, "beta"),
        ("beta", -1, "alpha"),
        ("theta", 1, "iota"),  # across paragraphs
        ("kappa", 1, "lambda"),  # across sections
        ("alpha", -1, None),  # nothing before the first word
        ("tau", 1, None),
    ],
)
def test_next_word(cursor: str, delta: int, expected: str | None) -> None:
    assert motion.next_word(TOKENS, at(cursor), delta) == (None if expected is None else at(expected))


@pytest.mark.parametrize(
    "cursor, top, expected",
    [
        ("alpha", 0, None),  # on screen (rows 0-3)
        ("eta", 0, 1),  # just below: scroll one row
        ("alpha", 5, 2),  # above: its row at the top
        ("tau", 0, 9),  # far below: its row at the bottom
    ],
)
def test_scroll_for_cursor(cursor: str, top: int, expected: int | None) -> None:
    assert motion.scroll_for_cursor(layout(), at(cursor), view(top)) == expected


def test_scroll_for_cursor_keeps_the_pinyin_row_in_sight() -> None:
    pinyin = layout(pinyin=True)
    y = pinyin.y_of_offset(at("delta"))
    assert motion.scroll_for_cursor(pinyin, at("delta"), Viewport(y, 4, 99)) == y - 1


@pytest.mark.parametrize(
    "cursor, top, delta, expected",
    [
        ("alpha", 0, 1, Move(None, 1)),  # the cursor stays while it is on screen
        ("alpha", 2, 1, Move(at("delta"), 3)),  # scrolled off the top: first word of the top row
        ("iota", 6, -1, Move(None, 5)),
        ("iota", 3, -3, Move(at("delta"), 0)),  # off the bottom going up: the last text row on screen
        ("alpha", 0, -1, Move(None, 0)),  # already at the top
    ],
)
def test_scroll_lines(cursor: str, top: int, delta: int, expected: Move) -> None:
    assert motion.scroll_lines(layout(), TOKENS, at(cursor), view(top), delta) == expected


def test_scroll_page_keeps_two_rows_and_clamps_at_the_end() -> None:
    assert motion.scroll_page(layout(), TOKENS, at("alpha"), view(0, 6), 1) == Move(at("eta"), 4)
    end = motion.scroll_page(layout(), TOKENS, at("alpha"), view(0, 6), 9)
    # Paging to the end puts the cursor in the last section that starts on screen.
    assert end == Move(at("lambda"), 8)


@pytest.mark.parametrize(
    "cursor, delta, expected",
    [
        ("alpha", 1, "lambda"),
        ("tau", 1, "lambda"),  # clamped to the last section
        ("tau", -1, "alpha"),
        ("beta", -1, "alpha"),
    ],
)
def test_section_step(cursor: str, delta: int, expected: str) -> None:
    move = motion.section_step(DOC, TOKENS, layout(), at(cursor), delta)
    heading = 8 if expected == "lambda" else 0
    assert move == Move(at(expected), heading)


def test_edges() -> None:
    assert motion.edge(DOC, TOKENS, layout(), end=False) == Move(at("alpha"), 0)
    assert motion.edge(DOC, TOKENS, layout(), end=True) == Move(at("tau"), layout().height)


@pytest.mark.parametrize(
    "x, y, expected",
    [
        (0, 2, "alpha"),
        (7, 2, "beta"),  # inside the word: the word
        (0, 3, "delta"),
        (99, 4, "theta"),  # past the end of the row: its last atom (a Latin word is one)
        (0, 0, None),  # a heading
        (0, 1, None),  # a blank row
        (0, 99, None),  # below the text
    ],
)
def test_offset_at(x: int, y: int, expected: str | None) -> None:
    offset = motion.offset_at(layout(), x, y)
    if expected is None:
        assert offset is None
    else:
        assert offset == at(expected)


def test_snap_to_word() -> None:
    assert motion.snap_to_word(TOKENS, at("beta") + 2) == (at("beta"), True)
    assert motion.snap_to_word(TOKENS, at("beta") - 1) == (at("beta") - 1, False)  # the space


@pytest.mark.parametrize(
    "cursor, delta, expected",
    [
        ("alpha", 1, "delta"),
        ("delta", 1, "eta"),
        ("alpha", 2, "eta"),
        ("eta", -2, "alpha"),
        ("gamma", 1, "epsilon"),  # the word at the same column
        ("eta", 1, "iota"),  # the blank row between paragraphs is skipped
    ],
)
def test_cursor_by_rows(cursor: str, delta: int, expected: str) -> None:
    assert motion.cursor_by_rows(layout(), TOKENS, at(cursor), delta) == at(expected)


@pytest.mark.parametrize(
    "cursor, anchor, expected",
    [
        ("beta", None, ("beta", "beta")),
        ("beta", "delta", ("beta", "delta")),
        ("delta", "beta", ("beta", "delta")),
    ],
)
def test_selection_range(cursor: str, anchor: str | None, expected: tuple[str, str]) -> None:
    first, last = expected
    assert motion.selection_range(TOKENS, at(cursor), None if anchor is None else at(anchor)) == (
        at(first),
        at(last) + len(last),
    )


def test_top_anchor_and_back() -> None:
    lay = layout()
    assert motion.top_anchor(lay, Viewport(0, 4, 10)) == (0, 2)  # heading and blank above the first text row
    assert motion.top_anchor(lay, Viewport(3, 4, 10)) == (at("delta"), 0)
    assert motion.top_for_anchor(lay, at("delta"), 0) == 3
    assert motion.top_for_anchor(lay, 0, 2) == 0


@pytest.mark.parametrize(
    "cursor, row, at_top, expected",
    [
        ("delta", 1, False, 2),
        ("delta", 5, False, 0),
        ("tau", 1, True, 11),  # the cursor is not on the first screen: at_top does not hold it
        ("delta", 3, True, 0),
    ],
)
def test_top_for_cursor_row(cursor: str, row: int, at_top: bool, expected: int) -> None:
    assert motion.top_for_cursor_row(layout(), at(cursor), row, 4, at_top=at_top) == expected
