"""The reading screen, driven with Pilot as a person would."""

from __future__ import annotations

import itertools

import pytest
import yaml
from textual.widgets import Footer

from reader.text.content import resolve_document
from reader.ui.app import ReaderApp
from reader.ui.dialogs.help import HelpScreen
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.outline import Outline

from .helpers import make_app, ready, status_text, view_lines

SIZE = (120, 40)


async def test_opens_with_outline_listing_every_section() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        outline = screen.query_one(Outline)
        assert outline.display
        assert outline.option_count == 14
        labels = [str(outline.get_option_at_index(i).prompt) for i in range(outline.option_count)]
        for section, label in zip(screen.document.sections, labels, strict=True):
            assert section.title in label
        assert "摘要" in "\n".join(view_lines(pilot))
        assert "§ 1/14" in status_text(pilot)


async def test_next_section_five_times_reaches_the_sixth() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        for _ in range(5):
            await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "§ 6/14" in status_text(pilot)
        assert screen.query_one(Outline).highlighted == 5
        sixth = screen.document.sections[5]
        assert sixth.title in view_lines(pilot)[0]
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert "§ 5/14" in status_text(pilot)


async def test_top_and_bottom() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("G")
        await pilot.pause()
        assert "§ 14/14" in status_text(pilot)
        assert "100%" in status_text(pilot)
        await pilot.press("g")
        await pilot.pause()
        assert "§ 1/14" in status_text(pilot)


async def test_word_cursor_moves_word_by_word() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        first = view.cursor
        await pilot.press("l")
        second = view.cursor
        assert second > first
        word = screen.tokens.at(second)
        assert word is not None and word.is_word
        assert word.text in status_text(pilot)
        await pilot.press("h")
        assert view.cursor == first
        await pilot.press("right", "right", "left")
        assert view.cursor == second


async def test_scrolling_keeps_the_cursor_on_screen() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        for _ in range(50):
            await pilot.press("j")
        await pilot.pause()
        assert view.scroll_offset.y > 0
        y = view.layout_model.y_of_offset(view.cursor)
        assert view.scroll_offset.y <= y < view.scroll_offset.y + view.scrollable_content_region.height
        for _ in range(50):
            await pilot.press("k")
        assert view.scroll_offset.y == 0


async def test_click_moves_the_cursor_to_the_word() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        lines = view_lines(pilot)
        row = next(i for i, line in enumerate(lines) if "预训练" in line and i > 2)
        column = lines[row].index("预训练")
        await pilot.click(ArticleView, offset=(view.gutter.left + _cells(lines[row][:column]), view.gutter.top + row))
        token = screen.tokens.at(view.cursor)
        assert token is not None and token.text == "预训练"


def _cells(text: str) -> int:
    from reader.text.linebreak import text_cells

    return text_cells(text)


async def test_outline_toggle_and_focus_cycle() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        outline = screen.query_one(Outline)
        assert screen.focused is screen.query_one(ArticleView)
        await pilot.press("tab")
        assert screen.focused is not screen.query_one(ArticleView)
        await pilot.press("o")
        await pilot.pause()
        assert not outline.display
        await pilot.press("o")
        await pilot.pause()
        assert outline.display


async def test_choosing_a_section_in_the_outline_jumps_there() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        outline = screen.query_one(Outline)
        outline.focus()
        outline.highlighted = 8
        await pilot.press("enter")
        await pilot.pause()
        assert "§ 9/14" in status_text(pilot)
        assert screen.focused is screen.query_one(ArticleView)


async def test_help_screen_lists_keys() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_highlight_toggle() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        assert view.highlight and len(view.keywords) > 0 and len(view.terms) > 0
        await pilot.press("K")
        assert not view.highlight
        assert "no highlight" in status_text(pilot)


@pytest.mark.parametrize("width", [80, 120])
async def test_line_breaking_on_screen(width: int) -> None:
    app = make_app()
    async with app.run_test(size=(width, 40)) as pilot:
        await ready(pilot)
        seen = []
        for _ in range(40):
            seen.extend(view_lines(pilot))
            await pilot.press("pagedown")
        text_rows = [line.strip() for line in seen if line.strip()]
        assert text_rows
        assert not any(row.startswith(("。", "，")) for row in text_rows)
        word = "OpenAI"
        for upper, lower in itertools.pairwise(text_rows):
            for cut in range(1, len(word)):
                assert not (upper.endswith(word[:cut]) and lower.startswith(word[cut:])), (upper, lower)


async def test_quit_saves_the_position_and_reopening_resumes(reader_home) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for _ in range(3):
            await pilot.press("right_square_bracket")
        await pilot.press("l", "l")
        cursor = app.screen.query_one(ArticleView).cursor
        await pilot.press("q")
    state = yaml.safe_load((reader_home / "state.yaml").read_text(encoding="utf-8"))
    assert state["documents"]["article"]["offset"] == cursor
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert again.screen.query_one(ArticleView).cursor == cursor
        assert "§ 4/14" in status_text(pilot)


async def test_gb18030_copy_reads_like_the_utf8_one(tmp_path) -> None:
    article = resolve_document("article")
    source = article.path
    assert source is not None
    gb = tmp_path / "article-gb.md"
    gb.write_bytes(source.read_text(encoding="utf-8").encode("gb18030"))
    utf = tmp_path / "article-utf8.md"
    utf.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    screens = []
    for path in (utf, gb):
        app = make_app(document=resolve_document(str(path)))
        async with app.run_test(size=(80, 30)) as pilot:
            await ready(pilot)
            screens.append(view_lines(pilot))
    assert screens[0] == screens[1]


