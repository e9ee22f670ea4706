"""Loading documents from files: encodings, Markdown with front matter, plain text.

Every failure is a :class:`~reader.errors.ReaderError` with a one-line message.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any

from reader.errors import ReaderError
from reader.storage.yamlio import YAMLSyntaxError, load_yaml_text
from reader.text import blocks
from reader.text.document import Document, DocumentBuilder
from reader.text.encoding import decode_bytes

__all__ = ["MAX_BYTES", "decode_bytes", "document_id_for", "load_path", "parse_markdown", "parse_plain"]

#: Larger files are refused rather than read into memory.
MAX_BYTES = 64 * 1024 * 1024
#: Plain text without headings is grouped into sections of about this many characters.
SECTION_CHARS = 3000

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_HEADING_ID = re.compile(r"\s*\{#([A-Za-z0-9_.:-]+)\}\s*$")
#: Chapter lines are at most this long.
CHAPTER_CHARS = 40
_NUM = "0-9０-９零〇一二三四五六七八九十百千两"
_CHAPTER = re.compile(
    rf"^(?:第[{_NUM}]+(?P<unit>[章回节卷部篇集])|序[章言幕]?|楔子|引子|尾声|后记|前言|跋|番外)(?:\s|$|[：:　])"
)
_VOLUME = re.compile(rf"^卷(?:之)?[{_NUM}]+(?:\s|$|[：:　])")
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+、|\d{1,2}(?P<sub>\.\d{1,2})?[.、．]?\s)\S")
_CLAUSE_END = re.compile(r"[，。、；：！？,.;:!?（）()“”\"「」]")


def read_text_file(path: Path, encoding: str | None = None) -> str:
    """Read a document file with the checks the CLI promises (one-line errors); see :func:`read_document_bytes`."""
    raw = read_document_bytes(path)
    text = decode_bytes(raw, str(path), encoding).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReaderError(f"{path}: empty file, nothing to read")
    return text


def read_document_bytes(path: Path) -> bytes:
    """The bytes of a document file, refusing what is not a regular file or is over :data:`MAX_BYTES`.

    A FIFO, a socket or a device (``/dev/zero``) is refused from its ``stat``
    before it is opened, so nothing blocks or reads without end; the read itself
    stops one byte past the limit, whatever ``st_size`` said.
    """
    name = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError as exc:
        raise ReaderError(f"{name}: no such file") from exc
    except PermissionError as exc:
        raise ReaderError(f"{name}: permission denied") from exc
    except OSError as exc:
        raise ReaderError(f"{name}: cannot be read ({exc.strerror})") from exc
    if stat.S_ISDIR(info.st_mode):
        raise ReaderError(f"{name}: is a directory, not a document")
    if not stat.S_ISREG(info.st_mode):
        raise ReaderError(f"{name}: is a {_kind(info.st_mode)}, not a regular file")
    limit = MAX_BYTES
    if info.st_size > limit:
        raise ReaderError(f"{name}: too large ({_mib(info.st_size)}; the limit is {_mib(limit)})")
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
    except PermissionError as exc:
        raise ReaderError(f"{name}: permission denied") from exc
    except OSError as exc:
        raise ReaderError(f"{name}: cannot be read ({exc.strerror})") from exc
    if len(raw) > limit:
        raise ReaderError(f"{name}: too large (the limit is {_mib(limit)})")
    return raw


def _kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISFIFO(mode):
        return "named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode):
        return "character device"
    if stat.S_ISBLK(mode):
        return "block device"
    return "special file"


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MiB" if size >= 1024 * 1024 else f"{size} bytes"


def document_id_for(path: Path) -> str:
    """A stable, file-name-safe id for a document opened by path."""
    import hashlib

    digest = hashlib.sha1(str(path.resolve()).encode("utf-8")).hexdigest()[:8]
    stem = re.sub(r"[^\w.-]+", "-", path.stem).strip("-") or "doc"
    return f"{stem}-{digest}"


def load_path(path: Path, doc_id: str | None = None, encoding: str | None = None) -> Document:
    """Load a document file into a :class:`Document`, by its suffix.

    ``.md`` / ``.markdown``: Markdown; ``.epub``: an EPUB book (``text/epub.py``);
    ``.html`` / ``.htm`` / ``.xhtml``: the same HTML extraction; anything else: plain
    text. ``encoding`` forces the text encoding (default: told from the bytes).
    """
    ident = doc_id or document_id_for(path)
    suffix = path.suffix.lower()
    if suffix == ".epub":
        from reader.text.epub import load_epub

        doc = load_epub(path, read_document_bytes(path), ident)
    elif suffix in (".html", ".htm", ".xhtml"):
        from reader.text.html_text import parse_html_document

        doc = parse_html_document(read_text_file(path, encoding), ident, path.stem)
    elif suffix in (".md", ".markdown"):
        doc = parse_markdown(read_text_file(path, encoding), ident, str(path))
    else:
        doc = parse_plain(read_text_file(path, encoding), ident, path.stem)
    doc.path = path
    if not doc.text:
        raise ReaderError(f"{path}: empty file, nothing to read")
    return doc


def split_front_matter(text: str, name: str) -> tuple[dict[str, Any], str]:
    """Split YAML front matter (between ``---`` lines) from the body."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---", 3)
    if end < 0:
        return {}, text
    block = text[4:end]
    after = text.find("\n", end + 4)
    body = text[after + 1 :] if after >= 0 else ""
    try:
        meta = load_yaml_text(block, memo=f"front matter of {name}") or {}
    except YAMLSyntaxError as exc:
        where = f" at line {exc.line + 2}" if exc.line is not None else ""
        raise ReaderError(f"{name}: invalid front matter{where}") from exc
    if not isinstance(meta, dict):
        raise ReaderError(f"{name}: front matter must be a mapping")
    return meta, body


