"""The note editor: the quoted passage and a multi-line text area.

``ctrl+s`` saves (dismisses with the text); ``esc`` cancels (dismisses with
``None``), asking first through :class:`ConfirmScreen` when typed text would
be lost. The editor never writes files: the screen that opened it does.

Keys typed right after ``n``, before the text area is mounted and focused
(the reader may still be loading), are handed over by the app as they arrive
(:class:`reader.ui.app.ArrivalKeys`), kept, and typed into the area once it has
focus: the area takes them in its own ``Focus`` event, which comes before any
key sent to it afterwards, so their order is kept. A ``ctrl+s``
among them saves after them (:meth:`NoteEditor.action_save`). No keystroke
is lost.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from textual import events
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


class NoteArea(TextArea):
    """The editor's text area: when it first has focus it takes the keys typed before it could."""

    def on_focus(self, event: events.Focus) -> None:
        """Hand over to the editor, which types in what came early (before any later key)."""
        screen = self.screen
        if isinstance(screen, NoteEditor):
            screen.area_focused(self)


class NoteEditor(ModalScreen[str | None]):
    """Edit the text of a note on ``quote``; dismiss with the text, or ``None`` when cancelled."""

    CSS_PATH = NOTES_CSS
    BINDINGS: ClassVar[list[BindingType]] = bindings(Scope.EDITOR)

    def __init__(self, quote: str, text: str = "", *, title: str = "Note") -> None:
        super().__init__()
        self.quote = quote
        self.initial = text
        self.title_text = title
        self._early: list[str] = []  # characters typed before the text area could take them
        self._ready = False
        self._save_when_ready = False

    def compose(self) -> ComposeResult:
        """Show the quote, the text area and a hint line."""
        quote = one_line(self.quote, QUOTE_CHARS)
        with Vertical(id="note-editor") as box:
            box.border_title = self.title_text
            yield Static(f"「{quote}」", id="note-editor-quote", markup=False)
            yield NoteArea(self.initial, id="note-editor-text", soft_wrap=True, tab_behavior="focus")
            yield Static("ctrl+s save · esc cancel · #tag adds a tag", id="note-editor-hint", markup=False)

    def on_mount(self) -> None:
        """Put the cursor at the end of the text and ask for focus (it comes a moment later)."""
        area = self.query_one(NoteArea)
        area.move_cursor(area.document.end)
        area.focus()

    def area_focused(self, area: TextArea) -> None:
        """The text area has focus: type what came early; from now on keys go straight to it."""
        if self._ready:
            return
        if self._early:
            area.move_cursor(area.document.end)
            area.insert("".join(self._early))
            self._early.clear()
        self._ready = True
        if self._save_when_ready:
            # Not from inside the area's own Focus handler: the area may still be starting.
            self.call_after_refresh(self._close_with_text)

    def arrival_keys(self) -> Literal["keep"] | None:
        """Until the text area has focus, the app hands keys over as they arrive (:meth:`keep_key`)."""
        return None if self._ready else "keep"

    def keep_key(self, event: events.Key) -> bool:
        """Keep a character typed before the text area has focus, to type it in then (in the order typed)."""
        if self._ready:
            return False
        if event.key == "enter":
            self._early.append("\n")
        elif event.is_printable and event.character:
            self._early.append(event.character)
        else:
            return False
        return True

    @property
    def text(self) -> str:
        """The text as typed so far."""
        if not self._ready:
            return self.initial + "".join(self._early)
        return self.query_one(TextArea).text

    def action_save(self) -> None:
        """Close with the text, once the keys typed before ``ctrl+s`` are in.

        ``ctrl+s`` is a priority binding: the app runs it at once, while the
        characters typed just before it may still wait in the text area's
        queue. So the text is read from there, after them.
        """
        if not self._ready:
            self._save_when_ready = True
            return
        area = self.query_one(TextArea)
        if area._message_queue.empty():  # nothing typed waits: the usual case
            self.dismiss(self.text)
        else:
            area.call_later(self._close_with_text)

    def _close_with_text(self) -> None:
        """Close with the text, for a callback that runs in the text area's queue.

        It must not return the awaitable from :meth:`dismiss`: Textual awaits a
        callback's result, and the dismissal waits for the text area to close,
        which waits for this callback to end. The editor then never left the
        app, which stopped answering keys (a note typed and saved in one burst).
        """
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
