"""The note model: :class:`Note`, :class:`NotesFile`, timestamps, tags and ids.

Owns what one note *is* and how it maps to and from the notes file's YAML
mapping (see :mod:`reader.study.notes` for the file layout), plus the small
pure helpers the model needs: ISO 8601 UTC times, ``#tag`` parsing and new
note ids. Reading the file from disk lives in :mod:`reader.study.notes_file`;
the store that keeps it in step lives in :mod:`reader.study.notes`.

Pure module: no UI imports.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from reader.study.anchor import Anchor

#: Schema version of notes files.
NOTES_VERSION = 1

#: ``#tag`` in a note's text: letters, digits, ``_``, ``-``, ``/`` and Han characters.
_TAG = re.compile(r"(?<![\w#&])#([^\W_](?:[\w/-]*\w)?)", re.UNICODE)


def utc_now() -> str:
    """Return the current UTC time as ISO 8601 with milliseconds and ``Z``."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def one_line(text: str, limit: int) -> str:
    """``text`` (a quote) on one line: whitespace runs become one space, cut to ``limit`` with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def parse_time(value: str) -> datetime:
    """Parse an ISO 8601 time (``Z`` or an offset); naive times are taken as UTC."""
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def parse_tags(text: str) -> list[str]:
    """Return the ``#tags`` in ``text``, in order, without duplicates: ``#语法 #hsk-4`` -> ``['语法', 'hsk-4']``."""
    seen: list[str] = []
    for match in _TAG.finditer(text):
        tag = match.group(1)
        if tag not in seen:
            seen.append(tag)
    return seen


def new_note_id() -> str:
    """Make a short random id (12 hex digits)."""
    return uuid.uuid4().hex[:12]


def later_than(previous: str) -> str:
    """Now, but strictly after ``previous`` so that a merge sees the edit as newer."""
    now = utc_now()
    try:
        if parse_time(now) <= parse_time(previous):
            bumped = parse_time(previous).timestamp() + 0.001
            return datetime.fromtimestamp(bumped, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    except ValueError:
        pass
    return now


@dataclass(frozen=True)
class Note:
    """One note anchored to a passage.

    ``orphan`` is not stored: it says the passage was not found in the current
    text, in which case ``anchor`` is the anchor as it was last saved.
    """

    id: str
    created: str
    updated: str
    section_id: str
    anchor: Anchor
    text: str
    tags: tuple[str, ...] = ()
    orphan: bool = field(default=False, compare=False)

    @property
    def quote(self) -> str:
        """The quoted passage."""
        return self.anchor.exact

    @property
    def shown_quote(self) -> str:
        """The quoted passage as the text shows it: ASCII ``,:;!?()`` by Han text full width (``发布以来，公司``).

        The characters just outside the quote decide its edges, as they do in the text.
        """
        from reader.text.linebreak import display_text

        selector = self.anchor.quote
        before, after = selector.prefix[-1:], selector.suffix[:1]
        shown = display_text(before + selector.exact + after)
        return shown[len(before) : len(shown) - len(after)]

    @property
    def start(self) -> int:
        """Start offset in the current text (the stored one for an orphan)."""
        return self.anchor.start

    @property
    def end(self) -> int:
        """End offset in the current text (the stored one for an orphan)."""
        return self.anchor.end

    def to_dict(self) -> dict[str, Any]:
        """Return the mapping written to the notes file."""
        return {
            "id": self.id,
            "created": self.created,
            "updated": self.updated,
            "section": self.section_id,
            "anchor": self.anchor.to_dict(),
            "text": self.text,
            "tags": list(self.tags),
        }

    @classmethod
    def from_dict(cls, data: Any) -> Note:
        """Parse one note mapping; ``ValueError`` with a short reason if it is malformed."""
        if not isinstance(data, dict):
            raise ValueError("a note must be a mapping")
        note_id = data.get("id")
        if not isinstance(note_id, str | int) or isinstance(note_id, bool) or not str(note_id).strip():
            raise ValueError("a note needs an 'id'")
        note_id = str(note_id)
        times = []
        for key in ("created", "updated"):
            value = data.get(key)
            if isinstance(value, datetime):  # hand-written, unquoted timestamps
                value = (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
            if not isinstance(value, str):
                raise ValueError(f"'{key}' must be an ISO 8601 time")
            try:
                parse_time(value)
            except ValueError as exc:
                raise ValueError(f"'{key}' is not an ISO 8601 time: {value!r}") from exc
            times.append(value)
        section = data.get("section", "")
        if section is None:
            section = ""
        if not isinstance(section, str):
            raise ValueError("'section' must be a string")
        text = data.get("text", "")
        if text is None:
            text = ""
        if not isinstance(text, str):
            raise ValueError("'text' must be a string")
        try:
            anchor = Anchor.from_dict(data.get("anchor"))
        except ValueError as exc:
            raise ValueError(str(exc)) from exc
        tags = data.get("tags")
        if tags is not None and (not isinstance(tags, list) or not all(isinstance(t, str) for t in tags)):
            raise ValueError("'tags' must be a list of strings")
        return cls(note_id, times[0], times[1], section, anchor, text, tuple(parse_tags(text)))


@dataclass
class NotesFile:
    """The parsed content of a notes file."""

    doc_id: str
    title: str
    hash: str
    notes: list[Note]

    def to_dict(self) -> dict[str, Any]:
        """Return the mapping written to disk."""
        return {
            "version": NOTES_VERSION,
            "document": {"id": self.doc_id, "title": self.title, "hash": self.hash},
            "notes": [note.to_dict() for note in self.notes],
        }
