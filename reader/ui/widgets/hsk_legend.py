"""The HSK layer's legend: one row under the text naming each level's colour (shown while the layer is on)."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

#: ``(component class suffix, label)`` in order: HSK 1–6, the band 7–9, beyond HSK.
LEVELS = (
    ("1", "1"),
    ("2", "2"),
    ("3", "3"),
    ("4", "4"),
    ("5", "5"),
    ("6", "6"),
    ("7", "7-9"),
    ("beyond", "beyond"),
)


class HskLegend(Widget):
    """``HSK 3.0: 1 2 3 4 5 6 7-9 beyond``, each in its layer colour; levels at or below ``above`` dimmed."""

    COMPONENT_CLASSES = {f"hsk-legend--{name}" for name, _ in LEVELS}

    show: reactive[bool] = reactive(False)
    above: reactive[str] = reactive("all")

    def watch_show(self, show: bool) -> None:
        """Shown only with the HSK layer."""
        self.display = show

    def render(self) -> Text:
        """The legend row."""
        mine = int(self.above) if self.above.isdigit() else 0
        text = Text("HSK 3.0 (2021):", style="dim")
        for name, label in LEVELS:
            level = int(name) if name.isdigit() else 99
            style = self.get_component_rich_style(f"hsk-legend--{name}", partial=True)
            text.append(" ")
            if level <= mine:
                text.append(label, style="dim strike")
            else:
                text.append(label, style=style)
        if mine:
            text.append(f"   · marked: above HSK {mine}", style="dim")
        text.append("   · keywords and terms keep their colours", style="dim")
        return text
