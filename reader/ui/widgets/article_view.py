"""The article text: a virtual, line-API view with a word cursor.

Only the rows on screen are laid out and drawn, so a book of a million
characters costs what an article does. The screen owns the state and binds it
down (``pinyin``, ``highlight``, ``status_colours``, the span sets); the view
posts :class:`ArticleView.WordActivated` and :class:`ArticleView.FirstPaint` up.
The screen follows the cursor with Textual's ``watch`` rather than a message: a
watcher runs as the cursor changes, so the status line and the outline change
in the same frame as the text (a message arrived a frame, ~30 ms, later).

Movement is worked out by the pure functions of :mod:`reader.text.motion`;
drawing a row by the :class:`~reader.ui.widgets.row_painter.RowPainter` the
view holds.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from functools import partial

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.text import motion
from reader.text.document import Document
from reader.text.layout import Layout, Row
from reader.text.token_index import TokenIndex
from reader.text.tokens import Token
from reader.ui.modes import Redraw, Scope, bindings
from reader.ui.spans import SpanSet
from reader.ui.widgets.row_painter import Frame, ReadingFn, RowPainter, ToneStyleFn, WordStatusFn

#: Layers whose see-through backgrounds are blended with the view's (see ``_component_style``).
_BLENDED = frozenset({"unknown", "learning", "learning-1", "learning-2", "learning-3", "match"})
#: Documents up to this long are laid out completely in the background after the first paint.
_LAY_OUT_AHEAD_CHARS = 200_000
_LAY_OUT_AHEAD_DELAY = 0.05
_LAY_OUT_AHEAD_SLICE = 0.008
#: Words whose pinyin parts are remembered at most (a few screens' worth).
_READINGS_KEPT = 20_000
#: Painted rows remembered at most (ten screens or so): ``j`` / ``k`` paint one new row, not all of them.
_STRIPS_KEPT = 400


class ArticleView(ScrollView, can_focus=True):
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
        "article-view--match",
        "article-view--learning-1",
        "article-view--learning-2",
        "article-view--learning-3",
        *(f"article-view--hsk-{n}" for n in ("1", "2", "3", "4", "5", "6", "7", "beyond")),
    }

    BINDINGS = bindings(Scope.TEXT)

    pinyin: reactive[bool] = reactive(False)
    #: The characters shown: ``as written``, ``simplified`` or ``traditional`` (``text/script.py``).
    script: reactive[str] = reactive("as written")
    highlight: reactive[bool] = reactive(True)
    status_colours: reactive[bool] = reactive(False)
    keywords: reactive[SpanSet] = reactive(SpanSet)
    terms: reactive[SpanSet] = reactive(SpanSet)
    notes: reactive[SpanSet] = reactive(SpanSet)
    matches: reactive[SpanSet] = reactive(SpanSet)  #: search matches
    hsk_colours: reactive[bool] = reactive(False)
    hsk_above: reactive[str] = reactive("all")  #: colour only words above this HSK level ("all": every word)
    cursor: reactive[int] = reactive(0, repaint=False)  #: ``watch_cursor`` redraws the rows it changes
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
        tone_style: ToneStyleFn,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.document = document
        self.tokens = tokens
        self._read = reading
        #: Each word's pinyin parts, worked out once per layout: the layout (for the widths of its
        #: pinyin rows) and the painter (for their tone colours) both ask, and ``p`` asks for a screenful.
        self._readings: dict[tuple[int, int], list[tuple[str, int]]] = {}
        self.painter = RowPainter(document, tokens, self._reading, tone_style)
        self._layout: Layout | None = None
        self._last_height = 0
        self._painted = False
        #: Called once with the first layout, before any row is drawn: the screen
        #: scrolls to the saved position here, so a resumed document's first frame
        #: is already the right place (not the top, then a jump).
        self.first_view: Callable[[], None] | None = None
        #: Called once the first frame is written (the event loop's next turn after it): the
        #: screen starts its language worker here, not a message round trip later.
        self.first_frame: Callable[[], None] | None = None
        #: What the rows of this frame are drawn with (see :meth:`render_lines`).
        self._frame: Frame | None = None
        #: Painted rows by ``id(row)``: ``(row, strip, cursor span it was painted with)``, valid
        #: while :attr:`_strips_key` (the layout, the width and what a frame draws with) holds.
        self._strips: dict[int, tuple[Row, Strip, tuple[int, int]]] = {}
        self._strips_key: tuple[object, ...] = ()
        self._strips_layout: Layout | None = None

    @property
    def word_status(self) -> WordStatusFn:
        """A word's status (``known``, ``learning``, ``unknown``), for the word-status colours."""
        return self.painter.word_status

    @word_status.setter
    def word_status(self, status: WordStatusFn) -> None:
        self.painter.word_status = status
        self.repaint()

    def repaint(self) -> None:
        """Paint every row again (what a row is drawn with changed in a way the frame cannot tell)."""
        self._strips.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        """A theme or CSS change: the remembered rows were painted with the old styles."""
        self._strips.clear()
        super().notify_style_update()

    # -- layout ----------------------------------------------------------------
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
                self.set_reactive(ArticleView.virtual_size, size)
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

    def watch_selection_anchor(self) -> None:
        """Redraw the selection."""
        self.refresh()

    def watch_cursor(self, old: int, new: int) -> None:
        """Redraw the rows of the word the cursor left and of the one it is on; keep the cursor visible.

        Only those rows: redrawing the whole view for a cursor that moved a word
        cost every row's painting again (a scroll, below, redraws everything anyway).
        A selection follows the cursor, so while selecting the whole view is redrawn.
        """
        if self.selection_anchor is not None or self._layout is None or not self.size:
            self.refresh()
        else:
            self._refresh_word(old)
            self._refresh_word(new)
        self.scroll_to_cursor()

    def _refresh_word(self, offset: int) -> None:
        """Redraw the rows of the word at ``offset`` (its pinyin rows too) that are on screen."""
        layout = self.layout_model
        start, end = motion.word_span(self.tokens, offset)
        first = layout.y_of_offset(start) - (1 if layout.pinyin else 0)
        last = layout.y_of_offset(max(start, end - 1))
        self.refresh_lines(first, last - first + 1)

    # -- drawing ---------------------------------------------------------------
    def _new_frame(self) -> Frame:
        return Frame(
            base=self.rich_style,
            component=self._component_style,
            highlight=self.highlight,
            status_colours=self.status_colours,
            keywords=self.keywords,
            terms=self.terms,
            notes=self.notes,
            cursor=motion.word_span(self.tokens, self.cursor),
            selection=self.selection_range() if self.selection_anchor is not None else None,
            matches=self.matches,
            hsk_colours=self.hsk_colours,
            hsk_above=int(self.hsk_above) if self.hsk_above.isdigit() else 0,
        )

    def _component_style(self, name: str) -> Style:
        """A component class's own style, its see-through backgrounds blended with the view's.

        A partial style keeps a background such as ``$warning 20%`` as the full
        colour (terminals have no alpha): the word-status layer drew learning words
        in solid orange under orange keywords. The layers' backgrounds are taken
        from the blended style instead, so what shows is the tint the theme meant.
        """
        partial = self.get_component_rich_style(f"article-view--{name}", partial=True)
        if name in _BLENDED and partial.bgcolor is not None:
            blended = self.get_component_rich_style(f"article-view--{name}", partial=False).bgcolor
            partial = partial + Style(bgcolor=blended)
        return partial

    def _frame_for_paint(self) -> Frame:
        """The :class:`Frame` of this frame; the remembered rows are dropped if they were painted with another."""
        frame = self._new_frame()
        key = (
            id(self._layout),
            self.size.width,
            frame.base,
            frame.highlight,
            frame.status_colours,
            frame.keywords,
            frame.terms,
            frame.notes,
            frame.selection,
            frame.matches,
            frame.hsk_colours,
            frame.hsk_above,
            self.painter.word_status,
        )
        if self._strips_layout is not self._layout or key != self._strips_key:
            self._strips.clear()
            self._strips_key, self._strips_layout = key, self._layout
        return frame

    def render_lines(self, crop: Region) -> list[Strip]:
        """Draw the rows in ``crop``, looking styles up once for the whole frame."""
        self._frame = self._frame_for_paint()
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None
            if not self._painted:
                self._painted = True
                if self.first_frame is not None:
                    asyncio.get_running_loop().call_soon(self.first_frame)
                # Straight to the screen: bubbling up through the containers' queues
                # kept it waiting behind their work for several frames.
                self.call_after_refresh(self.screen.post_message, self.FirstPaint())

    def render_line(self, y: int) -> Strip:
        """Draw row ``y`` of the viewport."""
        layout = self.layout_model
        frame = self._frame or self._frame_for_paint()
        scroll_y = round(self.scroll_offset.y)
        width = self.size.width
        if scroll_y + y >= layout.height:
            return Strip.blank(width, frame.base)
        _, row = layout.row_at(scroll_y + y)
        if layout.height != self._last_height:
            self.call_later(self._sync_virtual_size)
        if row.kind == "blank":
            return Strip.blank(width, frame.base)
        cursor = frame.cursor
        kept = self._strips.get(id(row))
        if kept is not None and kept[0] is row:
            _, strip, painted_with = kept
            # Only a text row shows the cursor: it is still right unless the cursor came or went.
            if (
                painted_with == cursor
                or row.kind != "text"
                or not (_overlaps(row, cursor) or _overlaps(row, painted_with))
            ):
                return strip
        segments, used = self.painter.paint(row, layout, frame)
        # The layout already knows every row's width in cells: padding here spares
        # Rich from measuring the (mostly double-width) text again.
        if used < width:
            segments.append(Segment(" " * (width - used), frame.base))
            strip = Strip(segments, width)
        else:
            strip = Strip(segments, used).crop(0, width)
        if len(self._strips) >= _STRIPS_KEPT:
            del self._strips[next(iter(self._strips))]
        self._strips[id(row)] = (row, strip, cursor)
        return strip

    def selection_range(self) -> tuple[int, int]:
        """``(start, end)`` of the selection, or of the word under the cursor."""
        return motion.selection_range(self.tokens, self.cursor, self.selection_anchor)

    # -- movement ----------------------------------------------------------------
    def _viewport(self) -> motion.Viewport:
        return motion.Viewport(round(self.scroll_offset.y), self.scrollable_content_region.height, self.max_scroll_y)

    def _apply(self, move: motion.Move) -> None:
        """Scroll, then move the cursor (which scrolls further only if it would be off screen)."""
        if move.top is not None:
            self.scroll_to(y=move.top, animate=False, immediate=True)
        if move.cursor is not None:
            self.cursor = move.cursor

    def scroll_to_cursor(self, center: bool = False) -> None:
        """Scroll so the cursor's row (and its pinyin row) is visible.

        ``force``: before the first frame Textual has not decided yet that the view
        has a vertical scrollbar, and would refuse to scroll it.
        """
        if not self.size.width:
            return  # not laid out yet (the cursor is set as the view mounts): the first frame scrolls
        layout = self.layout_model
        self._sync_virtual_size()
        top = motion.scroll_for_cursor(layout, self.cursor, self._viewport(), center=center)
        if top is not None:
            self.scroll_to(y=top, animate=False, immediate=True, force=True)

    def jump_to(self, offset: int) -> None:
        """Put the cursor on ``offset``, a third of the way down the screen, and take the focus."""
        self.cursor = offset
        self.scroll_to_cursor(center=True)
        self.focus()

    def cursor_screen_region(self) -> Region:
        """The cursor word's region in screen coordinates (for placing the pop-up).

        It holds the word's pinyin row too, when interlinear pinyin is on, and
        every row of a word broken across lines.
        """
        layout = self.layout_model
        start, end = motion.word_span(self.tokens, self.cursor)
        x, y, width = motion.cursor_cell(layout, (start, end))
        last = layout.y_of_offset(max(start, end - 1))
        region = self.content_region
        top = y - 1 if y > 0 and layout.row_at(y - 1)[1].kind == "pinyin" else y
        if last > y:  # broken across lines: the whole width of those rows
            x, width = 0, region.width
        return Region(region.x + x, region.y + top - round(self.scroll_offset.y), width, last - top + 1)

    def visible_span(self) -> tuple[int, int] | None:
        """``(start, end)`` offsets of the text rows on screen, or ``None`` when none is."""
        layout = self.layout_model
        top = round(self.scroll_offset.y)
        start = end = -1
        for y in range(top, min(top + self.scrollable_content_region.height, layout.height)):
            row = layout.row_at(y)[1]
            if row.kind == "text" and row.atoms:
                start = row.start if start < 0 else start
                end = row.end
        return (start, end) if start >= 0 else None

    def popup_area(self) -> Region:
        """Where a pop-up may be drawn, in screen coordinates: inside the border, left of the scrollbar."""
        region, padding = self.scrollable_content_region, self.styles.padding
        return Region(
            region.x - padding.left,
            region.y - padding.top,
            region.width + padding.left + padding.right,
            region.height + padding.top + padding.bottom,
        )

    def action_scroll_lines(self, delta: int) -> None:
        """Scroll by ``delta`` rows; the cursor stays on screen (while selecting, it moves a line instead)."""
        if self.selection_anchor is not None:
            self._apply(motion.Move(motion.cursor_by_rows(self.layout_model, self.tokens, self.cursor, delta)))
        else:
            self._apply(motion.scroll_lines(self.layout_model, self.tokens, self.cursor, self._viewport(), delta))

    def action_scroll_page(self, delta: int) -> None:
        """Scroll by a page."""
        self._apply(motion.scroll_page(self.layout_model, self.tokens, self.cursor, self._viewport(), delta))

    def action_word(self, delta: int) -> None:
        """Move the cursor to the next or previous word."""
        self._apply(motion.Move(motion.next_word(self.tokens, self.cursor, delta)))

    def action_section(self, delta: int) -> None:
        """Jump to the start of the next or previous section."""
        self._apply(motion.section_step(self.document, self.tokens, self.layout_model, self.cursor, delta))

    def go_to_section(self, index: int) -> None:
        """Put the section's heading at the top and the cursor on its first word."""
        self._apply(motion.go_to_section(self.document, self.tokens, self.layout_model, index))

    def action_edge(self, end: int) -> None:
        """Jump to the top (0) or the bottom (1)."""
        self._apply(motion.edge(self.document, self.tokens, self.layout_model, bool(end)))

    def action_activate(self) -> None:
        """Ask for the pop-up of the word under the cursor."""
        self.post_message(self.WordActivated(self.cursor))

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
        self.cursor, on_word = motion.snap_to_word(self.tokens, offset)
        if on_word:
            self.post_message(self.WordActivated(self.cursor))

    def offset_at(self, x: int, y: int) -> int | None:
        """The text offset under widget coordinates ``(x, y)``."""
        return motion.offset_at(self.layout_model, x, y + round(self.scroll_offset.y))

    def top_anchor(self) -> tuple[int, int]:
        """``(offset of the first text row on screen, rows above it)``, for resuming."""
        return motion.top_anchor(self.layout_model, self._viewport())

    def resume(self, top: int, gap: int, offset: int) -> None:
        """Put back what was on screen: the row holding ``top`` ``gap`` rows down (none if -1), the cursor in sight.

        ``offset`` is where the cursor was saved: without a saved top, a cursor
        past the start is shown a third of the way down.
        """
        if top >= 0:
            self._sync_virtual_size()
            self.scroll_to(
                y=motion.top_for_anchor(self.layout_model, top, gap), animate=False, immediate=True, force=True
            )
        self.scroll_to_cursor(center=top < 0 and offset > 0)


def _overlaps(row: Row, span: tuple[int, int]) -> bool:
    """True when the text of ``row`` and the span ``[start, end)`` share a character."""
    return row.start < span[1] and span[0] < row.end
