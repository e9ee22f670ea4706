"""Laying a document out into terminal rows, lazily, for a virtual view.

The document becomes a list of blocks (section headings and paragraphs). A
block is broken into lines only when the view needs it; until then its height
is estimated from its length, so a 1,000,000-character book opens as fast as
an article. ``y`` is a row index in the whole laid-out document.

Pure Python: no Textual or Rich.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reader.text.document import Document, Paragraph, Section
from reader.text.linebreak import Atom, break_atoms, display_text, plain_atoms, word_atoms
from reader.text.sanitise import sanitise
from reader.text.tokens import Token

#: Blocks laid out with another height than estimated before the rows above each are summed again.
_CHANGES_KEPT = 256
#: A function giving the tokens of ``[start, end)`` and their pinyin strings.
TokenSource = Callable[[int, int], tuple[Sequence[Token], Sequence[str]]]


@dataclass(frozen=True, slots=True)
class Row:
    """One terminal row of a block.

    ``kind`` is ``heading``, ``text``, ``pinyin`` or ``blank``. ``atoms`` are the
    pieces of the line, left to right, each drawn in ``atom.width`` cells. A
    heading row carries its own ``text`` (headings are not in the document text)
    and ``title_cells``, where the English subtitle starts.
    """

    kind: str
    atoms: tuple[Atom, ...] = ()
    readings: tuple[str, ...] = ()
    text: str = ""

    @property
    def start(self) -> int:
        """Offset of the row's first character (−1 for a blank row)."""
        return self.atoms[0].start if self.atoms else -1

    @property
    def end(self) -> int:
        """Offset just past the row's last character (−1 for a blank row)."""
        return self.atoms[-1].end if self.atoms else -1


@dataclass(frozen=True, slots=True)
class Block:
    """A heading or a paragraph."""

    section: Section
    paragraph: Paragraph | None = None

    @property
    def is_heading(self) -> bool:
        """True for a section heading."""
        return self.paragraph is None


