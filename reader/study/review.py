"""Review sessions over the deck (the section drill is :mod:`reader.study.drill`). Pure: no UI imports.

A :class:`ReviewSession` is a queue of the cards due now: cards already in
review first (earliest due first), then new cards up to the daily limit. Each
answer is scheduled with FSRS and written to the deck at once, so stopping the
program at any moment loses at most the card on screen. Cards answered
"Again" come back before the session ends (their next step is minutes away).

Cards are shown in two directions: *recognition* (the word inside its sentence)
and *reverse* (the word blanked out as a cloze, the meaning shown). With
``directions="both"`` a card alternates between them from one review to the
next, and its context sentences take turns too.

The time comes from a ``clock`` callable returning UTC-aware datetimes, so that
tests can fix it. The "day" of the daily new-card limit is the local calendar
day unless a ``tz`` is given.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Literal

from reader.study.deck import Card, Context, Deck, utc_now

if TYPE_CHECKING:
    from fsrs import Scheduler


Clock = Callable[[], datetime]
Direction = Literal["recognition", "reverse"]
Directions = Literal["both", "recognition", "reverse"]

#: Cards whose next step falls within this span come back in the same session.
LEARN_AHEAD = timedelta(minutes=5)


def local_day(moment: datetime, tz: tzinfo | None = None) -> datetime:
    """Return the start of the calendar day holding ``moment`` in ``tz`` (local time if ``None``)."""
    local = moment.astimezone(tz)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def new_cards_started(deck: Deck, now: datetime, tz: tzinfo | None = None) -> int:
    """Count the cards of the whole deck whose first review fell on ``now``'s day."""
    today = local_day(now, tz)
    return sum(1 for c in deck.cards if c.reviews and local_day(c.reviews[0].time, tz) == today)


@dataclass(frozen=True)
class ReviewItem:
    """A card as it is asked: its direction and the context sentence to show."""

    card: Card
    direction: Direction
    context: Context | None
    is_new: bool


@dataclass(frozen=True)
class Summary:
    """The end-of-session summary."""

    reviewed: int
    again: int
    new: int
    time_spent: timedelta
    next_due: datetime | None

    @property
    def accuracy(self) -> float | None:
        """Share of answers that were not Again (``None`` before any answer)."""
        return (self.reviewed - self.again) / self.reviewed if self.reviewed else None


def direction_for(card: Card, directions: Directions = "both") -> Direction:
    """Return the direction a card is asked in: alternating with its review count for ``"both"``."""
    if directions != "both":
        return directions
    return "recognition" if len(card.reviews) % 2 == 0 else "reverse"


def context_for(card: Card) -> Context | None:
    """Return the context sentence to show: the sentences take turns from one review to the next."""
    if not card.contexts:
        return None
    return card.contexts[len(card.reviews) % len(card.contexts)]


class ReviewSession:
    """A queue of due cards and the answers given to them.

    ``doc_id`` restricts the session to one document's cards. ``limit_new`` is the
    daily new-card limit (``study.new_cards_per_day`` in the config by default); new cards already
    started today, in any document, count against it.
    """

    def __init__(
        self,
        deck: Deck,
        *,
        doc_id: str | None = None,
        clock: Clock = utc_now,
        limit_new: int | None = None,
        directions: Directions = "both",
        scheduler: Scheduler | None = None,
        tz: tzinfo | None = None,
        learn_ahead: timedelta = LEARN_AHEAD,
    ) -> None:
        self.deck = deck
        self.doc_id = doc_id
        self.clock = clock
        self.directions: Directions = directions
        self.scheduler = scheduler
        self.tz = tz
        self.learn_ahead = learn_ahead
        if limit_new is None:
            from reader.storage.config import load_study_settings

            limit_new = load_study_settings().new_cards_per_day
        self.limit_new = max(0, limit_new)
        self.started = clock()
        self._last_answer: datetime | None = None
        self._shown_at = self.started
        self._answers: list[tuple[str, int, bool]] = []
        self._queue: list[ReviewItem] = self._build_queue(self.started)

    # -- the queue -------------------------------------------------------

    def _build_queue(self, now: datetime) -> list[ReviewItem]:
        cards = self.deck.cards_for(self.doc_id)
        horizon = now + self.learn_ahead
        due = sorted((c for c in cards if not c.is_new and c.due <= horizon), key=lambda c: c.due)
        allowance = max(0, self.limit_new - new_cards_started(self.deck, now, self.tz))
        fresh = sorted((c for c in cards if c.is_new), key=lambda c: c.created)[:allowance]
        return [self._item(c) for c in due] + [self._item(c) for c in fresh]

    def _item(self, card: Card, direction: Direction | None = None) -> ReviewItem:
        return ReviewItem(card, direction or direction_for(card, self.directions), context_for(card), card.is_new)

    @property
    def current(self) -> ReviewItem | None:
        """The card on screen, or ``None`` when the session is over."""
        return self._queue[0] if self._queue else None

    @property
    def remaining(self) -> int:
        """Cards left in the queue, the current one included."""
        return len(self._queue)

    @property
    def remaining_new(self) -> int:
        """New cards left in the queue."""
        return sum(1 for item in self._queue if item.is_new)

    @property
    def remaining_review(self) -> int:
        """Cards in review or relearning left in the queue."""
        return self.remaining - self.remaining_new

    @property
    def done(self) -> bool:
        """True when no card is left."""
        return not self._queue

    @property
    def reviewed(self) -> int:
        """Answers given so far."""
        return len(self._answers)

    def show(self) -> None:
        """Note that the current card is on screen now (for the time spent on it)."""
        self._shown_at = self.clock()

    # -- answers -----------------------------------------------------------

    def answer(self, card: Card, rating: int) -> Card:
        """Rate ``card`` (1 Again, 2 Hard, 3 Good, 4 Easy): reschedule, save the deck, move on.

        Returns the updated card. A card whose next step is within
        ``learn_ahead`` goes back to the end of the queue.
        """
        now = self.clock()
        position = next((i for i, item in enumerate(self._queue) if item.card.id == card.id), None)
        item = self._queue.pop(position) if position is not None else None
        was_new = card.is_new
        duration = max(0.0, (now - self._shown_at).total_seconds())
        try:
            updated = self.deck.record_review(card.id, rating, now=now, duration=duration, scheduler=self.scheduler)
        except BaseException:
            if item is not None and position is not None:
                self._queue.insert(position, item)
            raise
        self._answers.append((card.id, rating, was_new))
        self._last_answer = now
        if updated.due <= now + self.learn_ahead:
            direction = item.direction if item is not None else None
            self._queue.append(self._item(updated, direction))
        self._shown_at = now
        return updated

    def summary(self) -> Summary:
        """Return the summary of the answers given so far."""
        end = self._last_answer or self.started
        scope = self.deck.cards_for(self.doc_id)
        upcoming = [c.due for c in scope if not c.is_new]
        if self._queue:
            upcoming.append(self.clock())
        return Summary(
            reviewed=len(self._answers),
            again=sum(1 for _, rating, _ in self._answers if rating == 1),
            new=len({cid for cid, _, was_new in self._answers if was_new}),
            time_spent=end - self.started,
            next_due=min(upcoming) if upcoming else None,
        )
