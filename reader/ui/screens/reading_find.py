"""The reading screen's finding and acting keys: search, lookup, word levels, copy, hear, terms, bookmarks.

:class:`FindAndAct` is a mixin of :class:`~reader.ui.screens.reading.ReadingScreen`
holding the actions of issue 13's rows of the mode table, so that the screen's
own file stays about its state and composition. The work itself is in plain
objects (:class:`~reader.ui.screens.reading_search.SearchActions`,
:class:`~reader.ui.screens.reading_tools.ToolActions`, the screen's
:class:`~reader.ui.screens.reading_study.WordActions`) and in the core.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reader.ui.widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from rich.style import Style
    from textual.screen import Screen

    from reader.storage.config import Config
    from reader.storage.state import Position
    from reader.text.document import Document
    from reader.text.language_loader import LoadedLanguage
    from reader.text.token_index import TokenIndex
    from reader.ui.screens.reading_search import SearchActions
    from reader.ui.screens.reading_study import WordActions
    from reader.ui.screens.reading_tools import ToolActions
    from reader.ui.widgets.article_view import ArticleView
    from reader.ui.widgets.word_popup import WordPopup

    _Base = Screen[None]
else:
    _Base = object


class FindAndAct(_Base):
    """Search, lookup box, word levels, unknown words, copy, speech, the term form and bookmarks."""

    if TYPE_CHECKING:
        document: Document
        tokens: TokenIndex
        language: LoadedLanguage | None
        config: Config
        position: Position
        search: SearchActions
        tools: ToolActions
        word_actions: WordActions
        _search_origin: int

        @property
        def view(self) -> ArticleView:
            """The text view (the screen's)."""

        @property
        def popup(self) -> WordPopup:
            """The word pop-up (the screen's)."""

        def tone_style(self, tone: int) -> Style:
            """A tone's style (the screen's)."""

        def save_position(self) -> None:
            """Save the reading position (the screen's)."""

        def load_language(self) -> Any:
            """Read the document again in the worker (the screen's)."""

        def _jump(self, offset: int) -> None: ...

        def _say(self, message: str) -> None: ...

    def action_lookup_box(self) -> None:
        """Look up any word by hanzi, pinyin or English (``L``); the chosen word's pop-up opens."""
        language = self.language
        if language is None:
            self.notify("the dictionary is still loading; try again in a moment", timeout=3)
            return
        from reader.ui.dialogs.lookup import LookupBox

        def chosen(word: str | None) -> None:
            if word:
                from reader.text.language_loader import looked_up_info

                info = looked_up_info(word, self.view.cursor, language, numbers=self.config.tone_scheme == "none")
                self.popup.show(info, self.view.cursor_screen_region(), self.view.popup_area(), self.tone_style)

        self.app.push_screen(LookupBox(language), chosen)

    # -- search ------------------------------------------------------------------------
    def action_search(self, backward: int) -> None:
        """Open the search bar (``/`` forward, backslash backward); matches come as the learner types."""
        self._search_origin = self.view.cursor
        self.query_one(SearchBar).open(bool(backward))

    def on_search_bar_query_changed(self, event: SearchBar.QueryChanged) -> None:
        """Search again for what is typed so far, from where the search started."""
        backward = self.query_one(SearchBar).backward
        origin = self._search_origin + (0 if backward else 1)
        self.search.start(event.query, origin, backward, self.language)

    def on_search_bar_done(self, event: SearchBar.Done) -> None:
        """Enter keeps the matches; esc drops them and puts the cursor back."""
        if not event.keep:
            self.search.clear()
            self.view.jump_to(self._search_origin)
        self.view.focus()

    def action_match(self, delta: int) -> None:
        """The next (``>``) or previous (``<``) search match."""
        if not self.search.step(self.view.cursor, delta):
            self.notify("no search matches: search with / first" if not self.search.active else "no match", timeout=2)

    def action_set_level(self, level: str) -> None:
        """Set the status level of the word under the cursor (number keys, ``0`` clears, ``i`` ignores)."""
        self.word_actions.set_level(self.tokens.word_at(self.view.cursor), level)

    def action_unknown(self, delta: int) -> None:
        """Jump to the next (``u``) or previous (``U``) unknown word; an open pop-up follows."""
        found = self.word_actions.next_unknown(self.view.cursor, delta, self.language, self.config.unknown_skips_hsk1)
        if found is not None:
            self._jump(found)

    # -- copy, hear, bookmarks (ToolActions) ---------------------------------------------
    def action_copy(self, what: str) -> None:
        """Copy the word or selection, or its sentence; ``+`` (or the key twice): with pinyin and meaning."""
        view = self.view
        self.tools.copy(what, view.selection_range(), view.selection_anchor is not None, self.language)

    def action_speak(self, what: str) -> None:
        """Hear the word (``a``) or its sentence (``A``), where espeak-ng is installed."""
        self.tools.speak(what, self.view.cursor, self._say)

    def action_term_form(self) -> None:
        """Your glossary term, or a split / join, for the word or selection (``+``); applied at once."""
        from reader.ui.screens.reading_terms import open_term_form

        span = self.view.selection_range()
        open_term_form(self, self.document, self.tokens, span, self.language, self._terms_saved)

    def _terms_saved(self, message: str) -> None:
        """A term or word boundary was saved: drop this document's token cache and read it again (worker)."""
        from reader.ui.screens.reading_terms import drop_token_cache

        self.view.selection_anchor = None
        self.notify(message, timeout=6)
        drop_token_cache(self.document, self.language)
        self._say("reading the text again with your change…")
        self.load_language()

    def action_add_bookmark(self) -> None:
        """Name a bookmark at the cursor; it is saved with the reading position."""
        from reader.ui.dialogs.bookmark_name import BookmarkName

        offset = self.view.cursor

        def named(name: str | None) -> None:
            if name:
                self.tools.add_bookmark(self.position, name, offset)
                self.save_position()

        self.app.push_screen(BookmarkName(self.tools.suggest_name(offset)), named)

    def action_bookmarks(self) -> None:
        """The palette, listing this document's bookmarks only."""
        from reader.ui.palette import ReadingHost, bookmark_entries
        from reader.ui.screens.palette_screen import PaletteScreen

        if not self.position.bookmarks:
            self.notify("no bookmarks yet: b adds one here", timeout=3)
            return
        if isinstance(self, ReadingHost):
            self.app.push_screen(PaletteScreen(bookmark_entries(self), "Jump to a bookmark…"))

    def bookmark_list(self) -> list[tuple[str, int]]:
        """The document's bookmarks (for the palette)."""
        return list(self.position.bookmarks)

    def go_to_bookmark(self, offset: int) -> None:
        """Jump to a bookmark."""
        self.view.jump_to(min(offset, max(0, len(self.document.text) - 1)))
