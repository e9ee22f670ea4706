"""The ``?`` help screen: every key, grouped by where it works."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Reading",
        (
            ("j / k, ↓ / ↑", "scroll a line"),
            ("PageDown / PageUp", "scroll a page"),
            ("h / l, ← / →", "previous / next word"),
            ("] / [", "next / previous section"),
            ("g / G", "top / bottom"),
            ("enter, click", "pop-up for the word under the cursor"),
            ("p", "interlinear pinyin on / off"),
            ("K", "keyword and term highlighting on / off"),
            ("v", "start / drop a selection (extend with h l j k)"),
        ),
    ),
    (
        "Words and notes",
        (
            ("n", "note on the word or selection"),
            ("s", "save the word to the study deck"),
            ("m", "mark the word known / unknown"),
            ("N", "show / hide the notes pane"),
            ("e / d", "edit / delete a note (notes pane)"),
        ),
    ),
    (
        "Screen",
        (
            ("tab", "move focus: outline, text, notes"),
            ("o", "show / hide the outline"),
            ("S", "study the deck"),
            ("esc", "close the pop-up or editor"),
            ("ctrl+p", "command palette: sections, toggles, exports, stats"),
            ("?", "this help"),
            ("q", "quit"),
        ),
    ),
)


class HelpScreen(ModalScreen[None]):
    """A modal listing every key."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        """One table per group of keys."""
        with VerticalScroll(id="help-body"):
            yield Static("[b]reader[/b] — keys", id="help-title")
            for title, rows in KEYS:
                table = Table(title=title, title_justify="left", show_header=False, box=None, expand=True)
                table.add_column("key", style="bold", width=22)
                table.add_column("does")
                for key, does in rows:
                    table.add_row(key, does)
                yield Static(table, classes="help-group")
