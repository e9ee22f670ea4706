"""The sense chooser: the meaning a word has in its sentence, on the real data and dictionary."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.text.annotate import LanguageStack, sense_files
from reader.text.content import resolve_document
from reader.text.dictionary import Dictionary
from reader.text.glossary import glossary_for
from reader.text.senses import (
    CONDITION_KEYS,
    Choices,
    Context,
    SenseBook,
    SenseChooser,
    leading_sense,
    load_sense_book,
    narrowed,
    parse_sense_book,
    slot,
)
from reader.text.tokens import Token, is_han


@pytest.fixture(scope="module")
def dictionary() -> Dictionary:
    return Dictionary.open()


@pytest.fixture(scope="module")
def stack(dictionary: Dictionary) -> LanguageStack:
    return LanguageStack(glossary_for(None), dictionary).load()


@pytest.fixture(scope="module")
def article_tokens(stack: LanguageStack) -> tuple[str, list[Token]]:
    doc = resolve_document("article")
    return doc.text, stack.annotate_document(doc, use_cache=False)


def gloss_in(stack: LanguageStack, sentence: str, word: str, occurrence: int = 1) -> str:
    """The gloss of the token that covers the ``occurrence``-th ``word`` of ``sentence``."""
    start = -1
    for _ in range(occurrence):
        start = sentence.index(word, start + 1)
    tokens = stack.annotate_text(sentence)
    token = next(t for t in tokens if t.start <= start < t.end)
    return token.gloss


# -- the data ---------------------------------------------------------------------------------------


def test_bundled_learner_glosses_load_without_problems() -> None:
    book = load_sense_book(sense_files(), check_patterns=True)  # every pattern compiled, as the reader's are lazily
    assert book.problems == []
    assert len(book.uses) >= 4000


def test_every_use_has_one_syllable_per_character_and_a_short_gloss() -> None:
    book = load_sense_book(sense_files())
    for word, uses in book.uses.items():
        han = sum(1 for c in word if is_han(c))
        for use in uses:
            assert len(use.reading) == han, (word, use.reading)
            assert all(re.fullmatch(r"[a-z]+[1-5]", s) for s in use.reading), (word, use.reading)
            assert 0 < len(use.gloss) <= 80, (word, use.gloss)


def test_the_2000_most_frequent_words_are_covered() -> None:
    wordfreq = pytest.importorskip("wordfreq", reason="wordfreq is a curation tool, not a dependency")
    book = load_sense_book(sense_files())
    han = [w for w in wordfreq.top_n_list("zh", 4000) if re.fullmatch(r"[\u4e00-\u9fff]+", w)][:2000]
    missing = [w for w in han if w not in book.uses]
    assert missing == []


def test_a_bad_use_is_reported_and_the_rest_kept() -> None:
    data = {
        "version": 1,
        "words": {
            "好": [{"reading": "hao3", "gloss": "good"}],
            "坏": [{"reading": "huai4", "gloss": ""}, {"reading": "huai4", "gloss": "bad", "when": {"nope": "x"}}],
            "在": [{"reading": "zai4", "gloss": "at", "when": {"next": "("}}],
        },
    }
    book = parse_sense_book(data, "test.yaml")
    assert list(book.uses) == ["好"]
    assert len(book.problems) == 5
    assert any("unknown condition 'nope'" in p for p in book.problems)
    assert any("bad pattern" in p for p in book.problems)


def test_patterns_compiled_on_first_use_choose_as_compiled_ones() -> None:
    data = {
        "version": 1,
        "words": {
            "在": [
                {"reading": "zai4", "gloss": "at", "when": {"next": "^北京"}},
                {"reading": "zai4", "gloss": "-ing", "when": {"prev": "正", "not_next": "^北京"}},
                {"reading": "zai4", "gloss": "broken", "when": {"next": "("}},
            ]
        },
    }
    checked = parse_sense_book(data, "a.yaml", check_patterns=True)
    lazy = parse_sense_book(data, "a.yaml", check_patterns=False)
    assert len(checked.uses["在"]) == 2 and any("bad pattern" in p for p in checked.problems)
    assert len(lazy.uses["在"]) == 3 and lazy.problems == []  # not compiled: not checked
    contexts = [Context("我", "北京", "我", "北京工作"), Context("正", "发展", "正", "发展"), Context("", "(", "", "(")]
    for context in contexts:
        assert [u.gloss for u in checked.uses["在"] if u.when is not None and u.when.holds(context)] == [
            u.gloss for u in lazy.uses["在"] if u.when is not None and u.when.holds(context)
        ]  # the broken pattern never holds


def test_bound_uses_add_to_a_character_and_never_replace_its_uses() -> None:
    own = parse_sense_book({"version": 1, "words": {"性": [{"reading": "xing4", "gloss": "nature; sex"}]}}, "a.yaml")
    data = {
        "version": 1,
        "words": {
            "性": [{"reading": "xing4", "gloss": "(suffix) -ity", "bound": "suffix"}],
            "可能": [{"reading": "ke3 neng2", "gloss": "maybe", "bound": "prefix"}],
            "非": [{"reading": "fei1", "gloss": "non-", "bound": "middle"}],
        },
    }
    book = parse_sense_book(data, "affixes.yaml", own)
    assert [use.gloss for use in book.get("性")] == ["nature; sex"]
    assert [use.gloss for use in book.affix("性", "suffix")] == ["(suffix) -ity"]
    assert book.affix("性", "prefix") == ()
    assert len([p for p in book.problems if "bound must be suffix or prefix" in p]) == 2


@pytest.mark.parametrize(
    ("sentence", "word", "want"),
    [
        ("他把收藏品捐给了博物馆。", "收藏品", "product"),  # 品 closing a word: a product, not "to taste"
        ("这个城市的东北部有很多工厂。", "东北部", "part"),  # 部 closing a word: a part, not a ministry
        ("我们用光谱法分析样品。", "光谱法", "method"),
    ],
)
def test_a_character_closing_an_unlisted_word_reads_as_a_suffix(
    stack: LanguageStack, sentence: str, word: str, want: str
) -> None:
    token = next(t for t in stack.annotate_text(sentence) if t.text == word)
    assert not stack.dictionary.lookup(word)  # glossed part by part
    assert token.gloss.endswith(f"+ {want}"), token.gloss


def test_an_encyclopaedic_part_is_cut_short_in_a_composed_gloss(stack: LanguageStack) -> None:
    token = next(t for t in stack.annotate_text("尧化村在城东。") if t.text == "尧化村")
    assert token.gloss.startswith("Yao or Tang Yao (c. 2200 BC) +"), token.gloss
    assert "Emperors" not in token.gloss


def test_a_classifier_part_keeps_its_brackets_whole() -> None:
    from reader.text.sense_rank import brief as _brief

    assert _brief("(classifier for songs, poems, and other long pieces)") == (
        "(classifier for songs, poems, and other long pieces)"
    )
    assert _brief("Yao or Tang Yao (c. 2200 BC), one of Five legendary Emperors") == "Yao or Tang Yao (c. 2200 BC)"


def test_a_place_names_headline_is_its_name_not_its_gazetteer_note(stack: LanguageStack) -> None:
    token = next(t for t in stack.annotate_text("我老家在四川省。") if t.text == "四川省")
    assert token.gloss.startswith("Sichuan province"), token.gloss
    assert "Chengdu" not in token.gloss and "[" not in token.gloss


def test_condition_keys_are_the_documented_ones() -> None:
    spec = (Path(__file__).parent.parent.parent / "docs" / "SENSES.md").read_text(encoding="utf-8")
    for key in CONDITION_KEYS:
        assert f"`{key}`" in spec


# -- choosing ----------------------------------------------------------------------------------------


def chooser_of(words: dict[str, list[dict[str, object]]]) -> SenseChooser:
    return SenseChooser(parse_sense_book({"version": 1, "words": words}, "test"))


def test_first_use_whose_condition_holds_wins_and_the_default_comes_last() -> None:
    chooser = chooser_of(
        {
            "等": [
                {"reading": "deng3", "gloss": "etc.", "when": {"before": "、"}},
                {"reading": "deng3", "gloss": "to wait (for)"},
            ]
        }
    )
    listed = Context("Meta", "公司", "谷歌、Meta", "公司")
    alone = Context("我", "你", "我", "你")
    assert chooser.sense("等", ("deng3",), listed).gloss == "etc."
    assert chooser.sense("等", ("deng3",), alone).gloss == "to wait (for)"
    assert chooser.sense("等", ("deng3",)).gloss == "to wait (for)"


def test_the_reading_in_context_chooses_the_use() -> None:
    chooser = chooser_of({"长": [{"reading": "chang2", "gloss": "long"}, {"reading": "zhang3", "gloss": "to grow"}]})
    assert chooser.sense("长", ("zhang3",)).gloss == "to grow"
    assert chooser.sense("长", ("chang2",)).gloss == "long"
    assert chooser.sense("长", ()).gloss == "long"


def test_negated_and_tag_conditions() -> None:
    chooser = chooser_of(
        {
            "在": [
                {"reading": "zai4", "gloss": "(be) …ing", "when": {"next_tag": "^v", "not_after": "中$"}},
                {"reading": "zai4", "gloss": "at; in"},
            ]
        }
    )
    tags = {"发展": "vn", "北京": "ns", "研究": "vn"}
    tagger = tags.get
    progressive = Context("正", "发展", "", "发展", lambda w: tagger(w) or "")
    place = Context("我", "北京", "我", "北京工作", lambda w: tagger(w) or "")
    in_the_middle = Context("", "研究", "", "研究中", lambda w: tagger(w) or "")
    assert chooser.sense("在", ("zai4",), progressive).gloss == "(be) …ing"
    assert chooser.sense("在", ("zai4",), place).gloss == "at; in"
    assert chooser.sense("在", ("zai4",), in_the_middle).gloss == "at; in"


def test_the_learners_own_meaning_beats_every_source(stack: LanguageStack) -> None:
    chooser = stack.chooser
    choices = Choices(
        every={("在", ("zai4",)): "mine everywhere"}, document={("预训练", ("yu4", "xun4", "lian4")): "mine here"}
    )
    assert chooser.sense("在", ("zai4",), choices=choices).gloss == "mine everywhere"
    assert chooser.sense("预训练", ("yu4", "xun4", "lian4"), choices=choices).source == "yours"
    both = Choices(every={("在", ("zai4",)): "everywhere"}, document={("在", ("zai4",)): "here"})
    assert chooser.sense("在", ("zai4",), choices=both).gloss == "here"


@pytest.mark.parametrize(
    ("gloss", "used_as", "expected"),
    [
        ("life; to live", "noun", "life"),
        ("life; to live", "verb", "to live"),
        ("life; to live", "", "life; to live"),
        ("to develop; to grow; development", "noun", "development"),
        ("rich; abundant; to enrich", "adjective", "rich; abundant"),
        ("(passive marker) by; to be …ed", "verb", "(passive marker) by; to be …ed"),
        ("to think; to believe", "noun", "to think; to believe"),
    ],
)
def test_a_gloss_is_narrowed_to_its_slot(gloss: str, used_as: str, expected: str) -> None:
    assert narrowed(gloss, used_as) == expected


@pytest.mark.parametrize(
    ("prev", "next_", "expected"),
    [("的", "。", "noun"), ("这个", "很", "noun"), ("不", "", "verb"), ("", "了", "verb"), ("很", "", "adjective")],
)
def test_the_slot_from_the_neighbours(prev: str, next_: str, expected: str) -> None:
    assert slot(Context(prev, next_, "", "")) == expected


def test_a_degree_word_before_an_adjective_is_its_adverb_not_a_verb(stack: LanguageStack) -> None:
    tags = {"也": "d", "便宜": "a", "我们": "r", "一下": "m"}.get
    before_adjective = Context("也", "便宜", "房价也", "便宜", lambda w: tags(w) or "")
    before_object = Context("我们", "一下", "我们", "一下", lambda w: tags(w) or "")
    assert slot(before_adjective, "比较") == "adverb"
    assert slot(before_object, "比较") == "verb"
    assert narrowed("relatively; quite; to compare; comparison", "adverb") == "relatively; quite; comparison"
    chooser = stack.chooser
    assert chooser.sense("比较", ("bi3", "jiao4"), before_adjective).gloss.startswith("relatively")
    assert chooser.sense("比较", ("bi3", "jiao4"), before_object).gloss == "to compare"


# -- the dictionary's order -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "syllables", "not_first"),
    [
        ("于", ("yu2",), "surname"),
        ("正", ("zheng4",), "first month"),
        ("帮", ("bang1",), "variant"),
        ("和", ("he2",), "variant"),
        ("也", ("ye3",), "surname"),
    ],
)
def test_surnames_and_variants_never_lead(
    dictionary: Dictionary, word: str, syllables: tuple[str, ...], not_first: str
) -> None:
    assert not_first not in leading_sense(dictionary.lookup(word), syllables)


def test_a_free_phrase_is_glossed_part_by_part(stack: LanguageStack) -> None:
    bare = SenseChooser(SenseBook(), stack.dictionary, None)
    assert bare.sense("坐在", ("zuo4", "zai4")).source == "composed"
    assert " + " in bare.sense("坐在", ("zuo4", "zai4")).gloss
    assert stack.chooser.sense("很难", ("hen3", "nan2")).gloss.startswith("very")
    phrase = next(p for p in ("七个", "八个", "九个", "六个") if not stack.chooser.book.get(p))
    assert stack.chooser.sense(phrase, (stack.reader.word(phrase))).gloss.endswith("(+ classifier)")


def test_a_phrase_is_cut_into_common_words_where_the_longest_first_cut_is_as_short() -> None:
    from reader.text.phrases import split_phrase

    words = {"做": ["do"], "作": ["make"], "业": ["trade"], "做作": ["affected"], "作业": ["homework"]}

    def longest(text: str) -> list[tuple[str, list[object]]]:
        out, i = [], 0
        while i < len(text):
            end = next(e for e in range(len(text), i, -1) if text[i:e] in words or e == i + 1)
            out.append((text[i:end], words.get(text[i:end], [])))
            i = end
        return out

    def parts(common: set[str] | None) -> list[str]:
        found = split_phrase("做作业", longest, words.__contains__, None if common is None else common.__contains__)  # type: ignore[arg-type]
        return [part for part, _ in found]

    assert parts(None) == ["做作", "业"]  # the longest words, left to right
    assert parts({"做", "作业"}) == ["做", "作业"]  # as few parts, more of them common
    assert parts({"业"}) == ["做作", "业"]  # a tie keeps the longest-first cut


def test_a_free_phrase_of_common_words_reads_as_them(stack: LanguageStack) -> None:
    assert gloss_in(stack, "他一边听音乐一边做作业。", "做作业") == "to do + homework"
    assert gloss_in(stack, "专家认为还需要很多年才能实现。", "很多年").startswith(
        "many"
    )  # 很多: a learner gloss, not in CC-CEDICT
    assert "while" in gloss_in(stack, "他一边听音乐一边做作业。", "一边", occurrence=2)  # the second of the pair


# -- the examples in the bundled article -----------------------------------------------------------

#: word → senses that must never lead for it anywhere in the article.
ARTICLE_NEVER = {
    "在": ["to exist", "alive"],
    "被": ["quilt"],
    "中": ["China"],
    "才": ["ability", "talent"],
    "让": ["to yield"],
    "于": ["to go", "surname"],
    "由": ["to follow"],
    "编造": ["compile"],
    "增速": ["to speed up"],
    "推出": ["push out"],
}


@pytest.mark.parametrize("word", sorted(ARTICLE_NEVER))
def test_no_misleading_sense_leads_in_the_article(article_tokens: tuple[str, list[Token]], word: str) -> None:
    _, tokens = article_tokens
    found = [t for t in tokens if t.text == word]
    assert found, word
    for token in found:
        for bad in ARTICLE_NEVER[word]:
            assert bad.lower() not in token.gloss.lower(), (word, token.start, token.gloss)


@pytest.mark.parametrize(
    ("sentence", "word", "want", "not_want"),
    [
        ("最新报道显示，OpenAI正面临严峻的技术挑战。", "正", "process", "straight"),
        ("谷歌、Anthropic、Meta乃至中国的百度等纷纷推出大模型。", "等", "etc", "wait"),
        ("这也暴露出公司在基础模型研发上的深层困境。", "在", "at|in", "exist"),
        ("它动摇了公众对OpenAI持续创新能力的信任。", "对", "to|toward|about|regarding", "correct"),
        ("投资者对其长期技术路线图表现出明显焦虑。", "其", "its", ""),
        ("结果它连基本的市场数据都编造。", "编造", "fabricate", "compile"),
        ("融资估值增速明显放缓。", "增速", "growth", "speed up"),
        ("纷纷加速推出具备强大多模态与推理能力的大模型。", "推出", "launch", "push out"),
        ("这些进步更多源于数据微调与工程优化。", "于", "", "to go"),
        ("这种由期待落差带来的冲击。", "由", "", "to follow"),
        ("直到现在才明白。", "才", "only", "talent"),
        ("这让用户拥有了更多选择。", "让", "to ", "yield"),
        ("他被老板批评了。", "被", "passive", "quilt"),
        ("在实验室中正经历着一场危机。", "中", "in", "China"),
        ("明天上午有个会，你参加吗？", "会", "meeting", "will"),  # after a classifier phrase in 个
        ("等他回来了，我们再商量。", "等", "when|once", "wait"),
        ("等天黑了，路灯就亮了。", "等", "when|once", "wait"),
        ("这个年轻人很有才。", "才", "talent", "only"),
        ("她下了班，上了地铁。", "上", "get on|board", "above"),
        ("他们的女儿一个上大学，一个上高中。", "上", "attend", "above"),
        ("妈妈给我做了一碗面。", "给", "for", "give"),
        ("老师给每个学生一本书。", "给", "give", ""),
        # the slot of a word that is both a noun and a verb, from its neighbours
        ("他去年找到了工作。", "工作", "job|work", "to work"),  # the object after V + 了
        ("她在医院工作。", "工作", "to work", "job"),  # 在 + a place, then the predicate
        ("城市发展带来了很多问题。", "发展", "development", "to develop"),  # noun + noun before the verb
        ("教育很重要。", "教育", "education", "to educate"),  # the subject before a degree word
        ("这句话很难翻译。", "翻译", "to translate", "translator"),  # 很难 + verb: "hard to translate"
        ("他一听到消息就哭了。", "一", "as soon as", "one"),  # 一 + verb … 就: a numeral counts no verb
        ("麻烦您帮我拿一下。", "麻烦", "bother", ""),  # 您 is a pronoun (jieba's tag is zg)
        ("我们早点出发。", "早点", "earlier|early", "breakfast"),  # before a verb
        ("吃早点了吗？", "早点", "breakfast", "earl"),
        ("他从包里抽出一张纸。", "抽出", "take out", "time"),
        ("谢谢你抽出时间来看我。", "抽出", "find|spare|set aside", ""),
        ("他们婚后过得不错。", "过得", "live|get along", "how are you"),
        ("小树苗长得很快。", "长得", "grow", ""),
        ("请把帽子戴正。", "正", "straight", "process"),  # a result after a verb
        ("除了数学，她还喜欢物理。", "还", "also", "still"),  # 除了 in the clause before: a sentence-wide condition
        ("不仅价格便宜，质量还很好。", "还", "also", "still"),
        ("这个方案既省钱，又省时间。", "又", "and also|both", "again"),
        ("他昨天来过，今天又来了。", "又", "again", ""),
        ("你就给他一点面子吧。", "面子", "face|prestige", "surface"),  # HSK 5: CC-CEDICT's first sense misleads
        ("这个函数只有一行代码。", "一行", "line", "delegation"),  # the use of the reading in context
        ("我们正讨论这个问题。", "正", "process|right now", "straight"),
        # 在 + a verb phrase + 时 is a time (at; in), not the progressive; 在 + 干什么 is the progressive
        ("模型在训练时需要大量数据。", "在", "at|in", "middle"),
        ("我在吃饭时看电视。", "在", "at|in", "middle"),
        ("他在考虑何时发布。", "在", "middle", ""),  # 何时 "when" closes no time frame
        ("你在干什么？", "在", "middle", ""),
        # 点 after a one-character verb is 一点 "a little; some", cut from the verb (买 | 点) or alone (吃点东西)
        ("我想买点水果。", "点", "a little|some", "dot"),
        ("你再吃点东西。", "点", "a little|some", "dot"),
        ("通讯战壕与前方战壕的连接点至关重要。", "连接点", "", "a little"),  # a point, not 一点
        ("我已经吃过了。", "过", "experienced|…ed", "to pass"),  # V + 过了: done, not "to pass"
        ("他走过了那座桥。", "走过", "walk past|pass", ""),
        ("你到底想怎么样？", "想", "", "miss"),  # 想 + a question word: not "to miss (sb)"
        ("我很想你。", "想", "miss", ""),
        ("我想点菜。", "想", "want", "miss"),  # jieba tags 点菜 a noun; every CC-CEDICT sense makes it a verb
        ("这个过程会产生热量。", "会", "will|likely|can", ""),
        # 越…越… across a comma, and 越 before an adjective; 越过 and 越南 are words
        ("研究人员发现，模型的规模越大，性能提升越明显。", "越明显", "the more", "to cross"),
        ("研究人员发现，模型的规模越大，性能提升越明显。", "越大", "the more", "to cross"),
        ("他越过了边境。", "越过", "cross", "the more"),
        ("他一边听音乐一边做作业。", "一边", "while", "side"),  # the first of the pair
        ("一边是山，一边是海。", "一边", "side", "while"),
        ("你能帮我一个忙吗？", "忙", "favour", "busy"),  # 帮…忙
        ("我最近很忙。", "忙", "busy", "favour"),
        # 这/那 + 一点 with no noun after it is "this point", with a noun "this little (money)"
        ("在这一点上，我同意你的看法。", "一点", "point", "a little"),
        ("我们必须坚持这一点。", "一点", "point", "a little"),
        ("这一点钱根本不够。", "一点", "a little", "point"),
        ("我想喝一点水。", "一点", "a little", "point"),
        ("利润增长了百分之二十。", "百分之二十", "twenty percent", ""),
        ("三分之二的学生通过了考试。", "三分之二", "two thirds", ""),
    ],
)
def test_headline_in_context(stack: LanguageStack, sentence: str, word: str, want: str, not_want: str) -> None:
    if word not in sentence:
        pytest.skip("sentence without the word")
    gloss = gloss_in(stack, sentence, word).lower()
    if want:
        assert re.search(want, gloss), gloss
    if not_want:
        assert not_want not in gloss, gloss


def test_ai_terms_keep_their_curated_gloss(stack: LanguageStack) -> None:
    assert gloss_in(stack, "强化学习让智能体学会决策。", "强化学习") == glossary_for(None).entries["强化学习"].gloss


@pytest.mark.parametrize(
    ("sentence", "word", "want"),
    [
        ("走路要二十分钟才能到。", "二十分钟", "twenty minutes"),
        ("我昨天喝了三杯咖啡。", "三杯", "three cups"),
        ("两万人参加了比赛。", "两万人", "twenty thousand people"),
        ("会议在第三天举行。", "第三天", "third day"),
        ("这本书一共有三百页。", "三百", "three hundred"),
        ("这个理论在实践中被证明是错的。", "在实践中", "in practice"),
        ("王太太昨天来了。", "王太太", "Wang (surname) + Mrs."),
        ("他写了两篇文章。", "两篇", "two (+ classifier for articles, essays, chapters)"),  # what it counts
        ("七个人来了。", "七个", "seven (+ classifier)"),  # 个 counts anything: nothing to add
        ("桌上放着两本书。", "两本书", "two books"),  # numeral + classifier + noun: the noun is counted
        ("这件衬衫八十块。", "八十块", "eighty yuan"),  # 块 with no noun after it is money; yuan has no plural
        ("给我两块钱。", "两块钱", "two yuan"),
    ],
)
def test_numeral_phrases_and_frames_read_as_english(stack: LanguageStack, sentence: str, word: str, want: str) -> None:
    tokens = stack.annotate_text(sentence)
    token = next(t for t in tokens if t.text == word)
    assert token.gloss == want


def test_a_semicolon_inside_brackets_does_not_split_a_sense() -> None:
    assert narrowed("to be (is; am; are)", "verb") == "to be (is; am; are)"
    assert narrowed("life; to live", "verb") == "to live"


def test_a_demonstrative_makes_the_next_word_a_noun() -> None:
    assert slot(Context("这一", "引起", "", "", lambda w: "r")) == "noun"
    assert slot(Context("该", "显示", "", "", lambda w: "r")) == "noun"


def test_a_reading_that_differs_only_by_a_neutral_tone_still_finds_its_uses() -> None:
    book = parse_sense_book(
        {
            "version": 1,
            "words": {"笑话": [{"reading": "xiao4 hua5", "gloss": "joke"}, {"reading": "xiao4 hua4", "gloss": "x"}]},
        },
        "test",
    )
    chooser = SenseChooser(book)
    assert chooser.sense("笑话", ("xiao4", "hua5")).gloss == "joke"
    only_neutral = parse_sense_book(
        {"version": 1, "words": {"讲究": [{"reading": "jiang3 jiu5", "gloss": "to be particular about"}]}}, "t"
    )
    assert SenseChooser(only_neutral).learner_use("讲究", ("jiang3", "jiu1")).gloss == "to be particular about"


def test_a_noun_of_jieba_that_the_dictionary_makes_a_verb_is_tagged_a_verb() -> None:
    """产生 and 点菜 are ``n`` in jieba's dictionary; CC-CEDICT glosses them only "to …"."""
    from reader.text.tagger import Tagger

    dictionary = Dictionary.open()
    tagger = Tagger((), dictionary.is_verbal)
    plain = Tagger(())
    if plain("产生") == "":
        pytest.skip("rjieba is not installed: every tag is empty")
    assert plain("产生")[:1] == "n" and tagger("产生") == "v"
    assert tagger("点菜") == "v"
    assert tagger("书")[:1] == "n" and tagger("问题")[:1] == "n"  # nouns stay nouns
    assert tagger("北京") == plain("北京")  # a name keeps its tag
    assert not dictionary.is_verbal("工作")  # "to work" and "job": not every sense a verb's
