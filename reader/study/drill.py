"""The section drill: a section's glossary terms and saved words, asked as meaning and as pinyin. Pure: no UI imports.

Unlike a review, a drill schedules nothing: it is a quick self-test on the
section just read, kept score of in a :class:`DrillSession`.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from reader.study.deck import Deck
    from reader.text.document import Document, Section
    from reader.text.glossary import Glossary


@dataclass(frozen=True)
class DrillEntry:
    """A word or glossary term to drill."""

    word: str
    syllables: tuple[str, ...]
    meaning: str
    explanation: str = ""
    source: Literal["glossary", "deck"] = "deck"
    #: The word as a traditional text writes it (``word`` is its simplified form), where they differ; else "".
    written: str = ""

    @property
    def shown(self) -> str:
        """The word as the learner read it in the text."""
        return self.written or self.word

    @property
    def is_name(self) -> bool:
        """True for a word without a Han character (``GPT-5``, ``OpenAI``, ``2024``): asked as a name, never for pinyin."""
        from reader.text.tokens import is_han

        return not any(is_han(ch) for ch in self.word)


DrillKind = Literal["recognition", "production"]


@dataclass(frozen=True)
class DrillItem:
    """One drill question: recognition (hanzi → meaning) or production (meaning → typed pinyin)."""

    kind: DrillKind
    entry: DrillEntry

    @property
    def prompt(self) -> str:
        """What the question shows: the hanzi, or the meaning."""
        return self.entry.shown if self.kind == "recognition" else self.entry.meaning

    def check(self, typed: str) -> bool:
        """Check typed pinyin (tone numbers or marks: ``yu4xun4lian4``, ``yù xùn liàn``)."""
        from reader.text.tones import answers_match

        return bool(typed.strip()) and answers_match(typed, self.entry.syllables)


def build_drill(
    entries: Iterable[DrillEntry],
    *,
    recognition: bool = True,
    production: bool = True,
    seed: int | None = None,
) -> list[DrillItem]:
    """Build drill items: recognition for entries with a meaning, production for Han words with pinyin too.

    A name (:attr:`DrillEntry.is_name`) is only ever recognised: it has no pinyin to type.

    Recognition items come first. With a ``seed`` each half is shuffled
    reproducibly; without one the entries keep their order.
    """
    unique: dict[str, DrillEntry] = {}
    for entry in entries:
        unique.setdefault(entry.word, entry)
    usable = [e for e in unique.values() if e.meaning]
    first = [DrillItem("recognition", e) for e in usable] if recognition else []
    second = [DrillItem("production", e) for e in usable if e.syllables and not e.is_name] if production else []
    if seed is not None:
        rng = random.Random(seed)
        rng.shuffle(first)
        rng.shuffle(second)
    return first + second


def section_entries(
    doc: Document,
    section: Section,
    deck: Deck | None = None,
    glossary: Glossary | None = None,
) -> list[DrillEntry]:
    """Collect a section's glossary terms and the document's saved words that occur in the section.

    Glossary terms written without Han characters (``GPT``, ``OpenAI``, ``GPT-5``)
    are names, not vocabulary, and are left out; a saved word is kept whatever
    it is written in, since the learner saved it on purpose (it is then asked as
    a name). Entries follow their first appearance in the section text. In a
    traditional text they are found in its simplified form (what the glossary
    and the deck go by) and shown as written.
    """
    from reader.text.tones import to_numbers

    text = doc.lookup_text[section.start : section.end]
    written = doc.text[section.start : section.end]
    found: dict[str, tuple[int, DrillEntry]] = {}

    def as_written(word: str, where: int) -> str:
        form = written[where : where + len(word)]
        return form if form != word else ""

    if glossary is not None:
        for term in glossary.terms():
            where = text.find(term)
            info = glossary.get(term)
            if where < 0 or info is None or DrillEntry(term, (), "").is_name:
                continue
            syllables = tuple(to_numbers(info.pinyin).split()) if info.pinyin else ()
            entry = DrillEntry(term, syllables, info.gloss, info.explanation, "glossary", as_written(term, where))
            found[term] = (where, entry)
    if deck is not None:
        for card in deck.cards_for(doc.id):
            where = text.find(card.word)
            if where < 0 or card.word in found:
                continue
            entry = DrillEntry(
                card.word, card.syllables, card.meaning, card.explanation, "deck", as_written(card.word, where)
            )
            found[card.word] = (where, entry)
    return [entry for _, entry in sorted(found.values(), key=lambda pair: pair[0])]


@dataclass
class DrillSession:
    """A pass through drill items, keeping score."""

    items: list[DrillItem]
    index: int = 0
    results: list[bool] = field(default_factory=list)

    @property
    def current(self) -> DrillItem | None:
        """The question on screen, or ``None`` at the end."""
        return self.items[self.index] if self.index < len(self.items) else None

    @property
    def done(self) -> bool:
        """True when every item has been answered."""
        return self.index >= len(self.items)

    @property
    def correct(self) -> int:
        """Right answers so far."""
        return sum(self.results)

    def grade(self, correct: bool) -> None:
        """Record the current item as right or wrong and move on."""
        if self.done:
            return
        self.results.append(correct)
        self.index += 1

    def answer(self, typed: str) -> bool:
        """Check typed pinyin against the current production item, record it and move on."""
        item = self.current
        if item is None:
            return False
        ok = item.check(typed)
        self.grade(ok)
        return ok
