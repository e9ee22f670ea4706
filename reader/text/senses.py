"""The sense chooser: the one owner of what a word means in its sentence.

Every place that shows a meaning (the pop-up's headline, ``reader annotate``'s
``gloss``, the study card, the drill, the exports) takes it from
:meth:`SenseChooser.sense`, strongest source first:

1. **yours**: a meaning the learner chose or wrote, for this document or for
   every document (:class:`Choices`, filled from ``READER_HOME/meanings.yaml``);
2. **glossary**: a curated term keeps its curated gloss;
3. **learner**: the learner glosses of ``content/senses/*.yaml``
   (docs/SENSES.md): of the uses with the reading the word has here, the first
   whose context conditions hold;
4. **dictionary**: CC-CEDICT, the entry with this reading first, common
   words before proper nouns, and surnames, variants, archaic, classical and
   dialect senses only when nothing else is left (:func:`leading_sense`);
5. **composed**: a free phrase that no source knows (很难, 坐在, 三个) is read
   as its dictionary words and glossed part by part: "very + difficult",
   "three (+ classifier)".

Conditions look at the token's neighbours (their text and jieba's
dictionary part-of-speech tag, given by a ``tagger``) and at the clause
around it (:class:`Context`). The parts live beside this module and are
re-exported from it: the learner glosses as data (:mod:`reader.text.sense_book`),
the context and a word's slot (:mod:`reader.text.sense_context`) and CC-CEDICT's
order (:mod:`reader.text.sense_rank`). Pure module: no UI; ``yaml`` only when a
file is read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Protocol

from reader.text.cedict_entry import Entry
from reader.text.names import NameGuesser
from reader.text.numerals import NUMERAL_PREFIX
from reader.text.phrases import (
    TITLES,
    first_meaning,
    fraction_gloss,
    frame_of,
    numeral_gloss,
    split_phrase,
    surname_of,
    unit_of,
)
from reader.text.sense_book import (
    BOUND_POSITIONS,
    CONDITION_KEYS,
    Condition,
    Sense,
    SenseBook,
    Use,
    load_sense_book,
    parse_sense_book,
    reading_key,
    same_but_neutral,
    sense_file_data,
)
from reader.text.sense_context import (
    CLAUSE_CHARS,
    SENTENCE_CHARS,
    Context,
    context_at,
    is_verb_sense,
    mixed,
    narrowed,
    slot,
)
from reader.text.sense_rank import brief, candidates, leading_sense, ranked_entries, ranked_senses

__all__ = [
    "BOUND_POSITIONS",
    "CLAUSE_CHARS",
    "CONDITION_KEYS",
    "SENTENCE_CHARS",
    "Choices",
    "Condition",
    "Context",
    "Sense",
    "SenseBook",
    "SenseChooser",
    "Use",
    "candidates",
    "context_at",
    "leading_sense",
    "load_sense_book",
    "mixed",
    "narrowed",
    "parse_sense_book",
    "ranked_entries",
    "ranked_senses",
    "reading_key",
    "sense_file_data",
    "slot",
]


class Dictionary(Protocol):
    """The part of :class:`reader.text.dictionary.Dictionary` the chooser needs."""

    def lookup(self, word: str) -> list[Entry]:
        """Every entry of ``word``."""
        ...

    def longest_words(self, text: str, is_term: Callable[[str], bool] | None = None) -> list[tuple[str, list[Entry]]]:
        """``text`` as its longest dictionary words (and ``is_term`` words, where longer), left to right."""
        ...


class Glossed(Protocol):
    """A glossary entry: what the chooser reads of it."""

    @property
    def gloss(self) -> str:
        """The curated English gloss."""
        ...


class GlossaryLookup(Protocol):
    """The part of :class:`reader.text.glossary.Glossary` the chooser needs."""

    def get(self, term: str) -> Glossed | None:
        """The entry of ``term``, or None."""
        ...


@dataclass
class Choices:
    """The learner's own meanings: ``(word, reading) → gloss``, for every document and per document."""

    every: dict[tuple[str, tuple[str, ...]], str] = field(default_factory=dict)
    document: dict[tuple[str, tuple[str, ...]], str] = field(default_factory=dict)

    def get(self, word: str, syllables: Sequence[str]) -> str:
        """The learner's meaning for ``word`` read as ``syllables`` here, or ""."""
        key = (word, reading_key(syllables))
        return self.document.get(key) or self.every.get(key) or ""


