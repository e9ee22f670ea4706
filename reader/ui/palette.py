"""What the command palette offers: the mode table's palette rows, bookmarks, sections, themes.

The entries are in groups (:class:`Group`): each knows how many it has, and
makes an entry's name, help and action only when asked for it, so a book's
thousands of sections cost nothing until they scroll into view or a query is
typed. :class:`Entries` puts the groups together: every entry in group order
for an empty query (:meth:`Entries.everything`), and the matches of a query
best first (:meth:`Entries.search`, :mod:`reader.ui.palette_match`). Both are
lazy :class:`~collections.abc.Sequence` s of the list's rows; the palette
screen (:mod:`reader.ui.screens.palette_screen`) shows them and runs the
chosen one.

The command entries come from :mod:`reader.ui.modes`: each row's action runs
on the widget of its scope (the text view, the reading screen or the app),
exactly as its key would run it. Every string from the document (section
titles, bookmark names) is shown as plain text, never as markup.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Protocol, overload, runtime_checkable

from textual.app import App
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

from reader.text.document import Document
from reader.ui.modes import Scope, palette_rows
from reader.ui.palette_match import Match, Narrowing
from reader.ui.widgets.palette_list import PaletteRow

#: What the palette runs when an entry is chosen (after it has closed).
Action = Callable[[], object]
#: The action of the mode table's "Theme" row: the palette shows the themes instead of closing.
THEME_ACTION = "change_theme"


@runtime_checkable
class ReadingHost(Protocol):
    """What the palette needs of the screen it was opened on (the reading screen)."""

    document: Document
    #: The cursor's section (its index).
    section_index: int

    @property
    def view(self) -> Widget:
        """The text view: runs the actions of :attr:`Scope.TEXT` rows."""

    def go_to_section(self, index: int) -> None:
        """Jump to section ``index``."""

    def bookmark_list(self) -> list[tuple[str, int]]:
        """The document's bookmarks: ``(name, offset)``."""

    def go_to_bookmark(self, offset: int) -> None:
        """Jump to a bookmark."""


@dataclass
class Group:
    """One kind of entry: ``count`` of them, each made on demand from its index."""

    kind: str  #: "command", "bookmark", "section", "theme"
    count: int
    name: Callable[[int], str]
    help: Callable[[int], str]
    action: Callable[[int], Action]
    #: True for an entry that changes what the palette shows instead of closing it (the "Theme" row).
    stays: Callable[[int], bool] = field(default=lambda index: False)
    narrowing: Narrowing = field(init=False)

    def __post_init__(self) -> None:
        self.narrowing = Narrowing(self.count, self.name)


def _listed(kind: str, entries: list[tuple[str, str, Action]], stays: frozenset[int] = frozenset()) -> Group:
    """A group over a list of ``(name, help, action)`` made in advance (a few dozen at most)."""
    return Group(
        kind,
        len(entries),
        lambda i: entries[i][0],
        lambda i: entries[i][1],
        lambda i: entries[i][2],
        lambda i: i in stays,
    )


def command_group(screen: Screen[object], app: App[None]) -> Group:
    """The mode table's palette rows, each run on the widget of its scope (the app's alone off the reading screen)."""
    targets: dict[Scope, DOMNode] = {Scope.APP: app}
    if isinstance(screen, ReadingHost):
        targets |= {Scope.TEXT: screen.view, Scope.SCREEN: screen}
    rows = [row for row in palette_rows() if row.scope in targets]
    entries: list[tuple[str, str, Action]] = [
        (row.palette, row.palette_help or row.shown, partial(app.run_action, row.palette_action, targets[row.scope]))
        for row in rows
    ]
    stays = frozenset(i for i, row in enumerate(rows) if row.palette_action == THEME_ACTION)
    return _listed("command", entries, stays)


def bookmark_group(screen: ReadingHost) -> Group:
    """``Bookmark: …`` for each of the document's named bookmarks, in the order they were added."""
    document = screen.document
    marks = screen.bookmark_list()
    entries: list[tuple[str, str, Action]] = []
    for name, offset in marks:
        section = document.section_at(offset)
        entries.append(
            (f"Bookmark: {name}", f"§ {section.index + 1} {section.title}", partial(screen.go_to_bookmark, offset))
        )
    return _listed("bookmark", entries)