async def test_paging_to_the_end_reaches_the_last_section() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for _ in range(40):
            await pilot.press("pagedown")
        await pilot.pause()
        assert "§ 14/14" in status_text(pilot)


async def test_reopening_shows_the_same_screen(reader_home) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        screen.go_to_section(9)
        await pilot.press("j", "j")
        await pilot.pause()
        before = view_lines(pilot)
        await pilot.press("q")
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert view_lines(pilot) == before


async def test_a_resumed_document_is_drawn_at_its_place_from_the_first_frame(
    reader_home, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No frame of the document's top before the jump to where the reader was."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        screen.go_to_section(5)
        await pilot.pause()
        before = view_lines(pilot)
        await pilot.press("q")
    frames: list[list[str]] = []
    draw = ArticleView.render_lines

    def recording(self: ArticleView, crop):  # type: ignore[no-untyped-def]
        strips = draw(self, crop)
        frames.append([strip.text.rstrip() for strip in strips])
        return strips

    monkeypatch.setattr(ArticleView, "render_lines", recording)
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert view_lines(pilot) == before
    first = "\n".join(frames[0])
    assert "最新报道显示" not in first  # the top of the document never flashes up
    assert next(line for line in before if line.strip()).strip() in first


async def test_a_second_copy_does_not_lose_the_sections_read(reader_home, monkeypatch) -> None:
    dwell = 0.5  # shorter than the product's DWELL_SECONDS (2 s): the same mechanism, 1.5 s less waiting
    monkeypatch.setattr("reader.study.progress.DWELL_SECONDS", dwell)
    first = make_app()
    async with first.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for _ in range(5):
            await pilot.press("right_square_bracket")
        await pilot.pause(dwell + 0.4)  # the text on screen stays long enough to count as read
        await pilot.press("q")
    state = yaml.safe_load((reader_home / "state.yaml").read_text(encoding="utf-8"))
    read_first, seen_first = state["documents"]["article"]["sections_read"], state["documents"]["article"]["seen"]
    assert read_first and seen_first
    second = make_app()
    async with second.run_test(size=SIZE) as pilot:
        await ready(pilot)
        second.screen.position.sections_read = []
        second.screen.position.seen = []
        second.screen.position.furthest = 0
        await pilot.press("q")
    state = yaml.safe_load((reader_home / "state.yaml").read_text(encoding="utf-8"))
    entry = state["documents"]["article"]
    assert set(read_first) <= set(entry["sections_read"])
    assert all(any(a <= s and e <= b for a, b in entry["seen"]) for s, e in seen_first)
    assert entry["furthest"] > 1000


@pytest.mark.parametrize("width", [80, 60])
async def test_narrow_terminals_keep_the_text_readable(width: int) -> None:
    app = make_app()
    async with app.run_test(size=(width, 24)) as pilot:
        screen = await ready(pilot)
        await pilot.press("N")
        await pilot.pause()
        view = screen.query_one(ArticleView)
        assert view.scrollable_content_region.width >= 28  # at least 14 hanzi a line


async def test_a_theme_chosen_in_the_app_is_remembered(reader_home) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.theme = "textual-light"
        await pilot.pause()
    config = yaml.safe_load((reader_home / "config.yaml").read_text(encoding="utf-8"))
    assert config["theme"] == "textual-light"
    again = make_app(theme="textual-light")
    assert again.theme == "textual-light"


async def test_opening_and_reading_writes_no_config(reader_home) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("right_square_bracket", "l", "q")
    assert not (reader_home / "config.yaml").exists()


async def test_after_first_paint_runs_once_when_the_text_is_shown_and_the_footer_follows() -> None:
    calls: list[list[str]] = []
    app = make_app()

    def painted() -> None:
        # Not through ``pilot``: under load the first paint can come before ``run_test``
        # has returned it (the test once failed with "cannot access free variable 'pilot'").
        view = app.screen.query_one(ArticleView)
        calls.append([view.render_line(y).text.rstrip() for y in range(view.scrollable_content_region.height)])

    app.after_first_paint = painted
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert len(calls) == 1
        assert any("最新报道显示" in line for line in calls[0])  # the text was already on screen
        footer = screen.query_one(Footer)
        assert footer.region.height == 1 and "Next §" in "".join(str(k.render()) for k in footer.children)


def test_reader_open_collects_garbage_again_after_the_first_paint(monkeypatch: pytest.MonkeyPatch) -> None:
    """``reader open`` pauses the collector for start-up and resumes it (objects frozen) at the first paint."""
    import gc

    from reader.commands import open as open_command

    seen: dict[str, object] = {}

    def fake_run(self: ReaderApp) -> None:
        seen["paused"] = not gc.isenabled()
        assert self.after_first_paint is not None
        self.after_first_paint()
        seen["resumed"] = gc.isenabled()
        seen["frozen"] = gc.get_freeze_count() > 0

    monkeypatch.setattr(ReaderApp, "run", fake_run)
    try:
        assert open_command.open_target("article") == 0
    finally:
        gc.unfreeze()
        gc.enable()
        if open_command._freeze_after_slow_collection in gc.callbacks:
            gc.callbacks.remove(open_command._freeze_after_slow_collection)
    assert seen == {"paused": True, "resumed": True, "frozen": True}
