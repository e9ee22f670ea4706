"""Draw a terminal screen, as ``tmux capture-pane -e -p`` prints it, into a PNG, cell by cell.

Every cell is painted at its own place on a fixed grid: a half-width character
in one cell (DejaVu Sans Mono), a wide one (Han, full-width punctuation) in two
(Noto Sans Mono CJK SC), so text never drifts or breaks the way an SVG's text
runs do in a renderer that ignores ``textLength``. Block elements and box
lines are drawn as shapes, so that borders and bars join. Colours, bold,
italic, dim, underline and reverse come from the SGR sequences tmux writes.

    python scripts/ansi_png.py capture.txt out.png [--title TITLE]

Needs Pillow and the Debian fonts fonts-dejavu-core and fonts-noto-cjk.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from rich.cells import cell_len

CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
CJK_BOLD = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
CJK_FACE = "Noto Sans Mono CJK SC"
LATIN = {
    (False, False): Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"),
    (True, False): Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"),
    (False, True): Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Oblique.ttf"),
    (True, True): Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono-BoldOblique.ttf"),
}

CELL_W, CELL_H = 10, 22
LATIN_SIZE, CJK_SIZE = 16, 19
DEFAULT_FG, DEFAULT_BG = (224, 224, 224), (18, 18, 18)
FRAME, TITLE_H, PAD = (40, 40, 40), 32, 10

#: The 16 ANSI colours (xterm's defaults) for SGR 30–37, 90–97 and palette entries 0–15.
ANSI = [
    (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
    (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
    (255, 255, 255),
]  # fmt: skip

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Style:
    """What SGR sets for a cell."""

    fg: RGB | None = None
    bg: RGB | None = None
    bold: bool = False
    dim: bool = False
    italic: bool = False
    underline: bool = False
    reverse: bool = False


@dataclass(frozen=True)
class Cell:
    """One character and its style; a wide character's second cell is ``""``."""

    char: str
    style: Style


