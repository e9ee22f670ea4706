"""The ``?`` help screen: every key, grouped by where it works (from the mode table)."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.ui.modes import Scope, bindings, help_groups


class HelpScreen(ModalScreen[None]):
    """A modal listing every key."""

    BINDINGS = bindings(Scope.HELP)

    def compose(self) -> ComposeResult:
        """One table per group of keys."""
        with VerticalScroll(id="help-body"):
            yield Static("[b]reader[/b] — keys", id="help-title")
            for title, rows in help_groups():
                table = Table(title=title, title_justify="left", show_header=False, box=None, expand=True)
                table.add_column("key", style="bold", width=22)
                table.add_column("does")
                for key, does in rows:
                    table.add_row(key, does)
                yield Static(table, classes="help-group")
