"""The note editor: the quoted passage and a multi-line text area.

``ctrl+s`` saves (dismisses with the text); ``esc`` cancels (dismisses with
``None``), asking first through :class:`ConfirmScreen` when typed text would
be lost. The editor never writes files: the screen that opened it does.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from reader.study.notes_model import one_line
from reader.ui.dialogs.confirm import ConfirmScreen
from reader.ui.modes import Scope, bindings
from reader.ui.styles import NOTES_CSS

#: Longest quote shown in full at the top of the editor.
QUOTE_CHARS = 200


class NoteEditor(ModalScreen[str | None]):
    """Edit the text of a note on ``quote``; dismiss with the text, or ``None`` when cancelled."""

    CSS_PATH = NOTES_CSS
    BINDINGS: ClassVar[list[BindingType]] = bindings(Scope.EDITOR)

    def __init__(self, quote: str, text: str = "", *, title: str = "Note") -> None:
        super().__init__()
        self.quote = quote
        self.initial = text
        self.title_text = title

    def compose(self) -> ComposeResult:
        """Show the quote, the text area and a hint line."""
        quote = one_line(self.quote, QUOTE_CHARS)
        with Vertical(id="note-editor") as box:
            box.border_title = self.title_text
            yield Static(f"「{quote}」", id="note-editor-quote", markup=False)
            yield TextArea(self.initial, id="note-editor-text", soft_wrap=True, tab_behavior="focus")
            yield Static("ctrl+s save · esc cancel · #tag adds a tag", id="note-editor-hint", markup=False)

    def on_mount(self) -> None:
        """Put the cursor at the end of the text, ready to type."""
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @property
    def text(self) -> str:
        """The text as typed so far."""
        return self.query_one(TextArea).text

    def action_save(self) -> None:
        """Close with the text."""
        self.dismiss(self.text)

    def action_cancel(self) -> None:
        """Close without saving; ask first if typed text would be lost."""
        if self.text == self.initial:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen("Discard the changes to this note?", yes="Discard", no="Keep editing"), answered
        )
