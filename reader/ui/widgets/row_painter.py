"""Drawing the article's rows: one segment per run of same-styled text.

:class:`RowPainter` is a plain object the article view holds: it turns a laid-out
row into Rich segments (headings, text rows with keyword, glossary-term, note,
selection, cursor and word-status styles, and interlinear pinyin rows). What
changes from frame to frame (styles, modes, spans, cursor and selection) comes
in a :class:`Frame`, built once per frame by the view, so that styles are looked
up once per frame, not once per row or cell.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rich.segment import Segment
from rich.style import Style

from reader.text.document import Document
from reader.text.layout import Layout, Row
from reader.text.linebreak import cell_width, text_cells
from reader.text.token_index import TokenIndex
from reader.text.tokens import Token
from reader.ui.spans import SpanSet

#: Gives the pinyin to show above a token as ``[(text, tone), ...]`` parts.
ReadingFn = Callable[[Token], list[tuple[str, int]]]
#: Gives the Rich style of a tone (1–5) in the user's scheme.
ToneStyleFn = Callable[[int], Style]
#: Gives a word's status: ``known``, ``learning``, ``learning-1`` … ``learning-3``, ``ignored`` or ``unknown``.
WordStatusFn = Callable[[str], str]
#: The statuses the status layer colours (the others are left plain).
COLOURED_STATUSES = frozenset({"unknown", "learning", "learning-1", "learning-2", "learning-3"})

#: ``(mark, status, note, selected, cursor, search match, HSK class)``: the style of a run of text.
_RunKey = tuple[int, str, bool, bool, bool, bool, str]


@dataclass
class Frame:
    """What one frame is drawn with."""

    base: Style  #: the view's own style
    component: Callable[[str], Style]  #: a component class's style, by the name after ``article-view--``
    highlight: bool
    status_colours: bool
    keywords: SpanSet
    terms: SpanSet
    notes: SpanSet
    cursor: tuple[int, int]  #: the word under the cursor
    selection: tuple[int, int] | None
    matches: SpanSet = field(default_factory=SpanSet)  #: search matches
    hsk_colours: bool = False  #: colour each word by its HSK level
    hsk_above: int = 0  #: with the HSK layer, colour only words above this level (0: every word)
    _styles: dict[str, Style] = field(default_factory=dict)

    def style(self, name: str) -> Style:
        """The component style ``name``, looked up once per frame."""
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.component(name)
        return style


class RowPainter:
    """Builds the segments of heading, text and pinyin rows, and their width in cells."""

    def __init__(self, document: Document, tokens: TokenIndex, reading: ReadingFn, tone_style: ToneStyleFn) -> None:
        self.document = document
        self.tokens = tokens
        self.reading = reading
        self.tone_style = tone_style
        self.word_status: WordStatusFn = lambda word: "known"

    def paint(self, row: Row, layout: Layout, frame: Frame) -> tuple[list[Segment], int]:
        """``(segments, cells used)`` of a heading, text or pinyin row."""
        if row.kind == "heading":
            return self._heading(row, frame), text_cells(row.text)
        used = sum(atom.width for atom in row.atoms)
        if row.kind == "pinyin":
            return self._pinyin(row, frame), used
        return self._text(row, layout, frame), used

    def _heading(self, row: Row, frame: Frame) -> list[Segment]:
        heading = frame.base + frame.style("heading")
        subtitle = frame.base + frame.style("subtitle")
        title, sep, english = row.text.partition("  ")
        if not sep:
            return [Segment(row.text, heading)]
        return [Segment(title + sep, heading), Segment(english, subtitle)]

    def _text(self, row: Row, layout: Layout, frame: Frame) -> list[Segment]:
        """One segment per run of atoms that share a style (not one per character)."""
        paragraph = self.document.paragraph_at(row.start)
        display = layout.display(paragraph)
        first = paragraph.start
        base = frame.base
        cursor_start, cursor_end = frame.cursor
        sel_start, sel_end = frame.selection if frame.selection else (-1, -1)
        token_status = self._status_styles(row) if frame.status_colours else {}
        token_hsk = self._hsk_classes(row, frame.hsk_above) if frame.hsk_colours else {}
        keywords, terms, notes, matches = frame.keywords, frame.terms, frame.notes, frame.matches
        # Which layers touch this row at all (a bisection each): most rows have no keyword,
        # term, note, match, selection or cursor, and are then spared a lookup per character.
        start, end = row.start, row.end
        in_keywords = frame.highlight and keywords.overlaps(start, end)
        in_terms = frame.highlight and terms.overlaps(start, end)
        in_notes = notes.overlaps(start, end)
        in_matches = matches.overlaps(start, end)
        in_selection = sel_start < end and start < sel_end
        in_cursor = cursor_start < end and start < cursor_end
        combined: dict[_RunKey, Style] = {}
        segments: list[Segment] = []
        run: list[str] = []
        run_key: _RunKey | None = None
        for atom in row.atoms:
            offset = atom.start
            mark = 0
            if in_keywords and keywords.contains(offset):
                mark = 1
            elif in_terms and terms.contains(offset):
                mark = 2
            key = (
                mark,
                token_status.get(offset, "") if token_status else "",
                in_notes and notes.contains(offset),
                in_selection and sel_start <= offset < sel_end,
                in_cursor and cursor_start <= offset < cursor_end,
                in_matches and matches.contains(offset),
                token_hsk.get(offset, "") if token_hsk else "",
            )
            chunk = display[offset - first : atom.end - first]
            if key != run_key:
                if run:
                    segments.append(Segment("".join(run), _combined(frame, combined, run_key)))
                    run = []
                run_key = key
            run.append(chunk)
            pad = atom.width - (cell_width(chunk) if len(chunk) == 1 else text_cells(chunk))
            if pad > 0:
                segments.append(Segment("".join(run), _combined(frame, combined, run_key)))
                segments.append(Segment(" " * pad, base))
                run = []
        if run:
            segments.append(Segment("".join(run), _combined(frame, combined, run_key)))
        return segments

    def _pinyin(self, row: Row, frame: Frame) -> list[Segment]:
        base = frame.base + frame.style("pinyin")
        segments: list[Segment] = []
        column = x = 0  # where the row's text has got to; where this atom's column starts
        for atom in row.atoms:
            token = self.tokens.at(atom.start)
            parts = self.reading(token) if token is not None and token.start == atom.start else []
            if parts and x > column:
                segments.append(Segment(" " * (x - column), base))
                column = x
            for text, tone in parts:
                # A reading runs on over the punctuation hanging after its word (linebreak.word_atoms).
                segments.append(Segment(text, base + self.tone_style(tone)))
                column += len(text)
            x += atom.width
        if x > column:
            segments.append(Segment(" " * (x - column), base))
        return segments

    def _status_styles(self, row: Row) -> dict[int, str]:
        """Offset → ``learning`` / ``unknown`` for the Han words of ``row``."""
        styles: dict[int, str] = {}
        for token in self.tokens.in_range(row.start, row.end):
            if token.kind != "han":
                continue
            status = self.word_status(token.text)
            if status in COLOURED_STATUSES:
                for pos in range(token.start, token.end):
                    styles[pos] = status
        return styles

    def _hsk_classes(self, row: Row, above: int) -> dict[int, str]:
        """Offset → ``hsk-1`` … ``hsk-7`` (band 7–9) or ``hsk-beyond`` for the Han words of ``row``.

        With ``above`` (the learner's level), only words above it are marked.
        """
        classes: dict[int, str] = {}
        for token in self.tokens.in_range(row.start, row.end):
            if token.kind != "han" or not token.syllables:
                continue  # not yet segmented, or not a word: nothing to grade
            level = token.hsk if token.hsk is not None else 99
            if level <= above:
                continue
            name = hsk_class(token.hsk)
            for pos in range(token.start, token.end):
                classes[pos] = name
        return classes


def hsk_class(level: int | None) -> str:
    """The component class (after ``article-view--``) of an HSK level: ``hsk-3``, ``hsk-7`` (7–9), ``hsk-beyond``."""
    return "hsk-beyond" if level is None else f"hsk-{min(level, 7)}"


def _combined(frame: Frame, cache: dict[_RunKey, Style], key: _RunKey | None) -> Style:
    """The style of a run: the base plus each of its marks, worked out once per key and row."""
    base = frame.base
    if key is None:
        return base
    style = cache.get(key)
    if style is None:
        mark, status, note, selected, cursor, match, hsk = key
        style = base
        if hsk:
            style = style + frame.style(hsk)
        if mark:
            style = style + frame.style("keyword" if mark == 1 else "term")
        if status:
            style = style + frame.style(status)
        if note:
            style = style + frame.style("note")
        if match:
            style = style + frame.style("match")
        if selected:
            style = style + frame.style("selection")
        if cursor:
            style = style + frame.style("cursor")
        cache[key] = style
    return style
