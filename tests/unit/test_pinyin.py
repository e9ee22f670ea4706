"""Pinyin in context: polyphones, particles, neutral tones, sandhi, and the everyday set."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from reader.text.annotate import LanguageStack
from reader.text.content import glossary_path
from reader.text.dictionary import Dictionary
from reader.text.glossary import load_glossary
from reader.text.pinyin import PinyinReader, parse_pinyin_rules, spoken_tones
from reader.text.tokens import Token, is_han

SENTENCES = Path(__file__).parent.parent / "data" / "pinyin_sentences.yaml"


@pytest.fixture(scope="module")
def stack(tmp_path_factory):  # type: ignore[no-untyped-def]
    """The whole reading pipeline, as the reader runs it: the dictionary's words and the polyphone model too."""
    return LanguageStack(
        load_glossary(glossary_path()), Dictionary.open(), jieba_cache_dir=tmp_path_factory.mktemp("jieba")
    ).load()


def read(stack: LanguageStack, text: str) -> list[tuple[str, str]]:
    """(token, "syl syl") for the Han tokens of ``text``."""
    return [(t.text, " ".join(t.syllables)) for t in stack.annotate_text(text) if t.syllables]


def reading_of(stack: LanguageStack, text: str, word: str) -> str:
    """The reading of ``word`` inside ``text``, by character position (independent of segmentation)."""
    chars: list[str] = []
    for token in stack.annotate_text(text):
        chars.extend(token.syllables)
    han = "".join(c for c in text if is_han(c))
    index = han.index(word)
    return " ".join(chars[index : index + len(word)])


def _same(got: str, allowed: str) -> bool:
    norm = {"er5": "r5"}
    return norm.get(got, got) in {norm.get(a, a) for a in allowed.split("|")}


ARTICLE_POLYPHONES = [
    ("相关项目甚至几近被搁置", "几近", "ji1 jin4"),
    ("GPT-5并非全新架构,实为GPT-4o的优化变体", "实为", "shi2 wei2"),
    ("已被无限期搁置,沦为“技术观察项目”", "沦为", "lun2 wei2"),
    ("“规模即能力”被视为通往通用人工智能的金科玉律", "视为", "shi4 wei2"),
    ("推动一项名为“Project Horizon”的长期计划", "名为", "ming2 wei2"),
    ("它并非一场从底层架构重构的革命", "重构", "chong2 gou4"),
    ("以重振技术领导地位并回应外界期待", "重振", "chong2 zhen4"),
    ("基于GPT-4o框架的一次深度调优与局部增强", "调优", "tiao2 you1"),
    ("这些进步更多源于数据微调与工程优化", "微调", "wei1 tiao2"),
    ("基于GPT-4o框架的一次深度调优", "框架", "kuang4 jia4"),
    ("这种由期待落差带来的冲击", "落差", "luo4 cha1"),
    ("而非依赖单一供应商", "供应商", "gong1 ying4 shang1"),
    ("尽管其在响应速度、多轮对话连贯性", "响应", "xiang3 ying4"),
    ("期待OpenAI带来一场颠覆性的智能革命", "一场", "yi1 chang2"),
    ("这场由OpenAI瓶颈引发的信任转移", "这场", "zhe4 chang2"),
    ("逻辑断层和因果理解薄弱等长期存在的核心问题", "长期", "chang2 qi1"),
    ("全球科技界翘首以盼", "翘首", "qiao2 shou3"),
    ("构筑起一道看似不可逾越的护城河", "看似", "kan4 si4"),
    ("GPT-5的登场并未如预期般掀起技术风暴", "登场", "deng1 chang3"),
    ("部分预训练实验甚至在中期便因计算资源耗尽", "部分", "bu4 fen5"),
    ("一些关键训练任务因长期无法取得进展", "任务", "ren4 wu5"),
    ("收敛困难或效果不增反降", "困难", "kun4 nan5"),
    ("同时,公司开始鼓励跨学科协作,知识共享", "知识", "zhi1 shi5"),
    ("其作为行业灯塔的地位或将被彻底改写", "行业", "hang2 ye4"),
    ("提升数据质量与训练效率", "数据", "shu4 ju4"),
    ("当模型参数逼近千亿乃至万亿级别时", "参数", "can1 shu4"),
    ("模型参数规模虽有增长", "增长", "zeng1 zhang3"),
    ("OpenAI必须重新思考训练范式", "重新", "chong2 xin1"),
    ("预训练,这一生成式AI的生命线", "预训练", "yu4 xun4 lian4"),
    ("GPT-5被证实为GPT-4o变体", "为", "wei2"),
    ("正借势跃升为规则的共同制定者", "为", "wei2"),
]


