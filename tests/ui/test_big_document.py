"""A long book (over 200,000 characters, so never laid out ahead in full), at 120x40.

What a learner sees when the work is proportional to the screen: interlinear
pinyin after ``p`` on the screen they are on and far down the book, the palette's
section list (the sections from the cursor's on, then filtered as they type),
and ``]`` / ``[`` in a nested outline of parts, chapters and sub-sections.
"""

from __future__ import annotations

import re
from pathlib import Path

from textual.pilot import Pilot

from reader.text.content import resolve_document
from reader.text.document import Document
from reader.ui.screens.palette_screen import PaletteScreen
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.palette_list import PaletteList

from .helpers import make_app, ready, screen_rows, status_text, view_lines

SIZE = (120, 40)
PARTS, CHAPTERS = 3, 40  # chapters per part; each has two sub-sections
_TONE = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def big_book(tmp_path: Path) -> Document:
    """Parts (``#``, no text of their own) of chapters (``##``) of sub-sections (``###``), the article's paragraphs."""
    article = resolve_document("article")
    paragraphs = [article.text[p.start : p.end] for p in article.paragraphs]
    out = ["---", "title: 长篇（测试）", "---", ""]
    used = 0

    def take(count: int) -> list[str]:
        nonlocal used
        picked = [paragraphs[(used + i) % len(paragraphs)] + "\n" for i in range(count)]
        used += count
        return picked

    for part in range(1, PARTS + 1):
        out += [f"# 第{part}部 / Part {part}", ""]
        for chapter in range((part - 1) * CHAPTERS + 1, part * CHAPTERS + 1):
            out += [f"## 第{chapter}章 / Chapter {chapter}", "", *take(3)]
            for sub in (1, 2):
                out += [f"### 第{chapter}章第{sub}节 / Chapter {chapter}.{sub}", "", *take(2)]
    path = tmp_path / "long.md"
    path.write_text("\n".join(out), encoding="utf-8")
    doc = resolve_document(str(path))
    assert len(doc.text) > 200_000  # past the size laid out ahead in the background
    return doc


def chapter_index(doc: Document, chapter: int) -> int:
    """Index of the section of chapter ``chapter``."""
    return next(s.index for s in doc.sections if s.title == f"第{chapter}章")


async def loaded(pilot: Pilot[None]) -> ArticleView:
    """Wait until the language stack has loaded and its tokens are drawn (not for the whole layout); the text view, focused."""
    screen: ReadingScreen = await ready(pilot, timeout=120, whole_layout=False)
    view = screen.query_one(ArticleView)
    view.focus()
    return view


def pinyin_rows(pilot: Pilot[None]) -> list[int]:
    """Screen rows of the text view that are interlinear pinyin over a row of hanzi."""
    lines = view_lines(pilot)
    return [
        y
        for y in range(len(lines) - 1)
        if _TONE.search(lines[y]) and not _HAN.search(lines[y]) and _HAN.search(lines[y + 1])
    ]


async def test_p_shows_pinyin_on_screen_and_far_down_a_long_book(tmp_path: Path) -> None:
    doc = big_book(tmp_path)
    app = make_app(document=doc)
    async with app.run_test(size=SIZE) as pilot:
        view = await loaded(pilot)
        assert pinyin_rows(pilot) == []
        await pilot.press("p")
        await pilot.pause()
        assert len(pinyin_rows(pilot)) >= 10  # every text row on screen has its pinyin row
        assert "pinyin" in status_text(pilot)
        assert not view.layout_model.complete  # only the screen was laid out again, the rest estimated
        await pilot.press("G")  # far down: blocks never laid out before get their pinyin rows as they show
        await pilot.pause()
        assert doc.section_at(view.cursor).index == len(doc.sections) - 1
        assert len(pinyin_rows(pilot)) >= 5
        view.go_to_section(chapter_index(doc, 61))  # the middle of the book
        await pilot.pause()
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        assert len(pinyin_rows(pilot)) >= 10
        await pilot.press("p")  # off again: no pinyin row anywhere on screen
        await pilot.pause()
        assert pinyin_rows(pilot) == []
        assert any(_HAN.search(line) for line in view_lines(pilot))


