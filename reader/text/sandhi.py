"""Tones as spoken: tone sandhi on citation readings (一/不 sandhi and third-tone sandhi).

:func:`spoken_tones` takes the citation syllables that
:class:`reader.text.pinyin.PinyinReader` gives and returns them as a speaker
says them, for the "tones as spoken" view. It is re-exported from
:mod:`reader.text.pinyin`. Pure and stdlib only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reader.text.tokens import Token, is_han

_DIGITS = set("〇零一二三四五六七八九十")
_BIG_UNITS = set("百千万亿")


def _tone(syllable: str) -> int:
    return int(syllable[-1]) if syllable and syllable[-1].isdigit() else 5


def _with_tone(syllable: str, tone: int) -> str:
    return syllable.rstrip("012345") + str(tone)


def spoken_tones(
    words: Iterable[Token | tuple[str, Sequence[str]] | Sequence[str]], texts: Sequence[str] | None = None
) -> list[tuple[str, ...]]:
    """Apply tone sandhi to citation readings, for the "tones as spoken" view.

    ``words`` are the tokens in order: :class:`Token` objects, ``(text,
    syllables)`` pairs, or bare syllable sequences (then pass their ``texts``,
    or 一 and 不 cannot be told from homophones and only third-tone sandhi
    applies). Non-Han tokens have no syllables and break prosodic units.
    Returns the spoken syllables per token:

    - 一: yí before a 4th (or neutral) tone, yì before 1st/2nd/3rd; yī when
      counting or ordinal (第一, 十一, 一九), at the end of a word or phrase;
    - 不: bú before a 4th tone;
    - third tone: in a run of 3rd tones inside a word, every one but the last
      reads 2nd (展览馆 zhán lán guǎn); a one-character word joins the next word
      (很好 hén hǎo).
    """
    pairs = _as_pairs(words, texts)
    items = [(text, list(syllables)) for text, syllables in pairs]
    flat: list[tuple[int, int, str]] = []  # (item index, syllable index, han char)
    for item_index, (text, syllables) in enumerate(items):
        han = [c for c in text if is_han(c)] if text is not None else ["?"] * len(syllables)
        if len(han) != len(syllables):
            flat.append((-1, -1, ""))
            continue
        for syllable_index, char in enumerate(han):
            flat.append((item_index, syllable_index, char))
        if len(han) == 0:
            flat.append((-1, -1, ""))
    original = {(a, b): items[a][1][b] for a, b, _ in flat if a >= 0}

    def syllable_at(k: int) -> str | None:
        if 0 <= k < len(flat) and flat[k][0] >= 0:
            return original[(flat[k][0], flat[k][1])]
        return None

    # Third-tone sandhi first, on the citation tones (so 一/不 changes do not feed it).
    for item_index, (_text, syllables) in enumerate(items):
        if not syllables:
            continue
        tones = [_tone(s) for s in syllables]
        for k in range(len(tones) - 1):
            if tones[k] == 3 and tones[k + 1] == 3:
                syllables[k] = _with_tone(syllables[k], 2)
        # A one-character word before a word that starts with a 3rd tone.
        if len(syllables) == 1 and tones[0] == 3 and item_index + 1 < len(items):
            following = original.get((item_index + 1, 0))
            next_text = items[item_index + 1][0]
            starts_han = next_text is None or (bool(next_text) and is_han(next_text[0]))
            if following is not None and _tone(following) == 3 and starts_han:
                syllables[0] = _with_tone(syllables[0], 2)

    for k, (item_index, syllable_index, char) in enumerate(flat):
        if item_index < 0 or char not in "一不":
            continue
        current = original[(item_index, syllable_index)]
        if _tone(current) == 5:
            continue
        following = syllable_at(k + 1)
        next_char = flat[k + 1][2] if k + 1 < len(flat) else ""
        prev_char = flat[k - 1][2] if k > 0 else ""
        text, syllables = items[item_index]
        if char == "不":
            if following is not None and _tone(following) == 4:
                syllables[syllable_index] = "bu2"
            continue
        # 一
        word_han = [c for c in text or "" if is_han(c)]
        at_word_end = syllable_index == len(word_han) - 1 and len(word_han) > 1
        if following is None or at_word_end or prev_char in _DIGITS or prev_char == "第" or next_char in _DIGITS:
            if next_char not in _BIG_UNITS or following is None:
                syllables[syllable_index] = "yi1"
                continue
        tone = _tone(following)
        syllables[syllable_index] = "yi2" if tone in (4, 5) else "yi4"
    return [tuple(s) for _, s in items]


def _as_pairs(
    words: Iterable[Token | tuple[str, Sequence[str]] | Sequence[str]], texts: Sequence[str] | None
) -> list[tuple[str | None, Sequence[str]]]:
    """Normalise the inputs of :func:`spoken_tones` to ``(text or None, syllables)``."""
    pairs: list[tuple[str | None, Sequence[str]]] = []
    for index, item in enumerate(words):
        if isinstance(item, Token):
            pairs.append((item.text, item.syllables))
        elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str) and not isinstance(item[1], str):
            pairs.append((item[0], item[1]))
        else:
            syllables = [str(s) for s in item]
            text = texts[index] if texts is not None and index < len(texts) else None
            pairs.append((text, syllables))
    return pairs
