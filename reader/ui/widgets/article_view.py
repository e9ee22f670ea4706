"""The article text: a virtual, line-API view with a word cursor.

Only the rows on screen are laid out and drawn, so a book of a million
characters costs what an article does. The screen owns the state and binds it
down (``pinyin``, ``highlight``, ``status_colours``, ``cursor``); the view posts
:class:`ArticleView.WordActivated` and :class:`ArticleView.FirstPaint` up. The
screen follows the cursor with Textual's ``watch`` rather than a message: a
watcher runs as the cursor changes, so the status line and the outline change
in the same frame as the text (a message arrived a frame, ~30 ms, later).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from functools import partial

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from reader.text.document import Document
from reader.text.layout import Layout
from reader.text.linebreak import text_cells
from reader.text.token_index import TokenIndex
from reader.text.tokens import Token
from reader.ui.spans import SpanSet
from reader.ui.widgets.article_rows import ReadingFn, RowPainter

#: Documents up to this long are laid out completely in the background after the first paint.
_LAY_OUT_AHEAD_CHARS = 200_000
_LAY_OUT_AHEAD_DELAY = 0.05
_LAY_OUT_AHEAD_SLICE = 0.008


class ArticleView(RowPainter, can_focus=True):
    """The document's sections and paragraphs, with a word cursor."""

    COMPONENT_CLASSES = {
        "article-view--heading",
        "article-view--subtitle",
        "article-view--keyword",
        "article-view--term",
        "article-view--cursor",
        "article-view--selection",
        "article-view--note",
        "article-view--learning",
        "article-view--unknown",
        "article-view--pinyin",
    }

    BINDINGS = [
        Binding("j,down", "scroll_lines(1)", "Down", show=False),
        Binding("k,up", "scroll_lines(-1)", "Up", show=False),
        Binding("pagedown", "scroll_page(1)", "Page down", show=False),
        Binding("pageup", "scroll_page(-1)", "Page up", show=False),
        Binding("l,right", "word(1)", "Next word", show=False),
        Binding("h,left", "word(-1)", "Prev word", show=False),
        Binding("right_square_bracket", "section(1)", "Next §"),
        Binding("left_square_bracket", "section(-1)", "Prev §"),
        Binding("g,home", "edge(0)", "Top", show=False),
        Binding("G,end", "edge(1)", "Bottom", show=False),
        Binding("enter", "activate", "Look up"),
        Binding("v", "select", "Select", show=False),
    ]

    pinyin: reactive[bool] = reactive(False)
    highlight: reactive[bool] = reactive(True)
    status_colours: reactive[bool] = reactive(False)
    cursor: reactive[int] = reactive(0)
    selection_anchor: reactive[int | None] = reactive(None)

    class FirstPaint(Message):
        """The text is on the screen for the first time: slow work may start now."""

    class WordActivated(Message):
        """The user asked for the pop-up of the word at ``offset``."""

        def __init__(self, offset: int) -> None:
            super().__init__()
            self.offset = offset

    def __init__(
        self,
        document: Document,
        tokens: TokenIndex,
        reading: ReadingFn,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.document = document
        self.tokens = tokens
        self.reading = reading
        self.keywords = SpanSet()
        self.terms = SpanSet()
        self.notes = SpanSet()
        self.word_status: Callable[[str], str] = lambda word: "known"
        self._layout: Layout | None = None
        self._last_height = 0
        self._painted = False
        #: Called once with the first layout, before any row is drawn: the screen
        #: scrolls to the saved position here, so a resumed document's first frame
        #: is already the right place (not the top, then a jump).
        self.first_view: Callable[[], None] | None = None
        #: Styles looked up once per frame (see :meth:`render_lines`), not once per row or cell.
        self._frame: dict[str, Style] | None = None

    def word_activated(self, offset: int) -> Message:
        """The message asking the screen for the pop-up at ``offset``."""
        return self.WordActivated(offset)

    # -- layout ----------------------------------------------------------------
    @property
    def layout_model(self) -> Layout:
        """The current layout, built for the current width on first use."""
        width = max(self.scrollable_content_region.width, 10)
        if self._layout is None or self._layout.width != width or self._layout.pinyin != self.pinyin:
            self._layout = Layout(self.document, width, pinyin=self.pinyin, tokens=self._token_source)
            first_view = self.first_view if self.size.width and self.size.height else None
            if first_view is not None:
                self.first_view = None
                self._sync_virtual_size()
                first_view()  # scrolls to where the reader was: the first frame shows it
            self._lay_out_view(self._layout)
            self._sync_virtual_size()
            if len(self.document.text) <= _LAY_OUT_AHEAD_CHARS:
                self.set_timer(_LAY_OUT_AHEAD_DELAY, partial(self._lay_out_ahead, self._layout, 0))
        return self._layout

    def _lay_out_view(self, layout: Layout) -> None:
        """Lay out the blocks on screen now, before the first virtual size is set.

        They are drawn next anyway; laid out first, their exact heights are in the
        first virtual size, which then does not change (a full re-layout of the
        screen) right after the first frame.
        """
        top = round(self.scroll_offset.y)
        bottom = top + self.scrollable_content_region.height
        index, _ = layout.block_at(top)
        while index < len(layout.blocks) and layout.y_of_block(index) < bottom:
            layout.rows(index)
            index += 1

    def _lay_out_ahead(self, layout: Layout, index: int) -> None:
        """Lay out every block of a small document in the background, a few ms at a time.

        Once all heights are exact the virtual size stops changing under the
        user's keys (each change re-lays out the whole screen).
        """
        if layout is not self._layout:
            return  # a newer layout replaced this one (resize, pinyin, tokens)
        deadline = time.perf_counter() + _LAY_OUT_AHEAD_SLICE
        count = len(layout.blocks)
        anchor = layout.y_of_offset(self.cursor)
        while index < count and time.perf_counter() < deadline:
            layout.rows(index)
            index += 1
        moved = layout.y_of_offset(self.cursor) - anchor
        if moved:
            # Exact heights above the cursor replaced estimates: scroll with the
            # text so that what the reader is looking at does not jump.
            self._sync_virtual_size()
            self.scroll_to(y=round(self.scroll_offset.y) + moved, animate=False, immediate=True)
        if index < count:
            self.set_timer(0.01, partial(self._lay_out_ahead, layout, index))
        else:
            self._sync_virtual_size()

    def _token_source(self, start: int, end: int) -> tuple[Sequence[Token], Sequence[str]]:
        tokens = self.tokens.in_range(start, end)
        readings = ["".join(part for part, _ in self.reading(t)) for t in tokens]
        return tokens, readings

    def _sync_virtual_size(self) -> None:
        layout = self._layout
        if layout is None:
            return
        height = layout.height
        if height != self._last_height or self.virtual_size.width != layout.width:
            self._last_height = height
            self.virtual_size = Size(layout.width, height)

    def relayout(self) -> None:
        """Lay out again (tokens, width or settings changed), the cursor staying on its screen row."""
        row = self._cursor_screen_row()
        at_top = round(self.scroll_offset.y) == 0
        self._layout = None
        self.refresh()
        self.call_after_refresh(self._restore_cursor_row, row, at_top)

    def _cursor_screen_row(self) -> int | None:
        """The cursor's row within the viewport, if a layout exists and it is visible."""
        if self._layout is None:
            return None
        row = self._layout.y_of_offset(self.cursor) - round(self.scroll_offset.y)
        return row if 0 <= row < self.scrollable_content_region.height else None

    def _restore_cursor_row(self, row: int | None, at_top: bool = False) -> None:
        """Scroll so the cursor is back on ``row`` of the viewport (or just visible).

        A view that was at the very top stays there while the cursor fits, and
        the cursor's pinyin row (above its text row) is never cut off.
        """
        if row is None:
            self.scroll_to_cursor(center=False)
            return
        y = self.layout_model.y_of_offset(self.cursor)
        height = self.scrollable_content_region.height
        target = 0 if at_top and y < height else max(0, y - row)
        if self.pinyin and y - 1 < target:
            target = max(0, y - 1)
        self._sync_virtual_size()
        self.scroll_to(y=target, animate=False, immediate=True)

    def on_resize(self, event: events.Resize) -> None:
        """Lay out again for a new width, keeping the cursor where it was on screen.

        Textual sends a resize after the first layout too, and a change of height
        alone (the footer arriving) keeps every row: neither needs a new layout,
        which would restart the background pass and change the virtual size.
        """
        layout = self._layout
        if layout is not None and layout.width == max(self.scrollable_content_region.width, 10):
            return
        self.relayout()

    def watch_pinyin(self) -> None:
        """Interlinear pinyin changes every row."""
        self.relayout()

    def watch_highlight(self) -> None:
        """Redraw with or without highlighting."""
        self.refresh()

    def watch_status_colours(self) -> None:
        """Redraw with or without word-status colours."""
        self.refresh()

    def watch_selection_anchor(self) -> None:
        """Redraw the selection."""
        self.refresh()

    def watch_cursor(self, old: int, new: int) -> None:
        """Keep the cursor visible."""
        self.refresh()
        self.scroll_to_cursor()

    # -- drawing ---------------------------------------------------------------
    def render_lines(self, crop: Region) -> list[Strip]:
        """Draw the rows in ``crop``, looking styles up once for the whole frame."""
        self._frame = {}
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None
            if not self._painted:
                self._painted = True
                # Straight to the screen: bubbling up through the containers' queues
                # kept it waiting behind their work for several frames.
                self.call_after_refresh(self.screen.post_message, self.FirstPaint())

    def render_line(self, y: int) -> Strip:
        """Draw row ``y`` of the viewport."""
        layout = self.layout_model
        scroll_y = round(self.scroll_offset.y)
        base = self._base_style()
        width = self.size.width
        if scroll_y + y >= layout.height:
            return Strip.blank(width, base)
        _, row = layout.row_at(scroll_y + y)
        if layout.height != self._last_height:
            self.call_later(self._sync_virtual_size)
        if row.kind == "blank":
            return Strip.blank(width, base)
        if row.kind == "heading":
            segments = self._heading_segments(row)
            used = text_cells(row.text)
        elif row.kind == "pinyin":
            segments = self._pinyin_segments(row)
            used = sum(atom.width for atom in row.atoms)
        else:
            segments = self._text_segments(row, layout)
            used = sum(atom.width for atom in row.atoms)
        # The layout already knows every row's width in cells: padding here spares
        # Rich from measuring the (mostly double-width) text again.
        if used < width:
            segments.append(Segment(" " * (width - used), base))
            return Strip(segments, width)
        return Strip(segments, used).crop(0, width)

    def _cursor_span(self) -> tuple[int, int]:
        token = self.tokens.at(self.cursor)
        if token is None:
            return (self.cursor, self.cursor + 1)
        return (token.start, token.end)

    def _selection_span(self) -> tuple[int, int] | None:
        if self.selection_anchor is None:
            return None
        return self.selection_range()

    def selection_range(self) -> tuple[int, int]:
        """``(start, end)`` of the selection, or of the word under the cursor."""
        here = self._cursor_span()
        if self.selection_anchor is None:
            return here
        anchor = self.tokens.at(self.selection_anchor)
        there = (anchor.start, anchor.end) if anchor else (self.selection_anchor, self.selection_anchor + 1)
        return (min(here[0], there[0]), max(here[1], there[1]))
