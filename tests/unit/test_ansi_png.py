"""The screenshot renderer reads tmux's capture as tmux means it: styles carry over lines, wide cells take two."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("PIL", reason="Pillow is only needed for scripts/screenshots.py (pip install '.[screenshots]')")
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from ansi_png import parse


def test_style_carries_over_to_the_next_line_and_wide_characters_take_two_cells() -> None:
    capture = "\x1b[38;2;1;2;3m\x1b[48;2;30;30;30mab\n中c\x1b[0m d\n"
    grid = parse(capture, 6, 3)
    assert [c.char for c in grid[0]] == ["a", "b", " ", " ", " ", " "]
    assert [c.char for c in grid[1][:5]] == ["中", "", "c", " ", "d"]
    assert grid[1][0].style.bg == (30, 30, 30) and grid[1][0].style.fg == (1, 2, 3)  # not reset by the line break
    assert grid[1][4].style.bg is None  # after SGR 0
    assert len(grid) == 3 and all(len(row) == 6 for row in grid)


def test_sgr_attributes_and_palette_colours() -> None:
    grid = parse("\x1b[1;3;4;7;38;5;196;48:2::0:0:255mX\x1b[22;23;24;27;39;49mY", 2, 1)
    x, y = grid[0]
    assert (x.style.bold, x.style.italic, x.style.underline, x.style.reverse) == (True, True, True, True)
    assert x.style.fg == (255, 0, 0) and x.style.bg == (0, 0, 255)
    assert y.style == type(y.style)()
