"""The command palette (``ctrl+p``): what the learner types, sees and gets, at fixed sizes.

A query filters commands, sections and bookmarks (the matched characters
highlighted, the best first); enter or a click runs the highlighted entry where
its key would run, esc closes with nothing changed, and the "Theme" entry lists
the themes in the same palette.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Offset
from textual.pilot import Pilot

from reader.storage.config import load_config
from reader.text.content import resolve_document
from reader.ui.screens.palette_screen import PaletteScreen
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.outline import Outline
from reader.ui.widgets.palette_list import PaletteList

from .helpers import make_app, ready, screen_rows, status_text
from .test_no_injection import _SGR, assert_clean

SIZES = [(120, 40), (80, 24)]
IDS = ["120x40", "80x24"]


async def open_palette(pilot: Pilot[None], query: str = "") -> PaletteScreen:
    """``ctrl+p``, then ``query`` typed; the palette screen."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, PaletteScreen)
    if query:
        await pilot.press(*query)
        await pilot.pause()
    return screen


def list_rows(screen: PaletteScreen) -> list[str]:
    """The palette's list as drawn, row by row (stripped)."""
    box = screen.query_one(PaletteList)
    return [box.render_line(y).text.strip() for y in range(box.scrollable_content_region.height)]


def highlighted_row(screen: PaletteScreen) -> str:
    """The text of the row enter would run."""
    box = screen.query_one(PaletteList)
    return box.render_line(box.highlighted - round(box.scroll_offset.y)).text.strip()


