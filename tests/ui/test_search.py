"""Search from the keyboard: ``/`` and ``\\``, ``>`` / ``<``, highlights, "3/12" and the outline's marks."""

from __future__ import annotations

from textual.pilot import Pilot

from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.outline import Outline

from .helpers import make_app, ready, status_text

SIZE = (120, 40)


async def _search(pilot: Pilot[None], key: str, query: str) -> None:
    await pilot.press(key)
    await pilot.pause()
    await pilot.press(*query)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def test_toneless_pinyin_finds_every_pretraining_in_text_order() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        text = screen.document.text
        expected = [i for i in range(len(text)) if text.startswith("预训练", i)]
        assert len(expected) == text.count("预训练") > 10
        await _search(pilot, "slash", "yuxunlian")
        view = screen.query_one(ArticleView)
        assert view.cursor == expected[0]
        assert f"/yuxunlian 1/{len(expected)}" in status_text(pilot)
        visited = [view.cursor]
        for _ in range(len(expected) - 1):
            await pilot.press("greater_than_sign")
            await pilot.pause()
            visited.append(view.cursor)
        assert visited == expected
        assert f"{len(expected)}/{len(expected)}" in status_text(pilot)
        await pilot.press("greater_than_sign")  # wraps to the first
        await pilot.pause()
        assert view.cursor == expected[0]
        await pilot.press("less_than_sign")
        await pilot.pause()
        assert view.cursor == expected[-1]
        # The matches are drawn with the match style, and the outline marks their sections.
        assert all(screen.search_spans.contains(i) for i in expected)
        outline = screen.query_one(Outline)
        labels = [str(outline.get_option_at_index(i).prompt) for i in range(outline.option_count)]
        with_matches = {screen.document.section_at(i).index for i in expected}
        for index, label in enumerate(labels):
            assert ("/" in label.split("\n")[0]) == (index in with_matches), label


async def test_toned_and_english_queries_and_backward_search() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        text = screen.document.text
        count = text.count("预训练")
        view = screen.query_one(ArticleView)
        await pilot.press("G")
        await pilot.pause()
        await _search(pilot, "backslash", "yu4xun4lian4")
        assert view.cursor == text.rindex("预训练")
        assert f"{count}/{count}" in status_text(pilot)
        await pilot.press("escape")  # drops the search
        await pilot.pause()
        assert "/yu4xun4lian4" not in status_text(pilot)
        assert not len(screen.search_spans)
        await pilot.press("g")
        await _search(pilot, "slash", "pretraining")
        assert text[view.cursor : view.cursor + 3] == "预训练"
        assert f"/pretraining 1/{count}" in status_text(pilot)


async def test_esc_in_the_bar_puts_the_cursor_back() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        start = view.cursor
        await pilot.press("slash", *"moxing")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert view.cursor != start
        assert screen.document.text[view.cursor : view.cursor + 2] == "模型"
        await pilot.press("escape")
        await pilot.pause()
        assert view.cursor == start
        assert not len(screen.search_spans)


async def test_the_lookup_box_finds_words_by_pinyin_and_english_and_opens_their_popup() -> None:
    from textual.widgets import OptionList

    from reader.ui.dialogs.lookup import LookupBox
    from reader.ui.widgets.word_popup import WordPopup

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        for query in ("yuxunlian", "pretraining"):
            await pilot.press("L")
            await pilot.pause()
            box = app.screen
            assert isinstance(box, LookupBox)
            await pilot.press(*query, "enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            results = box.query_one(OptionList)
            first = str(results.get_option_at_index(0).prompt)
            assert first.startswith("预训练  yù xùn liàn  pretraining"), first
            await pilot.press("enter")
            await pilot.pause()
            popup = screen.query_one(WordPopup)
            assert popup.display and popup.info is not None and popup.info.word == "预训练"
            assert popup.info.glossary_source == "the article's glossary"
            await pilot.press("escape")
