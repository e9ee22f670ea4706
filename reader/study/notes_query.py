"""Views over a list of notes: grouped by section, counted, orphans, spans, file order.

Pure functions used by the notes pane, the outline and the text view to show
notes, and by the :class:`~reader.study.notes.NoteStore` to order the notes it
writes. Anchored notes come in text order; orphans (passage no longer found)
are kept apart, oldest first.

Pure module: no UI imports.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.study.notes_model import Note


def group_by_section(notes: Iterable[Note]) -> dict[str, list[Note]]:
    """Anchored notes keyed by section id, each list in text order (orphans left out)."""
    groups: dict[str, list[Note]] = {}
    for note in sorted((n for n in notes if not n.orphan), key=lambda n: (n.start, n.end, n.created)):
        groups.setdefault(note.section_id, []).append(note)
    return groups


def count_by_section(notes: Iterable[Note]) -> dict[str, int]:
    """How many anchored notes each section has."""
    return {sid: len(items) for sid, items in group_by_section(notes).items()}


def orphans_of(notes: Iterable[Note]) -> list[Note]:
    """Return the notes whose passage was not found, oldest first."""
    return sorted((n for n in notes if n.orphan), key=lambda n: n.created)


def note_spans(notes: Iterable[Note]) -> list[tuple[int, int, str]]:
    """``(start, end, note_id)`` of every anchored note, in text order, for underlining."""
    return [(n.start, n.end, n.id) for n in sorted(notes, key=lambda n: (n.start, n.end)) if not n.orphan]


def file_order(notes: Iterable[Note]) -> list[Note]:
    """Sort notes in file order: anchored in text order, orphans after them."""
    items = list(notes)
    return sorted((n for n in items if not n.orphan), key=lambda n: (n.start, n.end, n.created)) + orphans_of(items)
