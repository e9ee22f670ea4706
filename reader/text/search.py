"""Search a document by hanzi, pinyin (toned, numbered or toneless) or English.

A query is read once (:func:`parse_query`) into the kinds it can match:

* **hanzi**: any query with a Han character matches as a substring of the text;
* **pinyin**: a query that splits into Mandarin syllables (``yuxunlian``,
  ``yu4xun4lian4``, ``yù xùn liàn``) matches a run of the reader's own Han
  tokens whose readings spell it, starting and ending on token boundaries (so
  ``yuxunlian`` finds 预训练 but never the middle of a longer word). A syllable
  typed with a tone must have that tone; one typed without matches any;
* **English**: a query of Latin letters matches tokens whose headline meaning
  (the gloss shown in the pop-up) or glossary gloss has it as a whole word,
  hyphens ignored (``pretraining`` finds "pre-training").

A plain Latin query can be pinyin and English at once (``data`` is dà tà); it
then matches both ways. :class:`Searcher` scans the tokens in chunks, from any
starting point and wrapping around, so that a caller (the reader's worker) can
show the first match of a 5M-character book long before the last one is found.

Pure: no Textual or Rich.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from reader.text.tokens import Token, is_han

#: Tokens scanned per chunk by :meth:`Searcher.chunks`.
CHUNK_TOKENS = 4000
#: Tokens a pinyin match may span (a chunk is read this far past its end).
_SPAN_TOKENS = 16
_PINYIN_CHARS = re.compile(r"^[A-Za-zÀ-ɏǖǘǚǜü:0-5\s'’\-\u0300-\u036f]+$")
_ENGLISH_CHARS = re.compile(r"^[A-Za-z][A-Za-z\s\-']*$")
_TONE_DIGIT_OR_MARK = re.compile(r"[0-5]$|[\u0304\u0301\u030c\u0300]")
#: Separators in the pinyin key string: between tokens of one Han run, and at anything else.
_JOIN, _BREAK = "|", "#"


@dataclass(frozen=True, slots=True)
class Match:
    """One match: ``[start, end)`` in code points of the document text, and how it matched."""

    start: int
    end: int
    kind: str  #: ``hanzi``, ``pinyin`` or ``english``


@dataclass(frozen=True)
class Query:
    """A parsed query: what it can match as hanzi, pinyin and English."""

    text: str
    hanzi: str = ""
    #: ``(letters, tone)`` per syllable, canonical (``lv``, ``yu``), tone ``""`` when any tone matches.
    syllables: tuple[tuple[str, str], ...] = ()
    english: str = ""  #: lower case, hyphens dropped

    @property
    def empty(self) -> bool:
        """True when the query can match nothing."""
        return not (self.hanzi or self.syllables or self.english)

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds this query matches as."""
        return tuple(k for k, v in (("hanzi", self.hanzi), ("pinyin", self.syllables), ("english", self.english)) if v)

    def pinyin_pattern(self) -> re.Pattern[str] | None:
        """The regular expression over a key string (see :func:`token_key`), or None."""
        if not self.syllables:
            return None
        parts = [re.escape(letters) + (tone or "[1-5]") for letters, tone in self.syllables]
        join = re.escape(_JOIN)
        return re.compile(f"{join}({(join + '?').join(parts)})(?=[{join}{re.escape(_BREAK)}])")

    def english_pattern(self) -> re.Pattern[str] | None:
        """The whole-word expression over a normalised gloss (see :func:`normal_gloss`), or None."""
        if not self.english:
            return None
        return re.compile(r"(?<![a-z])" + re.escape(self.english) + r"(?![a-z])")


def normal_gloss(text: str) -> str:
    """A gloss as English queries compare it: lower case, hyphens dropped, spaces single."""
    return " ".join(text.lower().replace("-", "").split())


def parse_syllables(text: str) -> tuple[tuple[str, str], ...]:
    """``(letters, tone)`` per syllable of pinyin ``text``, or ``()`` when it is not pinyin.

    ``"yuxunlian"`` → ``(("yu", ""), ("xun", ""), ("lian", ""))``; ``"yù xùn liàn"``
    and ``"yu4xun4lian4"`` give tones ``"4"``; ``"lǜ"`` → ``(("lv", "4"),)``.
    """
    from reader.text.tones import is_syllable, normalize_answer, split_syllables

    text = unicodedata.normalize("NFC", text.strip())
    if not text or not _PINYIN_CHARS.match(text):
        return ()
    out: list[tuple[str, str]] = []
    for piece in split_syllables(text):
        bare = piece.rstrip("012345")
        if not bare or not is_syllable(bare):
            return ()
        canonical = normalize_answer(piece)
        if len(canonical) != 1:
            return ()
        letters, tone = canonical[0][:-1], canonical[0][-1]
        explicit = bool(_TONE_DIGIT_OR_MARK.search(unicodedata.normalize("NFD", piece)))
        out.append((letters, tone if explicit else ""))
    return tuple(out)