class _BlockTable:
    """What every layout of one document shares: its blocks, and their sizes for estimating heights.

    Built once per document (kept in ``Document.meta``), so that a new layout
    (``p``, sandhi, a tone scheme, a resize) costs a pass of integer arithmetic
    over the blocks, not a pass over the text: only the blocks on screen are
    then broken into lines. Heading heights are exact (they depend on the width
    alone) and kept per width; paragraph estimates per ``(width, pinyin)``.
    """

    def __init__(self, document: Document) -> None:
        self.blocks: list[Block] = []
        for section in document.sections:
            if not (section.title_in_text and section.paragraphs):  # else its first line is the heading
                self.blocks.append(Block(section))
            self.blocks.extend(Block(section, p) for p in section.paragraphs)
        self.starts = [b.section.start if b.paragraph is None else b.paragraph.start for b in self.blocks]
        text = document.text
        #: Display cells of each paragraph block's text (−1 for a heading), and 1 for a blank row after it.
        self.cells: list[int] = []
        self.blank: list[int] = []
        for block in self.blocks:
            paragraph = block.paragraph
            if paragraph is None:
                self.cells.append(-1)
                self.blank.append(0)
                continue
            piece = text[paragraph.start : paragraph.end]
            self.cells.append(2 * len(piece) - len(piece.encode("ascii", "ignore")))
            self.blank.append(0 if paragraph.tight else 1)
        self._headings: dict[int, list[int]] = {}
        self._estimates: dict[tuple[int, bool], tuple[int, ...]] = {}

    def estimates(self, width: int, pinyin: bool, heading_rows: Callable[[Section], list[Row]]) -> tuple[int, ...]:
        """Every block's height at ``width``: exact for headings, estimated for paragraphs."""
        key = (width, pinyin)
        cached = self._estimates.get(key)
        if cached is not None:
            return cached
        headings = self._headings.get(width)
        if headings is None:
            headings = [len(heading_rows(b.section)) for b in self.blocks if b.paragraph is None]
            self._headings[width] = headings
        per_line = 2 if pinyin else 1
        heading = iter(headings)
        out: list[int] = []
        append = out.append
        for cells, blank in zip(self.cells, self.blank, strict=True):
            if cells < 0:
                append(next(heading))
                continue
            if pinyin:
                cells = cells * 3 // 2
            append(max(1, -(-cells // width)) * per_line + blank)
        self._estimates[key] = cached = tuple(out)
        if len(self._estimates) > 8:  # widths come and go with resizes: keep the recent ones
            del self._estimates[next(iter(self._estimates))]
        return cached


def _block_table(document: Document) -> _BlockTable:
    """The document's block table, built on first use."""
    table = document.meta.get("_block_table")
    if not isinstance(table, _BlockTable):
        table = _BlockTable(document)
        document.meta["_block_table"] = table
    return table


@dataclass
class Layout:
    """Rows of a document at one width, computed block by block on demand."""

    document: Document
    width: int
    pinyin: bool = False
    tokens: TokenSource | None = None
    #: The characters shown: ``as written``, ``simplified`` or ``traditional`` (same length: offsets hold).
    script: str = "as written"
    blocks: list[Block] = field(init=False)
    _heights: list[int] = field(init=False)
    _rows: dict[int, list[Row]] = field(init=False, default_factory=dict)
    #: Rows above each block as of the last rebuild (``len(blocks) + 1`` sums), see :meth:`_set_height`.
    _prefix: list[int] = field(init=False, default_factory=list)
    #: Blocks whose height changed since ``_prefix`` was built, in order, and the changes summed up to each.
    _changed: list[int] = field(init=False, default_factory=list)
    _change_sums: list[int] = field(init=False, default_factory=list)
    _changes: dict[int, int] = field(init=False, default_factory=dict)
    _display: dict[int, str] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.width = max(self.width, 4)
        table = _block_table(self.document)
        self.blocks = table.blocks
        self._block_starts = table.starts
        self._heights = list(table.estimates(self.width, self.pinyin, self.rows_of_heading))
        self._rebuild_prefix()

    # -- heights -------------------------------------------------------------
    @property
    def complete(self) -> bool:
        """True once every block is laid out, so every height is exact."""
        return len(self._rows) == len(self.blocks)

    @property
    def height(self) -> int:
        """Total rows (estimated where blocks are not laid out yet)."""
        return self._prefix[-1] + (self._change_sums[-1] if self._change_sums else 0)

    def _rebuild_prefix(self) -> None:
        self._prefix = [0, *itertools.accumulate(self._heights)]
        self._changed, self._change_sums, self._changes = [], [], {}

    def _set_height(self, index: int, height: int) -> None:
        """Block ``index`` now takes ``height`` rows.

        The rows above each block are the sums of :attr:`_prefix`, built in one
        pass, corrected by the few blocks laid out since (their height differed
        from the estimate): a jump lays out a screenful of blocks, and summing
        the whole book again for each (tens of thousands of blocks) cost
        milliseconds a block. Past :data:`_CHANGES_KEPT` changes the sums are built again.
        """
        delta = height - self._heights[index]
        if not delta:
            return
        self._heights[index] = height
        changes = self._changes
        if index not in changes:
            if len(changes) >= _CHANGES_KEPT:
                self._rebuild_prefix()
                return
            bisect.insort(self._changed, index)
        changes[index] = changes.get(index, 0) + delta
        self._change_sums = list(itertools.accumulate(changes[i] for i in self._changed))

    def y_of_block(self, index: int) -> int:
        """First row of block ``index``."""
        y = self._prefix[index]
        if self._changed:
            before = bisect.bisect_left(self._changed, index)
            if before:
                y += self._change_sums[before - 1]
        return y

    def block_at(self, y: int) -> tuple[int, int]:
        """``(block index, row inside the block)`` of row ``y``."""
        count = len(self.blocks)
        y = max(0, min(y, self.height - 1))
        if not self._changed:
            index = max(0, min(bisect.bisect_right(self._prefix, y) - 1, count - 1))
            return index, y - self._prefix[index]
        low, high = 0, count - 1  # the last block starting at or above ``y``
        while low < high:
            middle = (low + high + 1) // 2
            if self.y_of_block(middle) <= y:
                low = middle
            else:
                high = middle - 1
        return low, y - self.y_of_block(low)

    def block_of_offset(self, offset: int) -> int:
        """Index of the paragraph block holding ``offset``."""
        paragraph = self.document.paragraph_at(offset)
        index = bisect.bisect_left(self._block_starts, paragraph.start)
        while index < len(self.blocks) and self.blocks[index].paragraph is not paragraph:
            index += 1
        return min(index, len(self.blocks) - 1)

    def block_of_section(self, section_index: int) -> int:
        """Index of the heading block of a section."""
        start = self.document.sections[section_index].start
        index = bisect.bisect_left(self._block_starts, start)
        while index < len(self.blocks) and self.blocks[index].section.index != section_index:
            index += 1
        return min(index, len(self.blocks) - 1)

    # -- rows ----------------------------------------------------------------
    def rows(self, index: int) -> list[Row]:
        """The rows of block ``index``, laying it out if needed (updates the height)."""
        cached = self._rows.get(index)
        if cached is not None:
            return cached
        block = self.blocks[index]
        if block.paragraph is None:
            rows = self.rows_of_heading(block.section)
        else:
            rows = self._rows_of_paragraph(block.paragraph)
        self._rows[index] = rows
        self._set_height(index, len(rows))
        return rows

    def row_at(self, y: int) -> tuple[int, Row]:
        """``(block index, row)`` at row ``y``."""
        index, inner = self.block_at(y)
        before = self._heights[index]
        rows = self.rows(index)
        if len(rows) != before:  # its height was an estimate: find the row again
            index, inner = self.block_at(y)
            rows = self.rows(index)
        return index, rows[min(inner, len(rows) - 1)]

    def rows_of_heading(self, section: Section) -> list[Row]:
        """A heading's rows: its wrapped text, then a blank row."""
        text = sanitise(section.heading)
        atoms = plain_atoms(text)
        rows = [
            Row("heading", tuple(atoms[a:b]), text=text[atoms[a].start : atoms[b - 1].end])
            for a, b in break_atoms(atoms, self.width)
        ]
        return [*rows, Row("blank")]

    def display(self, paragraph: Paragraph) -> str:
        """The display form of a paragraph's text (full-width punctuation; the characters in ``script``)."""
        cached = self._display.get(paragraph.start)
        if cached is None:
            cached = display_text(self.document.text[paragraph.start : paragraph.end])
            if self.script != "as written":
                from reader.text.script import display_script

                cached = display_script(cached, self.script)
            self._display[paragraph.start] = cached
        return cached

    def _rows_of_paragraph(self, paragraph: Paragraph) -> list[Row]:
        display = self.display(paragraph)
        rows: list[Row] = []
        if self.pinyin and self.tokens is not None:
            tokens, readings = self.tokens(paragraph.start, paragraph.end)
            atoms = word_atoms(display, tokens, paragraph.start, readings)
            for first, last in break_atoms(atoms, self.width):
                rows.append(Row("pinyin", tuple(atoms[first:last]), tuple(readings[first:last])))
                rows.append(Row("text", tuple(atoms[first:last])))
        else:
            atoms = plain_atoms(display, paragraph.start)
            rows = [Row("text", tuple(atoms[a:b])) for a, b in break_atoms(atoms, self.width)]
        if not paragraph.tight:
            rows.append(Row("blank"))
        return rows

    def y_of_offset(self, offset: int) -> int:
        """The row showing ``offset`` (its text row)."""
        index = self.block_of_offset(offset)
        rows = self.rows(index)
        base = self.y_of_block(index)
        for inner, row in enumerate(rows):
            if row.kind == "text" and row.start <= offset < row.end:
                return base + inner
        for inner in range(len(rows) - 1, -1, -1):
            if rows[inner].kind == "text" and rows[inner].start <= offset:
                return base + inner
        return base
