"""Part-of-speech tags of words, for the context conditions of the sense chooser.

The tags are those of jieba's dictionary (``n`` noun, ``v`` verb, ``vn``
verbal noun, ``a`` adjective, ``d`` adverb, ``m`` numeral, ``q`` classifier,
``r`` pronoun, ``p`` preposition, ``u…`` particles, ``x`` punctuation …),
looked up through rjieba (jieba-rs), which loads its dictionary in about
0.1 s and answers in under a microsecond. They are a word's usual class, not
a parse of the sentence: enough to tell 在 before a verb (在发展) from 在
before a place (在北京).

Without rjieba installed every word's tag is ``""``: conditions on tags then
never hold, and the default uses are chosen.

jieba's dictionary calls many verbs nouns: 产生, 小心, 利用, 读书, 点菜 are
``n`` there. Given ``verbal`` (a test on the dictionary: every common sense of
the word is a verb's, "to …"), such a word of two or more characters is tagged
``v``, so that 想 | 点菜 is "to want to", not "to miss (sb)". Names (``nr``,
``ns``, ``nt``, ``nz``) keep their tag.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

from reader.text.tokens import is_han

__all__ = ["Tagger"]

_MEMO_MAX = 100_000
#: Common free words that jieba's dictionary tags ``zg`` (a bound morpheme), a tag no rule can
#: use, with the class every dictionary gives them: 您 is a pronoun like 你, 很 a degree adverb.
_CORRECTED = {"您": "r", "很": "d", "丢": "v", "往": "p", "且": "c"}
#: Noun tags of names, which a verb-like gloss never changes.
_NAMES = frozenset({"nr", "ns", "nt", "nz"})


class Tagger:
    """``tagger(word) -> tag``: jieba's dictionary tag of a token's text, memoised.

    Punctuation is ``x``, Latin words ``eng``, numbers ``m``; a curated
    ``term`` (a glossary entry) is a noun, ``n``. A word jieba's dictionary
    splits takes the tag of its last piece (a numeral phrase, ``m``, when all
    pieces are numerals or classifiers).
    """

    def __init__(self, terms: Iterable[str] = (), verbal: Callable[[str], bool] | None = None) -> None:
        self._terms = frozenset(terms)
        self._verbal = verbal
        self._memo: dict[str, str] = {}
        self._lock = threading.Lock()
        self._tag: Callable[[str], list[tuple[str, str]]] | None = None
        self._loaded = False

    def _load(self) -> Callable[[str], list[tuple[str, str]]] | None:
        with self._lock:
            if not self._loaded:
                self._loaded = True
                try:
                    import rjieba

                    self._tag = rjieba.tag
                except ImportError:
                    self._tag = None
        return self._tag

    def __call__(self, word: str) -> str:
        """The tag of ``word`` ("" when unknown)."""
        found = self._memo.get(word)
        if found is not None:
            return found
        tag = self._classify(word)
        if len(self._memo) > _MEMO_MAX:
            self._memo.clear()
        self._memo[word] = tag
        return tag

    def _classify(self, word: str) -> str:
        if not word:
            return ""
        if word in self._terms:
            return "n"
        corrected = _CORRECTED.get(word)
        if corrected is not None:
            return corrected
        if not any(is_han(c) for c in word):
            if word[0].isdigit() or word[0] in "０１２３４５６７８９":
                return "m"
            if word[0].isalpha():
                return "eng"
            return "x"
        tag = self._tag if self._loaded else self._load()
        if tag is None:
            return ""
        pieces = tag(word)
        if not pieces:
            return ""
        if len(pieces) == 1:
            found = pieces[0][1]
            if (
                found[:1] == "n"
                and found[:2] not in _NAMES
                and len(word) > 1
                and self._verbal is not None
                and self._verbal(word)
            ):
                return "v"  # jieba's noun that every dictionary sense makes a verb (产生, 点菜)
            return found
        if all(t[:1] in ("m", "q") for _, t in pieces):
            return "m"
        return pieces[-1][1]