@pytest.mark.parametrize(("text", "word", "expected"), ARTICLE_POLYPHONES)
def test_article_polyphones(stack: LanguageStack, text: str, word: str, expected: str) -> None:
    assert reading_of(stack, text, word) == expected


EVERYDAY_POLYPHONES = [
    ("这件事很重要", "重要", "zhong4 yao4"),
    ("孩子长大了", "长", "zhang3"),
    ("这条河很长", "长", "chang2"),
    ("他在银行工作", "行", "hang2"),
    ("你这样做行不行", "行", "xing2"),
    ("我们去市场买菜", "场", "chang3"),
    ("昨天下了一场大雨", "场", "chang2"),
    ("他把书还给我了", "还", "huan2"),
    ("他还没来", "还", "hai2"),
    ("他被选为班长", "为", "wei2"),
    ("我认为他说得对", "认为", "ren4 wei2"),
    ("为了健康，他每天跑步", "为", "wei4"),
    ("他几乎每天都迟到", "几乎", "ji1 hu1"),
    ("我们几个人一起去", "几", "ji3"),
    ("中国的首都是北京", "首都", "shou3 du1"),
    ("我们都是学生", "都", "dou1"),
    ("我只有一只猫", "一只", "yi1 zhi1"),
    ("这个孩子很好学", "好学", "hao4 xue2"),
    ("请把空调关上", "空调", "kong1 tiao2"),
    ("我们调查了一百个学生", "调查", "diao4 cha2"),
    ("这个东西很便宜", "便宜", "pian2 yi5"),
    ("这个东西很便宜", "东西", "dong1 xi5"),
    ("他睡着了", "着", "zhao2"),
    ("别着急", "着", "zhao2"),
]


@pytest.mark.parametrize(("text", "word", "expected"), EVERYDAY_POLYPHONES)
def test_everyday_polyphones(stack: LanguageStack, text: str, word: str, expected: str) -> None:
    assert reading_of(stack, text, word) == expected


PARTICLES = [
    ("我到了北京", "了", "le5"),
    ("你了解这个情况吗", "了解", "liao3 jie3"),
    ("这个菜我吃不了", "了", "liao3"),
    ("他真了不起", "了不起", "liao3 bu5 qi3"),
    ("她笑着说", "着", "zhe5"),
    ("门开着", "着", "zhe5"),
    ("他跑得很快", "得", "de5"),
    ("时间不早了，我得走了", "得", "dei3"),
    ("他得了第一名", "得", "de2"),
    ("我们取得了进展", "取得", "qu3 de2"),
    ("他获得了冠军", "获得", "huo4 de2"),
    ("她慢慢地走进了房间", "地", "de5"),
    ("他认真地听老师讲课", "地", "de5"),
    ("他在公司的地位很高", "地位", "di4 wei4"),
    ("书掉在地上了", "地", "di4"),
    ("我们这个地区很冷", "地区", "di4 qu1"),
]


@pytest.mark.parametrize(("text", "word", "expected"), PARTICLES)
def test_particles_in_context(stack: LanguageStack, text: str, word: str, expected: str) -> None:
    assert reading_of(stack, text, word) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("部分", "bu4 fen5"),
        ("任务", "ren4 wu5"),
        ("困难", "kun4 nan5"),
        ("知识", "zhi1 shi5"),
        ("朋友", "peng2 you5"),
        ("衣服", "yi1 fu5"),
        ("东西", "dong1 xi5"),
        ("便宜", "pian2 yi5"),
        ("喜欢", "xi3 huan5"),
        ("认识", "ren4 shi5"),
    ],
)
def test_neutral_tone_words(stack: LanguageStack, word: str, expected: str) -> None:
    assert " ".join(stack.reader.word(word)) == expected


