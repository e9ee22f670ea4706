"""The reading screen's modes: every row of the mode table with a ``field``, switched and saved.

:class:`ModeSwitching` is a mixin of :class:`~reader.ui.screens.reading.ReadingScreen`
(as :class:`~reader.ui.screens.reading_find.FindAndAct` is). ``mode_toggle`` and
``mode_set`` set the screen's ``var`` of the mode and the config field, redraw
what the table says (:func:`~reader.ui.modes.redraw_of`) and save the settings
once that frame is drawn; the watchers show or hide what a mode shows (the
outline, the notes pane) and read what it needs the first time (word statuses).
The screen makes the config saver and reports its failures.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.ui.modes import next_value, redraw_of, status_labels
from reader.ui.widgets.outline import Outline

if TYPE_CHECKING:
    from textual.reactive import var
    from textual.screen import Screen

    from reader.storage.config import Config
    from reader.text.language_loader import LoadedLanguage
    from reader.ui.config_saver import ConfigSaver
    from reader.ui.screens.reading_study import WordActions
    from reader.ui.widgets.article_view import ArticleView
    from reader.ui.widgets.notes_pane import NotesPane

    _Base = Screen[None]
else:
    _Base = object


class ModeSwitching(_Base):
    """Switch a mode, redraw what it changes, save the settings; show or hide the outline and the notes pane."""

    if TYPE_CHECKING:
        config: Config
        language: LoadedLanguage | None
        word_actions: WordActions
        _config_saver: ConfigSaver
        _config_pending: bool
        modes_label: var[str]

        @property
        def view(self) -> ArticleView:
            """The text view (the screen's)."""

        def _cursor_changed(self, offset: int) -> None: ...

        def _replace_popup(self) -> None: ...

        def _notes_pane(self) -> NotesPane: ...

    def action_mode_toggle(self, field: str) -> None:
        """Switch the mode ``field``: a flag on or off, a choice to its next value (the table's order)."""
        self.action_mode_set(field, next_value(field, getattr(self, field)))

    def action_mode_set(self, field: str, value: object) -> None:
        """Set the mode ``field`` to ``value``, redraw what the table says, and save it once that is drawn.

        The save (a YAML dump and two fsyncs) waits for the frame: the key's effect is on
        screen first.
        """
        setattr(self, field, value)
        setattr(self.config, field, value)
        self.modes_label = status_labels(vars(self.config))
        self.view.redraw(redraw_of(field))
        if field == "script":  # the status line's word and an open pop-up's headword are shown in it too
            self._cursor_changed(self.view.cursor)
        if not self._config_pending:
            self._config_pending = True
            self.call_after_refresh(self._save_config)

    def _save_config(self) -> None:
        """Write the settings, off the event loop (:class:`~reader.ui.config_saver.ConfigSaver`).

        A failure is a message, and the settings are written again with the next change.
        """
        if not self._config_pending:
            return
        self._config_pending = False
        self._config_saver.save(self.config)

    def watch_pinyin(self, pinyin: bool) -> None:
        """Say why no pinyin shows yet, if the language stack is still loading."""
        if pinyin and self.language is None:
            self.notify("pinyin appears as soon as the language stack has loaded", timeout=3)

    def watch_status_colours(self, on: bool) -> None:
        """Word statuses are read the first time they are shown."""
        if on:
            self.word_actions.statuses()

    def _statuses_changed(self) -> None:
        """Word statuses were read or changed: the text redraws its colours."""
        self.view.word_status = self.word_actions.word_status

    def watch_outline(self, show: bool) -> None:
        """Hide the outline (and move focus off it) or show it."""
        outline = self.query_one(Outline)
        outline.set_class(not show, "-hidden")
        self._replace_popup()
        if not show and outline.has_focus:
            self.view.focus()

    def watch_notes_pane(self, show: bool) -> None:
        """Show or hide the notes pane (mounting it the first time)."""
        pane = self._notes_pane()
        if show:
            from reader.ui.styles import NOTES_CSS, load_stylesheet

            load_stylesheet(self.app, NOTES_CSS)
        pane.display = show
        self.set_class(show, "-notes-open")
        self._replace_popup()
        if show:
            pane.catch_up()
        elif pane.has_focus_within:
            self.view.focus()
