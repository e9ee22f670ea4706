"""The difficulty profile as a bar chart: the share of the running words at each HSK level.

:class:`DifficultyChart` draws one row per level (HSK 1 … 6, the 7-9 band,
beyond HSK) with a bar as wide as the panel allows, the share and the count,
and under it how far each level takes a reader: the share of the text's
words known by someone who knows every word up to that level.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual import events
from textual.content import Content
from textual.widgets import Static

#: Cells kept for the level label, and for the share and count after a bar.
_LABEL, _FIGURES = 12, 22
#: The narrowest and widest a bar is drawn.
_MIN_BAR, _MAX_BAR = 10, 50


def level_name(key: int | str) -> str:
    """``HSK 3``, ``HSK 7-9``, ``beyond HSK``."""
    from reader.text.hsk import label

    return f"HSK {label(key)}" if isinstance(key, int) else label(None)


class DifficultyChart(Static):
    """Bars of a :func:`reader.text.hsk.difficulty_profile`; :meth:`show` fills it."""

    DEFAULT_CSS = """
    DifficultyChart {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.profile: Mapping[int | str, float] = {}
        self.total = 0

    def show(self, profile: Mapping[int | str, float], total: int) -> None:
        """Chart ``profile`` (share per level) of ``total`` Han word tokens."""
        self.profile, self.total = profile, total
        self.update(self.chart(self.size.width or 80))

    def on_resize(self, event: events.Resize) -> None:
        """Bars as wide as the new width allows."""
        if self.total:
            self.update(self.chart(event.size.width))

    def chart(self, width: int) -> Content:
        """One row per level, then the cumulative coverage, for ``width`` cells."""
        if not self.total:
            return Content.assemble(("No Chinese words to grade.", "$text-muted"))
        bar_width = max(_MIN_BAR, min(_MAX_BAR, width - _LABEL - _FIGURES))
        top = max(self.profile.values(), default=0.0) or 1.0
        parts: list[str | tuple[str, str]] = []
        covered = 0.0
        coverage: list[str] = []
        for index, (key, share) in enumerate(self.profile.items()):
            if index:
                parts.append("\n")
            filled = round(share / top * bar_width)
            name = level_name(key)
            parts += [
                (f"{name:<{_LABEL}}", "bold"),
                ("█" * filled, "$accent" if key != "beyond" else "$warning"),
                ("░" * (bar_width - filled), "$text-muted"),
                f" {share:>4.0%}  {round(share * self.total):>5} words",
            ]
            if key != "beyond":
                covered += share
                coverage.append(f"{name} {covered:.0%}")
        parts += ["\n\n", ("Knowing every word up to a level covers:", "bold")]
        # One line per few levels, broken between levels, never inside "HSK 7-9 76%".
        line = ""
        for item in coverage:
            if line and len(line) + 3 + len(item) > width:
                parts += ["\n", line]
                line = ""
            line = f"{line} · {item}" if line else item
        parts += ["\n", line]
        return Content.assemble(*parts)
