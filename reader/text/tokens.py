"""Tokens: the unit of the word cursor, pop-ups, pinyin and ``reader annotate``.

This module also holds the cheap, dictionary-free split of text into runs
(Han, Latin, number, punctuation, space) that every segmenter starts from and
that the UI uses for its first paint before the language stack has loaded.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import overload

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


#: Kind codes of :class:`TokenStore` (and of the token cache), in the order of :data:`KINDS`.
KIND_CODES = {kind: code for code, kind in enumerate(KINDS)}

#: What a token carries besides its text, offsets and kind: ``(syllables, gloss, hsk, glossary)``.
Facts = tuple[tuple[str, ...], str, int | None, bool]


class TokenStore(Sequence[Token]):
    """The tokens of one text as columns, not objects: a book's millions of tokens in a few arrays.

    Per token: its start and end (``array('I')``), its kind (``array('B')``) and an index
    into :attr:`table` (``array('i')``, −1 for a token with no reading, gloss,
    level or glossary flag). The table holds each distinct ``(syllables, gloss,
    hsk, glossary)`` once; a token's text is ``text[start:end]`` of the text it
    was read in (a document's ``lookup_text``). About 13 bytes a token, against
    ~190 for a :class:`Token` object, its offsets and its list slot.

    A :class:`Token` is made only when one is asked for (``store[i]``, a slice,
    iteration) and is equal to the one the annotate pipeline made; nothing
    keeps it, so the tokens of blocks off screen are never objects. The
    syllable tuples and glosses are the table's own, shared by every token of
    a word (search memoises key strings by the tuple's identity).
    """

    __slots__ = ("_facts", "ends", "ids", "kinds", "starts", "table", "text")

    def __init__(
        self,
        text: str,
        starts: array[int] | None = None,
        ends: array[int] | None = None,
        kinds: array[int] | None = None,
        ids: array[int] | None = None,
        table: list[Facts] | None = None,
    ) -> None:
        self.text = text
        self.starts: array[int] = starts if starts is not None else array("I")
        self.ends: array[int] = ends if ends is not None else array("I")
        self.kinds: array[int] = kinds if kinds is not None else array("B")
        self.ids: array[int] = ids if ids is not None else array("i")
        self.table: list[Facts] = table if table is not None else []
        self._facts: dict[Facts, int] = {facts: index for index, facts in enumerate(self.table)}

    @classmethod
    def of(cls, text: str, tokens: Iterable[Token]) -> TokenStore:
        """The tokens of ``text`` (each ``token.text == text[token.start:token.end]``) as a store."""
        store = cls(text)
        store.extend(tokens)
        return store

    def extend(self, tokens: Iterable[Token]) -> None:
        """Append tokens (in text order) to the columns."""
        starts, ends, kinds, ids = self.starts.append, self.ends.append, self.kinds.append, self.ids.append
        facts, table = self._facts, self.table
        codes = KIND_CODES
        for token in tokens:
            starts(token.start)
            ends(token.end)
            kinds(codes.get(token.kind, 3))
            if token.syllables or token.gloss or token.glossary or token.hsk is not None:
                key = (token.syllables, token.gloss, token.hsk, token.glossary)
                index = facts.get(key)
                if index is None:
                    index = facts[key] = len(table)
                    table.append(key)
                ids(index)
            else:
                ids(-1)

    def fact_index(self, facts: Facts) -> int:
        """The index of ``facts`` in :attr:`table` (added when new); −1 for a token with no facts at all."""
        found = self._facts.get(facts)
        if found is not None:
            return found
        syllables, gloss, hsk, glossary = facts
        if not (syllables or gloss or glossary or hsk is not None):
            return -1
        index = self._facts[facts] = len(self.table)
        self.table.append(facts)
        return index

    def _make(self, index: int) -> Token:
        start = self.starts[index]
        end = self.ends[index]
        ident = self.ids[index]
        kind = KINDS[self.kinds[index]]
        if ident < 0:
            return Token(self.text[start:end], start, end, kind)
        syllables, gloss, hsk, glossary = self.table[ident]
        return Token(self.text[start:end], start, end, kind, syllables, gloss, hsk, glossary)

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, index: int) -> Token: ...

    @overload
    def __getitem__(self, index: slice) -> list[Token]: ...

    def __getitem__(self, index: int | slice) -> Token | list[Token]:
        if isinstance(index, slice):
            return [self._make(i) for i in range(*index.indices(len(self.starts)))]
        if index < 0:
            index += len(self.starts)
        if not 0 <= index < len(self.starts):
            raise IndexError("token index out of range")
        return self._make(index)

    def __iter__(self) -> Iterator[Token]:
        text, table, kinds_of = self.text, self.table, KINDS
        for start, end, code, ident in zip(self.starts, self.ends, self.kinds, self.ids, strict=True):
            if ident < 0:
                yield Token(text[start:end], start, end, kinds_of[code])
            else:
                syllables, gloss, hsk, glossary = table[ident]
                yield Token(text[start:end], start, end, kinds_of[code], syllables, gloss, hsk, glossary)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=False))

    __hash__ = None  # type: ignore[assignment]  # mutable (extend), compared by value

    def __repr__(self) -> str:
        return f"TokenStore({len(self)} tokens, {len(self.table)} distinct facts)"

    def index_at(self, offset: int) -> int:
        """Index of the token covering ``offset``, or −1."""
        import bisect

        index = bisect.bisect_right(self.starts, offset) - 1
        return index if index >= 0 and self.ends[index] > offset else -1

    def glossary_spans(self) -> Iterator[tuple[int, int]]:
        """``(start, end)`` of every glossary term's token, without making the tokens."""
        marked = {index for index, facts in enumerate(self.table) if facts[3]}
        if not marked:
            return
        for start, end, ident in zip(self.starts, self.ends, self.ids, strict=True):
            if ident in marked:
                yield start, end

    def nbytes(self) -> int:
        """Bytes held by the columns (the table and text not counted)."""
        return sum(a.itemsize * len(a) for a in (self.starts, self.ends, self.kinds, self.ids))
