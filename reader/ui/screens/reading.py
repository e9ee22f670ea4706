"""The reading screen: outline, text, status line, pop-up and notes pane.

The screen owns the state: the modes (one ``var`` per mode row of :mod:`reader.ui.modes`,
named after its config field), the cursor's place, the notes, the language stack and the
deck. Widgets get it through ``data_bind`` and post messages up; the screen alone opens
other screens and writes files (through :class:`NoteActions` and :class:`WordActions`).
Here: the state, composition, first paint, pop-up and navigation; the rest is in its
mixins (``reading_language``, ``reading_position``, ``reading_modes``, ``reading_words``,
``reading_find``: language stack, cursor and position, modes, notes and words, finding).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Literal

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer

from reader.storage.config import Config
from reader.storage.state import ReadingState
from reader.text.document import Document
from reader.text.token_index import TokenIndex
from reader.ui.config_saver import ConfigSaver
from reader.ui.modes import Scope, actions, bindings, mode_fields, status_labels
from reader.ui.screens.reading_find import FindAndAct
from reader.ui.screens.reading_language import LanguageStack
from reader.ui.screens.reading_modes import ModeSwitching
from reader.ui.screens.reading_notes import NoteActions
from reader.ui.screens.reading_position import CursorAndPosition
from reader.ui.screens.reading_search import SearchActions, SearchResults
from reader.ui.screens.reading_study import WordActions
from reader.ui.screens.reading_tools import ToolActions
from reader.ui.screens.reading_words import NotesAndWords
from reader.ui.spans import SpanSet, find_all
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.hsk_legend import HskLegend
from reader.ui.widgets.outline import Outline
from reader.ui.widgets.search_bar import SearchBar
from reader.ui.widgets.status_line import StatusLine
from reader.ui.widgets.word_popup import WordPopup

if TYPE_CHECKING:
    from reader.study.notes import Note
    from reader.text.language_loader import LoadedLanguage
    from reader.ui.widgets.notes_pane import NotesPane

#: Below this many columns the side panes narrow (and the outline gives way to the notes pane);
#: below ``TINY`` the outline is hidden altogether.
NARROW, TINY = 100, 72
#: Seconds the footer waits at most for the language worker's first stage (the tokens from the cache).
_FIRST_STAGE_WAIT = 0.3
#: The pop-up's own actions (rows of scope ``popup``): offered only while it is open.
_POPUP_ACTIONS = actions(Scope.POPUP)


class ReadingScreen(FindAndAct, LanguageStack, CursorAndPosition, ModeSwitching, NotesAndWords, Screen[None]):
    """Read one document."""

    BINDINGS = bindings(Scope.SCREEN) + bindings(Scope.POPUP)

    # The modes, one var per mode row of the table (a var never repaints the screen: the table says what to).
    pinyin: var[bool] = var(False, init=False)
    highlight: var[bool] = var(True, init=False)
    status_colours: var[bool] = var(False, init=False)
    sandhi: var[bool] = var(False, init=False)
    tone_scheme: var[str] = var("zhongwen", init=False)
    script: var[str] = var("as written", init=False)
    outline: var[bool] = var(True, init=False)
    hsk_colours: var[bool] = var(False, init=False)
    hsk_above: var[str] = var("all", init=False)
    notes_pane: var[bool] = var(False, init=False)
    # Bound down to the status line, the outline, the text and the notes pane.
    modes_label: var[str] = var("")
    status_message: var[str] = var("")
    section_index: var[int] = var(0)
    section_id: var[str] = var("")
    progress: var[int] = var(0)
    cursor_word: var[str] = var("")
    keywords: var[SpanSet] = var(SpanSet)
    terms: var[SpanSet] = var(SpanSet)
    note_spans: var[SpanSet] = var(SpanSet)
    note_counts: var[dict[str, int]] = var(dict)
    notes: var[list[Note]] = var(list, always_update=True)
    show_all_notes: var[bool] = var(False)
    notes_read_only: var[bool] = var(False)
    search_spans: var[SpanSet] = var(SpanSet)
    search_counts: var[dict[int, int]] = var(dict)
    search_label: var[str] = var("")

    def __init__(self, document: Document, config: Config, start_at: int | None = None) -> None:
        super().__init__()
        self.document = document
        self.config = config
        self.tokens = TokenIndex(document)
        self.language: LoadedLanguage | None = None
        #: The language stack with the tokens of the paragraphs on screen only, until :attr:`language` is in.
        self._first_language: LoadedLanguage | None = None
        self._waiting: list[Callable[[], None]] = []  # actions pressed while the language stack loaded
        #: Set once the whole screen (footer, outline labels) is drawn: the worker's heavy work waits for it.
        self._screen_drawn = threading.Event()
        #: Set once the worker's first stage is over (the tokens are in, or heavy work is next): the footer waits for it.
        self._first_stage = asyncio.Event()
        self._language_started = False
        self.state = ReadingState()
        self.position = self.state.position(document.id)
        if start_at is not None:  # ``reader open NAME --at OFFSET``: the cursor there, a third of the way down
            self.position.offset, self.position.top, self.position.top_gap = start_at, -1, 0
        self.note_actions = NoteActions(self, document, self._notes_changed)
        self.word_actions = WordActions(self, document, self._statuses_changed)
        self.search = SearchActions(self, document, self._search_changed, self._jump)
        self.tools = ToolActions(self, document, self.tokens)
        self._pane: NotesPane | None = None
        self._save_timer: Timer | None = None
        #: Writes the settings on a thread of its own (a failure: a message, written again with the next change).
        self._config_saver = ConfigSaver(self._config_save_failed)
        #: True from a mode change until its save (which follows the frame that shows it).
        self._config_pending = False
        #: What the status line says when nothing else is to be said ("READ-ONLY: ..." for a home that cannot be written).
        self._banner = ""
        # A position or offset beyond this text (another version of the file, a damaged cache)
        # is brought back inside it.
        last = max(len(document.text) - 1, 0)
        self.position.offset = min(max(self.position.offset, 0), last)
        self.position.furthest = min(max(self.position.furthest, self.position.offset), last)
        self._dwell_timer: Timer | None = None
        self._search_origin = 0
        for field in mode_fields():
            self.set_reactive(getattr(ReadingScreen, field), getattr(config, field))
        self.set_reactive(ReadingScreen.modes_label, status_labels(vars(config)))

    # -- composition -------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """Outline | text + status, the pop-up on the overlay layer (the footer follows the first paint)."""
        screen = ReadingScreen
        with Horizontal(id="main"):
            yield Outline(self.document, id="outline").data_bind(
                current=screen.section_index, note_counts=screen.note_counts, match_counts=screen.search_counts
            )
            with Vertical(id="reading"):
                yield ArticleView(self.document, self.tokens, self.reading_parts, self.tone_style, id="text").data_bind(
                    screen.pinyin, screen.highlight, screen.status_colours, screen.keywords, screen.terms,
                    screen.hsk_colours, screen.hsk_above,
                    notes=screen.note_spans, matches=screen.search_spans, script=screen.script,
                )  # fmt: skip
                yield HskLegend(id="hsk-legend").data_bind(show=screen.hsk_colours, above=screen.hsk_above)
                yield SearchBar(id="search")
                yield StatusLine(len(self.document.sections), id="status").data_bind(
                    section=screen.section_index, progress=screen.progress, word=screen.cursor_word,
                    modes=screen.modes_label, message=screen.status_message, search=screen.search_label,
                )  # fmt: skip
        yield WordPopup(id="popup")

    @property
    def view(self) -> ArticleView:
        """The text view."""
        return self.query_one(ArticleView)

    @property
    def popup(self) -> WordPopup:
        """The word pop-up."""
        return self.query_one(WordPopup)

    def on_mount(self) -> None:
        """Highlight keywords, restore the position; the rest waits for the first paint."""
        view = self.view
        self.keywords = SpanSet(find_all(self.document.text, self.document.keywords))
        self.watch_outline(self.outline)
        if self.state.error:
            self.notify(f"reading position not saved: {self.state.error}", severity="warning", timeout=8)
        from reader.storage.paths import home_is_writable

        problem = home_is_writable()
        if problem is not None:
            self.state.error = problem  # open read-only: never try to write the position
            self._banner = self.status_message = f"READ-ONLY: {problem}"
            self.notify(f"read-only: {problem}; nothing you change will be saved", severity="warning", timeout=12)
        self.app.unsaved_check = self.unsaved_changes  # type: ignore[attr-defined]
        view.focus()
        start = self.tokens.word_at_or_after(self.position.offset)
        view.set_reactive(ArticleView.cursor, start.start if start else 0)
        self.watch(view, "cursor", self._cursor_changed, init=False)
        view.first_view = partial(view.resume, self.position.top, self.position.top_gap, self.position.offset)
        view.first_frame = self._start_language  # the worker starts as the first frame is out
        self.call_after_refresh(self._cursor_changed, view.cursor)

    def on_resize(self, event: events.Resize) -> None:
        """Give the text room on narrow terminals; keep the pop-up inside the screen."""
        width = event.size.width
        self.set_class(width < NARROW, "-narrow")
        self.set_class(width < TINY, "-tiny")
        self._replace_popup()

    def _replace_popup(self) -> None:
        """The text panel changes size: the open pop-up is placed again, once the panel has its new size."""
        if self.popup.display:
            self.call_after_refresh(lambda: self._show_popup(self.view.cursor))

    @on(ArticleView.FirstPaint)
    async def on_first_paint(self) -> None:
        """The text is on screen: the language worker (already started by the first frame), then the footer.

        The worker's first stage reads the tokens from the cache, and the screen
        waits for it (a few tens of milliseconds, never more than
        :data:`_FIRST_STAGE_WAIT`) so as not to share the interpreter lock with
        the footer meanwhile. The frame that shows the tokens (pinyin in the
        status line, words under the cursor) is drawn next, and only then the
        footer and start-up's garbage collection (:meth:`_finish_screen`).
        Anything heavier (importing jieba and pypinyin, which hold the lock for
        long stretches, building the dictionary index, segmenting) waits instead
        until the footer and the outline's labels are drawn
        (:meth:`_after_whole_screen`).
        """
        self._start_language()
        with contextlib.suppress(asyncio.TimeoutError):  # the interpreter lock is the worker's meanwhile
            await asyncio.wait_for(self._first_stage.wait(), _FIRST_STAGE_WAIT)
        self.call_after_refresh(self._finish_screen)

    async def _finish_screen(self) -> None:
        """The first frame with the tokens is out: collect start-up's garbage, fill the outline, mount the footer."""
        # ``reader open`` collects start-up's garbage here (45 ms holding the interpreter lock),
        # which in front of the worker's first stage, or of its frame, delayed the tokens by as much.
        first_painted = getattr(self.app, "first_painted", None)
        if first_painted is not None:
            first_painted()
        if not self.is_attached:  # quit meanwhile (keys typed ahead run on arrival): nothing more to draw
            return
        from reader.ui.widgets.footer import KeyFooter  # mounted after the first paint: not imported before it

        self.query_one(Outline).fill()
        await self.mount(KeyFooter())
        self.refresh_bindings()  # a footer draws its keys when the bindings are announced
        self.call_after_refresh(self._after_whole_screen)

    def _after_whole_screen(self) -> None:
        """Outline, footer and text are all drawn: start the slow work."""
        self._screen_drawn.set()
        self.open_notes()
        self.watch(self.view, "scroll_y", self._restart_dwell, init=False)
        self._restart_dwell()
        if self.status_colours:
            self.word_actions.statuses()

    # -- the pop-up ----------------------------------------------------------------
    @on(ArticleView.WordActivated)
    def on_word_activated(self, event: ArticleView.WordActivated) -> None:
        """Open (or re-aim) the pop-up."""
        self._show_popup(event.offset)

    def _show_popup(self, offset: int) -> None:
        token = self.tokens.word_at(offset)
        if token is not None:
            from reader.text.language_loader import word_info

            info = word_info(token, self._shown_language, numbers=self.tone_scheme == "none", script=self.script)
            self.popup.show(info, self.view.cursor_screen_region(), self.view.popup_area(), self.tone_style)

    def action_choose_meaning(self) -> None:
        """Choose another meaning for the word in the pop-up, or write your own (``tab``; else focus moves)."""
        if not self.popup.display:
            self.focus_next()
            return
        token = self.tokens.word_at(self.view.cursor)
        if token is not None and self.language is not None:
            self.word_actions.pick_meaning(token, self.language, lambda: self._show_popup(token.start))

    def arrival_keys(self) -> Literal["bindings"] | None:
        """Keys run their binding as they arrive while the text view or nothing has focus.

        The text view's keys are all bindings, so the app can look them up on
        arrival (:class:`reader.ui.app.ArrivalKeys`): typed ahead, ``n`` opens the
        note editor before the next key is looked at, whatever the screen's
        queues are busy with.
        """
        focused = self.focused
        return "bindings" if focused is None or isinstance(focused, ArticleView) else None

    def keep_key(self, event: events.Key) -> bool:
        """Not used: the reading screen's keys on arrival are bindings (see :meth:`arrival_keys`)."""
        return False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The pop-up's own keys work only while it is open (otherwise the key does what it does elsewhere)."""
        return self.popup.display if action in _POPUP_ACTIONS and action != "choose_meaning" else True

    def action_close_popup(self) -> None:
        """Close the pop-up, or drop the selection."""
        if self.popup.display:
            self.popup.hide()
        elif self.view.selection_anchor is not None:
            self.view.selection_anchor = None
        elif self.search.active:
            self.search.clear()

    def _search_changed(self, results: SearchResults) -> None:
        """Bind a search's matches down: highlights, the status line's "3/12", the outline's marks."""
        self.search_spans = SpanSet((m.start, m.end) for m in results.matches)
        if results.done or not self.search_counts:
            counts: dict[int, int] = {}
            for match in results.matches:
                index = self.document.section_at(match.start).index
                counts[index] = counts.get(index, 0) + 1
            self.search_counts = counts
        self.search_label = self.search.label(self.view.cursor)

    def _say(self, message: str) -> None:
        """Put ``message`` on the status line."""
        self.status_message = message

    def _jump(self, offset: int) -> None:
        """Put the cursor on a match."""
        view = self.view
        view.cursor = offset
        view.scroll_to_cursor(center=True)

    # -- the settings' saver (the modes are in ModeSwitching) -----------------------------
    class ConfigSaveFailed(Message):
        """The settings could not be written (posted by the saver's thread)."""

        def __init__(self, problem: str) -> None:
            super().__init__()
            self.problem = problem

    def _config_save_failed(self, problem: str) -> None:
        """The saver's report, from any thread: a message, shown on the app's (posting never waits)."""
        self.post_message(self.ConfigSaveFailed(problem))

    def on_reading_screen_config_save_failed(self, event: ConfigSaveFailed) -> None:
        """Show why the settings were not written."""
        self.report_problem(event.problem)

    # -- the notes pane (the notes keys are in NotesAndWords) ------------------------
    def open_notes(self) -> None:
        """Open the notes file (unless a note key opened it already), and the pane if it was open last time."""
        self.notes_read_only = (self.note_actions.store or self.note_actions.open()).read_only
        self.watch_notes_pane(self.notes_pane)  # mounts the pane: hidden, unless it was open last time

    def _notes_pane(self) -> NotesPane:
        """The notes pane, bound to the screen's notes and mounted (hidden) after a refresh, once."""
        if self._pane is None:
            from reader.ui.widgets.notes_pane import NotesPane

            screen = ReadingScreen
            self._pane = NotesPane(self.document, id="notes-pane").data_bind(
                screen.notes, screen.section_id, show_all=screen.show_all_notes, read_only=screen.notes_read_only
            )
            self._pane.display = False
            self.call_after_refresh(self._mount_pane, self._pane)
        return self._pane

    def _mount_pane(self, pane: NotesPane) -> None:
        """Mount the notes pane after a refresh (as Textual's ``Lazy``), unless the reader quit meanwhile.

        ``Lazy`` mounts into a parent that may have gone (``q`` typed ahead during
        start-up), and Textual then ends the app with a traceback.
        """
        main = self.query_one("#main")
        if main.is_attached and not pane.is_attached:
            main.mount(pane)

    # -- navigation ------------------------------------------------------------------
    @on(Outline.SectionChosen)
    def on_section_chosen(self, event: Outline.SectionChosen) -> None:
        """Jump to the section chosen in the outline."""
        self.go_to_section(event.index)
        self.view.focus()

    def go_to_section(self, index: int) -> None:
        """Jump to section ``index``."""
        self.view.go_to_section(index)

    async def action_quit(self) -> None:
        """Save the position (and a mode just changed) and quit."""
        self._save_config()
        self._config_saver.flush()
        self.save_position()
        self.app.exit()

    def on_unmount(self) -> None:
        """Save the position however the app ends (a browser tab closed under ``reader serve``, a test's exit)."""
        with contextlib.suppress(Exception):  # the screen is going: a failed save was reported before
            self._save_config()
            self._config_saver.flush()
            self.save_position()
