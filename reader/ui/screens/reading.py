"""The reading screen: outline, text, status line, pop-up and notes pane.

The screen owns the state (modes, the language stack, notes, deck) and binds
it down to its widgets; the widgets post messages up.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.style import Style
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.timer import Timer
from textual.widgets import Footer

from reader.storage.config import Config, save_config
from reader.storage.state import ReadingState
from reader.text.document import Document
from reader.text.token_index import TokenIndex
from reader.text.tokens import Token
from reader.ui.commands import ReaderCommands, SectionCommands
from reader.ui.screens.reading_study import StudyMixin
from reader.ui.spans import SpanSet, find_all
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.outline import Outline
from reader.ui.widgets.status_line import StatusLine
from reader.ui.widgets.word_popup import WordPopup

if TYPE_CHECKING:
    from reader.study.notes import Note


#: Below this many columns the side panes narrow (and the outline gives way to the notes pane).
NARROW = 100
#: Below this many columns the outline is hidden altogether.
TINY = 72


class ReadingScreen(StudyMixin):
    """Read one document."""

    COMMANDS = {SectionCommands, ReaderCommands}

    BINDINGS = [
        Binding("o", "toggle_outline", "Outline"),
        Binding("p", "toggle_pinyin", "Pinyin"),
        Binding("K", "toggle_highlight", "Highlight"),
        Binding("n", "add_note", "Note"),
        Binding("N", "toggle_notes", "Notes"),
        Binding("s", "save_word", "Save"),
        Binding("m", "toggle_known", "Known", show=False),
        Binding("S", "study", "Study"),
        Binding("escape", "close_popup", "Close", show=False),
        Binding("q", "quit", "Quit"),
    ]

    # The screen's state is ``var``: bound down to the widgets that draw it, it never
    # repaints the screen itself (a ``reactive`` here redrew every widget on each change).
    pinyin: var[bool] = var(False)
    highlight: var[bool] = var(True)
    status_colours: var[bool] = var(False)
    show_outline: var[bool] = var(True)
    notes: var[list[Note]] = var(list, always_update=True)  # bound to the notes pane
    section_id: var[str] = var("")
    show_all_notes: var[bool] = var(False)
    notes_read_only: var[bool] = var(False)

    def __init__(self, document: Document, config: Config) -> None:
        super().__init__()
        self.document = document
        self.config = config
        self.tokens = TokenIndex(document)
        self.language: Any | None = None
        self.state = ReadingState()
        self.position = self.state.position(document.id)
        self._save_timer: Timer | None = None
        self.set_reactive(ReadingScreen.pinyin, config.pinyin)
        self.set_reactive(ReadingScreen.highlight, config.highlight)
        self.set_reactive(ReadingScreen.status_colours, config.status_colours)
        self.set_reactive(ReadingScreen.show_outline, config.outline)
        self.show_notes = config.notes_pane

    # -- composition -------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """Outline | text + status, the pop-up on the overlay layer (the footer follows the first paint)."""
        with Horizontal(id="main"):
            yield Outline(self.document, id="outline")
            with Vertical(id="reading"):
                view = ArticleView(self.document, self.tokens, self.reading_parts, id="text")
                view.tone_style = self.tone_style  # type: ignore[method-assign]
                yield view.data_bind(ReadingScreen.pinyin, ReadingScreen.highlight, ReadingScreen.status_colours)
                yield StatusLine(id="status")
        yield WordPopup(id="popup")

    @property
    def status(self) -> StatusLine:
        """The status line."""
        return self.query_one(StatusLine)

    @property
    def popup(self) -> WordPopup:
        """The word pop-up."""
        return self.query_one(WordPopup)

    def on_mount(self) -> None:
        """Highlight keywords, restore the position; the rest waits for the first paint."""
        view = self.view
        view.keywords = SpanSet(find_all(self.document.text, self.document.keywords))
        self.status.sections = len(self.document.sections)
        self.watch_show_outline(self.show_outline)
        self._update_modes()
        if self.state.error:
            self.notify(f"reading position not saved: {self.state.error}", severity="warning", timeout=8)
        view.focus()
        start = self.tokens.word_at_or_after(self.position.offset)
        view.set_reactive(ArticleView.cursor, start.start if start else 0)
        self.watch(view, "cursor", self._cursor_changed, init=False)
        view.first_view = self._restore_view
        self.call_after_refresh(self._cursor_changed, view.cursor)

    def on_resize(self, event: events.Resize) -> None:
        """Give the text room on narrow terminals; keep the pop-up inside the screen."""
        width = event.size.width
        self.set_class(width < NARROW, "-narrow")
        self.set_class(width < TINY, "-tiny")
        if self.popup.display:
            self.call_after_refresh(self._show_popup, self.view.cursor)

    def _restore_view(self) -> None:
        """Put back what was on screen when the document was last closed."""
        view = self.view
        if self.position.top >= 0:
            view.restore_top(self.position.top, self.position.top_gap)
        view.scroll_to_cursor(center=self.position.top < 0 and self.position.offset > 0)

    @on(ArticleView.FirstPaint)
    async def on_first_paint(self) -> None:
        """The text is on screen: now the footer, then the language stack, notes and word statuses.

        The footer's keys are a dozen widgets to style and draw: mounted here, they
        cost the first paint nothing and appear a few frames later, at the bottom, with
        the outline's labels. The language worker starts only after that frame, so
        that importing jieba and pypinyin (which holds the interpreter lock for long
        stretches) does not compete with drawing it.
        """
        first_painted = getattr(self.app, "first_painted", None)
        if first_painted is not None:
            first_painted()
        self.outline.fill()
        await self.mount(Footer())
        self.refresh_bindings()  # a footer draws its keys when the bindings are announced
        self.call_after_refresh(self._after_whole_screen)

    def _after_whole_screen(self) -> None:
        """Outline, footer and text are all drawn: start the slow work."""
        self.load_language()
        self.open_notes()
        if self.status_colours:
            self.statuses()

    # -- the language stack, after the first paint --------------------------------
    @work(thread=True, exclusive=True, group="language")
    def load_language(self) -> None:
        """Load segmenter, pinyin, dictionary and glossary in a thread, then re-draw."""
        from reader.ui.language import load_language

        def progress(message: str) -> None:
            self.app.call_from_thread(setattr, self.status, "message", message)

        language = load_language(self.document, progress)
        self.app.call_from_thread(self._language_ready, language)

    def _language_ready(self, language: Any) -> None:
        self.language = language
        self.tokens.set_tokens(language.tokens)
        language.index = self.tokens  # sandhi looks tokens up in the screen's index, not a second one
        self.view.terms = SpanSet((t.start, t.end) for t in language.tokens if t.glossary)
        self.status.message = ""
        for problem in language.problems[:3]:
            self.notify(f"glossary: {problem}", severity="warning", timeout=10)
        self.view.relayout()
        self._cursor_changed(self.view.cursor)
        if self.popup.display:
            self._show_popup(self.view.cursor)

    def reading_parts(self, token: Token) -> list[tuple[str, int]]:
        """Pinyin above a token, as ``(text, tone)`` parts."""
        if not token.syllables:
            return []
        from reader.text.wordinfo import shown  # not at import time: keeps start-up short

        numbers = self.config.tone_scheme == "none"
        syllables = token.syllables
        if self.config.sandhi and self.language is not None:
            syllables = self.language.spoken(token)
        return [shown(s, numbers) for s in syllables]

    def tone_style(self, tone: int) -> Style:
        """Rich style of a tone in the user's scheme."""
        from reader.text.tones import tone_color

        color = tone_color(self.config.tone_scheme, tone)
        return Style(color=color) if color else Style()

    # -- cursor, status and position ----------------------------------------------
    def _cursor_changed(self, offset: int) -> None:
        """Follow the cursor: status, outline, pop-up, saved position (watches the view's cursor)."""
        section = self.document.section_at(offset)
        self.outline.current = section.index
        self.section_id = section.id
        status = self.status
        status.section = section.index
        status.progress = round(100 * offset / max(1, len(self.document.text) - 1))
        token = self.tokens.at(offset)
        if token is not None and token.syllables:
            from reader.text.wordinfo import shown

            status.word = f"{token.text} {''.join(shown(s, False)[0] for s in token.syllables)}"
        else:
            status.word = token.text if token is not None and token.is_word else ""
        if self.popup.display:
            # After the refresh: a jump (], G, a note chosen) sets the cursor before it scrolls.
            self.call_after_refresh(self._show_popup, offset)
        self.position.offset = offset
        self.position.furthest = max(self.position.furthest, offset)
        if section.id not in self.position.sections_read:
            self.position.sections_read.append(section.id)
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(0.8, self.save_position)

    def save_position(self) -> None:
        """Write the reading position, and what is at the top of the screen, atomically now."""
        self.position.top, self.position.top_gap = self.view.top_anchor()
        self.state.save(self.document.id, self.position)

    # -- the pop-up ----------------------------------------------------------------
    @on(ArticleView.WordActivated)
    def on_word_activated(self, event: ArticleView.WordActivated) -> None:
        """Open (or re-aim) the pop-up."""
        self._show_popup(event.offset)

    def _show_popup(self, offset: int) -> None:
        token = self.tokens.at(offset)
        if token is None or not token.is_word:
            return
        from reader.text.wordinfo import describe

        language = self.language
        info = describe(
            token.text,
            token.start,
            token.syllables,
            dictionary=language.dictionary if language else None,
            glossary=language.glossary if language else None,
            hsk_level=language.hsk_level if language else None,
            numbers=self.config.tone_scheme == "none",
        )
        self.popup.show(info, self.view.cursor_screen_region(), self.size, self.tone_style)

    def action_close_popup(self) -> None:
        """Close the pop-up, or drop the selection."""
        if self.popup.display:
            self.popup.hide()
        elif self.view.selection_anchor is not None:
            self.view.selection_anchor = None

    # -- modes ---------------------------------------------------------------------
    def _set_mode(self, name: str, value: bool) -> None:
        setattr(self.config, name, value)
        save_config(self.config)
        self._update_modes()

    def _update_modes(self) -> None:
        modes = []
        if self.pinyin:
            modes.append("pinyin")
        if not self.highlight:
            modes.append("no highlight")
        if self.status_colours:
            modes.append("word status")
        if self.config.sandhi:
            modes.append("tones as spoken")
        self.status.modes = " ".join(modes)

    def action_toggle_pinyin(self) -> None:
        """Interlinear pinyin on / off."""
        self.pinyin = not self.pinyin
        self._set_mode("pinyin", self.pinyin)
        if self.pinyin and self.language is None:
            self.notify("pinyin appears as soon as the language stack has loaded", timeout=3)

    def action_toggle_highlight(self) -> None:
        """Keyword and term highlighting on / off."""
        self.highlight = not self.highlight
        self._set_mode("highlight", self.highlight)

    def action_toggle_status_colours(self) -> None:
        """Colour words by status (unknown / learning / known)."""
        self.statuses()
        self.status_colours = not self.status_colours
        self._set_mode("status_colours", self.status_colours)

    def action_toggle_sandhi(self) -> None:
        """Tones as spoken (sandhi) or citation tones."""
        self._set_mode("sandhi", not self.config.sandhi)
        self.view.relayout()

    def action_tone_scheme(self, scheme: str) -> None:
        """Switch the tone colour scheme."""
        self.config.tone_scheme = scheme
        save_config(self.config)
        self.view.relayout()

    def action_toggle_outline(self) -> None:
        """Show or hide the outline."""
        self.show_outline = not self.show_outline
        self._set_mode("outline", self.show_outline)

    def watch_show_outline(self, show: bool) -> None:
        """Hide the outline (and move focus off it) or show it."""
        outline = self.outline
        outline.set_class(not show, "-hidden")
        if not show and outline.has_focus:
            self.view.focus()

    # -- navigation ------------------------------------------------------------------
    @on(Outline.SectionChosen)
    def on_section_chosen(self, event: Outline.SectionChosen) -> None:
        """Jump to the section chosen in the outline."""
        self.go_to_section(event.index)
        self.view.focus()

    def go_to_section(self, index: int) -> None:
        """Jump to section ``index``."""
        self.view.go_to_section(index)

    def palette_commands(self) -> list[tuple[str, Callable[[], object], str]]:
        """The reading screen's entries in the command palette."""
        return [
            ("Toggle interlinear pinyin", self.action_toggle_pinyin, "p"),
            ("Toggle keyword highlighting", self.action_toggle_highlight, "K"),
            ("Toggle outline", self.action_toggle_outline, "o"),
            ("Toggle word status colours", self.action_toggle_status_colours, "unknown / learning / known"),
            ("Toggle tones as spoken (sandhi)", self.action_toggle_sandhi, "一 and 不 sandhi, third-tone sandhi"),
            ("Tone colours: Zhongwen", partial(self.action_tone_scheme, "zhongwen"), "red, orange, green, blue, grey"),
            ("Tone colours: Pleco", partial(self.action_tone_scheme, "pleco"), "red, green, blue, purple, grey"),
            ("Tone colours: none (tone numbers)", partial(self.action_tone_scheme, "none"), "for monochrome terminals"),
            ("Toggle notes pane", self.action_toggle_notes, "N"),
            ("Study: review due cards", self.action_study, "S"),
            ("Study: drill this section", self.action_drill, "terms and saved words, meaning and pinyin"),
            ("Stats: reviews, retention, progress, HSK", self.action_stats, "progress you can see"),
            ("Difficulty profile (HSK levels)", self.action_difficulty, "share of words at each level"),
            ("Export notes: Markdown study sheet", partial(self.export_notes, "markdown"), "to the current folder"),
            (
                "Export notes: Anki deck (.apkg)",
                partial(self.export_notes, "anki"),
                "re-imports update, never duplicate",
            ),
            (
                "Export notes: Pleco flashcards (.tsv)",
                partial(self.export_notes, "tsv"),
                "also imports into Anki as text",
            ),
            ("Export notes: YAML", partial(self.export_notes, "yaml"), "notes with anchors, quotes and pinyin"),
        ]

    async def action_quit(self) -> None:
        """Save the position and quit."""
        self.save_position()
        self.app.exit()
