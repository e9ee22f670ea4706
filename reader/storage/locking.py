"""The one lock helper: an advisory lock per data file, so that re-read-check-write is one step.

Several copies of the reader may share ``deck.yaml`` or a notes file; each
change re-reads the file, applies itself and writes it while holding this lock.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock for ``path`` (POSIX ``flock``; a no-op where unavailable).

    The lock file is :func:`reader.storage.paths.lock_path` in the cache folder, so the
    data folder holds only the user's files.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: the file signature checks still merge
        yield
        return
    from reader.storage.paths import lock_path

    path.parent.mkdir(parents=True, exist_ok=True)
    lock = lock_path(path)
    lock.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
