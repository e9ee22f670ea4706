"""Naming a bookmark: one line, prefilled with the section and the words at the cursor."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from reader.ui.modes import Scope, bindings


class BookmarkName(ModalScreen[str | None]):
    """Ask for a bookmark's name; enter keeps it, esc cancels."""

    BINDINGS = bindings(Scope.BOOKMARK)
    DEFAULT_CSS = """
    BookmarkName { align: center middle; }
    #bookmark-body { width: 60; height: auto; border: round $accent; background: $surface; padding: 0 1; }
    """

    def __init__(self, suggestion: str) -> None:
        super().__init__()
        self.suggestion = suggestion

    def compose(self) -> ComposeResult:
        """A label and the name."""
        with Vertical(id="bookmark-body"):
            yield Label("Bookmark name (enter to save, esc to cancel)")
            yield Input(self.suggestion, id="bookmark-name")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        name = " ".join(event.value.split())
        self.dismiss(name or None)

    def action_cancel(self) -> None:
        """Close without a bookmark."""
        self.dismiss(None)
