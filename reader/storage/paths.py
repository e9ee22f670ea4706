"""Where the reader's files live: the platform's folders (platformdirs), or one folder.

By default each kind of file goes where the platform keeps it (on Linux the
XDG folders, ``$XDG_*_HOME`` honoured):

* user data (notes, deck, word status, reading positions, glossary, meanings):
  ``user_data_path`` -- ``~/.local/share/reader``;
* settings (``config.yaml``): ``user_config_path`` -- ``~/.config/reader``;
* rebuildable caches (dictionary index, token caches, jieba's cache, the YAML
  parse memo) and the lock files: ``user_cache_path`` -- ``~/.cache/reader``.

``READER_HOME`` puts everything in one folder instead: data and
``config.yaml`` at its top, caches in its ``cache/``. ``READER_CACHE_DIR``
moves only the caches. Files an older version kept in the data folder are
moved by :mod:`reader.storage.migrate`.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "reader"


def home_override() -> Path | None:
    """``$READER_HOME`` when set: the one folder for everything; else None."""
    env = os.environ.get("READER_HOME")
    return Path(env).expanduser() if env else None


def reader_home() -> Path:
    """The folder of the user's own data: ``$READER_HOME`` or the platform's data folder."""
    override = home_override()
    if override is not None:
        return override
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    """The folder of ``config.yaml``: ``$READER_HOME`` or the platform's config folder."""
    override = home_override()
    if override is not None:
        return override
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


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
    return config_dir() / "config.yaml"


def cache_dir() -> Path:
    """Rebuildable caches: the dictionary index, token caches, lock files.

    ``$READER_CACHE_DIR`` moves only the caches (several homes, or a test
    session, can then share one dictionary index); with ``READER_HOME`` they
    live in its ``cache/``, otherwise in the platform's cache folder.
    """
    env = os.environ.get("READER_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    override = home_override()
    if override is not None:
        return override / "cache"
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


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
