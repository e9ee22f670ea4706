"""Plain-text chapter lines become sections of their own, at their level, and stay in the text to be read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.text.content import resolve_document
from reader.text.loader import chapter_level, parse_plain


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("第三章 殷之先公先王", 2),
        ("第十二回　林黛玉进贾府", 2),
        ("第一节 引言", 3),
        ("第二卷", 1),
        ("第一部 春", 1),
        ("卷三 本纪第三", 1),
        ("一、总论", 2),
        ("1. 引言", 2),
        ("1.2 方法", 3),
        ("楔子", 2),
        ("第三章节的内容很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长。", None),
        ("一、首先，我们要说明这一点。", None),  # ends a sentence: a list item, not a heading
        ("第三个人来了。", None),
        ("1998年是个好年份", None),
    ],
)
def test_chapter_level(line: str, level: int | None) -> None:
    assert chapter_level(line) == level


def test_volumes_and_chapters_nest() -> None:
    doc = parse_plain(
        "卷一\n\n第一章 开端\n\n正文一。\n\n第二章 发展\n\n正文二。\n\n卷二\n\n第三章 结局\n\n正文三。\n", "v"
    )
    assert [(s.title, s.level) for s in doc.sections] == [
        ("卷一", 1),
        ("第一章 开端", 2),
        ("第二章 发展", 2),
        ("卷二", 1),
        ("第三章 结局", 2),
    ]
    assert [doc.parent(i) for i in range(5)] == [None, 0, 0, None, 3]


def test_chapter_line_gets_tokens_in_annotate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The issue's example: ``第三章 殷之先公先王`` was a title with no tokens; now it is read like any line."""
    article = resolve_document("article")
    body = article.text[article.paragraphs[0].start : article.paragraphs[0].end]
    path = tmp_path / "book.txt"
    path.write_text(f"第三章 殷之先公先王\n\n{body}\n", encoding="utf-8")
    doc = resolve_document(str(path))
    assert doc.sections[0].title == "第三章 殷之先公先王" and doc.sections[0].title_in_text
    assert main(["annotate", str(path)]) == 0
    tokens = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    heading = [t["text"] for t in tokens if t["end"] <= len("第三章 殷之先公先王") and t["kind"] == "han"]
    assert "".join(heading) == "第三章殷之先公先王"
    assert any(t["pinyin"] for t in tokens if t["end"] <= 10)


def test_text_before_the_first_chapter_is_not_their_parent() -> None:
    doc = parse_plain("开头的话。\n\n第一章 开端\n\n正文一。\n\n第二章 发展\n\n正文二。\n", "p")
    assert [s.level for s in doc.sections] == [2, 2, 2] and doc.parents() == [None, None, None]


def test_markdown_preamble_is_not_the_parent_of_the_sections() -> None:
    from reader.text.loader import parse_markdown

    doc = parse_markdown("前言。\n\n## 一\n\n正文。\n\n## 二\n\n正文。\n", "m")
    assert doc.parents() == [None, None, None]
