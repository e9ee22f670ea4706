"""The word pop-up: pinyin in tone colours, glossary, CC-CEDICT senses, HSK, characters.

It floats on the screen's overlay layer beside or below the word it describes,
inside the text panel (never over its border, its scrollbar or the outline:
Textual blanks a wide character that straddles the edge of a widget below the
overlay), and never covers that word. Long lines wrap; nothing is cut.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.geometry import Region
from textual.widgets import Static

if TYPE_CHECKING:
    from reader.text.wordinfo import WordInfo

ToneStyle = Callable[[int], Style]
#: Height in rows of the pop-up's content at a content width.
Measure = Callable[[int], int]

#: The widest and the narrowest the pop-up is drawn, in cells (border and padding included).
MAX_WIDTH, MIN_WIDTH = 60, 30
#: Border and padding: cells taken on the left and right together, rows on the top and bottom together.
FRAME_CELLS, FRAME_ROWS = 4, 2


class WordPopup(Static):
    """A floating card describing one word."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.info: WordInfo | None = None
        self.display = False

    def show(self, info: WordInfo, anchor: Region, area: Region, tone_style: ToneStyle) -> None:
        """Fill the pop-up for ``info`` and place it next to ``anchor``, inside ``area`` (screen coordinates).

        ``area`` is the inside of the text panel: the pop-up never leaves it.
        """
        self.info = info
        bodies: dict[int, RenderableType] = {}

        def body(width: int) -> RenderableType:
            if width not in bodies:
                bodies[width] = render_info(info, tone_style, width)
            return bodies[width]

        box = place(anchor, area, lambda width: len(self._lines(body(width), width)))
        self.styles.width = box.width
        self.styles.height = box.height
        self.styles.offset = (box.x, box.y)
        width, rows = box.width - FRAME_CELLS, box.height - FRAME_ROWS
        lines = self._lines(body(width), width)
        if len(lines) > rows:
            # Too tall for the room there is: the rows that fit, and a last one that says so.
            more = len(lines) - rows + 1
            shown = [Text.assemble(*((seg.text, seg.style or "") for seg in line)) for line in lines[: rows - 1]]
            shown.append(Text(f"… {more} more line{'s' if more != 1 else ''}", style="dim"))
            self.update(Group(*shown))
        else:
            # The rows just worked out, as they are: Rich laying the card's tables out a second
            # time, to draw them, was most of the pop-up's frame.
            self.update(_Rendered(lines))
        self.display = True

    def _lines(self, body: RenderableType, width: int) -> list[list[Segment]]:
        """The rows ``body`` takes at ``width`` cells."""
        console = self.app.console
        options = console.options.update_width(width)
        return console.render_lines(body, options, pad=False)

    def hide(self) -> None:
        """Close the pop-up."""
        self.display = False


class _Rendered:
    """Rows of segments already rendered at the pop-up's width, drawn as they are."""

    def __init__(self, lines: list[list[Segment]]) -> None:
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """Each row, then a line break (none after the last)."""
        newline = Segment.line()
        for index, line in enumerate(self.lines):
            if index:
                yield newline
            yield from line
        self.info = None


