"""Moving through laid-out text: pure functions from (layout, tokens, cursor, viewport) to a new cursor and scroll.

The article view owns none of this logic: it hands over its layout, its token
index, the cursor and what is on screen (a :class:`Viewport`), and applies the
:class:`Move` it gets back (scroll first, then the cursor). Rows are counted
from the top of the document; the viewport's ``top`` is the first row on screen.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from reader.text.document import Document
from reader.text.layout import Layout
from reader.text.token_index import TokenIndex


@dataclass(frozen=True)
class Viewport:
    """What is on screen: the first row, how many rows, and the furthest the view can scroll."""

    top: int
    height: int
    max_top: int


@dataclass(frozen=True)
class Move:
    """Where to scroll (``top``) and where to put the cursor; ``None`` leaves either as it is."""

    cursor: int | None = None
    top: int | None = None


def word_span(tokens: TokenIndex, cursor: int) -> tuple[int, int]:
    """``(start, end)`` of the word under the cursor (the one character if no token is there)."""
    token = tokens.at(cursor)
    return (cursor, cursor + 1) if token is None else (token.start, token.end)


def selection_range(tokens: TokenIndex, cursor: int, anchor: int | None) -> tuple[int, int]:
    """``(start, end)`` of the selection from ``anchor`` to the cursor, or of the word under the cursor."""
    here = word_span(tokens, cursor)
    if anchor is None:
        return here
    there = word_span(tokens, anchor)
    return (min(here[0], there[0]), max(here[1], there[1]))


def scroll_for_cursor(layout: Layout, cursor: int, view: Viewport, *, center: bool = False) -> int | None:
    """The top that shows the cursor's row (and its pinyin row), or ``None`` if it is visible already."""
    y = layout.y_of_offset(cursor)
    first = y - 1 if layout.pinyin else y
    if center:
        return max(0, first - view.height // 3)
    if first < view.top:
        return first
    if y >= view.top + view.height:
        return y - view.height + 1
    return None


def cursor_cell(layout: Layout, span: tuple[int, int]) -> tuple[int, int, int]:
    """``(x, y, width)`` in cells of the word ``span`` in the layout (for placing the pop-up)."""
    start, end = span
    y = layout.y_of_offset(start)
    _, row = layout.row_at(y)
    x = 0
    width = 2
    for atom in row.atoms:
        if atom.start <= start < atom.end or atom.start >= start:
            width = max(2, sum(a.width for a in row.atoms if start <= a.start < end))
            break
        x += atom.width
    return x, y, width


def offset_at(layout: Layout, x: int, y: int) -> int | None:
    """The text offset at column ``x`` of document row ``y`` (a pinyin row answers for its text row)."""
    if y >= layout.height:
        return None
    _, row = layout.row_at(y)
    if row.kind == "pinyin":
        _, row = layout.row_at(y + 1)
    if row.kind != "text":
        return None
    column = 0
    for atom in row.atoms:
        if column <= x < column + atom.width:
            return atom.start
        column += atom.width
    return row.atoms[-1].start if row.atoms else None


def snap_to_word(tokens: TokenIndex, offset: int) -> tuple[int, bool]:
    """``(cursor, on a word)``: the start of the word at ``offset``, or the offset itself."""
    token = tokens.at(offset)
    if token is not None and token.is_word:
        return token.start, True
    return offset, False


def cursor_by_rows(layout: Layout, tokens: TokenIndex, cursor: int, delta: int) -> int | None:
    """The word at the cursor's column ``delta`` text rows away (extending a selection with ``j`` / ``k``)."""
    x, y, _ = cursor_cell(layout, word_span(tokens, cursor))
    step = 1 if delta > 0 else -1
    remaining = abs(delta)
    while remaining and 0 <= y + step < layout.height:
        y += step
        if layout.row_at(y)[1].kind == "text":
            remaining -= 1
    offset = offset_at(layout, x, y)
    return None if offset is None else snap_to_word(tokens, offset)[0]


def scroll_lines(layout: Layout, tokens: TokenIndex, cursor: int, view: Viewport, delta: int) -> Move:
    """Scroll ``delta`` rows; the cursor moves only if it would leave the screen."""
    top = max(0, min(view.top + delta, view.max_top))
    return Move(_cursor_into_view(layout, tokens, cursor, view, delta, top), top)


def scroll_page(layout: Layout, tokens: TokenIndex, cursor: int, view: Viewport, delta: int) -> Move:
    """Scroll ``delta`` pages (a page keeps two rows of the last one in sight)."""
    step = max(1, view.height - 2)
    top = max(0, min(view.top + delta * step, view.max_top))
    return Move(_cursor_into_view(layout, tokens, cursor, view, delta, top), top)


def _cursor_into_view(
    layout: Layout, tokens: TokenIndex, cursor: int, view: Viewport, direction: int, top: int
) -> int | None:
    """A new cursor on screen once the view's top is ``top`` (``None``: the cursor is on screen)."""
    y = layout.y_of_offset(cursor)
    rows = range(top, min(top + view.height, layout.height))
    if direction > 0 and top >= view.max_top:
        last = _last_heading_on_screen(layout, tokens, rows, y)
        if last is not None:
            return last
    if top <= y < top + view.height:
        return None
    ordered = rows if direction > 0 or y < top else reversed(rows)
    for row_y in ordered:
        _, row = layout.row_at(row_y)
        if row.kind == "text":
            # The first word that starts on this row (not one carried over from above).
            token = tokens.next_word(row.start - 1)
            if token is not None and token.start < row.end:
                return token.start
    return None


def _last_heading_on_screen(layout: Layout, tokens: TokenIndex, rows: range, y: int) -> int | None:
    """At the end of the document: the first word of the last section that starts on screen below the cursor.

    Otherwise paging to the end would leave the status line and the outline on
    a section that has scrolled almost out of view.
    """
    for row_y in reversed(rows):
        if row_y <= y:
            return None
        index, row = layout.row_at(row_y)
        if row.kind == "heading":
            token = tokens.word_at_or_after(layout.blocks[index].section.start)
            if token is not None:
                return token.start
    return None


def next_word(tokens: TokenIndex, cursor: int, delta: int) -> int | None:
    """The start of the next (``delta`` > 0) or previous word."""
    token = tokens.next_word(cursor) if delta > 0 else tokens.previous_word(cursor)
    return None if token is None else token.start


def go_to_section(document: Document, tokens: TokenIndex, layout: Layout, index: int) -> Move:
    """The section's heading at the top, the cursor on its first word."""
    section = document.sections[index]
    token = tokens.word_at_or_after(section.start)
    return Move(token.start if token is not None else section.start, layout.y_of_block(layout.block_of_section(index)))


def section_stops(document: Document, level: int) -> list[int]:
    """Indices, in order, of the sections ``]`` and ``[`` may land on from a section at ``level``.

    Those at that level or above that have text of their own. Built once per
    level and kept in ``Document.meta``.
    """
    cache = document.meta.setdefault("_section_stops", {})
    stops = cache.get(level)
    if stops is None:
        stops = [s.index for s in document.sections if s.level <= level and s.paragraphs]
        cache[level] = stops
    return stops


def section_step(document: Document, tokens: TokenIndex, layout: Layout, cursor: int, delta: int) -> Move:
    """The start of the next (``delta`` 1) or previous (−1) section at the cursor's section's level.

    In a book of parts and chapters, from a chapter ``]`` goes to the next chapter,
    on into the next part when this part has no more, never into a chapter's
    sub-sections; ``[`` goes back the same way. A part heading with no text of its own is passed over
    (the cursor cannot rest in it). Clamped to the first and last sections.
    """
    current = document.section_at(cursor).index
    stops = section_stops(document, document.sections[current].level)
    target = current
    for _ in range(abs(delta)):
        # The nearest stop after (before) the target, found by bisection: a book of
        # 7,000 chapters costs the same ``]`` as an article.
        at = bisect.bisect_right(stops, target) if delta > 0 else bisect.bisect_left(stops, target) - 1
        if not 0 <= at < len(stops):
            break
        target = stops[at]
    return go_to_section(document, tokens, layout, target)


def edge(document: Document, tokens: TokenIndex, layout: Layout, end: bool) -> Move:
    """The top of the document, or its bottom (the cursor on the last word)."""
    if end:
        last = document.paragraphs[-1]
        token = tokens.previous_word(last.end) or tokens.word_at_or_after(last.start)
        return Move(token.start if token else last.start, layout.height)
    first = tokens.word_at_or_after(0)
    return Move(first.start if first else 0, 0)


def top_anchor(layout: Layout, view: Viewport) -> tuple[int, int]:
    """``(offset of the first text row on screen, rows above it)``, for resuming; ``(-1, 0)`` if none."""
    for gap in range(view.height):
        if view.top + gap >= layout.height:
            break
        _, row = layout.row_at(view.top + gap)
        if row.kind == "text":
            return row.start, gap
    return -1, 0


def top_for_anchor(layout: Layout, offset: int, gap: int) -> int:
    """The top that puts the row holding ``offset`` ``gap`` rows below the top of the screen."""
    return max(0, layout.y_of_offset(max(0, min(offset, len(layout.document.text) - 1))) - gap)


def top_for_cursor_row(layout: Layout, cursor: int, row: int, height: int, *, at_top: bool) -> int:
    """The top that puts the cursor back on screen row ``row`` after a new layout.

    A view that was at the very top stays there while the cursor fits, and the
    cursor's pinyin row (above its text row) is never cut off. The blocks between
    the new top and the cursor are laid out first, so that the top is exact (an
    estimated height there would put the cursor rows off its place, or off screen).
    """
    lay_out_above(layout, cursor, row + 1)
    y = layout.y_of_offset(cursor)
    top = 0 if at_top and y < height else max(0, y - row)
    if layout.pinyin and y - 1 < top:
        top = max(0, y - 1)
    return top


def lay_out_above(layout: Layout, offset: int, rows: int) -> None:
    """Lay out the block of ``offset`` and the blocks above it, until ``rows`` exact rows lie above ``offset``'s row."""
    index = layout.block_of_offset(offset)
    above = layout.y_of_offset(offset) - layout.y_of_block(index)
    while index > 0 and above < rows:
        index -= 1
        above += len(layout.rows(index))
