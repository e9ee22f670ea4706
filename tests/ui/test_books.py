"""Books and poems as a learner opens them, at 120x40: verse lines, a nested outline, the script mode."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.pilot import Pilot

from reader.text.content import resolve_document
from reader.text.document import Document
from reader.text.script import to_traditional
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.outline import Outline

from .helpers import make_app, ready, status_text, view_lines

SIZE = (120, 40)
TANG = Path("/usr/share/games/fortunes/tang300")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def tang_poems(count: int) -> list[list[str]]:
    if not TANG.is_file():
        pytest.skip(f"{TANG} is absent: install Debian's fortunes-zh (apt-get install fortunes-zh; .ci/run does)")
    chunks = _ANSI.sub("", TANG.read_text(encoding="utf-8")).split("\n%\n")
    poems = [[line.strip() for line in c.strip("\n").split("\n")] for c in chunks]
    return [p for p in poems if all(p)][:count]


def poem_document(tmp_path: Path) -> Document:
    path = tmp_path / "唐诗.txt"
    path.write_text("\n\n".join("\n".join(p) for p in tang_poems(3)) + "\n", encoding="utf-8")
    return resolve_document(str(path))


def book_document(tmp_path: Path) -> Document:
    """A Markdown book of two parts (``#``, no text of their own), the article's sections as chapters (``##``)."""
    article = resolve_document("article")
    half = len(article.sections) // 2
    out = ["---", "title: 文集", "---", ""]
    for number, section in enumerate(article.sections):
        if number in (0, half):
            out += [f"# {'第一部分' if number == 0 else '第二部分'}", ""]
        out += [f"## {section.title}", ""]
        out += [article.text[p.start : p.end] + "\n" for p in section.paragraphs]
    path = tmp_path / "book.md"
    path.write_text("\n".join(out), encoding="utf-8")
    return resolve_document(str(path))


def outline_labels(pilot: Pilot[None]) -> list[str]:
    outline = pilot.app.screen.query_one(Outline)
    return [str(outline.get_option_at_index(i).prompt).split("\n")[0] for i in range(outline.option_count)]


async def test_a_tang_poem_shows_one_verse_per_line(tmp_path: Path) -> None:
    poems = tang_poems(3)
    app = make_app(document=poem_document(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        rows = [row.strip() for row in view_lines(pilot)]
        first = poems[0]
        at = rows.index(first[1]) - 1  # the author line (the title line is also the section's heading)
        assert rows[at : at + len(first)] == first  # title, author, each verse: a row each, no blank row between
        assert rows[at + len(first)] == ""  # a blank row between poems


async def test_a_markdown_book_shows_parts_and_chapters_as_a_tree(tmp_path: Path) -> None:
    doc = book_document(tmp_path)
    chapters = len(doc.sections) - 2
    app = make_app(document=doc)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        labels = outline_labels(pilot)
        assert labels[0].startswith("▾") and "第一部分" in labels[0]
        assert labels[1].startswith("    ") and doc.sections[1].title in labels[1]  # a chapter, indented under it
        outline = pilot.app.screen.query_one(Outline)
        outline.focus()
        outline.highlighted = 0
        await pilot.press("h")  # collapse the first part
        await pilot.pause()
        labels = outline_labels(pilot)
        assert labels[0].startswith("▸") and "第二部分" in labels[1]
        assert len(labels) == 2 + chapters - (
            doc.sections.index(next(s for s in doc.sections if s.title == "第二部分")) - 1
        )
        await pilot.press("l")  # expand it again
        await pilot.pause()
        assert len(outline_labels(pilot)) == len(doc.sections)


async def test_brackets_move_between_chapters_across_parts(tmp_path: Path) -> None:
    doc = book_document(tmp_path)
    second_part = next(s.index for s in doc.sections if s.title == "第二部分")
    app = make_app(document=doc)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        view.focus()
        view.go_to_section(second_part - 1)  # the last chapter of part one
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert doc.section_at(view.cursor).index == second_part + 1  # the first chapter of part two
        assert f"§ {second_part + 2}/{len(doc.sections)}" in status_text(pilot)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert doc.section_at(view.cursor).index == second_part - 1


async def test_t_switches_the_characters_shown_and_nothing_moves(tmp_path: Path) -> None:
    article = resolve_document("article")
    assert article.path is not None
    path = tmp_path / "article.md"
    path.write_text(to_traditional(article.path.read_text(encoding="utf-8")), encoding="utf-8")
    app = make_app(document=resolve_document(str(path)))
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        written = view_lines(pilot)
        assert any("報導" in row or "報道" in row for row in written)
        cursor = screen.query_one(ArticleView).cursor
        await pilot.press("t")  # simplified
        await pilot.pause()
        simplified = view_lines(pilot)
        assert any("报道" in row for row in simplified) and not any("報" in row for row in simplified)
        assert "simplified" in status_text(pilot)
        assert screen.query_one(ArticleView).cursor == cursor
        await pilot.press("t")  # traditional
        await pilot.pause()
        assert view_lines(pilot) == written
        await pilot.press("t")  # as written
        await pilot.pause()
        assert screen.config.script == "as written"


def test_poem_snapshot_120x40(snap_compare, tmp_path: Path) -> None:
    doc = poem_document(tmp_path)
    assert snap_compare(make_app(document=doc), terminal_size=SIZE, run_before=_settle)


def test_nested_outline_snapshot_120x40(snap_compare, tmp_path: Path) -> None:
    doc = book_document(tmp_path)

    async def run_before(pilot: Pilot[None]) -> None:
        await ready(pilot)
        outline = pilot.app.screen.query_one(Outline)
        outline.focus()
        second = next(i for i, s in enumerate(doc.sections) if s.title == "第二部分")
        outline.highlighted = outline._visible.index(second)
        await pilot.press("h")
        await pilot.pause()

    assert snap_compare(make_app(document=doc), terminal_size=SIZE, run_before=run_before)


async def _settle(pilot: Pilot[None]) -> None:
    await ready(pilot)
