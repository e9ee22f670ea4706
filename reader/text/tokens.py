"""Tokens: the unit of the word cursor, pop-ups, pinyin and ``reader annotate``.

This module also holds the cheap, dictionary-free split of text into runs
(Han, Latin, number, punctuation, space) that every segmenter starts from and
that the UI uses for its first paint before the language stack has loaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Token kinds, as written by ``reader annotate``.
KINDS = ("han", "latin", "number", "punct", "space")

#: Han: CJK Unified Ideographs and Extension A, the compatibility ideographs, the
#: supplementary planes' extensions (B to H), and 〇 (líng, "zero").
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af〇"
# Latin words keep inner hyphens, dots, apostrophes and digits: GPT-4o, GLM-4, Claude, U.S., don't.
_LATIN = r"[A-Za-z](?:[A-Za-z0-9]|[-.'’+](?=[A-Za-z0-9]))*"
# Numbers keep decimals, thousands separators and a trailing percent sign: 12%, 3.5, 1,000.
_NUMBER = r"[0-9０-９]+(?:[.,][0-9０-９]+)*(?:[%％‰])?"
_RUNS = re.compile(
    rf"(?P<han>[{_HAN}]+)|(?P<latin>{_LATIN})|(?P<number>{_NUMBER}(?:[A-Za-z]+(?:-[A-Za-z0-9]+)*)?)"
    r"|(?P<space>\s+)|(?P<punct>.)",
    re.DOTALL,
)


def is_han(ch: str) -> bool:
    """True for a Han (CJK ideograph) character: the ranges of ``_HAN``.

    Plain comparisons, not a second regex: compiling a character class this wide
    costs milliseconds, on the start-up path.
    """
    return (
        "\u4e00" <= ch <= "\u9fff"
        or "\u3400" <= ch <= "\u4dbf"
        or "\uf900" <= ch <= "\ufaff"
        or "\U00020000" <= ch <= "\U000323af"
        or ch == "〇"
    )


@dataclass(slots=True, unsafe_hash=True)
class Token:
    """One token of the document text. Treat it as immutable: it is shared and hashed.

    ``syllables`` holds numbered pinyin, one per Han character (``yu4``,
    ``de5``; ``5`` is the neutral tone). It is empty for non-Han tokens.

    A slotted dataclass that is not ``frozen``: a book has hundreds of
    thousands of tokens, and measured here a frozen dataclass takes three
    times as long to create (from the token cache) and a named tuple 10 %
    more memory.
    """

    text: str
    start: int
    end: int
    kind: str
    syllables: tuple[str, ...] = ()
    gloss: str = ""
    hsk: int | None = None
    glossary: bool = False

    @property
    def is_word(self) -> bool:
        """True for tokens the word cursor stops on (not space or punctuation)."""
        return self.kind in ("han", "latin", "number")


def split_runs(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    """Split ``text`` into ``(start, end, kind)`` runs; Han runs are left whole.

    Offsets are code points, shifted by ``offset``. Latin words and numbers are
    single runs (``GPT-4o``, ``GLM-4``, ``12%``, ``Claude``); a number directly
    followed by Latin letters stays one run (``3D``, ``5G``).
    """
    runs = []
    for match in _RUNS.finditer(text):
        kind = match.lastgroup or "punct"
        runs.append((match.start() + offset, match.end() + offset, kind))
    return _merge_model_names(text, runs, offset)


def _merge_model_names(text: str, runs: list[tuple[int, int, str]], offset: int) -> list[tuple[int, int, str]]:
    """Join ``latin`` + ``-`` + ``number`` runs such as ``GPT-5`` or ``GLM-4`` into one."""
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(runs):
        start, end, kind = runs[i]
        if kind == "latin":
            while (
                i + 2 < len(runs)
                and text[runs[i + 1][0] - offset : runs[i + 1][1] - offset] == "-"
                and runs[i + 1][0] == end
                and runs[i + 2][2] in ("number", "latin")
                and runs[i + 2][0] == runs[i + 1][1]
            ):
                end = runs[i + 2][1]
                i += 2
        out.append((start, end, kind))
        i += 1
    return out


def basic_tokens(text: str, offset: int = 0) -> list[Token]:
    """Dictionary-free tokens: Han runs split into single characters.

    Used for the first paint and as the fallback when the language stack is
    still loading. Offsets are shifted by ``offset``.
    """
    tokens: list[Token] = []
    for start, end, kind in split_runs(text, offset):
        if kind == "han":
            for pos in range(start, end):
                tokens.append(Token(text[pos - offset], pos, pos + 1, "han"))
        else:
            tokens.append(Token(text[start - offset : end - offset], start, end, kind))
    return tokens
