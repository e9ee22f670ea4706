"""The command palette's list: one row per entry, only the rows on screen drawn.

The list is given a :class:`~collections.abc.Sequence` of :class:`PaletteRow`
(the palette hands it a lazy one: a book's thousands of sections are rows
made when they scroll into view). Each row is a label, with the characters
that matched the query highlighted, and its help (the keys, or what the
entry is) on the right. The list never takes the focus: the palette's input
keeps it, and the palette moves the highlight (:meth:`PaletteList.move`).
Clicking a row posts :class:`PaletteList.Chosen`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


@dataclass(frozen=True)
class PaletteRow:
    """What one row shows: ``label`` (its ``positions`` highlighted as matches) and ``help`` on the right."""

    label: str
    help: str = ""
    positions: tuple[int, ...] = ()


class PaletteList(ScrollView, can_focus=False):
    """A list of :class:`PaletteRow` drawn a line at a time; ``highlighted`` is the row enter would run."""

    COMPONENT_CLASSES = {
        "palette-list--cursor",
        "palette-list--match",
        "palette-list--help",
        "palette-list--empty",
    }

    highlighted: reactive[int] = reactive(0, init=False, layout=False, repaint=True)

    class Chosen(Message):
        """Row ``index`` was clicked."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, rows: Sequence[PaletteRow] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: The rows, given before the first layout so that the first frame needs no second one.
        self.rows: Sequence[PaletteRow] = rows
        self.set_reactive(ScrollView.virtual_size, Size(0, len(rows)))
        #: What the list says when no row matches.
        self.empty_text = "no matches"

    def show(self, rows: Sequence[PaletteRow], highlighted: int = 0) -> None:
        """Show ``rows``, the highlight on ``highlighted``, scrolled to the top (or to the highlight)."""
        self.rows = rows
        self.virtual_size = Size(0, len(rows))
        self.set_reactive(PaletteList.highlighted, max(0, min(highlighted, len(rows) - 1)))
        self.scroll_to(y=0, animate=False, immediate=True)
        self._keep_in_view()
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """One line a row (at least one, for the "no matches" line); CSS ``max-height`` caps it."""
        return max(1, len(self.rows))

    # -- moving the highlight --------------------------------------------------------
    def move(self, rows: int) -> None:
        """Move the highlight ``rows`` down (up when negative), stopping at either end."""
        if self.rows:
            self.highlighted = max(0, min(self.highlighted + rows, len(self.rows) - 1))
            self._keep_in_view()

    def page(self, pages: int) -> None:
        """Move the highlight a page (the rows shown) down or up."""
        self.move(pages * max(1, self.scrollable_content_region.height))

    def edge(self, end: int) -> None:
        """Highlight the first row (``end`` 0) or the last (1)."""
        self.move(len(self.rows) if end else -len(self.rows))

    def _keep_in_view(self) -> None:
        height = self.scrollable_content_region.height
        top = round(self.scroll_offset.y)
        if height <= 0:
            return
        if self.highlighted < top:
            self.scroll_to(y=self.highlighted, animate=False, immediate=True)
        elif self.highlighted >= top + height:
            self.scroll_to(y=self.highlighted - height + 1, animate=False, immediate=True)

    def on_click(self, event: events.Click) -> None:
        """A click on a row chooses it."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = round(self.scroll_offset.y) + offset.y
        if 0 <= index < len(self.rows):
            self.highlighted = index
            self.post_message(self.Chosen(index))

    # -- drawing ----------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        """The row on screen line ``y``: made now, from the sequence (the others are never made)."""
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = round(self.scroll_offset.y) + y
        if not self.rows:
            if y:
                return Strip.blank(width, base)
            style = base + self.get_component_rich_style("palette-list--empty", partial=True)
            return Strip([Segment(" " + self.empty_text, style)]).adjust_cell_length(width, base)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        if index == self.highlighted:
            base = base + self.get_component_rich_style("palette-list--cursor", partial=True)
        return self._row(self.rows[index], width, base)

    def _row(self, row: PaletteRow, width: int, base: Style) -> Strip:
        """`` label ... help ``: the help kept whole when it fits in a third of the row, the label cropped first."""
        matched = base + self.get_component_rich_style("palette-list--match", partial=True)
        dim = base + self.get_component_rich_style("palette-list--help", partial=True)
        label = Strip(_runs(row.label, row.positions, base, matched))
        help_strip = Strip([Segment(row.help, dim)]) if row.help else Strip([])
        room_for_help = min(help_strip.cell_length, max(0, width // 3 - 1))
        if help_strip.cell_length > room_for_help:
            help_strip = Strip([*help_strip.crop(0, max(0, room_for_help - 1)), Segment("…", dim)])
        label_room = max(0, width - 2 - (room_for_help + 2 if room_for_help else 0))
        if label.cell_length > label_room:
            label = Strip([*label.crop(0, max(0, label_room - 1)), Segment("…", base)])
        left = Strip([Segment(" ", base), *label]).adjust_cell_length(width - room_for_help - 1, base)
        return Strip([*left, *help_strip, Segment(" ", base)]).adjust_cell_length(width, base)


def _runs(text: str, positions: tuple[int, ...], style: Style, matched: Style) -> list[Segment]:
    """``text`` as segments: the characters at ``positions`` in ``matched``, the rest in ``style``."""
    if not positions:
        return [Segment(text, style)]
    segments = []
    chosen = set(positions)
    start = 0
    for at in range(1, len(text) + 1):
        if at == len(text) or (at in chosen) != (start in chosen):
            segments.append(Segment(text[start:at], matched if start in chosen else style))
            start = at
    return segments
