"""The ``?`` help screen: every key, grouped by where it works (from the mode table)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.ui.modes import Scope, bindings, help_groups

#: The key column's width in cells (the widest keys, "g / G, Home / End", fit with room to spare).
KEY_CELLS = 22


class HelpScreen(ModalScreen[None]):
    """A modal listing every key."""

    BINDINGS = bindings(Scope.HELP)

    def compose(self) -> ComposeResult:
        """One table for every group, so that the descriptions of all groups share one column."""
        with VerticalScroll(id="help-body"):
            yield Static("[b]reader[/b] — keys", id="help-title")
            table = Table(show_header=False, box=None, expand=True, padding=(0, 1))
            table.add_column("key", style="bold", width=KEY_CELLS, no_wrap=True)
            table.add_column("does", ratio=1)
            for index, (title, rows) in enumerate(help_groups()):
                if index:
                    table.add_row("", "")
                table.add_row(Text(title, style="bold"), "")
                for key, does in rows:
                    table.add_row(Text(key), Text(does))
            yield Static(table, classes="help-group")
