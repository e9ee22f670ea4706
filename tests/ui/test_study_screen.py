"""A full review with Pilot: three saved words, space then 3 through each, the deck file records it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import yaml
from fsrs import Scheduler
from textual.widgets import Static

from reader.storage.paths import deck_path
from reader.study.deck import load_deck
from reader.text.content import resolve_document
from reader.text.linebreak import display_text
from reader.ui.screens.study import StudyScreen
from reader.ui.study_app import StudyApp

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
WORDS = {
    "预训练": (("yu4", "xun4", "lian4"), "pretraining"),
    "模型": (("mo2", "xing2"), "model"),
    "数据": (("shu4", "ju4"), "data"),
}


def save_three_words() -> dict[str, str]:
    """Save three words from the bundled article as the reading screen would; word -> sentence."""
    doc = resolve_document("article")
    deck = load_deck()
    sentences = {}
    for word, (syllables, meaning) in WORDS.items():
        offset = doc.text.index(word)
        start, end = doc.sentence_at(offset)
        sentence = doc.text[start:end]
        deck.save_word(doc.id, word, syllables, meaning, sentence, offset - start, offset - start + len(word), now=NOW)
        # The card shows the sentence as the reader does (full-width punctuation).
        sentences[word] = display_text(sentence)
    return sentences


def text_of(app: StudyApp, selector: str) -> str:
    widget = app.screen.query_one(selector, Static)
    return str(widget.render()) if widget.display else ""


async def test_full_review_records_reviews_and_due_dates() -> None:
    sentences = save_three_words()
    app = StudyApp("article", clock=lambda: NOW, scheduler=Scheduler(enable_fuzzing=False), tz=UTC)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        assert "3 left (3 new, 0 review)" in text_of(app, "#study-progress")
        seen = []
        for remaining in (3, 2, 1):
            sentence = text_of(app, "#study-sentence")
            word = next(w for w in WORDS if sentences[w] == sentence and w in sentence)
            seen.append(word)
            assert f"{remaining} left" in text_of(app, "#study-progress")
            assert text_of(app, "#study-answer") == ""  # hidden until space
            await pilot.press("3")  # rating before reveal does nothing
            assert f"{remaining} left" in text_of(app, "#study-progress")
            await pilot.press("space")
            answer = text_of(app, "#study-answer")
            assert word in answer and WORDS[word][1] in answer
            await pilot.press("3")
            await pilot.pause()
        assert seen == list(WORDS)
        summary = text_of(app, "#study-summary")
        assert "Session complete." in summary
        assert "Cards reviewed: 3 (3 new)" in summary
        assert "Accuracy:       100%" in summary
        assert "Next due:       in 10 min" in summary
        assert "0 left" in text_of(app, "#study-progress")
        await pilot.press("q")
        await pilot.pause()
    assert app.return_value is not None and app.return_value.reviewed == 3

    data = yaml.safe_load(deck_path().read_text(encoding="utf-8"))
    assert len(data["cards"]) == 3
    # The answers are in the review log beside the deck: [card id, time, rating, elapsed, duration].
    log = yaml.safe_load(deck_path().with_name("reviews.yaml").read_text(encoding="utf-8"))
    for card in data["cards"]:
        assert [(r[1], r[2]) for r in log["reviews"] if r[0] == card["id"]] == [(NOW.isoformat(), 3)]
        assert card["fsrs"]["due"] == (NOW + timedelta(minutes=10)).isoformat()
        assert card["fsrs"]["last_review"] == NOW.isoformat()


async def test_pinyin_is_shown_in_tone_colours_and_reverse_is_a_cloze() -> None:
    save_three_words()
    deck = load_deck()
    card = deck.cards[0]
    deck.record_review(card.id, 3, now=NOW - timedelta(days=3), scheduler=Scheduler(enable_fuzzing=False))
    app = StudyApp("article", deck=deck, clock=lambda: NOW, limit_new=0, tz=UTC)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        sentence = text_of(app, "#study-sentence")
        assert card.word not in sentence and "＿" * len(card.word) in sentence
        assert "Meaning:" in text_of(app, "#study-prompt")
        await pilot.press("space")
        await pilot.pause()
        assert card.word in text_of(app, "#study-sentence")
        answer = app.screen.query_one("#study-answer", Static).render()
        assert "yù xùn liàn" in str(answer)
        styles = {str(span.style) for span in answer.spans}
        assert any("#f47c36" in s for s in styles) is False  # tone 2 absent from yù xùn liàn
        assert any("#649cd3" in s for s in styles)  # tone 4 in the Zhongwen scheme


async def test_empty_deck_shows_nothing_to_review_and_esc_leaves() -> None:
    app = StudyApp(clock=lambda: NOW)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Nothing to review now." in text_of(app, "#study-summary")
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_value is not None and app.return_value.reviewed == 0
