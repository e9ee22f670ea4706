"""The command palette (``ctrl+p``): a line to type in and the list of what matches, over the dimmed screen.

A light screen of the reader's own instead of Textual's ``CommandPalette``,
whose providers, option list and repeated dimmed repaints cost more than the
50 ms a key may take on a long book. Opening draws one input line and the
rows on screen of a lazy list (:class:`~reader.ui.palette.Listing`); nothing
is computed over the book's sections until a query is typed, and then only
the names that still match the query typed so far are matched again
(:mod:`reader.ui.palette_match`). The screen behind is drawn dimmed once per
open and size (:class:`_Still`).

Keys (the ``palette`` rows of :mod:`reader.ui.modes`): ↑ ↓ PageUp PageDown
Home End move the highlight, enter (or a click) runs the entry after the
palette has closed, esc (or a click outside it) closes it with nothing changed. The "Theme" entry
turns the list into the app's themes instead of closing.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events, on
from textual.app import ComposeResult
from textual.color import Color
from textual.containers import Vertical
from textual.css.styles import RulesMap
from textual.renderables.background_screen import BackgroundScreen
from textual.screen import ModalScreen, Screen
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import Input

from reader.ui.modes import Scope, bindings
from reader.ui.palette import Entries, Listing, theme_entries
from reader.ui.styles import PALETTE_CSS
from reader.ui.widgets.palette_list import PaletteList

#: The input's placeholder when the palette opens (the benchmark waits for its first words to be drawn).
PLACEHOLDER = "Search for commands, sections and bookmarks…"
_PLAIN = RichStyle()


class _Still(Visual):
    """The screen behind the palette, tinted, as it was when the palette opened: strips made once per size.

    Textual's ``BackgroundScreen`` renders the screen behind through Rich and
    blends two colours for every one of its segments, on every frame of the
    palette; here the screen behind's own strips (its widgets' cached lines) are
    tinted once, each distinct style blended once.
    """

    def __init__(self, behind: Screen[object], tint: Color) -> None:
        self.behind = behind
        self.tint = tint
        self._strips: dict[tuple[int, int], list[Strip]] = {}
        self._styles: dict[RichStyle | None, RichStyle] = {}

    def _tinted(self, style: RichStyle | None) -> RichStyle:
        tinted = self._styles.get(style)
        if tinted is None:
            plain = _PLAIN if style is None else style.clear_meta_and_links()
            fore, back = plain.color, plain.bgcolor
            tinted = self._styles[style] = plain + RichStyle.from_color(
                (Color.from_rich_color(fore) + self.tint).rich_color if fore is not None else None,
                (Color.from_rich_color(back) + self.tint).rich_color if back is not None else None,
            )
        return tinted

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        """The tinted screen behind, cropped or padded to ``width`` x ``height``."""
        return self._made(width, self.behind.size.height if height is None else height)

    def _made(self, width: int, rows: int) -> list[Strip]:
        strips = self._strips.get((width, rows))
        if strips is None:
            tinted = self._tinted
            source = self.behind._compositor.render_strips()[:rows]
            strips = [
                Strip(
                    [Segment(text, tinted(seg_style), control) for text, seg_style, control in strip]
                ).adjust_cell_length(width)
                for strip in source
            ]
            strips += [Strip.blank(width)] * (rows - len(strips))
            self._strips[(width, rows)] = strips
        return strips

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The same strips for Rich (Textual uses :meth:`render_strips`)."""
        rows = self.behind.size.height if options.height is None else options.height
        for strip in self._made(options.max_width, rows):
            yield from strip
            yield Segment.line()

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        """As wide as the screen behind."""
        return self.behind.size.width

    def get_height(self, rules: RulesMap, width: int) -> int:
        """As tall as the screen behind."""
        return self.behind.size.height


