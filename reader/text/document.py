r"""The document model: Document -> Section -> Paragraph, with code-point offsets.

``Document.text`` is every paragraph's text joined by a single ``"\\n"`` (the
pieces of one very long paragraph, see :data:`LONG_PARAGRAPH`, follow each other
with no separator). Each
paragraph knows its ``start``/``end`` code-point offsets into that text; notes,
tokens, the word cursor and ``reader annotate`` all speak in those offsets.
Section headings are metadata, not part of the text.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Paragraph:
    """One paragraph (or one kept line of a verse or list block): a span of the document text.

    ``tight`` marks a line that the next one continues in the same block: no blank row between them.
    """

    id: str
    start: int
    end: int
    tight: bool = False


@dataclass(frozen=True)
class Section:
    """A titled group of paragraphs, at a heading ``level`` (1 for ``#``, 2 for ``##`` …).

    A part heading with no text of its own (``# 第一部`` straight before ``## 第一章``)
    is a section without paragraphs, placed at offset ``at``. ``title_in_text``
    marks a section whose first paragraph is its title line (a plain-text chapter
    line such as ``第三章 殷之先公先王``, kept in the text so that it is read and
    annotated like any other line).
    """

    id: str
    index: int
    title: str
    subtitle: str
    paragraphs: tuple[Paragraph, ...]
    level: int = 1
    at: int = 0
    title_in_text: bool = False

    @property
    def start(self) -> int:
        """Offset of the section's first character (``at`` for a section without text)."""
        return self.paragraphs[0].start if self.paragraphs else self.at

    @property
    def end(self) -> int:
        """Offset just past the section's last character."""
        return self.paragraphs[-1].end if self.paragraphs else self.at

    @property
    def heading(self) -> str:
        """The heading as shown: ``title``, two spaces, the English ``subtitle`` if any."""
        return f"{self.title}  {self.subtitle}" if self.subtitle else self.title


@dataclass
class Document:
    """A loaded document with its sections and metadata."""

    id: str
    title: str
    text: str
    sections: tuple[Section, ...]
    title_en: str = ""
    language: str = "zh-Hans"
    keywords: tuple[str, ...] = ()
    source: str = ""
    path: Path | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._paragraphs = [p for s in self.sections for p in s.paragraphs]
        self._starts = [p.start for p in self._paragraphs]
        self._section_starts = [s.start for s in self.sections]

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text: keys caches and tells notes the text changed."""
        cached = self.meta.get("_hash")
        if cached is None:
            import hashlib  # not at module level: OpenSSL's import is on the start-up path

            cached = hashlib.sha256(self.text.encode("utf-8")).hexdigest()
            self.meta["_hash"] = cached
        return str(cached)

    @property
    def traditional(self) -> bool:
        """True when the text is written in traditional characters (``language: zh-Hant``, or told from the text)."""
        return self.lookup_text is not self.text

    @property
    def lookup_text(self) -> str:
        """The text that segmentation, the dictionary, HSK, the glossary and the senses read.

        For a document in traditional characters, its simplified form, character
        for character (``reader.text.script``, OpenCC): same length, same offsets.
        Otherwise the text itself. Worked out on first use (off the first paint).
        """
        cached = self.meta.get("_lookup")
        if cached is None:
            from reader.text.script import is_traditional, to_simplified

            hant = self.language.lower().startswith(("zh-hant", "zh-tw", "zh-hk"))
            cached = to_simplified(self.text) if hant or is_traditional(self.text) else self.text
            self.meta["_lookup"] = cached
        return str(cached) if cached is not self.text else self.text

    def given_reading(self, start: int, end: int) -> str:
        """The reading the source gives for ``[start, end)`` (EPUB/HTML ruby ``<rt>``), joined; "" when none.

        The readings are ``meta["given_readings"]``: ``[start, end, reading]`` in document offsets.
        """
        given = self.meta.get("given_readings") or ()
        return " ".join(str(r) for a, b, r in given if start <= int(a) and int(b) <= end)

    def written_form(self, word: str) -> str:
        """How ``word`` (a token's text: simplified in a traditional document) is written here.

        Its first occurrence's characters in the text as written; the word itself
        when the document is not traditional or the word is not in it.
        """
        if not self.traditional:
            return word
        at = self.lookup_text.find(word)
        return self.text[at : at + len(word)] if at >= 0 else word

    @property
    def paragraphs(self) -> list[Paragraph]:
        """All paragraphs in document order."""
        return self._paragraphs

    def section_at(self, offset: int) -> Section:
        """The section that holds ``offset`` (clamped to the document)."""
        index = bisect.bisect_right(self._section_starts, offset) - 1
        return self.sections[max(0, min(index, len(self.sections) - 1))]

    def paragraph_index_at(self, offset: int) -> int:
        """Index in :attr:`paragraphs` of the paragraph that holds ``offset`` (clamped)."""
        index = bisect.bisect_right(self._starts, offset) - 1
        return max(0, min(index, len(self._paragraphs) - 1))

    def paragraph_at(self, offset: int) -> Paragraph:
        """The paragraph that holds ``offset`` (clamped to the document)."""
        return self._paragraphs[self.paragraph_index_at(offset)]

    def parents(self) -> list[int | None]:
        """For each section, the index of the section it sits under (by heading level), or None at the top.

        One pass with a stack of open sections: a book of 7,000 chapters costs
        7,000 steps, not 7,000 scans back.
        """
        cached = self.meta.get("_parents")
        if cached is None:
            cached = []
            stack: list[int] = []
            for section in self.sections:
                while stack and self.sections[stack[-1]].level >= section.level:
                    stack.pop()
                cached.append(stack[-1] if stack else None)
                stack.append(section.index)
            self.meta["_parents"] = cached
        return list(cached)

    def parent(self, index: int) -> int | None:
        """Index of the section that section ``index`` sits under, or None at the top."""
        return self.parents()[index]

    def depths(self) -> list[int]:
        """For each section, how deep it sits in the outline tree (0 for the top)."""
        parents = self.parents()
        out: list[int] = []
        for parent in parents:
            out.append(0 if parent is None else out[parent] + 1)
        return out

    def depth(self, index: int) -> int:
        """How deep section ``index`` sits in the outline tree (0 for the top)."""
        return self.depths()[index]

    def section_by_id(self, section_id: str) -> Section | None:
        """Find a section by id."""
        return next((s for s in self.sections if s.id == section_id), None)

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The ``(start, end)`` of the sentence around ``offset``, inside its paragraph."""
        paragraph = self.paragraph_at(offset)
        text = self.text
        start = offset
        while start > paragraph.start and text[start - 1] not in SENTENCE_ENDS:
            start -= 1
        end = offset
        while end < paragraph.end and text[end] not in SENTENCE_ENDS:
            end += 1
        while end < paragraph.end and text[end] in SENTENCE_ENDS + CLOSING_QUOTES:
            end += 1
        while start < end and text[start].isspace():
            start += 1
        return start, end


SENTENCE_ENDS = "。！？!?；;…"
CLOSING_QUOTES = "”’」』）)"


class DocumentBuilder:
    """Accumulates sections and paragraphs and computes offsets."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._sections: list[Section] = []
        self._ids: set[str] = set()

    @property
    def length(self) -> int:
        """Characters of text so far."""
        return self._length

    def add_section(
        self,
        title: str,
        subtitle: str,
        paragraphs: list[str],
        section_id: str = "",
        *,
        level: int = 1,
        keep_empty: bool = False,
        title_in_text: bool = False,
    ) -> None:
        r"""Append a section; without paragraphs it is dropped unless ``keep_empty`` (a part heading).

        A paragraph string with ``"\\n"`` in it is a block whose line breaks are
        kept: each line becomes a paragraph, all but the last ``tight``.
        """
        texts = [p for p in (t.strip() for t in paragraphs) if p]
        if not texts and not keep_empty:
            return
        index = len(self._sections)
        sid = section_id or f"s{index + 1}"
        base, suffix = sid, 2
        while sid in self._ids:
            sid, suffix = f"{base}-{suffix}", suffix + 1
        self._ids.add(sid)
        spans: list[Paragraph] = []
        at = self._length + 1 if self._parts else 0
        lines: list[tuple[str, bool]] = []
        for text in texts:
            if "\n" not in text:  # the common case: a paragraph of one line
                lines.append((text, False))
                continue
            block = _lines(text)
            lines.extend((line, n < len(block) - 1) for n, line in enumerate(block))
        number = 0
        parts, length = self._parts, self._length
        for text, tight in lines:
            if parts:
                parts.append("\n")
                length += 1
            if len(text) <= LONG_PARAGRAPH:
                number += 1
                parts.append(text)
                spans.append(Paragraph(f"{sid}.p{number}", length, length + len(text), tight))
                length += len(text)
                continue
            pieces = _pieces(text)
            for count, piece in enumerate(pieces, start=1):
                number += 1
                parts.append(piece)
                last = count == len(pieces)
                spans.append(Paragraph(f"{sid}.p{number}", length, length + len(piece), tight or not last))
                length += len(piece)
        self._length = length
        self._sections.append(Section(sid, index, title, subtitle, tuple(spans), level, at, title_in_text))

    def build(self, **kwargs: Any) -> Document:
        """Make the :class:`Document` (a part heading at the very end is placed at the end of the text)."""
        sections = tuple(
            replace(s, at=self._length) if not s.paragraphs and s.at > self._length else s for s in self._sections
        )
        return Document(text="".join(self._parts), sections=sections, **kwargs)


def _lines(text: str) -> list[str]:
    """The kept lines of a paragraph string (blank ones dropped)."""
    return [line for line in (part.strip() for part in text.split("\n")) if line]


#: A paragraph longer than this is laid out and segmented in pieces (a 10M-character line stays fast).
LONG_PARAGRAPH = 6000
#: ... of about this many characters, each ending at a sentence end where there is one.
PIECE_CHARS = 2000


def _pieces(text: str) -> list[str]:
    """A long paragraph cut into adjacent pieces (no separator: the text is unchanged), else ``[text]``.

    Each piece ends at the first sentence end after :data:`PIECE_CHARS` characters
    (or, with none within as many again, wherever the length runs out); every
    piece but the last is a ``tight`` paragraph, so the view starts a row there
    and leaves no blank row.
    """
    if len(text) <= LONG_PARAGRAPH:
        return [text]
    pieces: list[str] = []
    start = 0
    while len(text) - start > LONG_PARAGRAPH // 2:
        end = start + PIECE_CHARS
        stop = min(end + PIECE_CHARS, len(text))
        while end < stop and text[end - 1] not in SENTENCE_ENDS:
            end += 1
        while end < len(text) and text[end] in CLOSING_QUOTES:
            end += 1
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces
