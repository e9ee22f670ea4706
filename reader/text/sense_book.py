"""The learner glosses as data: the uses of each word, and the YAML files they are read from.

A :class:`SenseBook` maps each word of ``content/senses/*.yaml`` (docs/SENSES.md)
to its uses (:class:`Use`) in file order, each with its reading, gloss and the
``when`` :class:`Condition` under which it applies; :func:`load_sense_book`
reads the files (``yaml`` only then) and :func:`parse_sense_book` checks one.
:class:`Sense` is what the chooser (:mod:`reader.text.senses`) answers.
Pure module: no UI.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from reader.errors import ReaderError

if TYPE_CHECKING:
    from reader.text.sense_context import Context

__all__ = [
    "BOUND_POSITIONS",
    "CONDITION_KEYS",
    "Condition",
    "Sense",
    "SenseBook",
    "Use",
    "load_sense_book",
    "parse_sense_book",
    "reading_key",
    "same_but_neutral",
    "sense_file_data",
]

#: The condition keys of a use's ``when`` (docs/SENSES.md).
CONDITION_KEYS = ("prev", "next", "before", "after", "prev_tag", "next_tag", "sentence_before")


# -- the data -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Condition:
    """The ``when`` of a use: ``(key, pattern source, negated)`` checks that must all hold.

    A pattern is compiled when a check first looks at it (:func:`_compiled`): the
    learner glosses hold some 900 distinct patterns, a tenth of a second to
    compile, and a text reaches only the few of its own words.
    """

    checks: tuple[tuple[str, str, bool], ...]

    def holds(self, context: Context) -> bool:
        """Tell whether every check holds in ``context`` (a pattern that does not compile never holds)."""
        for key, source, negated in self.checks:
            pattern = _compiled(source)
            if pattern is None or (pattern.search(context.get(key)) is not None) == negated:
                return False
        return True


@dataclass(frozen=True, slots=True)
class Use:
    """One use of a word in the learner glosses."""

    reading: tuple[str, ...]
    gloss: str
    when: Condition | None = None
    note: str = ""
    measure: bool = False
    bound: str = ""  # "suffix" / "prefix": a use only inside a longer word no dictionary lists


#: Where a bound use applies: as the last or the first character of a word glossed part by part.
BOUND_POSITIONS = ("suffix", "prefix")


@dataclass(frozen=True, slots=True)
class Sense:
    """The meaning chosen for a word here, where it came from, and its reading."""

    gloss: str
    source: str = "none"  # yours | glossary | learner | dictionary | name | composed | none
    reading: tuple[str, ...] = ()
    note: str = ""


@dataclass
class SenseBook:
    """The learner glosses: word → uses in file order; ``problems`` holds what could not be read."""

    uses: dict[str, tuple[Use, ...]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    #: (character, "suffix" / "prefix") → its bound uses: 性 "-ity" closing 可解释性.
    affixes: dict[tuple[str, str], tuple[Use, ...]] = field(default_factory=dict)
    _measures: dict[str, bool] = field(default_factory=dict, repr=False, compare=False)

    def get(self, word: str) -> tuple[Use, ...]:
        """The uses of ``word`` (empty when it is not covered)."""
        return self.uses.get(word, ())

    @cached_property
    def sentence_chars(self) -> frozenset[str]:
        """The characters of the words whose uses look at ``sentence_before`` (还, 又).

        Only a token holding one needs the sentence in the gloss memo's key. Asked for
        once the book is loaded.
        """
        return frozenset(
            char
            for word, uses in self.uses.items()
            if any(
                use.when is not None and any(key == "sentence_before" for key, _, _ in use.when.checks) for use in uses
            )
            for char in word
        )

    def is_measure(self, char: str) -> bool:
        """Tell whether a use of ``char`` is a classifier's (``measure``), memoised per character.

        Asked for the first character of nearly every token by the segmentation
        repair; the memo is cleared whenever a file adds words to the book.
        """
        memo = self._measures
        found = memo.get(char)
        if found is None:
            found = memo[char] = any(use.measure for use in self.uses.get(char, ()))
        return found

    def affix(self, char: str, position: str) -> tuple[Use, ...]:
        """The bound uses of ``char`` at ``position`` ("suffix" or "prefix") of a longer word."""
        return self.affixes.get((char, position), ())

    def contextual(self, word: str) -> bool:
        """Tell whether any use of ``word`` has conditions (its sense then depends on context)."""
        return any(use.when is not None for use in self.uses.get(word, ()))


def reading_key(syllables: Iterable[str]) -> tuple[str, ...]:
    """Lowercase syllables with ü as ``v``: the form readings are compared in.

    Memoised for tuples (the readings of tokens, shared by every occurrence of a word).
    """
    if isinstance(syllables, tuple):
        found = _READING_KEYS.get(syllables)
        if found is None:
            if len(_READING_KEYS) > 100_000:
                _READING_KEYS.clear()
            found = _READING_KEYS[syllables] = tuple(s.lower().replace("u:", "v").replace("ü", "v") for s in syllables)
        return found
    return tuple(s.lower().replace("u:", "v").replace("ü", "v") for s in syllables)


_READING_KEYS: dict[tuple[str, ...], tuple[str, ...]] = {}


def same_but_neutral(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Tell whether two readings differ only where one of them has the neutral tone (笑话 hua4 / hua5)."""
    if len(one) != len(other) or not one:
        return False
    for a, b in zip(one, other, strict=True):
        if a != b and (a[:-1] != b[:-1] or "5" not in (a[-1:], b[-1:])):
            return False
    return True


