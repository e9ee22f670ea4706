"""Text out of HTML and XHTML (EPUB chapters, ``.html`` files), with the standard library's parser.

The extraction gives :class:`Block` s in document order: headings with their
level, and paragraphs (``p``, ``div``, ``li``, ``blockquote``, table rows …)
where ``<br>`` is a kept line break (verse). Ruby annotations are read apart:
the base text stays in the text, the ``<rt>`` reading is dropped from it and
kept as a *given reading* of that base text (where the base starts and ends
is marked in the text with two noncharacters while a block is read, and found
again after its whitespace is collapsed, so that collapsing never moves a
reading). ``script``, ``style`` and the
``head`` (but its ``title``) are skipped. Whitespace is collapsed as a browser
does, and a source line break between Chinese characters leaves no space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from reader.text.document import Document, DocumentBuilder

_BLOCK_TAGS = frozenset(
    "p div li blockquote dd dt tr td th section article aside header footer nav pre figcaption caption "
    "address center dl ol ul table tbody thead body hr".split()
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_SKIP = frozenset({"script", "style", "head", "rp", "template", "svg", "math"})
_SPACE = re.compile(r"[ \t\r\n\f\u00a0]+")
_CJK_GAP = re.compile(r"(?<=[\u2e80-\u9fff\uf900-\uffef]) (?=[\u2e80-\u9fff\uf900-\uffef])")
#: Where a ruby base starts and ends, inside a block being read (noncharacters: never in a document's text).
_BASE, _END = "\ufdd0", "\ufdd1"
_MARKS = re.compile("[\ufdd0\ufdd1]")
_WHITE = frozenset(" \t\r\f\u00a0")


@dataclass
class Block:
    """A heading (``level`` 1–6) or a paragraph (``level`` 0); ``readings`` are ``(start, end, reading)`` in ``text``."""

    text: str
    level: int = 0
    anchors: tuple[str, ...] = ()
    readings: list[tuple[int, int, str]] = field(default_factory=list)


class _Extractor(HTMLParser):
    """Collects blocks; element ids are remembered on the block they open (EPUB TOC targets)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.title = ""
        self._parts: list[str] = []
        self._level = 0
        self._anchors: list[str] = []
        self._skip = 0
        self._in_title = False
        self._in_ruby = False
        self._rt: list[str] | None = None
        #: The reading of each base end mark (``_END``) of the block, in order ("" for an empty ``<rt>``).
        self._readings: list[str] = []

    # -- the parser's callbacks ----------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        ident = next((value for name, value in attrs if name in ("id", "name") and value), None)
        if tag == "title":
            self._in_title = True
        if tag in _SKIP:
            self._skip += 1
            return
        if tag in _HEADINGS or tag in _BLOCK_TAGS:
            self._flush()
            self._level = _HEADINGS.get(tag, 0)
        elif tag == "br":
            self._parts.append("\n")
        elif tag == "ruby":
            self._in_ruby = True
            self._parts.append(_BASE)
        elif tag == "rt":
            if self._in_ruby and self._rt is None:
                self._parts.append(_END)
                self._readings.append("")
            self._rt = []
        if ident:
            self._anchors.append(ident)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "hr"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
            return
        if tag in _HEADINGS or tag in _BLOCK_TAGS:
            self._flush()
        elif tag == "rt" and self._rt is not None:
            self._end_reading()
        elif tag == "ruby":
            self._in_ruby = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if self._skip:
            return
        if self._rt is not None:
            self._rt.append(data)
        else:  # a source line break is a space; only <br> breaks a line
            self._parts.append(_SPACE.sub(" ", _MARKS.sub("", data)))

    # -- helpers ---------------------------------------------------------------------------
    def _end_reading(self) -> None:
        reading = _SPACE.sub(" ", "".join(self._rt or ())).strip()
        self._rt = None
        if self._in_ruby and self._readings:
            self._readings[-1] = reading
            self._parts.append(_BASE)  # the next <rb>…<rt> pair of the same ruby starts here

    def _flush(self) -> None:
        joined = "".join(self._parts)
        if _BASE in joined:
            raw, readings = _clean_marked(joined, self._readings)
        else:
            raw, readings = _clean(joined, strip=False), []
        text = raw.strip()
        if text:
            lead = len(raw) - len(raw.lstrip())
            readings = [(a - lead, b - lead, r) for a, b, r in readings if 0 <= a - lead and b - lead <= len(text)]
            self.blocks.append(Block(text, self._level, tuple(self._anchors), readings))
            self._anchors = []
        self._parts, self._readings, self._level = [], [], 0
        if self._in_ruby:
            self._parts.append(_BASE)  # a block broken inside a ruby: its base goes on in the next block

    def close(self) -> None:
        super().close()
        self._flush()


def _clean(text: str, *, strip: bool = True) -> str:
    r"""Collapse whitespace line by line (``<br>`` made the ``"\\n"``), no space between Chinese characters."""
    lines = [_CJK_GAP.sub("", _SPACE.sub(" ", line)) for line in text.split("\n")]
    joined = "\n".join(line.strip() for line in lines) if strip else "\n".join(lines)
    return joined.strip() if strip else joined


