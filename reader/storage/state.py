"""Reading positions in ``READER_HOME/state.yaml``.

``documents: {doc_id: {offset, furthest, sections_read, updated}}``. A damaged
file makes the state read-only for the session; it is never overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from reader.errors import DataFileError
from reader.storage.paths import state_path
from reader.storage.yamlio import read_yaml_mapping, write_yaml

VERSION = 1


@dataclass
class Position:
    """Where the reader is in one document."""

    offset: int = 0
    furthest: int = 0
    sections_read: list[str] = field(default_factory=list)


class ReadingState:
    """Load and save reading positions."""

    def __init__(self) -> None:
        self.path = state_path()
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

    def position(self, doc_id: str) -> Position:
        """The saved position of a document (the start if none)."""
        entry = self._data["documents"].get(doc_id)
        if not isinstance(entry, dict):
            return Position()
        offset = entry.get("offset", 0)
        furthest = entry.get("furthest", offset)
        read = entry.get("sections_read", [])
        return Position(
            offset=offset if isinstance(offset, int) else 0,
            furthest=furthest if isinstance(furthest, int) else 0,
            sections_read=[str(s) for s in read] if isinstance(read, list) else [],
        )

    def save(self, doc_id: str, position: Position) -> None:
        """Record and write a position atomically (unless read-only)."""
        if self.read_only:
            return
        self._data["documents"][doc_id] = {
            "offset": position.offset,
            "furthest": max(position.furthest, position.offset),
            "sections_read": list(position.sections_read),
            "updated": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        try:
            fresh = read_yaml_mapping(self.path, kind="state", version=VERSION)
        except DataFileError as exc:
            self.error = str(exc)
            return
        if fresh and isinstance(fresh.get("documents"), dict):
            merged = dict(fresh["documents"])
            merged[doc_id] = self._data["documents"][doc_id]
            self._data["documents"] = merged
        write_yaml(self.path, self._data)
