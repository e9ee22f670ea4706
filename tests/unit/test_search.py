"""Search matching: queries read as hanzi, pinyin or English, matched on the reader's own tokens."""

from __future__ import annotations

import pytest

from reader.text.search import Match, Searcher, parse_query, parse_syllables, position_label, step
from reader.text.tokens import Token


@pytest.mark.parametrize(
    "typed, syllables",
    [
        ("yuxunlian", (("yu", ""), ("xun", ""), ("lian", ""))),
        ("yu4xun4lian4", (("yu", "4"), ("xun", "4"), ("lian", "4"))),
        ("yù xùn liàn", (("yu", "4"), ("xun", "4"), ("lian", "4"))),
        ("YùXùnLiàn", (("yu", "4"), ("xun", "4"), ("lian", "4"))),
        ("lǜ", (("lv", "4"),)),
        ("lu:4", (("lv", "4"),)),
        ("Xi'an", (("xi", ""), ("an", ""))),
        ("yu4xunlian", (("yu", "4"), ("xun", ""), ("lian", ""))),
        ("pretraining", ()),
        ("GPT", ()),
        ("", ()),
    ],
)
def test_pinyin_queries(typed: str, syllables: tuple[tuple[str, str], ...]) -> None:
    assert parse_syllables(typed) == syllables


def test_query_kinds() -> None:
    assert parse_query("预训练").kinds == ("hanzi",)
    assert parse_query("yu4xun4lian4").kinds == ("pinyin",)
    assert parse_query("pretraining").kinds == ("english",)
    assert parse_query("data").kinds == ("pinyin", "english")  # dà tà, and the word
    assert parse_query("  ").empty


def _tokens(*words: tuple[str, str]) -> tuple[str, list[Token]]:
    """Han tokens from ``(text, "yu4 xun4")`` pairs ("" for a non-Han token), laid end to end."""
    text, tokens = "", []
    for word, reading in words:
        kind = "han" if reading else ("punct" if not word.isalnum() else "latin")
        syllables = tuple(reading.split())
        tokens.append(Token(word, len(text), len(text) + len(word), kind, syllables, gloss=""))
        text += word
    return text, tokens


def _found(text: str, tokens: list[Token], query: str) -> list[str]:
    return [text[m.start : m.end] for m in Searcher(text, tokens, parse_query(query)).all()]


def test_pinyin_matches_whole_tokens_only() -> None:
    text, tokens = _tokens(("预训练", "yu4 xun4 lian4"), ("，", ""), ("训练", "xun4 lian4"), ("预", "yu4"))
    assert _found(text, tokens, "xunlian") == ["训练"]  # not the middle of 预训练
    # 预训练's middle is not a word of its own; 训练 + 预 across the tokens is, in order.
    assert _found(text, tokens, "lianyu") == []
    assert _found(text, tokens, "xunlianyu") == ["训练预"]
    assert _found(text, tokens, "yuxunlian") == ["预训练"]
    assert _found(text, tokens, "yuxun") == []  # stops inside a word


def test_pinyin_never_crosses_punctuation_and_checks_tones() -> None:
    text, tokens = _tokens(("训", "xun4"), ("，", ""), ("练", "lian4"))
    assert _found(text, tokens, "xunlian") == []
    assert _found(text, tokens, "xun4") == ["训"]
    assert _found(text, tokens, "xun2") == []


def test_english_matches_headline_meanings_as_whole_words() -> None:
    tokens = [
        Token("预训练", 0, 3, "han", ("yu4", "xun4", "lian4"), gloss="pre-training", glossary=True),
        Token("模型", 3, 5, "han", ("mo2", "xing2"), gloss="model"),
        Token("模式", 5, 7, "han", ("mo2", "shi4"), gloss="mode; pattern"),
    ]
    text = "预训练模型模式"
    assert _found(text, tokens, "pretraining") == ["预训练"]
    assert _found(text, tokens, "model") == ["模型"]
    assert _found(text, tokens, "mode") == ["模式"]  # not the start of "model"
    searcher = Searcher(text, tokens, parse_query("foundation"), lambda term: "foundation step")
    assert [text[m.start : m.end] for m in searcher.all()] == ["预训练"]  # the glossary's gloss


def test_chunks_start_near_the_cursor_and_wrap() -> None:
    text, tokens = _tokens(*[("模型", "mo2 xing2")] * 10)
    searcher = Searcher(text, tokens, parse_query("模型"))
    forward = [m.start for chunk in searcher.chunks(8, size=3) for m in chunk]
    assert forward == [8, 10, 12, 14, 16, 18, 0, 2, 4, 6]
    backward = [chunk[-1].start for chunk in searcher.chunks(8, size=2, backward=True) if chunk]
    assert backward[0] == 6


def test_step_and_label() -> None:
    starts = [3, 10, 20]
    assert step(starts, 0, 1) == 0
    assert step(starts, 10, 1) == 2
    assert step(starts, 20, 1) == 0  # wraps
    assert step(starts, 3, -1) == 2
    assert step([], 0, 1) is None
    assert position_label(starts, 10) == "2/3"
    assert position_label(starts, 0) == "0/3"
    assert position_label([], 0) == "no match"
    assert Match(1, 2, "hanzi").kind == "hanzi"
