"""Readings settled in context: dictionary words, the rules file and g2pM's network, together."""

from __future__ import annotations

import pytest

from reader.text.annotate import LanguageStack
from reader.text.context_readings import OVERRULE, choose
from reader.text.dictionary import Dictionary
from reader.text.glossary import glossary_for
from reader.text.polyphone import PolyphoneModel, Prediction, available


@pytest.fixture(scope="module")
def model() -> PolyphoneModel:
    assert available(), "g2pM is a dependency of the reader"
    return PolyphoneModel()


@pytest.fixture(scope="module")
def stack() -> LanguageStack:
    return LanguageStack(glossary_for(None), Dictionary.open()).load()


def reading(stack: LanguageStack, sentence: str, word: str) -> str:
    syllables: list[str] = []
    for token in stack.annotate_text(sentence):
        syllables.extend(token.syllables)
    han = "".join(c for c in sentence if "\u4e00" <= c <= "\u9fff")
    index = han.index(word)
    return " ".join(syllables[index : index + len(word)])


def test_the_model_reads_polyphones_in_context(model: PolyphoneModel) -> None:
    sentences = ["他在中国工商银行工作。", "这辆自行车骑得很快。", "我们重新开始吧。"]
    positions = [
        [sentences[0].index("行")],
        [sentences[1].index("行"), sentences[1].index("得")],
        [sentences[2].index("重")],
    ]
    out = model.predict(sentences, positions)
    assert [p.reading for p in out[0]] == ["hang2"]
    assert [p.reading for p in out[1]] == ["xing2", "de5"]
    assert [p.reading for p in out[2]] == ["chong2"]


def test_batched_predictions_equal_one_at_a_time(model: PolyphoneModel) -> None:
    sentences = ["长大以后他当了老师。", "这条河很长。", "为了你我什么都愿意做。" * 3, "他觉得这个问题很重要。"]
    positions = [[i for i, c in enumerate(s) if model.is_polyphone(c)] for s in sentences]
    together = model.predict(sentences, positions)
    alone = [model.predict([s], [p])[0] for s, p in zip(sentences, positions, strict=True)]
    assert [[p.reading for p in row] for row in together] == [[p.reading for p in row] for row in alone]
    for row in together:
        for prediction in row:
            assert prediction.scores[0][0] == prediction.reading
            assert abs(sum(v for _, v in prediction.scores) - 1.0) < 1e-3


def test_only_a_characters_own_readings_are_chosen(model: PolyphoneModel) -> None:
    assert set(model.readings_of("了")) >= {"le5", "liao3"}
    assert model.readings_of("我") == ()
    [[prediction]] = model.predict(["我们了解这件事。"], [[2]])
    assert prediction.reading in model.readings_of("了")


def test_a_long_sentence_is_read_in_windows(model: PolyphoneModel) -> None:
    sentence = "我们" * 300 + "重新开始"
    [[prediction]] = model.predict([sentence], [[sentence.index("重")]])
    assert prediction.reading == "chong2"


@pytest.mark.parametrize(
    ("dictionary", "prediction", "first", "expected"),
    [
        (
            "ji3",
            Prediction("gei3", 0.99995, (("gei3", 0.99995), ("ji3", 0.00005))),
            "ji3",
            "ji3",
        ),  # 供给: a word's reading is final
        ("GEN4", Prediction("gen4", 0.9, (("gen4", 0.9), ("gen3", 0.1))), "gen3", "gen4"),  # a name agreeing
        (
            "GEN3",
            Prediction("gen4", 0.99999, (("gen4", 0.99999), ("gen3", 0.00001))),
            "gen3",
            "gen4",
        ),  # a name overruled
        ("GEN3", Prediction("gen4", 0.6, (("gen4", 0.6), ("gen3", 0.4))), "gen3", "gen3"),  # not sure enough
        ("", Prediction("de5", 0.9, (("de5", 0.9), ("de2", 0.1))), "de2", "de5"),  # no dictionary word: the model
        ("", Prediction("", 0.0), "hao3", "hao3"),  # neither: the first reading
    ],
)
def test_choose(dictionary: str, prediction: Prediction, first: str, expected: str) -> None:
    assert choose(dictionary, prediction, first) == expected
    assert OVERRULE >= 100


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        (
            "朝鲜半岛的局势引人关注。",
            "朝鲜",
            "chao2 xian3",
        ),  # a dictionary word's only reading, not pypinyin's xiǎn default
        ("他在哈佛大学读书。", "哈佛", "ha1 fo2"),
        ("这场由OpenAI瓶颈引发的信任转移,或将加速AI从“中心化供给”向“去中心化共创”的时代迈进。", "供给", "gong1 ji3"),
        ("而更像是一次在既有框架内的艰难修补。", "更", "geng4"),
        ("此外,为应对开源浪潮的冲击,OpenAI也在探索新模式。", "为", "wei4"),
        ("他跑得很快。", "得", "de5"),
        ("她慢慢地走进了房间。", "地", "de5"),
        ("我们必须重新思考。", "重新", "chong2 xin1"),
        ("存入国家银行。", "行", "hang2"),
        ("我为你感到骄傲。", "为", "wei4"),  # 为 before a person is "for"
        ("他为大家做了很多事。", "为", "wei4"),
        ("以他为榜样。", "为", "wei2"),  # 以…为 "take … as"
        ("你是老师吗？", "吗", "ma5"),  # a final particle before punctuation is neutral
        ("你呢？", "呢", "ne5"),
        ("她的头发很长。", "长", "chang2"),  # 长 after a degree word is the adjective "long"
        ("孩子们高高兴兴地上学去了。", "地", "de5"),  # after a reduplicated word
        ("这篇文章的第三行有个错字。", "第三行", "di4 san1 hang2"),  # 行 counted is a line
        ("每行写十个字。", "每行", "mei3 hang2"),
        ("离考试还差两天。", "差", "cha4"),  # short of an amount
        ("他的成绩太差了。", "差", "cha4"),
        ("他冲我点头。", "冲", "chong4"),
        ("她在商场挑衣服。", "挑", "tiao1"),
        ("人家不想去。", "人家", "ren2 jia5"),
        ("村里有几户人家。", "人家", "ren2 jia1"),
        ("她每天弹钢琴。", "弹钢琴", "tan2 gang1 qin2"),
        ("把鱼放进油锅里炸。", "炸", "zha2"),
        ("维护消费者的正当权益。", "正当权益", "zheng4 dang4 quan2 yi4"),
        ("正当他要走的时候，电话响了。", "正当", "zheng4 dang1"),
        ("这本书明天还你。", "还", "huan2"),  # before the person it goes back to, at the clause's end
        ("你还好吗？", "还", "hai2"),
        ("暑假我想在老家多待几天。", "待", "dai1"),  # to stay, before a duration
        ("他待人很热情。", "待人", "dai4 ren2"),
        ("他们婚后过得很幸福。", "过得", "guo4 de5"),
        ("这个函数只有一行代码。", "一行", "yi1 hang2"),  # a final rule beats the dictionary's one reading
        ("访问团一行五人昨天抵达。", "一行", "yi1 xing2"),
    ],
)
def test_readings_in_sentences(stack: LanguageStack, sentence: str, word: str, expected: str) -> None:
    assert reading(stack, sentence, word) == expected
