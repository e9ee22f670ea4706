"""Word status, as in LingQ and Lute: new, learning 1–3, known, or ignored.

* ``set_level(word, level)`` sets a word's level (number keys in the reader):
  ``new``, ``learning-1`` … ``learning-3``, ``known`` or ``ignored``; ``None`` clears it;
* ``toggle_known(word)`` marks a word *known*, and toggling again undoes it;
* a word saved to the deck and given no level is *learning* (derived from the
  deck, not stored twice);
* every other word is *unknown* (new).

Levels live in ``READER_HOME/words.yaml`` (``version: 1``), separate from
``state.yaml``; ``levels`` and ``ignored`` are written only when they hold words::

    version: 1
    known:
    - 模型
    levels:            # learning 1–3 (0: marked new on purpose)
      数据: 2
    ignored:
    - OpenAI

Each toggle re-reads the file under a lock (another instance may have changed
it), applies the change and writes it atomically. A file that cannot be read
makes the store read-only: statuses still work from what could be kept (nothing),
``read_only`` holds the one-line reason, and toggling raises
:class:`~reader.errors.DataFileError` without touching the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from reader.errors import DataFileError, write_error
from reader.storage.paths import reader_home
from reader.storage.yamlio import read_yaml_mapping, write_yaml
from reader.study.deck import file_lock

if TYPE_CHECKING:
    from reader.study.deck import Deck

Status = Literal["unknown", "learning", "learning-1", "learning-2", "learning-3", "known", "ignored"]
STATUSES: tuple[Status, ...] = ("unknown", "learning", "learning-1", "learning-2", "learning-3", "known", "ignored")
#: The levels a learner sets, in key order (1–5 in the reader), then ``ignored``.
LEVELS: tuple[str, ...] = ("new", "learning-1", "learning-2", "learning-3", "known", "ignored")
WORDS_VERSION = 1


def words_path() -> Path:
    """Return the word-status file, ``READER_HOME/words.yaml``."""
    return reader_home() / "words.yaml"


class WordStatuses:
    """Known words from ``words.yaml`` plus learning words from the deck."""

    def __init__(
        self,
        path: Path,
        known: Iterable[str] = (),
        deck: Deck | None = None,
        read_only: str = "",
        levels: dict[str, int] | None = None,
        ignored: Iterable[str] = (),
    ) -> None:
        self.path = path
        self._known: set[str] = set(known)
        self._levels: dict[str, int] = dict(levels or {})
        self._ignored: set[str] = set(ignored)
        self.deck = deck
        #: Why the file cannot be written ("" when it can).
        self.read_only = read_only
        #: Changes ``(word, level)`` made in memory whose write failed (re-applied with the next change).
        self._pending: list[tuple[str, str | None]] = []

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
        if word in self._ignored:
            return "ignored"
        level = self._levels.get(word)
        if level is not None:
            return _LEARNING[level]
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
            elif word in self._ignored:
                out[word] = "ignored"
            elif word in self._levels:
                out[word] = _LEARNING[self._levels[word]]
            elif word in saved:
                out[word] = "learning"
            else:
                out[word] = "unknown"
        return out

    def toggle_known(self, word: str) -> Status:
        """Mark ``word`` known, or undo that if it is known; save at once. Returns the new status."""
        return self._change(word, lambda: None if word in self._known else "known")

    def set_level(self, word: str, level: str | None) -> Status:
        """Set ``word`` to one of :data:`LEVELS` (``None`` clears it); save at once. Returns the new status."""
        if level is not None and level not in LEVELS:
            raise ValueError(f"unknown word level {level!r}")
        return self._change(word, lambda: level)

    def _change(self, word: str, level_of: Callable[[], str | None]) -> Status:
        """Re-read the file under the lock (another instance may have written it), set ``word``, write."""
        if self.read_only:
            raise DataFileError(self.path, self.read_only)
        applied: tuple[str, str | None] | None = None
        try:
            with file_lock(self.path):
                try:
                    data = read_yaml_mapping(self.path, kind="words", version=WORDS_VERSION)
                    self._known, self._levels, self._ignored = _parse(data, self.path)
                except DataFileError as exc:
                    self.read_only = exc.reason
                    raise
                applied = (word, level_of())
                for pending_word, level in [*self._pending, applied]:  # changes whose write failed, then this one
                    self._apply(pending_word, level)
                write_yaml(self.path, self._payload())
                self._pending.clear()
        except DataFileError:
            raise
        except OSError as exc:
            # Not saved: shown as set, and written with the next change.
            if applied is None:
                applied = (word, level_of())
                self._apply(*applied)
            self._pending.append(applied)
            raise write_error(self.path, exc) from exc
        return self.status(word)

    def _apply(self, word: str, level: str | None) -> None:
        """Set ``word`` to ``level`` in memory (``None`` clears it)."""
        self._known.discard(word)
        self._ignored.discard(word)
        self._levels.pop(word, None)
        if level == "known":
            self._known.add(word)
        elif level == "ignored":
            self._ignored.add(word)
        elif level is not None:
            self._levels[word] = 0 if level == "new" else int(level[-1])

    def _payload(self) -> dict[str, object]:
        """What ``words.yaml`` holds: known words, then levels and ignored words when there are any."""
        out: dict[str, object] = {"version": WORDS_VERSION, "known": sorted(self._known)}
        if self._levels:
            out["levels"] = dict(sorted(self._levels.items()))
        if self._ignored:
            out["ignored"] = sorted(self._ignored)
        return out

    @property
    def unsaved(self) -> int:
        """How many changes are held in memory because writing them failed."""
        return len(self._pending)


def load_word_statuses(deck: Deck | None = None, path: Path | None = None) -> WordStatuses:
    """Read ``words.yaml``; a damaged file gives a read-only store with the reason, never an error."""
    target = path if path is not None else words_path()
    try:
        data = read_yaml_mapping(target, kind="words", version=WORDS_VERSION)
        known, levels, ignored = _parse(data, target)
    except DataFileError as exc:
        return WordStatuses(target, (), deck, read_only=exc.reason)
    return WordStatuses(target, known, deck, levels=levels, ignored=ignored)


#: Stored learning levels → status (0: marked new on purpose).
_LEARNING: dict[int, Status] = {0: "unknown", 1: "learning-1", 2: "learning-2", 3: "learning-3"}


def _parse(data: dict[str, object] | None, path: Path) -> tuple[set[str], dict[str, int], set[str]]:
    """``(known, levels, ignored)`` of a words file; raises :class:`DataFileError` naming what is wrong."""
    if data is None:
        return set(), {}, set()
    known = data.get("known") or []
    if not isinstance(known, list) or not all(isinstance(w, str) for w in known):
        raise DataFileError(path, "'known' must be a list of words")
    ignored = data.get("ignored") or []
    if not isinstance(ignored, list) or not all(isinstance(w, str) for w in ignored):
        raise DataFileError(path, "'ignored' must be a list of words")
    levels = data.get("levels") or {}
    if not isinstance(levels, dict) or not all(
        isinstance(w, str) and isinstance(n, int) and not isinstance(n, bool) and 0 <= n <= 3 for w, n in levels.items()
    ):
        raise DataFileError(path, "'levels' must map words to 0-3 (new, learning 1-3)")
    return set(known), dict(levels), set(ignored)
