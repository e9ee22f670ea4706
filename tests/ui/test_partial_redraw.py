"""Keys that redraw only part of the text view leave the screen exactly as a full redraw would.

The cursor keys (``l``, ``h``) redraw only the rows of the word left and the word
reached; a jump (``]``, ``G``) changes the view's height without a layout pass of the
screen. What reaches the terminal (every layer composited, with its styles) is
compared with what the same state draws from scratch.
"""

from __future__ import annotations

import asyncio

import pytest
from textual.app import App
from textual.pilot import Pilot

from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.article_view import ArticleView

from .helpers import make_app, ready, status_text

SIZE = (120, 40)


def composited(app: App[None]) -> list[list[tuple[str, str]]]:
    """The terminal's rows as ``(text, style)`` pieces, as the compositor sends them now."""
    return [[(seg.text, str(seg.style)) for seg in strip] for strip in app.screen._compositor.render_strips()]


async def redrawn_from_scratch(pilot: Pilot[None]) -> list[list[tuple[str, str]]]:
    """The same screen with the text view redrawn whole."""
    pilot.app.screen.query_one(ArticleView).refresh()
    await pilot.pause()
    return composited(pilot.app)


@pytest.mark.parametrize("pinyin", [False, True])
async def test_moving_the_cursor_redraws_what_a_full_redraw_would(pinyin: bool) -> None:
    app = make_app(pinyin=pinyin)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert isinstance(screen, ReadingScreen)
        view = screen.query_one(ArticleView)
        cursor_rows = set()
        # Far enough to cross rows (and so redraw two rows apart), then back again.
        for key in ["l"] * 30 + ["h"] * 12:
            before = view.cursor
            await pilot.press(key)
            await pilot.pause()
            assert view.cursor != before
            cursor_rows.add(view.layout_model.y_of_offset(view.cursor))
            shown = composited(app)
            assert shown == await redrawn_from_scratch(pilot), f"after {key}: stale rows on screen"
        assert len(cursor_rows) > 1  # the cursor did go to another row


async def test_next_section_and_end_draw_a_whole_screen_in_one_frame() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot, whole_layout=False)
        view = screen.query_one(ArticleView)
        for key, section in (
            ("right_square_bracket", "§ 2/"),
            ("right_square_bracket", "§ 3/"),
            ("G", None),
            ("g", "§ 1/"),
        ):
            await pilot.press(key)
            await pilot.pause()
            if section is not None:
                assert section in status_text(pilot)
            # The scrollbar and the view's height agree with the layout, and the screen with a fresh redraw.
            assert view.virtual_size.height == view.layout_model.height
            assert view.max_scroll_y == max(0, view.layout_model.height - view.scrollable_content_region.height)
            assert composited(app) == await redrawn_from_scratch(pilot)
        await pilot.press("G")
        await pilot.pause()
        assert round(view.scroll_offset.y) == view.max_scroll_y  # the end is reachable: nothing below it


async def test_a_mode_key_is_saved_after_its_frame_and_before_quitting(reader_home) -> None:
    """``p`` draws first and writes the settings after; ``p`` then ``q`` at once still saves it."""
    from reader.storage.config import load_config

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("p")
        await pilot.pause()
        assert "pinyin" in status_text(pilot)
        for _ in range(100):  # written while the app runs (on the saver's thread), not only at exit
            if load_config().pinyin:
                break
            await asyncio.sleep(0.05)
        assert load_config().pinyin
        await pilot.press("p", "q")  # and quitting straight after a change keeps it too
    assert not load_config().pinyin
