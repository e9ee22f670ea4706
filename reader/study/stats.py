"""Progress you can see: reviews per day, cards due, retention, reading progress, HSK vocabulary.

This module works the figures out; :mod:`reader.study.stats_text` renders them as text.

Pure: no UI imports. Every function takes ``now`` (UTC-aware) so results are
reproducible; "today" and "per day" use the local calendar unless ``tz`` is
given. Reading progress comes from the lead's ``READER_HOME/state.yaml``::

    version: 1
    documents:
      article: {offset: 120, furthest: 560, sections_read: [s1, s2], updated: '...'}

which is read tolerantly: an absent or unreadable file means "nothing read yet".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from reader.study.deck import Card, Deck
from reader.study.review import local_day

if TYPE_CHECKING:
    from reader.text.document import Document
    from reader.text.tokens import Token

DAYS = 30


@dataclass(frozen=True)
class SectionProgress:
    """How much of one section has been read (``fraction`` from 0 to 1)."""

    id: str
    title: str
    fraction: float
    read: bool


@dataclass(frozen=True)
class DocumentRead:
    """One document of the reading state: how many sections are read, and when it was last open."""

    doc_id: str
    sections_read: int
    updated: str  # the day (YYYY-MM-DD) it was last read, or ""
    title: str = ""
    sections: int | None = None  # how many sections it has, when the document is at hand


@dataclass(frozen=True)
class Stats:
    """Everything the Stats screen and ``reader stats`` show."""

    now: datetime
    scope: str
    cards: int
    new_cards: int
    reviews_per_day: tuple[int, ...]
    due_today: int
    due_week: int
    retention: float | None
    reviews_total: int
    doc_title: str = ""
    sections: tuple[SectionProgress, ...] = ()
    hsk: tuple[tuple[str, int], ...] = ()
    documents: tuple[DocumentRead, ...] = ()

    @property
    def reviews_recent(self) -> int:
        """Reviews over the window of ``reviews_per_day``."""
        return sum(self.reviews_per_day)


def reviews_per_day(cards: Iterable[Card], now: datetime, days: int = DAYS, tz: tzinfo | None = None) -> list[int]:
    """Count answers per calendar day over the last ``days`` days, oldest first, today last."""
    today = local_day(now, tz)
    counts = [0] * days
    for card in cards:
        for review in card.reviews:
            back = (today.date() - local_day(review.time, tz).date()).days
            if 0 <= back < days:
                counts[days - 1 - back] += 1
    return counts


def due_counts(cards: Iterable[Card], now: datetime, tz: tzinfo | None = None) -> tuple[int, int]:
    """Return ``(due today, due within 7 days)`` among cards already studied (new cards wait apart)."""
    start = local_day(now, tz)
    tomorrow = start + timedelta(days=1)
    week = start + timedelta(days=7)
    today_count = week_count = 0
    for card in cards:
        if card.is_new:
            continue
        due = card.due
        if due < tomorrow:
            today_count += 1
        if due < week:
            week_count += 1
    return today_count, week_count


def retention(cards: Iterable[Card], now: datetime, days: int = DAYS) -> float | None:
    """Return the share of answers in the last ``days`` days that were not Again (``None`` if none)."""
    since = now - timedelta(days=days)
    ratings = [r.rating for c in cards for r in c.reviews if since <= r.time <= now]
    if not ratings:
        return None
    return sum(1 for r in ratings if r != 1) / len(ratings)


def _state_documents() -> Mapping[str, Any]:
    """The reading state's entries by document id; ``{}`` when absent or unreadable."""
    from reader.storage.state import ReadingState

    return ReadingState().documents


def documents_read(state: Mapping[str, Any] | None = None) -> list[DocumentRead]:
    """Every document in the reading state (``state``: its ``documents`` mapping), last read first."""
    documents = _state_documents() if state is None else state
    rows = []
    for doc_id, entry in documents.items():
        if not isinstance(entry, dict):
            continue
        done = entry.get("sections_read")
        updated = entry.get("updated")
        day = updated[:10] if isinstance(updated, str) else ""
        rows.append(DocumentRead(str(doc_id), len(done) if isinstance(done, list) else 0, day))
    return sorted(rows, key=lambda row: row.updated, reverse=True)


def read_reading_state(doc_id: str) -> Mapping[str, Any]:
    """Return the lead's reading state of one document, or ``{}`` when absent or unreadable."""
    entry = _state_documents().get(doc_id)
    return entry if isinstance(entry, dict) else {}


