"""The mode table's rows for the screen, the dialogs and the study screens.

The last part of :data:`reader.ui.modes.ROWS`, in table order: study, stats,
export, the palette, help and quit, then the keys of the dialogs and the study
screens (their footers say what the keys do).
"""

from __future__ import annotations

from reader.ui.modes.row import PALETTE_KEY, SCREEN, Bind, Row, Scope

#: The screen, then the dialogs and the study screens.
SCREEN_ROWS: tuple[Row, ...] = (
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
