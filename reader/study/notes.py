"""Notes on a document: the model, the YAML file and the store the reading screen uses.

One file per document, ``READER_HOME/notes/<doc-id>.yaml``::

    version: 1
    document: {id: article, title: ..., hash: <sha256 of the text>}
    notes:   # one mapping per note
    - id: 3f9a1c2b7d4e
      created: '2025-05-01T09:30:12.345Z'
      updated: '2025-05-01T09:31:40.002Z'
      section: abstract
      anchor:
        quote: {exact: 技术瓶颈, prefix: ..., suffix: ...}
        position: {start: 126, end: 130}
      text: |
        bottleneck #词汇
      tags: [词汇]

Rules the :class:`NoteStore` keeps:

* every change (add, edit, delete) is written at once, atomically;
* before writing, the file is compared with what was read (size, mtime_ns and a
  SHA-256 of its bytes); if another instance changed it, its notes are merged
  by id: the union, the later ``updated`` winning for the same id, and a
  deletion made in this session never undone by the merge;
* a file that cannot be parsed or breaks the schema makes the store read-only
  with a one-line reason (path included); it is never written;
* on open every note is re-anchored against the current text (see
  :mod:`reader.study.anchor`); orphans are kept, never dropped; the new hash
  and positions reach the file only with the next change the user makes.

The code is split by concern; every name is importable from here:

* :mod:`reader.study.notes_model` -- :class:`Note`, :class:`NotesFile`, times, tags, ids;
* :mod:`reader.study.notes_file` -- parsing and checking the file, its change signature;
* :mod:`reader.study.notes_query` -- grouping, counting and ordering lists of notes;
* this module -- the :class:`NoteStore` (reading, changing, merging, locking).

Pure module: no UI imports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from reader.errors import DataFileError, ReaderError, WriteError
from reader.storage.locking import file_lock
from reader.study.anchor import Resolution, make_anchor, reanchor
from reader.study.notes_file import FileSignature, check_notes, parse_notes, signature_of
from reader.study.notes_model import (
    NOTES_VERSION,
    Note,
    NotesFile,
    later_than,
    new_note_id,
    parse_tags,
    parse_time,
    utc_now,
)
from reader.study.notes_query import count_by_section, file_order, group_by_section, note_spans, orphans_of

if TYPE_CHECKING:
    from reader.text.document import Document

__all__ = [
    "NOTES_VERSION",
    "Note",
    "NoteStore",
    "NotesFile",
    "check_notes",
    "count_by_section",
    "group_by_section",
    "new_note_id",
    "note_spans",
    "open_notes",
    "orphans_of",
    "parse_notes",
    "parse_tags",
    "parse_time",
    "utc_now",
]


class NoteStore:
    """The notes of one document, kept in step with ``notes_path(doc.id)``.

    Construct with :meth:`open` (or the constructor). Read ``read_only`` and
    ``problem`` after opening: a damaged file gives a read-only store whose
    ``problem`` is the one-line reason to show. ``add``, ``edit`` and ``delete``
    raise :class:`~reader.errors.ReaderError` when the store is read-only or the
    file cannot be written; the in-memory notes are unchanged then.
    """

    def __init__(self, doc: Document, path: Path | None = None) -> None:
        from reader.storage.paths import notes_path

        self.doc = doc
        self.path = Path(path) if path is not None else notes_path(doc.id)
        self.problem: str | None = None
        self._notes: dict[str, Note] = {}
        self._base: dict[str, str] = {}  # id -> 'updated' as last read from or written to disk
        self._deleted: set[str] = set()
        self._signature: FileSignature | None = None
        self.resolutions: dict[str, Resolution] = {}
        #: True while a change is held in memory because its write failed.
        self.unsaved = False
        self._load()

    @classmethod
    def open(cls, doc: Document, path: Path | None = None) -> NoteStore:
        """Open the notes of ``doc`` (never raises for a damaged file: see ``read_only``)."""
        return cls(doc, path)

    # -- reading ---------------------------------------------------------

    @property
    def read_only(self) -> bool:
        """True when the file is damaged: the notes are shown but never written."""
        return self.problem is not None

    @property
    def notes(self) -> list[Note]:
        """Every note: anchored ones in text order, then orphans."""
        anchored = sorted((n for n in self._notes.values() if not n.orphan), key=lambda n: (n.start, n.end, n.created))
        return anchored + orphans_of(self._notes.values())

    @property
    def orphans(self) -> list[Note]:
        """Notes whose passage is no longer in the text."""
        return orphans_of(self._notes.values())

    def get(self, note_id: str) -> Note | None:
        """Return the note with this id."""
        return self._notes.get(note_id)

    def by_section(self) -> dict[str, list[Note]]:
        """Anchored notes grouped by section id (see :func:`group_by_section`)."""
        return group_by_section(self._notes.values())

    def counts(self) -> dict[str, int]:
        """Count notes per section id, for the outline."""
        return count_by_section(self._notes.values())

    def spans(self) -> list[tuple[int, int, str]]:
        """``(start, end, note_id)`` for underlining noted passages."""
        return note_spans(self._notes.values())

    # -- changing ------------------------------------------------------------

    def add(self, start: int, end: int, text: str, section_id: str | None = None) -> Note:
        """Add a note on ``doc.text[start:end]`` and save; returns the note."""
        self._check_writable()
        anchor = make_anchor(self.doc.text, start, end)
        now = utc_now()
        sid = section_id if section_id is not None else self.doc.section_at(start).id
        note = Note(new_note_id(), now, now, sid, anchor, text, tuple(parse_tags(text)))

        def apply(notes: dict[str, Note]) -> None:
            notes[note.id] = note

        self._change(apply)
        return note

    def edit(self, note_id: str, text: str) -> Note:
        """Replace a note's text (and so its tags) and save; returns the new note."""
        self._check_writable()
        result: list[Note] = []

        def apply(notes: dict[str, Note]) -> None:
            current = notes.get(note_id)
            if current is None:
                raise ReaderError(f"no note with id {note_id}")
            updated = replace(current, text=text, tags=tuple(parse_tags(text)), updated=later_than(current.updated))
            notes[note_id] = updated
            result.append(updated)

        self._change(apply)
        return result[0]

    def delete(self, note_id: str) -> bool:
        """Delete a note and save; False if there was no such note."""
        self._check_writable()
        if note_id not in self._notes:
            return False

        def apply(notes: dict[str, Note]) -> None:
            notes.pop(note_id, None)

        self._change(apply, deleted=note_id)
        return True

    # -- internals -------------------------------------------------------------

    def _check_writable(self) -> None:
        if self.problem is not None:
            raise ReaderError(f"{self.problem} (notes are read-only)")

    def _load(self) -> None:
        raw = self._read_bytes()
        if raw is None:
            return
        try:
            parsed = parse_notes(raw, self.path)
        except DataFileError as exc:
            self.problem = exc.message
            return
        self._signature = signature_of(raw, self.path)
        self._notes = {n.id: self._resolve(n) for n in parsed.notes}
        self._base = {n.id: n.updated for n in parsed.notes}

    def _read_bytes(self) -> bytes | None:
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            self.problem = f"{self.path}: {exc.strerror or 'cannot be read'}"
            return None

    def _resolve(self, note: Note) -> Note:
        """Place the note in the current text: new anchor, or the old one flagged orphan."""
        text = self.doc.text
        resolution = reanchor(note.anchor, text)
        try:
            anchor = make_anchor(text, resolution.start, resolution.end) if not resolution.orphan else None
        except ValueError:  # never expected (reanchor checks its spans), and never fatal
            anchor = None
        if anchor is None:
            self.resolutions[note.id] = Resolution(note.anchor.start, note.anchor.end, None, 0.0)
            return replace(note, orphan=True)
        self.resolutions[note.id] = resolution
        if anchor == note.anchor and not note.orphan:
            return note
        section = self.doc.section_at(resolution.start).id if self.doc.sections else note.section_id
        return replace(note, anchor=anchor, section_id=section, orphan=False)

    def _sync(self) -> None:
        """Merge the file into memory if another writer changed it since we read or wrote it."""
        raw = self.path.read_bytes() if self.path.exists() else None
        if raw is None:
            if self._signature is None:
                return
            # The file was removed: keep ours (nothing to merge); the next write re-creates it.
            self._signature = None
            self._base = {}
            return
        signature = signature_of(raw, self.path)
        if signature == self._signature:
            return
        parsed = parse_notes(raw, self.path)
        disk = [self._resolve(n) for n in parsed.notes]
        self._signature = signature
        self._notes = self._merge({n.id: n for n in disk})
        self._base = {n.id: n.updated for n in disk}

    def _merge(self, disk: dict[str, Note]) -> dict[str, Note]:
        """Three-way merge of ``disk`` with memory, using ``_base`` as the common ancestor."""
        merged: dict[str, Note] = {}
        for note_id in [*self._notes, *(i for i in disk if i not in self._notes)]:
            if note_id in self._deleted:
                continue
            mine, theirs = self._notes.get(note_id), disk.get(note_id)
            if mine is not None and theirs is not None:
                merged[note_id] = theirs if parse_time(theirs.updated) > parse_time(mine.updated) else mine
            elif theirs is not None:
                merged[note_id] = theirs
            elif mine is not None:
                # Missing on disk: deleted by the other writer unless it is new or edited here.
                if self._base.get(note_id) == mine.updated:
                    continue
                merged[note_id] = mine
        return merged

    def _change(self, apply: Callable[[dict[str, Note]], None], deleted: str | None = None) -> None:
        """Under the lock: merge what is on disk, apply the change to a copy, write, commit.

        A write that fails (a full disk, a read-only folder) still commits the change in
        memory and raises a :class:`~reader.errors.WriteError`: the note is shown, and the
        next change writes it (the merge keeps notes that the file lacks but that are new
        or edited here, and deletions made here).
        """
        notes = dict(self._notes)
        try:
            with file_lock(self.path):
                try:
                    self._sync()
                except DataFileError as exc:
                    self.problem = exc.message
                    raise ReaderError(f"{exc.message} (notes are read-only)") from exc
                notes = dict(self._notes)
                apply(notes)
                data = NotesFile(self.doc.id, self.doc.title, self.doc.content_hash, file_order(notes.values()))
                from reader.storage.atomic import atomic_write_bytes
                from reader.storage.yamlio import dump_yaml

                payload = dump_yaml(data.to_dict()).encode("utf-8")
                atomic_write_bytes(self.path, payload)
        except ReaderError as exc:
            if not isinstance(exc, WriteError):
                raise
            self._commit(notes, deleted)
            self.unsaved = True
            raise WriteError(self.path, f"{exc.reason}; kept until the next change") from exc
        except OSError as exc:
            self._commit(notes, deleted)
            self.unsaved = True
            raise WriteError(self.path, f"{exc.strerror or exc}; kept until the next change") from exc
        self._commit(notes, deleted)
        self.unsaved = False
        self._base = {n.id: n.updated for n in notes.values()}
        self._signature = signature_of(payload, self.path)

    def _commit(self, notes: dict[str, Note], deleted: str | None) -> None:
        self._notes = notes
        if deleted is not None:
            self._deleted.add(deleted)


def open_notes(doc: Document) -> NoteStore:
    """Open the notes of ``doc`` from ``READER_HOME/notes/<doc-id>.yaml``."""
    return NoteStore.open(doc)
