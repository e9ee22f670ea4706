"""Review sessions against a fixed clock: FSRS due times, the new-card limit, a kill mid-session."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Scheduler

from reader.storage.paths import config_path
from reader.study.deck import load_deck
from reader.study.drill import DrillEntry, DrillSession, build_drill, section_entries
from reader.study.review import ReviewSession
from reader.text.document import DocumentBuilder
from reader.text.glossary import Glossary, GlossaryEntry

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
SENTENCE = "模型的训练需要数据。"
WORDS = [
    ("模型", ("mo2", "xing2"), "model", 0, 2),
    ("训练", ("xun4", "lian4"), "to train", 3, 5),
    ("数据", ("shu4", "ju4"), "data", 7, 9),
]


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def make_deck(n: int = 3):
    deck = load_deck()
    for i in range(n):
        word, syl, meaning, start, end = WORDS[i % 3] if i < 3 else (f"词{i}", ("ci2",), f"word {i}", 0, 1)
        sentence = SENTENCE if i < 3 else f"词{i}。"
        deck.save_word("article", word, syl, meaning, sentence, start, end, now=T0 + timedelta(seconds=i))
    return deck


def session(deck, clock, **kw):
    return ReviewSession(deck, clock=clock, scheduler=Scheduler(enable_fuzzing=False), tz=UTC, **kw)


def test_new_cards_come_in_the_order_saved_in_recognition_first() -> None:
    s = session(make_deck(), Clock())
    item = s.current
    assert item is not None and item.card.word == "模型" and item.is_new
    assert item.direction == "recognition"
    assert (s.remaining, s.remaining_new, s.remaining_review) == (3, 3, 0)


def test_good_on_a_new_card_is_due_after_the_ten_minute_step() -> None:
    clock = Clock()
    s = session(make_deck(1), clock)
    card = s.answer(s.current.card, 3)
    assert card.due == T0 + timedelta(minutes=10)
    assert s.done  # ten minutes is beyond the learn-ahead window


def test_again_comes_back_a_minute_later_in_the_same_session() -> None:
    clock = Clock()
    s = session(make_deck(1), clock)
    card = s.answer(s.current.card, 1)
    assert card.due == T0 + timedelta(minutes=1)
    assert s.current is not None and s.current.card.id == card.id
    clock.now += timedelta(minutes=1)
    card = s.answer(card, 3)
    assert card.due == clock.now + timedelta(minutes=10)
    assert s.done


def test_graduated_card_is_due_in_days_and_then_shown_reversed() -> None:
    clock = Clock()
    deck = make_deck(1)
    s = session(deck, clock)
    s.answer(s.current.card, 3)
    clock.now += timedelta(minutes=10)
    s = session(deck, clock)
    item = s.current
    assert item is not None and not item.is_new and item.direction == "reverse"
    card = s.answer(item.card, 3)
    assert card.due - clock.now >= timedelta(days=1)
    assert card.reviews[-1].elapsed == pytest.approx(10 / 1440, abs=1e-3)


def test_easy_schedules_later_than_good_than_hard() -> None:
    dues = []
    for rating in (2, 3, 4):
        deck = load_deck()
        deck.save_word(f"d{rating}", "训练", ("xun4", "lian4"), "to train", SENTENCE, 3, 5, now=T0)
        s = ReviewSession(deck, doc_id=f"d{rating}", clock=Clock(), scheduler=Scheduler(enable_fuzzing=False))
        dues.append(s.answer(s.current.card, rating).due)
    assert dues[0] < dues[1] < dues[2]


def test_daily_new_card_limit_counts_cards_started_today() -> None:
    clock = Clock()
    deck = make_deck(5)
    s = session(deck, clock, limit_new=2)
    assert s.remaining == 2
    s.answer(s.current.card, 3)
    clock.now += timedelta(hours=1)
    assert session(deck, clock, limit_new=2).remaining_new == 1  # one new card left for today
    clock.now = T0 + timedelta(days=1)
    assert session(deck, clock, limit_new=2).remaining_new == 2  # a new day


def test_limit_comes_from_config_with_a_default_of_20() -> None:
    assert ReviewSession(make_deck(1)).limit_new == 20
    config_path().write_text("version: 1\nstudy:\n  new_cards_per_day: 7\n", encoding="utf-8")
    assert ReviewSession(make_deck(1)).limit_new == 7
    config_path().write_text("version: 1\nstudy:\n  new_cards_per_day: -3\n", encoding="utf-8")
    assert ReviewSession(make_deck(1)).limit_new == 20
    config_path().write_text("version: 1\nstudy: [\n", encoding="utf-8")
    assert ReviewSession(make_deck(1)).limit_new == 20


def test_session_can_be_limited_to_one_document() -> None:
    deck = make_deck(2)
    deck.save_word("other", "训练", ("xun4", "lian4"), "to train", SENTENCE, 3, 5, now=T0)
    assert session(deck, Clock(), doc_id="other").remaining == 1
    assert session(deck, Clock()).remaining == 3


def test_kill_mid_session_loses_nothing_answered() -> None:
    clock = Clock()
    s = session(make_deck(3), clock)
    first = s.current.card
    clock.now += timedelta(seconds=12)
    answered = s.answer(first, 3)
    on_screen = s.current.card.id
    del s  # the process dies with the second card on screen
    deck = load_deck()
    saved = deck.get(first.id)
    assert saved is not None and [r.rating for r in saved.reviews] == [3]
    assert saved.reviews[0].duration == 12.0
    assert saved.due == answered.due == clock.now + timedelta(minutes=10)
    resumed = session(deck, clock)
    assert resumed.current.card.id == on_screen
    assert first.id not in [resumed.current.card.id]
    assert resumed.remaining == 2


def test_summary_counts_accuracy_time_and_next_due() -> None:
    clock = Clock()
    s = session(make_deck(2), clock)
    clock.now += timedelta(seconds=30)
    s.answer(s.current.card, 1)
    clock.now += timedelta(seconds=30)
    s.answer(s.current.card, 3)
    clock.now += timedelta(seconds=30)
    s.answer(s.current.card, 3)  # the Again card again
    assert s.done
    summary = s.summary()
    assert (summary.reviewed, summary.again, summary.new) == (3, 1, 2)
    assert summary.accuracy == pytest.approx(2 / 3)
    assert summary.time_spent == timedelta(seconds=90)
    assert summary.next_due == T0 + timedelta(seconds=60) + timedelta(minutes=10)


def test_answers_go_to_the_deck_file_with_review_log() -> None:
    clock = Clock()
    deck = make_deck(1)
    s = session(deck, clock)
    s.answer(s.current.card, 4)
    card = load_deck().cards[0]
    assert card.reviews[0].time == T0 and card.reviews[0].rating == 4
    assert card.fsrs["last_review"] == T0.isoformat()


# -- drill ---------------------------------------------------------------------


def glossary() -> Glossary:
    terms = [("预训练", "yù xùn liàn", "pretraining", "stage one"), ("算力", "suàn lì", "compute", "")]
    return Glossary({t: GlossaryEntry(t, p, g, e, "", "ai-ml") for t, p, g, e in terms})


def test_section_entries_take_terms_and_saved_words_in_text_order() -> None:
    builder = DocumentBuilder()
    builder.add_section("一", "", ["数据很多。预训练很贵。"])
    builder.add_section("二", "", ["算力不够。"])
    doc = builder.build(id="d", title="D")
    deck = load_deck()
    deck.save_word("d", "数据", ("shu4", "ju4"), "data", "数据很多。", 0, 2)
    entries = section_entries(doc, doc.sections[0], deck, glossary())
    assert [(e.word, e.source) for e in entries] == [("数据", "deck"), ("预训练", "glossary")]
    assert entries[1].syllables == ("yu4", "xun4", "lian4")


def test_drill_recognition_then_production_with_tone_numbers() -> None:
    entry = DrillEntry("预训练", ("yu4", "xun4", "lian4"), "pretraining")
    items = build_drill([entry, entry, DrillEntry("无义", (), "")])
    assert [(i.kind, i.prompt) for i in items] == [("recognition", "预训练"), ("production", "pretraining")]
    drill = DrillSession(items)
    drill.grade(True)
    assert drill.answer("yu4xun4lian4") is True
    assert drill.done and drill.correct == 2


@pytest.mark.parametrize(
    ("typed", "ok"), [("yu4xun4lian4", True), ("yù xùn liàn", True), ("yu4 xun4 lian3", False), ("", False)]
)
def test_production_check(typed: str, ok: bool) -> None:
    item = build_drill([DrillEntry("预训练", ("yu4", "xun4", "lian4"), "pretraining")], recognition=False)[0]
    assert item.check(typed) is ok


def test_a_saved_name_is_recognised_never_typed_as_pinyin() -> None:
    from reader.study.drill import DrillEntry, build_drill

    entries = [DrillEntry("OpenAI", ("ou1",), "an AI company"), DrillEntry("模型", ("mo2", "xing2"), "model")]
    items = [(item.kind, item.entry.word) for item in build_drill(entries)]
    assert items == [("recognition", "OpenAI"), ("recognition", "模型"), ("production", "模型")]
    assert DrillEntry("GPT-5", (), "").is_name and DrillEntry("2024", (), "").is_name
    assert not DrillEntry("生成式AI", (), "").is_name