def reading_progress(doc: Document, state: Mapping[str, Any] | None = None) -> list[SectionProgress]:
    """Return per-section progress: the share of each section's text really seen (``seen`` ranges).

    A section is read when :data:`reader.study.progress.READ_SHARE` of it was
    seen, so a section shows 100% only when all of it was on screen, and the
    sections marked read are the ones counted read. A state written before
    ``seen`` existed counts its ``sections_read`` and nothing else (its
    ``furthest`` said where the cursor went, not what was read).
    """
    from reader.study.progress import READ_SHARE, merge, seen_share

    entry = read_reading_state(doc.id) if state is None else state
    seen = entry.get("seen")
    rows = []
    if isinstance(seen, list):
        spans = merge(s for s in seen if isinstance(s, list) and all(isinstance(v, int) for v in s))
        for section in doc.sections:
            fraction = seen_share(section, spans)
            rows.append(SectionProgress(section.id, section.heading, fraction, fraction >= READ_SHARE))
        return rows
    done = entry.get("sections_read") or []
    done_ids = {str(s) for s in done} if isinstance(done, list) else set()
    for section in doc.sections:
        read = section.id in done_ids
        rows.append(SectionProgress(section.id, section.heading, 1.0 if read else 0.0, read))
    return rows


def hsk_vocabulary(doc: Document, tokens: Sequence[Token] | None = None) -> list[tuple[str, int]]:
    """Return the document's distinct words by HSK level: ``[(label, count), ...]``.

    ``tokens`` are the document's tokens when the caller has them (the reading
    screen does); otherwise they come from ``reader.text.annotate`` with the
    document's glossary. Each
    distinct Han word is graded once by ``reader.text.hsk.difficulty_profile``
    (HSK 3.0, standard 2021; levels 1–6, the 7–9 band, and words beyond HSK).
    Both modules are imported here, lazily: the language stack is slow to load.
    """
    from reader.text.hsk import difficulty_profile

    if tokens is None:
        from reader.text.annotate import annotate_document
        from reader.text.glossary import glossary_for

        tokens = annotate_document(doc, glossary_for(doc.path))
    distinct = list({t.text: t for t in tokens if t.kind == "han"}.values())
    return profile_rows(difficulty_profile(distinct), len(distinct))


def profile_rows(profile: Mapping[int | str, float], total: int) -> list[tuple[str, int]]:
    """Turn a difficulty profile (share per level) of ``total`` words into ``(label, count)`` rows."""
    rows: list[tuple[str, int]] = []
    for level, share in profile.items():
        if isinstance(level, int):
            name = f"HSK {level}" if level < 7 else "HSK 7-9"
        else:
            name = "beyond HSK"
        rows.append((name, round(share * total)))
    return rows


def collect_stats(
    deck: Deck,
    now: datetime,
    doc: Document | None = None,
    *,
    doc_cards_only: bool = False,
    tz: tzinfo | None = None,
    hsk: Sequence[tuple[str, int]] | None = None,
    reading_state: Mapping[str, Any] | None = None,
) -> Stats:
    """Gather the stats: deck-wide review figures (one document's with ``doc_cards_only``).

    With a ``doc``, reading progress per section and HSK vocabulary are added;
    ``hsk`` and ``reading_state`` may be given to skip the language stack or the
    state file (tests, or a caller that already has them).
    """
    cards = deck.cards_for(doc.id if doc is not None and doc_cards_only else None)
    today, week = due_counts(cards, now, tz)
    scope = f"cards of {doc.id}" if doc is not None and doc_cards_only else "all cards"
    sections: tuple[SectionProgress, ...] = ()
    vocabulary: tuple[tuple[str, int], ...] = ()
    if doc is not None:
        sections = tuple(reading_progress(doc, reading_state))
        vocabulary = tuple(hsk) if hsk is not None else tuple(hsk_vocabulary(doc))
    return Stats(
        now=now,
        scope=scope,
        cards=len(cards),
        new_cards=sum(1 for c in cards if c.is_new),
        reviews_per_day=tuple(reviews_per_day(cards, now, tz=tz)),
        due_today=today,
        due_week=week,
        retention=retention(cards, now),
        reviews_total=sum(len(c.reviews) for c in cards),
        doc_title=doc.title if doc is not None else "",
        sections=sections,
        hsk=vocabulary,
    )
