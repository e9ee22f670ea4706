"""The reading screen's search: ``/`` and backslash open the bar, ``>`` / ``<`` step through the matches.

:class:`SearchActions` is a plain object the reading screen holds. It parses
the query (:mod:`reader.text.search`), scans the tokens in a thread worker,
nearest the cursor first, and hands the matches to the screen in batches: the
first match is shown as soon as its chunk is scanned, long before a big book is
done. The screen binds the results down (highlights, "3/12", outline marks).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from reader.text.document import Document
    from reader.text.language_loader import LoadedLanguage
    from reader.text.search import KeyCache, Match, Searcher


def _search() -> ModuleType:
    """:mod:`reader.text.search`, imported on the first search (not in front of the first paint)."""
    from reader.text import search

    return search


#: Batches after the first are handed over at most this often (seconds).
_BATCH_EVERY = 0.05


@dataclass
class SearchResults:
    """What the screen shows of a search."""

    query: str = ""
    matches: list[Match] = field(default_factory=list)
    done: bool = True

    @property
    def starts(self) -> list[int]:
        """Where each match starts, in text order."""
        return [m.start for m in self.matches]


class SearchActions:
    """Runs searches for the reading screen and keeps their results."""

    def __init__(
        self,
        owner: DOMNode,
        document: Document,
        changed: Callable[[SearchResults], None],
        jump: Callable[[int], None],
    ) -> None:
        self.owner = owner
        self.document = document
        #: Called with the results whenever a batch arrives (or they are dropped).
        self.changed = changed
        #: Moves the cursor to a match.
        self.jump = jump
        self.results = SearchResults()
        self.origin = 0
        self.backward = False
        self._generation = 0
        self._starts: list[int] = []
        self._move = True
        self._keys: KeyCache | None = None

    @property
    def active(self) -> bool:
        """True while there is a query (its matches highlighted)."""
        return bool(self.results.query)

    def start(
        self, query: str, origin: int, backward: bool, language: LoadedLanguage | None, *, move: bool = True
    ) -> None:
        """Search for ``query`` from ``origin``; the cursor goes (``move``) to the first match once found."""
        self._move = move
        self._generation += 1
        generation = self._generation
        self.origin, self.backward = origin, backward
        parsed = _search().parse_query(query)
        self.results = SearchResults(query.strip(), [], done=parsed.empty)
        self._starts = []
        self.changed(self.results)
        if parsed.empty:
            return
        text = self.document.text
        if language is None:
            if not parsed.hanzi:
                self.results.done = True
                self.owner.app.notify("pinyin and English search start once the dictionary has loaded", timeout=3)
                self.changed(self.results)
                return
            self._receive(generation, _search().find_text(text, parsed.hanzi), True)
            return
        glossary = language.glossary

        def gloss(term: str) -> str:
            entry = glossary.get(term)
            return entry.gloss if entry is not None else ""

        if self._keys is None or self._keys.tokens is not language.tokens:
            self._keys = _search().KeyCache(language.tokens)
        searcher = _search().Searcher(text, language.tokens, parsed, gloss, self._keys)
        self.owner.run_worker(
            lambda: self._scan(searcher, generation), thread=True, exclusive=True, group="search", exit_on_error=False
        )

    def _scan(self, searcher: Searcher, generation: int) -> None:
        """In the worker: scan chunk by chunk, nearest the cursor first, handing over batches."""
        from textual.worker import get_current_worker

        worker = get_current_worker()
        batch: list[Match] = []
        handed = False
        last = time.perf_counter()
        for chunk in searcher.chunks(self.origin, backward=self.backward):
            if worker.is_cancelled or generation != self._generation:
                return
            batch.extend(chunk)
            now = time.perf_counter()
            if batch and (not handed or now - last >= _BATCH_EVERY):
                self.owner.app.call_from_thread(self._receive, generation, batch, False)
                batch, handed, last = [], True, now
        if not worker.is_cancelled:
            self.owner.app.call_from_thread(self._receive, generation, batch, True)

    def _receive(self, generation: int, batch: list[Match], done: bool) -> None:
        """On the UI thread: add a batch; the first match moves the cursor."""
        if generation != self._generation:
            return
        first = not self.results.matches
        if batch:
            self.results.matches = sorted(self.results.matches + batch, key=lambda m: m.start)
            self._starts = self.results.starts
        self.results.done = done
        self.changed(self.results)
        if first and self.results.matches and self._move:
            index = _search().step(self._starts, self.origin - (0 if self.backward else 1), -1 if self.backward else 1)
            if index is not None:
                self.jump(self._starts[index])

    def label(self, cursor: int) -> str:
        """The status line's ``"/预训练 3/12"`` for the cursor ("" with no search)."""
        if not self.active:
            return ""
        return f"/{self.results.query} {_search().position_label(self._starts, cursor, self.results.done)}"

    def step(self, cursor: int, delta: int) -> bool:
        """Move to the next or previous match; False when there is none."""
        index = _search().step(self._starts, cursor, delta)
        if index is None:
            return False
        self.jump(self._starts[index])
        return True

    def clear(self) -> None:
        """Drop the search and its highlights."""
        self._generation += 1
        self.results = SearchResults()
        self._starts = []
        self.changed(self.results)

    def rerun(self, cursor: int, language: LoadedLanguage | None) -> None:
        """Search again (the tokens changed, or the dictionary arrived), keeping the cursor."""
        if self.active:
            self.start(self.results.query, cursor, self.backward, language, move=False)
