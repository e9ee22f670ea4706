"""The reading screen: outline, text, status line, pop-up and notes pane.

The screen owns the state: the modes (one ``var`` per mode row of :mod:`reader.ui.modes`,
named after its config field), the cursor's place, the notes, the language stack and the
deck. Widgets get it through ``data_bind`` and post messages up; the screen alone opens
other screens and writes files (through :class:`NoteActions` and :class:`WordActions`).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Literal

from rich.style import Style
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer

from reader.errors import ReaderError
from reader.storage.config import Config
from reader.storage.state import ReadingState
from reader.text.document import Document
from reader.text.script import shown_word
from reader.text.token_index import TokenIndex
from reader.text.tokens import Token, TokenStore
from reader.ui.config_saver import ConfigSaver
from reader.ui.modes import Scope, actions, bindings, mode_fields, next_value, redraw_of, status_labels
from reader.ui.screens.reading_find import FindAndAct
from reader.ui.screens.reading_notes import NoteActions
from reader.ui.screens.reading_search import SearchActions, SearchResults
from reader.ui.screens.reading_study import WordActions
from reader.ui.screens.reading_tools import ToolActions
from reader.ui.spans import SpanSet, find_all
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.hsk_legend import HskLegend
from reader.ui.widgets.outline import Outline
from reader.ui.widgets.search_bar import SearchBar
from reader.ui.widgets.status_line import StatusLine, word_label
from reader.ui.widgets.word_popup import WordPopup

if TYPE_CHECKING:
    from reader.study.notes import Note, NoteStore
    from reader.text.language_loader import LoadedLanguage
    from reader.ui.widgets.notes_pane import NotesPane

#: Below this many columns the side panes narrow (and the outline gives way to the notes pane);
#: below ``TINY`` the outline is hidden altogether.
NARROW, TINY = 100, 72
#: Seconds the language worker's heavy work waits at most for the whole screen to be drawn.
_DRAWN_WAIT = 2.0
#: Seconds without a key before the warm-up loads what only new text needs, and the longest it waits.
_KEYS_REST = 0.5
_REST_MAX = 10.0
#: Seconds the footer waits at most for the language worker's first stage (the tokens from the cache).
_FIRST_STAGE_WAIT = 0.3
#: The pop-up's own actions (rows of scope ``popup``): offered only while it is open.
_POPUP_ACTIONS = actions(Scope.POPUP)


class ReadingScreen(FindAndAct, Screen[None]):
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

    # -- the language stack, after the first paint --------------------------------
    def _start_language(self) -> None:
        """Start the language stack, once: as the first frame is written (or at the first paint's message).

        When every cache answers (a text read before: :func:`load_cached`, a few
        milliseconds) the tokens are installed here and now, and only the warm-up
        goes to a thread; otherwise the worker loads it all.
        """
        if self._language_started:
            return
        self._language_started = True
        from reader.text.language_loader import load_cached

        try:
            language = load_cached(self.document)
        except Exception:  # the worker tries again, and reports what goes wrong
            language = None
        if language is None:
            self.load_language()
            return
        self._language_ready(language)
        self._first_stage.set()
        threading.Thread(target=self._warm_up, args=(language,), name="reader-language", daemon=True).start()

    def _warm_up(self, language: LoadedLanguage) -> None:
        """In a thread: the parts a pop-up asks for, once the whole screen is drawn; then the cleaning."""
        self._screen_drawn.wait(_DRAWN_WAIT)
        if language.stack is not None:
            language.stack.warm_up(before_rest=self._keys_rested)
        from reader.storage.cleanup import clean_on_start

        clean_on_start()

    def _last_key(self) -> float:
        """The app's ``last_key`` (0.0 once the screen has left its app: nothing to give way to)."""
        app = self._parent  # not ``self.app``: a thread has no active app, and it raises once the app quit
        return float(getattr(app, "last_key", 0.0))

    def _keys_rested(self) -> None:
        """In the worker: wait until no key has come for :data:`_KEYS_REST` seconds from now (at most :data:`_REST_MAX`).

        The warm-up's later parts (the pinyin reader, the polyphone model: only
        new text needs them) hold the interpreter lock for tens of milliseconds at
        a time; loaded while the learner is pressing keys, each key waited for
        them (``]`` at ready 55–65 ms against 14–24 ms a second later).
        """
        started = time.monotonic()
        while True:
            last = max(started, self._last_key())
            now = time.monotonic()
            if now - last >= _KEYS_REST or now - started >= _REST_MAX:
                return
            time.sleep(_KEYS_REST - (now - last))

    def load_language(self) -> None:
        """Load segmenter, pinyin, dictionary and glossary in a daemon thread, then re-draw.

        Not a Textual thread worker: those run in asyncio's default executor, which
        ``asyncio.run`` waits for on exit, so quitting during a big book's
        segmentation would wait for all of it. A daemon thread is simply dropped.
        """
        screen = self.view.visible_span()  # segmented first when the text is long (see load_language)
        threading.Thread(target=self._load_language, args=(screen,), name="reader-language", daemon=True).start()

    def _load_language(self, screen: tuple[int, int] | None = None) -> None:
        """In the worker: the tokens first (handed over at once), then the rest of the stack, then the cleaning."""
        from reader.text.language_loader import load_language

        def progress(message: str) -> None:
            self.app.call_from_thread(setattr, self, "status_message", message)

        def first_stage_over() -> None:
            with contextlib.suppress(RuntimeError):  # the app quit meanwhile
                self.app.call_from_thread(self._first_stage.set)

        def ready(language: LoadedLanguage) -> None:
            self.app.call_from_thread(self._language_ready, language)
            first_stage_over()

        def pause() -> None:
            first_stage_over()
            self._screen_drawn.wait(_DRAWN_WAIT)

        def first_screen(language: LoadedLanguage) -> None:
            with contextlib.suppress(RuntimeError):  # the app quit meanwhile
                self.app.call_from_thread(self._first_screen_ready, language)

        try:
            load_language(self.document, progress, ready, pause, screen, first_screen, self._keys_rested)
        except Exception as exc:  # the text stays readable whatever the dictionary or cache does
            message = getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"
            with contextlib.suppress(RuntimeError):  # the app quit meanwhile: nothing to show it on
                self.app.call_from_thread(self.report_problem, f"dictionary and pinyin unavailable: {message}")
            first_stage_over()
        from reader.storage.cleanup import clean_on_start

        clean_on_start()  # temp files of killed writers, old lock files, stale cache entries

    @property
    def _shown_language(self) -> LoadedLanguage | None:
        """What the pinyin rows and the pop-up draw from: the whole stack, else the screen's first stage."""
        return self.language or self._first_language

    def _first_screen_ready(self, language: LoadedLanguage) -> None:
        """The tokens of the paragraphs on screen, before the rest: words, pinyin and the pop-up there."""
        if self.language is not None:
            return
        self._first_language = language
        self.tokens.set_tokens(language.tokens, language.covered)
        language.use_index(self.tokens)
        self.view.relayout()
        self._cursor_changed(self.view.cursor)
        if self.popup.display:
            self._show_popup(self.view.cursor)

    def _language_ready(self, language: LoadedLanguage) -> None:
        self.language = language
        self._first_language = None
        waiting, self._waiting = self._waiting, []
        # The learner's meanings (reading them imports the deck: 20 ms) once the frame with the tokens is out.
        language.choices_from(lambda: self.word_actions.meanings().choices_for(self.document.id))
        self.call_after_refresh(lambda: language.choices)
        self.tokens.set_tokens(language.tokens)
        language.use_index(self.tokens)  # sandhi looks tokens up in the screen's index, not a second one
        tokens = language.tokens
        spans = (
            tokens.glossary_spans()
            if isinstance(tokens, TokenStore)
            else ((t.start, t.end) for t in tokens if t.glossary)
        )
        self.terms = SpanSet(spans)  # from the store's columns: no token made for the whole book
        self.status_message = self._banner
        for problem in language.problems[:3]:
            self.notify(f"glossary: {problem}", severity="warning", timeout=10)
        self.view.relayout()
        self._cursor_changed(self.view.cursor)
        if self.popup.display:
            self._show_popup(self.view.cursor)
        self.search.rerun(self.view.cursor, language)
        for act in waiting:
            act()

    def reading_parts(self, token: Token) -> list[tuple[str, int]]:
        """Pinyin above a token, as ``(text, tone)`` parts."""
        from reader.text.language_loader import reading_parts

        return reading_parts(token, self._shown_language, sandhi=self.sandhi, numbers=self.tone_scheme == "none")

    def tone_style(self, tone: int) -> Style:
        """Rich style of a tone in the user's scheme."""
        from reader.text.tones import tone_color

        color = tone_color(self.tone_scheme, tone)
        return Style(color=color) if color else Style()

    # -- cursor, status and position ----------------------------------------------
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

    # -- modes: every row of the mode table with a ``field`` ----------------------------
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

    # -- notes -----------------------------------------------------------------------
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
