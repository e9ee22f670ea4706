"""The bundled article: content/article.md against the author's original text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.text.document import Document
from reader.text.loader import load_path, split_front_matter

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "content" / "article.md"
SEED = ROOT / "tests" / "data" / "seed_article.txt"

SEED_LINES = SEED.read_text(encoding="utf-8").split("\n")
ABSTRACT = SEED_LINES[1]
KEYWORD_LINE = SEED_LINES[3]
BODY = SEED_LINES[4:]


@pytest.fixture(scope="module")
def article() -> Document:
    return load_path(ARTICLE, doc_id="article")


def test_seed_has_the_layout_this_module_assumes() -> None:
    assert (SEED_LINES[0], SEED_LINES[2], len(BODY)) == ("摘要", "关键词", 13)


def test_article_has_fourteen_sections(article: Document) -> None:
    assert len(article.sections) == 14


def test_first_section_is_the_abstract(article: Document) -> None:
    first = article.sections[0]
    assert (first.title, first.subtitle, first.id) == ("摘要", "Abstract", "abstract")


@pytest.mark.parametrize("index", range(14))
def test_each_section_has_one_paragraph(article: Document, index: int) -> None:
    assert len(article.sections[index].paragraphs) == 1


@pytest.mark.parametrize(("index", "expected"), list(enumerate([ABSTRACT, *BODY])))
def test_paragraph_is_the_seed_line_verbatim(article: Document, index: int, expected: str) -> None:
    paragraph = article.sections[index].paragraphs[0]
    assert article.text[paragraph.start : paragraph.end] == expected


def test_document_text_is_the_seed_without_its_labels(article: Document) -> None:
    assert article.text == "\n".join([ABSTRACT, *BODY])


def test_markdown_file_holds_every_seed_line_byte_for_byte() -> None:
    lines = set(ARTICLE.read_bytes().split(b"\n"))
    assert all(line.encode("utf-8") in lines for line in [ABSTRACT, *BODY])


@pytest.mark.parametrize("label", ["摘要", "关键词", KEYWORD_LINE])
def test_labels_of_the_seed_are_not_body_text(article: Document, label: str) -> None:
    assert label not in article.text.split("\n")


@pytest.mark.parametrize("index", range(14))
def test_section_has_chinese_title_and_english_subtitle(article: Document, index: int) -> None:
    section = article.sections[index]
    assert re.search(r"[\u4e00-\u9fff]", section.title)
    assert section.subtitle.isascii() and section.subtitle


def test_section_ids_are_unique_slugs(article: Document) -> None:
    ids = [s.id for s in article.sections]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z][a-z0-9-]*", i) for i in ids)


def test_keywords_come_from_the_keyword_line(article: Document) -> None:
    assert article.keywords == tuple(k.strip() for k in KEYWORD_LINE.split(","))


def test_keywords_are_the_expected_five(article: Document) -> None:
    assert article.keywords == ("OpenAI", "GPT-5", "技术瓶颈", "预训练", "突破")


@pytest.mark.parametrize("keyword", ["OpenAI", "GPT-5", "技术瓶颈", "预训练", "突破"])
def test_keyword_occurs_in_the_text(article: Document, keyword: str) -> None:
    assert keyword in article.text


def test_keywords_are_a_yaml_list_in_front_matter() -> None:
    meta, _ = split_front_matter(ARTICLE.read_text(encoding="utf-8"), str(ARTICLE))
    assert isinstance(meta["keywords"], list)


@pytest.mark.parametrize(
    ("field", "check"),
    [
        ("title", lambda v: bool(re.search(r"[\u4e00-\u9fff]", v))),
        ("title_en", lambda v: v.isascii() and len(v) > 10),
        ("language", lambda v: v == "zh-Hans"),
        ("source", lambda v: "editors" in v and "supplied" in v),
    ],
)
def test_front_matter_field(article: Document, field: str, check: object) -> None:
    value = getattr(article, field)
    assert callable(check) and check(value), f"{field} = {value!r}"
