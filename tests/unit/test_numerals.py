"""Chinese numerals as numbers, numbers in English, and numeral phrases glossed as English counts."""

from __future__ import annotations

import pytest

from reader.text.numerals import english_number, english_ordinal, parse_number, plural
from reader.text.phrases import frame_of, numeral_gloss, unit_of


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("一百二十", 120),
        ("三千零五", 3005),
        ("两万", 20_000),
        ("十万", 100_000),
        ("一亿", 100_000_000),
        ("2024", 2024),
        ("二三", None),
        ("几", None),
        ("", None),
        ("万", None),
    ],
)
def test_parse_number(text: str, value: int | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("value", "words", "ordinal"),
    [
        (1, "one", "first"),
        (3, "three", "third"),
        (12, "twelve", "twelfth"),
        (21, "twenty-one", "twenty-first"),
        (40, "forty", "fortieth"),
        (120, "one hundred and twenty", "one hundred and twentieth"),
        (1005, "one thousand and five", "1,005th"),
        (2_000_000, "2,000,000", "2,000,000th"),
    ],
)
def test_english_numbers(value: int, words: str, ordinal: str) -> None:
    assert english_number(value) == words
    assert english_ordinal(value) == ordinal


@pytest.mark.parametrize(
    ("noun", "want"),
    [
        ("minute", "minutes"),
        ("glass (of)", "glasses (of)"),
        ("day(s)", "days"),
        ("person", "people"),
        ("city", "cities"),
        ("days", "days"),
    ],
)
def test_plural(noun: str, want: str) -> None:
    assert plural(noun) == want


def test_numeral_gloss_and_units() -> None:
    assert numeral_gloss("十", "minute") == "ten minutes"
    assert numeral_gloss("一", "day(s)") == "one day"
    assert numeral_gloss("三", "") == "three (+ classifier)"
    assert numeral_gloss("第三", "day(s)") == "third day"
    assert numeral_gloss("几", "day") == ""
    assert unit_of("(classifier) cup; glass (of)") == "cup"
    assert unit_of("(classifier for books)") == ""
    assert unit_of("minute") == "minute"


def test_frames() -> None:
    assert frame_of(["在", "实践", "中"]) == "in"
    assert frame_of(["在", "会议", "上"]) == "on"
    assert frame_of(["在", "中"]) == ""
    assert frame_of(["从", "实践", "中"]) == ""
