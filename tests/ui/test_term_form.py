"""Your own glossary terms and word boundaries from the reader (``+``): saved, applied at once, kept on restart."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
import yaml
from textual.pilot import Pilot
from textual.widgets import Input, Select

from reader.text.annotate import token_cache_path
from reader.text.user_rules import user_glossary_path, user_segmentation_path
from reader.ui.dialogs.term_form import TermForm
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.word_popup import WordPopup

from .helpers import make_app, ready

SIZE = (120, 40)


async def _reread(pilot: Pilot[None], screen: ReadingScreen, before: object) -> None:
    """Wait until the screen has the re-read document's tokens."""
    deadline = time.monotonic() + 60
    while screen.language is before and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
        await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert screen.language is not before


def _occurrences(text: str, word: str) -> list[int]:
    return [i for i in range(len(text)) if text.startswith(word, i)]


async def test_a_term_added_from_the_form_is_one_token_everywhere_now_and_after_a_restart() -> None:
    word = "技术挑战"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        text = screen.document.text
        places = _occurrences(text, word)
        assert places and all(screen.tokens.at(i).text != word for i in places)  # two tokens today
        view = screen.query_one(ArticleView)
        view.cursor = places[0]
        await pilot.press("v")
        while view.selection_range()[1] < places[0] + len(word):
            await pilot.press("l")
        await pilot.press("plus")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, TermForm)
        assert form.query_one("#term-kind", Select).value == "join"  # several words selected
        form.query_one("#term-kind", Select).value = "term"
        await pilot.pause()
        assert form.query_one("#term-pinyin", Input).value == "jì shù tiǎo zhàn"  # as the text reads it
        form.query_one("#term-gloss", Input).value = "technical challenge"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "释义" in str(form.query_one("#term-form-error").render())  # the form says what is missing
        form.query_one("#term-zh", Input).value = "技术方面的难题"
        before = screen.language
        await pilot.press("ctrl+s")
        await _reread(pilot, screen, before)
        assert all(screen.tokens.at(i).text == word for i in places)
        token = screen.tokens.at(places[0])
        assert token is not None and token.glossary and token.gloss == "technical challenge"
        view.cursor = places[0]
        await pilot.press("enter")
        await pilot.pause()
        popup = screen.query_one(WordPopup)
        assert popup.info is not None and popup.info.glossary_source == "yours"
    saved = yaml.safe_load(user_glossary_path().read_text(encoding="utf-8"))
    assert saved["version"] == 1
    assert saved["terms"] == [
        {
            "term": word,
            "pinyin": "jì shù tiǎo zhàn",
            "gloss": "technical challenge",
            "explanation": "technical challenge",
            "definition_zh": "技术方面的难题",
            "category": "general",
        }
    ]
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert all(screen.tokens.at(i).text == word for i in places)


async def test_a_split_rule_changes_the_tokens_at_once_and_notes_keep_their_anchors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A cache folder of its own: the token caches it checks are not shared with tests running alongside.
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    word = "市场"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        text = screen.document.text
        # Where the word is a token of its own today (not inside a longer glossary term such as 资本市场).
        places = [i for i in _occurrences(text, word) if screen.tokens.at(i).text == word]
        assert len(places) >= 3
        view = screen.query_one(ArticleView)
        # A note on the word first: its anchor must not move.
        view.cursor = places[0]
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"market")
        await pilot.press("ctrl+s")
        await pilot.pause()
        note = screen.note_actions.notes[0]
        anchor = (note.start, note.end)
        view.cursor = places[0]
        await pilot.press("plus")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, TermForm)
        form.query_one("#term-kind", Select).value = "split"
        await pilot.pause()
        assert form.query_one("#term-parts", Input).value == "市 场"
        before = screen.language
        assert before is not None and before.stack is not None
        old_cache = token_cache_path(before.stack.cache_key(screen.document))
        assert old_cache.is_file()
        others = [p for p in old_cache.parent.glob("*.marshal") if p != old_cache]
        await pilot.press("ctrl+s")
        await _reread(pilot, screen, before)
        assert all(screen.tokens.at(i).text == "市" and screen.tokens.at(i + 1).text == "场" for i in places)
        # This document's token cache was dropped and written anew; the other caches were left alone.
        assert not old_cache.exists()
        assert screen.language.stack is not None
        assert token_cache_path(screen.language.stack.cache_key(screen.document)).is_file()
        assert all(p.is_file() for p in others)
        assert (screen.note_actions.notes[0].start, screen.note_actions.notes[0].end) == anchor
    saved = yaml.safe_load(user_segmentation_path().read_text(encoding="utf-8"))
    assert saved == {"version": 1, "splits": [{"text": word, "into": ["市", "场"]}], "words": []}


async def test_a_damaged_glossary_file_is_left_alone() -> None:
    path = user_glossary_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("version: 1\nterms: [\n", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        view.cursor = screen.document.text.index("市场")
        await pilot.press("plus")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, TermForm)
        form.query_one("#term-gloss", Input).value = "market"
        form.query_one("#term-zh", Input).value = "交易的场所"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("not saved" in str(n.message) for n in app._notifications)
    assert path.read_text(encoding="utf-8") == "version: 1\nterms: [\n"
