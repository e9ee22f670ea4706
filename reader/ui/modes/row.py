"""What a row of the mode table is: its scope, its bindings, its redraw, and the help screen's groups.

:class:`Row` is one line of the table (:data:`reader.ui.modes.ROWS`), :class:`Bind`
one of its Textual bindings, :class:`Scope` the screen or widget that declares
it and :class:`Redraw` what a mode's change redraws. The table's rows are in
:mod:`~reader.ui.modes.table_reading`, :mod:`~reader.ui.modes.table_words` and
:mod:`~reader.ui.modes.table_screens`.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from enum import Enum, StrEnum
from functools import lru_cache


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


def toggle(keys: str, field: str, footer: str = "", rank: int = 50) -> tuple[Bind, ...]:
    """The binding of a key that toggles a mode."""
    return (Bind(keys, f"mode_toggle('{field}')", footer, rank=rank),) if keys else ()
