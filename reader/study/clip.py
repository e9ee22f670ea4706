"""What the copy keys put on the clipboard: a word or a sentence, plain or with pinyin and meaning.

Pure: no Textual or Rich. The reader copies with Textual's ``copy_to_clipboard``
(OSC 52, which the terminal hands to the system clipboard).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reader.text.tokens import Token


def marked(token: Token) -> str:
    """A token's pinyin in tone marks, run together: ``yùxùnliàn`` ("" without a reading)."""
    if not token.syllables:
        return ""
    from reader.text.tones import to_marks

    return "".join(to_marks(s) for s in token.syllables)


def word_with_reading(token: Token, meaning: str) -> str:
    """``预训练 yùxùnliàn — pretraining`` (the parts there are)."""
    reading = marked(token)
    text = f"{token.text} {reading}" if reading else token.text
    return f"{text} — {meaning}" if meaning else text


def passage_with_readings(passage: str, tokens: Sequence[Token], meaning_of: Callable[[Token], str]) -> str:
    """A passage, its pinyin line (word by word), then each Han word once with its meaning.

    For example::

        公司在预训练上受挫。
        gōngsī zài yùxùnliàn shàng shòucuò.
        公司 gōngsī — company
        ...
    """
    reading: list[str] = []
    words: dict[str, str] = {}
    for token in tokens:
        if token.kind == "space":
            continue
        if token.kind != "han":
            reading.append(token.text)
            continue
        reading.append(marked(token) or token.text)
        if token.text not in words:
            words[token.text] = word_with_reading(token, meaning_of(token))
    line = ""
    for part in reading:
        glue = "" if not line or (len(part) == 1 and not part.isalnum()) else " "
        line += glue + part
    return "\n".join([passage, line, *words.values()])
