"""The one table of keys and modes.

Every key the reader answers to, and every mode it can switch, is one
:class:`Row` of :data:`ROWS`. The widgets' and screens' ``BINDINGS``, the
footer labels, the help screen (``?``), the command palette (``ctrl+p``) and
the status line's mode labels are all generated from it (:func:`bindings`,
:func:`help_groups`, :func:`palette_rows`, :func:`status_labels`); nothing
else declares a key.

A new key is one row plus the action that does the work, on the widget or
screen of the row's :class:`Scope`. A new mode is one row with a ``field``
(a :class:`~reader.storage.config.Config` field, and a ``var`` of that name
on the reading screen) and what must be redrawn when it changes.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import Enum, StrEnum
from functools import lru_cache

from textual.binding import Binding, BindingType


class Scope(StrEnum):
    """Where a key works: which screen or widget declares its binding and runs its action."""

    APP = "app"  #: anywhere (the app)
    SCREEN = "screen"  #: the reading screen
    TEXT = "text"  #: the article view, when it has focus
    OUTLINE = "outline"  #: the outline, when it has focus
    NOTES = "notes"  #: the notes pane, when it has focus
    #: the word pop-up, while it is open (room for "tab: another meaning"): bound on the reading
    #: screen, which offers these actions only while the pop-up is shown (``check_action``)
    POPUP = "popup"
    HELP = "help"  #: the help dialog
    EDITOR = "editor"  #: the note editor
    CONFIRM = "confirm"  #: a yes / no question
    MEANING = "meaning"  #: choosing a word's meaning
    STUDY = "study"  #: the study screen
    DRILL = "drill"  #: the drill screen
    STATS = "stats"  #: the stats screen
    SEARCH = "search"  #: the search bar, while it is open
    TERM = "term"  #: the glossary-term / split / join form
    BOOKMARK = "bookmark"  #: naming a bookmark
    LOOKUP = "lookup"  #: the lookup box
    PALETTE = "palette"  #: the command palette


class Redraw(Enum):
    """What must be redrawn when a mode changes."""

    NONE = "none"  #: nothing in the text (the screen's own watcher shows or hides a pane)
    PAINT = "paint"  #: the text's styles: repaint the rows on screen
    LAYOUT = "layout"  #: the rows themselves (pinyin, its tones or its width): lay the text out again


@dataclass(frozen=True)
class Bind:
    """One Textual binding of a row."""

    keys: str  #: Textual key names, comma-separated (``"j,down"``)
    action: str  #: the action on the row's scope (``"scroll_lines(1)"``)
    footer: str = ""  #: the footer's label ("": not in the footer)
    priority: bool = False
    #: Which footer labels stay when the footer is too narrow for all: the lowest ranks (ties: table order).
    rank: int = 50


@dataclass(frozen=True)
class Row:
    """One line of the table: a key (or palette entry) and, for a mode, its setting."""

    scope: Scope
    help: str = ""  #: the help screen's line ("": not in the help)
    shown: str = ""  #: the keys as the help writes them (``"j / k, ↓ / ↑"``)
    binds: tuple[Bind, ...] = ()
    group: str = ""  #: the help screen's group
    palette: str = ""  #: the palette's entry ("": not in the palette)
    palette_help: str = ""  #: the palette's help text (default: the keys)
    action: str = ""  #: what the palette runs (default: the first binding's action)
    field: str = ""  #: the config field (and reading-screen var) a mode row switches
    value: str | None = None  #: for a choice, the value this row sets (``None``: the row toggles a flag)
    status: tuple[str, str] = ("", "")  #: the status line's label when the flag is off / on
    redraw: Redraw = Redraw.NONE
    #: A program the row needs (``espeak-ng``): without it the row has no key, help line or palette entry.
    needs: str = ""

    @property
    def available(self) -> bool:
        """True unless the row needs a program that is not installed."""
        return not self.needs or _installed(self.needs)

    @property
    def palette_action(self) -> str:
        """The action the palette entry runs."""
        if self.action:
            return self.action
        if self.field:
            return f"mode_toggle('{self.field}')" if self.value is None else f"mode_set('{self.field}', '{self.value}')"
        return self.binds[0].action if self.binds else ""


@lru_cache(maxsize=8)
def _installed(program: str) -> bool:
    """True when ``program`` is on the PATH (looked up once)."""
    return shutil.which(program) is not None


READING, WORDS, SCREEN = "Reading", "Words and notes", "Screen"
#: The command palette's key (the app's ``COMMAND_PALETTE_BINDING``: the footer shows it on the right).
PALETTE_KEY = "ctrl+p"
#: The help screen's groups, in order.
HELP_GROUPS = (READING, WORDS, SCREEN)


def _toggle(keys: str, field: str, footer: str = "", rank: int = 50) -> tuple[Bind, ...]:
    """The binding of a key that toggles a mode."""
    return (Bind(keys, f"mode_toggle('{field}')", footer, rank=rank),) if keys else ()


#: The word-status keys: ``(key, level, palette label)``.
_LEVEL_KEYS = (
    ("1", "new", "new"),
    ("2", "learning-1", "learning 1"),
    ("3", "learning-2", "learning 2"),
    ("4", "learning-3", "learning 3"),
    ("5", "known", "known"),
    ("0", "clear", "clear (back to the deck's)"),
    ("i", "ignored", "ignore"),
)

#: Every key and mode. Modes appear in the status line in this order.
ROWS: tuple[Row, ...] = (
    # -- moving through the text ---------------------------------------------------------
    Row(
        Scope.TEXT,
        "scroll a line",
        "j / k, ↓ / ↑",
        (Bind("j,down", "scroll_lines(1)"), Bind("k,up", "scroll_lines(-1)")),
        READING,
    ),
    Row(
        Scope.TEXT,
        "scroll a page",
        "PageDown / PageUp",
        (Bind("pagedown", "scroll_page(1)"), Bind("pageup", "scroll_page(-1)")),
        READING,
    ),
    Row(
        Scope.TEXT,
        "previous / next word",
        "h / l, ← / →",
        (Bind("l,right", "word(1)"), Bind("h,left", "word(-1)")),
        READING,
    ),
    Row(
        Scope.TEXT,
        "next / previous section",
        "] / [",
        (
            Bind("right_square_bracket", "section(1)", "Next §", rank=8),
            Bind("left_square_bracket", "section(-1)", "Prev §", rank=9),
        ),
        READING,
        palette="Next section",
        palette_help="]",
    ),
    Row(Scope.TEXT, palette="Previous section", palette_help="[", action="section(-1)"),
    Row(
        Scope.TEXT,
        "top / bottom",
        "g / G, Home / End",
        (Bind("g,home", "edge(0)"), Bind("G,end", "edge(1)")),
        READING,
        palette="Go to the top",
        palette_help="g",
    ),
    Row(Scope.TEXT, palette="Go to the bottom", palette_help="G", action="edge(1)"),
    Row(
        Scope.TEXT,
        "pop-up for the word under the cursor",
        "enter, click",
        (Bind("enter", "activate", "Look up", rank=2),),
        READING,
        palette="Look up the word under the cursor",
        palette_help="enter",
    ),
    Row(Scope.SCREEN, "move focus: outline, text, notes", "tab", group=SCREEN),
    Row(
        Scope.SCREEN,
        "show / hide the outline",
        "o",
        _toggle("o", "outline", "Outline", rank=10),
        SCREEN,
        palette="Toggle outline",
        field="outline",
    ),
    # -- modes -------------------------------------------------------------------------------
    Row(
        Scope.SCREEN,
        "interlinear pinyin on / off",
        "p",
        _toggle("p", "pinyin", "Pinyin", rank=3),
        READING,
        palette="Toggle interlinear pinyin",
        field="pinyin",
        status=("", "pinyin"),
        redraw=Redraw.LAYOUT,
    ),
    Row(
        Scope.SCREEN,
        "keyword and term highlighting on / off",
        "K",
        _toggle("K", "highlight", "Highlight", rank=11),
        READING,
        palette="Toggle keyword highlighting",
        field="highlight",
        status=("no highlight", ""),
        redraw=Redraw.PAINT,
    ),
    Row(
        Scope.SCREEN,
        palette="Toggle word status colours",
        palette_help="unknown / learning / known",
        field="status_colours",
        status=("", "word status"),
        redraw=Redraw.PAINT,
    ),
    Row(
        Scope.SCREEN,
        palette="Toggle tones as spoken (sandhi)",
        palette_help="一 and 不 sandhi, third-tone sandhi",
        field="sandhi",
        status=("", "tones as spoken"),
        redraw=Redraw.LAYOUT,
    ),
    Row(
        Scope.SCREEN,
        palette="Tone colours: Zhongwen",
        palette_help="red, orange, green, blue, grey",
        field="tone_scheme",
        value="zhongwen",
        redraw=Redraw.LAYOUT,
    ),
    Row(
        Scope.SCREEN,
        palette="Tone colours: Pleco",
        palette_help="red, green, blue, purple, grey",
        field="tone_scheme",
        value="pleco",
        redraw=Redraw.LAYOUT,
    ),
    Row(
        Scope.SCREEN,
        palette="Tone colours: none (tone numbers)",
        palette_help="for monochrome terminals",
        field="tone_scheme",
        value="none",
        redraw=Redraw.LAYOUT,
    ),
    Row(
        Scope.SCREEN,
        "characters as written / simplified / traditional",
        "t",
        (Bind("t", "mode_toggle('script')"),),
        SCREEN,
        palette="Characters: the next form",
        palette_help="t: as written → simplified → traditional",
        field="script",
        redraw=Redraw.LAYOUT,
    ),
    Row(
        Scope.SCREEN,
        palette="Characters: as written",
        palette_help="the text as the file has it",
        field="script",
        value="as written",
        redraw=Redraw.LAYOUT,
    ),
    Row(
        Scope.SCREEN,
        palette="Characters: simplified",
        palette_help="OpenCC, character for character",
        field="script",
        value="simplified",
        status=("", "simplified"),
        redraw=Redraw.LAYOUT,
    ),
    Row(
        Scope.SCREEN,
        palette="Characters: traditional",
        palette_help="OpenCC (Taiwan forms), character for character",
        field="script",
        value="traditional",
        status=("", "traditional"),
        redraw=Redraw.LAYOUT,
    ),
    Row(
        Scope.TEXT,
        "start / drop a selection (extend with h l j k)",
        "v",
        (Bind("v", "select"),),
        READING,
    ),
    # -- finding (issue 13); no footer labels: the footer is full, the help and palette list them --
    Row(
        Scope.SCREEN,
        "search forward / backward: hanzi, pinyin (yuxunlian) or English",
        "/ / \\",
        (Bind("slash", "search(0)"), Bind("backslash", "search(1)")),
        READING,
        palette="Search forward (hanzi, pinyin, English)",
        palette_help="/",
    ),
    Row(Scope.SCREEN, palette="Search backward", palette_help="\\", action="search(1)"),
    Row(
        Scope.SCREEN,
        "next / previous search match",
        "> / <",
        (Bind("greater_than_sign", "match(1)"), Bind("less_than_sign", "match(-1)")),
        READING,
        palette="Next search match",
        palette_help=">",
    ),
    Row(Scope.SCREEN, palette="Previous search match", palette_help="<", action="match(-1)"),
    Row(
        Scope.SCREEN,
        "next / previous unknown word (not known, not yours; no numbers or names)",
        "u / U",
        (Bind("u", "unknown(1)"), Bind("U", "unknown(-1)")),
        READING,
        palette="Next unknown word",
        palette_help="u",
    ),
    Row(Scope.SCREEN, palette="Previous unknown word", palette_help="U", action="unknown(-1)"),
    Row(
        Scope.SCREEN,
        "HSK colour layer on / off (legend under the text)",
        "H",
        _toggle("H", "hsk_colours"),
        READING,
        palette="Toggle HSK colour layer",
        field="hsk_colours",
        status=("", "HSK colours"),
        redraw=Redraw.PAINT,
    ),
    *(
        Row(
            Scope.SCREEN,
            palette=f"HSK layer: mark words above HSK {level}" if level != "all" else "HSK layer: mark every word",
            palette_help="your level" if level != "all" else "every level in its colour",
            field="hsk_above",
            value=level,
            redraw=Redraw.PAINT,
        )
        for level in ("all", "1", "2", "3", "4", "5", "6")
    ),
    # -- words and notes ------------------------------------------------------------------
    Row(
        Scope.SCREEN,
        "note on the word or selection",
        "n",
        (Bind("n", "add_note", "Note", rank=4),),
        WORDS,
        palette="Note on the word or selection",
    ),
    Row(
        Scope.SCREEN,
        "show / hide the notes pane",
        "N",
        _toggle("N", "notes_pane", "Notes", rank=7),
        WORDS,
        palette="Toggle notes pane",
        field="notes_pane",
    ),
    Row(
        Scope.SCREEN,
        "save the word to the study deck",
        "s",
        (Bind("s", "save_word", "Save", rank=5),),
        WORDS,
        palette="Save the word to the deck",
        palette_help="s",
    ),
    Row(
        Scope.SCREEN,
        "mark the word known / unknown",
        "m",
        (Bind("m", "toggle_known"),),
        WORDS,
        palette="Mark the word known / unknown",
        palette_help="m",
    ),
    Row(
        Scope.SCREEN,
        "word status: 1 new, 2–4 learning 1–3, 5 known; 0 clears; i ignores",
        "1–5, 0, i",
        tuple(Bind(key, f"set_level('{level}')") for key, level, _ in _LEVEL_KEYS),
        WORDS,
    ),
    *(
        Row(Scope.SCREEN, palette=f"Word status: {label}", palette_help=key, action=f"set_level('{level}')")
        for key, level, label in _LEVEL_KEYS
    ),
    Row(
        Scope.SCREEN,
        "look up any word: hanzi, pinyin (yuxunlian) or English (pretraining)",
        "L",
        (Bind("L", "lookup_box"),),
        WORDS,
        palette="Look up a word by hanzi, pinyin or English",
        palette_help="L",
    ),
    Row(
        Scope.SCREEN,
        "copy the word or selection / its sentence (twice: with pinyin and meaning)",
        "c / C",
        (Bind("c", "copy('word')"), Bind("C", "copy('sentence')")),
        WORDS,
        palette="Copy the word or selection",
        palette_help="c",
    ),
    Row(Scope.SCREEN, palette="Copy the sentence", palette_help="C", action="copy('sentence')"),
    Row(Scope.SCREEN, palette="Copy the word with pinyin and meaning", palette_help="c c", action="copy('word+')"),
    Row(
        Scope.SCREEN,
        palette="Copy the sentence with pinyin and meanings",
        palette_help="C C",
        action="copy('sentence+')",
    ),
    Row(
        Scope.SCREEN,
        "hear the word / its sentence (espeak-ng, Mandarin)",
        "a / A",
        (Bind("a", "speak('word')"), Bind("A", "speak('sentence')")),
        WORDS,
        palette="Hear the word",
        palette_help="a",
        needs="espeak-ng",
    ),
    Row(Scope.SCREEN, palette="Hear the sentence", palette_help="A", action="speak('sentence')", needs="espeak-ng"),
    Row(
        Scope.SCREEN,
        "your glossary term, or split / join words (word or selection)",
        "+",
        (Bind("plus", "term_form"),),
        WORDS,
        palette="Add a glossary term, or split / join words",
        palette_help="+",
    ),
    Row(
        Scope.SCREEN,
        "add a bookmark / list bookmarks",
        "b / B",
        (Bind("b", "add_bookmark"), Bind("B", "bookmarks")),
        WORDS,
        palette="Add a bookmark here",
        palette_help="b",
    ),
    Row(Scope.SCREEN, palette="Bookmarks: jump to one", palette_help="B", action="bookmarks"),
    Row(
        Scope.POPUP,
        "another meaning for the word, or your own (pop-up open)",
        "tab",
        # tab is also the screen's "move focus": the action moves focus while the pop-up is closed.
        (Bind("tab", "choose_meaning"),),
        WORDS,
    ),
    Row(
        Scope.NOTES,
        "edit / delete a note (notes pane)",
        "e / d",
        (Bind("e", "edit", "Edit note", rank=2), Bind("d", "delete", "Delete note", rank=3)),
        WORDS,
    ),
    Row(
        Scope.NOTES,
        "notes of all sections / this section (notes pane)",
        "a",
        (Bind("a", "toggle_all", "All sections", rank=4),),
        WORDS,
    ),
    Row(Scope.NOTES, binds=(Bind("j", "cursor_down"), Bind("k", "cursor_up"))),
    Row(Scope.OUTLINE, binds=(Bind("j", "cursor_down"), Bind("k", "cursor_up"))),
    Row(
        Scope.OUTLINE,
        "collapse / expand a part in the outline (space toggles)",
        "← / →, h / l",
        (Bind("left,h", "collapse", "Collapse"), Bind("right,l", "expand", "Expand"), Bind("space", "toggle_node")),
        READING,
    ),
    # -- the screen ---------------------------------------------------------------------
    Row(
        Scope.SCREEN,
        "study the deck",
        "S",
        (Bind("S", "study", "Study", rank=6),),
        SCREEN,
        palette="Study: review due cards",
    ),
    Row(
        Scope.SCREEN,
        palette="Study: drill this section",
        palette_help="terms and saved words, meaning and pinyin",
        action="drill",
    ),
    Row(
        Scope.SCREEN,
        palette="Stats: reviews, retention, progress, HSK",
        palette_help="progress you can see",
        action="stats",
    ),
    Row(
        Scope.SCREEN,
        palette="Difficulty profile (HSK levels)",
        palette_help="share of words at each level",
        action="difficulty",
    ),
    Row(
        Scope.SCREEN,
        palette="Export notes: Markdown study sheet",
        palette_help="to the current folder",
        action="export('markdown')",
    ),
    Row(
        Scope.SCREEN,
        palette="Export notes: Anki deck (.apkg)",
        palette_help="re-imports update, never duplicate",
        action="export('anki')",
    ),
    Row(
        Scope.SCREEN,
        palette="Export notes: Anki text import (.csv)",
        palette_help="Anki's CSV with header lines, Basic note type, any collection",
        action="export('anki-csv')",
    ),
    Row(
        Scope.SCREEN,
        palette="Export notes: Pleco flashcards (.tsv)",
        palette_help="Pleco's own format: 简[繁], ü, a //reader category",
        action="export('tsv')",
    ),
    Row(
        Scope.SCREEN,
        palette="Export notes: YAML",
        palette_help="notes with anchors, quotes and pinyin",
        action="export('yaml')",
    ),
    Row(
        Scope.SCREEN,
        "close the pop-up or editor",
        "esc",
        (Bind("escape", "close_popup"),),
        SCREEN,
    ),
    Row(
        Scope.APP,
        "command palette: commands, sections, bookmarks, themes (type to filter; ↑ ↓ PgUp PgDn Home End, enter, esc)",
        PALETTE_KEY,
        group=SCREEN,
    ),
    Row(Scope.APP, palette="Theme", palette_help="the colours: a list of themes", action="change_theme"),
    Row(Scope.APP, palette="Screenshot", palette_help="save an SVG picture of the screen", action="screenshot"),
    Row(Scope.APP, "this help", "?", (Bind("question_mark", "help", "Help", rank=0),), SCREEN, palette="Keys (help)"),
    Row(Scope.SCREEN, "quit", "q", (Bind("q", "quit", "Quit", rank=1),), SCREEN, palette="Quit"),
    # -- dialogs and the study screens (their footers say what the keys do) -------------
    Row(Scope.HELP, binds=(Bind("escape,q,question_mark", "dismiss", "Close"),)),
    Row(
        Scope.MEANING,
        binds=(Bind("ctrl+e", "scope", "Here / everywhere", True), Bind("escape", "cancel", "Close", True)),
    ),
    Row(Scope.EDITOR, binds=(Bind("ctrl+s", "save", "Save", True), Bind("escape", "cancel", "Cancel", True))),
    Row(
        Scope.CONFIRM,
        binds=(
            Bind("y", "answer(True)", "Yes", True),
            Bind("enter", "answer(True)", "", True),
            Bind("n", "answer(False)", "No", True),
            Bind("escape", "answer(False)", "", True),
        ),
    ),
    Row(
        Scope.STUDY,
        binds=(
            Bind("space", "reveal", "Reveal"),
            Bind("1", "rate(1)", "Again"),
            Bind("2", "rate(2)", "Hard"),
            Bind("3", "rate(3)", "Good"),
            Bind("4", "rate(4)", "Easy"),
            Bind("escape", "leave", "Leave"),
            Bind("q", "leave"),
        ),
    ),
    Row(
        Scope.DRILL,
        binds=(
            Bind("space", "reveal", "Show meaning"),
            Bind("y", "grade(True)", "Knew it"),
            Bind("n", "grade(False)", "Did not"),
            Bind("enter", "next", "Next"),
            Bind("escape", "leave", "Leave"),
        ),
    ),
    Row(Scope.STATS, binds=(Bind("escape", "close", "Close"), Bind("q", "close"))),
    Row(Scope.SEARCH, binds=(Bind("escape", "cancel", "Drop the search", True),)),
    Row(
        Scope.TERM,
        binds=(Bind("ctrl+s", "save", "Save", True), Bind("escape", "cancel", "Cancel", True)),
    ),
    Row(Scope.BOOKMARK, binds=(Bind("escape", "cancel", "Cancel", True),)),
    Row(Scope.LOOKUP, binds=(Bind("escape", "cancel", "Close", True),)),
    Row(
        Scope.PALETTE,
        binds=(
            Bind("down", "cursor(1)", priority=True),
            Bind("up", "cursor(-1)", priority=True),
            Bind("pagedown", "page(1)", priority=True),
            Bind("pageup", "page(-1)", priority=True),
            Bind("home", "edge(0)", priority=True),
            Bind("end", "edge(1)", priority=True),
            Bind("enter", "run", priority=True),
            Bind("escape", "close", priority=True),
        ),
    ),
)


def rows(scope: Scope | None = None) -> Iterator[Row]:
    """The rows of ``scope`` (every row if ``None``), in table order (rows whose program is missing left out)."""
    return (row for row in ROWS if (scope is None or row.scope is scope) and row.available)


def bindings(scope: Scope) -> list[BindingType]:
    """The Textual ``BINDINGS`` of ``scope``."""
    return [
        Binding(bind.keys, bind.action, bind.footer or bind.action, show=bool(bind.footer), priority=bind.priority)
        for row in rows(scope)
        for bind in row.binds
    ]


def footer_ranks() -> dict[str, int]:
    """Each footer action's rank (lower stays longer when the footer is narrow), and its place in the table."""
    ranked = [(bind.action, bind.rank) for row in ROWS for bind in row.binds if bind.footer]
    return {action: rank * len(ranked) + index for index, (action, rank) in enumerate(ranked)}


