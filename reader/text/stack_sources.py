"""What a language stack is made from, and the hashes of it that key the caches.

The bundled content files (pinyin and segmentation rules, the learner glosses),
the learner's own segmentation file, the glossary (its terms, readings and
glosses) and the installed polyphone model: found here, and each hashed for
the fingerprints of :class:`~reader.text.annotate.LanguageStack` (the token
cache's and the word table's keys). Pure module: no UI.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from reader.text.tokens import is_han

__all__ = [
    "content_file",
    "distribution_version",
    "file_hash",
    "glossary_entry",
    "glossary_fingerprint",
    "glossary_overrides",
    "glossary_terms",
    "name_chars_hash",
    "polyphone_ident",
    "sense_files",
    "user_segmentation_file",
    "with_user_rules",
]


def content_file(name: str) -> Path | None:
    """A file of the bundled content folder, or None when there is none."""
    try:
        from reader.text.content import content_dir

        path = content_dir() / name
    except Exception:  # the content folder is optional for a bare stack
        return None
    return path if path.is_file() else None


def sense_files() -> list[Path]:
    """The learner-gloss files of the bundled content (``content/senses/*.yaml``), in order."""
    try:
        from reader.text.content import content_dir

        folder = content_dir() / "senses"
    except Exception:  # the content folder is optional for a bare stack
        return []
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def file_hash(path: Path | None) -> str:
    """Sixteen hex digits of the SHA-256 of a file's bytes ("-" when there is no such file)."""
    if path is None or not path.is_file():
        return "-"
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def name_chars_hash() -> str:
    """The hash of the character figures that tell a name (``content/name_chars.tsv``)."""
    from reader.text.names import name_chars_path

    return file_hash(name_chars_path())


def user_segmentation_file() -> Path | None:
    """``READER_HOME/segmentation.yaml`` (which may not exist), or None without a READER_HOME."""
    try:
        from reader.text.user_rules import user_segmentation_path

        return user_segmentation_path()
    except Exception:  # no home folder: a bare stack
        return None


def with_user_rules(rules: Any, path: Path) -> tuple[Any, tuple[str, ...]]:
    """The bundled rules with the learner's splits on top, and the learner's joined words (forced as terms).

    A user file that cannot be read adds nothing (the reader's term form reports it when it writes).
    """
    from dataclasses import replace

    from reader.text.segment import load_segmentation_rules

    try:
        mine = load_segmentation_rules(path)
    except Exception:  # a damaged file of the learner's must not stop the reader
        return rules, ()
    splits = {k: v for k, v in rules.splits.items() if k not in mine.words}
    return replace(rules, splits={**splits, **mine.splits}, regroup=rules.regroup | mine.regroup), mine.words


def polyphone_ident() -> str:
    """Which polyphone model (and combination rule) decides readings, for the cache key."""
    from reader.text.context_readings import OVERRULE, UNKNOWN
    from reader.text.polyphone import available

    if not available():
        return "none"
    return f"g2pM-{distribution_version('g2pM')}-{OVERRULE}-{UNKNOWN}"


def distribution_version(name: str) -> str:
    """The installed version of distribution ``name`` ("?" when unknown).

    Read from the name of its ``.dist-info`` folder beside the package, which
    costs a directory listing; ``importlib.metadata`` (20 ms to import, and a
    scan of every path entry) only when there is none.
    """
    import importlib.util

    spec = importlib.util.find_spec(name)
    if spec is not None and spec.origin:
        folder = Path(spec.origin).parent.parent
        found = sorted(folder.glob(f"{name}-*.dist-info"))
        if len(found) == 1:
            return found[0].name[len(name) + 1 : -len(".dist-info")]
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


def glossary_terms(glossary: Any) -> list[str]:
    """The terms of a glossary object (``Glossary``, a mapping or an iterable of terms)."""
    if glossary is None:
        return []
    entries = getattr(glossary, "entries", None)
    if isinstance(entries, dict):
        return list(entries)
    if isinstance(glossary, dict):
        return list(glossary)
    return [str(t) for t in glossary]


def glossary_entry(glossary: Any, term: str) -> Any:
    """The glossary's entry of ``term`` (None when it has none, or cannot be asked)."""
    getter = getattr(glossary, "get", None)
    return getter(term) if getter is not None else None


def glossary_fingerprint(glossary: Any) -> str:
    """A short hash of the glossary's terms, pinyin and glosses."""
    digest = hashlib.sha256()
    for term in sorted(glossary_terms(glossary)):
        entry = glossary_entry(glossary, term)
        digest.update(f"{term}\t{getattr(entry, 'pinyin', '')}\t{getattr(entry, 'gloss', '')}\n".encode())
    return digest.hexdigest()[:16]


def glossary_overrides(glossary: Any) -> dict[str, tuple[str, ...]]:
    """Term → numbered syllables from the glossary's tone-marked ``pinyin`` (Han terms only)."""
    from reader.text.pinyin import split_reading
    from reader.text.tones import to_numbers

    out: dict[str, tuple[str, ...]] = {}
    for term in glossary_terms(glossary):
        entry = glossary_entry(glossary, term)
        marked = str(getattr(entry, "pinyin", "") or "")
        han = sum(1 for c in term if is_han(c))
        if not marked or not han:
            continue
        syllables = split_reading(to_numbers(marked))
        if len(syllables) == han:
            out[term] = syllables
    return out
