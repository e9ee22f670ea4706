"""Stats: reviews per day, due counts, retention, reading progress, the plain-text summary."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Scheduler

from reader.storage.paths import state_path
from reader.study.deck import load_deck
from reader.study.stats import (
    DocumentRead,
    collect_stats,
    documents_read,
    due_counts,
    profile_rows,
    reading_progress,
    retention,
    reviews_per_day,
)
from reader.study.stats_text import format_stats, sparkline
from reader.text.document import DocumentBuilder

NOW = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)
SCHED = Scheduler(enable_fuzzing=False)


def deck_with_history():
    deck = load_deck()
    for word in ["模型", "训练", "数据"]:
        deck.save_word("d", word, ("mo2",), word, f"{word}。", 0, 2, now=NOW - timedelta(days=10))
    a, b, _ = deck.cards
    deck.record_review(a.id, 3, now=NOW - timedelta(days=9), scheduler=SCHED)
    deck.record_review(a.id, 1, now=NOW - timedelta(days=2), scheduler=SCHED)
    deck.record_review(b.id, 3, now=NOW - timedelta(days=2, hours=1), scheduler=SCHED)
    deck.record_review(b.id, 4, now=NOW - timedelta(days=40), scheduler=SCHED)  # out of the window
    return deck


def doc():
    builder = DocumentBuilder()
    builder.add_section("一", "One", ["一二三四五六七八九十"])  # 0..10
    builder.add_section("二", "Two", ["一二三四五六七八九十"])  # 11..21
    builder.add_section("三", "", ["一二三四五六七八九十"])  # 22..32
    return builder.build(id="d", title="Doc")


def test_reviews_per_day_are_counted_on_their_calendar_day() -> None:
    counts = reviews_per_day(deck_with_history().cards, NOW, tz=UTC)
    assert len(counts) == 30
    assert counts[-1] == 0 and counts[-3] == 2 and counts[-10] == 1
    assert sum(counts) == 3


def test_retention_is_the_share_not_again_over_30_days() -> None:
    assert retention(deck_with_history().cards, NOW) == pytest.approx(2 / 3)
    assert retention([], NOW) is None


def test_due_today_and_this_week_leave_new_cards_out() -> None:
    deck = deck_with_history()
    today, week = due_counts(deck.cards, NOW, tz=UTC)
    assert 1 <= today <= week <= 2
    assert due_counts(deck.cards, NOW + timedelta(days=400), tz=UTC) == (2, 2)


def test_reading_progress_of_an_old_state_file_counts_only_its_sections_read() -> None:
    """Before ``seen``, ``furthest`` was where the cursor went (one G made every section 100%)."""
    state_path().write_text(
        "version: 1\ndocuments:\n  d: {offset: 15, furthest: 16, sections_read: [s3], updated: '2025-03-10T12:00:00+00:00'}\n",
        encoding="utf-8",
    )
    rows = reading_progress(doc())
    assert [(r.id, round(r.fraction, 2), r.read) for r in rows] == [
        ("s1", 0.0, False),
        ("s2", 0.0, False),
        ("s3", 1.0, True),
    ]


def test_reading_progress_is_the_share_of_each_section_seen() -> None:
    state_path().write_text(
        "version: 1\ndocuments:\n  d: {offset: 30, furthest: 32, sections_read: [], seen: [[0, 10], [11, 16], [30, 32]]}\n",
        encoding="utf-8",
    )
    rows = reading_progress(doc())
    assert [(r.id, round(r.fraction, 2), r.read) for r in rows] == [
        ("s1", 1.0, True),
        ("s2", 0.5, False),  # half seen: not read
        ("s3", 0.2, False),  # the cursor at its end reads nothing
    ]
    text = format_stats(collect_stats(load_deck(), NOW, doc(), hsk=[]))
    assert "1/3 sections read" in text
    assert text.count("✓") == 1


@pytest.mark.parametrize("content", [None, "not: [valid\n", "version: 1\ndocuments: []\n"])
def test_reading_progress_tolerates_absent_or_odd_state(content: str | None) -> None:
    if content is not None:
        state_path().write_text(content, encoding="utf-8")
    assert [r.fraction for r in reading_progress(doc())] == [0.0, 0.0, 0.0]


def test_profile_rows_turn_shares_into_counts() -> None:
    profile = {1: 0.5, 2: 0.25, 3: 0.0, 4: 0.0, 5: 0.0, 6: 0.0, 7: 0.0, "beyond": 0.25}
    rows = profile_rows(profile, 8)
    assert rows[0] == ("HSK 1", 4) and rows[6] == ("HSK 7-9", 0) and rows[-1] == ("beyond HSK", 2)


def test_format_stats_plain_text() -> None:
    stats = collect_stats(
        deck_with_history(), NOW, doc(), tz=UTC, hsk=[("HSK 1", 4), ("beyond HSK", 2)], reading_state={"seen": [[0, 5]]}
    )
    text = format_stats(stats)
    assert "Deck (all cards): 3 cards, 1 new" in text
    assert "Retention (30 days): 67% over 3 reviews (4 in all)" in text
    assert "一  One" in text and " 50%" in text
    assert "HSK 1" in text and "beyond HSK" in text
    assert "\x1b" not in text


def test_sparkline_scales_to_the_largest_value() -> None:
    assert sparkline([0, 1, 2]) == "▁▅█"
    assert sparkline([0, 0]) == "▁▁"


def test_documents_read_last_read_first_and_tolerant_of_odd_entries() -> None:
    state = {
        "old": {"sections_read": ["a"], "updated": "2025-01-02T03:04:05+00:00"},
        "new": {"sections_read": ["a", "b"], "updated": "2025-03-09T10:00:00+00:00"},
        "odd": {"sections_read": "not a list"},
        "junk": 7,
    }
    rows = documents_read(state)
    assert [(r.doc_id, r.sections_read, r.updated) for r in rows] == [
        ("new", 2, "2025-03-09"),
        ("old", 1, "2025-01-02"),
        ("odd", 0, ""),
    ]


def test_format_stats_lists_the_documents_read() -> None:
    documents = (
        DocumentRead("article", 3, "2025-03-09", title="OpenAI的技术瓶颈", sections=14),
        DocumentRead("essay-1a2b3c4d", 1, ""),
    )
    text = format_stats(replace(collect_stats(deck_with_history(), NOW, tz=UTC), documents=documents))
    assert "Documents read (last read first):" in text
    assert "OpenAI的技术瓶颈  3/14 sections read · last read 2025-03-09" in text
    assert "essay-1a2b3c4d    1 section read" in text


def test_reader_stats_without_a_document_lists_what_was_read(reader_home: Path) -> None:
    from reader.storage.state import Position, ReadingState

    ReadingState().save("article", Position(offset=40, furthest=900, sections_read=["abstract", "expectations"]))
    done = subprocess.run(
        [sys.executable, "-m", "reader", "stats"], capture_output=True, text=True, env=dict(os.environ), check=False
    )
    assert done.returncode == 0, done.stderr
    assert "OpenAI的技术瓶颈：GPT-5与预训练困局  2/14 sections read · last read " in done.stdout
