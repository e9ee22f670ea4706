"""What an export contains: the reading of each quote and the flashcard words.

Owns :class:`PassageReader`, which reads a document's passages through the
annotate pipeline (:func:`reader.text.annotate.annotate_document`, imported
lazily, as are the glossary and the dictionary), :class:`QuoteInfo` (a quote's
numbered syllables grouped by word, its meaning, whether it is a single term)
and :class:`Word` with :func:`collect_words`, the flashcards shared by the
Pleco and Anki exports. The renderers live in :mod:`reader.study.export_text`
and :mod:`reader.study.export_anki`.

Pure module: no UI imports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.errors import ReaderError

if TYPE_CHECKING:
    from reader.study.deck import Deck
    from reader.study.meanings import MeaningStore
    from reader.study.notes import Note
    from reader.text.dictionary import Dictionary
    from reader.text.document import Document
    from reader.text.glossary import Glossary, GlossaryEntry
    from reader.text.senses import Choices
    from reader.text.tokens import Token

#: Longest quote still treated as a single term when it is a dictionary or glossary word.
MAX_TERM_CHARS = 12


@dataclass
class QuoteInfo:
    """A note's quote with its reading: numbered syllables grouped by word."""

    words: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    term: bool = False
    meaning: str = ""

    @property
    def marks(self) -> str:
        """Pinyin with tone marks, one space between words: ``jìshù píngjǐng``."""
        from reader.text.tones import join_marks

        return " ".join(join_marks(syllables) for _, syllables in self.words if syllables)

    @property
    def numbered(self) -> str:
        """Numbered pinyin, one space between syllables: ``ji4 shu4 ping2 jing3``."""
        return " ".join(s for _, syllables in self.words for s in syllables)

    @property
    def syllables(self) -> tuple[str, ...]:
        """All numbered syllables in order."""
        return tuple(s for _, syllables in self.words for s in syllables)


@dataclass
class Word:
    """One flashcard: a noted term or a saved word."""

    word: str
    syllables: tuple[str, ...]
    meaning: str
    context: str = ""
    context_start: int = 0
    context_end: int = 0
    notes: list[str] = field(default_factory=list)
    #: The latest change to anything on the card (a note, the saved word, a chosen meaning), ISO 8601 UTC.
    updated: str = ""
    #: The ``#tags`` of the notes on the word, in order.
    tags: list[str] = field(default_factory=list)
    #: The word as a traditional document writes it, where that differs from ``word`` (simplified); else "".
    written: str = ""

    @property
    def both(self) -> str:
        """The word as written, then its simplified form where they differ: ``學習 (学习)``."""
        return both_forms(self.word, self.written)

    def touch(self, when: str) -> None:
        """Move :attr:`updated` to ``when`` if that is later (unparsable times are ignored)."""
        self.updated = later_of(self.updated, when)


def both_forms(word: str, written: str) -> str:
    """``written (word)`` when a traditional text writes ``word`` otherwise, else ``word`` alone."""
    return f"{written} ({word})" if written and written != word else word


def later_of(first: str, second: str) -> str:
    """Return the later of two ISO 8601 times; an empty or unparsable one loses."""
    from reader.study.notes_model import parse_time

    def key(value: str) -> float:
        try:
            return parse_time(value).timestamp() if value else float("-inf")
        except ValueError:
            return float("-inf")

    return second if key(second) > key(first) else first