def _split_heading(raw: str) -> tuple[str, str, str]:
    """``"预训练 / Pretraining {#pre}"`` -> (title, subtitle, id)."""
    section_id = ""
    match = _HEADING_ID.search(raw)
    if match:
        section_id = match.group(1)
        raw = raw[: match.start()]
    title, _, subtitle = raw.partition(" / ")
    return title.strip(), subtitle.strip(), section_id


def parse_markdown(text: str, doc_id: str, name: str = "") -> Document:
    """Markdown with optional front matter; headings (``#`` … ``######``) start sections at their level.

    A heading may carry an English subtitle after `` / `` and an id as ``{#id}``.
    The only level-1 heading, when it opens the body and there is no ``title`` in
    the front matter, is the document title; with several level-1 headings they
    are parts, nodes of the outline like the others, even with no text of their
    own. Text before the first heading forms a section of its own. Line breaks are
    kept or joined block by block (:mod:`reader.text.blocks`).
    """
    meta, body = split_front_matter(text, name or doc_id)
    lines_of_body = body.split("\n")
    builder = DocumentBuilder()
    title = str(meta.get("title") or "")
    depths = [len(m.group(1)) for line in lines_of_body if (m := _HEADING.match(line))]
    parts = depths.count(1)
    heading: tuple[str, str, str] | None = None
    # text before the first heading sits at the top level of the headings that follow, not above them
    level = min((d for d in depths if d > 1 or parts > 1), default=1)
    lines: list[str] = []

    def flush() -> None:
        paragraphs = blocks.paragraphs(lines, markdown=True)
        if heading is None:
            if paragraphs:
                builder.add_section(_opening_clause(paragraphs[0]), "", paragraphs, level=level)
        else:
            builder.add_section(heading[0], heading[1], paragraphs, heading[2], level=level, keep_empty=True)

    for line in lines_of_body:
        match = _HEADING.match(line)
        if match:
            depth, raw = len(match.group(1)), match.group(2)
            if depth == 1 and parts == 1 and not title and heading is None and not any(x.strip() for x in lines):
                title = _split_heading(raw)[0]
                continue
            flush()
            heading, level = _split_heading(raw), depth
            lines = []
        else:
            lines.append(line)
    flush()
    keywords = meta.get("keywords") or ()
    if isinstance(keywords, str):
        keywords = [k.strip() for k in re.split(r"[,，、]", keywords) if k.strip()]
    return builder.build(
        id=doc_id,
        title=title or doc_id,
        title_en=str(meta.get("title_en") or ""),
        language=str(meta.get("language") or "zh-Hans"),
        keywords=tuple(str(k) for k in keywords),
        source=str(meta.get("source") or ""),
        meta={k: v for k, v in meta.items()},
    )


