"""The reading each character has in its sentence: dictionary words, then the polyphone model.

:class:`reader.text.pinyin.PinyinReader` gives every token a first reading
(the glossary, the rules file, pypinyin's phrase data, neutral-tone words and
context rules). This stage then settles the characters that have more than
one reading, with two kinds of evidence:

- **the dictionary**: when the token is a CC-CEDICT headword with a single
  reading (朝鲜 Cháoxiǎn, 哈佛 Hāfó, 椎间盘 zhuījiānpán), or with several of
  which pypinyin's phrase data picks one (好学 hàoxué); or, for a token the
  dictionary lacks, when the longest dictionary word inside it that covers the
  character has a single reading (国家银行 → 国家 + 银行 háng);
- **the polyphone model** (:mod:`reader.text.polyphone`, g2pM's network),
  which reads a character from its whole sentence and says how sure it is.

How they combine, for each polyphonic character:

1. Characters whose reading the curated data fixes keep it: a glossary term,
   a word of the rules file (whole or inside the token), a neutral-tone word,
   a context rule that matched, a rule for named words (``^[一二两]只$``) or
   one marked ``final``. A bare-character default (为 alone reads wèi) is
   only a first reading, which the model may overrule.
2. With a dictionary reading and a model reading that agree, that reading.
3. When they disagree, a common word's only reading wins: the dictionary
   gives 供给 gōngjǐ and 挣脱 zhèngtuō whatever the model believes. A
   **name**'s reading (every CC-CEDICT entry a proper noun: 勃艮第, 黄陂) gives
   way when the model finds its own reading at least :data:`OVERRULE` times
   likelier (a reading the model does not know for the character counts as
   :data:`UNKNOWN` likely), except that a neutral tone is kept against the
   same syllable with a full tone.
4. With only one of the two, that one; with neither, the first reading.

Measured on CPP (docs/accuracy.md): letting the model overrule common words
too scores 0.1 point higher there, because the model learned CPP's own
labels (it writes lexical neutral tones as full tones: 知识 zhīshí, 衣服
yīfú), but it then teaches 供给 gōnggěi and 更 gēng for the adverb.

The model runs once per chunk of text, on its sentences, in batches.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from reader.text.cedict_entry import Entry
from reader.text.polyphone import PolyphoneModel, Prediction
from reader.text.tokens import is_han

__all__ = ["OVERRULE", "UNKNOWN", "ContextReadings"]

#: How many times likelier the model must find its reading to overrule a dictionary word's only reading.
OVERRULE = 1000.0
#: The probability given to a dictionary reading the model does not know for the character.
UNKNOWN = 1e-4

#: Where sentences end, for the model's context.
_SENTENCE_END = re.compile(r"[。！？!?；;\n]+")


class WordSource(Protocol):
    """The part of :class:`reader.text.dictionary.Dictionary` this stage needs."""

    def lookup(self, word: str) -> list[Entry]:
        """Every entry of ``word``."""
        ...

    def longest_words(self, text: str) -> list[tuple[str, list[Entry]]]:
        """``text`` as its longest dictionary words, left to right."""
        ...


class FixedReadings(Protocol):
    """The part of :class:`reader.text.pinyin.PinyinReader` this stage needs: what the curated data fixes."""

    def fixed_positions(self, han: str) -> frozenset[int]:
        """Positions of ``han`` whose reading the glossary or the rules file decides."""
        ...

    def word(self, word: str) -> tuple[str, ...]:
        """The first reading of ``word`` out of context (pypinyin's phrase data and the rules file)."""
        ...

    def final_positions(self, text: str, spans: Sequence[tuple[int, int, str]], i: int) -> frozenset[int]:
        """Positions of span ``i`` read for certain by a rule in context."""
        ...

    def has_rules(self, han: str) -> bool:
        """Tell whether a rule that can read for certain names a character of ``han``."""
        ...


#: What :meth:`ContextReadings._plan_word` settles about a token: dictionary syllables, reading, model asks, final.
Plan = tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[int, int], ...], bool]


def _normal(pinyin: str) -> tuple[str, ...]:
    return tuple(s.lower().replace("u:", "v") for s in pinyin.split())


