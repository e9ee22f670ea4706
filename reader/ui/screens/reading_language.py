"""The reading screen's language stack: loading it after the first paint, then what draws from it.

:class:`LanguageStack` is a mixin of :class:`~reader.ui.screens.reading.ReadingScreen`
(as :class:`~reader.ui.screens.reading_find.FindAndAct` is). It starts the
language stack once the first frame is out (from the caches at once when every
cache answers, else in a daemon thread), installs the tokens of the paragraphs on
screen and then the whole stack, and gives the text view the pinyin parts and
the tone styles it draws with. The state it works on (the tokens, the language,
the events) is the screen's, made in its ``__init__``.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.style import Style

from reader.text.tokens import Token, TokenStore
from reader.ui.spans import SpanSet

if TYPE_CHECKING:
    from textual.reactive import var
    from textual.screen import Screen

    from reader.text.document import Document
    from reader.text.language_loader import LoadedLanguage
    from reader.text.token_index import TokenIndex
    from reader.ui.screens.reading_search import SearchActions
    from reader.ui.screens.reading_study import WordActions
    from reader.ui.widgets.article_view import ArticleView
    from reader.ui.widgets.word_popup import WordPopup

    _Base = Screen[None]
else:
    _Base = object

#: Seconds the language worker's heavy work waits at most for the whole screen to be drawn.
_DRAWN_WAIT = 2.0
#: Seconds without a key before the warm-up loads what only new text needs, and the longest it waits.
_KEYS_REST = 0.5
_REST_MAX = 10.0


class LanguageStack(_Base):
    """Load the language stack in the background; the pinyin parts and tone styles the text is drawn with."""

    if TYPE_CHECKING:
        document: Document
        tokens: TokenIndex
        language: LoadedLanguage | None
        _first_language: LoadedLanguage | None
        _waiting: list[Callable[[], None]]
        _screen_drawn: threading.Event
        _first_stage: asyncio.Event
        _language_started: bool
        _banner: str
        search: SearchActions
        word_actions: WordActions
        sandhi: var[bool]
        tone_scheme: var[str]
        terms: var[SpanSet]
        status_message: var[str]

        @property
        def view(self) -> ArticleView:
            """The text view (the screen's)."""

        @property
        def popup(self) -> WordPopup:
            """The word pop-up (the screen's)."""

        def report_problem(self, message: str) -> None:
            """Show a failure on the status line (the screen's)."""

        def _cursor_changed(self, offset: int) -> None: ...

        def _show_popup(self, offset: int) -> None: ...

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
