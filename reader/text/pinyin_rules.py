"""The pinyin rules file (``content/pinyin_rules.yaml``): its data model and its parser.

:class:`PinyinRules` holds whole-word readings, the neutral-tone words and the
context rules (:class:`ContextRule`) that :class:`reader.text.pinyin.PinyinReader`
applies; :func:`load_pinyin_rules` reads the file and :func:`parse_pinyin_rules`
checks its parsed mapping. :func:`split_reading` splits a numbered reading into
syllables. Every public name here is re-exported from :mod:`reader.text.pinyin`.

``yaml`` is imported lazily, when a rules file is actually read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.text.tokens import is_han

#: Context a rule may look at, in characters, on each side of the token.
CONTEXT_CHARS = 12


@dataclass(frozen=True)
class ContextRule:
    """Read ``char`` as ``reading`` where all the given patterns match.

    ``token`` is searched in the token's text, ``prev`` / ``next`` in the
    neighbouring tokens' texts, ``before`` / ``after`` in the text of the same
    clause before and after the token (at most :data:`CONTEXT_CHARS`).
    ``not_*`` patterns veto the rule when they match. A ``final`` rule's
    reading is certain: the polyphone model never overrules it
    (:mod:`reader.text.context_readings`); other rules are defaults it may.
    """

    char: str
    reading: str
    final: bool = False
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

    from reader.storage.yamlio import YAMLSyntaxError, load_yaml_text

    raw_text = Path(path).read_text(encoding="utf-8")
    try:  # the parse memo answers a file read before (pure-Python PyYAML took ~0.35 s a start)
        data = load_yaml_text(raw_text, memo=f"pinyin rules {path}") or {}
    except YAMLSyntaxError as error:
        raise ValueError(f"{path}: {error}") from error
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
        rules.append(
            ContextRule(
                char=str(item["char"]), reading=str(item["reading"]), final=bool(item.get("final", False)), **patterns
            )
        )
    return PinyinRules(words=words, neutral=neutral, context=tuple(rules), fingerprint=fingerprint)


def split_reading(reading: str) -> tuple[str, ...]:
    """``"yu4 xun4"`` or ``"yu4xun4"`` → ``("yu4", "xun4")``; ``u:``/``ü`` become ``v``."""
    text = reading.strip().lower().replace("u:", "v").replace("ü", "v")
    return tuple(re.findall(r"[a-z]+[0-5]?", text))
