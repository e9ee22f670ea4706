"""The Stats screen: reviews per day, cards due, retention, reading progress, HSK vocabulary.

``StatsScreen(doc)`` shows the deck's figures and, for ``doc``, its reading
progress per section and its vocabulary by HSK level. The HSK counts need the
language stack, so they are worked out in a thread after the screen is up
(unless given). ``esc``/``q`` closes the screen.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import tzinfo
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Sparkline, Static

from reader.errors import ReaderError
from reader.storage.paths import deck_path
from reader.study.deck import Deck, load_deck, utc_now
from reader.study.review import Clock
from reader.study.stats import Stats, collect_stats, hsk_vocabulary
from reader.study.stats_text import percent
from reader.text.linebreak import text_cells
from reader.ui.modes import Scope, bindings
from reader.ui.styles import STUDY_CSS
from reader.ui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from reader.text.document import Document
    from reader.text.tokens import Token

#: Cells per day in the sparkline (30 days → 60 cells).
CELLS_PER_DAY = 2
BAR_WIDTH = 30


def text_bar(fraction: float, width: int = BAR_WIDTH) -> Content:
    """Return a bar ``width`` cells wide filled to ``fraction``, in theme colours."""
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return Content.assemble(("█" * filled, "$accent"), ("░" * (width - filled), "$text-muted"))


class StatsScreen(Screen[None]):
    """Progress you can see.

    Args:
        doc: the document whose reading progress and vocabulary to show (``None``: deck only).
        deck: a loaded deck (default: :func:`~reader.study.deck.load_deck`).
        clock: returns the current UTC-aware time (tests fix it).
        tz: the time zone of "today" (default: local).
        hsk: ``[(label, count)]`` to show instead of working it out.
        reading_state: the document's entry of ``state.yaml`` (default: read the file).

    """

    CSS_PATH = STUDY_CSS
    BINDINGS: ClassVar[list[BindingType]] = bindings(Scope.STATS)

    def __init__(
        self,
        doc: Document | None = None,
        *,
        deck: Deck | None = None,
        clock: Clock | None = None,
        tz: tzinfo | None = None,
        hsk: Sequence[tuple[str, int]] | None = None,
        reading_state: Mapping[str, Any] | None = None,
        tokens: Sequence[Token] | None = None,
    ) -> None:
        super().__init__()
        #: The document's tokens when the opener has them: the HSK profile then segments nothing.
        self._tokens = tokens
        self.doc = doc
        self.clock: Clock = clock or utc_now
        self.tz = tz
        self._deck = deck
        self._hsk = hsk
        self._reading_state = reading_state
        self.stats: Stats | None = None

    def compose(self) -> ComposeResult:
        """Lay out the headings, the sparkline and the text blocks."""
        title = f"Stats · {self.doc.title}" if self.doc is not None else "Stats"
        yield Static(title, id="stats-title")
        with VerticalScroll(id="stats-body"):
            yield Static("Reviews per day, last 30 days", classes="stats-heading")
            yield Sparkline([], id="stats-sparkline")
            yield Static("", id="stats-axis", classes="stats-axis")
            yield Static("", id="stats-deck", classes="stats-text")
            if self.doc is not None:
                yield Static("Reading progress", id="stats-reading-heading", classes="stats-heading")
                yield Static("", id="stats-reading", classes="stats-text")
                yield Static("Vocabulary by HSK level (distinct words)", classes="stats-heading")
                yield Static("Counting…", id="stats-hsk", classes="stats-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Gather the figures; start the HSK count if it was not given."""
        try:
            deck = self._deck if self._deck is not None else load_deck()
        except ReaderError as exc:
            self.query_one("#stats-deck", Static).update(
                Content.assemble(("The deck cannot be read: ", "bold $error"), exc.message)
            )
            deck = Deck(deck_path())  # shown empty; nothing is written from this screen
        hsk = self._hsk if self._hsk is not None or self.doc is None else ()
        self.stats = collect_stats(deck, self.clock(), self.doc, tz=self.tz, hsk=hsk, reading_state=self._reading_state)
        self.show_stats(self.stats)
        if self.doc is not None and self._hsk is None:
            self.count_hsk(self.doc)

    @work(thread=True, exclusive=True)
    def count_hsk(self, doc: Document) -> None:
        """Work out the HSK profile off the event loop, then show it."""
        try:
            rows: list[tuple[str, int]] | str = hsk_vocabulary(doc, self._tokens)
        except Exception as exc:  # the language stack may be missing or fail: say so, keep the screen
            rows = f"Not available: {exc}"
        self.app.call_from_thread(self.show_hsk, rows)

    # -- drawing -------------------------------------------------------------

    def show_stats(self, stats: Stats) -> None:
        """Fill every block from ``stats``."""
        spark = self.query_one("#stats-sparkline", Sparkline)
        spark.data = [float(v) for v in stats.reviews_per_day for _ in range(CELLS_PER_DAY)]
        days = len(stats.reviews_per_day)
        left, right = f"{days - 1} days ago", "today"
        gap = max(1, days * CELLS_PER_DAY - len(left) - len(right))
        top = max(stats.reviews_per_day, default=0)
        self.query_one("#stats-axis", Static).update(f"{left}{' ' * gap}{right}   (most in a day: {top})")
        deck_lines = Content.assemble(
            ("Due today: ", "bold"),
            f"{stats.due_today}    ",
            ("This week: ", "bold"),
            f"{stats.due_week}    ",
            ("Retention (30 days): ", "bold"),
            (percent(stats.retention), "bold $success" if stats.retention is not None else ""),
            "\n",
            f"{stats.cards} cards ({stats.new_cards} new) · {stats.reviews_recent} reviews in 30 days"
            f" · {stats.reviews_total} in all · {stats.scope}",
        )
        self.query_one("#stats-deck", Static).update(deck_lines)
        if self.doc is not None:
            self.query_one("#stats-reading", Static).update(self._reading_content(stats))
            done = sum(1 for s in stats.sections if s.read)
            self.query_one("#stats-reading-heading", Static).update(
                f"Reading progress · {done}/{len(stats.sections)} sections read"
            )
            if stats.hsk or self._hsk is not None:
                self.show_hsk(list(stats.hsk))

    def _reading_content(self, stats: Stats) -> Content:
        if not stats.sections:
            return Content("No sections.")
        width = max(text_cells(s.title) for s in stats.sections)
        parts: list[str | Content | tuple[str, str]] = []
        for index, section in enumerate(stats.sections):
            if index:
                parts.append("\n")
            pad = " " * (width - text_cells(section.title))
            parts += [f"{section.title}{pad}  ", text_bar(section.fraction), f" {percent(section.fraction):>4}"]
            if section.read:
                parts.append((" ✓", "$success"))
        return Content.assemble(*parts)

    def show_hsk(self, rows: list[tuple[str, int]] | str) -> None:
        """Show the HSK bar chart (or why it is not available)."""
        target = self.query_one("#stats-hsk", Static)
        if isinstance(rows, str):
            target.update(Content.assemble((rows, "$text-muted")))
            return
        if not rows:
            target.update(Content.assemble(("No words to grade.", "$text-muted")))
            return
        top = max(count for _, count in rows) or 1
        width = max(len(label) for label, _ in rows)
        parts: list[str | Content | tuple[str, str]] = []
        for index, (label, count) in enumerate(rows):
            if index:
                parts.append("\n")
            parts += [f"{label:<{width}}  ", text_bar(count / top), f" {count}"]
        target.update(Content.assemble(*parts))

    def action_close(self) -> None:
        """Close the screen."""
        self.dismiss(None)