@pytest.mark.parametrize("size", SIZES, ids=IDS)
async def test_a_typed_section_title_is_found_and_enter_jumps_there(reader_home: Path, size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await ready(pilot)
        doc = screen.document
        target = next(s for s in doc.sections if s.subtitle == "Conclusion")
        palette = await open_palette(pilot, "conclusion")
        rows = list_rows(palette)
        assert rows[0].startswith(f"§ {target.index + 1}  {target.title}  Conclusion")  # the best match first
        assert highlighted_row(palette) == rows[0]
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert doc.section_at(screen.view.cursor).index == target.index
        assert f"§ {target.index + 1}/{len(doc.sections)}" in status_text(pilot)
        outline = screen.query_one(Outline)
        assert outline.highlighted == target.index  # the outline shows it too


async def test_chinese_titles_match_and_the_matched_characters_are_highlighted(reader_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        target = next(s for s in screen.document.sections if s.subtitle == "Conclusion")
        palette = await open_palette(pilot, target.title)
        box = palette.query_one(PaletteList)
        strip = box.render_line(0)
        assert strip.text.strip().startswith(f"§ {target.index + 1}  {target.title}")
        underlined = "".join(s.text for s in strip if s.style is not None and s.style.underline)
        assert underlined == target.title  # the characters typed, and only they, stand out


async def test_a_command_runs_where_its_key_would(reader_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        palette = await open_palette(pilot, "pinyin")
        assert highlighted_row(palette).startswith("Toggle interlinear pinyin")
        assert highlighted_row(palette).endswith("p")  # its key, on the right
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReadingScreen)
        assert "pinyin" in status_text(pilot)
    assert load_config().pinyin


async def test_letters_typed_right_after_ctrl_p_go_into_the_palette(reader_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("ctrl+p", *"quit")  # no pause: "q" must not quit, nor the letters act on the text
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, PaletteScreen)
        assert palette.input.value == "quit"
        assert highlighted_row(palette).startswith("Quit")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and app.is_running


async def test_esc_closes_with_nothing_changed(reader_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        before = (screen.view.cursor, status_text(pilot), app.theme)
        await open_palette(pilot, "bottom")
        await pilot.press("down", "escape")
        await pilot.pause()
        assert app.screen is screen
        assert (screen.view.cursor, status_text(pilot), app.theme) == before
        assert not any("Search for commands" in row for row in screen_rows(app))
        await open_palette(pilot, "bottom")
        await pilot.click(offset=(1, 38))  # on the dimmed text, outside the palette
        await pilot.pause()
        assert app.screen is screen
        assert (screen.view.cursor, status_text(pilot), app.theme) == before


@pytest.mark.parametrize("size", SIZES, ids=IDS)
async def test_the_keys_move_the_highlight_and_a_click_runs_a_row(reader_home: Path, size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await ready(pilot)
        palette = await open_palette(pilot)
        box = palette.query_one(PaletteList)
        rows = list_rows(palette)
        assert rows[0].startswith("Next section")  # an empty query: the commands first
        await pilot.press("down", "down")
        assert highlighted_row(palette) == rows[2]
        await pilot.press("up")
        assert highlighted_row(palette) == rows[1]
        await pilot.press("pagedown")
        assert box.highlighted == 1 + box.scrollable_content_region.height
        assert highlighted_row(palette) not in rows  # scrolled: a row that was below the list is drawn
        await pilot.press("end")
        total = len(box.rows)
        assert box.highlighted == total - 1
        # the sections come after the commands, from the cursor's (the first) on: the last section is last
        assert highlighted_row(palette).startswith(f"§ {len(screen.document.sections)}  ")
        await pilot.press("pageup", "home")
        assert box.highlighted == 0 and box.scroll_offset.y == 0
        row_four = Offset(box.content_region.x + 3, box.content_region.y + 3)
        await pilot.click(offset=row_four)  # "Go to the bottom", the fourth row
        await pilot.pause()
        assert app.screen is screen
        assert rows[3].startswith("Go to the bottom")
        assert screen.document.section_at(screen.view.cursor).index == len(screen.document.sections) - 1


async def test_a_bookmark_entry_jumps_to_it(reader_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        view.cursor = screen.tokens.word_at_or_after(3000).start
        mark = view.cursor
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", *"winter", "enter")
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert view.cursor != mark
        palette = await open_palette(pilot, "winter")
        section = screen.document.section_at(mark)
        assert highlighted_row(palette).startswith("Bookmark: winter")
        assert highlighted_row(palette).endswith(f"§ {section.index + 1} {section.title}")
        await pilot.press("enter")
        await pilot.pause()
        assert view.cursor == mark
        await pilot.press("g", "B")  # the bookmarks alone
        await pilot.pause()
        only = app.screen
        assert isinstance(only, PaletteScreen)
        assert [row for row in list_rows(only) if row] == [highlighted_row(only)]
        await pilot.press("enter")
        await pilot.pause()
        assert view.cursor == mark


async def test_the_theme_entry_lists_the_themes_in_the_palette(reader_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        palette = await open_palette(pilot, "theme")
        assert highlighted_row(palette).startswith("Theme")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is palette  # the same palette, now listing the themes
        rows = list_rows(palette)
        assert any(row.startswith(app.theme) and row.endswith("current") for row in rows)
        await pilot.press(*"nord")
        await pilot.pause()
        assert highlighted_row(palette) == "nord"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReadingScreen)
        assert app.theme == "nord"
    assert load_config().theme == "nord"


async def test_off_the_reading_screen_only_the_apps_entries_are_offered(reader_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        palette = await open_palette(pilot)
        rows = [row for row in list_rows(palette) if row]
        assert rows and all(not row.startswith(("§", "Toggle", "Bookmark")) for row in rows)
        assert any(row.startswith("Theme") for row in rows)


async def test_no_match_says_so_and_enter_does_nothing(reader_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        before = screen.view.cursor
        palette = await open_palette(pilot, "qqqqxz")
        assert list_rows(palette)[0] == "no matches"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is palette and screen.view.cursor == before


async def test_section_titles_are_shown_as_plain_text(reader_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "odd.md"
    path.write_text("# [bold red]粗[/] \x1b[31m红\n\n第一段。\n\n# 第二节\n\n第二段。\n", encoding="utf-8")
    app = make_app(document=resolve_document(str(path)))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        palette = await open_palette(pilot, "粗")
        assert list_rows(palette)[0].startswith("§ 1  [bold red]粗[/]")  # markup shown as typed, not obeyed
        sent = palette.query_one(PaletteList).render_line(0).render(app.console)  # what reaches the terminal
        assert_clean(sent)
        assert "粗[/] ␛[31m红" in _SGR.sub("", sent)  # the escape shown as a placeholder
