"""Keys on a long book that draw in one frame: what the reader sees after ``p`` far down, ``j``, and the palette.

``p`` lays the text out again in the key's own handler, the cursor's word kept on
its screen row; the view remembers painted rows, so a scroll paints only the new
one, and the rows a cursor move touches are painted again; the command palette
draws the dimmed screen behind it once per open, from that screen's own rows.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from reader.ui.screens.palette_screen import PaletteScreen
from reader.ui.widgets.article_view import ArticleView

from .helpers import make_app, view_lines
from .test_big_document import SIZE, big_book, chapter_index, loaded, pinyin_rows


def cursor_row(view: ArticleView) -> int:
    """The screen row of the cursor's word (its text row)."""
    return view.layout_model.y_of_offset(view.cursor) - round(view.scroll_offset.y)


def cursor_word(view: ArticleView) -> str:
    """The text of the word under the cursor."""
    token = view.tokens.at(view.cursor)
    assert token is not None
    return token.text


async def test_p_far_down_keeps_the_cursor_word_on_its_row(tmp_path: Path) -> None:
    doc = big_book(tmp_path)
    app = make_app(document=doc)
    async with app.run_test(size=SIZE) as pilot:
        view = await loaded(pilot)
        view.go_to_section(chapter_index(doc, 80))  # far from anything laid out so far
        await pilot.pause()
        await pilot.press("pagedown", "l", "l", "l")
        await pilot.pause()
        row, word = cursor_row(view), cursor_word(view)
        height = view.scrollable_content_region.height
        assert 0 <= row < height
        for on in (True, False, True):
            await pilot.press("p")
            await pilot.pause()
            assert bool(pinyin_rows(pilot)) is on
            now = cursor_row(view)
            assert 0 <= now < height  # the word is on screen
            assert abs(now - row) <= 1  # on its row (one up or down for its pinyin row)
            assert word in view_lines(pilot)[now].replace(" ", "")  # and the user sees it there
            assert cursor_word(view) == word


async def test_scrolling_and_moving_show_the_right_rows_and_cursor(tmp_path: Path) -> None:
    doc = big_book(tmp_path)
    app = make_app(document=doc)
    async with app.run_test(size=SIZE) as pilot:
        view = await loaded(pilot)
        view.go_to_section(chapter_index(doc, 30))
        await pilot.pause()
        before = view_lines(pilot)
        await pilot.press("j")
        await pilot.pause()
        after = view_lines(pilot)
        assert after[:-1] == before[1:]  # everything moved up one row, the remembered rows included
        await pilot.press("k")
        await pilot.pause()
        assert view_lines(pilot) == before
        # The cursor's highlight follows a word move on remembered rows (the strips keep no stale cursor).
        styles_before = {s.style for s in view.render_line(cursor_row(view))._segments}
        row = cursor_row(view)
        cursor_style = view.get_component_rich_style("article-view--cursor", partial=True)
        assert any(s is not None and s.bgcolor == cursor_style.bgcolor for s in styles_before)
        await pilot.press("l")
        await pilot.pause()
        if cursor_row(view) != row:  # the word moved to the next row: the old row lost the highlight
            old = view.render_line(row)._segments
            assert not any(s.style is not None and s.style.bgcolor == cursor_style.bgcolor for s in old)


async def palette_open(pilot: Pilot[None]) -> PaletteScreen:
    """Open the command palette with its key; the palette screen."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, PaletteScreen)
    return screen


async def test_palette_shows_the_text_dimmed_behind_it_and_filters(tmp_path: Path) -> None:
    doc = big_book(tmp_path)
    app = make_app(document=doc)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        behind = pilot.app.screen
        palette = await palette_open(pilot)
        first = rows = [s.text for s in palette._compositor.render_strips()]
        assert any("第1部" in row or "长篇" in row for row in rows)  # the reading screen shows behind
        await pilot.press(*"Chapter 99")
        await pilot.pause()
        rows = [s.text for s in palette._compositor.render_strips()]
        assert any("§ " in row and "第99章" in row for row in rows)
        assert any("第1部" in row or "长篇" in row for row in rows)  # still behind, below the shorter list
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is behind
        await pilot.press("G")  # the text moves: the next palette shows it behind, not the old picture
        await pilot.pause()
        moved = [s.text for s in behind._compositor.render_strips()]
        assert moved[-3] != first[-3]  # the row changed
        again = await palette_open(pilot)  # a new palette, a new picture of the screen behind
        assert again is not palette
        rows = [s.text for s in again._compositor.render_strips()]
        assert rows[-3] == moved[-3]  # a row of the text below the palette, as the reading screen now draws it
        dimmed = [s.style.color for s in again._compositor.render_strips()[-3] if s.text.strip() and s.style]
        plain = [s.style.color for s in behind._compositor.render_strips()[-3] if s.text.strip() and s.style]
        assert dimmed and len(dimmed) == len(plain) and dimmed != plain  # the same text, tinted
