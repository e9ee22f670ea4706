"""Where the pop-up goes and what reaches the terminal, at 120x40 and 80x24 (issue 17, items 1 and 2)."""

from __future__ import annotations

import pytest

from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.word_popup import WordPopup

from .helpers import make_app, ready, screen_rows

SIZES = [(120, 40), (80, 24)]
#: The glossary's definition of 预训练, as the pop-up shows it (wrapped over several rows).
DEFINITION = "在海量通用数据上预先训练模型，使其获得通用能力，之后再针对具体任务微调。"


async def _open_on(pilot, word: str, nth: int = 0):  # type: ignore[no-untyped-def]
    screen = pilot.app.screen
    view = screen.query_one(ArticleView)
    text = screen.document.text
    at = -1
    for _ in range(nth + 1):
        at = text.index(word, at + 1)
    view.jump_to(at)
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    await pilot.pause()
    return view, screen.query_one(WordPopup)


def _unblanked(app, popup: WordPopup) -> list[str]:  # type: ignore[no-untyped-def]
    """The pop-up's rows as the terminal shows them, checked against what the pop-up itself drew."""
    shown = screen_rows(app, popup.region)
    drawn = [line.text for line in popup.render_lines(popup.region.reset_offset)]
    assert shown == drawn, "the terminal shows something other than the pop-up drew (blanked characters?)"
    return shown


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("outline", [True, False], ids=["outline", "no-outline"])
async def test_the_popup_stays_in_the_text_panel_and_loses_no_character(size, outline) -> None:  # type: ignore[no-untyped-def]
    app = make_app(outline=outline)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        view, popup = await _open_on(pilot, "预训练")
        assert popup.display
        # Inside the panel: not over its border, its scrollbar or the outline; never over the word.
        assert view.popup_area().contains_region(popup.region)
        assert not popup.region.overlaps(view.cursor_screen_region())
        rows = _unblanked(app, popup)
        # The glossary's definition arrives whole (it was "在海量通用数据␣␣预先…" at 80x24).
        joined = "".join(row.strip("│ ") for row in rows)
        assert DEFINITION in joined
        # No row of the pop-up opens with closing punctuation.
        assert not any(row.strip("│ ").startswith("，") for row in rows)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_lines_wrap_and_an_ellipsis_says_only_what_was_cut(size) -> None:  # type: ignore[no-untyped-def]
    app = make_app(outline=False)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        view, popup = await _open_on(pilot, "预训练")
        text = "\n".join(_unblanked(app, popup))
        # 训's senses were cut to "to teach; to train; to adm": now they wrap, whole.
        assert "admonish" in text
        assert "more line" not in text
        # With the outline on, 80x24 has no room for it all: the last row says how much is left.
        if size == (80, 24):
            await pilot.press("o")
            await pilot.pause()
            await pilot.pause()
            text = "\n".join(_unblanked(app, popup))
            assert view.popup_area().contains_region(popup.region)
            assert "admonish" not in text and "more line" in text


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_words_at_the_right_edge_and_at_the_bottom(size) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        # Walk the words of the rows on screen: the last word of a row, and words near the bottom.
        await pilot.press("enter")
        await pilot.pause()
        popup = screen.query_one(WordPopup)
        area = view.popup_area()
        seen_right = seen_bottom = False
        for _ in range(60):
            await pilot.press("l")
            await pilot.pause()
            await pilot.pause()
            word = view.cursor_screen_region()
            if not area.contains_region(word):
                continue
            seen_right |= word.right >= area.right - 6
            seen_bottom |= word.y >= area.bottom - 4
            assert area.contains_region(popup.region), (screen.tokens.at(view.cursor), popup.region)
            assert not popup.region.overlaps(word)
        await pilot.press("escape", "G", "k", "k", "enter")
        await pilot.pause()
        await pilot.pause()
        word = view.cursor_screen_region()
        seen_bottom |= word.y >= area.bottom - 4
        assert area.contains_region(popup.region) and not popup.region.overlaps(word)
        _unblanked(app, popup)
        assert seen_right
