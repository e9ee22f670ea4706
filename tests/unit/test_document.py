"""The document model: offsets, ids, lookups, Markdown and plain-text parsing."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.text.document import Document, DocumentBuilder, Paragraph
from reader.text.loader import load_path, parse_markdown, parse_plain

ARTICLE = Path(__file__).resolve().parents[2] / "content" / "article.md"

MARKDOWN = """---
title: 标题
title_en: The Title
language: zh-Hans
keywords:
  - OpenAI
  - 预训练
source: a test
---
前言段落，第一句。

## 第一节 / First Section {#one}

正文一，这是一行被硬换行的长句子，句子还没有结束就换
到了下一行。

English prose that was hard-wrapped at a fixed width, so
its lines run on.

## 第二节

正文二。
"""


@pytest.fixture(scope="module")
def article() -> Document:
    return load_path(ARTICLE, doc_id="article")


@pytest.fixture(scope="module")
def md() -> Document:
    return parse_markdown(MARKDOWN, "md")


def text_of(doc: Document, paragraph: Paragraph) -> str:
    return doc.text[paragraph.start : paragraph.end]


def check_offsets(doc: Document) -> None:
    texts = [doc.text[p.start : p.end] for p in doc.paragraphs]
    assert "\n".join(texts) == doc.text
    for p in doc.paragraphs:
        assert p.end > p.start


# -- offsets and ids -----------------------------------------------------------


def test_article_paragraphs_join_to_the_text(article: Document) -> None:
    check_offsets(article)


def test_markdown_paragraphs_join_to_the_text(md: Document) -> None:
    check_offsets(md)


def test_plain_paragraphs_join_to_the_text() -> None:
    check_offsets(parse_plain("甲。\n\n乙。\n\n第二章\n\n丙。\n", "p"))


def test_paragraph_text_has_no_newline(article: Document) -> None:
    assert all("\n" not in article.text[p.start : p.end] for p in article.paragraphs)


def test_section_spans_cover_its_paragraphs(article: Document) -> None:
    for section in article.sections:
        assert (section.start, section.end) == (section.paragraphs[0].start, section.paragraphs[-1].end)


def test_ids_are_stable_across_loads(article: Document) -> None:
    again = load_path(ARTICLE, doc_id="article")
    assert [s.id for s in again.sections] == [s.id for s in article.sections]
    assert [p.id for p in again.paragraphs] == [p.id for p in article.paragraphs]
    assert again.content_hash == article.content_hash


def test_section_ids_are_unique(article: Document) -> None:
    ids = [s.id for s in article.sections]
    assert len(set(ids)) == len(ids)


def test_paragraph_ids_are_unique(article: Document) -> None:
    ids = [p.id for p in article.paragraphs]
    assert len(set(ids)) == len(ids)


def test_paragraph_ids_are_prefixed_by_their_section(md: Document) -> None:
    assert [p.id for p in md.paragraphs] == ["s1.p1", "one.p1", "one.p2", "s3.p1"]


def test_section_indexes_count_from_zero(article: Document) -> None:
    assert [s.index for s in article.sections] == list(range(len(article.sections)))


def test_explicit_id_does_not_collide_with_a_generated_one() -> None:
    doc = parse_markdown("## 甲 {#s2}\n\n甲。\n\n## 乙\n\n乙。\n", "x")
    ids = [s.id for s in doc.sections]
    assert len(set(ids)) == len(ids)


def test_builder_ignores_empty_sections() -> None:
    builder = DocumentBuilder()
    builder.add_section("空", "", ["", "  "])
    builder.add_section("甲", "", ["  甲。 "])
    doc = builder.build(id="b", title="b")
    assert (len(doc.sections), doc.text, doc.sections[0].id) == (1, "甲。", "s1")


def test_content_hash_changes_with_the_text() -> None:
    a = parse_plain("甲。", "x")
    b = parse_plain("乙。", "x")
    assert a.content_hash != b.content_hash


# -- lookups on the article ----------------------------------------------------


def test_article_has_fourteen_sections(article: Document) -> None:
    assert len(article.sections) == 14


def test_section_at_each_section_start_and_end(article: Document) -> None:
    for section in article.sections:
        assert article.section_at(section.start) is section
        assert article.section_at(section.end - 1) is section


def test_section_at_clamps(article: Document) -> None:
    assert article.section_at(-5) is article.sections[0]
    assert article.section_at(len(article.text) + 100) is article.sections[-1]


def test_section_at_on_the_separating_newline_is_the_earlier_section(article: Document) -> None:
    first = article.sections[0]
    assert article.text[first.end] == "\n"
    assert article.section_at(first.end) is first


def test_paragraph_at_every_offset_of_a_paragraph(article: Document) -> None:
    for p in article.paragraphs[:3]:
        assert all(article.paragraph_at(o) is p for o in range(p.start, p.end))


def test_paragraph_at_clamps(article: Document) -> None:
    assert article.paragraph_at(-1) is article.paragraphs[0]
    assert article.paragraph_at(10**9) is article.paragraphs[-1]


def test_section_by_id(article: Document) -> None:
    assert article.section_by_id("abstract") is article.sections[0]
    assert article.section_by_id("nope") is None


def test_sentence_at_the_first_sentence(article: Document) -> None:
    start, end = article.sentence_at(3)
    assert article.text[start:end] == "最新报道显示,OpenAI正面临严峻的技术挑战。"


def test_sentence_at_the_middle_of_a_sentence(article: Document) -> None:
    offset = article.text.index("GPT-5并非全新架构")
    start, end = article.sentence_at(offset)
    assert (
        article.text[start:end]
        == "尽管市场期待GPT-5带来革命性突破,但内部消息指出,GPT-5并非全新架构,实为GPT-4o的优化变体。"
    )


def test_sentence_at_keeps_closing_quotes() -> None:
    doc = parse_plain("他说：“你好。”我们走吧。", "q")
    start, end = doc.sentence_at(4)
    assert doc.text[start:end] == "他说：“你好。”"


def test_sentence_at_never_leaves_its_paragraph(article: Document) -> None:
    for p in article.paragraphs:
        start, end = article.sentence_at(p.end - 1)
        assert p.start <= start < end <= p.end


# -- Markdown ------------------------------------------------------------------


def test_markdown_front_matter_fields(md: Document) -> None:
    assert (md.title, md.title_en, md.language, md.source) == ("标题", "The Title", "zh-Hans", "a test")


def test_markdown_keywords_as_list(md: Document) -> None:
    assert md.keywords == ("OpenAI", "预训练")


@pytest.mark.parametrize("value", ["OpenAI, 预训练", "OpenAI，预训练", "OpenAI、预训练", "'OpenAI,预训练'"])
def test_markdown_keywords_as_string(value: str) -> None:
    doc = parse_markdown(f"---\nkeywords: {value}\n---\n正文。\n", "k")
    assert doc.keywords == ("OpenAI", "预训练")


def test_markdown_heading_with_subtitle_and_id(md: Document) -> None:
    section = md.sections[1]
    assert (section.title, section.subtitle, section.id) == ("第一节", "First Section", "one")


def test_markdown_heading_shown_with_two_spaces(md: Document) -> None:
    assert md.sections[1].heading == "第一节  First Section"
    assert md.sections[2].heading == "第二节"


def test_markdown_heading_without_id_gets_a_generated_one(md: Document) -> None:
    assert md.sections[2].id == "s3"


def test_markdown_text_before_the_first_heading_is_a_section(md: Document) -> None:
    first = md.sections[0]
    assert (first.title, text_of(md, first.paragraphs[0])) == ("前言段落", "前言段落，第一句。")


def test_markdown_chinese_lines_join_without_space(md: Document) -> None:
    assert (
        text_of(md, md.sections[1].paragraphs[0]) == "正文一，这是一行被硬换行的长句子，句子还没有结束就换到了下一行。"
    )


def test_markdown_latin_lines_join_with_a_space(md: Document) -> None:
    assert text_of(md, md.sections[1].paragraphs[1]) == (
        "English prose that was hard-wrapped at a fixed width, so its lines run on."
    )


def test_headings_are_not_in_the_text(md: Document) -> None:
    assert "第一节" not in md.text and "#" not in md.text


def test_markdown_level_one_heading_is_the_title() -> None:
    doc = parse_markdown("# 大标题\n\n## 节 / Sec\n\n段。\n", "t")
    assert (doc.title, [s.title for s in doc.sections]) == ("大标题", ["节"])


def test_markdown_front_matter_title_wins_over_level_one_heading() -> None:
    doc = parse_markdown("---\ntitle: 前置\n---\n# 大标题\n\n段。\n", "t")
    assert (doc.title, doc.sections[0].title) == ("前置", "大标题")


def test_markdown_without_title_uses_the_id() -> None:
    assert parse_markdown("## 节\n\n段。\n", "some-id").title == "some-id"


def test_markdown_meta_keeps_unknown_keys() -> None:
    doc = parse_markdown("---\nauthor: 某人\n---\n段。\n", "t")
    assert doc.meta["author"] == "某人"


def test_markdown_empty_front_matter() -> None:
    assert parse_markdown("---\n---\n正文。\n", "e").text == "正文。"


def test_article_front_matter(article: Document) -> None:
    assert article.keywords == ("OpenAI", "GPT-5", "技术瓶颈", "预训练", "突破")
    assert article.language == "zh-Hans"
    assert article.title and article.title_en


# -- plain text ----------------------------------------------------------------


def test_plain_blank_lines_separate_paragraphs() -> None:
    wrapped = "第一段的内容很长，作者在固定的宽度上硬换了行，所以这一句话被分成\n了两行。"
    doc = parse_plain(f"{wrapped}\n\n第二段。\n", "p")
    assert [text_of(doc, p) for p in doc.paragraphs] == [wrapped.replace("\n", ""), "第二段。"]


def test_plain_without_blank_lines_each_line_is_a_paragraph() -> None:
    doc = parse_plain("第一行。\n第二行。\n第三行。", "p")
    assert [text_of(doc, p) for p in doc.paragraphs] == ["第一行。", "第二行。", "第三行。"]


@pytest.mark.parametrize("chapter", ["第三章", "第三章 开始", "第12回", "第一百二十节：标题", "序章", "楔子", "后记"])
def test_plain_chapter_line_starts_a_section(chapter: str) -> None:
    doc = parse_plain(f"开头一段。\n\n{chapter}\n\n正文一段。\n", "p")
    assert [s.title for s in doc.sections] == ["开头一段", chapter]
    assert text_of(doc, doc.sections[1].paragraphs[1]) == "正文一段。"


def test_plain_chapter_line_is_the_first_line_of_its_section() -> None:
    doc = parse_plain("第一章\n\n正文。\n", "p")
    assert doc.text == "第一章\n正文。"
    assert doc.sections[0].title_in_text and text_of(doc, doc.sections[0].paragraphs[0]) == "第一章"


@pytest.mark.parametrize(
    "line",
    [
        "第三章节的内容很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长。",
        "第三个人来了。",
        "序列很重要。",
    ],
)
def test_plain_ordinary_line_is_not_a_chapter(line: str) -> None:
    doc = parse_plain(f"开头。\n\n{line}\n", "p")
    assert len(doc.sections) == 1


@pytest.mark.parametrize(
    ("paragraph", "title"),
    [
        ("最新报道显示,OpenAI正面临严峻的技术挑战。", "最新报道显示"),
        ("短句。", "短句"),
        ("没有标点的一段很长很长很长很长很长很长的文字", "没有标点的一段很长很长很长很长很…"),
    ],
)
def test_plain_generated_title_is_the_opening_clause(paragraph: str, title: str) -> None:
    assert parse_plain(paragraph, "p").sections[0].title == title


def test_generated_title_of_a_paragraph_opening_with_a_quote() -> None:
    title = parse_plain("“引号开头”的段落。", "p").sections[0].title
    assert title in ("“引号开头”", "“引号开头", "引号开头")


def test_plain_long_text_is_grouped_into_sections() -> None:
    paragraph = "这是一个段落。" * 100  # 700 characters
    doc = parse_plain("\n\n".join([paragraph] * 10), "p")
    assert 2 <= len(doc.sections) <= 4
    assert all(sum(p.end - p.start for p in s.paragraphs) <= 3000 for s in doc.sections)


def test_plain_title_defaults_to_the_id() -> None:
    assert parse_plain("段。", "pid").title == "pid"


def test_seed_article_as_plain_text(seed_text: str) -> None:
    doc = parse_plain(seed_text, "seed")
    assert doc.paragraphs and "摘要" in doc.text
    check_offsets(doc)
