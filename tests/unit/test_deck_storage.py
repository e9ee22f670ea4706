"""The deck's two files at scale: appends instead of rewrites, the v1 migration, torn lines, merges, SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml

from reader.errors import DataFileError
from reader.storage.paths import deck_path
from reader.study import deck_sync
from reader.study.card import Card, Context, ReviewEntry, card_id_for
from reader.study.deck import load_deck
from reader.study.deck_file import backup_path_for, flow_line, reviews_path_for

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Decks past 5 cards append, and 10 replaced lines are allowed: the big-deck paths with few cards."""
    monkeypatch.setattr(deck_sync, "_REWRITE_UP_TO", 5)
    monkeypatch.setattr(deck_sync, "_SLACK", 10)


def fill(count: int) -> None:
    """Save ``count`` words (one write each, as a learner would)."""
    deck = load_deck()
    for i in range(count):
        deck.save_word("book", f"词{i}", ("ci2",), f"word {i}", f"这是第{i}个词。", 3, 4, now=T0)


def test_a_save_in_a_big_deck_appends_one_line_and_rewrites_nothing() -> None:
    fill(deck_sync._REWRITE_UP_TO + 5)
    path = deck_path()
    before = path.read_bytes()
    inode = path.stat().st_ino
    load_deck().save_word("book", "新词", ("xin1", "ci2"), "new word", "一个新词。", 2, 4, now=T0)
    after = path.read_bytes()
    assert path.stat().st_ino == inode  # not replaced
    assert after.startswith(before)
    added = after[len(before) :].decode("utf-8").splitlines()
    assert len(added) == 1 and '"word": "新词"' in added[0]


def test_answers_go_to_the_append_only_review_log() -> None:
    fill(3)
    deck = load_deck()
    card = deck.cards[0]
    deck.record_review(card.id, 3, now=T0 + timedelta(minutes=1), duration=2.5)
    deck.record_review(card.id, 1, now=T0 + timedelta(days=1))
    log = yaml.safe_load(reviews_path_for(deck_path()).read_text(encoding="utf-8"))
    assert log["version"] == 2
    assert [r[:3] for r in log["reviews"]] == [
        [card.id, (T0 + timedelta(minutes=1)).isoformat(), 3],
        [card.id, (T0 + timedelta(days=1)).isoformat(), 1],
    ]
    again = load_deck().get(card.id)
    assert again is not None and [r.rating for r in again.reviews] == [3, 1]
    assert again.fsrs == card.fsrs and again.reviews[0].duration == 2.5


def test_replaced_lines_are_compacted_away() -> None:
    fill(deck_sync._REWRITE_UP_TO + 1)
    deck = load_deck()
    card = deck.cards[0]
    for i in range(2 * len(deck) + deck_sync._SLACK + 5):
        deck.record_review(card.id, 3, now=T0 + timedelta(days=i + 1))
    data = yaml.safe_load(deck_path().read_text(encoding="utf-8"))
    assert len(data["cards"]) < 2 * len(deck) + deck_sync._SLACK + 2
    reread = load_deck()
    assert len(reread) == len(deck) and len(reread.get(card.id).reviews) == len(card.reviews)  # type: ignore[union-attr]


def test_yaml_reads_the_lines_as_the_reader_does() -> None:
    odd = 'line\u2028break \x85 next\u2029 del\x7f bom\ufeff tab\t quote" back\\ 𠀀 \x1b[31m'
    deck = load_deck()
    deck.save_word("book", "怪", ("guai4",), odd, odd, 0, 1, explanation=odd, now=T0)
    data = yaml.safe_load(deck_path().read_text(encoding="utf-8"))
    assert data["cards"][0]["meaning"] == odd
    assert data["cards"][0]["contexts"][0]["sentence"] == odd
    assert load_deck().cards[0].explanation == odd
    assert flow_line({"a": odd}).count(b"\n") == 1


