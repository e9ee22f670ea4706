"""Anchors: W3C selectors, round trips and re-anchoring (position, quote, fuzzy, orphan)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.study.anchor import CONTEXT, Anchor, make_anchor, reanchor

TEXT = (
    "最新报道显示,OpenAI正面临严峻的技术挑战。尽管市场期待GPT-5带来革命性突破,但内部消息指出,"
    "GPT-5并非全新架构,实为GPT-4o的优化变体。技术瓶颈导致研发进程停滞,削弱了其在生成式AI领域的领先优势。"
    "面对日益激烈的全球竞争,OpenAI亟需在模型架构与训练方法上取得实质性突破,以重振技术领导地位并回应外界期待。"
)


def anchor_on(text: str, quote: str) -> Anchor:
    start = text.index(quote)
    return make_anchor(text, start, start + len(quote))


def test_selectors_hold_quote_and_32_characters_of_context() -> None:
    anchor = anchor_on(TEXT, "技术瓶颈")
    start = TEXT.index("技术瓶颈")
    assert anchor.quote.exact == "技术瓶颈"
    assert anchor.quote.prefix == TEXT[start - CONTEXT : start]
    assert len(anchor.quote.prefix) == 32 and len(anchor.quote.suffix) == 32
    assert (anchor.position.start, anchor.position.end) == (start, start + 4)


def test_context_is_cut_at_the_edges_of_the_text() -> None:
    anchor = make_anchor(TEXT, 0, 4)
    assert anchor.quote.prefix == ""
    assert anchor.quote.exact == "最新报道"


def test_dict_round_trip() -> None:
    anchor = anchor_on(TEXT, "优化变体")
    assert Anchor.from_dict(anchor.to_dict()) == anchor


@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {"quote": {"exact": ""}, "position": {"start": 0, "end": 1}},
        {"quote": {"exact": "x"}, "position": {"start": 3, "end": 2}},
        {"quote": {"exact": "x"}, "position": {"start": "a", "end": 2}},
    ],
)
def test_malformed_anchor_dicts_are_refused(data: object) -> None:
    with pytest.raises(ValueError):
        Anchor.from_dict(data)


def test_unchanged_text_resolves_by_position() -> None:
    anchor = anchor_on(TEXT, "技术瓶颈导致研发进程停滞")
    found = reanchor(anchor, TEXT)
    assert (found.start, found.end, found.method) == (anchor.start, anchor.end, "position")


@pytest.mark.parametrize("insert_at", [0, 10, 60])
def test_insertion_before_moves_the_anchor(insert_at: int) -> None:
    anchor = anchor_on(TEXT, "技术瓶颈导致研发进程停滞")
    changed = TEXT[:insert_at] + "这里插入了一句新的话。" + TEXT[insert_at:]
    found = reanchor(anchor, changed)
    assert found.method == "quote"
    assert changed[found.start : found.end] == "技术瓶颈导致研发进程停滞"
    assert found.start == anchor.start + len("这里插入了一句新的话。")


def test_deletion_before_moves_the_anchor() -> None:
    anchor = anchor_on(TEXT, "削弱了其在生成式AI领域的领先优势")
    changed = TEXT.replace("尽管市场期待GPT-5带来革命性突破,", "")
    found = reanchor(anchor, changed)
    assert found.method == "quote"
    assert changed[found.start : found.end] == "削弱了其在生成式AI领域的领先优势"


def test_edit_inside_the_quote_is_found_fuzzily() -> None:
    anchor = anchor_on(TEXT, "技术瓶颈导致研发进程停滞")
    changed = TEXT.replace("技术瓶颈导致研发进程停滞", "技术瓶颈致使研发进程停滞")
    found = reanchor(anchor, changed)
    assert found.method == "fuzzy"
    assert changed[found.start : found.end] == "技术瓶颈致使研发进程停滞"
    assert found.score >= 0.7


def test_deletion_inside_a_long_quote_is_found_fuzzily() -> None:
    quote = "面对日益激烈的全球竞争,OpenAI亟需在模型架构与训练方法上取得实质性突破"
    anchor = anchor_on(TEXT, quote)
    changed = "前言。" * 50 + TEXT.replace("日益激烈的", "激烈的")
    found = reanchor(anchor, changed)
    assert found.method == "fuzzy"
    assert changed[found.start : found.end] == quote.replace("日益激烈的", "激烈的")


def test_deleted_passage_becomes_an_orphan() -> None:
    anchor = anchor_on(TEXT, "技术瓶颈导致研发进程停滞")
    changed = TEXT.replace("技术瓶颈导致研发进程停滞,", "")
    found = reanchor(anchor, changed)
    assert found.method is None and found.orphan
    assert (found.start, found.end) == (anchor.start, anchor.end)


def test_lookalike_passage_does_not_capture_the_note() -> None:
    """The noted sentence is gone; a similar sentence elsewhere must not take the note."""
    anchor = anchor_on(TEXT, "GPT-5并非全新架构")
    changed = (
        TEXT.replace("内部消息指出,GPT-5并非全新架构,实为GPT-4o的优化变体。", "") + "外界所愿的GPT-5并非如全新之作。"
    )
    found = reanchor(anchor, changed)
    assert found.method is None


def test_short_word_moved_out_of_its_context_is_an_orphan() -> None:
    """A word whose passage was deleted does not jump to the same word in an unrelated sentence."""
    anchor = anchor_on(TEXT, "突破,但")
    word = make_anchor(TEXT, anchor.start, anchor.start + 2)
    changed = TEXT[: word.start - 20] + TEXT[word.end + 20 :]
    assert "突破" in changed
    assert reanchor(word, changed).method is None


def test_repeated_word_resolves_to_the_occurrence_with_its_context() -> None:
    text = "我们学习。他们也学习。大家都学习。"
    start = text.index("他们也学习") + 3
    anchor = make_anchor(text, start, start + 2)
    changed = "今天" + text
    found = reanchor(anchor, changed)
    assert found.method == "quote"
    assert found.start == start + 2


def test_empty_text_orphans() -> None:
    assert reanchor(anchor_on(TEXT, "技术"), "").method is None


_HAN = st.sampled_from(
    list(
        "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞"
    ),
)


@settings(max_examples=150, deadline=None)
@given(
    before=st.text(_HAN, min_size=0, max_size=80),
    quote=st.text(_HAN, min_size=1, max_size=12),
    after=st.text(_HAN, min_size=0, max_size=80),
    inserted=st.text(_HAN, min_size=1, max_size=30),
    where=st.floats(min_value=0, max_value=1),
)
def test_inserting_outside_the_quote_always_reanchors_to_the_quote(
    before: str, quote: str, after: str, inserted: str, where: float
) -> None:
    text = before + quote + after
    anchor = make_anchor(text, len(before), len(before) + len(quote))
    outside = [i for i in range(len(text) + 1) if i <= anchor.start or i >= anchor.end]
    at = outside[int(where * (len(outside) - 1))]
    changed = text[:at] + inserted + text[at:]
    found = reanchor(anchor, changed)
    assert found.method in ("position", "quote")
    assert changed[found.start : found.end] == quote


@settings(max_examples=100, deadline=None)
@given(
    inserted=st.text(_HAN, min_size=1, max_size=40),
    where=st.integers(min_value=0, max_value=len(TEXT)),
    quote=st.sampled_from(["技术瓶颈", "GPT-5并非全新架构", "优势", "取得实质性突破", "亟需"]),
)
def test_inserting_anywhere_in_the_article_keeps_the_same_passage(inserted: str, where: int, quote: str) -> None:
    anchor = anchor_on(TEXT, quote)
    if anchor.start < where < anchor.end:
        where = anchor.end
    changed = TEXT[:where] + inserted + TEXT[where:]
    expected = anchor.start + (len(inserted) if where <= anchor.start else 0)
    found = reanchor(anchor, changed)
    assert (found.start, found.end) == (expected, expected + len(quote))


def test_rapidfuzz_gives_the_hand_written_levenshtein_values() -> None:
    """The note re-anchoring similarity is the same with rapidfuzz as with the plain DP it replaced."""
    import random

    from reader.study import anchor as module

    def plain(a: str, b: str) -> float:
        return 1.0 - module._plain_levenshtein(a, b) / max(len(a), len(b))

    assert module._levenshtein() is not None
    rnd = random.Random(7)
    alphabet = "模型训练数据的了是在AIb 。，"
    for _ in range(300):
        a = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 60)))
        b = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 60)))
        assert module._similarity(a, b) == plain(a, b)
    assert module._plain_levenshtein("kitten", "sitting") == 3  # the fallback itself, on the textbook case
    assert module._plain_levenshtein("预训练", "训练") == 1
