"""Chinese numerals read as numbers, and numbers said in English.

Used to gloss numeral phrases that no dictionary lists (十分钟 "ten
minutes", 五百块 "five hundred pieces", 第三 "third"). Pure module.
"""

from __future__ import annotations

import re

__all__ = ["NUMERAL_PREFIX", "english_number", "english_ordinal", "parse_number", "plural"]

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000}
#: A numeral at the start of a word: an optional ordinal 第, then Chinese or Arabic digits.
NUMERAL_PREFIX = re.compile(r"第?(?:[零〇一二两三四五六七八九十百千万亿]+|[0-9０-９]+)")

_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINAL = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}
_IRREGULAR = {"person": "people", "man": "men", "woman": "women", "child": "children", "foot": "feet"}
#: Nouns whose plural is the same word: currencies romanised from Chinese and Japanese, and a few English ones.
_INVARIANT = frozenset(
    {"yuan", "kuai", "jiao", "mao", "fen", "yen", "renminbi", "RMB", "sheep", "fish", "deer", "li", "mu"}
)


def parse_number(text: str) -> int | None:
    """The value of a Chinese (一百二十, 两万, 三千零五) or Arabic numeral, or None if it is not one."""
    if not text:
        return None
    if text.isdigit():
        return int(text.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    total = 0  # what the 万 / 亿 groups already gave
    group = 0  # the current group below 万
    digit: int | None = None
    for char in text:
        if char in _DIGITS:
            if digit is not None and char not in "零〇":
                return None  # 二三: two digits in a row is not a number
            digit = _DIGITS[char] if char not in "零〇" else None
        elif char in _UNITS:
            if char == "十" and digit is None and group == 0 and total == 0:
                digit = 1  # 十二 is 12
            if digit is None:
                return None
            group += digit * _UNITS[char]
            digit = None
        elif char in _BIG:
            group += digit or 0
            if group == 0:
                return None
            total = (total + group) * _BIG[char]
            group, digit = 0, None
        else:
            return None
    return total + group + (digit or 0)


def english_number(value: int) -> str:
    """``value`` in English words up to a million ("one hundred and twenty"), in digits above."""
    if value < 20:
        return _ONES[value]
    if value < 100:
        tens, ones = divmod(value, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if value < 1000:
        hundreds, rest = divmod(value, 100)
        return f"{_ONES[hundreds]} hundred" + (f" and {english_number(rest)}" if rest else "")
    if value < 1_000_000:
        thousands, rest = divmod(value, 1000)
        tail = "" if not rest else (f" and {english_number(rest)}" if rest < 100 else f" {english_number(rest)}")
        return f"{english_number(thousands)} thousand{tail}"
    return f"{value:,}"


def english_ordinal(value: int) -> str:
    """``value`` as an English ordinal: "first", "twenty-third", "101st"."""
    if value >= 1000:
        suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
        return f"{value:,}{suffix}"
    words = english_number(value)
    head, sep, last = words.rpartition(" ")
    head2, dash, last2 = last.rpartition("-")
    word = last2
    ordinal = _ORDINAL.get(word) or (word[:-1] + "ieth" if word.endswith("y") else word + "th")
    return head + sep + head2 + dash + ordinal


def plural(noun: str) -> str:
    """A simple English plural of a noun phrase's first word: "minute" → "minutes", "glass (of)" → "glasses (of)"."""
    if "(s)" in noun:
        return noun.replace("(s)", "s", 1)
    word, sep, rest = noun.partition(" ")
    if word in _IRREGULAR:
        return _IRREGULAR[word] + sep + rest
    if word in _INVARIANT:
        return noun
    if not word or not word.isalpha() or (word.endswith("s") and not word.endswith("ss")):
        return noun
    if word.endswith(("ss", "x", "z", "ch", "sh")):
        word += "es"
    elif word.endswith("y") and word[-2:-1] not in tuple("aeiou"):
        word = word[:-1] + "ies"
    else:
        word += "s"
    return word + sep + rest
