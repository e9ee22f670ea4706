"""Saving words while reading, marking them known, and studying them from the app."""

from __future__ import annotations

from pathlib import Path

import yaml

from reader.ui.screens.study import StudyScreen
from reader.ui.widgets.article_view import ArticleView

from .helpers import make_app, ready

SIZE = (120, 40)
WORDS = ("预训练", "框架", "收敛")


async def test_save_three_words_then_study_them(reader_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        for word in WORDS:
            view.cursor = screen.document.text.index(word)
            await pilot.press("s")
        await pilot.press("s")  # the same word again: no duplicate
        await pilot.pause()
        deck = yaml.safe_load((reader_home / "deck.yaml").read_text(encoding="utf-8"))
        assert sorted(card["word"] for card in deck["cards"]) == sorted(WORDS)
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        for _ in WORDS:
            await pilot.press("space")
            await pilot.pause()
            await pilot.press("3")
            await pilot.pause()
    deck = yaml.safe_load((reader_home / "deck.yaml").read_text(encoding="utf-8"))
    log = yaml.safe_load((reader_home / "reviews.yaml").read_text(encoding="utf-8"))
    for card in deck["cards"]:
        assert [r for r in log["reviews"] if r[0] == card["id"]], card["word"]
        assert card["fsrs"]["due"]


async def test_mark_known_and_undo(reader_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        view.cursor = screen.document.text.index("市场")
        await pilot.press("m")
        await pilot.pause()
        assert view.word_status("市场") == "known"  # what the word-status colours show
        words = yaml.safe_load((reader_home / "words.yaml").read_text(encoding="utf-8"))
        assert "市场" in str(words)
        await pilot.press("m")
        assert view.word_status("市场") == "unknown"


async def test_a_latin_glossary_term_can_be_saved_and_studied(reader_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        view.cursor = screen.document.text.index("OpenAI")
        await pilot.press("s")
        await pilot.pause()
        deck = yaml.safe_load((reader_home / "deck.yaml").read_text(encoding="utf-8"))
        assert [card["word"] for card in deck["cards"]] == ["OpenAI"]
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        await pilot.press("space")
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
    deck = yaml.safe_load((reader_home / "deck.yaml").read_text(encoding="utf-8"))
    log = yaml.safe_load((reader_home / "reviews.yaml").read_text(encoding="utf-8"))
    assert [r for r in log["reviews"] if r[0] == deck["cards"][0]["id"]]


async def test_stats_from_the_reader_grade_the_screens_own_tokens(monkeypatch) -> None:
    """The HSK profile reuses the reading screen's tokens: nothing is segmented again."""
    import reader.text.annotate as annotate
    from reader.ui.screens.stats import StatsScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)

        def segmenting_again(*args: object, **kwargs: object) -> None:
            raise AssertionError("segmented again")

        monkeypatch.setattr(annotate, "annotate_document", segmenting_again)
        screen.action_stats()
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        hsk = str(app.screen.query_one("#stats-hsk").render())
        assert "HSK 1" in hsk and "Not available" not in hsk
