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

The card model lives in :mod:`reader.study.card` and the file format in
:mod:`reader.study.deck_file`; their public names are re-exported here, so
``from reader.study.deck import Card, file_lock`` keeps working.

``fsrs`` is imported only when a card is created or reviewed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from reader.errors import DataFileError, ReaderError, write_error
from reader.storage.paths import deck_path
from reader.study.card import RATING_NAMES, Card, Context, ReviewEntry, as_utc, card_id_for, utc_now
from reader.study.deck_file import (
    CARDS_HEADER,
    DECK_VERSION,
    REVIEWS_HEADER,
    Tail,
    append_lines,
    card_line,
    cards_from,
    decode_reviews,
    file_lock,
    group_reviews,
    migrate_v1,
    read_new,
    review_line,
    reviews_path_for,
    write_whole,
)

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

    def __init__(self, path: Path, cards: list[Card] | None = None) -> None:
        self.path = path
        self.reviews_path = reviews_path_for(path)
        self._cards: dict[str, Card] = {c.id: c for c in cards or []}
        self._cards_tail = Tail()
        self._reviews_tail = Tail()
        #: Review-log lines read but not yet sorted by card, and those sorted (until a card decodes its own).
        self._ungrouped: list[str] = []
        self._groups: dict[str, list[str]] = {}
        #: Lines in ``deck.yaml`` (live cards plus replaced ones), to know when to compact.
        self._lines = 0
        #: Cards changed in memory whose write failed, with how many of their answers are on disk:
        #: written (line and new answers) with the next change.
        self._unsaved: dict[str, tuple[Card, int]] = {}

    @property
    def unsaved(self) -> int:
        """How many cards hold changes in memory because writing them failed."""
        return len(self._unsaved)

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

    # -- file --------------------------------------------------------------

    def _change(self, apply: Callable[[], _T], touches: Callable[[], list[str]]) -> _T:
        """Under the lock: take in other instances' lines, apply the change, write what it changed.

        ``touches()`` names the cards the change may alter (asked after the
        re-read). A card whose line would read the same is not written again;
        answers added to a card's reviews go to the review log.
        """
        before: dict[str, tuple[bytes, int]] = {}
        ids: list[str] = []
        try:
            with file_lock(self.path):
                self._refresh()
                ids = touches()
                before = {cid: (card_line(c), len(c.reviews)) for cid in ids if (c := self._cards.get(cid)) is not None}
                for cid, (held, _) in self._unsaved.items():  # another copy's write must not undo ours
                    self._cards[cid] = held
                result = apply()
                for cid, (_, on_disk) in self._unsaved.items():  # a failed write's cards: their line and new answers
                    before[cid] = (b"", on_disk)
                    if cid not in ids:
                        ids = [*ids, cid]
                lines: list[bytes] = []
                answers: list[bytes] = []
                for cid in ids:
                    card = self._cards.get(cid)
                    if card is None:
                        continue
                    line = card_line(card)
                    old = before.get(cid)
                    if old is None or old[0] != line:
                        lines.append(line)
                    if old is not None and len(card.reviews) > old[1]:
                        answers.extend(review_line(cid, r) for r in card.reviews[old[1] :])
                    elif old is None and card.reviews:
                        answers.extend(review_line(cid, r) for r in card.reviews)
                if answers:
                    append_lines(self.reviews_path, REVIEWS_HEADER, b"".join(answers), self._reviews_tail)
                if lines:
                    self._write_cards(lines)
                self._unsaved.clear()
                return result
        except DataFileError:
            raise
        except OSError as exc:
            # Not saved: the change stays in memory (what the user sees) and is written with the next change.
            for cid in ids:
                if cid in self._cards:  # a new card has no answers on disk
                    answered = (
                        self._unsaved[cid][1] if cid in self._unsaved else (before[cid][1] if cid in before else 0)
                    )
                    self._unsaved[cid] = (self._cards[cid], answered)
            raise write_error(self.path, exc) from exc

    def _write_cards(self, lines: list[bytes]) -> None:
        """Append the changed cards' lines, or rewrite the file when that keeps it small."""
        live = len(self._cards)
        if live <= _REWRITE_UP_TO or self._lines + len(lines) > 2 * live + _SLACK:
            write_whole(self.path, CARDS_HEADER, b"".join(card_line(c) for c in self._cards.values()), self._cards_tail)
            self._lines = live
        else:
            append_lines(self.path, CARDS_HEADER, b"".join(lines), self._cards_tail)
            self._lines += len(lines)

    def _refresh(self) -> None:
        """Take in what other instances wrote since the last read (only the new lines when the files grew)."""
        try:
            migrate_v1(self.path)
        except OSError:  # a version-1 deck in a folder that cannot be written: read it as it is
            from reader.study.deck_file import parse_cards

            self._absorb(parse_cards(self.path.read_bytes(), self.path), replace=True)
            return
        got = read_new(self.path, self._cards_tail)
        if got is not None:
            values, whole = got
            fresh = cards_from(values, self.path)
            if whole:
                self._lines = len(values)
                self._absorb(list(fresh.values()), replace=True)
            elif fresh:
                self._lines += len(values)
                self._absorb(list(fresh.values()), replace=False)
        elif self._cards_tail.offset:
            self._cards_tail = Tail()
            self._absorb([], replace=True)
        got = read_new(self.reviews_path, self._reviews_tail, decode=False)
        if got is not None:
            lines, whole = got
            if whole:
                # Each card's answers are grouped and decoded when first asked for: a year's
                # log (100,000 lines) costs nothing until the study screen or the stats need it.
                self._ungrouped = lines
                self._groups = {}
                for card in self._cards.values():
                    card.defer_reviews(partial(self._answers_of, card.id))
            elif lines:
                self._group_pending()
                for cid, group in group_reviews(lines, self.reviews_path).items():
                    answered = self._cards.get(cid)
                    if answered is not None and "_pending_reviews" not in answered.__dict__:
                        answered.reviews.extend(decode_reviews(group, self.reviews_path))
                    else:
                        self._groups.setdefault(cid, []).extend(group)

    def _group_pending(self) -> None:
        """Sort the review lines read but not yet looked at by card."""
        if self._ungrouped:
            fresh = group_reviews(self._ungrouped, self.reviews_path)
            self._ungrouped = []
            for cid, group in self._groups.items():
                fresh.setdefault(cid, []).extend(group)
            self._groups = fresh

    def _answers_of(self, card_id: str) -> list[ReviewEntry]:
        """The answers of one card from the review log (decoded once, on first use)."""
        self._group_pending()
        group = self._groups.pop(card_id, None)
        return decode_reviews(group, self.reviews_path) if group else []

    def _absorb(self, disk: list[Card], *, replace: bool) -> None:
        """Take ``disk``'s cards in, updating held objects in place (all of them, with ``replace``).

        Reviews are not in the cards file: a held card keeps its own until the
        review log is read.
        """
        if replace and not self._cards:  # the first read: nothing held
            self._cards = {card.id: card for card in disk}
            return
        merged: dict[str, Card] = {} if replace else self._cards
        for fresh in disk:
            held = self._cards.get(fresh.id)
            if held is not None:
                pending = held.__dict__.get("_pending_reviews")
                reviews = held.__dict__.get("reviews", [])
                held.__dict__.update(fresh.__dict__)
                if pending is not None:  # still undecoded: left so
                    held.defer_reviews(pending)
                else:
                    held.__dict__["reviews"] = reviews
                merged[fresh.id] = held
            else:
                # Its answers may have been read before the card (written by another instance).
                fresh.defer_reviews(partial(self._answers_of, fresh.id))
                merged[fresh.id] = fresh
        self._cards = merged


#: Decks of up to this many cards are rewritten whole on every change (it costs well under a millisecond).
_REWRITE_UP_TO = 200
#: Replaced lines allowed beyond the live ones before ``deck.yaml`` is compacted.
_SLACK = 100


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