def parse_query(text: str) -> Query:
    """Read a query typed by the learner (see the module docstring)."""
    text = text.strip()
    if not text:
        return Query(text)
    if any(is_han(ch) for ch in text):
        return Query(text, hanzi=text)
    syllables = parse_syllables(text)
    english = normal_gloss(text) if _ENGLISH_CHARS.match(text) and len(text) >= 2 else ""
    return Query(text, syllables=syllables, english=english)


_KEYS: dict[tuple[str, ...], str] = {}


def token_key(syllables: tuple[str, ...]) -> str:
    """The canonical numbered reading of a token, run together: ``yu4xun4lian4`` (memoised)."""
    key = _KEYS.get(syllables)
    if key is None:
        from reader.text.tones import normalize_answer

        key = "".join(normalize_answer(" ".join(syllables))) if syllables else ""
        if len(_KEYS) < 200_000:
            _KEYS[syllables] = key
    return key


class Searcher:
    """Finds a query's matches among a document's tokens, chunk by chunk.

    ``tokens`` are the document's tokens in order (offsets into ``text``);
    ``glossary_gloss(term)`` gives a glossary term's English ("" if none).
    """

    def __init__(
        self,
        text: str,
        tokens: Sequence[Token],
        query: Query,
        glossary_gloss: Callable[[str], str] | None = None,
        keys: KeyCache | None = None,
    ) -> None:
        self.text = text
        self.tokens = tokens
        self.query = query
        self._glossary_gloss = glossary_gloss
        self._pinyin = query.pinyin_pattern()
        self._english = query.english_pattern()
        self._gloss_hits: dict[str, bool] = {}
        self._term_hits: dict[str, bool] = {}
        self._keys = keys if keys is not None and keys.tokens is tokens else KeyCache(tokens)

    def _token_index(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset`` (a bisect: no list of starts is built)."""
        return bisect.bisect_left(self.tokens, offset, key=lambda token: token.start)

    def chunks(
        self, offset: int = 0, size: int = CHUNK_TOKENS, *, wrap: bool = True, backward: bool = False
    ) -> Iterator[list[Match]]:
        """Matches in chunks of ``size`` tokens, nearest ``offset`` first.

        Forward: from ``offset`` to the end, then (``wrap``) from the start.
        Backward: chunks before ``offset`` nearest first, then (``wrap``) from the
        end down. Each chunk's matches are in text order.
        """
        count = len(self.tokens)
        first = self._token_index(offset) if offset else 0
        if not backward:
            ranges = [(lo, min(count, lo + size)) for lo in range(first, count, size)]
            if wrap:
                ranges += [(lo, min(first, lo + size)) for lo in range(0, first, size)]
        else:
            ranges = [(max(0, hi - size), hi) for hi in range(first, 0, -size)]
            if wrap:
                ranges += [(max(first, hi - size), hi) for hi in range(count, first, -size)]
        for lo, hi in ranges:
            yield self.matches_in(lo, hi)

    def all(self) -> list[Match]:
        """Every match, in text order."""
        return [match for chunk in self.chunks(0, wrap=False) for match in chunk]

    def matches_in(self, lo: int, hi: int) -> list[Match]:
        """Matches that start on tokens ``lo`` to ``hi - 1``, in text order (a match found two ways once)."""
        if lo >= hi or self.query.empty:
            return []
        found: dict[int, Match] = {}
        if self.query.hanzi:
            for match in self._hanzi(lo, hi):
                found.setdefault(match.start, match)
        if self._pinyin is not None:
            for match in self._pinyin_matches(lo, hi):
                found.setdefault(match.start, match)
        if self._english is not None:
            for match in self._english_matches(lo, hi):
                found.setdefault(match.start, match)
        return [found[start] for start in sorted(found)]

    def _hanzi(self, lo: int, hi: int) -> Iterator[Match]:
        needle = self.query.hanzi
        start = self.tokens[lo].start
        end = self.tokens[hi - 1].end
        pos = self.text.find(needle, start, end + len(needle) - 1)
        while pos >= 0 and pos < end:
            yield Match(pos, pos + len(needle), "hanzi")
            pos = self.text.find(needle, pos + len(needle), end + len(needle) - 1)

    def _pinyin_matches(self, lo: int, hi: int) -> Iterator[Match]:
        pattern = self._pinyin
        assert pattern is not None
        tokens = self.tokens
        keys, places = self._keys.chunk(lo, min(len(tokens), hi + _SPAN_TOKENS))
        for found in pattern.finditer(keys):
            first = bisect.bisect_right(places, found.start(1)) - 1
            if first >= hi - lo:
                break
            last = bisect.bisect_right(places, found.end(1) - 1) - 1
            yield Match(tokens[lo + first].start, tokens[lo + last].end, "pinyin")

    def _english_matches(self, lo: int, hi: int) -> Iterator[Match]:
        pattern = self._english
        assert pattern is not None
        # Glosses are shared strings (one per distinct word), so their hashes are cached.
        hits, terms = self._gloss_hits, self._term_hits
        glossary_gloss = self._glossary_gloss
        for token in self.tokens[lo:hi]:
            if token.glossary:
                hit = terms.get(token.text)
                if hit is None:
                    gloss = token.gloss + (f" / {glossary_gloss(token.text)}" if glossary_gloss is not None else "")
                    hit = terms[token.text] = pattern.search(normal_gloss(gloss)) is not None
            elif token.gloss:
                hit = hits.get(token.gloss)
                if hit is None:
                    hit = hits[token.gloss] = pattern.search(normal_gloss(token.gloss)) is not None
            else:
                continue
            if hit:
                yield Match(token.start, token.end, "english")


class KeyCache:
    """The pinyin key strings of a token list's chunks, kept across searches (each keystroke is one).

    Building them is most of a pinyin search's work; the second query on the
    same tokens only runs its pattern.
    """

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = tokens
        self._chunks: dict[tuple[int, int], tuple[str, list[int]]] = {}
        #: Key strings by the id of a token's syllable tuple (the tokens keep the tuples alive).
        self._memo: dict[int, str] = {}

    def chunk(self, lo: int, stop: int) -> tuple[str, list[int]]:
        """The key string of tokens ``lo`` to ``stop - 1`` and where each token's key starts."""
        found = self._chunks.get((lo, stop))
        if found is None:
            found = self._chunks[(lo, stop)] = _keys_with_places(self.tokens, lo, stop, self._memo)
        return found


def _keys_with_places(
    tokens: Sequence[Token], lo: int, stop: int, memo: dict[int, str] | None = None
) -> tuple[str, list[int]]:
    """The key string of tokens ``lo`` to ``stop - 1`` and where each token's key starts.

    Each Han token with a reading is ``|`` + its key; anything else is ``#``
    (which no pattern crosses); the string ends with ``#``. A pattern starts
    with ``|`` and ends before ``|`` or ``#``: a match begins and ends on token boundaries.
    """
    parts: list[str] = []
    places: list[int] = []
    where = 0
    memo = {} if memo is None else memo
    for index in range(lo, stop):
        token = tokens[index]
        syllables = token.syllables
        if syllables and token.kind == "han":
            key = memo.get(id(syllables))
            if key is None:
                key = memo[id(syllables)] = token_key(syllables)
            parts.append(_JOIN + key)
            places.append(where + 1)
            where += 1 + len(key)
        else:
            parts.append(_BREAK)
            places.append(where + 1)
            where += 1
    parts.append(_BREAK)
    return "".join(parts), places


def find_text(text: str, needle: str) -> list[Match]:
    """Every occurrence of ``needle`` in ``text`` as hanzi matches (before any tokens are known)."""
    out: list[Match] = []
    pos = text.find(needle) if needle else -1
    while pos >= 0:
        out.append(Match(pos, pos + len(needle), "hanzi"))
        pos = text.find(needle, pos + len(needle))
    return out


def step(starts: Sequence[int], cursor: int, delta: int) -> int | None:
    """Index of the next (``delta`` > 0) or previous match start from ``cursor``, wrapping; None if none."""
    if not starts:
        return None
    if delta > 0:
        index = bisect.bisect_right(starts, cursor)
        return index if index < len(starts) else 0
    index = bisect.bisect_left(starts, cursor) - 1
    return index if index >= 0 else len(starts) - 1


def position_label(starts: Sequence[int], cursor: int, done: bool = True) -> str:
    """``"3/12"``: the last match at or before ``cursor``, of all (``"0/12"`` before the first)."""
    if not starts:
        return "no match" if done else "searching…"
    index = bisect.bisect_right(starts, cursor)
    return f"{index}/{len(starts)}" + ("" if done else "…")


def context(text: str, match: Match, width: int = 12) -> tuple[str, str, str]:
    """``(before, matched, after)``: the match with up to ``width`` characters each side, on one line."""
    before = text[max(0, match.start - width) : match.start].rsplit("\n", 1)[-1]
    after = text[match.end : match.end + width].split("\n", 1)[0]
    return before, text[match.start : match.end], after
