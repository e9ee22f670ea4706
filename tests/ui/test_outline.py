"""The outline: it follows the section being read on a long book, and draws with the styles of the moment."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from reader.ui.widgets.outline import Outline

from .helpers import make_app, ready, screen_rows
from .test_big_document import CHAPTERS, SIZE, big_book, chapter_index, loaded


def highlighted_row(outline: Outline) -> int:
    """The screen row (inside the outline) of its highlighted option's first line."""
    assert outline.highlighted is not None
    return outline._index_to_line[outline.highlighted] - round(outline.scroll_offset.y)


async def test_the_outline_follows_next_section_and_the_end_on_a_long_book(tmp_path: Path) -> None:
    doc = big_book(tmp_path)
    app = make_app(document=doc)
    async with app.run_test(size=SIZE) as pilot:
        view = await loaded(pilot)
        outline = pilot.app.screen.query_one(Outline)
        height = outline.scrollable_content_region.height
        view.go_to_section(chapter_index(doc, 1))
        await pilot.pause()
        for chapter in range(2, CHAPTERS + 3):  # chapter by chapter, well past the outline's first screen
            await pilot.press("right_square_bracket")
            await pilot.pause()
            section = doc.section_at(view.cursor).index
            assert section == chapter_index(doc, chapter)
            assert outline.section_highlighted == section
            row = highlighted_row(outline)
            assert 0 <= row < height  # on screen, where the learner sees it
            assert doc.sections[section].title in screen_rows(pilot.app, outline.content_region)[row]
        await pilot.press("G")
        await pilot.pause()
        assert outline.section_highlighted == len(doc.sections) - 1
        assert 0 <= highlighted_row(outline) < height


async def test_the_outline_draws_with_the_styles_of_the_theme_and_focus_of_the_moment() -> None:
    """Its remembered component styles are the ones Textual would merge now, after a theme change and a focus change."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        outline = screen.query_one(Outline)
        names = ("option-list--option", "option-list--option-highlighted")

        def same() -> bool:
            for name in names:
                mine, fresh = outline.get_component_styles(name), OptionList.get_component_styles(outline, name)
                if (mine.padding, mine.color, mine.background) != (fresh.padding, fresh.color, fresh.background):
                    return False
            return True

        before = outline.get_component_styles(names[1]).background
        assert same()
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.pause()
        assert same()
        assert outline.get_component_styles(names[1]).background != before
        await pilot.press("tab")  # the outline takes the focus
        await pilot.pause()
        assert same()
