"""The parsed copy of ``deck.yaml`` in the cache folder: used only for the very bytes it was made from."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from reader.errors import DataFileError
from reader.storage.paths import deck_path
from reader.study import deck_cache, deck_sync
from reader.study.deck import Deck, load_deck

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Decks past 5 cards append; the cache is written again after 3 lines read past it."""
    monkeypatch.setattr(deck_sync, "_REWRITE_UP_TO", 5)
    monkeypatch.setattr(deck_sync, "_SLACK", 10)
    monkeypatch.setattr(deck_cache, "REWRITE_AFTER_LINES", 3)


def fill(count: int, start: int = 0) -> None:
    deck = load_deck()
    for i in range(start, start + count):
        deck.save_word("book", f"词{i}", ("ci2",), f"word {i}", f"这是第{i}个词。", 3, 4, now=T0)
        deck.record_review(deck.cards[-1].id, 3, now=T0 + timedelta(hours=i))


def everything(deck: Deck) -> list[dict[str, object]]:
    """Every card with its answers, by id (lines read on top of a cache update cards in place, as a
    second instance's re-read does, where a whole parse moves a replaced card to the end)."""
    return sorted((c.to_dict() for c in deck.cards), key=lambda d: str(d["id"]))


def parsed() -> list[dict[str, object]]:
    """The deck as the file alone gives it (no cache)."""
    for path in deck_cache.cache_path_for(deck_path()).parent.glob("*"):
        path.unlink()
    return everything(load_deck())


def cache_covers_the_file() -> bool:
    raw = deck_path().read_bytes()
    got = deck_cache.load(deck_path(), raw)
    return got is not None and got[1] == len(raw)


def test_a_second_load_comes_from_the_cache_and_gives_the_same_cards() -> None:
    fill(8)
    first = everything(load_deck())  # parses the file, writes the cache
    assert cache_covers_the_file()
    assert everything(load_deck()) == first == parsed()


def test_lines_saved_after_the_cache_are_read_on_top_of_it() -> None:
    fill(8)
    load_deck()
    other = load_deck()  # another instance: its saves append to the file the cache was made from
    other.save_word("book", "新词", ("xin1", "ci2"), "new word", "一个新词。", 2, 4, now=T0)
    other.record_review(other.find("book", "词2").id, 1, now=T0 + timedelta(days=3))  # type: ignore[union-attr]
    deck = load_deck()
    assert "新词" in deck.words()
    assert [r.rating for r in deck.find("book", "词2").reviews] == [3, 1]  # type: ignore[union-attr]
    assert everything(deck) == parsed()


def test_many_lines_past_the_cache_write_it_again() -> None:
    fill(8)
    load_deck()
    fill(4, start=20)
    assert not cache_covers_the_file()
    load_deck()
    assert cache_covers_the_file()


def test_an_edit_by_hand_of_the_same_length_is_seen() -> None:
    fill(8)
    load_deck()
    path = deck_path()
    text = path.read_text(encoding="utf-8")
    assert '"word 3"' in text
    path.write_text(text.replace('"word 3"', '"WORD 3"'), encoding="utf-8")  # same size, in place
    assert load_deck().find("book", "词3").meaning == "WORD 3"  # type: ignore[union-attr]


def test_a_line_damaged_after_caching_is_still_an_error_and_left_alone() -> None:
    fill(8)
    load_deck()
    path = deck_path()
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[5] = "- {broken" + " " * (len(lines[5]) - 10) + "\n"
    damaged = "".join(lines)
    path.write_text(damaged, encoding="utf-8")
    with pytest.raises(DataFileError):
        load_deck()
    assert path.read_text(encoding="utf-8") == damaged


def test_a_damaged_or_foreign_cache_is_a_miss() -> None:
    fill(8)
    expected = everything(load_deck())
    cache = deck_cache.cache_path_for(deck_path())
    data = bytearray(cache.read_bytes())
    data[len(data) // 2] ^= 0xFF
    cache.write_bytes(bytes(data))
    assert deck_cache.load(deck_path(), deck_path().read_bytes()) is None
    assert everything(load_deck()) == expected
    cache.write_bytes(b"not a cache at all")
    assert everything(load_deck()) == expected


def test_a_compacted_deck_is_read_whole() -> None:
    fill(8)
    load_deck()
    deck = load_deck()
    for _ in range(12):  # replaced lines past the slack: the file is rewritten (a new inode)
        deck.set_meaning("词1", f"meaning {_}", None)
    assert everything(load_deck()) == parsed()


def test_a_traditional_cards_written_form_survives_the_cache() -> None:
    fill(6)
    deck = load_deck()
    deck.save_word("book", "学习", ("xue2", "xi2"), "to study", "我們一起學習。", 4, 6, now=T0, written="學習")
    first = parsed()  # no cache: parses the file and writes the cache
    assert cache_covers_the_file()
    cached = load_deck()
    assert everything(cached) == first == parsed()
    assert next(c for c in cached.cards if c.word == "学习").written == "學習"
