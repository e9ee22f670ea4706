"""Traditional and simplified characters, through OpenCC (the ``opencc`` package, imported lazily).

Every conversion here keeps the length: character ``i`` of the result stands for
character ``i`` of the input, so offsets, note anchors and tokens stay where they
are whichever form is shown or looked up. OpenCC converts phrases (乾隆 stays,
頭髮 → 头发); where it would change a stretch's length, that stretch is converted
character by character, and a character whose conversion is not one character
is kept as written.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

#: The display forms offered by the ``t`` mode.
SCRIPTS = ("as written", "simplified", "traditional")
#: Characters sampled to tell whether a text is written in traditional characters.
SAMPLE_CHARS = 20000


@lru_cache(maxsize=4)
def _converter(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


def _convert(text: str, config: str) -> str:
    if not text:
        return text
    converter = _converter(config)
    whole = converter.convert(text)
    if len(whole) == len(text):
        return str(whole)
    parts = []
    for line in text.split("\n"):
        converted = converter.convert(line)
        if len(converted) != len(line):
            converted = "".join(c if len(c := converter.convert(ch)) == 1 else ch for ch in line)
        parts.append(converted)
    return "\n".join(parts)


def to_simplified(text: str) -> str:
    """``text`` in simplified characters, of the same length (OpenCC ``tw2s``: standard and Taiwan forms)."""
    return _convert(text, "tw2s")


def to_traditional(text: str) -> str:
    """``text`` in traditional characters, of the same length (OpenCC ``s2tw``: Taiwan forms, as Big5 has them)."""
    return _convert(text, "s2tw")


def is_traditional(text: str) -> bool:
    """True when ``text`` is written mostly in traditional characters.

    Counts, in a sample, the characters that t2s would change (traditional-only)
    against those s2t would change (simplified-only).
    """
    sample = text[:SAMPLE_CHARS]
    simplified = to_simplified(sample)
    traditional_only = sum(1 for a, b in zip(sample, simplified, strict=True) if a != b)
    if not traditional_only:
        return False
    traditional = to_traditional(sample)
    simplified_only = sum(1 for a, b in zip(sample, traditional, strict=True) if a != b)
    return traditional_only > 2 * simplified_only


def display_script(text: str, script: str) -> str:
    """``text`` as the display mode ``script`` shows it (``as written``, ``simplified``, ``traditional``)."""
    if script == "simplified":
        return to_simplified(text)
    if script == "traditional":
        return to_traditional(text)
    return text


def shown_word(text: str, start: int, word: str, script: str = "as written") -> str:
    """``word`` (a token's text, read from the lookup form) as the text view shows it.

    Its characters at ``start`` in ``text`` (the document as written: 讓 where
    the token has 让), in the display mode ``script``; ``word`` itself when the
    text does not hold a word of its length there.
    """
    written = text[start : start + len(word)]
    if len(written) != len(word):
        return word
    return display_script(written, script) if script != "as written" else written
