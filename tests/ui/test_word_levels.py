"""Word status levels, the next-unknown keys and the HSK layer, as the learner sees them."""

from __future__ import annotations

import yaml
from rich.style import Style

from reader.storage.config import load_config
from reader.study.status import words_path
from reader.text.dictionary import Dictionary
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.hsk_legend import HskLegend
from reader.ui.widgets.word_popup import WordPopup

from .helpers import make_app, ready, status_text

SIZE = (120, 40)


async def test_u_visits_unknown_words_in_text_order_and_the_popup_follows() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        language = screen.language
        assert language is not None
        await pilot.press("g")
        # Mark the first unknown word known: the walk must skip it from now on.
        await pilot.press("u")
        first = screen.tokens.word_at(view.cursor)
        assert first is not None
        await pilot.press("5")
        await pilot.press("g", "enter")
        await pilot.pause()
        visited = []
        for _ in range(12):
            await pilot.press("u")
            await pilot.pause()
            token = screen.tokens.word_at(view.cursor)
            assert token is not None
            visited.append(token)
            assert token.text in status_text(pilot)
            popup = screen.query_one(WordPopup)
            assert popup.display and popup.info is not None and popup.info.word == token.text
        starts = [t.start for t in visited]
        assert starts == sorted(starts) and len(set(starts)) == len(starts)
        assert first.text not in {t.text for t in visited}
        # Every word jumped over is known, not Han, or a name (capitalised in CC-CEDICT, a company or product).
        dictionary = Dictionary.open()
        statuses = screen.word_actions.statuses()
        for token in language.tokens:
            if not visited[0].start < token.start < visited[-1].start or token in visited:
                continue
            if token.kind != "han":
                continue
            entry = language.glossary.get(token.text)
            entries = dictionary.lookup(token.text)
            is_name = (entry is not None and entry.category in ("company", "product")) or (
                entry is None and bool(entries) and all(e.pinyin[:1].isupper() for e in entries)
            )
            assert statuses.status(token.text) != "unknown" or is_name, token
        for token in visited:
            assert token.kind == "han" and statuses.status(token.text) == "unknown"
        # U goes back the same way.
        await pilot.press("U")
        await pilot.pause()
        assert view.cursor == visited[-2].start


async def test_number_keys_set_levels_saved_in_words_yaml() -> None:
    app = make_app(status_colours=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        text = screen.document.text
        for word, key in (("报道", "2"), ("显示", "4"), ("严峻", "5"), ("面临", "i"), ("挑战", "1")):
            view.cursor = text.index(word)
            await pilot.press(key)
            await pilot.pause()
        saved = yaml.safe_load(words_path().read_text(encoding="utf-8"))
        assert saved == {
            "version": 1,
            "known": ["严峻"],
            "levels": {"报道": 1, "挑战": 0, "显示": 3},
            "ignored": ["面临"],
        }
        view.cursor = text.index("显示")
        await pilot.press("0")
        await pilot.pause()
        saved = yaml.safe_load(words_path().read_text(encoding="utf-8"))
        assert "显示" not in saved["levels"]
        statuses = screen.word_actions.statuses()
        assert statuses.status("报道") == "learning-1" and statuses.status("面临") == "ignored"


def _styles_of(view: ArticleView, word: str) -> list[Style]:
    """The styles the text view draws ``word`` with (first occurrence on screen)."""
    for y in range(view.scrollable_content_region.height):
        strip = view.render_line(y)
        styles = [seg.style for seg in strip if word in seg.text and seg.style is not None]
        if styles:
            return styles
    raise AssertionError(f"{word} is not on screen")


async def test_keywords_stay_readable_with_the_status_layer() -> None:
    app = make_app(status_colours=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        view.cursor = screen.document.text.index("突破")  # a keyword of the article
        await pilot.press("s", "l")  # saved: learning
        await pilot.pause()
        for style in _styles_of(view, "突破"):
            assert style.color is not None and style.bgcolor is not None
            assert style.color.triplet != style.bgcolor.triplet  # never orange on orange
            fg, bg = style.color.triplet, style.bgcolor.triplet
            assert fg is not None and bg is not None
            assert sum(abs(a - b) for a, b in zip(fg, bg, strict=True)) > 200


async def test_h_shows_the_hsk_layer_and_its_legend() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        legend = screen.query_one(HskLegend)
        assert not legend.display
        before = _styles_of(view, "严峻")
        levels = {t.text: t.hsk for t in screen.tokens.in_range(0, 200) if t.kind == "han" and t.start > 3}
        easy = next(w for w, level in levels.items() if level is not None and level <= 3 and len(w) > 1)
        easy_plain = [s.color for s in _styles_of(view, easy)]
        await pilot.press("H")
        await pilot.pause()
        assert legend.display and "7-9" in str(legend.render())
        assert "HSK colours" in status_text(pilot)
        assert load_config().hsk_colours
        after = _styles_of(view, "严峻")
        assert [s.color for s in after] != [s.color for s in before]
        # Above my level: words at or below it are not coloured.
        screen.action_mode_set("hsk_above", "6")
        await pilot.pause()
        assert load_config().hsk_above == "6"
        assert "above HSK 6" in str(legend.render())
        assert [s.color for s in _styles_of(view, easy)] == easy_plain
        screen.action_mode_set("hsk_above", "all")
        await pilot.pause()
        assert [s.color for s in _styles_of(view, easy)] != easy_plain
        await pilot.press("H")
        await pilot.pause()
        assert not legend.display
