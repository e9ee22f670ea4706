"""The settings written off the event loop: a mode key's effect, then its save, without the next key waiting.

A mode key (``p``, ``K``, ``t`` …) changes one setting, and the settings file
is written at once: read back, merged with keys this version does not know,
dumped as YAML, written to a temp file, fsynced twice and renamed
(:func:`reader.storage.config.save_config`). On the event loop that is a few
milliseconds of work and the waits of two fsyncs, and the next key waited for
them (a fifth of the busy time while pressing ``p`` on a big book).

:class:`ConfigSaver` does the write on one thread of its own. Each change
hands it a copy of the settings as they are then; the thread always writes
the newest copy it has, one write at a time, so the file never goes back to
an older state, and a burst of keys is one or two writes, not one each. A
write that fails is reported through ``report`` (called with no lock held,
on the saver's thread or on the thread that flushes: the screen passes a
function that posts a message, which never waits) and
the settings are written again with the next change. :meth:`flush` waits for
the write in flight and writes what is left on the calling thread: the
screen calls it when it closes, so quitting never loses a change.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable

from reader.errors import ReaderError
from reader.storage.config import Config, save_config

__all__ = ["ConfigSaver"]


class ConfigSaver:
    """Writes copies of a :class:`Config` on a thread of its own, newest first, one at a time."""

    def __init__(self, report: Callable[[str], None], save: Callable[[Config], None] = save_config) -> None:
        self._report = report
        self._save = save
        self._lock = threading.Lock()  # guards _pending, _thread and _failed
        self._writing = threading.Lock()  # held while a write is in progress
        self._pending: Config | None = None
        self._thread: threading.Thread | None = None
        self._failed = False

    @property
    def unsaved(self) -> bool:
        """True when the last write failed or a change waits to be written."""
        with self._lock:
            return self._failed or self._pending is not None

    def save(self, config: Config) -> None:
        """Write ``config`` as it is now, soon, off the calling thread."""
        snapshot = copy.deepcopy(config)
        with self._lock:
            self._pending = snapshot
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="reader-config-save", daemon=True)
                self._thread.start()

    def flush(self) -> bool:
        """Wait for the write in flight, then write what is still pending here; True when everything is on disk."""
        failure = ""
        with self._writing:
            with self._lock:
                pending, self._pending = self._pending, None
            if pending is not None:
                failure = self._write(pending)
        if failure:
            self._report(failure)
        with self._lock:
            return not self._failed and self._pending is None

    def _run(self) -> None:
        while True:
            with self._writing:
                with self._lock:
                    pending, self._pending = self._pending, None
                    if pending is None:
                        self._thread = None
                        return
                failure = self._write(pending)
            if failure:  # reported with no lock held: the report may wait for the app's thread
                self._report(failure)

    def _write(self, config: Config) -> str:
        """Write ``config``; the failure's message, or "" when it is on disk."""
        try:
            self._save(config)
        except Exception as exc:  # on a thread: anything not caught here would be a traceback on the terminal
            with self._lock:
                self._failed = True
            return exc.message if isinstance(exc, ReaderError) else f"could not save the settings: {exc}"
        with self._lock:
            self._failed = False
        return ""
