"""Moving through the article: scrolling, the word cursor, sections, clicks.

The movement half of :class:`~reader.ui.widgets.article_view.ArticleView`, kept
in a file of its own; the view supplies the layout, the tokens and the cursor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.geometry import Region
from textual.message import Message
from textual.scroll_view import ScrollView

if TYPE_CHECKING:
    from reader.text.document import Document
    from reader.text.layout import Layout
    from reader.text.token_index import TokenIndex


class CursorNavigation(ScrollView):
    """Scrolling and cursor movement over a laid-out document."""

    document: Document
    tokens: TokenIndex
    cursor: int
    selection_anchor: int | None
    pinyin: bool

    if TYPE_CHECKING:

        @property
        def layout_model(self) -> Layout:
            """The current layout."""

        def _sync_virtual_size(self) -> None:
            """Match the virtual size to the layout."""

        def _cursor_span(self) -> tuple[int, int]:
            """``(start, end)`` of the word under the cursor."""

        def word_activated(self, offset: int) -> Message:
            """The message asking for the pop-up at ``offset``."""

    def scroll_to_cursor(self, center: bool = False) -> None:
        """Scroll so the cursor's row (and its pinyin row) is visible.

        ``force``: before the first frame Textual has not decided yet that the view
        has a vertical scrollbar, and would refuse to scroll it.
        """
        if not self.size.width:
            return  # not laid out yet (the cursor is set as the view mounts): the first frame scrolls
        layout = self.layout_model
        y = layout.y_of_offset(self.cursor)
        self._sync_virtual_size()
        top = round(self.scroll_offset.y)
        height = self.scrollable_content_region.height
        first = y - 1 if self.pinyin else y
        if center:
            self.scroll_to(y=max(0, first - height // 3), animate=False, immediate=True, force=True)
        elif first < top:
            self.scroll_to(y=first, animate=False, immediate=True, force=True)
        elif y >= top + height:
            self.scroll_to(y=y - height + 1, animate=False, immediate=True, force=True)

    def cursor_screen_region(self) -> Region:
        """The cursor word's region in screen coordinates (for placing the pop-up)."""
        layout = self.layout_model
        start, end = self._cursor_span()
        y = layout.y_of_offset(start)
        _, row = layout.row_at(y)
        x = 0
        width = 2
        for atom in row.atoms:
            if atom.start <= start < atom.end or atom.start >= start:
                width = max(2, sum(a.width for a in row.atoms if start <= a.start < end))
                break
            x += atom.width
        region = self.content_region
        return Region(region.x + x, region.y + y - round(self.scroll_offset.y), width, 1)

    def action_scroll_lines(self, delta: int) -> None:
        """Scroll by ``delta`` rows; the cursor stays on screen.

        While a selection is being made, ``j`` / ``k`` move the cursor a line
        instead, extending the selection.
        """
        if self.selection_anchor is not None:
            self._cursor_by_rows(delta)
            return
        target = max(0, min(round(self.scroll_offset.y) + delta, self.max_scroll_y))
        self.scroll_to(y=target, animate=False, immediate=True)
        self._cursor_into_view(delta, target)

    def _cursor_by_rows(self, delta: int) -> None:
        """Move the cursor to the word at the same column ``delta`` text rows away."""
        layout = self.layout_model
        y = layout.y_of_offset(self.cursor)
        region = self.cursor_screen_region()
        x = region.x - self.content_region.x
        step = 1 if delta > 0 else -1
        remaining = abs(delta)
        while remaining and 0 <= y + step < layout.height:
            y += step
            if layout.row_at(y)[1].kind == "text":
                remaining -= 1
        offset = self.offset_at(x, y - round(self.scroll_offset.y))
        if offset is not None:
            token = self.tokens.at(offset)
            self.cursor = token.start if token is not None and token.is_word else offset

    def action_scroll_page(self, delta: int) -> None:
        """Scroll by a page."""
        step = max(1, self.scrollable_content_region.height - 2)
        target = max(0, min(round(self.scroll_offset.y) + delta * step, self.max_scroll_y))
        self.scroll_to(y=target, animate=False, immediate=True)
        self._cursor_into_view(delta, target)

    def _cursor_into_view(self, direction: int, top: int) -> None:
        layout = self.layout_model
        height = self.scrollable_content_region.height
        y = layout.y_of_offset(self.cursor)
        rows = range(top, min(top + height, layout.height))
        if direction > 0 and top >= self.max_scroll_y and self._cursor_to_last_heading(rows, y):
            return
        if top <= y < top + height:
            return
        ordered = rows if direction > 0 or y < top else reversed(rows)
        for row_y in ordered:
            _, row = layout.row_at(row_y)
            if row.kind == "text":
                # The first word that starts on this row (not one carried over from above).
                token = self.tokens.next_word(row.start - 1)
                if token is not None and token.start < row.end:
                    self.cursor = token.start
                    return

    def _cursor_to_last_heading(self, rows: range, y: int) -> bool:
        """At the end of the document: put the cursor in the last section that starts on screen.

        Otherwise paging to the end would leave the status line and the outline on
        a section that has scrolled almost out of view.
        """
        layout = self.layout_model
        for row_y in reversed(rows):
            if row_y <= y:
                return False
            index, row = layout.row_at(row_y)
            if row.kind == "heading":
                section = layout.blocks[index].section
                token = self.tokens.word_at_or_after(section.start)
                if token is not None:
                    self.cursor = token.start
                    return True
        return False

    def action_word(self, delta: int) -> None:
        """Move the cursor to the next or previous word."""
        token = self.tokens.next_word(self.cursor) if delta > 0 else self.tokens.previous_word(self.cursor)
        if token is not None:
            self.cursor = token.start

    def action_section(self, delta: int) -> None:
        """Jump to the start of the next or previous section."""
        current = self.document.section_at(self.cursor).index
        target = max(0, min(current + delta, len(self.document.sections) - 1))
        self.go_to_section(target)

    def go_to_section(self, index: int) -> None:
        """Put the section's heading at the top and the cursor on its first word."""
        section = self.document.sections[index]
        token = self.tokens.word_at_or_after(section.start)
        self.cursor = token.start if token is not None else section.start
        layout = self.layout_model
        y = layout.y_of_block(layout.block_of_section(index))
        self.scroll_to(y=y, animate=False, immediate=True)

    def action_edge(self, end: int) -> None:
        """Jump to the top (0) or the bottom (1)."""
        if end:
            last = self.document.paragraphs[-1]
            token = self.tokens.previous_word(last.end) or self.tokens.word_at_or_after(last.start)
            self.cursor = token.start if token else last.start
            self.scroll_to(y=self.layout_model.height, animate=False, immediate=True)
        else:
            token = self.tokens.word_at_or_after(0)
            self.cursor = token.start if token else 0
            self.scroll_to(y=0, animate=False, immediate=True)

    def action_activate(self) -> None:
        """Ask for the pop-up of the word under the cursor."""
        self.post_message(self.word_activated(self.cursor))

    def action_select(self) -> None:
        """Start a selection at the cursor, or drop the current one."""
        self.selection_anchor = None if self.selection_anchor is not None else self.cursor

    def on_click(self, event: events.Click) -> None:
        """A click on a word moves the cursor there and opens its pop-up."""
        content = event.get_content_offset(self)
        if content is None:
            return
        offset = self.offset_at(content.x, content.y)
        if offset is None:
            return
        token = self.tokens.at(offset)
        target = token.start if token is not None and token.is_word else offset
        self.cursor = target
        if token is not None and token.is_word:
            self.post_message(self.word_activated(target))

    def offset_at(self, x: int, y: int) -> int | None:
        """The text offset under widget coordinates ``(x, y)``."""
        layout = self.layout_model
        row_y = y + round(self.scroll_offset.y)
        if row_y >= layout.height:
            return None
        _, row = layout.row_at(row_y)
        if row.kind == "pinyin":
            _, row = layout.row_at(row_y + 1)
        if row.kind != "text":
            return None
        column = 0
        for atom in row.atoms:
            if column <= x < column + atom.width:
                return atom.start
            column += atom.width
        return row.atoms[-1].start if row.atoms else None

    def top_anchor(self) -> tuple[int, int]:
        """``(offset of the first text row on screen, rows above it)``, for resuming."""
        layout = self.layout_model
        top = round(self.scroll_offset.y)
        for gap in range(self.scrollable_content_region.height):
            if top + gap >= layout.height:
                break
            _, row = layout.row_at(top + gap)
            if row.kind == "text":
                return row.start, gap
        return -1, 0

    def restore_top(self, offset: int, gap: int) -> None:
        """Scroll so that the row holding ``offset`` is ``gap`` rows below the top."""
        layout = self.layout_model
        y = layout.y_of_offset(max(0, min(offset, len(self.document.text) - 1)))
        self._sync_virtual_size()
        self.scroll_to(y=max(0, y - gap), animate=False, immediate=True, force=True)