class PassageReader:
    """Readings and meanings of a document's passages, from the annotate pipeline."""

    def __init__(self, doc: Document, tokens: Sequence[Token] | None, glossary: Glossary | None) -> None:
        self.doc = doc
        self._tokens = list(tokens) if tokens is not None else None
        self._glossary = glossary
        self._loaded_glossary = glossary is not None
        self._choices: Choices | None = None
        self._meanings: MeaningStore | None = None
        self._dictionary: Dictionary | None = None

    @property
    def glossary(self) -> Glossary | None:
        """The glossary given, or the document's (bundled and the user's own) on first use (None if unreadable)."""
        if not self._loaded_glossary:
            self._loaded_glossary = True
            try:
                from reader.text.glossary import glossary_for

                self._glossary = glossary_for(self.doc.path)
            except ReaderError:
                self._glossary = None
        return self._glossary

    @property
    def tokens(self) -> list[Token]:
        """The annotated tokens of the document, computed on first use when not given."""
        if self._tokens is None:
            from reader.text.annotate import annotate_document
            from reader.text.dictionary import Dictionary

            # With the dictionary, every word has an English gloss (not only glossary terms),
            # and the token cache is the one the reader itself uses.
            self._tokens = list(annotate_document(self.doc, self.glossary, Dictionary.open()))
        return self._tokens

    def glossary_entry(self, term: str) -> GlossaryEntry | None:
        """Return the glossary entry of ``term``, or None."""
        glossary = self.glossary
        return glossary.get(term) if glossary is not None else None

    def quote(self, start: int, end: int, exact: str) -> QuoteInfo:
        """Read ``doc.text[start:end]``; for an orphan only the glossary can help."""
        info = QuoteInfo()
        entry = self.glossary_entry(exact.strip())
        inside: list[Token] = []
        if self.doc.text[start:end] == exact:
            inside = [t for t in self.tokens if t.end > start and t.start < end]
        for token in inside:
            lo, hi = max(start, token.start), min(end, token.end)
            syllables = _syllables_between(token, lo, hi)
            if token.is_word or syllables:
                info.words.append((self.doc.text[lo:hi], syllables))
        words = [t for t in inside if t.is_word]
        whole = len(words) == 1 and words[0].start == start and words[0].end == end
        if whole:
            info.term = True
            info.meaning = words[0].gloss
        if entry is not None:
            info.term = info.term or len(exact.strip()) <= MAX_TERM_CHARS
            info.meaning = entry.gloss or info.meaning
            if entry.pinyin and not info.words:
                info.words = [(exact, tuple(entry.pinyin.split()))]
        if whole:
            # The learner's own meaning for this word beats every other source.
            own = self.choices.get(words[0].text, words[0].syllables)
            info.meaning = own or info.meaning
        return info

    @property
    def choices(self) -> Choices:
        """The learner's own meanings that apply in this document (``meanings.yaml``), read once."""
        if self._choices is None:
            from reader.study.meanings import load_meanings

            self._choices = load_meanings().choices_for(self.doc.id)
        return self._choices

    def meaning_time(self, word: str, syllables: Sequence[str]) -> str:
        """When the learner last chose the meaning of ``word`` in this document ("" if never)."""
        if self._meanings is None:
            from reader.study.meanings import load_meanings

            self._meanings = load_meanings()
        meaning = self._meanings.get(word, syllables, self.doc.id)
        return meaning.updated if meaning is not None else ""

    @property
    def dictionary(self) -> Dictionary:
        """The CC-CEDICT index, opened on first use."""
        if self._dictionary is None:
            from reader.text.dictionary import Dictionary

            self._dictionary = Dictionary.open()
        return self._dictionary

    def headword_forms(self, word: str, syllables: Sequence[str]) -> tuple[str, str]:
        """Return ``(simplified, traditional)`` of ``word`` from the dictionary index.

        The entry whose reading matches ``syllables`` wins, then any entry
        written so (simplified or traditional). A word the dictionary does not
        know is its own form in both scripts.
        """
        from reader.text.cedict_entry import reading_key

        try:
            entries = self.dictionary.lookup(word)
        except ReaderError:
            return word, word
        wanted = reading_key(" ".join(syllables))
        own = [e for e in entries if word in (e.simplified, e.traditional)]
        for entry in own:
            if reading_key(entry.pinyin) == wanted:
                return entry.simplified, entry.traditional
        if own:
            return own[0].simplified, own[0].traditional
        return word, word

    def glossary_terms(self, start: int, end: int) -> list[Token]:
        """Glossary tokens inside a passage."""
        return [t for t in self.tokens if t.glossary and t.start >= start and t.end <= end]


def _syllables_between(token: Token, lo: int, hi: int) -> tuple[str, ...]:
    """Return the token's syllables for the Han characters in ``[lo, hi)`` (one syllable per Han character)."""
    from reader.text.tokens import is_han

    if not token.syllables:
        return ()
    han = [token.start + i for i, ch in enumerate(token.text) if is_han(ch)]
    if len(han) != len(token.syllables):
        return ()
    return tuple(s for pos, s in zip(han, token.syllables, strict=True) if lo <= pos < hi)


def _sentence(doc: Document, start: int, end: int) -> tuple[str, int, int]:
    """Return the sentence around a passage and the passage's offsets inside it."""
    s_start, s_end = doc.sentence_at(start)
    s_end = max(s_end, doc.sentence_at(max(start, end - 1))[1])
    return doc.text[s_start:s_end], start - s_start, end - s_start


def collect_words(doc: Document, notes: Sequence[Note], deck: Deck | None, reader: PassageReader) -> list[Word]:
    """Collect noted single terms and the deck's words saved from this document, one per word."""
    found: dict[str, Word] = {}
    traditional = doc.traditional
    for note in notes:
        if note.orphan:
            continue
        info = reader.quote(note.start, note.end, note.quote)
        if not info.term:
            continue
        word = written = note.quote.strip()
        if traditional:  # one card per word, by its simplified form as a saved word's card (a note quotes as written)
            from reader.text.script import to_simplified

            word = to_simplified(written)
        entry = found.get(word)
        if entry is None:
            sentence, a, b = _sentence(doc, note.start, note.end)
            entry = Word(word, info.syllables, info.meaning, sentence, a, b, written=written if written != word else "")
            entry.touch(reader.meaning_time(word, info.syllables))
            found[word] = entry
        entry.touch(note.updated)
        entry.tags.extend(t for t in note.tags if t not in entry.tags)
        if note.text.strip() and note.text.strip() not in entry.notes:
            entry.notes.append(note.text.strip())
    if deck is not None:
        for card in deck.cards_for(doc.id):
            entry = found.get(card.word)
            context = card.contexts[-1] if card.contexts else None
            if entry is None:
                written = card.written or (doc.written_form(card.word) if traditional else "")
                entry = Word(card.word, tuple(card.syllables), card.meaning, written=written)
                found[card.word] = entry
            else:
                entry.meaning = card.meaning or entry.meaning
                entry.syllables = tuple(card.syllables) or entry.syllables
            entry.touch(card.created.isoformat())
            entry.touch(reader.meaning_time(card.word, entry.syllables))
            if context is not None and not entry.context:
                entry.context, entry.context_start, entry.context_end = context.sentence, context.start, context.end
            explanation = getattr(card, "explanation", "")
            if explanation and explanation not in entry.notes:
                entry.notes.append(explanation)
    return list(found.values())
