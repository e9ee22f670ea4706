"""Where user data lives.

Everything the user makes lives under :func:`reader_home`, which defaults to
the platformdirs user data directory and is overridden by ``READER_HOME``.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "reader"


def reader_home() -> Path:
    """The root of all user data: ``$READER_HOME`` or the platform's data dir."""
    env = os.environ.get("READER_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def notes_dir() -> Path:
    """Folder of per-document notes files."""
    return reader_home() / "notes"


def notes_path(doc_id: str) -> Path:
    """The notes file of one document."""
    return notes_dir() / f"{doc_id}.yaml"


def deck_path() -> Path:
    """The study deck."""
    return reader_home() / "deck.yaml"


def state_path() -> Path:
    """Reading positions and word status."""
    return reader_home() / "state.yaml"


def config_path() -> Path:
    """User settings."""
    return reader_home() / "config.yaml"


def cache_dir() -> Path:
    """Rebuildable caches: the dictionary index, token caches.

    ``$READER_CACHE_DIR`` moves only the caches (several homes, or a test
    session, can then share one dictionary index); by default they live in
    ``READER_HOME/cache``.
    """
    env = os.environ.get("READER_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    return reader_home() / "cache"


def home_is_writable() -> str | None:
    """``None`` when files can be written under :func:`reader_home`, else why not (one line).

    A real probe (create and remove a temp file), not ``os.access``: a read-only mount,
    a full disk without inodes or a folder owned by someone else all show up, also for root.
    """
    import tempfile

    home = reader_home()
    try:
        home.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".probe.", suffix=".tmp", dir=home)
        os.close(fd)
        os.unlink(name)
    except OSError as exc:
        return f"{home}: {exc.strerror or exc}"
    return None
