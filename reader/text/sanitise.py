"""The one output sanitiser: no control sequence from a document or a user file reaches a terminal.

Documents, headings, notes, deck fields, glossaries and even file names may hold raw
control characters: ESC starting a CSI or OSC sequence (``ESC ]52;`` writes the clipboard,
``ESC ]2;`` the window title), BEL, the C1 controls (U+0080..U+009F, among them CSI U+009B
and OSC U+009D) and the bidirectional overrides that reorder what is shown (U+202E). Written
to a terminal as they are, they are obeyed instead of shown.

:func:`sanitise` replaces each of them by **one** visible placeholder character, so that
code-point offsets (note anchors, tokens, the cursor) stay what they were and the text
is measured as it is drawn:

* C0 controls except tab and newline, and DEL: the Unicode control pictures
  (ESC -> ``␛`` U+241B, BEL -> ``␇``, NUL -> ``␀``, DEL -> ``␡``), as ``less`` shows ``^[``;
* C1 controls, bidi embeddings, overrides, isolates and marks, the line and paragraph
  separators, lone surrogates (bytes that were not UTF-8): ``�`` (U+FFFD).

Files the reader writes (exports, notes, the deck) keep the text as it is; only what goes
to a terminal passes through here. Pure module: no UI imports.
"""

from __future__ import annotations

import re

#: Placeholder of the characters that have no control picture.
REPLACEMENT = "\ufffd"

_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_SEPARATORS = "\u2028\u2029"


def _table() -> dict[int, str]:
    table: dict[int, str] = {c: chr(0x2400 + c) for c in range(0x20) if chr(c) not in "\t\n"}
    table[0x7F] = "\u2421"
    table.update({c: REPLACEMENT for c in range(0x80, 0xA0)})
    table.update({ord(c): REPLACEMENT for c in _BIDI + _SEPARATORS})
    # Lone surrogates: bytes of a file name or argument that were not UTF-8 (they cannot
    # even be encoded for the terminal).
    table.update({c: REPLACEMENT for c in range(0xD800, 0xE000)})
    return table


_TABLE = _table()
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + _BIDI + _SEPARATORS + "\ud800-\udfff]")
_LINE_TABLE = {**_TABLE, ord("\n"): " ", ord("\t"): " "}


def is_safe(text: str) -> bool:
    """True when ``text`` holds nothing a terminal would obey (tab and newline are fine)."""
    return _UNSAFE.search(text) is None


def sanitise(text: str) -> str:
    """``text`` with every control character a visible placeholder, one for one (tab, newline kept)."""
    if _UNSAFE.search(text) is None:
        return text
    return text.translate(_TABLE)


def sanitise_line(text: str) -> str:
    """Like :func:`sanitise`, for one line: newlines and tabs become spaces too."""
    return text.translate(_LINE_TABLE)


def unsafe_characters(text: str) -> list[str]:
    """The characters of ``text`` that :func:`sanitise` would replace (for tests and messages)."""
    return _UNSAFE.findall(text)