def _base(syllable: str) -> str:
    return syllable.rstrip("012345")


class ContextReadings:
    """Settles polyphonic characters by dictionary words and the polyphone model (see the module docstring).

    ``model`` may be None (g2pM not installed): the dictionary then decides
    alone where it can.
    """

    def __init__(
        self,
        dictionary: WordSource,
        fixed: FixedReadings,
        model: PolyphoneModel | None,
        plan: dict[tuple[str, tuple[str, ...]], Plan] | None = None,
    ) -> None:
        """``plan``: the memo of :meth:`_plan_word` to fill (a word table's, kept between runs), else a new one."""
        self.dictionary = dictionary
        self.fixed = fixed
        self.model = model
        self._word_memo: dict[str, tuple[tuple[str, ...], frozenset[int]]] = {}
        self._plan: dict[tuple[str, tuple[str, ...]], Plan] = plan if plan is not None else {}

    # -- the dictionary's evidence ----------------------------------------------------------------

    def single_reading(self, word: str) -> tuple[str, ...] | None:
        """The one reading of a dictionary word (all entries agree, ignoring case), or None.

        A name's reading (every entry a proper noun, written with a capital in
        CC-CEDICT) is returned in upper case, ``("Bo2", "gen4", "di4")``, so that
        :func:`choose` can tell names from common words.
        """
        entries = self.dictionary.lookup(word)
        readings = {_normal(entry.pinyin) for entry in entries}
        if len(readings) != 1:
            return None
        reading = readings.pop()
        if len(reading) != len(word):
            return None
        if all(entry.pinyin[:1].isupper() for entry in entries):
            return tuple(s.upper() for s in reading)
        return reading

    def word_evidence(self, han: str) -> tuple[tuple[str, ...], frozenset[int]]:
        """For the Han text of a token: the dictionary's syllable per character ("" if none) and the fixed positions."""
        memo = self._word_memo.get(han)
        if memo is not None:
            return memo
        syllables = [""] * len(han)
        if len(han) > 1:
            whole = self.single_reading(han)
            if whole is None:
                # Several readings (好学 hǎoxué "easy to learn", hàoxué "studious"): the first
                # reading, pypinyin's phrase data, chooses when it is one of them.
                first = self.fixed.word(han)
                readings = {_normal(entry.pinyin) for entry in self.dictionary.lookup(han)}
                if first in readings:
                    whole = first
            if whole is not None:
                syllables = list(whole)
            else:
                pos = 0
                for part, entries in self.dictionary.longest_words(han):
                    if len(part) > 1 and entries:
                        reading = self.single_reading(part)
                        if reading is not None:
                            syllables[pos : pos + len(part)] = reading
                    pos += len(part)
        result = (tuple(syllables), self.fixed.fixed_positions(han))
        if len(self._word_memo) > 200_000:
            self._word_memo.clear()
        self._word_memo[han] = result
        return result

    # -- settling a chunk ----------------------------------------------------------------------------

    def refine(
        self, text: str, spans: Sequence[tuple[int, int, str]], readings: Sequence[tuple[str, ...]]
    ) -> list[tuple[str, ...]]:
        """``readings`` of the ``(start, end, kind)`` spans of ``text``, with polyphonic characters settled."""
        model = self.model
        out = [tuple(r) for r in readings]
        # (span index, syllable index, position in text) of each character the model should read.
        asks: list[tuple[int, int, int]] = []
        evidence: list[tuple[tuple[str, ...], frozenset[int]] | None] = [None] * len(spans)
        plan = self._plan
        for index, (start, end, kind) in enumerate(spans):
            if kind != "han" or not out[index]:
                continue
            word = text[start:end]
            key = (word, out[index])
            found = plan.get(key)
            if found is None:
                found = self._plan_word(word, out[index])
                if len(plan) > 200_000:
                    plan.clear()
                plan[key] = found
            dictionary, reading, candidates, may_be_final = found
            if reading != out[index]:
                if self.fixed.has_rules(word):  # a final rule that matched here beats the dictionary (一行代码 háng)
                    kept = self.fixed.final_positions(text, spans, index)
                    if kept:
                        reading = tuple(
                            o if k in kept else r for k, (o, r) in enumerate(zip(out[index], reading, strict=True))
                        )
                out[index] = reading
            if not candidates:
                continue
            final = self.fixed.final_positions(text, spans, index) if may_be_final else frozenset()
            evidence[index] = (dictionary, final)
            for k, offset in candidates:
                if k not in final:
                    asks.append((index, k, start + offset))
        if not asks or model is None:
            return out
        predictions = self._predict(text, [pos for _, _, pos in asks])
        for (index, k, _), prediction in zip(asks, predictions, strict=True):
            given = evidence[index]
            if given is None:
                continue
            chosen = choose(given[0][k], prediction, out[index][k])
            if chosen != out[index][k]:
                syllables = list(out[index])
                syllables[k] = chosen
                out[index] = tuple(syllables)
        return out

    def _plan_word(self, word: str, first: tuple[str, ...]) -> Plan:
        """What can be settled about a token out of context, memoised per (text, first reading).

        Returns the dictionary's evidence per syllable, the reading with that
        evidence applied where the model has no say, the ``(syllable, offset)``
        pairs the model must read, and whether a rule in context may fix some.
        """
        offsets = [i for i, c in enumerate(word) if is_han(c)]
        han = "".join(word[i] for i in offsets)
        if len(offsets) != len(first):
            return ((), first, (), False)
        dictionary, fixed = self.word_evidence(han)
        # CC-CEDICT writes many optional neutral tones (逻辑 luóji, 近乎 jìnhu); a neutral
        # tone is taught only where the first reading has it too (pypinyin's phrase data
        # and the rules file's neutral-tone words), never over a full tone.
        dictionary = tuple(
            "" if d.endswith("5") and r[-1:] != "5" and _base(d.lower()) == _base(r) else d
            for d, r in zip(dictionary, first, strict=True)
        )
        model = self.model
        reading = list(first)
        candidates: list[tuple[int, int]] = []
        for k, offset in enumerate(offsets):
            if k in fixed:
                continue
            settled = dictionary[k] and not dictionary[k].isupper()  # a common word's reading is final
            if model is not None and not settled and model.is_polyphone(han[k]):
                candidates.append((k, offset))
            elif dictionary[k]:
                reading[k] = dictionary[k].lower()
        may_be_final = bool(candidates) and self.fixed.has_rules(han)
        return dictionary, tuple(reading), tuple(candidates), may_be_final

    def _predict(self, text: str, positions: Sequence[int]) -> list[Prediction]:
        """Model predictions for characters of ``text`` at ``positions``, each read in its sentence."""
        assert self.model is not None
        bounds = [0]
        for match in _SENTENCE_END.finditer(text):
            bounds.append(match.end())
        bounds.append(len(text))
        sentences: list[str] = []
        wanted: list[list[int]] = []
        where: list[tuple[int, int]] = []
        current = -1
        b = 0
        for pos in positions:
            while b + 1 < len(bounds) and bounds[b + 1] <= pos:
                b += 1
            if b != current:
                current = b
                sentences.append(text[bounds[b] : bounds[b + 1]])
                wanted.append([])
            wanted[-1].append(pos - bounds[b])
            where.append((len(sentences) - 1, len(wanted[-1]) - 1))
        results = self.model.predict(sentences, wanted)
        return [results[s][k] for s, k in where]


def choose(dictionary: str, prediction: Prediction, first: str) -> str:
    """The reading of one polyphonic character from the dictionary's syllable, the model's and the first reading.

    ``dictionary`` is "" without dictionary evidence, and upper case when it
    comes from a name (see :meth:`ContextReadings.single_reading`).
    """
    model = prediction.reading
    if dictionary and model:
        name = dictionary.isupper()
        dictionary = dictionary.lower()
        if dictionary == model:
            return dictionary
        if not name:
            return dictionary  # a common word's only reading is the dictionary's to give
        if dictionary.endswith("5") and _base(dictionary) == _base(model):
            return dictionary  # a neutral-tone word (知识 zhīshi) keeps its neutral tone
        likelihood = max(prediction.probability(dictionary), UNKNOWN)
        return model if prediction.confidence > OVERRULE * likelihood else dictionary
    return dictionary.lower() or model or first
