"""Word status, as in LingQ and Lute: every word is unknown, learning or known.

* a word saved to the deck is *learning* (derived from the deck, not stored twice);
* ``toggle_known(word)`` marks a word *known*, and toggling again undoes it;
* every other word is *unknown*.

Known words live in ``READER_HOME/words.yaml`` (``version: 1``), separate from
``state.yaml``::

    version: 1
    known:
    - 模型
    - 数据

Each toggle re-reads the file under a lock (another instance may have changed
it), applies the change and writes it atomically. A file that cannot be read
makes the store read-only: statuses still work from what could be kept (nothing),
``read_only`` holds the one-line reason, and toggling raises
:class:`~reader.errors.DataFileError` without touching the file.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from reader.errors import DataFileError, write_error
from reader.storage.paths import reader_home
from reader.storage.yamlio import read_yaml_mapping, write_yaml
from reader.study.deck import file_lock

if TYPE_CHECKING:
    from reader.study.deck import Deck

Status = Literal["unknown", "learning", "known"]
STATUSES: tuple[Status, ...] = ("unknown", "learning", "known")
WORDS_VERSION = 1


def words_path() -> Path:
    """Return the word-status file, ``READER_HOME/words.yaml``."""
    return reader_home() / "words.yaml"


class WordStatuses:
    """Known words from ``words.yaml`` plus learning words from the deck."""

    def __init__(self, path: Path, known: Iterable[str] = (), deck: Deck | None = None, read_only: str = "") -> None:
        self.path = path
        self._known: set[str] = set(known)
        self.deck = deck
        #: Why the file cannot be written ("" when it can).
        self.read_only = read_only
        #: Words toggled in memory whose write failed (re-applied with the next change).
        self._pending: list[str] = []

    @property
    def known(self) -> frozenset[str]:
        """The words marked known."""
        return frozenset(self._known)

    def learning(self) -> set[str]:
        """Return the saved words that are not marked known."""
        saved = self.deck.words() if self.deck is not None else set()
        return saved - self._known

    def status(self, word: str) -> Status:
        """Return the status of one word."""
        if word in self._known:
            return "known"
        if self.deck is not None and self.deck.has_word(word):
            return "learning"
        return "unknown"

    def statuses(self, words: Iterable[str]) -> dict[str, Status]:
        """Return the status of each word (for colouring a text by status)."""
        saved = self.deck.words() if self.deck is not None else set()
        out: dict[str, Status] = {}
        for word in words:
            if word in self._known:
                out[word] = "known"
            elif word in saved:
                out[word] = "learning"
            else:
                out[word] = "unknown"
        return out

    def toggle_known(self, word: str) -> Status:
        """Mark ``word`` known, or undo that if it is known; save at once. Returns the new status."""
        if self.read_only:
            raise DataFileError(self.path, self.read_only)
        try:
            with file_lock(self.path):
                try:
                    data = read_yaml_mapping(self.path, kind="words", version=WORDS_VERSION)
                    self._known = _known_from(data, self.path)
                except DataFileError as exc:
                    self.read_only = exc.reason
                    raise
                for pending in [*self._pending, word]:  # toggles whose write failed, then this one
                    if pending in self._known:
                        self._known.discard(pending)
                    else:
                        self._known.add(pending)
                write_yaml(self.path, {"version": WORDS_VERSION, "known": sorted(self._known)})
                self._pending.clear()
        except DataFileError:
            raise
        except OSError as exc:
            # Not saved: shown as toggled, and written with the next change.
            self._pending.append(word)
            raise write_error(self.path, exc) from exc
        return self.status(word)

    @property
    def unsaved(self) -> int:
        """How many toggles are held in memory because writing them failed."""
        return len(self._pending)


def load_word_statuses(deck: Deck | None = None, path: Path | None = None) -> WordStatuses:
    """Read ``words.yaml``; a damaged file gives a read-only store with the reason, never an error."""
    target = path if path is not None else words_path()
    try:
        data = read_yaml_mapping(target, kind="words", version=WORDS_VERSION)
        known = _known_from(data, target)
    except DataFileError as exc:
        return WordStatuses(target, (), deck, read_only=exc.reason)
    return WordStatuses(target, known, deck)


def _known_from(data: dict[str, object] | None, path: Path) -> set[str]:
    if data is None:
        return set()
    known = data.get("known") or []
    if not isinstance(known, list) or not all(isinstance(w, str) for w in known):
        raise DataFileError(path, "'known' must be a list of words")
    return set(known)
