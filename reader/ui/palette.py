"""Command palette providers: go to a section, and every palette row of the mode table.

The entries come from :mod:`reader.ui.modes`: each row's action runs on the
widget of its scope (the text view, the reading screen or the app), exactly as
its key would run it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Protocol, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode
from textual.widget import Widget

from reader.text.document import Document
from reader.ui.modes import Scope, palette_rows


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


class SectionCommands(_ListProvider):
    """``Go to section …`` for every section."""

    def commands(self) -> list[Command]:
        """One entry per section."""
        screen = self.reading_screen
        return [
            (
                f"Go to section {s.index + 1}: {s.heading}",
                partial(screen.go_to_section, s.index),
                "jump to this section",
            )
            for s in screen.document.sections
        ]


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