def _opening_clause(text: str, limit: int = 16) -> str:
    """A generated section title: the paragraph's opening clause, shortened."""
    text = text.split("\n", 1)[0]
    lead = len(text) - len(text.lstrip('“「『（("‘ 　'))
    match = _CLAUSE_END.search(text, lead + 1)
    clause = text[lead : match.start()] if match else text[lead:]
    clause = clause.strip()
    return clause if len(clause) <= limit else clause[:limit] + "…"


def chapter_level(line: str) -> int | None:
    """The outline level of a plain-text chapter line (1 volume/part, 2 chapter, 3 section), or None.

    ``第…卷/部/篇/集`` and ``卷…`` are volumes; ``第…章/回``, ``序``, ``楔子``, ``尾声``,
    ``后记`` … chapters; ``第…节`` sections; numbered headings (``一、总论``,
    ``1. 引言``, ``1.2 方法``) chapters, or sections when numbered ``1.2``. A chapter
    line is short and does not end a sentence.
    """
    line = line.strip()
    if not line or len(line) > CHAPTER_CHARS or line[-1] in "。！？，；.!?,;":
        return None
    match = _CHAPTER.match(line)
    if match:
        unit = match.group("unit") or ""
        if unit in "卷部篇集" and unit:
            return 1
        return 3 if unit == "节" else 2
    if _VOLUME.match(line):
        return 1
    numbered = _NUMBERED.match(line)
    if numbered:
        return 3 if numbered.group("sub") else 2
    return None


def parse_plain(text: str, doc_id: str, title: str = "") -> Document:
    """Plain text: blank lines separate blocks (or, with no blank line, every line is one).

    Line breaks inside a block are kept or joined as :mod:`reader.text.blocks`
    decides. A chapter line (:func:`chapter_level`) standing as a block of its own
    starts a section titled by it; the line stays in the text, as the section's
    first line, so that it is read and annotated. Text without chapter lines is
    grouped into sections of about :data:`SECTION_CHARS` characters, titled by
    their opening clause.
    """
    lines = text.split("\n")
    has_blank = any(not ln.strip() for ln in lines[1:-1])
    groups = blocks.split_blocks(lines) if has_blank else [[ln] for ln in lines if ln.strip()]
    builder = DocumentBuilder()
    group: list[str] = []
    group_title = ""
    # text before the first chapter line sits at the top level of the chapters, not above them
    levels = [level for block in groups if len(block) == 1 and (level := chapter_level(block[0])) is not None]
    group_level = min(levels, default=1)
    size = 0

    def flush() -> None:
        if group:
            builder.add_section(
                group_title or _opening_clause(group[0]), "", group, level=group_level, title_in_text=bool(group_title)
            )

    for block in groups:
        level = chapter_level(block[0]) if len(block) == 1 else None
        if level is not None:
            flush()
            group_title, group_level = block[0].strip(), level
            group, size = [group_title], 0
            continue
        para = blocks.join_block(block)
        if group and not group_title and size + len(para) > SECTION_CHARS:
            flush()
            group, size = [], 0
        group.append(para)
        size += len(para)
    flush()
    return builder.build(id=doc_id, title=title or doc_id)
