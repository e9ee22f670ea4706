"""Curated glossaries: the bundled ``content/glossary.yaml`` and the user's own.

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

Pure module: no UI imports; only the standard library and ``yaml`` at module level.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from reader.errors import ReaderError
from reader.text.tokens import is_han

#: The newest glossary file format this module understands.
GLOSSARY_VERSION = 1
#: Allowed values of ``category``.
CATEGORIES: tuple[str, ...] = ("ai-ml", "industry", "business", "company", "product", "general")
#: Fields every entry must have, all non-empty strings (``pinyin`` may be empty
#: only when the term has no Han characters).
STRING_FIELDS: tuple[str, ...] = ("term", "pinyin", "gloss", "explanation", "definition_zh", "category")
#: ``related`` is optional; when present it is a list of terms of the glossary.
ALL_FIELDS: tuple[str, ...] = (*STRING_FIELDS, "related")

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN_CHARS = re.compile(rf"^[a-zü{_TONED}]+$")
_SYLLABLE = re.compile(
    r"^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|üan|ai|ei|ao|ou|an|en|in|un|ün|"
    r"ia|ie|iu|ua|uo|ui|üe|ue|er|a|o|e|i|u|ü)$"
)


def han_count(text: str) -> int:
    """Count the Han characters in ``text``."""
    return sum(1 for ch in text if is_han(ch))


def _base_syllable(syllable: str) -> tuple[str, int]:
    """Strip tone marks: ``"lǜ"`` -> ``("lü", 1)``; the int counts tone marks."""
    marks = 0
    out = []
    for ch in unicodedata.normalize("NFD", syllable):
        if ch in "\u0304\u0301\u030c\u0300":
            marks += 1
        else:
            out.append(ch)
    return unicodedata.normalize("NFC", "".join(out)), marks


def pinyin_problem(pinyin: str, term: str) -> str | None:
    """Say what is wrong with ``pinyin`` as the reading of ``term``, or return ``None``.

    Pinyin is tone-marked syllables separated by single spaces, one syllable per
    Han character of the term. Terms without Han characters (OpenAI, GPT-4o) may
    have empty pinyin.
    """
    expected = han_count(term)
    if not pinyin:
        return f"pinyin is empty but {term!r} has Han characters" if expected else None
    if any(ch.isdigit() for ch in pinyin):
        return f"pinyin {pinyin!r} has digits: write tone marks (yù xùn liàn), not tone numbers"
    syllables = pinyin.split(" ")
    if any(not s for s in syllables):
        return f"pinyin {pinyin!r} must be syllables separated by single spaces"
    lowered = [unicodedata.normalize("NFC", s.lower()) for s in syllables]
    for syllable, low in zip(syllables, lowered, strict=True):
        if not _PINYIN_CHARS.match(low):
            return f"pinyin {pinyin!r} has non-pinyin characters in {syllable!r}"
    if expected and len(syllables) != expected:
        count = len(syllables)
        return (
            f"pinyin {pinyin!r} has {count} syllable{'s' if count != 1 else ''} "
            f"but {term!r} has {expected} Han character{'s' if expected != 1 else ''}"
        )
    for syllable, low in zip(syllables, lowered, strict=True):
        base, marks = _base_syllable(low)
        if marks > 1 or not _SYLLABLE.match(base):
            return f"pinyin {pinyin!r}: {syllable!r} is not a pinyin syllable"
    return None


@dataclass(frozen=True)
class GlossaryEntry:
    """One curated term."""

    term: str
    pinyin: str
    gloss: str
    explanation: str
    definition_zh: str
    category: str
    related: tuple[str, ...] = ()


@dataclass(frozen=True)
class GlossaryProblem:
    """A problem found while loading a glossary file: where it is and what is wrong."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        """``path:line: message``, the form compilers use."""
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Glossary:
    """Curated terms by headword, plus the problems met while loading them."""

    entries: dict[str, GlossaryEntry] = field(default_factory=dict)
    problems: list[GlossaryProblem] = field(default_factory=list)

    def get(self, term: str) -> GlossaryEntry | None:
        """Return the entry for ``term``, or ``None``."""
        return self.entries.get(term)

    def terms(self) -> list[str]:
        """All terms, longest first (ties in code-point order): the order for matching text."""
        return sorted(self.entries, key=lambda t: (-len(t), t))

    def __contains__(self, term: object) -> bool:
        return term in self.entries

    def __len__(self) -> int:
        return len(self.entries)


@dataclass
class _Candidate:
    """An entry that passed its own checks and awaits the cross-entry checks."""

    entry: GlossaryEntry
    line: int
    related_lines: dict[str, int]


def _line(node: yaml.Node) -> int:
    """Return the 1-based line where ``node`` starts."""
    return node.start_mark.line + 1


def _type_name(value: Any) -> str:
    """Name the type of a loaded value the way YAML would."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return type(value).__name__


