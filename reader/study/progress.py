"""Which parts of a document have really been read. Pure: no UI imports.

The reading screen records the text that stayed on screen for at least
:data:`DWELL_SECONDS` as *seen* ranges of code-point offsets (``seen`` in
``state.yaml``). A section is read once :data:`READ_SHARE` of its text has
been seen; a section that fits on one screen is read after it has been on
screen that long. Jumping past text (``G``, ``]``) reads nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reader.storage.state import merge_spans as merge

if TYPE_CHECKING:
    from reader.text.document import Document, Section

#: Seconds text must stay on screen to count as seen.
DWELL_SECONDS = 2.0
#: Share of a section's text that must have been seen for it to count as read.
READ_SHARE = 0.8

Span = tuple[int, int]

__all__ = ["DWELL_SECONDS", "READ_SHARE", "covered", "merge", "read_sections", "seen_share"]


def covered(spans: Sequence[Span], start: int, end: int) -> int:
    """Offsets of ``[start, end)`` inside the merged ``spans``."""
    return sum(max(0, min(end, b) - max(start, a)) for a, b in spans)


def seen_share(section: Section, spans: Sequence[Span]) -> float:
    """Share (0 to 1) of ``section``'s text that has been seen."""
    length = section.end - section.start
    if length <= 0:
        return 0.0
    return covered(spans, section.start, section.end) / length


def read_sections(doc: Document, spans: Sequence[Span]) -> list[str]:
    """Ids of the sections of ``doc`` that count as read, in document order."""
    return [s.id for s in doc.sections if seen_share(s, spans) >= READ_SHARE]