class PaletteScreen(ModalScreen[None]):
    """Type to filter ``entries``; enter runs the highlighted one, esc closes."""

    CSS_PATH = PALETTE_CSS
    BINDINGS = bindings(Scope.PALETTE)
    AUTO_FOCUS = "#palette-input"

    def __init__(self, entries: Entries, placeholder: str = PLACEHOLDER, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries = entries
        self.placeholder = placeholder
        self.listing: Listing = entries.everything()
        #: The query the list shows the matches of.
        self.query_shown = ""
        self._still: _Still | None = None

    def compose(self) -> ComposeResult:
        """The input line over the list."""
        with Vertical(id="palette-body"):
            yield Input(placeholder=self.placeholder, id="palette-input", select_on_focus=False)
            yield PaletteList(self.listing, id="palette-list")

    @property
    def input(self) -> Input:
        """The query line."""
        return self.query_one("#palette-input", Input)

    @property
    def entry_list(self) -> PaletteList:
        """The list of entries."""
        return self.query_one(PaletteList)

    def render(self) -> RenderableType:
        """The background: the screen behind, tinted (made once per open and size)."""
        rendered = super().render()
        if not isinstance(rendered, BackgroundScreen):
            return rendered
        if self._still is None or self._still.behind is not rendered.screen:
            self._still = _Still(rendered.screen, rendered.color)
        return self._still

    # -- filtering -------------------------------------------------------------------
    @on(Input.Changed, "#palette-input")
    def _typed(self, event: Input.Changed) -> None:
        """Filter as the query changes (a change already overtaken by the next key waits for that one)."""
        if event.value == self.input.value:
            self._filter()

    def _filter(self) -> None:
        query = self.input.value
        if query == self.query_shown:
            return
        self.query_shown = query
        self.listing = self.entries.search(query)
        self.entry_list.show(self.listing)

    def on_key(self, event: events.Key) -> None:
        """A letter typed before the input has the focus (right after ``ctrl+p``) still goes into it."""
        boxes = self.query("#palette-input").results(Input)
        box = next(boxes, None)
        if box is not None and not box.has_focus and event.is_printable and event.character is not None:
            event.stop()
            box.focus()
            box.insert_text_at_cursor(event.character)

    # -- the keys --------------------------------------------------------------------
    def action_cursor(self, rows: int) -> None:
        """Move the highlight a row."""
        self.entry_list.move(rows)

    def action_page(self, pages: int) -> None:
        """Move the highlight a page."""
        self.entry_list.page(pages)

    def action_edge(self, end: int) -> None:
        """Highlight the first (0) or the last (1) entry."""
        self.entry_list.edge(end)

    def action_run(self) -> None:
        """Run the highlighted entry (the list first catches up with the query, were keys typed faster)."""
        self._filter()
        self._run(self.entry_list.highlighted)

    def action_close(self) -> None:
        """Close with nothing changed."""
        self.dismiss()

    @on(PaletteList.Chosen)
    def _clicked(self, event: PaletteList.Chosen) -> None:
        self._run(event.index)

    def on_click(self, event: events.Click) -> None:
        """A click outside the palette (on the dimmed screen) closes it, as esc does."""
        if not self.query_one("#palette-body").region.contains(event.screen_x, event.screen_y):
            self.dismiss()

    def _run(self, index: int) -> None:
        if not 0 <= index < len(self.listing):
            return
        action, stays = self.listing.action(index)
        if stays:  # the "Theme" entry: the themes, in this palette
            self.show_themes()
            return
        self.dismiss()
        self.app.call_later(action)

    def show_themes(self) -> None:
        """List the app's themes in place of the entries, the current one highlighted."""
        self.entries = theme_entries(self.app)
        self.query_shown = ""
        self.listing = self.entries.everything()
        box = self.input
        with box.prevent(Input.Changed):
            box.value = ""
        box.placeholder = "Search for themes…"
        current = next((i for i, row in enumerate(self.listing) if row.help == "current"), 0)
        self.entry_list.show(self.listing, current)
