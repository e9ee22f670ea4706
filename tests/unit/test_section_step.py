"""``]`` / ``[`` by bisection land where a scan of the outline would, from every section of a nested book."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.text import motion
from reader.text.content import resolve_document
from reader.text.document import Document
from reader.text.layout import Layout
from reader.text.token_index import TokenIndex


def nested_book(tmp_path: Path) -> Document:
    """Parts with no text, chapters, sub-sections, a sub-sub-section, and a chapter with no text of its own."""
    lines = ["---", "title: 书", "---", ""]
    for part in range(1, 4):
        lines += [f"# 第{part}部", ""]
        for chapter in range(1, 4):
            lines += [f"## 第{part}部第{chapter}章", ""]
            if chapter != 2:
                lines += [f"第{part}部第{chapter}章的正文。", ""]
            for sub in range(1, 3):
                lines += [f"### 第{chapter}章第{sub}节", "", f"第{chapter}章第{sub}节的正文。", ""]
            lines += ["#### 小节", "", "小节的正文。", ""]
    path = tmp_path / "book.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return resolve_document(str(path))


def scanned(doc: Document, current: int, delta: int) -> int:
    """The section a step lands on, found by walking the outline one section at a time."""
    sections, level, step, target = doc.sections, doc.sections[current].level, 1 if delta > 0 else -1, current
    for _ in range(abs(delta)):
        index = target + step
        while 0 <= index < len(sections) and (sections[index].level > level or not sections[index].paragraphs):
            index += step
        if not 0 <= index < len(sections):
            break
        target = index
    return target


@pytest.mark.parametrize("delta", [1, -1, 2, -3])
def test_every_step_lands_where_a_scan_would(tmp_path: Path, delta: int) -> None:
    doc = nested_book(tmp_path)
    tokens = TokenIndex(doc)  # the dictionary-free split, as before the language stack loads
    layout = Layout(doc, 80)
    for section in doc.sections:
        if not section.paragraphs:
            continue
        move = motion.section_step(doc, tokens, layout, section.start, delta)
        assert move.cursor is not None
        assert doc.section_at(move.cursor).index == scanned(doc, section.index, delta), (section.title, delta)
