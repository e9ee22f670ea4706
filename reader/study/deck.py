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

``fsrs`` is imported only when a card is created or reviewed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from reader.errors import DataFileError, ReaderError
from reader.storage.atomic import atomic_write_text
from reader.storage.paths import deck_path
from reader.storage.yamlio import dump_yaml, parse_yaml, read_bytes_or_none

if TYPE_CHECKING:
    from fsrs import Scheduler

DECK_VERSION = 1

_T = TypeVar("_T")

#: Ratings by number, as the keys 1–4 give them.
RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


def utc_now() -> datetime:
    """Return the current time, UTC-aware."""
    return datetime.now(UTC)


def card_id_for(doc_id: str, word: str) -> str:
    """Return the stable id of the card for ``word`` saved from document ``doc_id``."""
    return hashlib.sha1(f"{doc_id}\x1f{word}".encode()).hexdigest()[:12]


@dataclass(frozen=True)
class Context:
    """A sentence a word was saved from; ``start``/``end`` locate the word inside ``sentence``."""

    sentence: str
    start: int
    end: int

    @property
    def before(self) -> str:
        """The sentence text before the word."""
        return self.sentence[: self.start]

    @property
    def after(self) -> str:
        """The sentence text after the word."""
        return self.sentence[self.end :]


@dataclass(frozen=True)
class ReviewEntry:
    """One answer: when, the rating (1–4), days since the previous review, seconds on the card."""

    time: datetime
    rating: int
    elapsed: float
    duration: float | None = None


@dataclass
class Card:
    """A saved word with its contexts, its FSRS state and its review log."""

    id: str
    word: str
    syllables: tuple[str, ...]
    meaning: str
    doc_id: str
    contexts: list[Context] = field(default_factory=list)
    explanation: str = ""
    created: datetime = field(default_factory=utc_now)
    fsrs: dict[str, Any] = field(default_factory=dict)
    reviews: list[ReviewEntry] = field(default_factory=list)

    @property
    def is_new(self) -> bool:
        """True until the card has been answered once."""
        return not self.reviews

    @property
    def due(self) -> datetime:
        """When the card is due next (UTC-aware); a new card is due from its creation."""
        raw = self.fsrs.get("due")
        if isinstance(raw, str):
            try:
                return _aware(datetime.fromisoformat(raw))
            except ValueError:
                pass
        return self.created

    @property
    def last_review(self) -> datetime | None:
        """The time of the latest answer, if any."""
        return self.reviews[-1].time if self.reviews else None

    def context(self, index: int = -1) -> Context | None:
        """One context sentence (the latest by default), or ``None`` if there is none."""
        if not self.contexts:
            return None
        return self.contexts[index % len(self.contexts)]

    def fsrs_card(self) -> Any:
        """Return the card's state as an ``fsrs.Card``."""
        from fsrs import Card as FsrsCard

        if self.fsrs:
            return FsrsCard.from_dict(self.fsrs)  # type: ignore[arg-type]
        return FsrsCard(card_id=_fsrs_id(self.id), due=self.created)

    def to_dict(self) -> dict[str, Any]:
        """Return the card as a YAML-ready mapping."""
        return {
            "id": self.id,
            "word": self.word,
            "syllables": list(self.syllables),
            "meaning": self.meaning,
            "explanation": self.explanation,
            "doc_id": self.doc_id,
            "created": self.created.isoformat(),
            "contexts": [{"sentence": c.sentence, "start": c.start, "end": c.end} for c in self.contexts],
            "fsrs": dict(self.fsrs),
            "reviews": [
                {"time": r.time.isoformat(), "rating": r.rating, "elapsed": r.elapsed, "duration": r.duration}
                for r in self.reviews
            ],
        }

    @classmethod
    def from_dict(cls, data: Any) -> Card:
        """Build a card from its mapping; raises ``ValueError`` with a short reason."""
        if not isinstance(data, dict):
            raise ValueError("card is not a mapping")
        word = _req_str(data, "word")
        doc_id = _req_str(data, "doc_id")
        syllables = data.get("syllables") or []
        if not isinstance(syllables, list) or not all(isinstance(s, str) for s in syllables):
            raise ValueError(f"card {word!r}: syllables must be a list of strings")
        contexts = []
        for raw in data.get("contexts") or []:
            if not isinstance(raw, dict) or not isinstance(raw.get("sentence"), str):
                raise ValueError(f"card {word!r}: a context needs a sentence")
            start, end = raw.get("start", 0), raw.get("end", 0)
            if not isinstance(start, int) or not isinstance(end, int):
                raise ValueError(f"card {word!r}: context start/end must be integers")
            contexts.append(Context(raw["sentence"], start, end))
        fsrs_state = data.get("fsrs") or {}
        if not isinstance(fsrs_state, dict):
            raise ValueError(f"card {word!r}: fsrs must be a mapping")
        reviews = []
        for raw in data.get("reviews") or []:
            if not isinstance(raw, dict) or raw.get("rating") not in RATING_NAMES:
                raise ValueError(f"card {word!r}: a review needs a rating 1-4")
            duration = raw.get("duration")
            reviews.append(
                ReviewEntry(
                    time=_parse_time(raw.get("time"), word),
                    rating=int(raw["rating"]),
                    elapsed=float(raw.get("elapsed") or 0.0),
                    duration=float(duration) if isinstance(duration, int | float) else None,
                )
            )
        return cls(
            id=str(data.get("id") or card_id_for(doc_id, word)),
            word=word,
            syllables=tuple(syllables),
            meaning=str(data.get("meaning") or ""),
            doc_id=doc_id,
            contexts=contexts,
            explanation=str(data.get("explanation") or ""),
            created=_parse_time(data.get("created"), word),
            fsrs=dict(fsrs_state),
            reviews=reviews,
        )


