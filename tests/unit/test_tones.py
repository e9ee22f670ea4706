"""Pinyin tones: conversions, splitting, answer checking and tone colours, as tables of hard cases."""

from __future__ import annotations

import pytest

from reader.text.tones import (
    SCHEMES,
    SYLLABLES,
    answers_match,
    is_syllable,
    normalize_answer,
    split_syllables,
    to_marks,
    to_numbers,
    tone_color,
    tone_of,
)


@pytest.mark.parametrize(
    ("numbered", "marked"),
    [
        ("yu4 xun4 lian4", "yù xùn liàn"),
        ("hun4 he2 zhuan1 jia1 xi4 tong3", "hùn hé zhuān jiā xì tǒng"),
        # a and e take the mark; o of ou; otherwise the last vowel
        ("hao3", "hǎo"),
        ("xie4", "xiè"),
        ("lou2", "lóu"),
        ("liu4", "liù"),
        ("gui3", "guǐ"),
        ("shuai1", "shuāi"),
        ("guo2", "guó"),
        ("er2", "ér"),
        # ü spelled u:, v, or ü
        ("lu:4", "lǜ"),
        ("nu:3", "nǚ"),
        ("nu:e4", "nüè"),
        ("lu:e4", "lüè"),
        ("lv3", "lǚ"),
        ("nve4", "nüè"),
        ("lü2", "lǘ"),
        ("Lu:3 Wang4", "Lǚ Wàng"),
        # neutral tone: 5, 0 or no digit
        ("de5", "de"),
        ("ma0", "ma"),
        ("ren2 men", "rén men"),
        ("zhi1 shi5", "zhī shi"),
        # capitals
        ("Zhong1 guo2", "Zhōng guó"),
        ("A1 la1 bo2", "Ā lā bó"),
        ("Ou1 zhou1", "Ōu zhōu"),
        ("E4 guo2", "È guó"),
        # erhua and syllabic nasals
        ("yi1 xia4 r5", "yī xià r"),
        ("yi1 dian3 r5", "yī diǎn r"),
        ("m2", "ḿ"),
        ("n3", "ň"),
        ("ng4", "ǹg"),
        ("hm5", "hm"),
        ("e^2", "ế"),
        # run together
        ("yu4xun4lian4", "yùxùnliàn"),
        # non-pinyin passes through
        ("san1 C", "sān C"),
        ("Ka3 er3 · Ma3 ke4 si1", "Kǎ ěr · Mǎ kè sī"),
        ("GPT4 Llama3", "GPT4 Llama3"),
        ("预训练 yu4", "预训练 yù"),
        ("menu: x", "menu: x"),
    ],
)
def test_to_marks(numbered: str, marked: str) -> None:
    assert to_marks(numbered) == marked


@pytest.mark.parametrize(
    ("marked", "numbered"),
    [
        ("yù xùn liàn", "yu4 xun4 lian4"),
        ("Zhōngguó", "Zhong1 guo2"),
        ("lǜ", "lu:4"),
        ("nüè", "nu:e4"),
        ("rén men", "ren2 men5"),
        ("Xī'ān", "Xi1 an1"),
        ("yī xià r", "yi1 xia4 r5"),
        ("yu4 xun4 lian4", "yu4 xun4 lian4"),
        ("yùxùnliàn", "yu4 xun4 lian4"),
        ("ǹg", "ng4"),
    ],
)
def test_to_numbers(marked: str, numbered: str) -> None:
    assert to_numbers(marked) == numbered


def test_to_numbers_umlaut_spellings() -> None:
    assert to_numbers("lǜ nǚ", umlaut="v") == "lv4 nv3"
    assert to_numbers("lǜ", umlaut="ü") == "lü4"


@pytest.mark.parametrize(
    "numbered",
    ["yu4 xun4 lian4", "Lu:3 Wang4", "nu:e4", "yi1 xia4 r5", "Zhong1 guo2", "zhi1 shi5", "Ou1 zhou1"],
)
def test_round_trip(numbered: str) -> None:
    assert to_numbers(to_marks(numbered)) == numbered


@pytest.mark.parametrize(
    ("syllable", "tone"),
    [
        ("xùn", 4),
        ("xun4", 4),
        ("mā", 1),
        ("má", 2),
        ("mǎ", 3),
        ("mà", 4),
        ("ma", 5),
        ("ma5", 5),
        ("ma0", 5),
        ("lǜ", 4),
        ("lǚ", 3),
        ("LÜ", 5),
        ("Zhōng", 1),
        ("ḿ", 2),
        ("ǹg", 4),
        ("r", 5),
        ("r5", 5),
        ("u\u0301", 2),  # decomposed ú
    ],
)
def test_tone_of(syllable: str, tone: int) -> None:
    assert tone_of(syllable) == tone


