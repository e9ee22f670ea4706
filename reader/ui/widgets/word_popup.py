"""The word pop-up: pinyin in tone colours, glossary, CC-CEDICT senses, HSK, characters.

It floats on the screen's overlay layer beside the word it describes, stays
inside the screen and never covers that word.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.widgets import Static

if TYPE_CHECKING:
    from reader.text.wordinfo import WordInfo

ToneStyle = Callable[[int], Style]


class WordPopup(Static):
    """A floating card describing one word."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.info: WordInfo | None = None
        self.display = False

    def show(self, info: WordInfo, anchor: Region, screen: Size, tone_style: ToneStyle) -> None:
        """Fill the pop-up for ``info`` and place it next to ``anchor`` (screen coordinates)."""
        self.info = info
        width = min(60, max(30, screen.width // 2))
        body = render_info(info, tone_style, width - 4)
        self.styles.width = width
        self.update(body)
        self.display = True
        height = min(self._measure(body, width - 4) + 2, max(6, screen.height - 2))
        self.styles.height = height
        self.styles.offset = place(anchor, Size(width, height), screen)

    def _measure(self, body: RenderableType, width: int) -> int:
        console = self.app.console
        options = console.options.update_width(width)
        return len(console.render_lines(body, options, pad=False))

    def hide(self) -> None:
        """Close the pop-up."""
        self.display = False
        self.info = None


def place(anchor: Region, size: Size, screen: Size) -> tuple[int, int]:
    """Top-left for a box of ``size`` near ``anchor``: below it, else above, never over it."""
    x = max(0, min(anchor.x, screen.width - size.width))
    below = anchor.y + 2
    if below + size.height <= screen.height:
        return x, below
    above = anchor.y - 1 - size.height
    if above >= 0:
        return x, above
    # Not enough room above or below: put it beside the word, on the wider side.
    right_space = screen.width - anchor.right - 1
    if right_space >= anchor.x:
        x = min(anchor.right + 1, max(0, screen.width - size.width))
    else:
        x = max(0, anchor.x - 1 - size.width)
    return x, max(0, min(anchor.y - size.height // 2, screen.height - size.height))


#: How the pop-up names where the meaning shown first comes from.
_SOURCES = {
    "yours": "your meaning",
    "learner": "in this sentence",
    "dictionary": "CC-CEDICT",
    "composed": "by its parts",
}


def render_info(info: WordInfo, tone_style: ToneStyle, width: int) -> RenderableType:
    """The pop-up's content as Rich renderables."""
    parts: list[RenderableType] = []
    head = Text()
    head.append(info.word, style="bold")
    head.append("  ")
    for index, (syllable, tone) in enumerate(info.reading):
        if index:
            head.append(" ")
        head.append(syllable, style=tone_style(tone))
    if info.hsk_label:
        head.append(f"   HSK {info.hsk_label}", style="dim")
    parts.append(head)
    sense = info.sense
    if sense is not None and sense.gloss and sense.source != "glossary":
        # The meaning here, marked and first; where it comes from, dim.
        line = Text()
        line.append("▸ ", style="bold")
        line.append(sense.gloss, style="bold")
        line.append(f"  {_SOURCES.get(sense.source, '')}", style="dim")
        parts.append(line)
        if sense.note:
            parts.append(Text(f"  {sense.note}", style="dim italic", overflow="fold"))
    if info.glossary is not None:
        entry = info.glossary
        gloss = Text()
        gloss.append("★ " if sense is None or sense.source == "glossary" else "  ", style="bold")
        gloss.append(entry.gloss, style="bold")
        if entry.definition_zh:
            gloss.append(f"  {entry.definition_zh}")
        parts.append(gloss)
        parts.append(Text(entry.explanation, style="italic"))
        if info.glossary_source:
            parts.append(Text(f"glossary: {info.glossary_source}", style="dim"))
    if info.entries and sense is not None and sense.gloss:
        parts.append(Text("other meanings (tab: choose or write your own)", style="dim"))
    for entry in info.entries[:4]:
        line = Text()
        for index, (syllable, tone) in enumerate(entry.reading):
            if index:
                line.append(" ")
            line.append(syllable, style=tone_style(tone))
        if entry.traditional != info.word:
            line.append(f"  {entry.traditional}", style="dim")
        parts.append(line)
        for meaning in entry.senses[:5]:
            parts.append(Text(f"  • {meaning}", overflow="fold"))
    if not info.entries and info.parts:
        parts.append(Text("CC-CEDICT, by parts:", style="dim"))
        for headword, entry in info.parts:
            line = Text()
            line.append(headword, style="bold")
            line.append(" ")
            for index, (syllable, tone) in enumerate(entry.reading):
                if index:
                    line.append(" ")
                line.append(syllable, style=tone_style(tone))
            line.append("  " + "; ".join(entry.senses[:3]))
            parts.append(line)
    elif not info.entries and info.glossary is None:
        parts.append(Text("no dictionary entry" if info.ready else "loading the dictionary…", style="dim"))
    if len(info.characters) > 1:
        chars = Text()
        for index, (char, syllable, tone, char_gloss) in enumerate(info.characters):
            if index:
                chars.append("\n")
            chars.append(char, style="bold")
            chars.append(" ")
            chars.append(syllable, style=tone_style(tone))
            if char_gloss:
                chars.append(f"  {char_gloss}"[: max(10, width - 8)], style="dim")
        parts.append(Text("─" * min(width, 20), style="dim"))
        parts.append(chars)
    return Group(*parts)
