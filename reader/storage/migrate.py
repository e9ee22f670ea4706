"""Moving files an older version kept in the data folder to where they belong now.

Before the platform folders were split, ``config.yaml`` and ``cache/`` lived in
the data folder (so they were backed up and synced with the user's notes) and
each data file had a ``.lock`` beside it. On the first run without
``READER_HOME``, :func:`migrate_legacy_files` moves ``config.yaml`` to the
config folder and the caches to the cache folder, and deletes the old lock
files; it returns one line per thing it did, for the command line to print.
Once moved, nothing is left to move, so the lines are printed once.

A file already present at the new place is never overwritten: the old one is
left where it was and said so.

Pure module: no UI imports.
"""

from __future__ import annotations

import os
from pathlib import Path

from reader.storage.paths import cache_dir, config_path, home_override, reader_home


def _tilde(path: Path) -> str:
    """``path`` with the home folder written as ``~``."""
    home = Path.home()
    try:
        return "~/" + str(path.relative_to(home))
    except ValueError:
        return str(path)


def _move(source: Path, target: Path) -> None:
    import shutil

    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(source, target)
    except OSError:
        shutil.move(str(source), str(target))  # another file system


def migrate_legacy_files(data: Path | None = None) -> list[str]:
    """Move config and caches out of the data folder; return what was done, one line each.

    Does nothing with ``READER_HOME`` set (one folder for everything, by choice).
    Errors become lines too: a failed move never stops the reader.
    """
    if home_override() is not None:
        return []
    data = data or reader_home()
    if not data.is_dir():
        return []
    said: list[str] = []
    old_config, new_config = data / "config.yaml", config_path()
    if old_config.is_file() and old_config != new_config:
        if new_config.exists():
            said.append(f"{_tilde(old_config)} left in place: {_tilde(new_config)} already exists and is the one used")
        else:
            try:
                _move(old_config, new_config)
                said.append(f"moved config.yaml to {_tilde(new_config)} (the settings folder)")
            except OSError as exc:
                said.append(f"could not move {_tilde(old_config)} to {_tilde(new_config)}: {exc.strerror or exc}")
    old_cache, new_cache = data / "cache", cache_dir()
    if old_cache.is_dir() and old_cache != new_cache:
        moved = _move_cache(old_cache, new_cache)
        if moved is not None:
            said.append(moved)
    stale = [p for p in data.rglob("*.lock") if p.is_file()]
    for lock in stale:
        try:
            lock.unlink()
        except OSError:
            continue
    if stale:
        said.append(f"removed {len(stale)} old lock file{'s' if len(stale) != 1 else ''} from {_tilde(data)}")
    return said


def _move_cache(old: Path, new: Path) -> str | None:
    """Move the old cache folder's entries into the new one (rebuildable: a clash drops the old copy)."""
    import shutil

    try:
        new.mkdir(parents=True, exist_ok=True)
        for entry in old.iterdir():
            target = new / entry.name
            if target.exists():
                if entry.is_dir():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink()
            else:
                _move(entry, target)
        old.rmdir()
    except OSError as exc:
        return f"could not move the caches from {_tilde(old)} to {_tilde(new)}: {exc.strerror or exc}"
    return f"moved the caches (dictionary index, token caches) to {_tilde(new)}"
