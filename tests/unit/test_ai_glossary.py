"""The bundled AI glossary (content/ai_glossary.yaml) and how it is loaded for every document."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.text.annotate import LanguageStack
from reader.text.content import ai_glossary_path, glossary_path
from reader.text.glossary import (
    CATEGORIES,
    Glossary,
    GlossaryEntry,
    bundled_glossary,
    bundled_glossary_paths,
    glossary_for,
    load_glossary,
)
from reader.text.loader import load_path

ROOT = Path(__file__).resolve().parents[2]
AI_PATH = ROOT / "content" / "ai_glossary.yaml"
ARTICLE_GLOSSARY = load_glossary(ROOT / "content" / "glossary.yaml")
AI_GLOSSARY = load_glossary(AI_PATH, known=ARTICLE_GLOSSARY.entries)
ARTICLE_TEXT = load_path(ROOT / "content" / "article.md").text
#: The categories of the AI glossary: the finer AI ones plus companies and products.
AI_CATEGORIES = ("architecture", "training", "evaluation", "data", "inference", "hardware", "company", "product")

# --- the file ----------------------------------------------------------------------------


def test_ai_glossary_path_is_the_bundled_file() -> None:
    assert ai_glossary_path() == AI_PATH and ai_glossary_path().parent == glossary_path().parent


def test_ai_glossary_loads_without_problems() -> None:
    assert [str(p) for p in AI_GLOSSARY.problems] == []


def test_ai_glossary_has_at_least_three_hundred_entries() -> None:
    assert len(AI_GLOSSARY) >= 300


def test_every_category_is_allowed_by_the_schema() -> None:
    assert set(AI_CATEGORIES) <= set(CATEGORIES)


@pytest.mark.parametrize("category", AI_CATEGORIES)
def test_ai_glossary_uses_category(category: str) -> None:
    assert sum(e.category == category for e in AI_GLOSSARY.entries.values()) >= 20


@pytest.mark.parametrize("entry", AI_GLOSSARY.entries.values(), ids=lambda e: e.term)
def test_entry_is_complete(entry: GlossaryEntry) -> None:
    assert entry.definition_zh.strip() and entry.gloss.strip() and entry.explanation.strip()
    assert entry.category in AI_CATEGORIES


def test_no_term_duplicates_the_article_glossary() -> None:
    assert sorted(set(AI_GLOSSARY.entries) & set(ARTICLE_GLOSSARY.entries)) == []


def test_no_single_characters() -> None:
    assert [t for t in AI_GLOSSARY.entries if len(t) < 2] == []


# --- loading with the article's glossary ---------------------------------------------------


def test_bundled_paths_put_the_ai_glossary_first() -> None:
    assert bundled_glossary_paths() == [ai_glossary_path(), glossary_path()]


def test_bundled_glossary_keeps_every_entry_of_both_files() -> None:
    bundled = bundled_glossary()
    assert [str(p) for p in bundled.problems] == []
    assert len(bundled) == len(AI_GLOSSARY) + len(ARTICLE_GLOSSARY)


def test_ai_entries_may_relate_to_article_terms() -> None:
    across = [e.term for e in AI_GLOSSARY.entries.values() if set(e.related) & set(ARTICLE_GLOSSARY.entries)]
    bundled = bundled_glossary()  # parsed once, not once per term
    assert across and all(t in bundled for t in across)


def test_glossary_for_any_document_has_both_files(tmp_path: Path) -> None:
    for doc in (None, tmp_path / "book.txt"):
        glossary = glossary_for(doc)
        assert glossary.problems == []
        assert "强化学习" in glossary and "预训练" in glossary


def test_article_glossary_overrides_the_ai_glossary(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    ai = tmp_path / "ai.yaml"
    article = tmp_path / "article.yaml"
    entry = (
        "  - {{term: 参数, pinyin: cān shù, gloss: {gloss}, explanation: E., definition_zh: 释义。, category: {cat}}}\n"
    )
    ai.write_text("version: 1\nterms:\n" + entry.format(gloss="ai", cat="training"), encoding="utf-8")
    article.write_text("version: 1\nterms:\n" + entry.format(gloss="article", cat="ai-ml"), encoding="utf-8")
    monkeypatch.setattr("reader.text.glossary.bundled_glossary_paths", lambda: [ai, article])
    entry_for = glossary_for().get("参数")
    assert entry_for is not None and entry_for.gloss == "article"


def test_user_glossary_overrides_both(reader_home: Path) -> None:
    (reader_home / "glossary.yaml").write_text(
        "version: 1\nterms:\n  - term: 强化学习\n    pinyin: qiáng huà xué xí\n    gloss: my RL\n"
        "    explanation: Mine.\n    definition_zh: 我的。\n    category: general\n    related: [智能体, 预训练]\n",
        encoding="utf-8",
    )
    glossary = glossary_for()
    entry = glossary.get("强化学习")
    assert glossary.problems == [] and entry is not None and entry.gloss == "my RL"


# --- segmentation and readings -------------------------------------------------------------


@pytest.fixture(scope="module")
def jieba_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("jieba")


@pytest.fixture(scope="module")
def ai_stack(jieba_dir: Path) -> LanguageStack:
    return LanguageStack(glossary_for(None), jieba_cache_dir=jieba_dir).load()


@pytest.fixture(scope="module")
def article_stack(jieba_dir: Path) -> LanguageStack:
    return LanguageStack(load_glossary(glossary_path()), jieba_cache_dir=jieba_dir).load()


TERM_SENTENCES = [
    ("强化学习", "这家公司用强化学习训练机器人走路。", ("qiang2", "hua4", "xue2", "xi2")),
    ("注意力机制", "论文提出了一种新的注意力机制，可以处理更长的文本。", ("zhu4", "yi4", "li4", "ji1", "zhi4")),
    ("大语言模型", "越来越多的企业开始在客服系统中接入大语言模型。", ("da4", "yu3", "yan2", "mo2", "xing2")),
    ("机器学习", "她上大学时选修了一门机器学习课程。", ("ji1", "qi4", "xue2", "xi2")),
    ("损失函数", "研究人员重新设计了损失函数，让训练更加稳定。", ("sun3", "shi1", "han2", "shu4")),
    ("梯度下降", "梯度下降是训练神经网络最基本的方法。", ("ti1", "du4", "xia4", "jiang4")),
    ("知识蒸馏", "通过知识蒸馏，小模型也能达到接近大模型的效果。", ("zhi1", "shi5", "zheng1", "liu2")),
    ("智能体", "用户只需下达指令，智能体就会自动完成订票和付款。", ("zhi4", "neng2", "ti3")),
    ("思维链", "让模型先写出思维链再作答，数学题的正确率提高了不少。", ("si1", "wei2", "lian4")),
    ("扩散模型", "扩散模型能根据一句话生成逼真的图片。", ("kuo4", "san4", "mo2", "xing2")),
]  # fmt: skip


@pytest.mark.parametrize(("term", "sentence", "syllables"), TERM_SENTENCES, ids=[t for t, _, _ in TERM_SENTENCES])
def test_term_is_one_token_with_the_glossary_reading(
    ai_stack: LanguageStack, term: str, sentence: str, syllables: tuple[str, ...]
) -> None:
    assert sentence not in ARTICLE_TEXT
    tokens = [t for t in ai_stack.annotate_text(sentence) if term in t.text]
    assert [(t.text, t.syllables, t.glossary) for t in tokens] == [(term, syllables, True)]
    entry = AI_GLOSSARY.get(term)
    assert entry is not None and tokens[0].gloss == entry.gloss


@pytest.mark.parametrize(("term", "sentence", "syllables"), TERM_SENTENCES, ids=[t for t, _, _ in TERM_SENTENCES])
def test_term_is_split_without_the_ai_glossary(
    article_stack: LanguageStack, term: str, sentence: str, syllables: tuple[str, ...]
) -> None:
    tokens = article_stack.annotate_text(sentence)
    assert not any(t.text == term and t.glossary for t in tokens)


#: Everyday sentences without AI terms, several with character runs that a careless
#: term would cut across (明显存在 holds 显存, 北京东路 京东, 提高通过 高通, 工作流程
#: 工作流, 并发症 并发, 群众包括 众包, 地方差异 方差, 去重庆 去重).
ORDINARY = [
    "我们明天一早去重庆看望外婆，顺便尝尝那里的火锅。",
    "医生说这种手术的并发症很少，人民群众包括老人都不用太担心。",
    "南北各地方差异很大，有的城市明显存在缺水问题。",
    "为了提高通过率，学校简化了报名的工作流程。",
    "他家住在北京东路附近，周末常去公园散步，晚上看看书。",
]


@pytest.mark.parametrize("sentence", ORDINARY)
def test_ordinary_sentence_is_segmented_as_without_the_ai_glossary(
    ai_stack: LanguageStack, article_stack: LanguageStack, sentence: str
) -> None:
    def tokens(stack: LanguageStack) -> list[tuple[str, tuple[str, ...], bool]]:
        return [(t.text, t.syllables, t.glossary) for t in stack.annotate_text(sentence)]

    assert tokens(ai_stack) == tokens(article_stack)


def test_glossary_object_is_not_shared_between_calls() -> None:
    first = glossary_for()
    first.entries.clear()
    assert isinstance(first, Glossary) and len(glossary_for()) == len(AI_GLOSSARY) + len(ARTICLE_GLOSSARY)
