"""The glossary's data model and field rules, without any YAML.

Owns the format constants (:data:`GLOSSARY_VERSION`, :data:`CATEGORIES`,
:data:`STRING_FIELDS`, :data:`ALL_FIELDS`), the pinyin check for a term's
reading (:func:`pinyin_problem`, :func:`han_count`) and the loaded result:
:class:`GlossaryEntry`, :class:`GlossaryProblem` and :class:`Glossary`.

The YAML-node validation that produces these lives in
:mod:`reader.text.glossary_validate`; :mod:`reader.text.glossary` is the public
face and re-exports every name here. Pure module: the standard library and
:mod:`reader.text.tokens` only, so importing it never pulls in ``yaml``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from reader.text.tokens import is_han

__all__ = [
    "ALL_FIELDS",
    "CATEGORIES",
    "GLOSSARY_VERSION",
    "STRING_FIELDS",
    "Glossary",
    "GlossaryEntry",
    "GlossaryProblem",
    "han_count",
    "pinyin_problem",
]

#: The newest glossary file format this module understands.
GLOSSARY_VERSION = 1
#: Allowed values of ``category``. The article's glossary files its AI terms under
#: ``ai-ml``; the AI glossary (``content/ai_glossary.yaml``) uses the finer
#: ``architecture`` ... ``hardware`` plus ``company`` and ``product``.
CATEGORIES: tuple[str, ...] = (
    "ai-ml",
    "industry",
    "business",
    "company",
    "product",
    "general",
    "architecture",
    "training",
    "evaluation",
    "data",
    "inference",
    "hardware",
)
#: Fields every entry must have, all non-empty strings (``pinyin`` may be empty
#: only when the term has no Han characters).
STRING_FIELDS: tuple[str, ...] = ("term", "pinyin", "gloss", "explanation", "definition_zh", "category")
#: ``related`` is optional; when present it is a list of terms of the glossary.
ALL_FIELDS: tuple[str, ...] = (*STRING_FIELDS, "related")

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN_CHARS = re.compile(rf"^[a-zü{_TONED}]+$")
_SYLLABLE = re.compile(
    r"^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|üan|ai|ei|ao|ou|an|en|in|un|ün|"
    r"ia|ie|iu|ua|uo|ui|üe|ue|er|a|o|e|i|u|ü)$"
)


def han_count(text: str) -> int:
    """Count the Han characters in ``text``."""
    return sum(1 for ch in text if is_han(ch))


def _base_syllable(syllable: str) -> tuple[str, int]:
    """Strip tone marks: ``"lǜ"`` -> ``("lü", 1)``; the int counts tone marks."""
    marks = 0
    out = []
    for ch in unicodedata.normalize("NFD", syllable):
        if ch in "\u0304\u0301\u030c\u0300":
            marks += 1
        else:
            out.append(ch)
    return unicodedata.normalize("NFC", "".join(out)), marks


def pinyin_problem(pinyin: str, term: str) -> str | None:
    """Say what is wrong with ``pinyin`` as the reading of ``term``, or return ``None``.

    Pinyin is tone-marked syllables separated by single spaces, one syllable per
    Han character of the term. Terms without Han characters (OpenAI, GPT-4o) may
    have empty pinyin.
    """
    expected = han_count(term)
    if not pinyin:
        return f"pinyin is empty but {term!r} has Han characters" if expected else None
    if any(ch.isdigit() for ch in pinyin):
        return f"pinyin {pinyin!r} has digits: write tone marks (yù xùn liàn), not tone numbers"
    syllables = pinyin.split(" ")
    if any(not s for s in syllables):
        return f"pinyin {pinyin!r} must be syllables separated by single spaces"
    lowered = [unicodedata.normalize("NFC", s.lower()) for s in syllables]
    for syllable, low in zip(syllables, lowered, strict=True):
        if not _PINYIN_CHARS.match(low):
            return f"pinyin {pinyin!r} has non-pinyin characters in {syllable!r}"
    if expected and len(syllables) != expected:
        count = len(syllables)
        return (
            f"pinyin {pinyin!r} has {count} syllable{'s' if count != 1 else ''} "
            f"but {term!r} has {expected} Han character{'s' if expected != 1 else ''}"
        )
    for syllable, low in zip(syllables, lowered, strict=True):
        base, marks = _base_syllable(low)
        if marks > 1 or not _SYLLABLE.match(base):
            return f"pinyin {pinyin!r}: {syllable!r} is not a pinyin syllable"
    return None


@dataclass(frozen=True)
class GlossaryEntry:
    """One curated term."""

    term: str
    pinyin: str
    gloss: str
    explanation: str
    definition_zh: str
    category: str
    related: tuple[str, ...] = ()


@dataclass(frozen=True)
class GlossaryProblem:
    """A problem found while loading a glossary file: where it is and what is wrong."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        """``path:line: message``, the form compilers use."""
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Glossary:
    """Curated terms by headword, plus the problems met while loading them."""

    entries: dict[str, GlossaryEntry] = field(default_factory=dict)
    problems: list[GlossaryProblem] = field(default_factory=list)
    #: The file each term's entry came from (the last one that defined it), where known.
    sources: dict[str, str] = field(default_factory=dict)

    def get(self, term: str) -> GlossaryEntry | None:
        """Return the entry for ``term``, or ``None``."""
        return self.entries.get(term)

    def terms(self) -> list[str]:
        """All terms, longest first (ties in code-point order): the order for matching text."""
        return sorted(self.entries, key=lambda t: (-len(t), t))

    def __contains__(self, term: object) -> bool:
        return term in self.entries

    def __len__(self) -> int:
        return len(self.entries)