def test_a_version_1_deck_is_migrated_once_with_a_backup() -> None:
    card = Card(
        card_id_for("article", "训练"),
        "训练",
        ("xun4", "lian4"),
        "to train",
        "article",
        [Context("模型的训练需要数据。", 3, 5)],
        "",
        T0,
        {"state": 2, "due": (T0 + timedelta(days=3)).isoformat()},
        [ReviewEntry(T0 + timedelta(hours=1), 3, 0.0417, 4.2), ReviewEntry(T0 + timedelta(days=1), 4, 0.9583)],
    )
    v1 = yaml.safe_dump(
        {"version": 1, "cards": [card.to_dict()]}, allow_unicode=True, sort_keys=False, width=100
    ).encode("utf-8")
    path = deck_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(v1)
    deck = load_deck()
    assert backup_path_for(path).read_bytes() == v1
    assert path.read_text(encoding="utf-8").startswith("version: 2\n")
    assert [c.to_dict() for c in deck.cards] == [card.to_dict()]
    assert [c.to_dict() for c in load_deck().cards] == [card.to_dict()]
    assert backup_path_for(path).read_bytes() == v1  # migrated once, the backup left as it was


def test_a_damaged_version_1_deck_is_not_migrated() -> None:
    path = deck_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("version: 1\ncards: {\n", encoding="utf-8")
    with pytest.raises(DataFileError):
        load_deck()
    assert path.read_text(encoding="utf-8") == "version: 1\ncards: {\n"
    assert not backup_path_for(path).exists() and not reviews_path_for(path).exists()


def test_a_torn_last_line_is_ignored_then_cut_off() -> None:
    fill(deck_sync._REWRITE_UP_TO + 2)
    path = deck_path()
    with open(path, "ab") as handle:
        handle.write(b'- {"id": "abc", "wor')  # a write cut short
    deck = load_deck()
    assert len(deck) == deck_sync._REWRITE_UP_TO + 2
    deck.save_word("book", "后来", ("hou4", "lai2"), "later", "后来呢？", 0, 2, now=T0)
    text = path.read_text(encoding="utf-8")
    assert '"wor\n' not in text and "abc" not in text
    assert len(load_deck()) == deck_sync._REWRITE_UP_TO + 3


def test_a_bad_line_in_the_middle_is_an_error_and_nothing_is_written() -> None:
    fill(deck_sync._REWRITE_UP_TO + 2)
    path = deck_path()
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[5] = "- {broken\n"
    damaged = "".join(lines)
    path.write_text(damaged, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_deck()
    assert "line 6" in info.value.message
    assert path.read_text(encoding="utf-8") == damaged


def test_two_instances_merge_cards_and_answers() -> None:
    fill(deck_sync._REWRITE_UP_TO + 1)
    first, second = load_deck(), load_deck()
    target = first.cards[0].id
    first.record_review(target, 3, now=T0 + timedelta(hours=1))
    second.record_review(target, 2, now=T0 + timedelta(hours=2))  # builds on the first one's answer
    second.save_word("book", "第二", ("di4", "er4"), "second", "第二个。", 0, 2, now=T0)
    first.save_word("book", "第一", ("di4", "yi1"), "first", "第一个。", 0, 2, now=T0)
    for deck in (first, load_deck()):
        assert {"第一", "第二"} <= deck.words()
        assert [r.rating for r in deck.get(target).reviews] == [3, 2]  # type: ignore[union-attr]


_CHILD = """
import sys
from datetime import UTC, datetime
import reader.study.deck_sync
from reader.study.deck import load_deck
reader.study.deck_sync._REWRITE_UP_TO = 5
deck = load_deck()
for i in range(100000):
    deck.save_word("book", f"杀{i}", ("sha1",), "kill", f"第{i}句。", 0, 1, now=datetime(2025, 3, 1, tzinfo=UTC))
    print(i, flush=True)
"""


def test_sigkill_loses_no_acknowledged_save(reader_home: Path) -> None:
    fill(deck_sync._REWRITE_UP_TO + 1)  # big enough to append
    child = subprocess.Popen([sys.executable, "-c", _CHILD], stdout=subprocess.PIPE, text=True, env={**os.environ})
    assert child.stdout is not None
    done = -1
    deadline = time.monotonic() + 30
    while done < 40 and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        done = int(line)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    words = load_deck().words()
    assert done >= 0
    assert all(f"杀{i}" in words for i in range(done + 1))
