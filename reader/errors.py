"""Errors the user can act on.

Every error the ``reader`` command reports to a person is a :class:`ReaderError`.
The CLI prints its message on one line to stderr and exits with status 2.
"""

from __future__ import annotations


class ReaderError(Exception):
    """An error with a one-line message meant for the user."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message.replace("\n", " ").strip())

    @property
    def message(self) -> str:
        """The one-line message."""
        return str(self)


class DataFileError(ReaderError):
    """A user data file (YAML) that cannot be read or breaks its schema.

    The file is never overwritten after this error: callers must leave it alone.
    """

    def __init__(self, path: object, reason: str) -> None:
        self.path = str(path)
        self.reason = reason.replace("\n", " ").strip()
        super().__init__(f"{self.path}: {self.reason}")


class WriteError(ReaderError, OSError):
    """A file that could not be written (a full disk, a read-only folder, no permission).

    Also an :class:`OSError`, so that code that treats a failed cache write as a miss
    keeps doing so; the UI shows :attr:`message` on the status line and keeps what was not
    saved in memory, to be written with the next change.
    """

    def __init__(self, path: object, exc: BaseException | str) -> None:
        self.path = str(path)
        reason = exc if isinstance(exc, str) else (getattr(exc, "strerror", None) or str(exc) or type(exc).__name__)
        self.reason = reason
        super().__init__(f"{self.path}: cannot save ({reason})")


def write_error(path: object, exc: OSError) -> WriteError:
    """``exc`` as a :class:`WriteError` (unchanged if it already is one)."""
    return exc if isinstance(exc, WriteError) else WriteError(path, exc)
