"""Reading one glossary YAML file and validating it node by node, with line numbers.

Owns the YAML side of glossaries: parsing with the fastest safe loader
(keeping the node tree for line numbers), the top-level ``version``/``terms``
checks, the per-entry field checks, duplicate detection and the ``related``
cross-entry checks. :class:`FileLoader` turns one file into a
:class:`~reader.text.glossary_schema.Glossary` whose problems say ``file:line:
what is wrong``.

Imports ``yaml`` at module level, and :mod:`reader.text.glossary` imports this
module at module level: both are imported lazily by their callers, never by code
that runs before the app's first paint.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from reader.errors import ReaderError
from reader.text.glossary_schema import (
    ALL_FIELDS,
    CATEGORIES,
    GLOSSARY_VERSION,
    STRING_FIELDS,
    Glossary,
    GlossaryEntry,
    GlossaryProblem,
    pinyin_problem,
)

__all__ = ["FileLoader"]


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


class FileLoader:
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
        except (ValueError, TypeError, OverflowError) as exc:  # e.g. a date that does not exist
            self.problem(1, f"invalid YAML: bad value: {exc}")
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
