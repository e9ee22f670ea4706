"""The study deck: one card per saved word of a document, kept in ``READER_HOME/deck.yaml``.

The file is plain YAML that a person can read::

    version: 1
    cards:
    - id: 3f1c0a9e2b7d
      word: 训练
      syllables: [xun4, lian4]
      meaning: to train
      explanation: ''
      doc_id: article
      created: '2025-01-02T03:04:05+00:00'
      contexts:
      - {sentence: 模型的训练需要数据。, start: 3, end: 5}
      fsrs: {card_id: ..., state: 1, step: 0, stability: null, difficulty: null, due: ..., last_review: null}
      reviews:
      - {time: ..., rating: 3, elapsed: 0.0, duration: 4.2}

Rules:

* a card's id is stable: it comes from ``doc_id`` and ``word``, so saving the same
  word twice never makes a second card; the new context sentence is added instead;
* every change is written at once, atomically (temp file, fsync, rename);
* a file that cannot be read is never overwritten: :func:`load_deck` raises
  :class:`~reader.errors.DataFileError` and nothing writes to it;
* two instances may write the deck: before every write the file is re-read under
  a lock, and if another instance changed it, its cards are taken in first and
  the change is applied on top (an operation merge, so nothing is lost).

The card model lives in :mod:`reader.study.card` and the file format, change
detection and locking in :mod:`reader.study.deck_file`; their public names are
re-exported here, so ``from reader.study.deck import Card, file_lock`` keeps working.

``fsrs`` is imported only when a card is created or reviewed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from reader.errors import ReaderError, write_error
from reader.storage.atomic import atomic_write_text
from reader.storage.paths import deck_path
from reader.storage.yamlio import dump_yaml, read_bytes_or_none
from reader.study.card import RATING_NAMES, Card, Context, ReviewEntry, as_utc, card_id_for, utc_now
from reader.study.deck_file import DECK_VERSION, digest, file_lock, parse_deck

if TYPE_CHECKING:
    from fsrs import Scheduler

__all__ = [
    "DECK_VERSION",
    "RATING_NAMES",
    "Card",
    "Context",
    "Deck",
    "ReviewEntry",
    "card_id_for",
    "file_lock",
    "load_deck",
    "utc_now",
]

_T = TypeVar("_T")


class Deck:
    """All cards, loaded from and saved to one YAML file.

    Use :func:`load_deck`. Card objects stay valid across re-reads: when another
    instance changed the file, the cards held here are updated in place.
    """

    def __init__(
        self,
        path: Path,
        cards: list[Card] | None = None,
        signature: str | None = None,
        extra: dict[str, object] | None = None,
    ) -> None:
        self.path = path
        #: Top-level keys of the file that this version does not know: written back as they were.
        self._extra: dict[str, object] = dict(extra or {})
        self._cards: dict[str, Card] = {c.id: c for c in cards or []}
        self._signature = signature
        #: Changes made in memory whose write failed; re-applied and written with the next change.
        self._pending: list[Callable[[], object]] = []

    @property
    def unsaved(self) -> int:
        """How many changes are held in memory because writing them failed."""
        return len(self._pending)

    # -- queries ---------------------------------------------------------

    @property
    def cards(self) -> list[Card]:
        """Every card, in the order they were saved."""
        return list(self._cards.values())

    def __len__(self) -> int:
        return len(self._cards)

    def get(self, card_id: str) -> Card | None:
        """Return the card with this id, if any."""
        return self._cards.get(card_id)

    def find(self, doc_id: str, word: str) -> Card | None:
        """Return the card of ``word`` saved from ``doc_id``, if any."""
        return self._cards.get(card_id_for(doc_id, word))

    def cards_for(self, doc_id: str | None) -> list[Card]:
        """Return the cards saved from one document (every card for ``None``)."""
        return [c for c in self._cards.values() if doc_id is None or c.doc_id == doc_id]

    def words(self, doc_id: str | None = None) -> set[str]:
        """Return the saved words (of one document, or all)."""
        return {c.word for c in self.cards_for(doc_id)}

    def has_word(self, word: str) -> bool:
        """Tell whether ``word`` is saved from any document."""
        return any(c.word == word for c in self._cards.values())

    # -- changes ---------------------------------------------------------

    def save_word(
        self,
        doc_id: str,
        word: str,
        syllables: tuple[str, ...] | list[str],
        meaning: str,
        sentence: str,
        start: int,
        end: int,
        explanation: str = "",
        *,
        now: datetime | None = None,
    ) -> Card:
        """Save ``word`` with the sentence it was read in, and write the deck at once.

        A word saved before from the same document keeps its card and its schedule;
        the sentence is added to its contexts if it is new, and an empty meaning or
        explanation is filled in.
        """
        if not word:
            raise ReaderError("cannot save an empty word")
        context = Context(sentence, start, end)
        when = as_utc(now) if now is not None else utc_now()
        cid = card_id_for(doc_id, word)

        def apply() -> Card:
            card = self._cards.get(cid)
            if card is None:
                card = Card(
                    id=cid,
                    word=word,
                    syllables=tuple(syllables),
                    meaning=meaning,
                    doc_id=doc_id,
                    contexts=[context] if sentence else [],
                    explanation=explanation,
                    created=when,
                )
                card.fsrs = dict(card.fsrs_card().to_dict())
                self._cards[cid] = card
                return card
            if sentence and context not in card.contexts:
                card.contexts.append(context)
            if meaning and not card.meaning:
                card.meaning = meaning
            if explanation and not card.explanation:
                card.explanation = explanation
            if syllables and not card.syllables:
                card.syllables = tuple(syllables)
            return card

        return self._change(apply)

    def set_meaning(self, word: str, meaning: str, doc_id: str | None) -> int:
        """Give the cards of ``word`` (saved from ``doc_id``, or from any document) a new meaning; returns how many.

        The learner chose or wrote this meaning in the pop-up: cards follow it.
        The deck is written only when a card changed.
        """

        def apply() -> int:
            changed = 0
            for card in self._cards.values():
                if card.word == word and (doc_id is None or card.doc_id == doc_id) and card.meaning != meaning:
                    card.meaning = meaning
                    changed += 1
            return changed

        if not any(c.word == word and (doc_id is None or c.doc_id == doc_id) for c in self._cards.values()):
            return 0
        return self._change(apply)

    def record_review(
        self,
        card_id: str,
        rating: int,
        *,
        now: datetime | None = None,
        duration: float | None = None,
        scheduler: Scheduler | None = None,
    ) -> Card:
        """Answer a card with ``rating`` (1 Again … 4 Easy), reschedule it with FSRS and write the deck.

        The review is applied to the card as it is on disk, so a review made by
        another instance in the meantime is built upon, not lost.
        """
        if rating not in RATING_NAMES:
            raise ReaderError(f"rating must be 1-4, not {rating!r}")
        from fsrs import Rating
        from fsrs import Scheduler as FsrsScheduler

        when = as_utc(now) if now is not None else utc_now()
        sched = scheduler if scheduler is not None else FsrsScheduler()

        def apply() -> Card:
            card = self._cards.get(card_id)
            if card is None:
                raise ReaderError(f"no card {card_id} in the deck (was it deleted?)")
            previous = card.last_review
            elapsed = max(0.0, (when - previous).total_seconds() / 86400) if previous else 0.0
            millis = int(duration * 1000) if duration is not None else None
            updated, _log = sched.review_card(card.fsrs_card(), Rating(rating), when, millis)
            card.fsrs = dict(updated.to_dict())
            card.reviews.append(
                ReviewEntry(
                    time=when,
                    rating=rating,
                    elapsed=round(elapsed, 4),
                    duration=round(duration, 2) if duration is not None else None,
                )
            )
            return card

        return self._change(apply)

    # -- file --------------------------------------------------------------

    def _change(self, apply: Callable[[], _T]) -> _T:
        """Under the lock: re-read if the file changed, apply the change, write."""
        try:
            with file_lock(self.path):
                if self._refresh():
                    for pending in self._pending:  # the file changed under us: redo what it lacks
                        pending()
                result = apply()
                cards = [c.to_dict() for c in self._cards.values()]
                text = dump_yaml({"version": DECK_VERSION, "cards": cards, **self._extra})
                atomic_write_text(self.path, text)
                self._signature = digest(text.encode("utf-8"))
                self._pending.clear()
                return result
        except OSError as exc:
            # Not saved: the change stays in memory (what the user sees) and is written
            # with the next change, re-applied if the file changed meanwhile.
            self._pending.append(apply)
            raise write_error(self.path, exc) from exc

    def _refresh(self) -> bool:
        """Re-read the file if it changed since we read or wrote it; True when it did."""
        raw = read_bytes_or_none(self.path)
        signature = digest(raw) if raw is not None else None
        if signature == self._signature:
            return False
        disk, extra = parse_deck(raw, self.path) if raw is not None else ([], {})
        self._extra = extra
        self._absorb(disk)
        self._signature = signature
        return True

    def _absorb(self, disk: list[Card]) -> None:
        """Make the in-memory cards equal to ``disk``, updating held objects in place."""
        merged: dict[str, Card] = {}
        for fresh in disk:
            held = self._cards.get(fresh.id)
            if held is not None:
                held.__dict__.update(fresh.__dict__)
                merged[fresh.id] = held
            else:
                merged[fresh.id] = fresh
        self._cards = merged


def load_deck(path: Path | None = None) -> Deck:
    """Read the deck (``deck_path()`` by default); an absent file is an empty deck.

    Raises :class:`~reader.errors.DataFileError` for a file that cannot be read;
    the file is left alone.
    """
    target = path if path is not None else deck_path()
    raw = read_bytes_or_none(target)
    if raw is None:
        return Deck(target)
    cards, extra = parse_deck(raw, target)
    return Deck(target, cards, digest(raw), extra)