@pytest.mark.parametrize(
    ("text", "syllables"),
    [
        ("yu4xun4lian4", ["yu4", "xun4", "lian4"]),
        ("yùxùnliàn", ["yù", "xùn", "liàn"]),
        ("yu xun lian", ["yu", "xun", "lian"]),
        ("yuxunlian", ["yu", "xun", "lian"]),
        ("Xi'an", ["Xi", "an"]),
        ("xian", ["xian"]),
        ("fangan", ["fan", "gan"]),  # fang'an would need the apostrophe
        ("fang'an", ["fang", "an"]),
        ("xinan", ["xi", "nan"]),
        ("Zhōngguó", ["Zhōng", "guó"]),
        ("nu:e4lu:e4", ["nu:e4", "lu:e4"]),
        ("lvxing", ["lv", "xing"]),
        ("yidianr", ["yi", "dian", "r"]),
        ("xiar4", ["xia4", "r5"]),
        ("  hun4 he2-zhuan1jia1  ", ["hun4", "he2", "zhuan1", "jia1"]),
        ("GPT", ["GPT"]),
        ("", []),
    ],
)
def test_split_syllables(text: str, syllables: list[str]) -> None:
    assert split_syllables(text) == syllables


@pytest.mark.parametrize(
    "typed",
    ["yu4 xun4 lian4", "yu4xun4lian4", "YU4 XUN4 LIAN4", "yù xùn liàn", "Yùxùnliàn", " yu4  xun4 lian4 "],
)
def test_answer_forms_match(typed: str) -> None:
    assert normalize_answer(typed) == ("yu4", "xun4", "lian4")
    assert answers_match(typed, ("yu4", "xun4", "lian4"))
    assert answers_match(typed, "yù xùn liàn")


@pytest.mark.parametrize(
    ("typed", "expected", "ok"),
    [
        ("lv4", ("lu:4",), True),
        ("lu:4", ("lü4",), True),
        ("lǜ", ("lv4",), True),
        ("nve4", ("nu:e4",), True),
        ("jv2", ("ju2",), True),  # j/q/x/y + ü is written u
        ("xue2", ("xue2",), True),
        ("yu4 xun4 lian3", ("yu4", "xun4", "lian4"), False),
        ("yu xun lian", ("yu4", "xun4", "lian4"), False),  # toneless counts as neutral
        ("de", ("de5",), True),
        ("de0", ("de5",), True),
        ("yu4 xun4", ("yu4", "xun4", "lian4"), False),
        ("lu4", ("lu:4",), False),  # lù is not lǜ
        ("yi1 dian3 r5", ("yi1", "dian3", "er5"), True),
        ("yi1dianr3", ("yi1", "dian3", "r5"), True),
    ],
)
def test_answers_match(typed: str, expected: tuple[str, ...], ok: bool) -> None:
    assert answers_match(typed, expected) is ok


def test_answers_match_ignoring_tones() -> None:
    assert answers_match("yu xun lian", ("yu4", "xun4", "lian4"), ignore_tones=True)
    assert not answers_match("yu xun", ("yu4", "xun4", "lian4"), ignore_tones=True)


def test_syllable_inventory() -> None:
    assert len(SYLLABLES) > 400
    for syllable in ("zhuang", "lüe", "nü", "jiong", "biang", "er", "r", "ng"):
        assert is_syllable(syllable)
    for word in ("GPT", "xx", "gi", "bong", "llama"):
        assert not is_syllable(word)


def test_tone_colour_schemes_match_the_design() -> None:
    assert SCHEMES["zhongwen"] == ("#ee363e", "#f47c36", "#73bb4f", "#649cd3", "#a0a0a0")
    assert SCHEMES["pleco"] == ("#e30000", "#02b31c", "#1510f0", "#8900bf", "#777777")
    assert SCHEMES["none"] is None


@pytest.mark.parametrize(
    ("scheme", "tone", "colour"),
    [
        ("zhongwen", 1, "#ee363e"),
        ("zhongwen", 5, "#a0a0a0"),
        ("zhongwen", 0, "#a0a0a0"),
        ("pleco", 2, "#02b31c"),
        ("pleco", 4, "#8900bf"),
        ("none", 3, None),
    ],
)
def test_tone_color(scheme: str, tone: int, colour: str | None) -> None:
    assert tone_color(scheme, tone) == colour


def test_tone_color_rejects_unknown_values() -> None:
    with pytest.raises(ValueError, match="zhongwen"):
        tone_color("rainbow", 1)
    with pytest.raises(ValueError):
        tone_color("pleco", 6)


@pytest.mark.parametrize(
    ("syllables", "written"),
    [
        (["ran2", "er2"], "rán'ér"),
        (["qi2", "er4"], "qí'èr"),
        (["zi4", "er3", "wei4"], "zì'ěrwèi"),
        (["Xi1", "an1"], "Xī'ān"),
        (["pi2", "ao3"], "pí'ǎo"),
        (["hai3", "ou1"], "hǎi'ōu"),
        (["yu4", "xun4", "lian4"], "yùxùnliàn"),  # no syllable opens with a, o or e
        (["an1", "quan2"], "ānquán"),  # the first syllable never takes one
        (["xian1"], "xiān"),
        (["peng2", "you5"], "péngyou"),
    ],
)
def test_join_marks_puts_the_dividing_apostrophe(syllables: list[str], written: str) -> None:
    from reader.text.tones import join_marks

    assert join_marks(syllables) == written


@pytest.mark.parametrize(
    ("numbered", "marked"),
    [
        ("ran2er2", "rán'ér"),
        ("Xi1an1", "Xī'ān"),
        ("ran2 er2", "rán ér"),  # written apart: no apostrophe
        ("GPT4o", "GPT4o"),  # not pinyin
        ("yu4xun4lian4", "yùxùnliàn"),
    ],
)
def test_to_marks_divides_run_together_syllables(numbered: str, marked: str) -> None:
    assert to_marks(numbered) == marked
