"""The headline meaning of frequent context-dependent words, a second table (meanings-13).

Same pattern as ``test_function_word_uses.py``: each row is a sentence of
everyday modern Chinese written for this table, a word in it, and a key the
headline of the token covering the word must contain. The rows cover the uses
and ``when`` rules added to ``content/senses/*.yaml`` by an audit of headlines
on unlabelled prose (the Chinese fortunes and CPP's encyclopaedic sentences),
and rows that show the old default still wins where it should.
"""

from __future__ import annotations

import pytest

from reader.text.annotate import LanguageStack

from .test_function_word_uses import has_key, headline, stack  # noqa: F401  (stack is a fixture)

#: (sentence, word, key the headline contains)
ROWS: list[tuple[str, str, str]] = [
    # 在 before an opening quote, a title or a path is "at; in"; 在了 after a verb too; alone it is "to be present"
    ("请把文件保存在“文档”文件夹里。", "在", "at"),
    ("这个词在《现代汉语词典》里可以查到。", "在", "at"),
    ("书掉在了地上。", "在", "at"),
    ("我的照片挂在了客厅的墙上。", "在", "at"),
    ("你爸爸在吗？", "在", "present"),
    ("我去找他的时候，他不在。", "在", "present"),
    ("奶奶已经不在了。", "在", "present"),
    ("他在看电视。", "在", "middle"),
    # 来 between the means and the verb is "in order to", across a quotation too; else "to come"
    ("你可以用“查找”功能来找这个词。", "来", "in order to"),
    ("点击“保存”来保存你的修改。", "来", "in order to"),
    ("他明天来帮我们搬家。", "来", "come"),
    ("朋友们都来了。", "来", "come"),
    # 通过 before the means is "through; by means of"; with no object, before a test or a bill, or after 获得/被 it is "to pass"
    ("我们可以通过网络购买火车票。", "通过", "through"),
    ("你可以通过这个方法来解决问题。", "通过", "through"),
    ("他通过了驾驶考试。", "通过", "pass"),
    ("这个法案昨天获得通过。", "通过", "pass"),
    ("她终于通过考试了。", "通过", "pass"),
    ("这个方案被通过了。", "通过", "pass"),
    # 以 before a manner, a price or a score is "with; by"; before a verb still "in order to"
    ("他们以很低的价格卖掉了房子。", "以", "with"),
    ("他们以五分的优势赢了这场比赛。", "以", "with"),
    ("我们应该以认真的态度对待工作。", "以", "with"),
    ("他每天锻炼身体，以保持健康。", "以", "in order to"),
    # 给 + 一/这/那… + a noun + the verb it benefits is "for; to"; after a modal too; 给 + a person + a thing is still "to give"
    ("我要给这个房间买一盏新灯。", "给", "for"),
    ("她给每个孩子准备了一份礼物。", "给", "for"),
    ("这个新功能能给大家带来很多方便。", "给", "for"),
    ("他没有给我留下什么印象。", "给", "for"),
    ("我给他一本书。", "给", "give"),
    ("妈妈给了我一百块钱。", "给", "give"),
    # 过 after a verb at a clause end is the experienced-action particle; 走过/滚过 stay "to pass"
    ("这个故事我听过。", "过", "experienced"),
    ("我从来没这样想过。", "过", "experienced"),
    ("这个问题老师讲过。", "过", "experienced"),
    ("皮球从桌子上滚过。", "过", "pass"),
]


@pytest.mark.parametrize(("sentence", "word", "key"), ROWS, ids=[f"{w}-{i}" for i, (_, w, _) in enumerate(ROWS)])
def test_headline_is_the_meaning_in_this_sentence(stack: LanguageStack, sentence: str, word: str, key: str) -> None:  # noqa: F811
    got = headline(stack, sentence, word)
    assert has_key(got, key), f"{sentence} [{word}]: {got!r} lacks {key!r}"


def test_the_token_is_the_word() -> None:
    """Every row's word is one token (else the row tests a neighbour's gloss)."""
    from reader.text.dictionary import Dictionary
    from reader.text.glossary import glossary_for

    tokens_of = LanguageStack(glossary_for(None), Dictionary.open()).load().annotate_text
    wrong = []
    for sentence, word, _ in ROWS:
        start = sentence.index(word)
        token = next(t for t in tokens_of(sentence) if t.start <= start < t.end)
        if token.text != word:
            wrong.append((sentence, word, token.text))
    assert wrong == []
