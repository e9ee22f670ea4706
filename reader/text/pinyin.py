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

pypinyin is imported lazily, on the first reading asked for.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reader.text.tokens import Token, is_han

#: Context a rule may look at, in characters, on each side of the token.
CONTEXT_CHARS = 12
#: Endings after which a neutral-tone word keeps its neutral tone (商量一下, 认识到).
_NEUTRAL_CARRIERS = frozenset({"一下", "一下儿", "了", "过", "着", "起来", "得", "到", "们"})
_CLAUSE_BREAK = re.compile(r"[，。！？；：、,.!?;:\n“”「」（）()《》—…]")


@dataclass(frozen=True)
class ContextRule:
    """Read ``char`` as ``reading`` where all the given patterns match.

    ``token`` is searched in the token's text, ``prev`` / ``next`` in the
    neighbouring tokens' texts, ``before`` / ``after`` in the text of the same
    clause before and after the token (at most :data:`CONTEXT_CHARS`).
    ``not_*`` patterns veto the rule when they match.
    """

    char: str
    reading: str
    token: re.Pattern[str] | None = None
    prev: re.Pattern[str] | None = None
    next: re.Pattern[str] | None = None
    before: re.Pattern[str] | None = None
    after: re.Pattern[str] | None = None
    not_prev: re.Pattern[str] | None = None
    not_next: re.Pattern[str] | None = None
    not_before: re.Pattern[str] | None = None
    not_after: re.Pattern[str] | None = None

    @property
    def contextual(self) -> bool:
        """True when the rule looks beyond the token itself."""
        return any(
            p is not None
            for p in (
                self.prev,
                self.next,
                self.before,
                self.after,
                self.not_prev,
                self.not_next,
                self.not_before,
                self.not_after,
            )
        )


@dataclass(frozen=True)
class PinyinRules:
    """Word readings, neutral-tone words and context rules (see the module docstring)."""

    words: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    neutral: frozenset[str] = frozenset()
    context: tuple[ContextRule, ...] = ()
    fingerprint: str = ""


_PATTERN_KEYS = ("token", "prev", "next", "before", "after", "not_prev", "not_next", "not_before", "not_after")


def load_pinyin_rules(path: Path | str | None) -> PinyinRules:
    """Read the rules file (``content/pinyin_rules.yaml``); a missing file gives no rules.

    Shape::

        version: 1
        words:   {沦为: lun2 wei2, ...}       # whole readings, one syllable per character
        neutral: [部分, 任务, ...]             # last syllable read neutral (tone 5)
        context:                               # first matching rule per character wins
          - {char: 得, reading: dei3, token: "^得$", prev: "^(我|你|他)$"}

    A malformed entry raises ``ValueError`` naming it.
    """
    if path is None or not Path(path).is_file():
        return PinyinRules()
    import hashlib

    import yaml

    raw_text = Path(path).read_text(encoding="utf-8")
    data = yaml.safe_load(raw_text) or {}
    if not isinstance(data, Mapping):
        raise ValueError(f"{path}: expected a mapping at the top")
    return parse_pinyin_rules(
        data, fingerprint=hashlib.sha256(raw_text.encode("utf-8")).hexdigest()[:16], source=str(path)
    )


def parse_pinyin_rules(data: Mapping[str, Any], fingerprint: str = "", source: str = "rules") -> PinyinRules:
    """Build :class:`PinyinRules` from the parsed YAML mapping."""
    words: dict[str, tuple[str, ...]] = {}
    for word, reading in (data.get("words") or {}).items():
        syllables = split_reading(str(reading))
        if len(syllables) != sum(1 for c in str(word) if is_han(c)):
            raise ValueError(f"{source}: words: {word!r} has {len(syllables)} syllables for {len(word)} characters")
        words[str(word)] = syllables
    neutral = frozenset(str(w) for w in (data.get("neutral") or []))
    rules: list[ContextRule] = []
    for number, item in enumerate(data.get("context") or [], start=1):
        if not isinstance(item, Mapping) or "char" not in item or "reading" not in item:
            raise ValueError(f"{source}: context rule {number} needs 'char' and 'reading'")
        patterns = {key: re.compile(str(item[key])) for key in _PATTERN_KEYS if item.get(key) is not None}
        rules.append(ContextRule(char=str(item["char"]), reading=str(item["reading"]), **patterns))
    return PinyinRules(words=words, neutral=neutral, context=tuple(rules), fingerprint=fingerprint)


