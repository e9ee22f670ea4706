"""Clean-up on start: what killed writers and older versions left behind, and stale cache entries.

Run once per start, off the first-paint path (the reading screen runs it in its
language worker; the CLI commands that write run it too). Every step is best effort:
an error is skipped, never reported, since nothing here is the user's data.

* temp files of atomic writes (``.<name>.<random>.tmp``) older than a minute, in the
  home, ``notes/`` and the cache folders: a writer killed between creating and renaming
  its temp file leaves one (a writer at work finishes within milliseconds);
* empty ``*.lock`` files beside the data files, made by versions before the folder locks
  of :mod:`reader.storage.locking` (only empty ones: nothing else is ours to remove);
* cache entries: the per-document token caches (``cache/tokens/``) and the YAML parse
  memos (``cache/yaml/``) keep one file per document or path ever seen. Entries not
  used for :data:`MAX_AGE_DAYS` go, and of the rest only the :data:`MAX_ENTRIES` most
  recently used are kept. A pruned entry costs one re-computation.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from reader.storage.atomic import remove_stale_temp_files

#: Cache entries unused for this long are removed.
MAX_AGE_DAYS = 60
#: At most this many entries are kept in each cache folder.
MAX_ENTRIES = 200


def clean_on_start() -> dict[str, int]:
    """Remove stale temp files, leftover lock files and stale cache entries; returns counts by kind."""
    from reader.storage.paths import cache_dir, notes_dir, reader_home

    home, cache = reader_home(), cache_dir()
    counts = {"temp": 0, "locks": 0, "cache": 0}
    for folder in (home, notes_dir(), cache, cache / "tokens", cache / "yaml", cache / "deck"):
        counts["temp"] += remove_stale_temp_files(folder)
    for folder in (home, notes_dir()):
        counts["locks"] += remove_empty_lock_files(folder)
    for folder in (cache / "tokens", cache / "yaml", cache / "deck"):
        counts["cache"] += prune_cache(folder)
    return counts


def remove_empty_lock_files(folder: Path) -> int:
    """Remove empty ``*.lock`` files in ``folder`` (left by older versions); returns how many."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not entry.name.endswith(".lock"):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_size == 0:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    return removed


def prune_cache(folder: Path, *, max_entries: int = MAX_ENTRIES, max_age_days: float = MAX_AGE_DAYS) -> int:
    """Remove the entries of a cache folder that are too old or beyond the newest ``max_entries``.

    "Used" is the later of a file's access and modification times (a read refreshes the
    access time on most mounts; writes always refresh the modification time).
    """
    try:
        entries = [e for e in os.scandir(folder) if e.is_file(follow_symlinks=False) and not e.name.startswith(".")]
    except OSError:
        return 0
    now = time.time()
    dated = []
    for entry in entries:
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        dated.append((max(st.st_atime, st.st_mtime), entry.path))
    dated.sort(reverse=True)
    removed = 0
    for rank, (used, path) in enumerate(dated):
        if rank >= max_entries or now - used > max_age_days * 86400:
            try:
                os.unlink(path)
                removed += 1
            except OSError:
                continue
    return removed