@cache
def _pattern(source: str) -> re.Pattern[str]:
    """``re.compile(source)``, once per distinct pattern (a third of the files' 1,400 patterns repeat)."""
    return re.compile(source)


@cache
def _compiled(source: str) -> re.Pattern[str] | None:
    """The pattern of a condition's ``source``, compiled on first use; None when it does not compile."""
    try:
        return _pattern(source)
    except re.error:
        return None


def _condition(raw: object, where: str, check_patterns: bool = True) -> Condition:
    if not isinstance(raw, Mapping):
        raise ValueError(f"{where}: 'when' must be a mapping")
    checks = []
    for key, pattern in raw.items():
        negated = str(key).startswith("not_")
        base = str(key)[4:] if negated else str(key)
        if base not in CONDITION_KEYS:
            raise ValueError(f"{where}: unknown condition {key!r}")
        source = str(pattern)
        if check_patterns:
            try:
                _pattern(source)
            except re.error as error:
                raise ValueError(f"{where}: bad pattern for {key}: {error}") from error
        checks.append((base, source, negated))
    return Condition(tuple(checks))


def parse_sense_book(
    data: object, source: str, book: SenseBook | None = None, *, check_patterns: bool = True
) -> SenseBook:
    """Add the words of one parsed file to ``book`` (a new one by default); bad uses go to ``problems``.

    With ``check_patterns`` every condition's pattern is compiled now, and a use
    whose pattern does not compile is a problem; without, patterns compile on
    first use (the reader's own files are checked by the tests) and such a
    condition simply never holds.
    """
    book = book if book is not None else SenseBook()
    book._measures.clear()
    if not isinstance(data, Mapping) or not isinstance(data.get("words"), Mapping):
        book.problems.append(f"{source}: expected a mapping with 'words'")
        return book
    for word, raw_uses in data["words"].items():
        word = str(word)
        uses: list[Use] = []
        bound: dict[str, list[Use]] = {}
        for index, raw in enumerate(raw_uses if isinstance(raw_uses, list) else []):
            where = f"{source}: {word} use {index + 1}"
            try:
                if not isinstance(raw, Mapping):
                    raise ValueError(f"{where}: a use must be a mapping")
                reading = reading_key(str(raw.get("reading", "")).split())
                gloss = str(raw.get("gloss") or "").strip()
                if not gloss:
                    raise ValueError(f"{where}: empty gloss")
                when = _condition(raw["when"], where, check_patterns) if raw.get("when") else None
                position = str(raw.get("bound") or "")
                if position and (position not in BOUND_POSITIONS or len(word) != 1):
                    raise ValueError(f"{where}: bound must be suffix or prefix, on one character")
                use = Use(reading, gloss, when, str(raw.get("note") or ""), bool(raw.get("measure", False)), position)
                (bound.setdefault(position, []) if position else uses).append(use)
            except ValueError as error:
                book.problems.append(str(error))
        for position, affix_uses in bound.items():  # bound uses add to a word, they never replace its uses
            book.affixes[(word, position)] = tuple(affix_uses)
        if uses:
            book.uses[word] = tuple(uses)
        elif not bound:
            book.problems.append(f"{source}: {word} has no usable use")
    return book


def load_sense_book(paths: Iterable[Path], *, check_patterns: bool = False) -> SenseBook:
    """Load the learner-gloss files in order (a later file's word replaces an earlier one's).

    Patterns are compiled on first use unless ``check_patterns`` (see :func:`parse_sense_book`).
    """
    from reader.storage.yamlio import YAMLSyntaxError

    book = SenseBook()
    for path in paths:
        try:
            data = sense_file_data(path)
        except (OSError, UnicodeDecodeError, YAMLSyntaxError) as error:
            raise ReaderError(f"cannot read the learner glosses {path}: {error}") from error
        parse_sense_book(data, str(path), book, check_patterns=check_patterns)
    return book


def sense_file_data(path: Path) -> object:
    """The parsed YAML of one learner-gloss file, through the parse memo.

    The memo answers a file read before (PyYAML's constructor took ~0.7 s a run);
    on a first run the index's child process fills it (:mod:`reader.text.index_process`).
    Raises OSError, UnicodeDecodeError or :class:`~reader.storage.yamlio.YAMLSyntaxError`.
    """
    from reader.storage.yamlio import load_yaml_text

    return load_yaml_text(path.read_text(encoding="utf-8"), memo=f"learner glosses {path}")
