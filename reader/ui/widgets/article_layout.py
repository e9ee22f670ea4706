"""The article view's layout: the text laid out for the view's width and settings, lazily, block by block.

:class:`ArticleLayout` is a mixin of :class:`~reader.ui.widgets.article_view.ArticleView`.
It makes the :class:`~reader.text.layout.Layout` (on first use, and again when
the width, pinyin or script changes), lays out the blocks on screen first and a
small document's other blocks in the background, keeps the virtual size in step
with the blocks' heights, remembers each word's pinyin parts for one layout, and
lays the text out again after a mode change, new tokens or a resize with the
cursor on its screen row. The attributes it works on are the view's, made in
its ``__init__``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from textual.geometry import Size
from textual.scroll_view import ScrollView

from reader.text import motion
from reader.text.layout import Layout
from reader.text.tokens import Token
from reader.ui.modes import Redraw

if TYPE_CHECKING:
    from textual import events
    from textual.reactive import reactive

    from reader.text.document import Document
    from reader.text.token_index import TokenIndex
    from reader.ui.widgets.row_painter import ReadingFn, RowPainter

    _Base = ScrollView
else:
    _Base = object

#: Documents up to this long are laid out completely in the background after the first paint.
_LAY_OUT_AHEAD_CHARS = 200_000
_LAY_OUT_AHEAD_DELAY = 0.05
_LAY_OUT_AHEAD_SLICE = 0.008
#: Words whose pinyin parts are remembered at most (a few screens' worth).
_READINGS_KEPT = 20_000


class ArticleLayout(_Base):
    """Lay the text out for the view: lazily, ahead in the background, and again when a mode or the width changes."""

    if TYPE_CHECKING:
        document: Document
        tokens: TokenIndex
        painter: RowPainter
        _read: ReadingFn
        _readings: dict[tuple[int, int], list[tuple[str, int]]]
        _layout: Layout | None
        _last_height: int
        first_view: Callable[[], None] | None
        pinyin: reactive[bool]
        script: reactive[str]
        cursor: reactive[int]

        def repaint(self) -> None:
            """Paint every row again (the view's)."""

        def scroll_to_cursor(self, center: bool = False) -> None:
            """Scroll so the cursor's row is visible (the view's)."""

        def _viewport(self) -> motion.Viewport: ...

    @property
    def layout_model(self) -> Layout:
        """The current layout, built for the current width on first use."""
        width = max(self.scrollable_content_region.width, 10)
        if (
            self._layout is None
            or self._layout.width != width
            or self._layout.pinyin != self.pinyin
            or self._layout.script != self.script
        ):
            first_view = self.first_view if self.size.width and self.size.height else None
            layout = self._new_layout(width)
            if first_view is not None:
                self.first_view = None
                self._sync_virtual_size()
                first_view()  # scrolls to where the reader was: the first frame shows it
            self._lay_out_view(layout)
            self._sync_virtual_size()
        return self._layout  # type: ignore[return-value]

    def _new_layout(self, width: int) -> Layout:
        """A new layout for the current settings (none of its blocks laid out yet), now the view's."""
        self._layout = layout = Layout(
            self.document, width, pinyin=self.pinyin, tokens=self._token_source, script=self.script
        )
        if len(self.document.text) <= _LAY_OUT_AHEAD_CHARS:
            self.set_timer(_LAY_OUT_AHEAD_DELAY, partial(self._lay_out_ahead, layout, 0))
        return layout

    def _lay_out_view(self, layout: Layout) -> None:
        """Lay out the blocks on screen now, so that their exact heights are in the first virtual size."""
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

    def _reading(self, token: Token) -> list[tuple[str, int]]:
        """The pinyin parts of ``token``, remembered until the next layout."""
        key = (token.start, token.end)
        parts = self._readings.get(key)
        if parts is None:
            if len(self._readings) > _READINGS_KEPT:
                self._readings.clear()
            parts = self._readings[key] = self._read(token)
        return parts

    def _token_source(self, start: int, end: int) -> tuple[Sequence[Token], Sequence[str]]:
        tokens = self.tokens.in_range(start, end)
        readings = ["".join(part for part, _ in self.painter.reading(t)) for t in tokens]
        return tokens, readings

    def _sync_virtual_size(self) -> None:
        layout = self._layout
        if layout is None:
            return
        height = layout.height
        if height != self._last_height or self.virtual_size.width != layout.width:
            self._last_height = height
            size = Size(layout.width, height)
            if self.virtual_size.width == size.width and self.size:
                # Only the height changed (estimates became exact as blocks were laid out): the
                # view keeps its place on screen, so no layout pass of the whole screen is needed,
                # which ``virtual_size`` (a layout reactive) would ask for, and with it a second
                # full frame after every jump. Textual's own ``_size_updated(layout=False)`` does
                # the same; the scrollbars follow (and a scrollbar shown or hidden lays out again).
                self.set_reactive(ScrollView.virtual_size, size)  # the view's own (inherited)
                self._scroll_update(size)
            else:
                self.virtual_size = size

    def redraw(self, what: Redraw) -> None:
        """Redraw after a mode changed: repaint the rows, or lay the text out again, in one frame.

        Only interlinear pinyin coming or going keeps the words' pinyin parts (the
        readings are the same, only whether they are shown changed); any other mode
        (sandhi, a tone scheme, the script) may change them.
        """
        layout = self._layout
        if not (what is Redraw.LAYOUT and layout is not None and layout.pinyin != self.pinyin):
            self._readings.clear()
        if what is Redraw.LAYOUT:
            self._relayout_now()
        elif what is Redraw.PAINT:
            self.repaint()

    def _relayout_now(self) -> None:
        """Lay out again and scroll in this frame, the cursor staying on its screen row.

        Only the blocks from the new top to the cursor are laid out here (the rest of
        the screen as it is drawn): no frame at the old scroll offset first.
        """
        layout = self._layout
        height = self.scrollable_content_region.height
        if layout is None or not self.size or self.first_view is not None:
            self._relayout()
            return
        row = layout.y_of_offset(self.cursor) - round(self.scroll_offset.y)
        at_top = round(self.scroll_offset.y) == 0
        layout = self._new_layout(max(self.scrollable_content_region.width, 10))
        if 0 <= row < height:
            top: int | None = motion.top_for_cursor_row(layout, self.cursor, row, height, at_top=at_top)
            self._sync_virtual_size()
        else:  # the cursor was off screen: brought just into view, as a cursor move would
            self._sync_virtual_size()
            top = motion.scroll_for_cursor(layout, self.cursor, self._viewport())
        if top is not None:
            self.scroll_to(y=top, animate=False, immediate=True, force=True)
        self.refresh()

    def relayout(self) -> None:
        """Lay out again (the tokens changed), the cursor staying on its screen row."""
        self._readings.clear()
        self._relayout()

    def _relayout(self) -> None:
        """Lay out again after the next frame (width or tokens changed), the cursor staying on its screen row."""
        row = None
        if self._layout is not None:
            row = self._layout.y_of_offset(self.cursor) - round(self.scroll_offset.y)
            if not 0 <= row < self.scrollable_content_region.height:
                row = None
        at_top = round(self.scroll_offset.y) == 0
        self._layout = None
        self.refresh()
        self.call_after_refresh(self._restore_cursor_row, row, at_top)

    def _restore_cursor_row(self, row: int | None, at_top: bool = False) -> None:
        """Scroll so the cursor is back on ``row`` of the viewport (or just visible)."""
        if row is None:
            self.scroll_to_cursor(center=False)
            return
        layout = self.layout_model
        top = motion.top_for_cursor_row(layout, self.cursor, row, self.scrollable_content_region.height, at_top=at_top)
        self._sync_virtual_size()
        self.scroll_to(y=top, animate=False, immediate=True)

    def on_resize(self, event: events.Resize) -> None:
        """Lay out again for a new width, keeping the cursor where it was on screen.

        Textual sends a resize after the first layout too, and a change of height
        alone (the footer arriving) keeps every row: neither needs a new layout,
        which would restart the background pass and change the virtual size.
        """
        layout = self._layout
        if layout is not None and layout.width == max(self.scrollable_content_region.width, 10):
            return
        self._relayout()
