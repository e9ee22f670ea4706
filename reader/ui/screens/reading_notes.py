"""The reading screen's notes: the pane, adding, editing, deleting, exports.

A base class of :class:`~reader.ui.screens.reading.ReadingScreen`; it keeps
the note handling out of the screen's own file. Handlers use Textual's naming
convention (``on_notes_pane_chosen``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

from reader.errors import ReaderError
from reader.text.linebreak import display_text
from reader.ui.spans import SpanSet
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.outline import Outline

if TYPE_CHECKING:
    from reader.study.notes import Note, NoteStore
    from reader.text.document import Document
    from reader.ui.language import Language
    from reader.ui.widgets.notes_pane import NotesPane


class NotesMixin(Screen[None]):
    """Notes behaviour for the reading screen, as a base class of it."""

    document: Document
    store: NoteStore
    notes: list[Note]
    section_id: str
    show_all_notes: bool
    notes_read_only: bool
    show_notes: bool
    language: Language | None
    _pane: NotesPane | None = None

    @property
    def view(self) -> ArticleView:
        """The text view."""
        return self.query_one(ArticleView)

    @property
    def outline(self) -> Outline:
        """The outline sidebar."""
        return self.query_one(Outline)

    def open_notes(self) -> None:
        """Open the notes file (read-only with a warning if it is damaged)."""
        from reader.study.notes import NoteStore

        self.store = NoteStore.open(self.document)
        self.notes_read_only = self.store.read_only
        if self.store.read_only:
            self.notify(f"notes are read-only: {self.store.problem}", severity="error", timeout=12)
        self.refresh_notes()
        if self.show_notes:
            self.notes_pane().display = True
            self.set_class(True, "-notes-open")

    def notes_pane(self) -> NotesPane:
        """The notes pane, mounted (hidden) the first time it is needed."""
        if self._pane is None:
            from reader.ui.styles import NOTES_CSS, load_stylesheet
            from reader.ui.widgets.notes_pane import NotesPane

            load_stylesheet(self.app, NOTES_CSS)
            pane = NotesPane(self.document, id="notes-pane")
            pane.display = False
            self.query_one("#main").mount(pane)
            self._pane = pane
            self._bind_pane()
        return self._pane

    # The pane is mounted after the first paint, outside compose, where
    # ``data_bind`` cannot be used: these watchers bind the screen's state down.
    def _bind_pane(self) -> None:
        pane = self._pane
        if pane is not None:
            pane.notes = self.notes
            pane.section_id = self.section_id
            pane.show_all = self.show_all_notes
            pane.read_only = self.notes_read_only

    def watch_notes(self) -> None:
        """Bind the notes down to the pane."""
        self._bind_pane()

    def watch_section_id(self) -> None:
        """Bind the current section down to the pane."""
        self._bind_pane()

    def watch_show_all_notes(self) -> None:
        """Bind the all-sections toggle down to the pane."""
        self._bind_pane()

    def watch_notes_read_only(self) -> None:
        """Bind the read-only state down to the pane."""
        self._bind_pane()

    def refresh_notes(self) -> None:
        """Push the store's notes to the pane, the outline counts and the underlines."""
        self.notes = list(self.store.notes)
        self.view.notes = SpanSet((start, end) for start, end, _ in self.store.spans())
        self.view.refresh()
        self.outline.note_counts = self.store.counts()

    def action_toggle_notes(self) -> None:
        """Show or hide the notes pane."""
        self.show_notes = not self.show_notes
        pane = self.notes_pane()
        pane.display = self.show_notes
        self.set_class(self.show_notes, "-notes-open")
        if self.show_notes:
            pane.catch_up()
        if not self.show_notes and pane.has_focus_within:
            self.view.focus()

    def action_add_note(self) -> None:
        """Note on the selection, or on the word under the cursor."""
        if self.store.read_only:
            self.notify(f"notes are read-only: {self.store.problem}", severity="error")
            return
        start, end = self.view.selection_range()
        # Shown as in the text (full-width punctuation); the note anchors to the offsets.
        quote = display_text(self.document.text[start:end])

        def save(text: str | None) -> None:
            if text is None or not text.strip():
                return
            try:
                note = self.store.add(start, end, text.strip())
            except ReaderError as exc:
                self.notify(str(exc), severity="error")
                return
            self.view.selection_anchor = None
            self.refresh_notes()
            if not self.show_notes:
                self.action_toggle_notes()
            self.call_after_refresh(self.notes_pane().select_note, note.id)
            self.notify(f"note saved on “{_short(quote)}”", timeout=3)

        from reader.ui.screens.note_editor import NoteEditor

        self.app.push_screen(NoteEditor(quote), save)

    def on_notes_pane_chosen(self, event: NotesPane.Chosen) -> None:
        """Jump to the chosen note's passage."""
        note = self.store.get(event.note_id)
        if note is None or note.orphan:
            return
        self.view.cursor = note.start
        self.view.scroll_to_cursor(center=True)
        self.view.focus()

    def on_notes_pane_edit_requested(self, event: NotesPane.EditRequested) -> None:
        """Edit a note in the editor."""
        note = self.store.get(event.note_id)
        if note is None:
            return

        def save(text: str | None) -> None:
            if text is None or text == note.text:
                return
            try:
                self.store.edit(note.id, text.strip())
            except ReaderError as exc:
                self.notify(str(exc), severity="error")
                return
            self.refresh_notes()

        from reader.ui.screens.note_editor import NoteEditor

        self.app.push_screen(NoteEditor(note.quote, note.text, title="Edit note"), save)

    def on_notes_pane_delete_requested(self, event: NotesPane.DeleteRequested) -> None:
        """Delete a note (the pane has already asked for confirmation)."""
        try:
            self.store.delete(event.note_id)
        except ReaderError as exc:
            self.notify(str(exc), severity="error")
            return
        self.refresh_notes()
        self.notify("note deleted", timeout=3)

    def on_notes_pane_show_all_changed(self, event: NotesPane.ShowAllChanged) -> None:
        """Keep the screen's state in step with the pane's own toggle."""
        self.show_all_notes = event.show_all

    def export_notes(self, fmt: str) -> None:
        """Export notes (and saved words) to the current folder; a toast says where."""
        from reader.study.deck import load_deck
        from reader.study.export import default_output, export

        language = self.language  # the screen's tokens and glossary, once loaded: nothing is segmented again
        try:
            out = export(
                self.document,
                self.store.notes,
                load_deck(),
                fmt,
                default_output(self.document.id, fmt),
                tokens=language.tokens if language is not None else None,
                glossary=language.glossary if language is not None else None,
            )
        except ReaderError as exc:
            self.notify(str(exc), severity="error")
            return
        self.notify(f"exported {fmt} to {out.resolve()}", timeout=8)


def _short(text: str, limit: int = 12) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
