"""Word status: unknown, learning (saved), known (toggled); words.yaml."""

from __future__ import annotations

import yaml

from reader.errors import DataFileError
from reader.study.deck import load_deck
from reader.study.status import load_word_statuses, words_path


def test_statuses_follow_the_deck_and_the_known_list() -> None:
    deck = load_deck()
    deck.save_word("article", "训练", ("xun4", "lian4"), "to train", "训练很贵。", 0, 2)
    words = load_word_statuses(deck)
    assert words.status("训练") == "learning"
    assert words.status("模型") == "unknown"
    assert words.toggle_known("模型") == "known"
    assert words.statuses(["训练", "模型", "数据"]) == {"训练": "learning", "模型": "known", "数据": "unknown"}


def test_toggle_twice_undoes_and_is_saved_at_once() -> None:
    words = load_word_statuses()
    assert words.toggle_known("模型") == "known"
    assert yaml.safe_load(words_path().read_text(encoding="utf-8")) == {"version": 1, "known": ["模型"]}
    assert load_word_statuses().status("模型") == "known"
    assert words.toggle_known("模型") == "unknown"
    assert load_word_statuses().status("模型") == "unknown"


def test_known_overrides_learning_and_undo_returns_to_learning() -> None:
    deck = load_deck()
    deck.save_word("article", "训练", ("xun4", "lian4"), "to train", "训练很贵。", 0, 2)
    words = load_word_statuses(deck)
    assert words.toggle_known("训练") == "known"
    assert words.learning() == set()
    assert words.toggle_known("训练") == "learning"


def test_another_instance_s_change_is_kept() -> None:
    first, second = load_word_statuses(), load_word_statuses()
    first.toggle_known("模型")
    second.toggle_known("数据")
    assert load_word_statuses().known == {"模型", "数据"}


def test_damaged_file_makes_the_store_read_only_and_is_left_alone() -> None:
    path = words_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("version: 1\nknown: [\n", encoding="utf-8")
    words = load_word_statuses()
    assert words.read_only and "\n" not in words.read_only
    assert words.status("模型") == "unknown"
    try:
        words.toggle_known("模型")
    except DataFileError as exc:
        assert str(path) in exc.message
    else:
        raise AssertionError("toggle on a damaged file must fail")
    assert path.read_text(encoding="utf-8") == "version: 1\nknown: [\n"
