"""The learner's own glossary terms and word boundaries, as added from the reader (``+``).

Two files under ``READER_HOME``, each written only by this module (and by hand):

* ``glossary.yaml``: the learner's glossary, in the bundled glossaries' format
  (:mod:`reader.text.glossary`), merged on top of them for every document;
* ``segmentation.yaml``: ``words`` (joined: always one token, like a glossary
  term) and ``splits`` (``{text, into}``: a word the segmenter keeps whole, cut
  into parts), in the format of ``content/segmentation.yaml``.

Every change is validated first (a clear one-line :class:`ReaderError`), then the
file is re-read (another instance may have changed it), changed and written
atomically. A file that cannot be parsed is reported and never overwritten.

Pure: no Textual or Rich.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.errors import ReaderError
from reader.storage.locking import file_lock
from reader.storage.paths import reader_home
from reader.storage.yamlio import read_yaml_mapping, write_yaml
from reader.text.glossary_schema import CATEGORIES, GLOSSARY_VERSION, pinyin_problem
from reader.text.tokens import is_han

SEGMENTATION_VERSION = 1


def user_glossary_path() -> Path:
    """``READER_HOME/glossary.yaml``."""
    return reader_home() / "glossary.yaml"


def user_segmentation_path() -> Path:
    """``READER_HOME/segmentation.yaml``."""
    return reader_home() / "segmentation.yaml"


@dataclass(frozen=True)
class TermFields:
    """What the term form asks for."""

    term: str
    pinyin: str  #: tone marks, one syllable per Han character, spaces between (``yù xùn liàn``)
    gloss: str  #: English
    definition_zh: str  #: 释义
    category: str = "general"
    explanation: str = ""  #: a longer note; the gloss when left empty


def check_term(fields: TermFields) -> str | None:
    """What is wrong with ``fields`` as a glossary entry, in one line, or None."""
    if not fields.term.strip() or "\n" in fields.term:
        return "the term is empty"
    if not fields.gloss.strip():
        return "give the English meaning"
    if not fields.definition_zh.strip():
        return "give the 释义 (a definition in Chinese)"
    if fields.category not in CATEGORIES:
        return f"category must be one of {', '.join(CATEGORIES)}"
    return pinyin_problem(fields.pinyin.strip(), fields.term.strip())


def add_term(fields: TermFields) -> Path:
    """Add or replace the learner's glossary entry for ``fields.term``; returns the file written."""
    problem = check_term(fields)
    if problem is not None:
        raise ReaderError(problem)
    path = user_glossary_path()
    entry = {
        "term": fields.term.strip(),
        "pinyin": " ".join(fields.pinyin.split()),
        "gloss": fields.gloss.strip(),
        "explanation": fields.explanation.strip() or fields.gloss.strip(),
        "definition_zh": fields.definition_zh.strip(),
        "category": fields.category,
    }
    with file_lock(path):
        data = read_yaml_mapping(path, kind="glossary", version=GLOSSARY_VERSION) or {}
        terms = data.get("terms") or []
        if not isinstance(terms, list):
            raise ReaderError(f"{path}: 'terms' must be a list; fix the file, it was left unchanged")
        terms = [t for t in terms if not (isinstance(t, dict) and t.get("term") == entry["term"])]
        terms.append(entry)
        write_yaml(path, {**data, "version": GLOSSARY_VERSION, "terms": terms})
    return path


def add_split(word: str, parts: list[str]) -> Path:
    """Cut ``word`` into ``parts`` wherever the segmenter keeps it whole; returns the file written."""
    parts = [p for p in (part.strip() for part in parts) if p]
    if len(parts) < 2:
        raise ReaderError("a split needs two parts or more (put spaces where the word is cut)")
    if "".join(parts) != word:
        raise ReaderError(f"the parts {' + '.join(parts)} do not spell {word}")

    def change(data: dict[str, Any]) -> None:
        splits = [s for s in _list(data, "splits") if not (isinstance(s, dict) and s.get("text") == word)]
        data["splits"] = [*splits, {"text": word, "into": parts}]
        data["words"] = [w for w in _list(data, "words") if w != word]

    return _change_segmentation(change)


def add_join(word: str) -> Path:
    """Make ``word`` (several tokens today) one token everywhere; returns the file written."""
    word = word.strip()
    if len(word) < 2 or not any(is_han(ch) for ch in word) or any(ch.isspace() for ch in word):
        raise ReaderError("select two or more characters of Chinese, without spaces, to join them")

    def change(data: dict[str, Any]) -> None:
        words = [w for w in _list(data, "words") if w != word]
        data["words"] = [*words, word]
        data["splits"] = [s for s in _list(data, "splits") if not (isinstance(s, dict) and s.get("text") == word)]

    return _change_segmentation(change)


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise ReaderError(f"{user_segmentation_path()}: '{key}' must be a list; fix the file, it was left unchanged")
    return value


def _change_segmentation(change: Any) -> Path:
    path = user_segmentation_path()
    with file_lock(path):
        data = dict(read_yaml_mapping(path, kind="segmentation", version=SEGMENTATION_VERSION) or {})
        change(data)
        ordered = {"version": SEGMENTATION_VERSION, **{k: v for k, v in data.items() if k != "version"}}
        write_yaml(path, ordered)
    return path
