"""Snapshot of the Stats screen with a fixed clock, a fixed review history and fixed reading state.

Regenerate after a deliberate change with
``pytest tests/ui/test_stats_snapshot.py --snapshot-update`` and look at the SVG.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fsrs import Scheduler
from textual.app import App
from textual.pilot import Pilot

from reader.study.deck import load_deck
from reader.text.document import DocumentBuilder
from reader.ui.screens.stats import StatsScreen

NOW = datetime(2025, 3, 30, 12, 0, tzinfo=UTC)
HSK = [
    ("HSK 1", 47),
    ("HSK 2", 54),
    ("HSK 3", 117),
    ("HSK 4", 98),
    ("HSK 5", 65),
    ("HSK 6", 63),
    ("HSK 7-9", 128),
    ("beyond HSK", 300),
]


def fixed_deck():
    deck = load_deck()
    scheduler = Scheduler(enable_fuzzing=False)
    words = ["模型", "训练", "数据", "算力", "推理", "参数"]
    for word in words:
        deck.save_word("doc", word, ("mo2", "xing2"), word, f"{word}很重要。", 0, 2, now=NOW - timedelta(days=29))
    # A review history: more reviews in recent days, one Again in five.
    for day in range(28, -1, -1):
        for n in range((29 - day) % 4 + (1 if day < 7 else 0)):
            card = deck.cards[(day + n) % len(words)]
            rating = 1 if (day + n) % 5 == 0 else 3
            deck.record_review(card.id, rating, now=NOW - timedelta(days=day, hours=2, minutes=n), scheduler=scheduler)
    deck.save_word("doc", "寒冬", ("han2", "dong1"), "winter", "寒冬来了。", 0, 2, now=NOW)
    return deck


def fixed_doc():
    builder = DocumentBuilder()
    builder.add_section("摘要", "Abstract", ["一" * 40])
    builder.add_section("期待落空", "Expectations Deflated", ["二" * 40])
    builder.add_section("预训练受阻", "Pretraining Hits a Wall", ["三" * 40])
    builder.add_section("结语", "Conclusion", ["四" * 40])
    return builder.build(id="doc", title="OpenAI的技术瓶颈")


class StatsApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.deck = fixed_deck()
        self.doc = fixed_doc()

    def on_mount(self) -> None:
        state = {"furthest": 60, "sections_read": ["s1"], "seen": [[0, 60]]}
        self.push_screen(StatsScreen(self.doc, deck=self.deck, clock=lambda: NOW, tz=UTC, hsk=HSK, reading_state=state))


async def _settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_stats_screen(snap_compare) -> None:
    assert snap_compare(StatsApp(), terminal_size=(100, 40), run_before=_settle)
