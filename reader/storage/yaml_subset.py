"""The plainest YAML, read without importing PyYAML: a first run's front matter.

PyYAML takes about 15–20 ms to import (its reader and resolver compile a dozen
regular expressions). The parse memo (:mod:`reader.storage.yamlio`) keeps that
off every later start, but on a first run, or the first open of a new file,
nothing is remembered yet, and a document's front matter is read before its
first paint. Front matter is nearly always the plainest YAML: a mapping of
simple keys to one-line strings and to lists of one-line strings.

:func:`plain_mapping` reads exactly that subset and answers ``None`` for
anything else, which then goes to PyYAML as before. The subset is kept small
enough that its meaning is not in doubt: every accepted text gives what
``yaml.safe_load`` gives (a property test checks it on generated texts). It
refuses, among others: comments, anchors and tags, flow collections, block
scalars, continuation lines, tabs, duplicate keys, escapes inside quotes, and
every plain value YAML 1.1 would read as something other than a string (numbers,
dates, ``yes``/``no``/``on``/``off``, ``null``, ``~``).
"""

from __future__ import annotations

import re

__all__ = ["plain_mapping"]

#: A key: a word of ASCII letters, digits and ``_`` (not a YAML 1.1 boolean or null, checked apart).
_KEY = r"[A-Za-z_][A-Za-z0-9_]*"
#: ``key: value`` and ``key:`` lines, and ``- item`` lines (any indentation, the same for one list).
_PAIR = re.compile(rf"({_KEY}):(?: +(.*))?")
_ITEM = re.compile(r"( *)- +(.*)")
#: Words YAML 1.1 reads as booleans or null, in any of the cases it accepts (compared lower-cased).
_NOT_STRINGS = frozenset({"yes", "no", "true", "false", "on", "off", "null", "y", "n", "~"})
#: Characters a plain value may not start with (YAML indicators, and the starts of numbers, dates,
#: ``.inf``, ``<<`` and ``=``). The flow and comment indicators are refused anywhere (``_REFUSED``).
_BAD_START = frozenset("-?:,&*!|>'\"%@`~+.<=0123456789")
#: Characters refused anywhere in a value: flow and comment indicators, and every character
#: outside YAML's printable set or read as a line break (NEL, the Unicode separators, a BOM).
_REFUSED = re.compile("[\\[\\]{}#\\\\\t\r\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")


def plain_mapping(text: str) -> dict[str, str | list[str]] | None:
    """What ``yaml.safe_load(text)`` gives for the plainest YAML mapping; ``None`` for any other text.

    Accepted: ``key: value`` lines, and ``key:`` followed by ``- item`` lines,
    where each value is a one-line string, plain or quoted without escapes.
    Blank lines are allowed between entries.
    """
    result: dict[str, str | list[str]] = {}
    items: list[str] | None = None
    indent = -1
    for line in text.split("\n"):
        if not line:
            continue
        if line != line.rstrip() or _REFUSED.search(line):
            return None
        if items is not None:
            item = _ITEM.fullmatch(line)
            if item is not None and (indent < 0 or len(item.group(1)) == indent):
                value = _string(item.group(2))
                if value is None:
                    return None
                indent = len(item.group(1))
                items.append(value)
                continue
            if not items:  # ``key:`` and no list: YAML's null, left to PyYAML
                return None
            items = None
        pair = _PAIR.fullmatch(line)
        if pair is None:
            return None
        key, raw = pair.group(1), pair.group(2)
        if key in result or key.lower() in _NOT_STRINGS:
            return None
        if raw is None:
            items, indent = [], -1
            result[key] = items
            continue
        value = _string(raw)
        if value is None:
            return None
        result[key] = value
    if items is not None and not items:
        return None
    return result or None


def _string(raw: str) -> str | None:
    """A one-line value as YAML reads it, when it is surely a string; else ``None``."""
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'":
        inner = raw[1:-1]
        return None if raw[0] in inner else inner
    if not raw or raw[0] in _BAD_START or raw.lower() in _NOT_STRINGS:
        return None
    if ": " in raw or raw.endswith(":"):
        return None
    return raw
