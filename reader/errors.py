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