def split_reading(reading: str) -> tuple[str, ...]:
    """``"yu4 xun4"`` or ``"yu4xun4"`` → ``("yu4", "xun4")``; ``u:``/``ü`` become ``v``."""
    text = reading.strip().lower().replace("u:", "v").replace("ü", "v")
    return tuple(re.findall(r"[a-z]+[0-5]?", text))


class PinyinReader:
    """Reads segmented tokens aloud in numbered pinyin (see the module docstring).

    ``overrides`` maps a term to its syllables (the glossary); it beats every
    other source.
    """

    def __init__(self, rules: PinyinRules | None = None, overrides: Mapping[str, Sequence[str]] | None = None) -> None:
        self.rules = rules or PinyinRules()
        self.overrides = {k: tuple(v) for k, v in (overrides or {}).items()}
        self._memo: dict[str, tuple[str, ...]] = {}
        self._lock = threading.Lock()
        self._lazy: Any = None
        self._by_char: dict[str, list[ContextRule]] = {}
        for rule in self.rules.context:
            self._by_char.setdefault(rule.char, []).append(rule)
        self._rule_chars = frozenset(self._by_char)
        self._contextual_chars = frozenset(r.char for r in self.rules.context if r.contextual)
        self._words_by_len = sorted((w for w in self.rules.words if len(w) > 1), key=lambda w: (-len(w), w))
        self._sub_re = re.compile("|".join(re.escape(w) for w in self._words_by_len)) if self._words_by_len else None
        self._neutral_suffixes = sorted({w for w in self.rules.neutral if len(w) > 1}, key=len, reverse=True)

    # -- loading -----------------------------------------------------------------

    def load(self) -> None:
        """Import pypinyin (about half a second the first time)."""
        if self._lazy is not None:
            return
        with self._lock:
            if self._lazy is None:
                from pypinyin import Style, lazy_pinyin

                def unreadable(chars: str) -> list[str]:
                    return ["?"] * len(chars)

                def convert(text: str) -> list[str]:
                    return list(lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True, errors=unreadable))  # type: ignore[arg-type]

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
        for neutral in self._neutral_suffixes:
            if han.endswith(neutral):
                syllables[-1] = _neutral(syllables[-1])
                break
            if han.startswith(neutral) and han[len(neutral) :] in _NEUTRAL_CARRIERS:
                syllables[len(neutral) - 1] = _neutral(syllables[len(neutral) - 1])
                break
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

    def _pypinyin(self, han: str) -> list[str]:
        if self._lazy is None:
            self.load()
        syllables: list[str] = self._lazy(han)
        if len(syllables) != len(han):  # characters pypinyin cannot read
            syllables = [self._lazy(c)[0] if len(self._lazy(c)) == 1 else "?" for c in han]
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
        start, end, _ = spans[i]
        prev_word = text[spans[i - 1][0] : spans[i - 1][1]] if i > 0 else ""
        next_word = text[spans[i + 1][0] : spans[i + 1][1]] if i + 1 < n else ""
        before = _clause_tail(text[max(0, start - CONTEXT_CHARS) : start])
        after = _clause_head(text[end : end + CONTEXT_CHARS])
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

    def read_words(self, words: Sequence[str]) -> list[tuple[str, ...]]:
        """Readings of consecutive token texts (a segmented sentence), in context."""
        text = "".join(words)
        spans: list[tuple[int, int, str]] = []
        pos = 0
        for word in words:
            kind = "han" if any(is_han(c) for c in word) else "other"
            spans.append((pos, pos + len(word), kind))
            pos += len(word)
        return self.read_spans(text, spans)

    def annotate(self, text: str, tokens: Sequence[Token], offset: int = 0) -> list[Token]:
        """``tokens`` (offsets into ``text`` shifted by ``offset``) with ``syllables`` filled in."""
        spans = [(t.start - offset, t.end - offset, t.kind) for t in tokens]
        readings = self.read_spans(text, spans)
        return [replace(t, syllables=r) if r else t for t, r in zip(tokens, readings, strict=True)]


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


def _clause_tail(text: str) -> str:
    """The part of ``text`` after its last clause break."""
    parts = _CLAUSE_BREAK.split(text)
    return parts[-1]


def _clause_head(text: str) -> str:
    """The part of ``text`` before its first clause break."""
    return _CLAUSE_BREAK.split(text, maxsplit=1)[0]


# -- tones as spoken -------------------------------------------------------------------

_DIGITS = set("〇零一二三四五六七八九十")
_BIG_UNITS = set("百千万亿")


def _tone(syllable: str) -> int:
    return int(syllable[-1]) if syllable and syllable[-1].isdigit() else 5