def actions(scope: Scope) -> frozenset[str]:
    """The names of the actions bound in ``scope`` (without their arguments)."""
    return frozenset(bind.action.partition("(")[0] for row in rows(scope) for bind in row.binds)


def help_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """``[(group, [(keys, does), ...]), ...]`` for the help screen."""
    return [
        (group, [(row.shown, row.help) for row in rows() if row.group == group and row.help]) for group in HELP_GROUPS
    ]


def palette_rows() -> list[Row]:
    """The rows offered in the command palette, in table order."""
    return [row for row in rows() if row.palette]


def mode_rows() -> list[Row]:
    """The rows that switch a mode."""
    return [row for row in ROWS if row.field]


def mode_fields() -> list[str]:
    """The config fields that are modes, each once, in table order."""
    return list(dict.fromkeys(row.field for row in ROWS if row.field))


def next_value(field: str, current: object) -> object:
    """What ``mode_toggle`` switches the mode ``field`` to: a flag flips, a choice moves to its next value."""
    choices = [row.value for row in ROWS if row.field == field and row.value is not None]
    if not choices:
        return not current
    return choices[(choices.index(current) + 1) % len(choices)] if current in choices else choices[0]


def redraw_of(field: str) -> Redraw:
    """What must be redrawn when the mode ``field`` changes."""
    return next(row.redraw for row in ROWS if row.field == field)


def status_labels(values: Mapping[str, object]) -> str:
    """The status line's mode labels for the modes' current ``values`` (by field)."""
    labels = []
    for row in ROWS:
        if row.field and row.value is None and row.field in values:
            label = row.status[1] if values[row.field] else row.status[0]
            if label:
                labels.append(label)
        elif row.value is not None and row.status[1] and values.get(row.field) == row.value:  # a choice's label
            labels.append(row.status[1])
    return " ".join(labels)
