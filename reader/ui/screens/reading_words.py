"""The reading screen's notes and words keys: notes, the notes pane's requests, the deck, study, exports.

:class:`NotesAndWords` is a mixin of :class:`~reader.ui.screens.reading.ReadingScreen`
(as :class:`~reader.ui.screens.reading_find.FindAndAct` is) holding the actions of
the mode table's "words and notes" rows and of the study screens' rows. The work
itself is in the plain objects the screen holds
(:class:`~reader.ui.screens.reading_notes.NoteActions`,
:class:`~reader.ui.screens.reading_study.WordActions`); this binds their notes
down to the widgets and waits for the language stack where a word needs it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.ui.spans import SpanSet

if TYPE_CHECKING:
    from textual.reactive import var
    from textual.screen import Screen

    from reader.study.notes import Note, NoteStore
    from reader.text.document import Document
    from reader.text.language_loader import LoadedLanguage
    from reader.text.token_index import TokenIndex
    from reader.ui.screens.reading_notes import NoteActions
    from reader.ui.screens.reading_study import WordActions
    from reader.ui.widgets.article_view import ArticleView
    from reader.ui.widgets.notes_pane import NotesPane

    _Base = Screen[None]
else:
    _Base = object


class NotesAndWords(_Base):
    """Notes on the text and the notes pane's requests; saving and marking words; study, drill, stats, export."""

    if TYPE_CHECKING:
        document: Document
        tokens: TokenIndex
        language: LoadedLanguage | None
        note_actions: NoteActions
        word_actions: WordActions
        _waiting: list[Callable[[], None]]
        notes_pane: var[bool]
        tone_scheme: var[str]
        notes: var[list[Note]]
        note_spans: var[SpanSet]
        note_counts: var[dict[str, int]]
        show_all_notes: var[bool]

        @property
        def view(self) -> ArticleView:
            """The text view (the screen's)."""

        def action_mode_toggle(self, field: str) -> None:
            """Switch the mode ``field`` (the screen's)."""

        def _notes_pane(self) -> NotesPane: ...

    # -- notes -----------------------------------------------------------------------
    def _notes_changed(self, store: NoteStore) -> None:
        """Bind the store's notes down to the pane, the outline counts and the underlines."""
        self.notes = list(store.notes)
        self.note_spans = SpanSet((start, end) for start, end, _ in store.spans())
        self.note_counts = store.counts()

    def action_add_note(self) -> None:
        """Note on the selection, or on the word under the cursor."""

        def saved(note: Note) -> None:
            self.view.selection_anchor = None
            if not self.notes_pane:
                self.action_mode_toggle("notes_pane")
            self.call_after_refresh(self._notes_pane().select_note, note.id)

        self.note_actions.add(*self.view.selection_range(), saved)

    def on_notes_pane_chosen(self, event: NotesPane.Chosen) -> None:
        """Jump to the chosen note's passage."""
        note = self.note_actions.get(event.note_id)
        if note is not None and not note.orphan:
            self.view.jump_to(note.start)

    def on_notes_pane_edit_requested(self, event: NotesPane.EditRequested) -> None:
        """Edit a note in the editor."""
        self.note_actions.edit(event.note_id)

    def on_notes_pane_delete_requested(self, event: NotesPane.DeleteRequested) -> None:
        """Ask, then delete a note."""
        self.note_actions.delete(event.note_id, event.quote)

    def on_notes_pane_show_all_requested(self, event: NotesPane.ShowAllRequested) -> None:
        """The pane asked for this section's notes or all of them: the screen owns the choice."""
        self.show_all_notes = event.show_all

    def action_export(self, fmt: str) -> None:
        """Export notes and saved words in ``fmt`` to the current folder."""
        self.word_actions.export(fmt, self.note_actions.notes, self.language)

    # -- words and study -------------------------------------------------------------
    def action_save_word(self) -> None:
        """Save the word under the cursor to the deck, with its sentence (once words are known)."""
        at = self.view.cursor
        self._with_language("saving", lambda: self.word_actions.save_word(self.tokens.word_at(at), self.language))

    def action_toggle_known(self) -> None:
        """Mark the word under the cursor known; pressing again undoes it."""
        at = self.view.cursor
        self._with_language("marking", lambda: self.word_actions.toggle_known(self.tokens.word_at(at)))

    def _with_language(self, what: str, act: Callable[[], None]) -> None:
        """Run ``act`` now, or when the language stack has loaded (until then words are single characters)."""
        if self.language is not None:
            act()
            return
        self._waiting.append(act)
        self.notify(f"{what} the word as soon as the dictionary and segmenter have loaded", timeout=3)

    def action_study(self) -> None:
        """Review this document's due cards."""
        self.word_actions.study(self.tone_scheme)

    def action_drill(self) -> None:
        """A quick drill on the current section's terms and saved words."""
        self.word_actions.drill(self.document.section_at(self.view.cursor), self.tone_scheme)

    def action_stats(self) -> None:
        """Progress: reviews, due cards, retention, reading, HSK profile."""
        self.word_actions.stats(self.language)

    def action_difficulty(self) -> None:
        """The article's difficulty profile: share of words at each HSK level."""
        self.word_actions.difficulty(self.language)