def _mapping_nodes(node: yaml.MappingNode) -> dict[str, yaml.Node]:
    """Key -> value node of a mapping node (string keys only; the last one wins)."""
    out: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode):
            out[str(key_node.value)] = value_node
    return out


def _parse(text: str) -> tuple[yaml.Node | None, Any]:
    """Compose and construct one YAML document: the node tree and the data."""
    # libyaml's C loader when available: ten times faster, same nodes and marks.
    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return node, data


class _FileLoader:
    """Loads and checks one glossary file."""

    def __init__(self, path: Path, known: Iterable[str]) -> None:
        self.path = path
        self.name = str(path)
        self.known = set(known)
        self.problems: list[GlossaryProblem] = []
        #: Every term the file names, valid or not: tells a dangling ``related``
        #: from one that points at a broken entry.
        self.named: set[str] = set()

    def problem(self, line: int, message: str) -> None:
        """Record a problem."""
        self.problems.append(GlossaryProblem(self.name, line, message))

    def load(self) -> Glossary:
        """Read, parse and validate the file."""
        text = self._read()
        if text is None:
            return Glossary(problems=self.problems)
        try:
            node, data = _parse(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            context = getattr(exc, "context", None)
            if context:
                reason = f"{context}, {reason}"
            self.problem(mark.line + 1 if mark is not None else 1, f"invalid YAML: {reason}")
            return Glossary(problems=self.problems)
        terms_node = self._top_level(node, data)
        if terms_node is None:
            return Glossary(problems=self.problems)
        candidates = self._entries(terms_node, data["terms"])
        entries = self._check_related(candidates)
        return Glossary(entries=entries, problems=self.problems)

    def _read(self) -> str | None:
        """Return the file's text, or ``None`` after recording why it cannot be read."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError as exc:
            raise ReaderError(f"{self.name}: no such glossary file") from exc
        except IsADirectoryError:
            self.problem(1, "is a directory, not a glossary file")
            return None
        except OSError as exc:
            self.problem(1, f"cannot be read ({exc.strerror or exc})")
            return None
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            self.problem(1, "not UTF-8 text")
            return None

    def _top_level(self, node: yaml.Node | None, data: Any) -> yaml.SequenceNode | None:
        """Check ``version`` and ``terms``; the ``terms`` node, or ``None`` if unusable."""
        if node is None or not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
            found = "an empty file" if node is None else f"a {_type_name(data)}"
            line = 1 if node is None else _line(node)
            self.problem(line, f"a glossary file must be a mapping with 'version' and 'terms', not {found}")
            return None
        nodes = _mapping_nodes(node)
        version = data.get("version")
        if "version" not in data:
            self.problem(_line(node), f"missing 'version' (expected version: {GLOSSARY_VERSION})")
        elif not isinstance(version, int) or isinstance(version, bool):
            self.problem(_line(nodes["version"]), f"'version' must be an integer, not {_type_name(version)}")
        elif version > GLOSSARY_VERSION:
            self.problem(
                _line(nodes["version"]),
                f"glossary version {version} is newer than this reader understands ({GLOSSARY_VERSION})",
            )
            return None
        if "terms" not in data:
            self.problem(_line(node), "missing 'terms' (a list of entries)")
            return None
        terms_node = nodes["terms"]
        if not isinstance(terms_node, yaml.SequenceNode) or not isinstance(data["terms"], list):
            self.problem(_line(terms_node), f"'terms' must be a list of entries, not {_type_name(data['terms'])}")
            return None
        return terms_node

    def _entries(self, terms_node: yaml.SequenceNode, items: list[Any]) -> dict[str, _Candidate]:
        """Check each entry on its own and drop duplicates; the survivors by term."""
        seen: dict[str, int] = {}
        out: dict[str, _Candidate] = {}
        for node, item in zip(terms_node.value, items, strict=True):
            if isinstance(item, dict) and isinstance(item.get("term"), str):
                self.named.add(item["term"].strip())
            candidate = self._entry(node, item)
            if candidate is None:
                continue
            term = candidate.entry.term
            if term in seen:
                self.problem(candidate.line, f"duplicate term {term!r} (first defined at line {seen[term]})")
                continue
            seen[term] = candidate.line
            out[term] = candidate
        return out

    def _entry(self, node: yaml.Node, item: Any) -> _Candidate | None:
        """Check one entry; a candidate, or ``None`` after recording its problems."""
        line = _line(node)
        if not isinstance(node, yaml.MappingNode) or not isinstance(item, dict):
            self.problem(line, f"an entry must be a mapping of fields, not a {_type_name(item)}")
            return None
        nodes = _mapping_nodes(node)
        raw_term = item.get("term")
        label = f"term {raw_term!r}: " if isinstance(raw_term, str) and raw_term.strip() else "entry: "
        before = len(self.problems)

        def bad(key: str | None, message: str) -> None:
            where = _line(nodes[key]) if key is not None and key in nodes else line
            self.problem(where, label + message)

        for key in item:
            if key not in ALL_FIELDS:
                bad(str(key), f"unknown field {key!r} (fields: {', '.join(ALL_FIELDS)})")
        values: dict[str, str] = {}
        for key in STRING_FIELDS:
            if key not in item:
                bad(None, f"missing field {key!r}")
                continue
            value = item[key]
            if not isinstance(value, str):
                bad(key, f"field {key!r} must be a string, not {_type_name(value)}")
                continue
            value = value.strip()
            if not value and key != "pinyin":
                bad(key, f"field {key!r} is empty")
                continue
            values[key] = value
        if "category" in values and values["category"] not in CATEGORIES:
            bad("category", f"unknown category {values['category']!r} (one of: {', '.join(CATEGORIES)})")
        if "term" in values and "pinyin" in values:
            message = pinyin_problem(values["pinyin"], values["term"])
            if message:
                bad("pinyin", message)
        related, related_lines = self._related(item, nodes, bad)
        if len(self.problems) > before:
            return None
        entry = GlossaryEntry(
            term=values["term"],
            pinyin=values["pinyin"],
            gloss=values["gloss"],
            explanation=" ".join(values["explanation"].split()),
            definition_zh=values["definition_zh"],
            category=values["category"],
            related=related,
        )
        return _Candidate(entry, line, related_lines)

    @staticmethod
    def _related(
        item: dict[str, Any], nodes: dict[str, yaml.Node], bad: Callable[[str | None, str], None]
    ) -> tuple[tuple[str, ...], dict[str, int]]:
        """Return the ``related`` list (checked for type) and the line of each name."""
        if "related" not in item or item["related"] is None:
            return (), {}
        value = item["related"]
        node = nodes["related"]
        if not isinstance(value, list) or not isinstance(node, yaml.SequenceNode):
            bad("related", f"field 'related' must be a list of terms, not {_type_name(value)}")
            return (), {}
        names: list[str] = []
        lines: dict[str, int] = {}
        for child, name in zip(node.value, value, strict=True):
            if not isinstance(name, str) or not name.strip():
                bad("related", f"'related' must list terms (strings), found {_type_name(name)} {name!r}")
                continue
            name = name.strip()
            if name not in names:
                names.append(name)
                lines[name] = _line(child)
        return tuple(names), lines

    def _check_related(self, candidates: dict[str, _Candidate]) -> dict[str, GlossaryEntry]:
        """Drop entries whose ``related`` names a term that is not (validly) in the glossary.

        Repeats until nothing changes: dropping one entry can orphan a reference
        to it from another.
        """
        alive = dict(candidates)
        changed = True
        while changed:
            changed = False
            for term, candidate in list(alive.items()):
                for name in candidate.entry.related:
                    if name == term:
                        message = "lists itself in 'related'"
                    elif name in alive or name in self.known:
                        continue
                    elif name in self.named:
                        message = f"related term {name!r} is an entry with problems of its own"
                    else:
                        message = f"related term {name!r} is not in the glossary"
                    self.problem(candidate.related_lines.get(name, candidate.line), f"term {term!r}: {message}")
                    del alive[term]
                    changed = True
                    break
        return {term: alive[term].entry for term in candidates if term in alive}


def load_glossary(path: Path | str, known: Iterable[str] = ()) -> Glossary:
    """Load and validate one glossary file.

    ``known`` names terms defined elsewhere (an earlier glossary) that ``related``
    may refer to. Bad entries are skipped and reported in ``Glossary.problems``;
    an unreadable or unparseable file gives an empty glossary with one problem.
    Raises :class:`ReaderError` only when the file does not exist.
    """
    return _FileLoader(Path(path), known).load()


def load_glossaries(paths: Iterable[Path | str]) -> Glossary:
    """Merge several glossary files; a later file's entry overrides an earlier one's.

    Paths that do not exist are skipped, so the candidates of
    :func:`user_glossary_paths` can be passed as they are. ``related`` in a later
    file may name terms of earlier files. Problems of all files are kept, in order.
    """
    merged = Glossary()
    for path in paths:
        if not Path(path).exists():
            continue
        loaded = load_glossary(path, known=merged.entries)
        merged.entries.update(loaded.entries)
        merged.problems.extend(loaded.problems)
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