class SenseChooser:
    """Chooses the meaning of each word in context (see the module docstring)."""

    def __init__(
        self,
        book: SenseBook,
        dictionary: Dictionary | None = None,
        glossary: GlossaryLookup | None = None,
        tagger: Callable[[str], str] | None = None,
        names: NameGuesser | None = None,
    ) -> None:
        self.book = book
        self.dictionary = dictionary
        self.glossary = glossary
        self.tagger = tagger
        self.names = names
        self._plain: dict[tuple[str, tuple[str, ...]], Sense] = {}
        self._contextual: dict[str, bool] = {}

    def contextual(self, word: str) -> bool:
        """Tell whether the sense of ``word`` can depend on its context (memoised)."""
        found = self._contextual.get(word)
        if found is None:
            found = self._contextual[word] = self._depends_on_context(word)
        return found

    def _depends_on_context(self, word: str) -> bool:
        if self.book.contextual(word):
            return True
        if self.glossary is not None and self.glossary.get(word) is not None:
            return False
        uses = self.book.get(word)
        if uses:
            return any(mixed(use.gloss) for use in uses)
        if self.dictionary is None or len(word) < 2 or self.dictionary.lookup(word):
            return False
        # A free phrase is glossed part by part, each part in its place.
        return any(self.book.contextual(part) for part, _ in self.dictionary.longest_words(word))

    def sense(
        self, word: str, syllables: Sequence[str] = (), context: Context | None = None, choices: Choices | None = None
    ) -> Sense:
        """The meaning of ``word`` read as ``syllables`` in ``context`` (see the module docstring)."""
        if choices is not None:
            own = choices.get(word, syllables)
            if own:
                return Sense(own, "yours", tuple(syllables))
        if context is None or not self.contextual(word):
            key = (word, tuple(syllables))
            found = self._plain.get(key)
            if found is None:
                found = self._plain[key] = self._sense(word, reading_key(syllables), None)
            return found
        return self._sense(word, reading_key(syllables), context)

    def learner_use(self, word: str, syllables: Sequence[str] = (), context: Context | None = None) -> Use | None:
        """The learner-gloss use of ``word`` chosen here, or None when the word is not covered."""
        uses = self.book.get(word)
        if not uses:
            return None
        reading = reading_key(syllables)
        candidates = (
            [u for u in uses if u.reading == reading]
            or [u for u in uses if same_but_neutral(u.reading, reading)]
            or list(uses)
        )
        for use in candidates:
            if use.when is None or (context is not None and use.when.holds(context)):
                return use
        return candidates[-1]

    def _sense(self, word: str, reading: tuple[str, ...], context: Context | None) -> Sense:
        entry = self.glossary.get(word) if self.glossary is not None else None
        if entry is not None and entry.gloss:
            return Sense(entry.gloss, "glossary", reading)
        use = self.learner_use(word, reading, context)
        if use is not None:
            gloss = narrowed(use.gloss, slot(context, word)) if context is not None and mixed(use.gloss) else use.gloss
            return Sense(gloss, "learner", reading, use.note)
        if self.dictionary is not None:
            entries = self.dictionary.lookup(word)
            if entries:
                gloss = leading_sense(entries, reading)
                if gloss:
                    return Sense(gloss, "dictionary", reading)
            named = self._named(word, reading)
            if named:
                return Sense(named, "name", reading)
            composed = self._composed(word, reading, context)
            if composed:
                return Sense(composed, "composed", reading)
        return Sense("", "none", reading)

    def _named(self, word: str, reading: tuple[str, ...]) -> str:
        """The headline of unknown ``word`` when it is probably a name (:mod:`reader.text.names`), else ""."""
        names = self.names
        if names is None:
            return ""
        # Only a three-character word can be a person's name: no other is worth jieba's tag.
        tag = self.tagger(word) if self.tagger is not None and len(word) == 3 else ""
        return names.gloss(word, reading, tag)

    def _affix_use(self, char: str, position: str, syllables: Sequence[str], context: Context | None) -> Use | None:
        """The bound use of ``char`` closing (or opening) a word glossed part by part, if its reading fits."""
        reading = reading_key(syllables)
        for use in self.book.affix(char, position):
            fits = not reading or use.reading == reading or same_but_neutral(use.reading, reading)
            if fits and (use.when is None or (context is not None and use.when.holds(context))):
                return use
        return None

    def _common(self, word: str) -> bool:
        """Tell whether the learner glosses cover ``word`` (a word a learner meets often)."""
        return bool(self.book.get(word))

    def _known(self, word: str) -> bool:
        """Tell whether a learner gloss or the dictionary knows ``word``."""
        return self._common(word) or (self.dictionary is not None and bool(self.dictionary.lookup(word)))

    def _composed(self, word: str, reading: tuple[str, ...], context: Context | None) -> str:
        """A free phrase glossed part by part (:mod:`reader.text.phrases`): 很难 → "very + difficult".

        Each part is read in its place: its neighbours are the phrase's other
        parts (or the phrase's own neighbours at its edges), so 说得对 reads 得
        as the particle after a verb. A numeral phrase reads as English counts
        (十分钟 "ten minutes"), and a frame as its preposition (在实践中 "in
        practice").
        """
        if self.dictionary is None or len(word) < 2:
            return ""
        if NUMERAL_PREFIX.fullmatch(word):
            said = numeral_gloss(word, "")
            if said:
                return said.removesuffix(" (+ classifier)")
        share = fraction_gloss(word)
        if share:
            return share
        dictionary = self.dictionary
        common = self._common
        # A word the learner glosses know (很多, which CC-CEDICT lacks) is a part as a headword is;
        # not after a numeral, whose classifier comes next (两本书 is 两 + 本 + 书, not 两 + 本书 "this book").
        # A classifier closing the longest-first cut stays with what counts (好几 + 个, not 好 + 几个).
        longest = (
            dictionary.longest_words
            if NUMERAL_PREFIX.match(word)
            else partial(dictionary.longest_words, is_term=common)
        )
        parts = split_phrase(word, longest, self._known, common, keeps_cut=self.book.is_measure)
        if len(parts) < 2:
            return ""
        glossed: list[tuple[str, Use | None]] = []
        pos = 0
        for index, (part, entries) in enumerate(parts):
            syllables = reading[pos : pos + len(part)] if len(reading) == len(word) else ()
            where = None
            if context is not None:
                where = Context(
                    parts[index - 1][0] if index > 0 else context.prev,
                    parts[index + 1][0] if index + 1 < len(parts) else context.next,
                    context.before + word[:pos],
                    word[pos + len(part) :] + context.after,
                    context.tagger,
                    context.sentence_before + word[:pos],
                )
            pos += len(part)
            use = None
            if len(part) == 1 and not NUMERAL_PREFIX.fullmatch(part):
                position = "suffix" if index == len(parts) - 1 else "prefix" if index == 0 else ""
                if position == "suffix" and _COUNT.fullmatch(parts[index - 1][0]):
                    position = ""  # 一所, 这所: a classifier after a count, not 研究所's "institute"
                use = self._affix_use(part, position, syllables, where) if position else None
            if use is None:
                use = self.learner_use(part, syllables, where)
            gloss = use.gloss if use is not None else (leading_sense(entries, syllables) if entries else "")
            if not gloss and not NUMERAL_PREFIX.fullmatch(part):
                return ""
            glossed.append((gloss, use))
        texts = [part for part, _ in parts]
        if len(parts) == 2 and NUMERAL_PREFIX.fullmatch(texts[0]) and not is_verb_sense(first_meaning(glossed[1][0])):
            gloss, use = glossed[1]  # a verb is not counted: 一到 is 一 + 到 (一…就 "as soon as"), not "one arrive"
            measure = use is not None and use.measure
            counted = numeral_gloss(texts[0], unit_of(gloss) if measure else first_meaning(gloss))
            if counted:
                return _with_kind(counted, gloss, texts[1]) if measure else counted
        if len(parts) == 2 and len(texts[0]) == 1 and texts[1] in TITLES and glossed[1][0]:
            surname = surname_of(parts[0][1], reading[:1])
            if surname:  # 王太太: "Wang (surname) + Mrs.", not "king + Mrs."
                return f"{surname} (surname) + {first_meaning(glossed[1][0])}"
        if any(not gloss for gloss, _ in glossed):
            return ""
        if len(parts) == 3 and NUMERAL_PREFIX.fullmatch(texts[0]) and glossed[1][1] is not None:
            counter = glossed[1][1]
            noun = first_meaning(glossed[2][0])
            unit = unit_of(glossed[1][0])
            if counter is not None and counter.measure and not is_verb_sense(noun):
                # 两本书 "two books": a classifier without an English unit only counts the noun;
                # 一块蛋糕 "a piece of cake", 三杯咖啡 "three cups of coffee" with one
                counted = numeral_gloss(texts[0], unit.removesuffix(" (of)") if unit else noun)
                if counted:
                    return f"{counted} of {noun}" if unit and noun != "money" else counted  # 两块钱 "two yuan"
        pieces: list[str] = []
        for place, (gloss, use) in enumerate(glossed):
            if use is not None and use.measure and pieces:
                pieces[-1] = _with_kind(pieces[-1] + " (+ classifier)", gloss, texts[place])
            else:
                pieces.append(brief(first_meaning(gloss)))
        preposition = frame_of(texts)
        if preposition and len(pieces) == len(parts):
            return f"{preposition} {' + '.join(pieces[1:-1])}"
        return " + ".join(pieces)


#: A numeral or a demonstrative before a classifier (一, 三十, 第二, 这, 每).
_COUNT = re.compile(r"(?:第?[0-9０-９一二两三四五六七八九十百千万几]+|这|那|哪|每|某|该|各|此|本)")


#: Classifiers that count nearly anything: their kind says nothing.
_GENERAL_CLASSIFIERS = frozenset({"个", "個", "些"})
_CLASSIFIER_KIND = re.compile(r"^\(classifier for ([^)]+)\)")


def _with_kind(said: str, gloss: str, classifier: str) -> str:
    """Add what the classifier counts, from its gloss: "this (+ classifier)" → "this (+ classifier for films, books)".

    个, the general classifier, counts anything and is left bare ("seven (+ classifier)").
    """
    kind = _CLASSIFIER_KIND.match(gloss.strip())
    if kind is None or classifier in _GENERAL_CLASSIFIERS or not said.endswith(" (+ classifier)"):
        return said
    return f"{said[: -len(' (+ classifier)')]} (+ classifier for {kind.group(1).strip()})"