def _is_cjk(char: str) -> bool:
    return "\u2e80" <= char <= "\u9fff" or "\uf900" <= char <= "\uffef"


def _clean_marked(joined: str, readings: list[str]) -> tuple[str, list[tuple[int, int, str]]]:
    """:func:`_clean` (without stripping) of a block with base marks, and its readings at their cleaned offsets.

    The marks are taken out first; then whitespace is collapsed character by
    character exactly as :func:`_clean` does, keeping where each character
    went, so a base start or end lands where its characters did.
    """
    raw: list[str] = []
    marks: list[tuple[str, int]] = []
    for char in joined:
        if char == _BASE or char == _END:
            marks.append((char, len(raw)))
        else:
            raw.append(char)
    out: list[str] = []
    where = [0] * (len(raw) + 1)
    i, count = 0, len(raw)
    while i < count:
        char = raw[i]
        if char in _WHITE:
            j = i
            while j < count and raw[j] in _WHITE:
                where[j] = len(out)
                j += 1
            if not (out and _is_cjk(out[-1]) and j < count and _is_cjk(raw[j])):
                out.append(" ")
            i = j
            continue
        where[i] = len(out)
        out.append(char)
        i += 1
    where[count] = len(out)
    found: list[tuple[int, int, str]] = []
    base: int | None = None
    given = iter(readings)
    for kind, at in marks:
        if kind == _BASE:
            base = where[at]
            continue
        reading = next(given, "")
        end = where[at]
        if base is not None and reading and end > base:
            found.append((base, end, reading))
        base = None
    return "".join(out), found


def extract(markup: str) -> tuple[str, list[Block]]:
    """``(title, blocks)`` of an HTML or XHTML document."""
    parser = _Extractor()
    parser.feed(markup)
    parser.close()
    return _SPACE.sub(" ", parser.title).strip(), parser.blocks


def parse_html_document(markup: str, doc_id: str, fallback_title: str = "") -> Document:
    """An ``.html`` / ``.htm`` file: its headings start sections at their level, as in Markdown."""
    title, found = extract(markup)
    builder = DocumentBuilder()
    readings: list[list[object]] = []
    add_blocks(builder, found, readings)
    return builder.build(
        id=doc_id, title=title or fallback_title or doc_id, meta={"given_readings": readings} if readings else {}
    )


def add_blocks(
    builder: DocumentBuilder,
    found: list[Block],
    readings: list[list[object]],
    *,
    title: str | None = None,
    level: int = 1,
) -> None:
    """Add ``found`` to ``builder``: a heading opens a section (``title``, if given, opens the first one).

    ``readings`` collects ``[start, end, reading]`` in document offsets.
    """
    pending: list[Block] = []
    current_title, current_level, opened = title, level, title is not None

    def flush() -> None:
        nonlocal opened
        if not pending and not opened:
            return
        texts = [block.text for block in pending]
        heading = current_title if current_title is not None else _first_clause(texts)
        start = builder.length + (1 if builder.length else 0)
        builder.add_section(heading, "", texts, level=current_level, keep_empty=current_title is not None)
        readings.extend(place_readings(pending, start))
        pending.clear()
        opened = False

    for block in found:
        if block.level:
            flush()
            current_title, current_level, opened = block.text.replace("\n", " "), block.level, True
        else:
            pending.append(block)
    flush()


def place_readings(blocks: list[Block], start: int) -> list[list[object]]:
    r"""The ruby readings of ``blocks`` in document offsets, the blocks' text starting at ``start``.

    Follows :meth:`DocumentBuilder.add_section`: blocks are joined by ``"\\n"``,
    and a block with kept line breaks loses its blank lines and each line's
    surrounding spaces; a reading whose base is not in one kept line is dropped.
    """
    out: list[list[object]] = []
    offset = start
    for block in blocks:
        text = block.text.strip()
        if not text:
            continue
        lead = len(block.text) - len(block.text.lstrip())
        spans: list[tuple[int, int, int]] = []  # (from, to) in block.text, and the document offset of ``from``
        if "\n" not in text:
            spans.append((lead, lead + len(text), offset))
            offset += len(text) + 1
        else:
            at = 0
            for line in block.text.split("\n"):
                kept = line.strip()
                if kept:
                    first = at + len(line) - len(line.lstrip())
                    spans.append((first, first + len(kept), offset))
                    offset += len(kept) + 1
                at += len(line) + 1
        for a, b, reading in block.readings:
            for lo, hi, doc_at in spans:
                if lo <= a and b <= hi:
                    out.append([doc_at + a - lo, doc_at + b - lo, reading])
                    break
    return out


def _first_clause(texts: list[str]) -> str:
    first = texts[0].split("\n", 1)[0] if texts else ""
    match = re.search(r"[，。、；：！？,.;:!?]", first)
    clause = first[: match.start()] if match else first
    return clause if len(clause) <= 16 else clause[:16] + "…"