def _with_tone(syllable: str, tone: int) -> str:
    return syllable.rstrip("012345") + str(tone)


def spoken_tones(
    words: Iterable[Token | tuple[str, Sequence[str]] | Sequence[str]], texts: Sequence[str] | None = None
) -> list[tuple[str, ...]]:
    """Apply tone sandhi to citation readings, for the "tones as spoken" view.

    ``words`` are the tokens in order: :class:`Token` objects, ``(text,
    syllables)`` pairs, or bare syllable sequences (then pass their ``texts``,
    or 一 and 不 cannot be told from homophones and only third-tone sandhi
    applies). Non-Han tokens have no syllables and break prosodic units.
    Returns the spoken syllables per token:

    - 一: yí before a 4th (or neutral) tone, yì before 1st/2nd/3rd; yī when
      counting or ordinal (第一, 十一, 一九), at the end of a word or phrase;
    - 不: bú before a 4th tone;
    - third tone: in a run of 3rd tones inside a word, every one but the last
      reads 2nd (展览馆 zhán lán guǎn); a one-character word joins the next word
      (很好 hén hǎo).
    """
    pairs = _as_pairs(words, texts)
    items = [(text, list(syllables)) for text, syllables in pairs]
    flat: list[tuple[int, int, str]] = []  # (item index, syllable index, han char)
    for item_index, (text, syllables) in enumerate(items):
        han = [c for c in text if is_han(c)] if text is not None else ["?"] * len(syllables)
        if len(han) != len(syllables):
            flat.append((-1, -1, ""))
            continue
        for syllable_index, char in enumerate(han):
            flat.append((item_index, syllable_index, char))
        if len(han) == 0:
            flat.append((-1, -1, ""))
    original = {(a, b): items[a][1][b] for a, b, _ in flat if a >= 0}

    def syllable_at(k: int) -> str | None:
        if 0 <= k < len(flat) and flat[k][0] >= 0:
            return original[(flat[k][0], flat[k][1])]
        return None

    # Third-tone sandhi first, on the citation tones (so 一/不 changes do not feed it).
    for item_index, (_text, syllables) in enumerate(items):
        if not syllables:
            continue
        tones = [_tone(s) for s in syllables]
        for k in range(len(tones) - 1):
            if tones[k] == 3 and tones[k + 1] == 3:
                syllables[k] = _with_tone(syllables[k], 2)
        # A one-character word before a word that starts with a 3rd tone.
        if len(syllables) == 1 and tones[0] == 3 and item_index + 1 < len(items):
            following = original.get((item_index + 1, 0))
            next_text = items[item_index + 1][0]
            starts_han = next_text is None or (bool(next_text) and is_han(next_text[0]))
            if following is not None and _tone(following) == 3 and starts_han:
                syllables[0] = _with_tone(syllables[0], 2)

    for k, (item_index, syllable_index, char) in enumerate(flat):
        if item_index < 0 or char not in "一不":
            continue
        current = original[(item_index, syllable_index)]
        if _tone(current) == 5:
            continue
        following = syllable_at(k + 1)
        next_char = flat[k + 1][2] if k + 1 < len(flat) else ""
        prev_char = flat[k - 1][2] if k > 0 else ""
        text, syllables = items[item_index]
        if char == "不":
            if following is not None and _tone(following) == 4:
                syllables[syllable_index] = "bu2"
            continue
        # 一
        word_han = [c for c in text or "" if is_han(c)]
        at_word_end = syllable_index == len(word_han) - 1 and len(word_han) > 1
        if following is None or at_word_end or prev_char in _DIGITS or prev_char == "第" or next_char in _DIGITS:
            if next_char not in _BIG_UNITS or following is None:
                syllables[syllable_index] = "yi1"
                continue
        tone = _tone(following)
        syllables[syllable_index] = "yi2" if tone in (4, 5) else "yi4"
    return [tuple(s) for _, s in items]


def _as_pairs(
    words: Iterable[Token | tuple[str, Sequence[str]] | Sequence[str]], texts: Sequence[str] | None
) -> list[tuple[str | None, Sequence[str]]]:
    """Normalise the inputs of :func:`spoken_tones` to ``(text or None, syllables)``."""
    pairs: list[tuple[str | None, Sequence[str]]] = []
    for index, item in enumerate(words):
        if isinstance(item, Token):
            pairs.append((item.text, item.syllables))
        elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str) and not isinstance(item[1], str):
            pairs.append((item[0], item[1]))
        else:
            syllables = [str(s) for s in item]
            text = texts[index] if texts is not None and index < len(texts) else None
            pairs.append((text, syllables))
    return pairs