def palette(n: int) -> RGB:
    """xterm's 256-colour palette."""
    if n < 16:
        return ANSI[n]
    if n < 232:
        n -= 16
        steps = (0, 95, 135, 175, 215, 255)
        return steps[n // 36], steps[n // 6 % 6], steps[n % 6]
    grey = 8 + (n - 232) * 10
    return grey, grey, grey


def _colour(params: list[list[int]], i: int) -> tuple[RGB | None, int]:
    """Read ``38;2;r;g;b`` / ``38;5;n`` (or their ``:`` forms) starting at ``params[i]``; return the colour and next index."""
    head = params[i]
    if len(head) > 1:  # 38:2::r:g:b or 38:5:n in one parameter
        if head[1] == 2 and len(head) >= 5:
            r, g, b = head[-3:]
            return (r, g, b), i + 1
        if head[1] == 5 and len(head) >= 3:
            return palette(head[2]), i + 1
        return None, i + 1
    kind = params[i + 1][0] if i + 1 < len(params) else None
    if kind == 2 and i + 4 < len(params):
        return (params[i + 2][0], params[i + 3][0], params[i + 4][0]), i + 5
    if kind == 5 and i + 2 < len(params):
        return palette(params[i + 2][0]), i + 3
    return None, i + 1


def apply_sgr(style: Style, text: str) -> Style:
    """The style after one SGR sequence's parameters (``"1;38;2;255;0;0"``)."""
    params = [[int(x) if x else 0 for x in part.split(":")] for part in (text or "0").split(";")]
    i = 0
    while i < len(params):
        code = params[i][0]
        if code == 0:
            style, i = Style(), i + 1
            continue
        if code in (38, 48, 58):
            colour, i = _colour(params, i)
            if code == 38:
                style = replace(style, fg=colour)
            elif code == 48:
                style = replace(style, bg=colour)
            continue
        changes: dict[str, object] = {}
        if code == 1:
            changes = {"bold": True}
        elif code == 2:
            changes = {"dim": True}
        elif code == 3:
            changes = {"italic": True}
        elif code == 4:
            changes = {"underline": params[i][1:2] != [0]}
        elif code == 7:
            changes = {"reverse": True}
        elif code == 22:
            changes = {"bold": False, "dim": False}
        elif code == 23:
            changes = {"italic": False}
        elif code == 24:
            changes = {"underline": False}
        elif code == 27:
            changes = {"reverse": False}
        elif 30 <= code <= 37 or 90 <= code <= 97:
            changes = {"fg": ANSI[code - 30 if code < 90 else code - 82]}
        elif 40 <= code <= 47 or 100 <= code <= 107:
            changes = {"bg": ANSI[code - 40 if code < 100 else code - 92]}
        elif code == 39:
            changes = {"fg": None}
        elif code == 49:
            changes = {"bg": None}
        style = replace(style, **changes)  # type: ignore[arg-type]
        i += 1
    return style


_ESCAPE = re.compile(r"\x1b\[([0-9;:]*)m|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b\[[0-9;?]*[A-Za-z]")


def parse(capture: str, width: int, height: int) -> list[list[Cell]]:
    """The grid of cells of a ``capture-pane -e -p`` text: ``height`` rows of ``width`` cells."""
    rows: list[list[Cell]] = []
    style = Style()
    for line in capture.split("\n")[:height]:
        row: list[Cell] = []
        pos = 0
        # tmux carries the style over from the previous line: it is not reset here.
        for match in [*_ESCAPE.finditer(line), None]:
            end = match.start() if match is not None else len(line)
            for char in line[pos:end]:
                cells = cell_len(char)
                if cells == 0:
                    continue
                row.append(Cell(char, style))
                if cells == 2:
                    row.append(Cell("", style))
            if match is None:
                break
            if match.group(1) is not None:
                style = apply_sgr(style, match.group(1))
            pos = match.end()
        row = row[:width]
        blank = Cell(" ", Style(bg=row[-1].style.bg if row else None))
        rows.append(row + [blank] * (width - len(row)))
    while len(rows) < height:
        rows.append([Cell(" ", Style())] * width)
    return rows


@cache
def latin_font(bold: bool, italic: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(LATIN[(bold, italic)]), LATIN_SIZE)


@cache
def cjk_font(bold: bool) -> ImageFont.FreeTypeFont:
    path = CJK_BOLD if bold else CJK
    for index in range(12):
        font = ImageFont.truetype(str(path), CJK_SIZE, index=index)
        if font.getname()[0] == CJK_FACE:
            return font
    raise RuntimeError(f"{CJK_FACE} not found in {path} (apt-get install fonts-noto-cjk)")


@cache
def _notdef(font: ImageFont.FreeTypeFont) -> bytes:
    return bytes(font.getmask("\U0010fffd"))


@cache
def has_glyph(font: ImageFont.FreeTypeFont, char: str) -> bool:
    """Whether ``font`` draws ``char`` (not its missing-glyph box)."""
    return bytes(font.getmask(char)) != _notdef(font)


def font_for(char: str, style: Style, wide: bool) -> ImageFont.FreeTypeFont:
    """DejaVu Sans Mono for half-width text, Noto Sans Mono CJK for wide text; each the other's fallback."""
    latin, cjk = latin_font(style.bold, style.italic), cjk_font(style.bold)
    first, second = (cjk, latin) if wide else (latin, cjk)
    return first if has_glyph(first, char) or not has_glyph(second, char) else second


def _blend(a: RGB, b: RGB, t: float) -> RGB:
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


_BLOCKS = {  # block elements as (x0, y0, x1, y1) fractions of the cell
    "█": (0, 0, 1, 1), "▀": (0, 0, 1, 0.5), "▄": (0, 0.5, 1, 1), "▌": (0, 0, 0.5, 1), "▐": (0.5, 0, 1, 1),
    "▔": (0, 0, 1, 0.125), "▁": (0, 0.875, 1, 1), "▂": (0, 0.75, 1, 1), "▃": (0, 0.625, 1, 1),
    "▅": (0, 0.375, 1, 1), "▆": (0, 0.25, 1, 1), "▇": (0, 0.125, 1, 1), "▏": (0, 0, 0.125, 1),
    "▎": (0, 0, 0.25, 1), "▍": (0, 0, 0.375, 1), "▋": (0, 0, 0.625, 1), "▊": (0, 0, 0.75, 1), "▉": (0, 0, 0.875, 1),
    "▕": (0.875, 0, 1, 1),
}  # fmt: skip
#: Box lines: which arms (up, right, down, left) and whether heavy.
_BOX = {
    "─": ("rl", 1), "━": ("rl", 2), "│": ("ud", 1), "┃": ("ud", 2), "┌": ("rd", 1), "┐": ("ld", 1), "└": ("ur", 1),
    "┘": ("ul", 1), "├": ("urd", 1), "┤": ("uld", 1), "┬": ("rld", 1), "┴": ("url", 1), "┼": ("urld", 1),
    "╭": ("rd", 1), "╮": ("ld", 1), "╯": ("ul", 1), "╰": ("ur", 1), "┏": ("rd", 2), "┓": ("ld", 2),
    "┗": ("ur", 2), "┛": ("ul", 2),
}  # fmt: skip


def _draw_shape(draw: ImageDraw.ImageDraw, char: str, x: int, y: int, fg: RGB) -> bool:
    """Draw a block element or box line as a shape; False if ``char`` is neither."""
    if char in _BLOCKS:
        x0, y0, x1, y1 = _BLOCKS[char]
        draw.rectangle(
            (x + round(x0 * CELL_W), y + round(y0 * CELL_H), x + round(x1 * CELL_W) - 1, y + round(y1 * CELL_H) - 1),
            fill=fg,
        )
        return True
    if char in _BOX:
        arms, weight = _BOX[char]
        cx, cy, half = x + CELL_W // 2, y + CELL_H // 2, weight // 2
        for arm in arms:
            if arm == "u":
                draw.rectangle((cx - half, y, cx - half + weight - 1, cy), fill=fg)
            elif arm == "d":
                draw.rectangle((cx - half, cy, cx - half + weight - 1, y + CELL_H - 1), fill=fg)
            elif arm == "l":
                draw.rectangle((x, cy - half, cx, cy - half + weight - 1), fill=fg)
            elif arm == "r":
                draw.rectangle((cx, cy - half, x + CELL_W - 1, cy - half + weight - 1), fill=fg)
        return True
    return False


def render(grid: list[list[Cell]], title: str = "") -> Image.Image:
    """Paint the grid in a window frame with ``title``."""
    width, height = len(grid[0]), len(grid)
    image = Image.new("RGB", (width * CELL_W + 2 * PAD, height * CELL_H + TITLE_H + PAD), FRAME)
    draw = ImageDraw.Draw(image)
    for i, colour in enumerate(((255, 95, 86), (255, 189, 46), (39, 201, 63))):
        draw.ellipse((PAD + i * 22, 10, PAD + i * 22 + 12, 22), fill=colour)
    if title:
        font = latin_font(True, False)
        draw.text((image.width / 2, TITLE_H / 2), title, fill=(200, 200, 200), font=font, anchor="mm")
    top = TITLE_H
    for row_index, row in enumerate(grid):
        y = top + row_index * CELL_H
        for col, cell in enumerate(row):
            if cell.char == "":
                continue
            style = cell.style
            fg, bg = style.fg or DEFAULT_FG, style.bg or DEFAULT_BG
            if style.reverse:
                fg, bg = bg, fg
            if style.dim:
                fg = _blend(fg, bg, 0.5)
            wide = col + 1 < width and row[col + 1].char == ""
            x = PAD + col * CELL_W
            span = CELL_W * (2 if wide else 1)
            draw.rectangle((x, y, x + span - 1, y + CELL_H - 1), fill=bg)
            if cell.char != " " and not _draw_shape(draw, cell.char, x, y, fg):
                font = font_for(cell.char, style, wide)
                draw.text((x + span / 2, y + CELL_H / 2), cell.char, fill=fg, font=font, anchor="mm")
            if style.underline:
                draw.line((x, y + CELL_H - 3, x + span - 1, y + CELL_H - 3), fill=fg)
    return image


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("capture", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--title", default="")
    parser.add_argument("--size", default="120x40", help="columns x rows")
    args = parser.parse_args()
    columns, rows = (int(n) for n in args.size.split("x"))
    grid = parse(args.capture.read_text(encoding="utf-8"), columns, rows)
    render(grid, args.title).save(args.png, optimize=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
