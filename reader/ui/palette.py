"""The command palette, and its providers: go to a section, and every palette row of the mode table.

The entries come from :mod:`reader.ui.modes`: each row's action runs on the
widget of its scope (the text view, the reading screen or the app), exactly as
its key would run it. :class:`ReaderPalette` is Textual's palette with the
dimmed picture of the screen behind it drawn once per open.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from functools import partial
from typing import Protocol, cast

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode
from textual.renderables.background_screen import BackgroundScreen
from textual.widget import Widget

from reader.text.document import Document
from reader.ui.modes import Scope, palette_rows


class _Still:
    """A renderable drawn once per size: the screen behind the palette, tinted, as it was when the palette opened."""

    def __init__(self, behind: BackgroundScreen) -> None:
        self.behind = behind
        self._segments: dict[tuple[int, int | None], list[Segment]] = {}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        key = (options.max_width, options.height)
        segments = self._segments.get(key)
        if segments is None:
            segments = self._segments[key] = list(console.render(self.behind, options))
        return segments


class ReaderPalette(CommandPalette):
    """Textual's command palette, the dimmed screen behind it drawn once per open, not on every frame.

    Textual draws the screen behind a translucent one again, and tints every one of
    its segments, each time the palette's own frame changes (its list fills in
    over several frames as the providers answer). The reading screen's text is
    thousands of styled segments, so that picture cost more than the palette. The
    screen behind does not change while the palette has the keys; it is drawn
    when the palette opens and kept until it closes.
    """

    _still: _Still | None = None

    def render(self) -> RenderableType:
        """The background: the screen behind, tinted (made once), or what Textual draws otherwise."""
        rendered = super().render()
        if not isinstance(rendered, BackgroundScreen):
            return rendered
        if self._still is None or self._still.behind.screen is not rendered.screen:
            self._still = _Still(rendered)
        return self._still


class ReadingHost(Protocol):
    """What the palette needs of the screen it was opened on (the reading screen)."""

    document: Document

    @property
    def view(self) -> Widget:
        """The text view: runs the actions of :attr:`Scope.TEXT` rows."""

    def go_to_section(self, index: int) -> None:
        """Jump to section ``index``."""


#: ``(name, callback, help)`` of one palette entry.
Command = tuple[str, Callable[[], object], str]


class _ListProvider(Provider):
    """A provider over a fixed list of commands built by :meth:`commands`."""

    def commands(self) -> list[Command]:
        """The commands on offer."""
        raise NotImplementedError

    @property
    def reading_screen(self) -> ReadingHost:
        """The reading screen the palette was opened on."""
        return cast(ReadingHost, self.screen)

    async def discover(self) -> Hits:
        """List every command when the palette opens."""
        for name, callback, help_text in self.commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        """Fuzzy-match the commands."""
        matcher = self.matcher(query)
        for name, callback, help_text in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)


#: Sections listed when the palette opens (from the cursor's section on); typing searches them all.
SECTIONS_SHOWN = 12
#: The best section matches offered for a query.
SECTIONS_MATCHED = 40


class SectionCommands(_ListProvider):
    """``Go to section …``: built lazily and filtered as you type.

    A book of thousands of chapters would otherwise list (and the palette draw)
    every one of them on each open. The empty palette offers the sections from
    the cursor's on; a query is scored only against the section names that hold
    all its characters, and the best :data:`SECTIONS_MATCHED` are offered.
    """

    def _command(self, index: int) -> Command:
        screen = self.reading_screen
        return (self._name(index), partial(screen.go_to_section, index), "jump to this section")

    def _name(self, index: int) -> str:
        section = self.reading_screen.document.sections[index]
        return f"Go to section {index + 1}: {section.heading}"

    def commands(self) -> list[Command]:
        """The sections offered on an empty query: the cursor's section and the ones after it."""
        screen = self.reading_screen
        sections = screen.document.sections
        view = screen.view
        cursor = getattr(view, "cursor", 0)
        first = screen.document.section_at(cursor).index if isinstance(cursor, int) else 0
        first = max(0, min(first, len(sections) - SECTIONS_SHOWN))
        return [self._command(i) for i in range(first, min(len(sections), first + SECTIONS_SHOWN))]

    async def search(self, query: str) -> Hits:
        """The best-scoring sections among those whose names hold every character of ``query``."""
        matcher = self.matcher(query)
        needed = set(query.lower()) - {" "}
        scored: list[tuple[float, int]] = []
        for index in range(len(self.reading_screen.document.sections)):
            name = self._name(index)
            if needed and not needed.issubset(name.lower()):
                continue
            score = matcher.match(name)
            if score > 0:
                scored.append((score, index))
        for score, index in heapq.nlargest(SECTIONS_MATCHED, scored):
            name, callback, help_text = self._command(index)
            yield Hit(score, matcher.highlight(name), callback, help=help_text)


class ReaderCommands(_ListProvider):
    """The mode table's palette rows: toggles, exports, screens."""

    def commands(self) -> list[Command]:
        """One entry per palette row, run on the widget of its scope."""
        screen = self.reading_screen
        targets: dict[Scope, DOMNode] = {Scope.TEXT: screen.view, Scope.SCREEN: self.screen, Scope.APP: self.app}
        return [
            (
                row.palette,
                partial(self.app.run_action, row.palette_action, targets[row.scope]),
                row.palette_help or row.shown,
            )
            for row in palette_rows()
        ]


class BookmarkHost(Protocol):
    """What the bookmarks list needs of the reading screen."""

    def bookmark_list(self) -> list[tuple[str, int]]:
        """The document's bookmarks: ``(name, offset)``."""

    def go_to_bookmark(self, offset: int) -> None:
        """Jump to a bookmark."""


class BookmarkCommands(_ListProvider):
    """``Bookmark: …`` for each of the document's named bookmarks (``B`` opens the palette on these alone)."""

    def commands(self) -> list[Command]:
        """One entry per bookmark, in the order they were added."""
        screen = cast(BookmarkHost, self.screen)
        document = self.reading_screen.document
        return [
            (
                f"Bookmark: {name}",
                partial(screen.go_to_bookmark, offset),
                f"§ {document.section_at(offset).index + 1} · {document.section_at(offset).title}",
            )
            for name, offset in screen.bookmark_list()
        ]
