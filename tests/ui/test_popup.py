"""The word pop-up and interlinear pinyin, driven with Pilot."""

from __future__ import annotations

from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.word_popup import WordPopup, place

from .helpers import make_app, ready, view_lines

SIZE = (120, 40)


def _popup_text(app) -> str:
    popup = app.screen.query_one(WordPopup)
    return "\n".join(line.text for line in popup.render_lines(popup.region.reset_offset))


async def test_enter_on_pretraining_shows_pinyin_glossary_and_dictionary() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        view.cursor = screen.document.text.index("预训练")
        await pilot.press("enter")
        await pilot.pause()
        popup = screen.query_one(WordPopup)
        assert popup.display
        text = _popup_text(app)
        assert "预训练" in text
        assert "yù xùn liàn" in text
        assert "pretraining" in text.lower()
        # CC-CEDICT senses of its characters, one by one.
        assert "训" in text and "练" in text
        # Never covers the word it describes.
        word = view.cursor_screen_region()
        assert not popup.region.overlaps(word)


async def test_popup_follows_the_cursor_and_closes_with_escape() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        view.cursor = screen.document.text.index("混合专家系统")
        await pilot.press("enter")
        await pilot.pause()
        assert "混合专家系统" in _popup_text(app)
        assert "mixture" in _popup_text(app).lower()
        await pilot.press("l")
        await pilot.pause()
        follower = screen.tokens.at(view.cursor)
        assert follower is not None and follower.text != "混合专家系统"
        assert follower.text in _popup_text(app)
        await pilot.press("h")
        await pilot.pause()
        assert "混合专家系统" in _popup_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.query_one(WordPopup).display


async def test_popup_for_a_common_particle_and_hsk_level() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        view.cursor = screen.document.text.index("的")
        await pilot.press("enter")
        await pilot.pause()
        text = _popup_text(app)
        assert "de" in text
        assert "HSK 1" in text


async def test_click_on_the_cursor_word_opens_the_popup() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        region = view.cursor_screen_region()
        await pilot.click(offset=(region.x, region.y))
        await pilot.pause()
        assert screen.query_one(WordPopup).display


async def test_pinyin_toggle_puts_aligned_pinyin_above_every_line() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("p")
        await pilot.pause()
        lines = view_lines(pilot)
        index = next(i for i, line in enumerate(lines) if line.lstrip().startswith("最新"))
        pinyin = lines[index - 1]
        hanzi = lines[index]
        assert pinyin.lstrip().startswith("zuìxīn")
        # Word by word: each pinyin word starts in the column of its hanzi.
        for word, reading in (("报道", "bàodào"), ("显示", "xiǎnshì")):
            column = _cells(hanzi[: hanzi.index(word)])
            assert _column_text(pinyin, column).startswith(reading)
        await pilot.press("p")
        await pilot.pause()
        assert not any("zuìxīn" in line for line in view_lines(pilot))
        assert screen.config.pinyin is False


def _cells(text: str) -> int:
    from reader.text.linebreak import text_cells

    return text_cells(text)


def _column_text(line: str, column: int) -> str:
    """The part of ``line`` from terminal column ``column`` on."""
    cells = 0
    for index, ch in enumerate(line):
        if cells >= column:
            return line[index:]
        cells += _cells(ch)
    return ""


def test_place_never_covers_the_word_and_stays_in_the_area() -> None:
    from textual.geometry import Region

    area = Region(26, 1, 50, 20)
    for rows in (5, 12, 30):
        for y in range(area.y, area.bottom):
            for x in (area.x, area.x + 24, area.right - 2):
                word = Region(x, y, 2, 1)
                box = place(word, area, lambda width, rows=rows: rows)
                assert not box.overlaps(word), (rows, x, y)
                assert area.contains_region(box), (rows, x, y, box)


async def test_pinyin_toggle_keeps_the_cursor_where_it_was_on_screen() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        for _ in range(5):
            await pilot.press("right_square_bracket")
        await pilot.press("l", "l", "l")
        await pilot.pause()

        def cursor_row() -> int:
            return view.layout_model.y_of_offset(view.cursor) - round(view.scroll_offset.y)

        before = cursor_row()
        for _ in range(2):
            await pilot.press("p")
            await pilot.pause()
            await pilot.pause()
            assert 0 <= cursor_row() < view.scrollable_content_region.height
        assert cursor_row() == before


async def test_an_open_popup_stays_beside_its_word_after_jumps() -> None:
    """], G and g set the cursor and then scroll: the pop-up is placed for the scrolled screen."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        await pilot.press("enter")
        await pilot.pause()
        for key in ("right_square_bracket", "right_square_bracket", "right_square_bracket", "G", "g"):
            await pilot.press(key)
            await pilot.pause()
            await pilot.pause()
            popup = screen.query_one(WordPopup)
            word = view.cursor_screen_region()
            assert view.popup_area().contains_region(popup.region), key
            assert not popup.region.overlaps(word), key
            assert screen.tokens.at(view.cursor).text in _popup_text(app), key


async def test_sandhi_pinyin_uses_the_screens_token_index() -> None:
    app = make_app(pinyin=True, sandhi=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        token = screen.tokens.at(screen.document.text.index("一场"))
        assert token is not None and token.syllables[0] == "yi1"
        assert screen.language.spoken(token)[0] == "yi4"  # 一 before a third tone is read yì
        view.cursor = token.start
        await pilot.pause()
        assert any("yì" in line for line in view_lines(pilot))
