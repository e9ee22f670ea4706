"""The TUI's last line of defence against terminal injection.

Every character Textual sends to the terminal as text passes through
:meth:`textual.strip.Strip.render`, which joins a strip's segments with their styles into
terminal sequences. :func:`install` wraps it so that a segment's *text* goes through the
one output sanitiser (:func:`reader.text.sanitise.sanitise`) first, whatever widget drew it:
the article, headings, the outline, notes, the pop-up, cards, toasts, file names in
messages. Textual's own sequences (styles, cursor moves, links) are added by the style
renderer afterwards and are untouched.

The article itself is sanitised earlier, where its display form is made
(:func:`reader.text.linebreak.display_text`), so that it is measured as it is drawn; this
guard catches everything else.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.segment import Segment
from textual.strip import Strip

from reader.text.sanitise import is_safe, sanitise

_MARK = "_reader_sanitised"


def install() -> None:
    """Wrap ``Strip.render`` once per process (idempotent)."""
    original: Any = Strip.render
    if getattr(original, _MARK, False):
        return

    def render(self: Strip, console: Console) -> str:
        if self._render_cache is None:
            segments = self._segments
            if not all(is_safe(text) for text, _style, control in segments if not control):
                self._segments = [
                    segment if segment.control else Segment(sanitise(segment.text), segment.style, None)
                    for segment in segments
                ]
        return str(original(self, console))

    setattr(render, _MARK, True)
    render.__doc__ = original.__doc__
    Strip.render = render  # type: ignore[method-assign]