def section_group(screen: ReadingHost) -> Group:
    """``§ n  heading`` for every section, from the cursor's on (then from the first), each made when needed.

    The list is shown and searched in that order, so that an empty query offers
    the sections ahead, and ties between matches go to the nearer ones ahead.
    """
    sections = screen.document.sections
    count = len(sections)
    first = min(max(screen.section_index, 0), max(count - 1, 0))

    def at(i: int) -> int:
        return (first + i) % count

    return Group(
        "section",
        count,
        lambda i: f"§ {at(i) + 1}  {sections[at(i)].heading}",
        lambda i: "section",
        lambda i: partial(screen.go_to_section, at(i)),
    )


def theme_group(app: App[None]) -> Group:
    """The app's themes by name; choosing one sets it (the app remembers it in the config)."""
    names = sorted(app.available_themes)

    def choose(name: str) -> None:
        app.theme = name

    entries: list[tuple[str, str, Action]] = [
        (name, "current" if name == app.theme else "", partial(choose, name)) for name in names
    ]
    return _listed("theme", entries)


#: ``(group number, index in the group, the query's match or None)`` of one row.
Ref = tuple[int, int, Match | None]


class Listing(Sequence[PaletteRow]):
    """The rows of the list, made when asked for: over refs (a query's matches) or over every entry."""

    def __init__(self, groups: Sequence[Group], refs: Sequence[Ref] | None = None) -> None:
        self.groups = groups
        self._refs = refs
        self._starts: list[int] = []
        total = 0
        for group in groups:
            self._starts.append(total)
            total += group.count
        self._total = total

    def __len__(self) -> int:
        return self._total if self._refs is None else len(self._refs)

    def ref(self, index: int) -> Ref:
        """Which entry row ``index`` is."""
        if self._refs is not None:
            return self._refs[index]
        if not 0 <= index < self._total:
            raise IndexError(index)
        number = bisect.bisect_right(self._starts, index) - 1
        while self.groups[number].count == 0:  # an empty group shares its start with the next one
            number += 1
        return number, index - self._starts[number], None

    @overload
    def __getitem__(self, index: int) -> PaletteRow: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[PaletteRow]: ...
    def __getitem__(self, index: int | slice) -> PaletteRow | Sequence[PaletteRow]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        number, at, found = self.ref(index)
        group = self.groups[number]
        return PaletteRow(group.narrowing.name(at), group.help(at), found.positions if found is not None else ())

    def action(self, index: int) -> tuple[Action, bool]:
        """What row ``index`` runs, and whether the palette stays open for it."""
        number, at, _ = self.ref(index)
        group = self.groups[number]
        return group.action(at), group.stays(at)


class Entries:
    """The palette's groups, listed whole or searched."""

    def __init__(self, groups: Sequence[Group]) -> None:
        self.groups = list(groups)

    def everything(self) -> Listing:
        """Every entry, group after group, in table and document order (the list for an empty query)."""
        return Listing(self.groups)

    def search(self, query: str) -> Listing:
        """The entries whose names hold ``query``'s characters in order, best first (ties: group and table order)."""
        needle = query.strip().lower()
        if not needle:
            return self.everything()
        scored: list[tuple[float, int, int, Match]] = []
        for number, group in enumerate(self.groups):
            scored += [(-score, number, index, found) for score, index, found in group.narrowing.run(needle)]
        scored.sort(key=lambda item: (item[0], item[1], item[2]))
        return Listing(self.groups, [(number, index, found) for _, number, index, found in scored])


def reading_entries(screen: Screen[object], app: App[None]) -> Entries:
    """Everything the palette offers on ``screen``: commands, then bookmarks and sections on the reading screen."""
    groups = [command_group(screen, app)]
    if isinstance(screen, ReadingHost):
        groups += [bookmark_group(screen), section_group(screen)]
    return Entries(groups)


def bookmark_entries(screen: ReadingHost) -> Entries:
    """The document's bookmarks alone (``B``)."""
    return Entries([bookmark_group(screen)])


def theme_entries(app: App[None]) -> Entries:
    """The app's themes alone (the "Theme" entry)."""
    return Entries([theme_group(app)])
