"""Loading documents from files: encodings, Markdown with front matter, plain text.

Every failure is a :class:`~reader.errors.ReaderError` with a one-line message.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from reader.errors import ReaderError
from reader.storage.yamlio import YAMLSyntaxError, load_yaml_text
from reader.text.document import Document, DocumentBuilder

#: Larger files are refused rather than read into memory.
MAX_BYTES = 64 * 1024 * 1024
#: Plain text without headings is grouped into sections of about this many characters.
SECTION_CHARS = 3000

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_HEADING_ID = re.compile(r"\s*\{#([A-Za-z0-9_.:-]+)\}\s*$")
_CHAPTER = re.compile(
    r"^\s*(第[0-9零〇一二三四五六七八九十百千两]+[章回节卷部篇]|序[章言]?|楔子|尾声|后记)(\s|$|[：:　])"
)
_CLAUSE_END = re.compile(r"[，。、；：！？,.;:!?（）()“”\"「」]")


def decode_bytes(raw: bytes, name: str) -> str:
    """Decode file bytes: UTF-8 (with or without BOM), UTF-16 with BOM, then GB18030.

    GB18030 is a superset of GBK and GB2312, the encodings most Chinese files
    that are not UTF-8 use. Binary data (NUL bytes, undecodable) is refused.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReaderError(f"{name}: broken UTF-16 text") from exc
    if b"\x00" in raw[:65536]:
        raise ReaderError(f"{name}: binary file, not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_binary(text):
            raise ReaderError(f"{name}: binary file, not text")
        return text
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise ReaderError(f"{name}: unknown encoding (tried UTF-8 and GB18030/GBK)") from exc
    if _looks_binary(text):
        raise ReaderError(f"{name}: binary file, not text")
    return text


def _looks_binary(text: str) -> bool:
    """True when decoded text is mostly control characters."""
    sample = text[:4096]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls / len(sample) > 0.05


def read_text_file(path: Path) -> str:
    """Read a document file with the checks the CLI promises (one-line errors)."""
    name = str(path)
    if not path.exists():
        raise ReaderError(f"{name}: no such file")
    if path.is_dir():
        raise ReaderError(f"{name}: is a directory, not a document")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReaderError(
                f"{name}: too large ({size // (1024 * 1024)} MiB; the limit is {MAX_BYTES // (1024 * 1024)} MiB)"
            )
        raw = path.read_bytes()
    except PermissionError as exc:
        raise ReaderError(f"{name}: permission denied") from exc
    except OSError as exc:
        raise ReaderError(f"{name}: cannot be read ({exc.strerror})") from exc
    text = decode_bytes(raw, name).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReaderError(f"{name}: empty file, nothing to read")
    return text


def document_id_for(path: Path) -> str:
    """A stable, file-name-safe id for a document opened by path."""
    import hashlib

    digest = hashlib.sha1(str(path.resolve()).encode("utf-8")).hexdigest()[:8]
    stem = re.sub(r"[^\w.-]+", "-", path.stem).strip("-") or "doc"
    return f"{stem}-{digest}"


def load_path(path: Path, doc_id: str | None = None) -> Document:
    """Load a ``.md`` or ``.txt`` (or any text) file into a :class:`Document`."""
    text = read_text_file(path)
    ident = doc_id or document_id_for(path)
    if path.suffix.lower() in (".md", ".markdown"):
        doc = parse_markdown(text, ident, str(path))
    else:
        doc = parse_plain(text, ident, path.stem)
    doc.path = path
    if not doc.sections:
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


def _paragraphs(lines: list[str]) -> list[str]:
    """Blank-line separated paragraphs; lines inside a paragraph are joined.

    Chinese lines join without a space; other lines join with one.
    """
    out: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        stripped = line.strip()
        if stripped:
            current.append(stripped)
            continue
        if current:
            joined = current[0]
            for nxt in current[1:]:
                sep = "" if _is_cjk(joined[-1]) or _is_cjk(nxt[0]) else " "
                joined += sep + nxt
            out.append(joined)
            current = []
    return out


def _is_cjk(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\uffef" or ch >= "\U00020000"


def parse_markdown(text: str, doc_id: str, name: str = "") -> Document:
    """Markdown with optional front matter; headings (``#``…) start sections.

    A heading may carry an English subtitle after `` / `` and an id as ``{#id}``.
    The first level-1 heading, if there is no ``title`` in the front matter, is
    the document title. Text before the first section heading forms a section
    of its own.
    """
    meta, body = split_front_matter(text, name or doc_id)
    builder = DocumentBuilder()
    title = str(meta.get("title") or "")
    heading: tuple[str, str, str] | None = None
    lines: list[str] = []

    def flush() -> None:
        paragraphs = _paragraphs(lines)
        if heading is None:
            if paragraphs:
                builder.add_section(_opening_clause(paragraphs[0]), "", paragraphs)
        else:
            builder.add_section(heading[0], heading[1], paragraphs, heading[2])

    for line in body.split("\n"):
        match = _HEADING.match(line)
        if match:
            level, raw = len(match.group(1)), match.group(2)
            if level == 1 and not title and heading is None and not _paragraphs(lines):
                title = _split_heading(raw)[0]
                continue
            flush()
            heading = _split_heading(raw)
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
    lead = len(text) - len(text.lstrip('“「『（("‘ 　'))
    match = _CLAUSE_END.search(text, lead + 1)
    clause = text[lead : match.start()] if match else text[lead:]
    clause = clause.strip()
    return clause if len(clause) <= limit else clause[:limit] + "…"


def parse_plain(text: str, doc_id: str, title: str = "") -> Document:
    """Plain text: blank lines separate paragraphs (or, with no blank line, lines do).

    Chapter lines such as ``第三章 …`` start a section; otherwise paragraphs are
    grouped into sections of about :data:`SECTION_CHARS` characters, titled by
    their opening clause.
    """
    lines = text.split("\n")
    has_blank = any(not ln.strip() for ln in lines[1:-1])
    paragraphs = _paragraphs(lines) if has_blank else [ln.strip() for ln in lines if ln.strip()]
    builder = DocumentBuilder()
    group: list[str] = []
    group_title = ""
    size = 0
    for para in paragraphs:
        chapter = _CHAPTER.match(para)
        if chapter and len(para) <= 40:
            if group:
                builder.add_section(group_title or _opening_clause(group[0]), "", group)
            group, size, group_title = [], 0, para
            continue
        if group and not group_title and size + len(para) > SECTION_CHARS:
            builder.add_section(_opening_clause(group[0]), "", group)
            group, size = [], 0
        group.append(para)
        size += len(para)
    if group:
        builder.add_section(group_title or _opening_clause(group[0]), "", group)
    return builder.build(id=doc_id, title=title or doc_id)
