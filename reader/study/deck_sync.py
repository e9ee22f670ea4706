"""The deck's cards held in memory, kept in step with ``deck.yaml`` and ``reviews.yaml``.

:class:`SyncedDeck` is the base of :class:`reader.study.deck.Deck`: it holds
the cards and, for every change, takes the lock, reads what other instances
appended since the last read (only the new lines, unless a file was replaced),
merges their cards into the objects held here, applies the change and writes
only what it changed: a line appended, or the whole file rewritten atomically
when the deck is small or mostly replaced lines. A write that fails leaves the
change in memory, written with the next one. A card's answers in the review
log are decoded only when first asked for. The file format is
:mod:`reader.study.deck_file`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

from reader.errors import DataFileError, write_error
from reader.study.card import Card, ReviewEntry
from reader.study.deck_file import (
    CARDS_HEADER,
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

__all__ = ["SyncedDeck"]

_T = TypeVar("_T")

#: Decks of up to this many cards are rewritten whole on every change (it costs well under a millisecond).
_REWRITE_UP_TO = 200
#: Replaced lines allowed beyond the live ones before ``deck.yaml`` is compacted.
_SLACK = 100


class SyncedDeck:
    """Cards held in memory and kept in step with the deck's two files (see the module docstring).

    Card objects stay valid across re-reads: when another instance changed the
    file, the cards held here are updated in place.
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
