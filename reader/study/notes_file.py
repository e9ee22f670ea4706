"""The notes file on disk: parsing, validation and the change signature.

Owns turning the bytes of ``READER_HOME/notes/<doc-id>.yaml`` into a
:class:`~reader.study.notes_model.NotesFile` (:func:`parse_notes`), the
one-line-per-problem check behind ``reader notes check`` (:func:`check_notes`),
and the :class:`FileSignature` (size, mtime_ns, SHA-256) the
:class:`~reader.study.notes.NoteStore` compares to notice another writer.
PyYAML is imported lazily, only when a file is actually parsed.

Pure module: no UI imports.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from reader.errors import DataFileError
from reader.study.notes_model import NOTES_VERSION, Note, NotesFile


def _problems(raw: bytes, path: Path) -> tuple[NotesFile | None, list[str]]:
    """Parse a notes file's bytes; ``(file, [])`` or ``(None, problems)`` (each one line)."""
    from reader.storage.yamlio import parse_yaml

    where = str(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, [f"{where}: not UTF-8 text"]
    if not text.strip():
        return None, [f"{where}: empty notes file"]
    try:
        data = parse_yaml(text, path)
    except DataFileError as exc:
        return None, [exc.message]
    if not isinstance(data, dict):
        return None, [f"{where}: notes file must be a mapping, not {type(data).__name__}"]
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        return None, [f"{where}: notes file has no integer 'version'"]
    if version != NOTES_VERSION:
        return None, [f"{where}: notes file version {version} is not supported (expected {NOTES_VERSION})"]
    problems: list[str] = []
    document = data.get("document")
    doc_id = title = doc_hash = ""
    if not isinstance(document, dict):
        problems.append(f"{where}: 'document' must be a mapping with id, title and hash")
    else:
        values = [document.get(key, "") for key in ("id", "title", "hash")]
        if not all(isinstance(v, str | int) and not isinstance(v, bool) for v in values if v is not None):
            problems.append(f"{where}: 'document' id, title and hash must be strings")
        doc_id, title, doc_hash = (str(v) if v is not None else "" for v in values)
    raw_notes = data.get("notes", [])
    if raw_notes is None:
        raw_notes = []
    if not isinstance(raw_notes, list):
        return None, [*problems, f"{where}: 'notes' must be a list"]
    notes: list[Note] = []
    seen: set[str] = set()
    for index, item in enumerate(raw_notes, start=1):
        try:
            note = Note.from_dict(item)
        except ValueError as exc:
            # One prefix: "note 3 (id 12): 'created' must be ...", never "note 3: note 12: ...".
            label = f"note {index}"
            if isinstance(item, dict) and item.get("id") not in (None, ""):
                label += f" (id {item['id']})"
            problems.append(f"{where}: {label}: {exc}")
            continue
        if note.id in seen:
            problems.append(f"{where}: note {index}: duplicate id {note.id}")
            continue
        seen.add(note.id)
        notes.append(note)
    if problems:
        return None, problems
    return NotesFile(doc_id, title, doc_hash, notes), []


def parse_notes(raw: bytes, path: Path) -> NotesFile:
    """Parse a notes file; the first problem is raised as a :class:`DataFileError`."""
    parsed, problems = _problems(raw, path)
    if parsed is None:
        reason = problems[0]
        prefix = f"{path}: "
        raise DataFileError(path, reason[len(prefix) :] if reason.startswith(prefix) else reason)
    return parsed


def check_notes(path: Path | str) -> list[str]:
    """Validate one notes file: one line per problem, empty if the file is fine or absent."""
    target = Path(path)
    try:
        raw = target.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        return [f"{target}: {exc.strerror or 'cannot be read'}"]
    return _problems(raw, target)[1]


@dataclass(frozen=True)
class FileSignature:
    """What identifies one version of the notes file: size, mtime_ns and SHA-256 of its bytes."""

    size: int
    mtime_ns: int
    digest: str


def signature_of(raw: bytes, path: Path) -> FileSignature:
    """Return the signature of ``path`` whose content is ``raw``."""
    stat = path.stat()
    return FileSignature(stat.st_size, stat.st_mtime_ns, hashlib.sha256(raw).hexdigest())
