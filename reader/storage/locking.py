"""The one lock helper: an advisory lock on a data file's folder, so that re-read-check-write is one step.

Several copies of the reader may share ``deck.yaml`` or a notes file; each change
re-reads the file, applies itself and writes it while holding this lock.

The lock is a POSIX ``flock`` on the **folder** that holds the file, not on a
``<file>.lock`` beside it: a lock file would have to be created (impossible in a
read-only home) and could never be removed safely, so empty ``*.lock`` files piled
up in the data folder. Folder locks serialise all the files of one folder, whose
critical sections are a read and an atomic write. Within one process the lock is
re-entrant and also excludes the other threads (the language worker, the UI).
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path

_registry = threading.Lock()
_threads: dict[str, threading.RLock] = {}
#: folder -> [file descriptor holding the flock, depth of nested holds in this process]
_held: dict[str, list[int]] = {}


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold the exclusive advisory lock of ``path``'s folder (a no-op where ``flock`` is unavailable)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: the file signature checks still merge
        yield
        return
    folder = os.path.abspath(path.parent)
    os.makedirs(folder, exist_ok=True)
    with _registry:
        in_process = _threads.setdefault(folder, threading.RLock())
    with in_process:
        held = _held.get(folder)
        if held is None:
            fd = os.open(folder, os.O_RDONLY)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
            except OSError:
                os.close(fd)
                raise
            held = _held[folder] = [fd, 0]
        held[1] += 1
        try:
            yield
        finally:
            held[1] -= 1
            if held[1] == 0:
                del _held[folder]
                with contextlib.suppress(OSError):
                    fcntl.flock(held[0], fcntl.LOCK_UN)
                os.close(held[0])
