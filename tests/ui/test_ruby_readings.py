"""A book's ruby readings as a learner sees them at 120x40: in the pinyin row, and in the pop-up beside the reader's."""

from __future__ import annotations

from pathlib import Path

from reader.text.loader import load_path
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.word_popup import WordPopup

from ..unit.test_ruby import POEM, POEM_HANT, build_epub, html_page
from .helpers import make_app, ready, screen_rows, view_lines

SIZE = (120, 40)


def _popup_text(pilot: object) -> str:
    app = pilot.app  # type: ignore[attr-defined]
    popup = app.screen.query_one(WordPopup)
    return "\n".join(row.rstrip() for row in screen_rows(app, popup.region))


async def test_html_ruby_reading_is_in_the_pinyin_row_and_the_popup(tmp_path: Path) -> None:
    path = tmp_path / "山行.html"
    path.write_text(html_page(POEM, "xiá"), encoding="utf-8")
    app = make_app(document=load_path(path))
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("p")
        await pilot.pause()
        lines = view_lines(pilot)
        verse = next(i for i, line in enumerate(lines) if line.replace(" ", "") == POEM[0])
        assert "jìngxiá" in lines[verse - 1] and "xié" not in lines[verse - 1]  # the book's reading above 斜
        assert "báiyún" in lines[verse + 1]  # the next verse keeps the reader's own readings
        view = screen.query_one(ArticleView)
        view.cursor = screen.document.text.index("斜")
        await pilot.press("enter")
        await pilot.pause()
        text = _popup_text(pilot)
        assert "jìng xié" in text  # the reader's own reading heads the pop-up ...
        assert "given in the book: xiá" in text  # ... and the book's is beside it, marked as the book's
        await pilot.press("escape")
        view.cursor = screen.document.text.index("白云")
        await pilot.press("enter")
        await pilot.pause()
        assert "given in the book" not in _popup_text(pilot)


async def test_epub_zhuyin_ruby_is_shown_as_given_and_read_as_pinyin(tmp_path: Path) -> None:
    path = tmp_path / "唐诗.epub"
    build_epub(path, POEM_HANT, "ㄒㄧㄚˊ")
    app = make_app(document=load_path(path))
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("p")
        await pilot.pause()
        lines = view_lines(pilot)
        verse = next(i for i, line in enumerate(lines) if line.replace(" ", "") == POEM_HANT[0])
        assert "jìngxiá" in lines[verse - 1]
        view = screen.query_one(ArticleView)
        view.cursor = screen.document.text.index("楓林")
        await pilot.press("enter")
        await pilot.pause()
        assert "given in the book: ㄈㄥ ㄌㄧㄣˊ (fēnglín)" in _popup_text(pilot)
