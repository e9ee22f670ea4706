"""Mending jieba's unbacked joins: on the real segmenter and dictionary, and as a pure function."""

from __future__ import annotations

import pytest

from reader.text.annotate import LanguageStack
from reader.text.content import resolve_document
from reader.text.dictionary import Dictionary
from reader.text.glossary import glossary_for
from reader.text.repair import mend_spans


@pytest.fixture(scope="module")
def stack() -> LanguageStack:
    return LanguageStack(glossary_for(None), Dictionary.open()).load()


def words(stack: LanguageStack, sentence: str) -> list[str]:
    return [t.text for t in stack.annotate_text(sentence) if t.kind == "han"]


@pytest.mark.parametrize(
    ("sentence", "cut", "whole"),
    [
        ("我们一起去看电影吧。", ["电影", "吧"], "电影吧"),  # a dictionary compound swallowing the particle
        ("他长得很像他爸爸。", ["他", "长得"], "他长"),  # the HMM's join, and 长 back with 得
        ("这个问题更大。", ["更", "大"], "更大"),
        ("这篇文章写得很好。", ["这", "篇", "文章"], "篇文章"),  # the classifier back after its demonstrative
        ("他慢慢地走了。", ["地", "走", "了"], "地走了"),  # an unknown join holding a particle
        ("昨天他写了三封信。", ["三封", "信"], "封信"),  # a numeral and its classifier are one count
        ("我最喜欢这首歌。", ["这", "首", "歌"], "首歌"),
        ("他送我一本书作为礼物。", ["一本", "书"], "本书"),  # 本 counts after a numeral; 本书 "this book" is not it
        ("这本书很好看。", ["这", "本", "书"], "本书"),  # and after a demonstrative: 这本书 is "this book" already
        ("你喜欢哪本书？", ["哪", "本", "书"], "本书"),
        ("喝点水吧。", ["水", "吧"], "水吧"),  # a verb's "a little" between it and its object
        ("我想看点书。", ["看", "点", "书"], "看点"),  # verb + 点 "a little" + object, not 看点 "highlight"
        ("我们缺点钱。", ["缺", "点", "钱"], "缺点"),
        ("请把门打开。", ["把", "门"], "把门"),  # 把 + noun + verb: the object marker, not "to keep goal"
        ("你把手洗干净。", ["把", "手"], "把手"),
        ("这家店既有咖啡，也有茶。", ["既", "有"], "既有"),  # 既…也 "both … and", not 既有 "existing"
    ],
)
def test_unbacked_joins_are_cut(stack: LanguageStack, sentence: str, cut: list[str], whole: str) -> None:
    got = words(stack, sentence)
    assert whole not in got
    position = got.index(cut[0])
    assert got[position : position + len(cut)] == cut


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("我们去酒吧吧。", "酒吧"),
        ("这就是答案。", "就是"),
        ("馆里另设有开放式书吧。", "书吧"),
        ("本书分为三个部分。", "本书"),  # no numeral before it: "this book"
        ("这本来是应该发生的。", "本来"),  # after a demonstrative, only 本书 "this book" is cut
        ("这本质上是一个问题。", "本质"),
        ("这部剧的看点很多。", "看点"),  # a noun after 的: "highlight"
        ("这是一个新的视点。", "视点"),  # after 的, a noun: "viewpoint", not 视 + 点 "a little"
        ("既有的制度需要改革。", "既有"),  # no 又/也 after it: "existing"
        ("门的把手坏了。", "把手"),  # no verb after it: "handle"
    ],
)
def test_known_words_stay_whole(stack: LanguageStack, sentence: str, word: str) -> None:
    assert word in words(stack, sentence)


def test_the_particle_cut_off_reads_neutral_and_as_a_particle(stack: LanguageStack) -> None:
    token = next(t for t in stack.annotate_text("我们一起去看电影吧。") if t.text == "吧")
    assert token.syllables == ("ba5",)
    assert "particle" in token.gloss


def test_offsets_stay_exact_and_known_spans_untouched() -> None:
    text = "看电影吧。他长"
    spans = [(0, 1, "han"), (1, 4, "han"), (4, 5, "punct"), (5, 7, "han")]
    known = {"电影", "看"}.__contains__
    mended = mend_spans(text, spans, known, {"看": "v"}.get)
    assert mended == [(0, 1, "han"), (1, 3, "han"), (3, 4, "han"), (4, 5, "punct"), (5, 6, "han"), (6, 7, "han")]
    assert mend_spans(text, spans, lambda w: True) == spans


def test_the_article_is_not_changed_by_mending(stack: LanguageStack) -> None:
    doc = resolve_document("article")
    spans = stack.segmenter.spans(doc.text)
    assert mend_spans(doc.text, spans, stack._known) == spans
