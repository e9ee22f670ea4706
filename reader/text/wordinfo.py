"""What the pop-up shows about a word, gathered from the language stack.

Pure Python: no Textual or Rich. The UI only draws a :class:`WordInfo`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from reader.text.senses import Sense, ranked_entries, ranked_senses, reading_key
from reader.text.tokens import is_han

#: A syllable as shown: ``("yù", 4)`` or, with tone numbers, ``("yu4", 4)``.
Shown = tuple[str, int]


class DictionaryLike(Protocol):
    """The part of :class:`reader.text.dictionary.Dictionary` the pop-up needs."""

    def lookup(self, word: str) -> list[Any]:
        """All entries for ``word``."""
        ...

    def first_gloss(self, word: str) -> str:
        """The first useful English sense."""
        ...

    def longest_words(self, text: str) -> list[tuple[str, list[Any]]]:
        """``text`` as its longest dictionary words, left to right."""
        ...


@dataclass(frozen=True)
class EntryInfo:
    """One reading of the word in CC-CEDICT: its senses, meaningful ones first.

    Entries of the same reading (和 has three lines for hé) are merged into one;
    a proper noun's reading (the surname He) is a group of its own, after.
    """

    traditional: str
    reading: tuple[Shown, ...]
    senses: tuple[str, ...]
    proper: bool = False


@dataclass(frozen=True)
class WordInfo:
    """Everything the pop-up shows."""

    word: str
    start: int
    end: int
    reading: tuple[Shown, ...]
    hsk_label: str = ""
    glossary: Any | None = None
    entries: tuple[EntryInfo, ...] = ()
    characters: tuple[tuple[str, str, int, str], ...] = field(default=())
    parts: tuple[tuple[str, EntryInfo], ...] = field(default=())
    ready: bool = True
    #: The meaning this word has here (the sense chooser's), shown first and marked.
    sense: Sense | None = None
    #: Where the glossary entry comes from: ``yours``, ``the AI glossary``, ``the article's glossary`` ...
    glossary_source: str = ""
    #: The reading the book itself gives the word (EPUB / HTML ruby), as written there: ``hàn``, ``ㄏㄢˋ (hàn)``.
    given: str = ""
    #: The word as the text writes it, when that differs from ``word`` (a traditional text: 讓 for 让).
    written: str = ""

    @property
    def headword(self) -> str:
        """The word as the reader sees it in the text: its written form, else ``word``."""
        return self.written or self.word


def shown(numbered: str, numbers: bool) -> Shown:
    """A numbered syllable (``yu4``) as displayed: marks, or numbers for the ``none`` scheme."""
    from reader.text.tones import to_marks, tone_of

    tone = tone_of(numbered)
    if numbers:
        return (numbered if numbered[-1:].isdigit() else f"{numbered}5", tone)
    return (to_marks(numbered), tone)


def describe(
    word: str,
    start: int,
    syllables: Sequence[str],
    *,
    dictionary: DictionaryLike | None,
    glossary: Any | None,
    hsk_level: Callable[[str], int | None] | None,
    numbers: bool = False,
    sense: Sense | None = None,
    written: str = "",
) -> WordInfo:
    """Gather the pop-up content for ``word`` read as ``syllables`` (numbered pinyin).

    ``sense`` is the meaning the word has in its sentence (from
    :class:`reader.text.senses.SenseChooser`); the dictionary's entries follow,
    grouped by reading, the reading in context first. ``written`` is the word
    as the text writes it (a traditional text's 讓 for the looked-up 让): the
    pop-up's headword and its characters are shown that way, and looked up as
    ``word``.
    """
    if len(written) != len(word) or written == word:
        written = ""
    reading = tuple(shown(s, numbers) for s in syllables)
    if dictionary is None:
        return WordInfo(word, start, start + len(word), reading, ready=False, sense=sense, written=written)
    entry = glossary.get(word) if glossary is not None else None
    entries = grouped_entries(dictionary.lookup(word), syllables, numbers)
    han = [char for char in word if is_han(char)]
    parts = _parts(word, dictionary, numbers, written) if not entries and len(han) > 1 else ()
    level = hsk_level(word) if hsk_level is not None else None
    from reader.text.hsk import label

    characters = []
    if len(word) > 1 and han:
        # What the word means, for each character's sense in it (注 in 注意 "to pay attention").
        # A guessed name's headline says nothing of its characters' senses: they keep their leading ones.
        glosses = [sense.gloss] if sense is not None and sense.gloss and sense.source != "name" else []
        glosses += [entry.gloss] if entry is not None else []
        glosses += [line for item in entries[:1] for line in item.senses]
        glosses += [line for _, item in parts for line in item.senses]
        # One syllable per Han character, in order; Latin letters and digits are not
        # characters to explain (the P of GPT-5 is not CC-CEDICT's slang "P").
        # Each is shown as written and looked up as ``word`` has it.
        shown_chars = [c for c, w in zip(written, word, strict=True) if is_han(w)] if written else han
        for index, char in enumerate(han):
            syllable = syllables[index] if index < len(syllables) else ""
            text, tone = shown(syllable, numbers) if syllable else ("", 5)
            characters.append((shown_chars[index], text, tone, _char_gloss(dictionary, char, syllable, glosses)))
    return WordInfo(
        word,
        start,
        start + len(word),
        reading,
        hsk_label=label(level) if level is not None else "",
        glossary=entry,
        entries=tuple(entries),
        characters=tuple(characters),
        parts=parts,
        sense=sense,
        written=written,
    )


def grouped_entries(found: Sequence[Any], syllables: Sequence[str], numbers: bool) -> tuple[EntryInfo, ...]:
    """CC-CEDICT entries as one :class:`EntryInfo` per reading, in the order a learner needs.

    The reading in context first, common words before proper nouns, then file
    order; within a reading, meaningful senses before surnames, variants and
    archaic senses (:func:`reader.text.senses.ranked_senses`), each sense once.
    """
    groups: dict[tuple[tuple[str, ...], bool], tuple[Any, list[str]]] = {}
    for item in ranked_entries(found, syllables):
        proper = item.pinyin[:1].isupper()
        key = (reading_key(item.pinyin.split()), proper)
        first, senses = groups.setdefault(key, (item, []))
        own = ranked_senses(item)
        targets = [line for line in item.expanded_senses() if line not in item.senses]
        for sense in [*own, *targets]:
            if sense not in senses:
                senses.append(sense)
    out = []
    for (_, proper), (first, senses) in groups.items():
        pinyin = tuple(shown(s, numbers) for s in first.pinyin.split())
        out.append(EntryInfo(first.traditional, pinyin, tuple(senses), proper))
    return tuple(out)


def _char_gloss(dictionary: DictionaryLike, char: str, syllable: str, word_glosses: Sequence[str] = ()) -> str:
    """The sense of ``char`` in the reading it has here (合 hé, not gě "100 ml") that the word draws on.

    ``word_glosses`` say what the whole word means; the character's sense that
    shares most with them is shown (:func:`reader.text.char_sense.sense_in_word`):
    注 in 注意 "to pay attention", not its leading "to inject".
    """
    from reader.text.char_sense import sense_in_word

    return sense_in_word(dictionary.lookup(char), syllable, word_glosses)


def _parts(
    word: str, dictionary: DictionaryLike, numbers: bool, written: str = ""
) -> tuple[tuple[str, EntryInfo], ...]:
    """For a word CC-CEDICT lacks (预训练): its longest dictionary words, left to right (预 + 训练).

    Only parts of two or more characters are returned; single characters are
    already listed one by one. Each part is named as ``written`` has it, when given.
    """
    out: list[tuple[str, EntryInfo]] = []
    at = 0  # the parts cover ``word`` left to right: each starts where the last ended
    for part, found in dictionary.longest_words(word):
        if len(part) > 1 and found:
            item = found[0]
            reading = tuple(shown(s, numbers) for s in item.pinyin.split())
            headword = written[at : at + len(part)] if written else part
            out.append((headword, EntryInfo(item.traditional, reading, tuple(item.gloss_senses() or item.senses))))
        at += len(part)
    return tuple(out)
