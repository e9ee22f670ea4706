"""Curated glossaries: the bundled ones and the user's own.

Two glossaries are bundled: ``content/ai_glossary.yaml`` (AI and machine-learning
vocabulary, for every document) and ``content/glossary.yaml`` (the bundled
article's terms), which overrides the first for a term both have.

A glossary file is YAML::

    version: 1
    terms:
      - term: 预训练
        pinyin: yù xùn liàn
        gloss: pretraining
        explanation: The first stage of training a large model ...
        definition_zh: 在海量通用数据上预先训练模型……
        category: ai-ml
        related: [微调, 语料]

Loading validates every entry. A bad entry is reported as a
:class:`GlossaryProblem` (file, line, what is wrong) and skipped; the rest of
the file still loads. A file that cannot be parsed at all yields an empty
:class:`Glossary` with one problem. Only a missing file raises
:class:`~reader.errors.ReaderError`: a user's glossary must never stop the app.

This module is the public face: loading, merging and the user's glossary paths.
The data model, format constants and pinyin check live in
:mod:`reader.text.glossary_schema`, the YAML-node validation in
:mod:`reader.text.glossary_validate`; their public names are re-exported here.

Pure module: no UI imports; only the standard library and ``yaml`` (through
:mod:`reader.text.glossary_validate`) at module level.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from reader.text.glossary_schema import ALL_FIELDS as ALL_FIELDS
from reader.text.glossary_schema import CATEGORIES as CATEGORIES
from reader.text.glossary_schema import GLOSSARY_VERSION as GLOSSARY_VERSION
from reader.text.glossary_schema import STRING_FIELDS as STRING_FIELDS
from reader.text.glossary_schema import Glossary
from reader.text.glossary_schema import GlossaryEntry as GlossaryEntry
from reader.text.glossary_schema import GlossaryProblem as GlossaryProblem
from reader.text.glossary_schema import han_count as han_count
from reader.text.glossary_schema import pinyin_problem as pinyin_problem
from reader.text.glossary_validate import FileLoader


def load_glossary(path: Path | str, known: Iterable[str] = ()) -> Glossary:
    """Load and validate one glossary file.

    ``known`` names terms defined elsewhere (an earlier glossary) that ``related``
    may refer to. Bad entries are skipped and reported in ``Glossary.problems``;
    an unreadable or unparseable file gives an empty glossary with one problem.
    Raises :class:`ReaderError` only when the file does not exist.
    """
    return FileLoader(Path(path), known).load()


def load_glossaries(paths: Iterable[Path | str], base: Glossary | None = None) -> Glossary:
    """Merge several glossary files; a later file's entry overrides an earlier one's.

    Paths that do not exist are skipped, so the candidates of
    :func:`user_glossary_paths` can be passed as they are. ``related`` in a later
    file may name terms of earlier files. Problems of all files are kept, in order.
    ``base`` (left unchanged) is merged first, as if it were the earliest file.
    """
    merged = Glossary(dict(base.entries), list(base.problems), dict(base.sources)) if base is not None else Glossary()
    for path in paths:
        if not Path(path).exists():
            continue
        loaded = load_glossary(path, known=merged.entries)
        merged.entries.update(loaded.entries)
        merged.problems.extend(loaded.problems)
        merged.sources.update(dict.fromkeys(loaded.entries, str(path)))
    return merged


def user_glossary_paths(doc_path: Path | str | None = None) -> list[Path]:
    """Where a user's own glossaries may live, in merge order (later overrides earlier).

    ``READER_HOME/glossary.yaml`` applies to every document; ``<stem>.glossary.yaml``
    beside a document (``book.glossary.yaml`` for ``book.txt``) applies to that one.
    The files need not exist.
    """
    from reader.storage.paths import reader_home

    paths = [reader_home() / "glossary.yaml"]
    if doc_path is not None:
        doc = Path(doc_path)
        paths.append(doc.with_name(f"{doc.stem}.glossary.yaml"))
    return paths


def bundled_glossary_paths() -> list[Path]:
    """The bundled glossary files in merge order: the AI glossary, then the article's."""
    from reader.text.content import ai_glossary_path, glossary_path

    return [ai_glossary_path(), glossary_path()]


def bundled_glossary() -> Glossary:
    """The bundled glossaries merged: the AI glossary, with the article's on top.

    ``related`` may refer across the two files, so the merge order alone would
    drop an AI entry that names an article term. The article's glossary is
    self-contained and is validated first; the AI glossary is then validated
    knowing its terms. Each file is read once.
    """
    ai_path, article_path = bundled_glossary_paths()
    article = load_glossary(article_path)
    ai = load_glossary(ai_path, known=article.entries)
    sources = {**dict.fromkeys(ai.entries, str(ai_path)), **dict.fromkeys(article.entries, str(article_path))}
    return Glossary({**ai.entries, **article.entries}, [*ai.problems, *article.problems], sources)


def source_label(glossary: Glossary, term: str) -> str:
    """Where ``term``'s entry comes from, as the pop-up says it: ``yours``, ``the AI glossary`` ... ("" if unknown)."""
    source = glossary.sources.get(term)
    if source is None:
        return ""
    from reader.storage.paths import reader_home

    path = Path(source)
    if path == reader_home() / "glossary.yaml":
        return "yours"
    bundled = bundled_glossary_paths()
    if path == bundled[0]:
        return "the AI glossary"
    if path == bundled[1]:
        return "the article's glossary"
    return f"this document's glossary ({path.name})"


def glossary_for(doc_path: Path | str | None = None) -> Glossary:
    """The glossary a document is read with: the bundled ones, then the user's own on top.

    Merge order (later overrides earlier): ``content/ai_glossary.yaml``,
    ``content/glossary.yaml``, then :func:`user_glossary_paths`. Every part of
    the reader that segments or explains a document uses this one glossary, so
    that terms and tokens (and their cache) are the same everywhere.
    """
    return load_glossaries(user_glossary_paths(doc_path), base=bundled_glossary())
