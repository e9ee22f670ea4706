"""Context-aware pinyin for segmented words.

Readings are numbered pinyin, one syllable per Han character (``yu4``,
``de5``; ``5`` is the neutral tone; ü is spelled ``v`` as pypinyin does).

How a token's reading is decided, strongest first:

1. the **override** mapping (the glossary's pinyin) for the whole token;
2. ``words`` of the rules file (``content/pinyin_rules.yaml``) for the whole
   token, else pypinyin's phrase data for the token, with the ``words``
   entries also applied to the parts of longer tokens (``长期`` inside
   ``长期存在``);
3. ``neutral`` words of the rules file: the standard neutral-tone words
   (部分 bùfen, 知识 zhīshi), applied to the token or the end of it;
4. citation tones for 一 and 不 (``yi1``, ``bu4``; neutral readings kept);
5. ``context`` rules: a character in a token, read one way when the token,
   the token before or after it, or the text around it match patterns
   (the particles 了 着 得 地, 场 after a numeral, 为 in 沦为 …).

Steps 1–4 are memoised per word. :func:`spoken_tones` turns citation tones
into tones as spoken (一/不 sandhi and third-tone sandhi).

The rules file's model and parser live in :mod:`reader.text.pinyin_rules` and
tone sandhi in :mod:`reader.text.sandhi`; their public names are re-exported
here, so ``from reader.text.pinyin import spoken_tones, split_reading`` keeps working.

pypinyin is imported lazily, on the first reading asked for.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from reader.text.pinyin_rules import (
    CONTEXT_CHARS,
    ContextRule,
    PinyinRules,
    load_pinyin_rules,
    parse_pinyin_rules,
    split_reading,
)
from reader.text.sandhi import spoken_tones
from reader.text.tokens import Token, is_han

__all__ = [
    "CONTEXT_CHARS",
    "ContextRule",
    "PinyinReader",
    "PinyinRules",
    "load_pinyin_rules",
    "parse_pinyin_rules",
    "split_reading",
    "spoken_tones",
]

#: Endings after which a neutral-tone word keeps its neutral tone (商量一下, 认识到).
_NEUTRAL_CARRIERS = frozenset({"一下", "一下儿", "了", "过", "着", "起来", "得", "到", "们"})
_CLAUSE_BREAK = re.compile(r"[，。！？；：、,.!?;:\n“”「」（）()《》—…]")


class PinyinReader:
    """Reads segmented tokens aloud in numbered pinyin (see the module docstring).

    ``overrides`` maps a term to its syllables (the glossary); it beats every
    other source.
    """

    def __init__(
        self,
        rules: PinyinRules | None = None,
        overrides: Mapping[str, Sequence[str]] | None = None,
        memo: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        """``memo``: the memo of :meth:`word` to fill (a word table's, kept between runs), else a new one."""
        self.rules = rules or PinyinRules()
        self.overrides = {k: tuple(v) for k, v in (overrides or {}).items()}
        self._memo: dict[str, tuple[str, ...]] = memo if memo is not None else {}
        self._lock = threading.Lock()
        self._lazy: Any = None
        self._by_char: dict[str, list[ContextRule]] = {}
        for rule in self.rules.context:
            self._by_char.setdefault(rule.char, []).append(rule)
        self._rule_chars = frozenset(self._by_char)
        self._final_chars = frozenset(r.char for r in self.rules.context if r.final or r.contextual or _specific(r))
        self._contextual_chars = frozenset(r.char for r in self.rules.context if r.contextual)
        self._words_by_len = sorted((w for w in self.rules.words if len(w) > 1), key=lambda w: (-len(w), w))
        self._sub_re = re.compile("|".join(re.escape(w) for w in self._words_by_len)) if self._words_by_len else None
        self._neutral_words = frozenset(w for w in self.rules.neutral if len(w) > 1)
        self._neutral_lengths = sorted({len(w) for w in self._neutral_words}, reverse=True)

    # -- loading -----------------------------------------------------------------

    def load(self) -> None:
        """Import pypinyin (about half a second the first time)."""
        if self._lazy is not None:
            return
        with self._lock:
            if self._lazy is None:
                from pypinyin import Style

                lazy_pinyin = _memo_lazy_pinyin()

                def unreadable(chars: str) -> list[str]:
                    return ["?"] * len(chars)

                def convert(text: str) -> list[str]:
                    read = lazy_pinyin(text, style=Style.TONE3, errors=unreadable)
                    # A character pypinyin has no reading for (much of CJK Extension B and later)
                    # gets an empty syllable: no pinyin shown, never "?5" (pypinyin adds the 5).
                    return [syllable if syllable[:1].isalpha() else "" for syllable in read]

                self._lazy = convert

    # -- words -------------------------------------------------------------------

    def word(self, word: str) -> tuple[str, ...]:
        """Citation reading of ``word`` out of context: one syllable per Han character."""
        cached = self._memo.get(word)
        if cached is not None:
            return cached
        reading = self._word_uncached(word)
        self._memo[word] = reading
        return reading

    def _word_uncached(self, word: str) -> tuple[str, ...]:
        han = "".join(c for c in word if is_han(c))
        if not han:
            return ()
        override = self.overrides.get(word)
        if override is not None and len(override) == len(han):
            return override
        fixed = self.rules.words.get(han)
        if fixed is not None:
            return fixed
        syllables = self._pypinyin(han)
        if self._sub_re is not None and len(han) > 2:
            for match in self._sub_re.finditer(han):
                syllables[match.start() : match.end()] = self.rules.words[match.group()]
        neutral_at = self.neutral_position(han)
        if neutral_at is not None:
            syllables[neutral_at] = _neutral(syllables[neutral_at])
        for index, char in enumerate(han):
            if char == "一" and syllables[index] in ("yi2", "yi4"):
                syllables[index] = "yi1"
            elif char == "不" and syllables[index] == "bu2":
                syllables[index] = "bu4"
        for rule_char in self._rule_chars.intersection(han):
            for index, char in enumerate(han):
                if char == rule_char:
                    for rule in self._by_char[char]:
                        if not rule.contextual and _match_token(rule, han):
                            syllables[index] = rule.reading
                            break
        return tuple(syllables)

    def final_positions(self, text: str, spans: Sequence[tuple[int, int, str]], i: int) -> frozenset[int]:
        """Positions of span ``i``'s Han characters that a rule reads for certain (the first rule that matches wins).

        A rule marked ``final``, a rule whose context matched (得 before 很), or a
        rule whose token pattern names more than the bare character
        (``^[一二两]只$``). Only a bare-character default (``为`` alone) is left
        for the polyphone model to overrule.
        """
        start, end, _ = spans[i]
        word = text[start:end]
        han = "".join(c for c in word if is_han(c))
        chars = self._final_chars.intersection(han)
        if not chars or word in self.overrides:
            return frozenset()
        prev_word, next_word, before, after = _surroundings(text, spans, i)
        found: set[int] = set()
        for index, char in enumerate(han):
            if char not in chars:
                continue
            for rule in self._by_char[char]:
                if _match_token(rule, han) and (
                    not rule.contextual or _match_context(rule, prev_word, next_word, before, after)
                ):
                    if rule.final or rule.contextual or _specific(rule):
                        found.add(index)
                    break
        return frozenset(found)

    def has_rules(self, han: str) -> bool:
        """Tell whether :meth:`final_positions` could fix a character of ``han``."""
        return not self._final_chars.isdisjoint(han)

    def fixed_positions(self, han: str) -> frozenset[int]:
        """Positions of ``han`` whose reading curated data decides, which later stages must keep.

        All of a glossary term (an override) or a ``words`` entry of the rules
        file; the characters of a ``words`` entry inside a longer token; the
        last syllable of a neutral-tone word the token ends with.
        """
        if han in self.overrides or han in self.rules.words:
            return frozenset(range(len(han)))
        fixed: set[int] = set()
        if self._sub_re is not None and len(han) > 2:
            for match in self._sub_re.finditer(han):
                fixed.update(range(match.start(), match.end()))
        neutral_at = self.neutral_position(han)
        if neutral_at is not None:
            fixed.add(neutral_at)
        return frozenset(fixed)

    def neutral_position(self, han: str) -> int | None:
        """The syllable of ``han`` a neutral-tone word of the rules file makes neutral, or None.

        The longest neutral word wins: one ``han`` ends with (部分 in 大部分: the
        last syllable), or one it starts with before a carrier ending (商量 in
        商量一下: 量). At equal lengths the ending wins (漂亮起来: 起来, since
        起来 is a neutral word too). The words are looked up by length (a few
        set lookups), not scanned.
        """
        words = self._neutral_words
        size = len(han)
        for length in self._neutral_lengths:
            if length > size:
                continue
            if han[size - length :] in words:
                return size - 1
            if han[length:] in _NEUTRAL_CARRIERS and han[:length] in words:
                return length - 1
        return None

    def _pypinyin(self, han: str) -> list[str]:
        if self._lazy is None:
            self.load()
        syllables: list[str] = self._lazy(han)
        if len(syllables) != len(han):  # characters pypinyin cannot read
            syllables = [self._lazy(c)[0] if len(self._lazy(c)) == 1 else "" for c in han]
        return syllables

    # -- tokens in context -----------------------------------------------------------

    def read_spans(self, text: str, spans: Sequence[tuple[int, int, str]]) -> list[tuple[str, ...]]:
        """Readings of the ``(start, end, kind)`` spans of ``text``, in context; ``()`` for non-Han."""
        out: list[tuple[str, ...]] = []
        contextual = self._contextual_chars
        n = len(spans)
        for i, (start, end, kind) in enumerate(spans):
            if kind != "han":
                out.append(())
                continue
            word = text[start:end]
            reading = self.word(word)
            if contextual and not contextual.isdisjoint(word):
                reading = self._in_context(text, spans, i, n, word, reading)
            out.append(reading)
        return out

    def _in_context(
        self, text: str, spans: Sequence[tuple[int, int, str]], i: int, n: int, word: str, reading: tuple[str, ...]
    ) -> tuple[str, ...]:
        if word in self.overrides:
            return reading
        prev_word, next_word, before, after = _surroundings(text, spans, i)
        han = "".join(c for c in word if is_han(c))
        syllables = list(reading)
        for index, char in enumerate(han):
            for rule in self._by_char.get(char, ()):
                if not rule.contextual:
                    continue
                if _match_token(rule, han) and _match_context(rule, prev_word, next_word, before, after):
                    syllables[index] = rule.reading
                    break
        return tuple(syllables)

    def annotate(self, text: str, tokens: Sequence[Token], offset: int = 0) -> list[Token]:
        """``tokens`` (offsets into ``text`` shifted by ``offset``) with ``syllables`` filled in."""
        spans = [(t.start - offset, t.end - offset, t.kind) for t in tokens]
        readings = self.read_spans(text, spans)
        return [replace(t, syllables=r) if r else t for t, r in zip(tokens, readings, strict=True)]


def _memo_lazy_pinyin() -> Any:
    """The ``lazy_pinyin`` of pypinyin with ``neutral_tone_with_five``, with each segment's conversion memoised.

    ``pypinyin.lazy_pinyin`` builds a new converter for every call, then for
    each segment of its own word segmentation (a phrase of its data, else one
    character) looks the readings up and converts every syllable to the
    numbered style through a chain of regular expressions: some 150 µs a word,
    paid for each distinct word of a text. A segment's result depends on the
    segment alone (the phrase and character tables, the style and ``errors``,
    fixed for this reader), so one converter is kept, and it remembers each
    segment's syllables: the segmentation and the table lookups are pypinyin's
    own, and ``tests/unit/test_pinyin_memo.py`` checks the result is the same
    as ``lazy_pinyin``'s on every word of the bundled texts.
    """
    from pypinyin import Style
    from pypinyin.converter import UltimateConverter
    from pypinyin.core import Pinyin

    class MemoConverter(UltimateConverter):
        """``UltimateConverter(neutral_tone_with_five=True)`` that remembers each segment's result."""

        def __init__(self) -> None:
            super().__init__(neutral_tone_with_five=True)
            self._segments: dict[tuple[str, Style, bool, bool, object], list[list[str]]] = {}

        def convert(
            self, words: str, style: Style, heteronym: bool, errors: Any, strict: bool = True, **kwargs: Any
        ) -> list[list[str]]:
            if kwargs:
                return super().convert(words, style, heteronym, errors, strict, **kwargs)
            key = (words, style, heteronym, strict, errors)
            found = self._segments.get(key)
            if found is None:
                found = super().convert(words, style, heteronym, errors, strict)
                if len(self._segments) > 500_000:
                    self._segments.clear()
                self._segments[key] = found
            # Callers extend their own list with the segment's items and never change an item;
            # a copy of the outer list keeps even a caller that did from changing the memo.
            return [list(item) for item in found]

    return Pinyin(MemoConverter()).lazy_pinyin


def _specific(rule: ContextRule) -> bool:
    """Tell whether a rule's token pattern names more than the bare character (``^[一二两]只$``, not ``^为$``).

    Such a rule reads the character in the words it names, which is evidence the
    polyphone model must not overrule; a bare-character rule is only a default.
    """
    return rule.token is not None and rule.token.pattern not in (f"^{rule.char}$", rule.char)


def _neutral(syllable: str) -> str:
    """The neutral-tone form of a numbered syllable."""
    return syllable.rstrip("012345") + "5"


def _match_token(rule: ContextRule, han: str) -> bool:
    return rule.token is None or rule.token.search(han) is not None


def _match_context(rule: ContextRule, prev_word: str, next_word: str, before: str, after: str) -> bool:
    checks = (
        (rule.prev, prev_word, True),
        (rule.next, next_word, True),
        (rule.before, before, True),
        (rule.after, after, True),
        (rule.not_prev, prev_word, False),
        (rule.not_next, next_word, False),
        (rule.not_before, before, False),
        (rule.not_after, after, False),
    )
    for pattern, subject, wanted in checks:
        if pattern is not None and (pattern.search(subject) is not None) != wanted:
            return False
    return True


def _surroundings(text: str, spans: Sequence[tuple[int, int, str]], i: int) -> tuple[str, str, str, str]:
    """What a context rule looks at for span ``i``: the previous and next token, the clause before and after."""
    start, end, _ = spans[i]
    prev_word = text[spans[i - 1][0] : spans[i - 1][1]] if i > 0 else ""
    next_word = text[spans[i + 1][0] : spans[i + 1][1]] if i + 1 < len(spans) else ""
    before = _clause_tail(text[max(0, start - CONTEXT_CHARS) : start])
    after = _clause_head(text[end : end + CONTEXT_CHARS])
    return prev_word, next_word, before, after


def _clause_tail(text: str) -> str:
    """The part of ``text`` after its last clause break."""
    parts = _CLAUSE_BREAK.split(text)
    return parts[-1]


def _clause_head(text: str) -> str:
    """The part of ``text`` before its first clause break."""
    return _CLAUSE_BREAK.split(text, maxsplit=1)[0]
