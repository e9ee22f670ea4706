"""The study deck: one card per saved word of a document, kept under ``READER_HOME``.

Two plain YAML files, one record a line (the layout is described in
:mod:`reader.study.deck_file`): ``deck.yaml`` holds the cards (word,
syllables, meaning, contexts, FSRS state) and ``reviews.yaml`` the review log,
append-only. A card looks like this (one line in the file)::

    - {"id": "3f1c0a9e2b7d", "word": "训练", "syllables": ["xun4", "lian4"], "meaning": "to train",
       "explanation": "", "doc_id": "article", "created": "2025-01-02T03:04:05+00:00",
       "contexts": [{"sentence": "模型的训练需要数据。", "start": 3, "end": 5}], "fsrs": {...}}

Rules:

* a card's id is stable: it comes from ``doc_id`` and ``word``, so saving the same
  word twice never makes a second card; the new context sentence is added instead;
* every change is written at once: one line appended to ``deck.yaml`` (and one to
  ``reviews.yaml`` for an answer), in one write, then fsync; a small deck, or one whose
  replaced lines outnumber the live ones, is rewritten whole, atomically (temp file,
  fsync, rename). A save costs the same with 10 cards or 10,000;
* a file that cannot be read is never overwritten: :func:`load_deck` raises
  :class:`~reader.errors.DataFileError` and nothing writes to it;
* two instances may write the deck: before every write the files are re-read under
  a lock (only the lines added since the last read, unless the file was replaced),
  and another instance's cards and answers are taken in first (an operation merge);
* a version-1 ``deck.yaml`` (one block-YAML file) is migrated on first open, its old
  text kept as ``deck.yaml.v1.bak``.

The card model lives in :mod:`reader.study.card`, the file format in
:mod:`reader.study.deck_file`, and keeping the cards held in memory in step
with the files (the lock, the re-read and merge, the writes) in
:mod:`reader.study.deck_sync`. The card model's public names, and the file
format's ``DECK_VERSION``, ``card_line`` and ``file_lock``, are re-exported
here, so ``from reader.study.deck import Card, file_lock`` keeps working.

``fsrs`` is imported only when a card is created or reviewed.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reader.errors import ReaderError
from reader.storage.paths import deck_path
from reader.study.card import RATING_NAMES, Card, Context, ReviewEntry, as_utc, card_id_for, utc_now
from reader.study.deck_file import DECK_VERSION, card_line, file_lock
from reader.study.deck_sync import SyncedDeck

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
    "card_line",
    "file_lock",
    "load_deck",
    "utc_now",
]


class Deck(SyncedDeck):
    """All cards, loaded from and saved to one YAML file.

    Use :func:`load_deck`. Card objects stay valid across re-reads: when another
    instance changed the file, the cards held here are updated in place
    (:class:`~reader.study.deck_sync.SyncedDeck`).
    """

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
        written: str = "",
    ) -> Card:
        """Save ``word`` with the sentence it was read in, and write the deck at once.

        A word saved before from the same document keeps its card and its schedule;
        the sentence is added to its contexts if it is new, and an empty meaning or
        explanation is filled in. ``written`` is the word as the document writes
        it, where that differs from ``word`` (a traditional document: see
        :attr:`Card.written`).
        """
        if not word:
            raise ReaderError("cannot save an empty word")
        context = Context(sentence, start, end)
        when = as_utc(now) if now is not None else utc_now()
        cid = card_id_for(doc_id, word)
        written = "" if written == word else written

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
                    written=written,
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
            if written and not card.written:
                card.written = written
            return card

        return self._change(apply, lambda: [cid])

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

        def touches() -> list[str]:
            return [c.id for c in self._cards.values() if c.word == word and (doc_id is None or c.doc_id == doc_id)]

        if not touches():
            return 0
        return self._change(apply, touches)

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

        return self._change(apply, lambda: [card_id])


def load_deck(path: Path | None = None) -> Deck:
    """Read the deck (``deck_path()`` by default); an absent file is an empty deck.

    Raises :class:`~reader.errors.DataFileError` for a file that cannot be read;
    the file is left alone.
    """
    target = path if path is not None else deck_path()
    deck = Deck(target)
    if target.exists() or deck.reviews_path.exists():
        from reader.study import deck_cache

        covered = 0
        # A load makes tens of thousands of long-lived objects and no garbage: the
        # collector would walk them again and again (a third of the time).
        with deck_cache.collector_paused():
            if not _is_v2(target):
                with file_lock(target):
                    deck._refresh()  # migrates a version-1 file, under the lock
            else:
                covered = deck_cache.prime(deck)  # the cards parsed before, when the file still starts with them
                deck._refresh()
            deck_cache.refresh(deck, covered)
    return deck


def _is_v2(path: Path) -> bool:
    from reader.study.deck_file import is_version_2

    try:
        with open(path, "rb") as handle:
            return is_version_2(handle.read(64))
    except OSError:
        return True  # absent (or unreadable: the read reports it)
