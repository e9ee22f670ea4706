"""The reading screen's cursor and position: following the cursor, what counts as read, saving the place.

:class:`CursorAndPosition` is a mixin of :class:`~reader.ui.screens.reading.ReadingScreen`
(as :class:`~reader.ui.screens.reading_find.FindAndAct` is). It follows the text
view's cursor (the status line, the outline's section, an open pop-up), records
the text that stays on screen as seen, writes the reading position, and reports
failed writes and the changes held in memory because of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.errors import ReaderError
from reader.text.script import shown_word
from reader.ui.widgets.status_line import word_label

if TYPE_CHECKING:
    from textual.reactive import var
    from textual.screen import Screen
    from textual.timer import Timer

    from reader.storage.state import Position, ReadingState
    from reader.text.document import Document
    from reader.text.token_index import TokenIndex
    from reader.ui.config_saver import ConfigSaver
    from reader.ui.screens.reading_notes import NoteActions
    from reader.ui.screens.reading_search import SearchActions
    from reader.ui.screens.reading_study import WordActions
    from reader.ui.widgets.article_view import ArticleView
    from reader.ui.widgets.word_popup import WordPopup

    _Base = Screen[None]
else:
    _Base = object


class CursorAndPosition(_Base):
    """Follow the cursor; record what was read; save the reading position; report what could not be written."""

    if TYPE_CHECKING:
        document: Document
        tokens: TokenIndex
        state: ReadingState
        position: Position
        search: SearchActions
        note_actions: NoteActions
        word_actions: WordActions
        _save_timer: Timer | None
        _dwell_timer: Timer | None
        _config_saver: ConfigSaver
        script: var[str]
        section_index: var[int]
        section_id: var[str]
        progress: var[int]
        cursor_word: var[str]
        search_label: var[str]
        status_message: var[str]

        @property
        def view(self) -> ArticleView:
            """The text view (the screen's)."""

        @property
        def popup(self) -> WordPopup:
            """The word pop-up (the screen's)."""

        def _show_popup(self, offset: int) -> None: ...

    def _cursor_changed(self, offset: int) -> None:
        """Follow the cursor: status, outline, pop-up, saved position (watches the view's cursor)."""
        section = self.document.section_at(offset)
        self.section_index = section.index
        self.section_id = section.id
        self.progress = round(100 * offset / max(1, len(self.document.text) - 1))
        token = self.tokens.at(offset)
        shown = shown_word(self.document.text, token.start, token.text, self.script) if token is not None else ""
        self.cursor_word = word_label(token, shown)
        self.search_label = self.search.label(offset)
        if self.popup.display:
            # After the refresh: a jump (], G, a note chosen) sets the cursor before it scrolls.
            self.call_after_refresh(self._show_popup, offset)
        self.position.visit(offset)
        self._restart_dwell()
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(0.8, self.save_position)

    def _restart_dwell(self, *_: object) -> None:
        """The text on screen changed: it counts as read once it has stayed there a while."""
        from reader.study.progress import DWELL_SECONDS

        if self._dwell_timer is not None:
            self._dwell_timer.stop()
        self._dwell_timer = self.set_timer(DWELL_SECONDS, self._dwelt)

    def _dwelt(self) -> None:
        """The same text has been on screen for ``DWELL_SECONDS``: record it as seen, and the sections that makes read."""
        from reader.study.progress import read_sections

        span = self.view.visible_span()
        if span is None:
            return
        self.position.saw(*span)
        self.position.sections_read = read_sections(self.document, self.position.seen)
        self.save_position()

    def save_position(self) -> None:
        """Write the reading position, and what is at the top of the screen, atomically now."""
        self.position.top, self.position.top_gap = self.view.top_anchor()
        try:
            self.state.save(self.document.id, self.position, len(self.document.text))
        except ReaderError as exc:
            self.report_problem(exc.message)

    def report_problem(self, message: str) -> None:
        """A write (or the dictionary) failed: one line on the status line and a toast; the app goes on."""
        line = " ".join(message.split())
        self.status_message = line
        self.notify(line, severity="error", timeout=8)

    def unsaved_changes(self) -> list[str]:
        """The files with changes held in memory because writing them failed (checked on exit)."""
        files = [str(self.state.path)] if self.state.unsaved else []
        if not self._config_saver.flush():
            from reader.storage.paths import config_path

            files.append(str(config_path()))
        return files + self.note_actions.unsaved() + self.word_actions.unsaved()
