"""What the ``reader`` command prints goes through the one output sanitiser.

:func:`install` replaces ``sys.stdout`` and ``sys.stderr`` by :class:`SafeStream` wrappers,
so every ``print`` of a command (notes, headings, deck fields, file names in error
messages) reaches the terminal with its control characters shown as placeholders
(:mod:`reader.text.sanitise`). Two kinds of output bypass it on purpose:

* **data** (``export -o -``, ``annotate --format jsonl``): :func:`write_data` writes the
  text as it is when stdout is a file or a pipe, and sanitised only when it is a terminal;
* **Rich** output (``lookup``, ``stats`` on a terminal) writes its own style sequences to
  :func:`raw`'s stream; the strings it is given are sanitised by the command.
"""

from __future__ import annotations

import sys
from typing import Any, TextIO

from reader.text.sanitise import sanitise


class SafeStream:
    """A text stream whose ``write`` sanitises; everything else is the wrapped stream's."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        """Write ``text`` with its control characters made visible."""
        self.stream.write(sanitise(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def install() -> None:
    """Wrap ``sys.stdout`` and ``sys.stderr`` (once)."""
    if sys.stdout is not None and not isinstance(sys.stdout, SafeStream):
        sys.stdout = SafeStream(sys.stdout)
    if sys.stderr is not None and not isinstance(sys.stderr, SafeStream):
        sys.stderr = SafeStream(sys.stderr)


def raw(stream: TextIO) -> TextIO:
    """The stream under a :class:`SafeStream` (for Rich, which writes its own sequences)."""
    return stream.stream if isinstance(stream, SafeStream) else stream


def write_data(text: str) -> None:
    """Write a data format to stdout: as it is to a file or pipe, sanitised to a terminal."""
    out = raw(sys.stdout)
    out.write(sanitise(text) if out.isatty() else text)
