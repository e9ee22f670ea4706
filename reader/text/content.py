"""Bundled content (``content/``) and resolving ``NAME|PATH`` arguments."""

from __future__ import annotations

from pathlib import Path

from reader.errors import ReaderError
from reader.text.document import Document
from reader.text.loader import load_path, split_front_matter

_PACKAGE = Path(__file__).resolve().parent.parent


def content_dir() -> Path:
    """The bundled content folder: inside the wheel, or ``content/`` of a checkout."""
    for candidate in (_PACKAGE / "content", _PACKAGE.parent / "content"):
        if (candidate / "article.md").is_file():
            return candidate
    raise ReaderError("bundled content not found (reinstall reader)")


def bundled_names() -> list[str]:
    """Names of the bundled documents (``.md`` files in content/)."""
    return sorted(p.stem for p in content_dir().glob("*.md"))


def bundled_titles() -> list[tuple[str, str, str]]:
    """``(name, title, title_en)`` for each bundled document, read from front matter only."""
    rows = []
    for name in bundled_names():
        path = content_dir() / f"{name}.md"
        meta, _ = split_front_matter(path.read_text(encoding="utf-8"), str(path))
        rows.append((name, str(meta.get("title", name)), str(meta.get("title_en", ""))))
    return rows


def resolve_document(target: str, encoding: str | None = None) -> Document:
    """Open ``target``: a bundled name (``article``) or a path to a file.

    A string that names an existing path, or looks like one (has a separator or
    a suffix), is a path; otherwise it is a bundled name. ``encoding`` forces the
    file's text encoding.
    """
    if not target.strip():
        raise ReaderError("no document given: name a bundled document (see 'reader list') or a file")
    path = Path(target).expanduser()
    looks_like_path = path.exists() or "/" in target or "\\" in target or path.suffix != ""
    if looks_like_path:
        return load_path(path, encoding=encoding)
    if target in bundled_names():
        return load_path(content_dir() / f"{target}.md", doc_id=target)
    names = ", ".join(bundled_names())
    raise ReaderError(f"no bundled document named {target!r} (bundled: {names}); give a path to open a file")


def glossary_path() -> Path:
    """The bundled article's glossary file."""
    return content_dir() / "glossary.yaml"


def ai_glossary_path() -> Path:
    """The bundled AI and machine-learning glossary, loaded for every document."""
    return content_dir() / "ai_glossary.yaml"
