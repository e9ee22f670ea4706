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
view holds. Laying the text out is the view's mixin
:class:`~reader.ui.widgets.article_layout.ArticleLayout`, painting its rows
:class:`~reader.ui.widgets.article_paint.ArticlePaint`; here are the view's
state, its cursor, the first paint and movement.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from textual import events
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.text import motion
from reader.text.document import Document
from reader.text.layout import Layout, Row
from reader.text.token_index import TokenIndex
from reader.ui.modes import Scope, bindings
from reader.ui.spans import SpanSet
from reader.ui.widgets.article_layout import ArticleLayout
from reader.ui.widgets.article_paint import ArticlePaint
from reader.ui.widgets.row_painter import Frame, ReadingFn, RowPainter, ToneStyleFn, WordStatusFn


class ArticleView(ArticleLayout, ArticlePaint, ScrollView, can_focus=True):
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

    # -- the cursor (the layout is ArticleLayout's) --------------------------------
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

    # -- drawing (each row: ArticlePaint) -------------------------------------------
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
