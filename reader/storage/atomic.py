"""Atomic file writes: temp file in the same folder, fsync, ``os.replace``."""

from __future__ import annotations

import functools
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from reader.errors import write_error


def atomic_write_with(path: Path | str, write: Callable[[str], None], *, sync: bool = True) -> None:
    """Let ``write(temp_path)`` make the file, then fsync it and move it over ``path``.

    For writers that insist on a file name of their own (genanki, for one).
    The temp file lives in the target's folder so that ``os.replace`` is a
    rename on one file system; on any failure it is removed and the old file,
    if any, is untouched. The folder is created if needed and fsynced afterwards.
    A symbolic link is followed: the file it points to is replaced, the link stays.
    Any ``OSError`` (a full disk, a read-only folder) is raised as a
    :class:`~reader.errors.WriteError` with a one-line message.
    """
    target = Path(path)
    try:
        _write_via_temp(target, write, sync=sync)
    except OSError as exc:
        raise write_error(target, exc) from exc


def _write_via_temp(target: Path, write: Callable[[str], None], *, sync: bool) -> None:
    """The steps of :func:`atomic_write_with`; any ``OSError`` leaves the old file as it was."""
    target = _through_symlink(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
    os.close(fd)
    try:
        # mkstemp makes the file private (0600); give it the mode the file had, or the
        # usual one for a new file (0666 less the umask), as a plain open() would.
        os.chmod(tmp_name, _mode_for(target))
        write(tmp_name)
        if sync:
            with open(tmp_name, "rb") as handle:
                os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except OSError:
            pass
        raise
    if sync:
        _fsync_dir(target.parent)


#: Suffix of the temp files; :func:`remove_stale_temp_files` cleans up after a killed writer.
TEMP_SUFFIX = ".tmp"
#: A temp file older than this is left over from a killed writer, never one being written.
STALE_AFTER = 60.0


def _through_symlink(target: Path) -> Path:
    """The file a symbolic link points to (followed to the end), else ``target`` itself."""
    if not target.is_symlink():
        return target
    return Path(os.path.realpath(target))


def remove_stale_temp_files(folder: Path | str, *, older_than: float = STALE_AFTER) -> int:
    """Remove ``.<name>.*.tmp`` files that a writer killed mid-write left in ``folder``; returns how many.

    Only files older than ``older_than`` seconds go, so that a write in progress in
    another copy of the reader is never disturbed. Errors are ignored (a cleanup).
    """
    import time

    removed = 0
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        name = entry.name
        if not (name.startswith(".") and name.endswith(TEMP_SUFFIX)) or name.count(".") < 3:
            continue
        try:
            if entry.is_file(follow_symlinks=False) and now - entry.stat(follow_symlinks=False).st_mtime > older_than:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    return removed


def _mode_for(target: Path) -> int:
    """The permission bits the written file should have."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


@functools.cache
def _umask() -> int:
    """The process umask, read once (from /proc where possible: setting it to read it races)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


def atomic_write_bytes(path: Path | str, data: bytes, *, sync: bool = True) -> None:
    """Write ``data`` to ``path`` so that readers see the old or the new file, never half.

    ``sync=False`` skips the fsyncs: for caches, where a file lost or damaged by a
    power cut is only a cache miss.
    """

    def write(name: str) -> None:
        with open(name, "wb") as handle:
            handle.write(data)

    atomic_write_with(path, write, sync=sync)


def atomic_write_text(path: Path | str, text: str) -> None:
    """Write UTF-8 ``text`` atomically (see :func:`atomic_write_bytes`)."""
    atomic_write_bytes(path, text.encode("utf-8"))


def _fsync_dir(folder: Path) -> None:
    """Make the rename durable where the platform allows it."""
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
