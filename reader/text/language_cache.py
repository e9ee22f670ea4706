"""What the language stack parses at every start, kept parsed in the cache folder.

Three things cost more to work out than to read back, and are the same from one
start to the next:

- the document's **glossary** (the bundled glossaries and the learner's own,
  validated node by node: :func:`reader.text.glossary.glossary_for`);
- the **learner glosses** of ``content/senses/*.yaml`` (800 KB of YAML): these go
  through the YAML parse memo of :mod:`reader.storage.yamlio` in
  :func:`reader.text.senses.load_sense_book` itself;
- whether the text is written in **traditional characters** (OpenCC loads two
  conversion tables to tell: a quarter of a second).

Each is stored under ``cache_dir()/parsed/`` as a sealed marshal file
(:mod:`reader.storage.sealed`: magic bytes and a checksum), written atomically,
and keyed by the SHA-256 of everything it was made from: the bytes of every
glossary file (and which of the learner's files exist), or the document's
content hash. A missing, stale, damaged or foreign file is a miss: the data is
worked out again and the file rewritten; a cache folder that cannot be written
only costs the time. Nothing here ever raises for a cache problem.
"""

from __future__ import annotations

import hashlib
import marshal
from collections.abc import Callable, Iterable
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.text.document import Document
    from reader.text.glossary import Glossary

#: Bumped when a layout below changes: every older file is then a miss.
CACHE_VERSION = 1

_MISS = object()


def parsed_dir() -> Path:
    """The folder of these caches: ``cache_dir()/parsed``."""
    from reader.storage.paths import cache_dir

    return cache_dir() / "parsed"


def _path(kind: str, key: str) -> Path:
    return parsed_dir() / f"{kind}-{key[:32]}.marshal"


def _read(kind: str, key: str) -> Any:
    """The data stored for ``(kind, key)``, or ``_MISS``."""
    from reader.storage.sealed import unseal

    try:
        body = unseal(_path(kind, key).read_bytes())
        if body is None:
            return _MISS
        version, stored_kind, stored_key, data = marshal.loads(body)
    except (OSError, ValueError, EOFError, TypeError):
        return _MISS
    if version != CACHE_VERSION or stored_kind != kind or stored_key != key:
        return _MISS
    return data


def _write(kind: str, key: str, data: Any) -> None:
    """Store ``data`` for ``(kind, key)``: best effort, atomic, never raising."""
    from reader.storage.atomic import atomic_write_bytes
    from reader.storage.sealed import seal

    try:
        payload = seal(marshal.dumps((CACHE_VERSION, kind, key, data)))
        atomic_write_bytes(_path(kind, key), payload, sync=False)  # a cache: rebuilt if torn
    except (OSError, ValueError):
        pass


def files_key(paths: Iterable[Path]) -> str:
    """SHA-256 over each path and its bytes (or its absence): changes with any of the files."""
    digest = hashlib.sha256(f"v{CACHE_VERSION}".encode())
    for path in paths:
        digest.update(f"\0{path}\0".encode())
        try:
            digest.update(hashlib.sha256(Path(path).read_bytes()).digest())
        except FileNotFoundError:
            digest.update(b"missing")
        except OSError:  # unreadable (a folder, no permission): the loader says why; never cached as good
            digest.update(b"unreadable")
    return digest.hexdigest()


# -- the glossary --------------------------------------------------------------------------------


def glossary_paths(doc_path: Path | str | None) -> list[Path]:
    """Every file :func:`reader.text.glossary.glossary_for` reads for ``doc_path``, existing or not.

    Worked out here rather than asked of :mod:`reader.text.glossary`, whose
    import brings in PyYAML (40 ms) that a cache hit never needs; a test checks
    that the two lists agree.
    """
    from reader.storage.paths import reader_home
    from reader.text.content import ai_glossary_path, glossary_path

    paths = [ai_glossary_path(), glossary_path(), reader_home() / "glossary.yaml"]
    if doc_path is not None:
        doc = Path(doc_path)
        paths.append(doc.with_name(f"{doc.stem}.glossary.yaml"))
    return paths


def _entry_fields() -> tuple[str, ...]:
    from reader.text.glossary_schema import GlossaryEntry

    return tuple(f.name for f in fields(GlossaryEntry))


def _glossary_data(glossary: Glossary) -> tuple[Any, ...]:
    """A glossary as marshal-able tuples."""
    names = _entry_fields()
    return (
        names,
        [tuple(getattr(entry, name) for name in names) for entry in glossary.entries.values()],
        [(p.path, p.line, p.message) for p in glossary.problems],
        dict(glossary.sources),
    )


def _glossary_of(data: Any) -> Glossary | None:
    """The glossary of :func:`_glossary_data`'s tuples; None when they do not fit today's model."""
    from reader.text.glossary_schema import Glossary, GlossaryEntry, GlossaryProblem

    try:
        names, entries, problems, sources = data
        if tuple(names) != _entry_fields() or not isinstance(sources, dict):
            return None
        made = [GlossaryEntry(**dict(zip(names, values, strict=True))) for values in entries]
        return Glossary(
            {entry.term: entry for entry in made},
            [GlossaryProblem(str(path), int(line), str(message)) for path, line, message in problems],
            {str(k): str(v) for k, v in sources.items()},
        )
    except (TypeError, ValueError):
        return None


def cached_glossary(doc_path: Path | str | None = None) -> Glossary | None:
    """The glossary of :func:`glossary_for` when the cache answers for it; None (nothing parsed) when not."""
    found = _read("glossary", files_key(glossary_paths(doc_path)))
    return None if found is _MISS else _glossary_of(found)


def glossary_for(doc_path: Path | str | None = None, on_miss: Callable[[], object] | None = None) -> Glossary:
    """:func:`reader.text.glossary.glossary_for`, read back from the cache when no glossary file changed.

    ``on_miss()`` is called before the files are parsed (the cache did not answer).
    """
    paths = glossary_paths(doc_path)
    key = files_key(paths)
    found = _read("glossary", key)
    if found is not _MISS:
        cached = _glossary_of(found)
        if cached is not None:
            return cached
    if on_miss is not None:
        on_miss()
    from reader.text import glossary as glossaries

    glossary = glossaries.glossary_for(doc_path)
    if files_key(paths) == key:  # no file changed while it was read: the result is that of the key
        _write("glossary", key, _glossary_data(glossary))
    return glossary


# -- the script of the text ----------------------------------------------------------------------


def settle_script(document: Document) -> None:
    """Work out ``document.lookup_text`` now, from the cache when this text was seen before.

    Telling simplified from traditional loads OpenCC's tables; the verdict for a
    text (by its content hash) is stored, so a text read before costs nothing,
    and a simplified one is never converted.
    """
    if "_lookup" in document.meta or settled_simplified(document):
        return
    key = document.content_hash
    found = _read("script", key)
    if found is False:
        document.meta["_lookup"] = document.text
        return
    traditional = document.traditional  # works it out (and converts a traditional text)
    if found is not traditional:
        _write("script", key, traditional)


def settled_simplified(document: Document) -> bool:
    """Tell whether the cache says the text is simplified (then ``document.lookup_text`` is set, at no cost)."""
    if "_lookup" in document.meta:
        return document.meta["_lookup"] is document.text
    if _read("script", document.content_hash) is False:
        document.meta["_lookup"] = document.text
        return True
    return False