def palette_entries(pilot: Pilot[None]) -> list[str]:
    """The text of every entry of the open command palette's list (rows made for the asking, as when scrolled to)."""
    rows = pilot.app.screen.query_one(PaletteList).rows
    return [f"{row.label}  {row.help}" for row in rows]


async def test_palette_lists_sections_from_here_and_filters_as_you_type(tmp_path: Path) -> None:
    doc = big_book(tmp_path)
    app = make_app(document=doc)
    async with app.run_test(size=SIZE) as pilot:
        view = await loaded(pilot)
        here = chapter_index(doc, 50)
        view.go_to_section(here)
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PaletteScreen)
        entries = palette_entries(pilot)  # the list the user scrolls through: the commands, then the sections
        sections = [entry for entry in entries if entry.startswith("§ ")]
        assert sections[0].startswith(f"§ {here + 1}  第50章  Chapter 50")  # from the cursor's section on
        assert sections[1].startswith(f"§ {here + 2}  第50章第1节")
        assert sections[-1].startswith(f"§ {here}  ")  # and round to the one before it: every section, once
        assert len(sections) == len(doc.sections)
        await pilot.press(*"Chapter 117.2")
        await pilot.pause()
        rows = [row for row in screen_rows(pilot.app) if "§ " in row and "section" in row]
        target = next(s.index for s in doc.sections if s.subtitle == "Chapter 117.2")
        assert rows and f"§ {target + 1}  第117章第2节  Chapter 117.2" in rows[0]  # the best match first
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReadingScreen)
        assert doc.section_at(view.cursor).index == target
        assert f"§ {target + 1}/{len(doc.sections)}" in status_text(pilot)


async def test_the_palette_makes_only_the_rows_it_shows_until_a_query_is_typed(tmp_path: Path) -> None:
    doc = big_book(tmp_path)
    app = make_app(document=doc)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        made: list[int] = []
        heading = type(doc.sections[0]).heading
        try:
            type(doc.sections[0]).heading = property(lambda s: made.append(s.index) or heading.fget(s))  # type: ignore[assignment, method-assign, misc]
            await pilot.press("ctrl+p")
            await pilot.pause()
            shown = pilot.app.screen.query_one(PaletteList).scrollable_content_region.height
            assert len(made) <= shown  # the open palette named no section it does not show
            await pilot.press("end")  # the last rows: the sections before the cursor's
            await pilot.pause()
            assert len(made) <= 2 * shown
            before = len(made)
            await pilot.press(*"Chapter 9")  # the first key names every section once; the rest reuse the names
            await pilot.pause()
            assert len(made) - before == len(doc.sections)
            assert sorted(made[before:]) == list(range(len(doc.sections)))
            assert any("Chapter 9" in row for row in screen_rows(pilot.app))
        finally:
            type(doc.sections[0]).heading = heading  # type: ignore[method-assign]


async def test_brackets_in_a_nested_outline_land_on_the_right_section(tmp_path: Path) -> None:
    doc = big_book(tmp_path)
    app = make_app(document=doc)
    async with app.run_test(size=SIZE) as pilot:
        view = await loaded(pilot)
        view.go_to_section(chapter_index(doc, 1))
        await pilot.pause()
        for chapter in range(2, CHAPTERS + 3):  # past the end of part one, into part two
            await pilot.press("right_square_bracket")
            await pilot.pause()
            index = chapter_index(doc, chapter)
            assert doc.section_at(view.cursor).index == index  # the chapter, never its sub-sections or the part
            assert f"§ {index + 1}/{len(doc.sections)}" in status_text(pilot)
            assert f"第{chapter}章  Chapter {chapter}" in "\n".join(view_lines(pilot))
        await pilot.press("left_square_bracket", "left_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert doc.section_at(view.cursor).index == chapter_index(doc, CHAPTERS - 1)  # back across the part
        sub = chapter_index(doc, 5) + 1  # a sub-section: ] goes to the next sub-section, then the next chapter
        view.go_to_section(sub)
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert doc.section_at(view.cursor).index == sub + 1
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert doc.section_at(view.cursor).index == chapter_index(doc, 6)
        view.go_to_section(len(doc.sections) - 1)
        await pilot.pause()
        await pilot.press("right_square_bracket")  # at the end: stays
        await pilot.pause()
        assert doc.section_at(view.cursor).index == len(doc.sections) - 1
