"""One study card: a saved word, its context sentences, its FSRS state and its review log.

This module owns the card data model and its YAML mapping form
(:meth:`Card.to_dict` / :meth:`Card.from_dict`), the stable card ids and the
UTC time helpers. The deck that holds the cards and writes them to disk is
:mod:`reader.study.deck`; every public name here is re-exported from there.

``fsrs`` is imported only when a card's scheduling state is built.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from fsrs import Card as FsrsCard

#: Ratings by number, as the keys 1–4 give them.
RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


def utc_now() -> datetime:
    """Return the current time, UTC-aware."""
    return datetime.now(UTC)


def card_id_for(doc_id: str, word: str) -> str:
    """Return the stable id of the card for ``word`` saved from document ``doc_id``."""
    return hashlib.sha1(f"{doc_id}\x1f{word}".encode()).hexdigest()[:12]


class Context(NamedTuple):
    """A sentence a word was saved from; ``start``/``end`` locate the word inside ``sentence``.

    A named tuple (built fast: a deck of 10,000 cards holds as many) with the
    fields and properties it had as a frozen dataclass.
    """

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


class ReviewEntry(NamedTuple):
    """One answer: when, the rating (1–4), days since the previous review, seconds on the card.

    A named tuple rather than a frozen dataclass: a year's review log holds
    100,000 of them, and a tuple is built four times faster.
    """

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
    #: The word as written in its document, where that differs from ``word`` (a traditional document's
    #: 學習 for the simplified 学习 the dictionary and the card id go by); "" otherwise.
    written: str = ""

    def __getattr__(self, name: str) -> Any:
        """The review log, decoded on first use when the deck left it pending (see :meth:`defer_reviews`)."""
        if name == "reviews":
            pending = self.__dict__.pop("_pending_reviews", None)
            if pending is not None:
                reviews: list[ReviewEntry] = pending()
                self.__dict__["reviews"] = reviews
                return reviews
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def defer_reviews(self, decode: Callable[[], list[ReviewEntry]]) -> None:
        """Let ``decode()`` give the review log when it is first asked for (a deck of 100,000 answers loads fast)."""
        self.__dict__.pop("reviews", None)
        self.__dict__["_pending_reviews"] = decode

    @property
    def shown(self) -> str:
        """The word as the learner read it: :attr:`written` if any, else :attr:`word`."""
        return self.written or self.word

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
                return as_utc(datetime.fromisoformat(raw))
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

    def fsrs_card(self) -> FsrsCard:
        """Return the card's state as an ``fsrs.Card``."""
        from fsrs import Card as FsrsCard

        if self.fsrs:
            return FsrsCard.from_dict(self.fsrs)  # type: ignore[arg-type]
        return FsrsCard(card_id=_fsrs_id(self.id), due=self.created)

    def to_dict(self, reviews: bool = True) -> dict[str, Any]:
        """Return the card as a YAML-ready mapping (without its review log when ``reviews`` is false)."""
        data: dict[str, Any] = {
            "id": self.id,
            "word": self.word,
            "syllables": list(self.syllables),
            "meaning": self.meaning,
            "explanation": self.explanation,
            "doc_id": self.doc_id,
            "created": self.created.isoformat(),
            "contexts": [{"sentence": c.sentence, "start": c.start, "end": c.end} for c in self.contexts],
            "fsrs": dict(self.fsrs),
        }
        if self.written:  # only cards from traditional documents have it: other lines stay as they were
            data = {"id": self.id, "word": self.word, "written": self.written, **data}
        if reviews:
            data["reviews"] = [
                {"time": r.time.isoformat(), "rating": r.rating, "elapsed": r.elapsed, "duration": r.duration}
                for r in self.reviews
            ]
        return data

    @classmethod
    def from_dict(cls, data: Any) -> Card:
        """Build a card from its mapping; raises ``ValueError`` with a short reason."""
        if not isinstance(data, dict):
            raise ValueError("card is not a mapping")
        word = _req_str(data, "word")
        doc_id = _req_str(data, "doc_id")
        syllables = data.get("syllables") or []
        if not isinstance(syllables, list) or not all(isinstance(s, str) for s in syllables):
            raise ValueError("syllables must be a list of strings")
        contexts = []
        for raw in data.get("contexts") or []:
            if not isinstance(raw, dict) or not isinstance(raw.get("sentence"), str):
                raise ValueError("a context needs a sentence")
            start, end = raw.get("start", 0), raw.get("end", 0)
            if not isinstance(start, int) or not isinstance(end, int):
                raise ValueError("context start/end must be integers")
            contexts.append(Context(raw["sentence"], start, end))
        fsrs_state = data.get("fsrs") or {}
        if not isinstance(fsrs_state, dict):
            raise ValueError("fsrs must be a mapping")
        reviews = []
        for raw in data.get("reviews") or []:
            if not isinstance(raw, dict) or raw.get("rating") not in RATING_NAMES:
                raise ValueError("a review needs a rating 1-4")
            duration = raw.get("duration")
            reviews.append(
                ReviewEntry(
                    time=parse_time(raw.get("time"), word),
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
            created=parse_time(data.get("created"), word),
            fsrs=dict(fsrs_state),
            reviews=reviews,
            written=_opt_str(data, "written", word) if "written" in data else "",
        )


# -- helpers -----------------------------------------------------------------


def as_utc(value: datetime) -> datetime:
    """``value`` as a UTC datetime (naive values are taken as UTC)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _req_str(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise ValueError(f"missing or empty {key!r}")
    return value


def _opt_str(data: dict[str, Any], key: str, same: str) -> str:
    """An optional string field ("" when absent, or when it only repeats ``same``); ``ValueError`` if not a string."""
    value = data.get(key)
    if value is None or value == same:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"{key!r} must be a string")
    return value


def parse_time(value: Any, word: str) -> datetime:
    """A time of the card of ``word`` from YAML (a string or a datetime), UTC-aware; ``ValueError`` if bad."""
    if isinstance(value, str) and value.endswith("+00:00"):
        try:
            return datetime.fromisoformat(value)  # already UTC: the usual case, and the fast one
        except ValueError:
            pass
    if isinstance(value, datetime):
        return as_utc(value)
    if isinstance(value, str):
        try:
            return as_utc(datetime.fromisoformat(value))
        except ValueError:
            pass
    raise ValueError(f"bad time {value!r}")


def _fsrs_id(card_id: str) -> int:
    """Return a stable integer id for fsrs from the card's hex id."""
    return int(card_id, 16)
