"""The learner's own meanings: a sense chosen or written for a word, here or everywhere.

From the pop-up a learner can pick another sense of a word or type their own,
for this document or for every document. The choices live in
``READER_HOME/meanings.yaml`` (``version: 1``)::

    version: 1
    meanings:
    - word: 在
      reading: zai4
      gloss: at; in
      document: article      # absent: every document
      updated: '2026-12-01T10:30:00+00:00'

A choice is keyed by word, reading (numbered pinyin, as in the text) and
document; a document's choice beats an every-document one. The sense chooser
(:class:`reader.text.senses.Choices`) puts them above every other source, so
the pop-up, cards, the drill and exports all follow them.

Each change re-reads the file under a lock (another instance may have changed
it), applies the change and writes it atomically. A file that cannot be read
makes the store read-only (``read_only`` holds the reason); changing raises
:class:`~reader.errors.DataFileError` and the file is never overwritten.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reader.errors import DataFileError, write_error
from reader.storage.paths import reader_home
from reader.storage.yamlio import read_yaml_mapping, write_yaml
from reader.study.deck import file_lock
from reader.text.senses import Choices, reading_key

MEANINGS_VERSION = 1

__all__ = ["MEANINGS_VERSION", "Meaning", "MeaningStore", "load_meanings", "meanings_path"]


def meanings_path() -> Path:
    """Return the learner's meanings file, ``READER_HOME/meanings.yaml``."""
    return reader_home() / "meanings.yaml"


@dataclass(frozen=True)
class Meaning:
    """One meaning the learner chose: for ``document``, or for every document when it is ``None``."""

    word: str
    reading: tuple[str, ...]
    gloss: str
    document: str | None = None
    updated: str = ""

    @property
    def key(self) -> tuple[str, tuple[str, ...], str | None]:
        """What a choice replaces: the same word, reading and document."""
        return (self.word, self.reading, self.document)

    def to_dict(self) -> dict[str, str]:
        """The YAML form."""
        out = {"word": self.word, "reading": " ".join(self.reading), "gloss": self.gloss}
        if self.document is not None:
            out["document"] = self.document
        if self.updated:
            out["updated"] = self.updated
        return out


class MeaningStore:
    """The meanings of ``meanings.yaml``, read once and changed with :meth:`choose` / :meth:`forget`."""

    def __init__(self, path: Path, meanings: Sequence[Meaning] = (), read_only: str = "") -> None:
        self.path = path
        self._meanings: dict[tuple[str, tuple[str, ...], str | None], Meaning] = {m.key: m for m in meanings}
        #: Why the file cannot be written ("" when it can).
        self.read_only = read_only
        #: Changes made in memory whose write failed (re-applied with the next change).
        self._pending: list[Any] = []

    @property
    def unsaved(self) -> int:
        """How many changes are held in memory because writing them failed."""
        return len(self._pending)

    @property
    def meanings(self) -> list[Meaning]:
        """Every choice, in the order they were made."""
        return list(self._meanings.values())

    def choices_for(self, document: str) -> Choices:
        """The choices that apply in ``document``, for the sense chooser."""
        choices = Choices()
        for meaning in self._meanings.values():
            key = (meaning.word, meaning.reading)
            if meaning.document is None:
                choices.every[key] = meaning.gloss
            elif meaning.document == document:
                choices.document[key] = meaning.gloss
        return choices

    def get(self, word: str, syllables: Sequence[str], document: str) -> Meaning | None:
        """The choice in force for ``word`` read as ``syllables`` in ``document``, or None."""
        reading = reading_key(syllables)
        return self._meanings.get((word, reading, document)) or self._meanings.get((word, reading, None))

    def choose(self, word: str, syllables: Sequence[str], gloss: str, document: str | None) -> Meaning:
        """Save ``gloss`` as the meaning of ``word`` (read as ``syllables``) in ``document`` or everywhere.

        Choosing for every document drops this document's own choice of the
        same word, so that the new choice shows here too.
        """
        gloss = " ".join(gloss.split())
        if not gloss:
            raise ValueError("a meaning cannot be empty")
        meaning = Meaning(
            word, reading_key(syllables), gloss, document, datetime.now(UTC).isoformat(timespec="seconds")
        )

        def change(meanings: dict[tuple[str, tuple[str, ...], str | None], Meaning]) -> None:
            meanings[meaning.key] = meaning

        self._change(change)
        return meaning

    def forget(self, word: str, syllables: Sequence[str], document: str | None) -> bool:
        """Drop the choice for ``word`` in ``document`` (or the every-document one); True if there was one."""
        key = (word, reading_key(syllables), document)
        found = key in self._meanings

        def change(meanings: dict[tuple[str, tuple[str, ...], str | None], Meaning]) -> None:
            meanings.pop(key, None)

        self._change(change)
        return found

    def _change(self, change: Any) -> None:
        if self.read_only:
            raise DataFileError(self.path, self.read_only)
        try:
            with file_lock(self.path):
                try:
                    fresh = _read(self.path)
                except DataFileError as exc:
                    self.read_only = exc.reason
                    raise
                meanings = {m.key: m for m in fresh}
                for pending in [*self._pending, change]:  # changes whose write failed, then this one
                    pending(meanings)
                entries = [m.to_dict() for m in meanings.values()]
                write_yaml(self.path, {"version": MEANINGS_VERSION, "meanings": entries})
                self._pending.clear()
                self._meanings = meanings
        except DataFileError:
            raise
        except OSError as exc:
            # Not saved: in effect in memory, and written with the next change.
            meanings = dict(self._meanings)
            change(meanings)
            self._meanings = meanings
            self._pending.append(change)
            raise write_error(self.path, exc) from exc


def load_meanings(path: Path | None = None) -> MeaningStore:
    """Read ``meanings.yaml``; a damaged file gives a read-only store with the reason, never an error."""
    target = path if path is not None else meanings_path()
    try:
        return MeaningStore(target, _read(target))
    except DataFileError as exc:
        return MeaningStore(target, (), read_only=exc.reason)


def _read(path: Path) -> list[Meaning]:
    data = read_yaml_mapping(path, kind="meanings", version=MEANINGS_VERSION)
    if data is None:
        return []
    raw = data.get("meanings") or []
    if not isinstance(raw, list):
        raise DataFileError(path, "'meanings' must be a list")
    out = []
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, dict):
            raise DataFileError(path, f"meaning {number} must be a mapping")
        word, gloss = item.get("word"), item.get("gloss")
        document = item.get("document")
        if not isinstance(word, str) or not word or not isinstance(gloss, str) or not gloss.strip():
            raise DataFileError(path, f"meaning {number} needs a 'word' and a 'gloss'")
        if document is not None and not isinstance(document, str):
            raise DataFileError(path, f"meaning {number}: 'document' must be text")
        reading = reading_key(str(item.get("reading") or "").split())
        out.append(Meaning(word, reading, gloss.strip(), document, str(item.get("updated") or "")))
    return out