def test_glossary_pinyin_overrides_everything() -> None:
    rules = parse_pinyin_rules({"words": {"银行": "yin2 xing2"}})
    reader = PinyinReader(rules, overrides={"银行": ("yin2", "hang2")})
    assert reader.word("银行") == ("yin2", "hang2")
    assert PinyinReader(rules).word("银行") == ("yin2", "xing2")


def test_citation_tones_for_yi_and_bu(stack: LanguageStack) -> None:
    assert stack.reader.word("一定") == ("yi1", "ding4")
    assert stack.reader.word("不是") == ("bu4", "shi4")


def _spoken(stack: LanguageStack, text: str) -> str:
    tokens = [t for t in stack.annotate_text(text)]
    return " ".join(s for item in spoken_tones(tokens) for s in item)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一定", "yi2 ding4"),
        ("一起", "yi4 qi3"),
        ("一天", "yi4 tian1"),
        ("第一", "di4 yi1"),
        ("十一", "shi2 yi1"),
        ("统一", "tong3 yi1"),
        ("不是", "bu2 shi4"),
        ("不好", "bu4 hao3"),
        ("你好", "ni2 hao3"),
        ("展览馆", "zhan2 lan2 guan3"),
    ],
)
def test_spoken_tones(stack: LanguageStack, text: str, expected: str) -> None:
    assert _spoken(stack, text) == expected


def test_spoken_tones_accepts_pairs_and_bare_syllables() -> None:
    assert spoken_tones([("不", ["bu4"]), ("要", ["yao4"])]) == [("bu2",), ("yao4",)]
    assert spoken_tones([["ni3", "hao3"]]) == [("ni2", "hao3")]
    assert spoken_tones([Token("一个", 0, 2, "han", ("yi1", "ge4"))]) == [("yi2", "ge4")]


def _load_sentences() -> list[dict[str, str]]:
    return list(yaml.safe_load(SENTENCES.read_text(encoding="utf-8"))["sentences"])


def test_sentence_file_is_well_formed() -> None:
    sentences = _load_sentences()
    assert sum(1 for s in sentences if s.get("set", "everyday") == "everyday") >= 120
    for sentence in sentences:
        han = sum(1 for c in sentence["text"] if is_han(c))
        assert han == len(sentence["pinyin"].split()), sentence["text"]


def _errors(got: list[str], reference: str) -> int:
    expected = reference.split()
    assert len(got) == len(expected)
    return sum(1 for g, e in zip(got, expected, strict=True) if not _same(g, e))


def test_article_sentences_have_no_errors(stack: LanguageStack) -> None:
    wrong = []
    for sentence in _load_sentences():
        if sentence.get("set") != "article":
            continue
        got = [s for t in stack.annotate_text(sentence["text"]) for s in t.syllables]
        if _errors(got, sentence["pinyin"]):
            wrong.append(sentence["text"])
    assert wrong == []


def test_everyday_errors_at_most_half_of_plain_jieba_pypinyin(stack: LanguageStack) -> None:
    import logging

    import jieba
    from pypinyin import Style, lazy_pinyin

    jieba.setLogLevel(logging.WARNING)
    ours = baseline = 0
    for sentence in _load_sentences():
        if sentence.get("set", "everyday") != "everyday":
            continue
        text = sentence["text"]
        plain = lazy_pinyin(jieba.lcut(text), style=Style.TONE3, neutral_tone_with_five=True, errors="ignore")
        baseline += _errors([p for p in plain if re.fullmatch(r"[a-z]+[1-5]", p)], sentence["pinyin"])
        ours += _errors([s for t in stack.annotate_text(text) for s in t.syllables], sentence["pinyin"])
    print(f"\neveryday sentences: our errors {ours}, plain jieba + pypinyin errors {baseline}")
    assert ours * 2 <= baseline
