"""Reading positions in ``READER_HOME/state.yaml``.

``documents: {doc_id: {offset, furthest, sections_read, seen, bookmarks, updated}}``.
``seen`` holds the ``[start, end]`` offset ranges that stayed on screen long
enough to count as read (see :mod:`reader.study.progress`), ``sections_read``
the sections that makes read, and ``bookmarks`` a list of ``{name, offset}``
(named places, ``b`` in the reader). A damaged file makes the state read-only for the
session; it is never overwritten.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from reader.errors import DataFileError, write_error
from reader.storage.paths import state_path
from reader.storage.yamlio import read_yaml_mapping, write_yaml

VERSION = 1


@dataclass
class Position:
    """Where the reader is in one document."""

    offset: int = 0
    furthest: int = 0
    sections_read: list[str] = field(default_factory=list)
    #: Offset ranges ``[start, end)`` that stayed on screen long enough to count as read, merged.
    seen: list[tuple[int, int]] = field(default_factory=list)
    #: The first text on screen (a code-point offset) and how many rows above it the view began.
    top: int = -1
    top_gap: int = 0
    #: Named places: ``(name, offset)``, in the order they were added.
    bookmarks: list[tuple[str, int]] = field(default_factory=list)

    def visit(self, offset: int) -> None:
        """The cursor is at ``offset`` (being there reads nothing: see :meth:`saw`)."""
        self.offset = offset
        self.furthest = max(self.furthest, offset)

    def saw(self, start: int, end: int) -> None:
        """The text ``[start, end)`` stayed on screen long enough to count as read."""
        self.seen = merge_spans([*self.seen, (start, end)])


class ReadingState:
    """Load and save reading positions."""

    def __init__(self) -> None:
        self.path = state_path()
        #: True while the last position could not be written (it is kept in memory).
        self.unsaved = False
        self.error: str | None = None
        self._data: dict[str, Any] = {"version": VERSION, "documents": {}}
        try:
            data = read_yaml_mapping(self.path, kind="state", version=VERSION)
        except DataFileError as exc:
            self.error = str(exc)
            return
        if data is not None:
            docs = data.get("documents")
            if docs is not None and not isinstance(docs, dict):
                self.error = f"{self.path}: 'documents' must be a mapping"
                return
            self._data = data
            self._data.setdefault("documents", {})

    @property
    def read_only(self) -> bool:
        """True when the file could not be parsed: it is then never written."""
        return self.error is not None

    @property
    def documents(self) -> dict[str, Any]:
        """The saved entry of every document, by id, as in the file (empty if absent or damaged)."""
        return self._data["documents"]

    def position(self, doc_id: str) -> Position:
        """The saved position of a document (the start if none)."""
        entry = self._data["documents"].get(doc_id)
        if not isinstance(entry, dict):
            return Position()
        return _position(entry)

    def save(self, doc_id: str, position: Position, length: int | None = None) -> None:
        """Record and write a position atomically (unless read-only).

        Another copy of the app may have written the file since: its other
        documents are kept, and for this one the sections read are united and
        the furthest point is the further of the two (the position is ours), and
        never past ``length``, the document's length, when it is given.
        """
        if self.read_only:
            return
        try:
            fresh = read_yaml_mapping(self.path, kind="state", version=VERSION)
        except DataFileError as exc:
            self.error = str(exc)
            return
        documents = dict(fresh["documents"]) if fresh and isinstance(fresh.get("documents"), dict) else {}
        theirs = _position(documents.get(doc_id))
        if length is not None:  # another copy's figures, or a damaged file's, never past the text
            theirs.furthest = min(theirs.furthest, max(length - 1, 0))
        read = list(position.sections_read) + [s for s in theirs.sections_read if s not in position.sections_read]
        position.seen = merge_spans([*position.seen, *theirs.seen])
        documents[doc_id] = {
            "offset": position.offset,
            "furthest": max(position.furthest, position.offset, theirs.furthest),
            "sections_read": read,
            "top": position.top,
            "top_gap": position.top_gap,
            **({"bookmarks": [{"name": n, "offset": o} for n, o in position.bookmarks]} if position.bookmarks else {}),
            "updated": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        if position.seen:  # absent until something was on screen long enough: an older file keeps its meaning
            documents[doc_id]["seen"] = [[start, end] for start, end in position.seen]
        self._data["documents"] = documents
        try:
            write_yaml(self.path, self._data)
        except OSError as exc:
            self.unsaved = True  # kept in memory: the next save writes it
            raise write_error(self.path, exc) from exc
        self.unsaved = False


def _position(entry: object) -> Position:
    """A :class:`Position` from a file entry, tolerant of missing or wrong fields."""
    if not isinstance(entry, dict):
        return Position()

    def number(key: str, default: int) -> int:
        value = entry.get(key, default)
        return value if isinstance(value, int) and not isinstance(value, bool) else default

    offset = number("offset", 0)
    read = entry.get("sections_read", [])
    seen = entry.get("seen", [])
    spans = (
        [s for s in seen if isinstance(s, list) and all(isinstance(v, int) for v in s)]
        if isinstance(seen, list)
        else []
    )
    return Position(
        offset=offset,
        furthest=number("furthest", offset),
        sections_read=[str(s) for s in read] if isinstance(read, list) else [],
        top=number("top", -1),
        top_gap=number("top_gap", 0),
        seen=merge_spans(spans),
        bookmarks=_bookmarks(entry.get("bookmarks")),
    )


def merge_spans(spans: Iterable[Sequence[int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping ``(start, end)`` ranges covering the same offsets (touching ranges join)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted((int(s[0]), int(s[1])) for s in spans if len(s) == 2 and s[1] > s[0]):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _bookmarks(raw: object) -> list[tuple[str, int]]:
    """The well-formed ``{name, offset}`` items of a bookmarks list (others are dropped)."""
    if not isinstance(raw, list):
        return []
    out = []
    for item in raw:
        if isinstance(item, dict):
            name, offset = item.get("name"), item.get("offset")
            if isinstance(name, str) and isinstance(offset, int) and not isinstance(offset, bool) and offset >= 0:
                out.append((name, offset))
    return out
