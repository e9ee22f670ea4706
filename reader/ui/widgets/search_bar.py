"""The search bar: a one-line input under the text, opened with ``/`` (forward) or backslash (backward).

It only reads what the learner types and posts it up: the reading screen runs
the search (in a worker) and moves the cursor. ``enter`` keeps the matches,
``esc`` drops them and puts the cursor back where the search started.
"""

from __future__ import annotations

from textual import on
from textual.message import Message
from textual.widgets import Input

from reader.ui.modes import Scope, bindings


class SearchBar(Input):
    """Type a word in hanzi, pinyin (``yuxunlian``, ``yu4xun4lian4``) or English."""

    BINDINGS = bindings(Scope.SEARCH)

    class QueryChanged(Message):
        """The query is now ``query`` (the search runs as the learner types)."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Done(Message):
        """The search bar closed: ``keep`` the matches (enter) or drop them (esc)."""

        def __init__(self, query: str, keep: bool) -> None:
            super().__init__()
            self.query = query
            self.keep = keep

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="search: hanzi, pinyin (yuxunlian, yu4xun4lian4) or English", id=id)
        self.backward = False
        self.display = False

    def open(self, backward: bool) -> None:
        """Show the bar, empty, for a search in the given direction."""
        self.backward = backward
        self.border_title = "search backward ↑" if backward else "search ↓"
        self.value = ""
        self.display = True
        self.focus()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.QueryChanged(event.value))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.display = False
        self.post_message(self.Done(event.value, keep=True))

    def action_cancel(self) -> None:
        """Close the bar and drop the matches."""
        self.display = False
        self.post_message(self.Done(self.value, keep=False))
