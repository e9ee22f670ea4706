"""Chinese line breaking: cell widths, display forms and the kinsoku rules.

The one owner of the code-point ↔ terminal-cell conversion. Han characters
take two cells. Lines break between any two Han characters, at spaces, and
between scripts; a Latin word or number (``OpenAI``, ``GPT-4o``, ``12%``) is
never split unless it is wider than a whole line. No line starts with closing
punctuation and no line ends with opening punctuation.

Pure Python: no Textual or Rich.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from reader.text.sanitise import sanitise
from reader.text.tokens import Token, is_han, split_runs

#: Never at the start of a line.
CLOSING = frozenset("。，、；：！？）」』】》〉”’…,.;:!?)]}%％‰·・ー〜～")
#: Never at the end of a line.
OPENING = frozenset("（「『【《〈“‘([{")
#: Runs of these stay together (—— and ……).
UNSPLITTABLE_REPEATS = frozenset("—…")

#: ASCII punctuation shown full width when it touches Han text.
_FULL_WIDTH = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}


@lru_cache(maxsize=4096)
def cell_width(ch: str) -> int:
    """Terminal cells taken by one character: 2 for wide/full-width, 0 for combining."""
    if ch < "\u0300":
        return 0 if ch in "\u200b\u200c\u200d" else 1
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def text_cells(text: str) -> int:
    """Terminal cells taken by ``text``."""
    if text.isascii():
        return len(text)
    return sum(cell_width(ch) for ch in text)


def display_text(text: str) -> str:
    """The text as shown: ASCII ``,:;!?()`` that touch Han characters become full width.

    Control characters (ESC, C1, bidi overrides) become visible placeholders
    (:mod:`reader.text.sanitise`). The mapping is one character for one character, so
    code-point offsets into the display text equal offsets into the stored text.
    """
    text = sanitise(text)  # one for one: control characters become visible placeholders
    if text.isascii():
        return text
    chars = list(text)
    last = len(chars) - 1
    for i, ch in enumerate(chars):
        full = _FULL_WIDTH.get(ch)
        if full is None:
            continue
        before = chars[i - 1] if i > 0 else ""
        after = chars[i + 1] if i < last else ""
        if (before and (is_han(before) or before in "）」”")) or (after and (is_han(after) or after in "（「“")):
            chars[i] = full
    return "".join(chars)


class Atom(NamedTuple):
    """An unbreakable piece of a line: ``[start, end)`` in code points, ``width`` in cells.

    A named tuple: the layout makes one per Han character, and tuples are the
    cheapest immutable records to create.
    """

    start: int
    end: int
    width: int
    space: bool = False
    glue_before: bool = False
    glue_after: bool = False


def _punct_atom(ch: str, start: int, width: int) -> Atom:
    return Atom(start, start + 1, width, glue_before=ch in CLOSING, glue_after=ch in OPENING)


def plain_atoms(display: str, offset: int = 0) -> list[Atom]:
    """Atoms of plain text: each Han character, each Latin word or number, each space."""
    atoms: list[Atom] = []
    for start, end, kind in split_runs(display, offset):
        local = start - offset
        if kind == "han":
            atoms.extend(Atom(pos, pos + 1, 2) for pos in range(start, end))
        elif kind == "space":
            atoms.extend(Atom(pos, pos + 1, cell_width(display[pos - offset]), space=True) for pos in range(start, end))
        elif kind == "punct":
            ch = display[local]
            if ch in UNSPLITTABLE_REPEATS and atoms and display[atoms[-1].start - offset] == ch:
                prev = atoms.pop()
                atoms.append(Atom(prev.start, end, prev.width + cell_width(ch), glue_before=True))
            else:
                atoms.append(_punct_atom(ch, start, cell_width(ch)))
        else:
            atoms.append(Atom(start, end, text_cells(display[local : end - offset])))
    return atoms


def word_atoms(display: str, tokens: Sequence[Token], offset: int, pinyin: Sequence[str]) -> list[Atom]:
    """Atoms for interlinear mode: one per token, as wide as its hanzi or its pinyin.

    ``pinyin[i]`` is the pinyin shown above ``tokens[i]`` ('' for none). A Han
    token's column gets one extra cell so that neighbouring pinyin never runs
    together.
    """
    atoms: list[Atom] = []
    needs: list[int] = []  # cells each atom's column needs for its pinyin and a space
    for token, reading in zip(tokens, pinyin, strict=True):
        local = display[token.start - offset : token.end - offset]
        cells = text_cells(local)
        if token.kind == "space":
            atoms.append(Atom(token.start, token.end, cells, space=True))
        elif token.kind == "punct" and len(local) == 1:
            atoms.append(_punct_atom(local, token.start, cells))
        else:
            atoms.append(Atom(token.start, token.end, cells))
        needs.append(len(reading) + 1 if reading else 0)
    # Closing punctuation hangs right after its word ("显示，", "“智能”，"); the room the
    # word's pinyin needs beyond its hanzi comes after that punctuation, not before it.
    index = 0
    while index < len(atoms):
        last = index
        while last + 1 < len(atoms) and atoms[last + 1].glue_before and not atoms[last + 1].space:
            last += 1
        short = needs[index] - sum(atom.width for atom in atoms[index : last + 1])
        if short > 0:
            atoms[last] = atoms[last]._replace(width=atoms[last].width + short)
        index = last + 1
    return atoms


def pinyin_line(atoms: Sequence[Atom], readings: Sequence[str]) -> str:
    """The pinyin row over ``atoms``: each reading from the first column of its word (:func:`word_atoms`).

    A reading may run on over the punctuation that hangs after its word; the
    widths :func:`word_atoms` gives keep it clear of the next reading.
    """
    out: list[str] = []
    column = x = 0
    for atom, reading in zip(atoms, readings, strict=True):
        if reading:
            out.append(" " * max(0, x - column))
            out.append(reading)
            column = max(column, x) + len(reading)
        x += atom.width
    return "".join(out)


def break_atoms(atoms: Sequence[Atom], width: int) -> list[tuple[int, int]]:
    """Greedy line filling; returns ``(first, last_exclusive)`` atom index ranges.

    Spaces at a break are dropped from the start of the next line; a glued
    pair (closing punctuation after its word, opening punctuation before it)
    moves to the next line together. A group wider than the line is split.
    """
    width = max(width, 2)
    groups = _glue(atoms)
    lines: list[tuple[int, int]] = []
    line_start = -1
    used = 0
    for first, last in groups:
        group_width = sum(a.width for a in atoms[first:last])
        if line_start < 0:
            if atoms[first].space:
                continue
            line_start, used = first, 0
        if used + group_width <= width or (used == 0 and group_width <= width):
            used += group_width
            continue
        if atoms[first].space:
            # A space at the break hangs at the end of the line.
            lines.append((line_start, last))
            line_start, used = -1, 0
            continue
        if used > 0:
            lines.append((line_start, first))
        line_start, used = first, 0
        if group_width > width:
            for index in range(first, last):
                atom_width = atoms[index].width
                if used + atom_width > width and used > 0:
                    lines.append((line_start, index))
                    line_start, used = index, 0
                used += atom_width
        else:
            used = group_width
    if line_start >= 0:
        lines.append((line_start, len(atoms)))
    return lines


def _glue(atoms: Sequence[Atom]) -> list[tuple[int, int]]:
    """Group atoms that may not be separated by a line break.

    Closing punctuation holds on to the word before it and opening punctuation
    to the word after it, through any spaces in between (``文 。``, ``“ brute``).
    """
    count = len(atoms)
    # For each position, is the next non-space atom closing punctuation?
    closing_ahead = [False] * (count + 1)
    for index in range(count - 1, -1, -1):
        atom = atoms[index]
        closing_ahead[index] = closing_ahead[index + 1] if atom.space else atom.glue_before
    groups: list[tuple[int, int]] = []
    start = 0
    opening_behind = False
    for index in range(1, count + 1):
        prev = atoms[index - 1]
        if not prev.space:
            opening_behind = prev.glue_after
        if index < count:
            cur = atoms[index]
            if cur.glue_before or opening_behind or (cur.space and closing_ahead[index]):
                continue
        groups.append((start, index))
        start = index
        opening_behind = False
    return groups
