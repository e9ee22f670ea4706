"""Walking the words the learner does not know yet: ``u`` / ``U`` in the reader.

A word is *unknown* here when it is a Han word of the text whose status is
unknown (not known, learning, ignored or saved to the deck) and that is not a
glossary term of the learner's own. Numbers, Latin words and punctuation are
never stops; names are skipped too (a word all of whose CC-CEDICT readings are
capitalised, as names are written there, or a glossary term filed under
``company`` or ``product``), and so are HSK 1 words when the learner says so.

Pure: no Textual or Rich.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from typing import Any

from reader.text.tokens import Token

#: Glossary categories whose terms are names.
NAME_CATEGORIES = frozenset({"company", "product"})


def name_test(dictionary: Any, glossary: Any) -> Callable[[str], bool]:
    """``is_name(word)`` from a dictionary (``lookup``) and a glossary (``get``), memoised."""
    seen: dict[str, bool] = {}

    def is_name(word: str) -> bool:
        found = seen.get(word)
        if found is None:
            entry = glossary.get(word) if glossary is not None else None
            if entry is not None:
                found = entry.category in NAME_CATEGORIES
            else:
                entries = dictionary.lookup(word) if dictionary is not None else []
                found = bool(entries) and all(e.pinyin[:1].isupper() for e in entries)
            seen[word] = found
        return found

    return is_name


def unknown_test(
    status: Callable[[str], str],
    is_name: Callable[[str], bool],
    yours: Callable[[str], bool],
    *,
    skip_hsk1: bool = False,
) -> Callable[[Token], bool]:
    """``is_unknown(token)`` for :func:`next_unknown` (see the module docstring)."""

    def is_unknown(token: Token) -> bool:
        if token.kind != "han" or not token.syllables:
            return False
        if skip_hsk1 and token.hsk == 1:
            return False
        return status(token.text) == "unknown" and not yours(token.text) and not is_name(token.text)

    return is_unknown


def next_unknown(tokens: Sequence[Token], offset: int, delta: int, is_unknown: Callable[[Token], bool]) -> Token | None:
    """The first unknown word after (``delta`` > 0) or before ``offset``, in text order; None at the end."""
    index = bisect.bisect_right(tokens, offset, key=lambda token: token.start)
    if delta > 0:
        for token_index in range(index, len(tokens)):
            if is_unknown(tokens[token_index]):
                return tokens[token_index]
        return None
    # The token at ``offset`` itself is not "before" it.
    for token_index in range(index - 1, -1, -1):
        token = tokens[token_index]
        if token.start < offset and is_unknown(token):
            return token
    return None