class Deck:
    """All cards, loaded from and saved to one YAML file.

    Use :func:`load_deck`. Card objects stay valid across re-reads: when another
    instance changed the file, the cards held here are updated in place.
    """

    def __init__(self, path: Path, cards: list[Card] | None = None, signature: str | None = None) -> None:
        self.path = path
        self._cards: dict[str, Card] = {c.id: c for c in cards or []}
        self._signature = signature

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
        when = _aware(now) if now is not None else utc_now()
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

    def remove(self, card_id: str) -> bool:
        """Delete a card and write the deck; False if there was no such card."""

        def apply() -> bool:
            return self._cards.pop(card_id, None) is not None

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

        when = _aware(now) if now is not None else utc_now()
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

    def reload(self) -> None:
        """Take in the file's current content if it changed since it was read or written."""
        with file_lock(self.path):
            self._refresh()

    # -- file --------------------------------------------------------------

    def _change(self, apply: Callable[[], _T]) -> _T:
        """Under the lock: re-read if the file changed, apply the change, write."""
        with file_lock(self.path):
            self._refresh()
            result = apply()
            text = dump_yaml({"version": DECK_VERSION, "cards": [c.to_dict() for c in self._cards.values()]})
            atomic_write_text(self.path, text)
            self._signature = _digest(text.encode("utf-8"))
            return result

    def _refresh(self) -> None:
        raw = read_bytes_or_none(self.path)
        signature = _digest(raw) if raw is not None else None
        if signature == self._signature:
            return
        disk = _parse_cards(raw, self.path) if raw is not None else []
        self._absorb(disk)
        self._signature = signature

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
    return Deck(target, _parse_cards(raw, target), _digest(raw))


# -- helpers -----------------------------------------------------------------


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold an advisory lock on ``<path>.lock`` (POSIX ``flock``; no-op where unavailable)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = path.with_name(path.name + ".lock")
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


def _digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _parse_cards(raw: bytes, path: Path) -> list[Card]:
    """Parse the deck file's bytes into cards; any problem is a :class:`DataFileError`."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataFileError(path, "not UTF-8 text") from exc
    data = parse_yaml(text, path)
    if data is None:
        raise DataFileError(path, "empty deck file")
    if not isinstance(data, dict):
        raise DataFileError(path, f"deck file must be a mapping, not {type(data).__name__}")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise DataFileError(path, "deck file has no integer 'version'")
    if version > DECK_VERSION:
        raise DataFileError(path, f"deck file version {version} is newer than this reader ({DECK_VERSION})")
    raw_cards = data.get("cards") or []
    if not isinstance(raw_cards, list):
        raise DataFileError(path, "'cards' must be a list")
    cards: list[Card] = []
    seen: set[str] = set()
    for number, item in enumerate(raw_cards, start=1):
        try:
            card = Card.from_dict(item)
        except (ValueError, TypeError) as exc:
            raise DataFileError(path, f"card {number}: {exc}") from exc
        if card.id in seen:
            raise DataFileError(path, f"card {number}: duplicate id {card.id}")
        seen.add(card.id)
        cards.append(card)
    return cards


def _req_str(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise ValueError(f"missing or empty {key!r}")
    return value


def _parse_time(value: Any, word: str) -> datetime:
    if isinstance(value, datetime):
        return _aware(value)
    if isinstance(value, str):
        try:
            return _aware(datetime.fromisoformat(value))
        except ValueError:
            pass
    raise ValueError(f"card {word!r}: bad time {value!r}")


def _aware(value: datetime) -> datetime:
    """``value`` as a UTC datetime (naive values are taken as UTC)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _fsrs_id(card_id: str) -> int:
    """Return a stable integer id for fsrs from the card's hex id."""
    return int(card_id, 16)
