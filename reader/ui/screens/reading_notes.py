"""The reading screen's notes: the store, and adding, editing and deleting through the dialogs.

:class:`NoteActions` is a plain object the reading screen holds (not a base
class of it). It owns the document's :class:`~reader.study.notes.NoteStore`,
opens the note editor and the confirmation, writes through the store, and calls
``changed(store)`` after every change so that the screen can bind the new notes
down to its widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from reader.errors import ReaderError, WriteError

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from reader.study.notes import Note, NoteStore
    from reader.text.document import Document

T = TypeVar("T")


class NoteActions:
    """A document's notes, changed through the note editor and the yes / no question."""

    def __init__(self, owner: DOMNode, document: Document, changed: Callable[[NoteStore], None]) -> None:
        self.owner = owner
        self.document = document
        self.changed = changed
        self.store: NoteStore | None = None

    def open(self) -> NoteStore:
        """Open the notes file (read-only, with a warning, if it is damaged)."""
        from reader.study.notes import NoteStore

        self.store = store = NoteStore.open(self.document)
        if store.read_only:
            self.owner.app.notify(f"notes are read-only: {store.problem}", severity="error", timeout=12)
        self.changed(store)
        return store

    def _error(self, message: str) -> None:
        """An error for the user: the screen's status line and a toast (a write error, a damaged file)."""
        report_error(self.owner, message)

    def unsaved(self) -> list[str]:
        """The notes file, if a change to it is held in memory because its write failed."""
        return [str(self.store.path)] if self.store is not None and self.store.unsaved else []

    def get(self, note_id: str) -> Note | None:
        """The note ``note_id``, if the store is open and has it."""
        return self.store.get(note_id) if self.store is not None else None

    def _writable(self) -> NoteStore | None:
        """The store to write to: opened now if a key came before the screen opened it."""
        store = self.store if self.store is not None else self.open()
        if store is not None and store.read_only:
            self.owner.app.notify(f"notes are read-only: {store.problem}", severity="error")
            return None
        return store

    def _write(self, change: Callable[[], T]) -> T | None:
        """Run a change to the store; an error is a toast, and ``None``."""
        try:
            result = change()
        except ReaderError as exc:
            self._error(str(exc))
            if isinstance(exc, WriteError) and self.store is not None:
                self.changed(self.store)  # kept in memory, written with the next change: show it
            return None
        if self.store is not None:
            self.changed(self.store)
        return result

    @property
    def notes(self) -> list[Note]:
        """The notes (none until the store is open)."""
        return self.store.notes if self.store is not None else []

    def add(self, start: int, end: int, saved: Callable[[Note], None]) -> None:
        """Ask for a note on ``[start, end)`` in the editor; ``saved(note)`` once it is written."""
        store = self._writable()
        if store is None:
            return
        from reader.text.linebreak import display_text
        from reader.ui.dialogs.note_editor import NoteEditor

        # Shown as in the text (full-width punctuation); the note anchors to the offsets.
        quote = display_text(self.document.text[start:end])

        def save(text: str | None) -> None:
            if text is None or not text.strip():
                return
            note = self._write(lambda: store.add(start, end, text.strip()))
            if note is not None:
                saved(note)
                self.owner.app.notify(f"note saved on “{_short(quote)}”", timeout=3)

        self.owner.app.push_screen(NoteEditor(quote), save)

    def edit(self, note_id: str) -> None:
        """Edit a note's text in the editor."""
        store = self._writable()
        note = store.get(note_id) if store is not None else None
        if store is None or note is None:
            return
        from reader.ui.dialogs.note_editor import NoteEditor

        def save(text: str | None) -> None:
            if text is not None and text != note.text:
                self._write(lambda: store.edit(note.id, text.strip()))

        self.owner.app.push_screen(NoteEditor(note.shown_quote, note.text, title="Edit note"), save)

    def delete(self, note_id: str, quote: str) -> None:
        """Ask whether to delete the note on ``quote``, then delete it."""
        store = self._writable()
        if store is None:
            return
        from reader.ui.dialogs.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes and self._write(lambda: store.delete(note_id)) is not None:
                self.owner.app.notify("note deleted", timeout=3)

        self.owner.app.push_screen(ConfirmScreen(f"Delete the note on 「{quote}」?", yes="Delete", no="Keep"), answered)


def _short(text: str, limit: int = 12) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def report_error(owner: DOMNode, message: str) -> None:
    """Tell the user of an error: on the reading screen's status line where ``owner`` has one, else as a toast."""
    report = getattr(owner, "report_problem", None)
    if report is not None:
        report(message)
    else:
        owner.app.notify(message, severity="error")
