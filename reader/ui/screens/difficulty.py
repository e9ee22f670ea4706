"""The difficulty profile: how much of the document's running text lies at each HSK level.

``DifficultyScreen(doc, tokens)`` shows the profile of ``tokens`` (every Han
word token counts once per occurrence) as a bar chart
(:class:`~reader.ui.widgets.difficulty_chart.DifficultyChart`), with the
standard it grades by. The palette's "Difficulty profile" opens it;
``esc``/``q`` closes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from reader.ui.modes import Scope, bindings
from reader.ui.styles import STUDY_CSS
from reader.ui.widgets.difficulty_chart import DifficultyChart
from reader.ui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from reader.text.document import Document
    from reader.text.tokens import Token


class DifficultyScreen(Screen[None]):
    """The document's difficulty profile, as a chart."""

    CSS_PATH = STUDY_CSS
    BINDINGS: ClassVar[list[BindingType]] = bindings(Scope.STATS)

    def __init__(self, doc: Document, tokens: Sequence[Token]) -> None:
        super().__init__()
        self.doc = doc
        self.tokens = tokens

    def compose(self) -> ComposeResult:
        """The title, the chart and what it is graded by."""
        from reader.text.hsk import STANDARD_NAME

        yield Static(f"Difficulty · {self.doc.title}", id="difficulty-title")
        with VerticalScroll(id="difficulty-body"):
            yield Static("Running words at each HSK level", classes="stats-heading")
            yield DifficultyChart(id="difficulty-chart")
            yield Static(f"Graded by the {STANDARD_NAME}.", classes="stats-axis")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Grade the tokens (already segmented: this is a count, not a new pass over the text)."""
        from reader.text.hsk import difficulty_profile
        from reader.text.tokens import is_han

        total = sum(1 for t in self.tokens if t.kind == "han" and any(is_han(c) for c in t.text))
        self.query_one(DifficultyChart).show(difficulty_profile(self.tokens), total)

    def action_close(self) -> None:
        """Close the screen."""
        self.dismiss(None)
