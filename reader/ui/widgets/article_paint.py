"""The article view's painting: the frame a screenful is drawn with, and its rows, remembered while they hold.

:class:`ArticlePaint` is a mixin of :class:`~reader.ui.widgets.article_view.ArticleView`.
It gathers what a frame draws with (the styles, the layers' span sets, the
cursor and selection) into one :class:`~reader.ui.widgets.row_painter.Frame`,
blends the layers' see-through backgrounds with the view's, and draws a row
with the view's :class:`~reader.ui.widgets.row_painter.RowPainter`, keeping up to
:data:`_STRIPS_KEPT` painted rows while the layout, the width and the frame hold.
The view's ``render_lines`` (which also announces the first paint) calls it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from reader.text import motion
from reader.text.layout import Layout, Row
from reader.ui.widgets.row_painter import Frame

if TYPE_CHECKING:
    from textual.reactive import reactive
    from textual.scroll_view import ScrollView

    from reader.text.token_index import TokenIndex
    from reader.ui.spans import SpanSet
    from reader.ui.widgets.row_painter import RowPainter

    _Base = ScrollView
else:
    _Base = object

#: Layers whose see-through backgrounds are blended with the view's (see ``_component_style``).
_BLENDED = frozenset({"unknown", "learning", "learning-1", "learning-2", "learning-3", "match"})
#: Painted rows remembered at most (ten screens or so): ``j`` / ``k`` paint one new row, not all of them.
_STRIPS_KEPT = 400


class ArticlePaint(_Base):
    """Draw the view's rows: one frame's styles and layers, the painter, the rows remembered."""

    if TYPE_CHECKING:
        tokens: TokenIndex
        painter: RowPainter
        _layout: Layout | None
        _last_height: int
        _frame: Frame | None
        _strips: dict[int, tuple[Row, Strip, tuple[int, int]]]
        _strips_key: tuple[object, ...]
        _strips_layout: Layout | None
        highlight: reactive[bool]
        status_colours: reactive[bool]
        keywords: reactive[SpanSet]
        terms: reactive[SpanSet]
        notes: reactive[SpanSet]
        matches: reactive[SpanSet]
        hsk_colours: reactive[bool]
        hsk_above: reactive[str]
        cursor: reactive[int]
        selection_anchor: reactive[int | None]

        @property
        def layout_model(self) -> Layout:
            """The current layout (ArticleLayout's)."""

        def selection_range(self) -> tuple[int, int]:
            """The selection, or the word under the cursor (the view's)."""

        def _sync_virtual_size(self) -> None: ...

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


def _overlaps(row: Row, span: tuple[int, int]) -> bool:
    """True when the text of ``row`` and the span ``[start, end)`` share a character."""
    return row.start < span[1] and span[0] < row.end
