"""Drawing the article's rows: one segment per run of same-styled text.

The drawing half of :class:`~reader.ui.widgets.article_view.ArticleView`, kept in
a file of its own: headings, text rows with keyword, glossary-term, note,
selection, cursor and word-status styles, and interlinear pinyin rows. Styles
are looked up once per frame (``_frame``), not once per row or cell.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style

from reader.text.linebreak import cell_width, text_cells
from reader.text.tokens import Token
from reader.ui.widgets.article_navigation import CursorNavigation

if TYPE_CHECKING:
    from reader.text.layout import Layout, Row
    from reader.ui.spans import SpanSet

#: Gives the pinyin to show above a token as ``[(text, tone), ...]`` parts.
ReadingFn = Callable[[Token], list[tuple[str, int]]]


class RowPainter(CursorNavigation):
    """Builds the segments of heading, text and pinyin rows."""

    highlight: bool
    status_colours: bool
    keywords: SpanSet
    terms: SpanSet
    notes: SpanSet
    reading: ReadingFn
    word_status: Callable[[str], str]
    _frame: dict[str, Style] | None

    if TYPE_CHECKING:

        def _selection_span(self) -> tuple[int, int] | None:
            """The selection, if any."""

    def _base_style(self) -> Style:
        frame = self._frame
        if frame is None:
            return self.rich_style
        style = frame.get("")
        if style is None:
            style = frame[""] = self.rich_style
        return style

    def _style(self, name: str) -> Style:
        frame = self._frame
        if frame is None:
            return self.get_component_rich_style(f"article-view--{name}", partial=True)
        style = frame.get(name)
        if style is None:
            style = frame[name] = self.get_component_rich_style(f"article-view--{name}", partial=True)
        return style

    def _heading_segments(self, row: Row) -> list[Segment]:
        base = self._base_style()
        heading = base + self._style("heading")
        subtitle = base + self._style("subtitle")
        title, sep, english = row.text.partition("  ")
        if not sep:
            return [Segment(row.text, heading)]
        return [Segment(title + sep, heading), Segment(english, subtitle)]

    def _text_segments(self, row: Row, layout: Layout) -> list[Segment]:
        """One segment per run of atoms that share a style (not one per character)."""
        paragraph = self.document.paragraph_at(row.start)
        display = layout.display(paragraph)
        first = paragraph.start
        base = self._base_style()
        cursor_start, cursor_end = self._cursor_span()
        selection = self._selection_span()
        sel_start, sel_end = selection if selection else (-1, -1)
        token_status = self._status_styles(row) if self.status_colours else {}
        highlight = self.highlight
        keywords, terms, notes = self.keywords, self.terms, self.notes
        combined: dict[tuple[int, str, bool, bool, bool], Style] = {}
        segments: list[Segment] = []
        run: list[str] = []
        run_key: tuple[int, str, bool, bool, bool] | None = None
        for atom in row.atoms:
            offset = atom.start
            mark = 0
            if highlight:
                if keywords.contains(offset):
                    mark = 1
                elif terms.contains(offset):
                    mark = 2
            key = (
                mark,
                token_status.get(offset, "") if token_status else "",
                notes.contains(offset),
                sel_start <= offset < sel_end,
                cursor_start <= offset < cursor_end,
            )
            chunk = display[offset - first : atom.end - first]
            if key != run_key:
                if run:
                    segments.append(Segment("".join(run), self._combined(combined, run_key, base)))
                    run = []
                run_key = key
            run.append(chunk)
            pad = atom.width - (cell_width(chunk) if len(chunk) == 1 else text_cells(chunk))
            if pad > 0:
                segments.append(Segment("".join(run), self._combined(combined, run_key, base)))
                segments.append(Segment(" " * pad, base))
                run = []
        if run:
            segments.append(Segment("".join(run), self._combined(combined, run_key, base)))
        return segments

    def _combined(
        self,
        cache: dict[tuple[int, str, bool, bool, bool], Style],
        key: tuple[int, str, bool, bool, bool] | None,
        base: Style,
    ) -> Style:
        if key is None:
            return base
        style = cache.get(key)
        if style is None:
            mark, status, note, selected, cursor = key
            style = base
            if mark:
                style = style + self._style("keyword" if mark == 1 else "term")
            if status:
                style = style + self._style(status)
            if note:
                style = style + self._style("note")
            if selected:
                style = style + self._style("selection")
            if cursor:
                style = style + self._style("cursor")
            cache[key] = style
        return style

    def _pinyin_segments(self, row: Row) -> list[Segment]:
        base = self._base_style() + self._style("pinyin")
        segments: list[Segment] = []
        for atom in row.atoms:
            token = self.tokens.at(atom.start)
            parts = self.reading(token) if token is not None and token.start == atom.start else []
            used = 0
            for text, tone in parts:
                segments.append(Segment(text, base + self.tone_style(tone)))
                used += len(text)
            if atom.width - used > 0:
                segments.append(Segment(" " * (atom.width - used), base))
        return segments

    def tone_style(self, tone: int) -> Style:
        """Rich style for a tone (overridden by the screen with the user's scheme)."""
        return Style()

    def _status_styles(self, row: Row) -> dict[int, str]:
        """Offset → ``learning`` / ``unknown`` for the Han words of ``row``."""
        styles: dict[int, str] = {}
        for token in self.tokens.in_range(row.start, row.end):
            if token.kind != "han":
                continue
            status = self.word_status(token.text)
            if status in ("learning", "unknown"):
                for pos in range(token.start, token.end):
                    styles[pos] = status
        return styles