def place(anchor: Region, area: Region, measure: Measure) -> Region:
    """Where a pop-up goes: below ``anchor``, else above it, else beside it, always inside ``area``.

    ``measure(width)`` gives the rows the content needs at a content width.
    The first place where the whole content fits wins; when none has room
    for all of it, the one that shows the most rows (:meth:`WordPopup.show`
    then says on its last row how many more there are). The box never
    overlaps ``anchor``.
    """
    full = min(MAX_WIDTH, area.width)
    x = max(area.x, min(anchor.x, area.right - full))
    # (where, x, width, rows free)
    candidates: list[tuple[str, int, int, int]] = [
        ("below", x, full, area.bottom - anchor.bottom),
        ("above", x, full, anchor.y - area.y),
    ]
    right = min(MAX_WIDTH, area.right - anchor.right - 1)
    if right >= MIN_WIDTH:
        candidates.append(("beside", anchor.right + 1, right, area.height))
    left = min(MAX_WIDTH, anchor.x - 1 - area.x)
    if left >= MIN_WIDTH:
        candidates.append(("beside", anchor.x - 1 - left, left, area.height))
    best: tuple[int, Region] | None = None
    for where, x, width, room in candidates:
        if room < 3:
            continue
        needed = measure(width - FRAME_CELLS) + FRAME_ROWS
        height = min(needed, room)
        if where == "below":
            top = anchor.bottom
        elif where == "above":
            top = anchor.y - height
        else:  # beside the word: centred on its row, inside the area
            top = max(area.y, min(anchor.y - height // 2, area.bottom - height))
        box = Region(x, top, width, height)
        if needed <= room:
            return box
        if best is None or height > best[0]:
            best = (height, box)
    if best is not None:
        return best[1]
    # A panel too small for any of them: the whole area below or above, whichever is bigger.
    below = area.bottom - anchor.bottom
    if below >= anchor.y - area.y:
        return Region(area.x, anchor.bottom, area.width, max(1, below))
    return Region(area.x, area.y, area.width, max(1, anchor.y - area.y))


#: How the pop-up names where the meaning shown first comes from.
_SOURCES = {
    "yours": "your meaning",
    "learner": "in this sentence",
    "dictionary": "CC-CEDICT",
    "name": "a guess from its characters",
    "composed": "by its parts",
}


def render_info(info: WordInfo, tone_style: ToneStyle, width: int) -> RenderableType:
    """The pop-up's content as Rich renderables."""
    parts: list[RenderableType] = []
    head = Text()
    head.append(info.headword, style="bold")
    if info.written:  # a traditional text: the simplified form it was looked up as, beside it
        head.append(f" 〔{info.word}〕", style="dim")
    head.append("  ")
    head.append_text(_reading(info.reading, tone_style))
    if info.hsk_label:
        head.append(f"   HSK {info.hsk_label}", style="dim")
    parts.append(head)
    if info.given:  # the book's own ruby reading, beside the reader's (the head)
        parts.append(Text.assemble(("given in the book: ", "dim"), (info.given, "bold"), overflow="fold"))
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
        parts.append(gloss)
        if entry.definition_zh:
            parts.append(Text(wrap_chinese(entry.definition_zh, width)))
        parts.append(Text(entry.explanation, style="italic"))
        if info.glossary_source:
            parts.append(Text(f"glossary: {info.glossary_source}", style="dim"))
    if info.entries and sense is not None and sense.gloss:
        parts.append(Text("other meanings (tab: choose or write your own)", style="dim"))
    for entry in info.entries[:4]:
        line = _reading(entry.reading, tone_style)
        if entry.traditional not in (info.word, info.headword):
            line.append(f"  {entry.traditional}", style="dim")
        parts.append(line)
        senses = _grid(2)
        for meaning in entry.senses[:5]:
            senses.add_row(Text("  •"), Text(meaning, overflow="fold"))
        parts.append(senses)
    if not info.entries and info.parts:
        parts.append(Text("CC-CEDICT, by parts:", style="dim"))
        by_parts = _grid(3)
        for headword, entry in info.parts:
            by_parts.add_row(
                Text(headword, style="bold"),
                _reading(entry.reading, tone_style),
                Text("; ".join(entry.senses[:3]), overflow="fold"),
            )
        parts.append(by_parts)
    elif not info.entries and info.glossary is None:
        parts.append(Text("no dictionary entry" if info.ready else "loading the dictionary…", style="dim"))
    if len(info.characters) > 1:
        chars = _grid(3)
        for char, syllable, tone, char_gloss in info.characters:
            chars.add_row(
                Text(char, style="bold"),
                Text(syllable, style=tone_style(tone)),
                Text(char_gloss, style="dim", overflow="fold"),
            )
        parts.append(Text("─" * min(width, 20), style="dim"))
        parts.append(chars)
    return Group(*parts)


def _reading(reading: Sequence[tuple[str, int]], tone_style: ToneStyle) -> Text:
    """Syllables in their tone colours, spaced."""
    line = Text()
    for index, (syllable, tone) in enumerate(reading):
        if index:
            line.append(" ")
        line.append(syllable, style=tone_style(tone))
    return line


def _grid(columns: int) -> Table:
    """Columns whose last one wraps under itself (a hanging indent), the others as wide as their widest cell."""
    grid = Table.grid(padding=(0, 1))
    for _ in range(columns - 1):
        grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    return grid


def wrap_chinese(text: str, width: int) -> str:
    """Chinese text broken into lines of ``width`` cells by the reader's own rules (no line opens with ``，``)."""
    from reader.text.linebreak import break_atoms, display_text, plain_atoms

    shown = display_text(text)
    atoms = plain_atoms(shown)
    return "\n".join(shown[atoms[first].start : atoms[last - 1].end] for first, last in break_atoms(atoms, width))
