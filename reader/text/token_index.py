"""Tokens of a document by range: basic ones at first, the language stack's later.

The reading view asks for the tokens of one paragraph at a time. Until the
segmenter has run (in a worker, after the first paint) it gets cheap
dictionary-free tokens, computed per paragraph on demand; once the full token
list arrives, every query is a bisect into it. In between, the tokens of the
paragraphs on screen may come first (``set_tokens(tokens, covered=(start, end))``:
the language stack's first stage); outside that span the basic tokens stay. The full list is normally a
:class:`~reader.text.tokens.TokenStore` (columns): lookups then bisect its
``starts`` array and make :class:`Token` objects only for the range asked for,
so the tokens of paragraphs off screen are never objects.

Pure Python: no Textual or Rich.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from reader.text.document import Document
from reader.text.tokens import Token, TokenStore, basic_tokens


class TokenIndex:
    """Tokens of a document, looked up by code-point range."""

    def __init__(self, document: Document, tokens: Sequence[Token] | None = None) -> None:
        self.document = document
        self._basic: dict[int, list[Token]] = {}
        self._tokens: Sequence[Token] | None = None
        self._starts: Sequence[int] = []
        #: The span the tokens cover when they are a first stage (whole paragraphs), None when they are all.
        self._covered: tuple[int, int] | None = None
        if tokens is not None:
            self.set_tokens(tokens)

    @property
    def ready(self) -> bool:
        """True once the segmented tokens of the whole document are in."""
        return self._tokens is not None and self._covered is None

    def set_tokens(self, tokens: Sequence[Token], covered: tuple[int, int] | None = None) -> None:
        """Install the sorted token list of the document (a :class:`TokenStore` is used as it is).

        ``covered``: the tokens are those of ``[start, end)`` only (whole
        paragraphs: the screen's, segmented first); elsewhere the basic tokens stay.
        """
        self._tokens = tokens
        self._starts = tokens.starts if isinstance(tokens, TokenStore) else [t.start for t in tokens]
        self._covered = covered
        if covered is None:
            self._basic.clear()

    def in_range(self, start: int, end: int) -> Sequence[Token]:
        """Tokens that start inside ``[start, end)`` (a paragraph's span)."""
        if self._tokens is None:
            return self._basic_range(start, end)
        covered = self._covered
        if covered is None or (covered[0] <= start and end <= covered[1]):
            return self._segmented(start, end)
        first, last = covered
        if end <= first or start >= last:
            return self._basic_range(start, end)
        return [
            *self._basic_range(start, first),
            *self._segmented(max(start, first), min(end, last)),
            *self._basic_range(last, end),
        ]

    def _segmented(self, start: int, end: int) -> Sequence[Token]:
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        assert self._tokens is not None
        return self._tokens[lo:hi]

    def _basic_range(self, start: int, end: int) -> list[Token]:
        """The dictionary-free tokens that start inside ``[start, end)``, paragraph by paragraph."""
        out: list[Token] = []
        paragraphs = self.document.paragraphs
        index = first = self.document.paragraph_index_at(start)
        while index < len(paragraphs) and (index == first or paragraphs[index].start < end):
            paragraph = paragraphs[index]
            cached = self._basic.get(paragraph.start)
            if cached is None:
                cached = basic_tokens(self.document.text[paragraph.start : paragraph.end], paragraph.start)
                self._basic[paragraph.start] = cached
            out.extend(t for t in cached if start <= t.start < end)
            if paragraph.end >= end:
                break
            index += 1
        return out

    def at(self, offset: int) -> Token | None:
        """The token covering ``offset``."""
        tokens = self._tokens
        covered = self._covered
        if tokens is not None and (covered is None or covered[0] <= offset < covered[1]):
            index = bisect.bisect_right(self._starts, offset) - 1
            if index < 0:
                return None
            token = tokens[index]
            return token if token.start <= offset < token.end else None
        paragraph = self.document.paragraph_at(offset)
        for token in self.in_range(paragraph.start, paragraph.end):
            if token.start <= offset < token.end:
                return token
        return None

    def word_at(self, offset: int) -> Token | None:
        """The word (not a space or punctuation) covering ``offset``, if any."""
        token = self.at(offset)
        return token if token is not None and token.is_word else None

    def word_at_or_after(self, offset: int) -> Token | None:
        """The word token at ``offset``, or the next word after it."""
        return self._scan(offset, forward=True, include=True)

    def next_word(self, offset: int) -> Token | None:
        """The first word token starting after ``offset``."""
        return self._scan(offset, forward=True, include=False)

    def previous_word(self, offset: int) -> Token | None:
        """The last word token starting before ``offset``."""
        return self._scan(offset, forward=False, include=False)

    def _scan(self, offset: int, *, forward: bool, include: bool) -> Token | None:
        text_len = len(self.document.text)
        offset = max(0, min(offset, max(text_len - 1, 0)))
        if self._tokens is not None and self._covered is None:
            return self._scan_tokens(self._tokens, offset, forward=forward, include=include)
        paragraphs = self.document.paragraphs
        index = self.document.paragraph_index_at(offset)
        while 0 <= index < len(paragraphs):
            paragraph = paragraphs[index]
            tokens = self.in_range(paragraph.start, paragraph.end)
            candidates = tokens if forward else list(reversed(tokens))
            for token in candidates:
                if not token.is_word:
                    continue
                if forward and (token.start > offset or (include and token.end > offset)):
                    return token
                if not forward and token.start < offset:
                    return token
            index += 1 if forward else -1
        return None

    def _scan_tokens(self, tokens: Sequence[Token], offset: int, *, forward: bool, include: bool) -> Token | None:
        """:meth:`_scan` over the full token list, one token at a time from a bisect (no paragraph made whole)."""
        index = bisect.bisect_right(self._starts, offset) - 1
        if forward:
            index = max(index, 0)
            for position in range(index, len(tokens)):
                token = tokens[position]
                if token.is_word and (token.start > offset or (include and token.end > offset)):
                    return token
            return None
        for position in range(min(index, len(tokens) - 1), -1, -1):
            token = tokens[position]
            if token.is_word and token.start < offset:
                return token
        return None
