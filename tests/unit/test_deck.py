"""The deck file: one card per word, contexts added, persistence, damaged files left alone."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from reader.errors import DataFileError
from reader.storage.paths import deck_path
from reader.study.deck import Context, card_id_for, load_deck

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
S1 = "模型的训练需要数据。"
S2 = "训练很贵。"


def save(deck, sentence=S1, start=3, end=5, **kw):
    return deck.save_word("article", "训练", ("xun4", "lian4"), "to train", sentence, start, end, now=T0, **kw)


def test_saving_twice_keeps_one_card_with_two_contexts() -> None:
    deck = load_deck()
    save(deck)
    card = save(deck, S2, 0, 2)
    assert len(deck) == 1
    assert card.contexts == [Context(S1, 3, 5), Context(S2, 0, 2)]
    assert card.id == card_id_for("article", "训练")


def test_saving_the_same_sentence_again_adds_nothing() -> None:
    deck = load_deck()
    save(deck)
    save(deck)
    assert len(deck.cards[0].contexts) == 1


def test_same_word_in_another_document_is_another_card() -> None:
    deck = load_deck()
    save(deck)
    deck.save_word("other", "训练", ("xun4", "lian4"), "to train", S1, 3, 5)
    assert len(deck) == 2
    assert [c.doc_id for c in deck.cards_for("other")] == ["other"]


def test_cards_survive_a_reload() -> None:
    deck = load_deck()
    save(deck, explanation="fitting a model's weights")
    save(deck, S2, 0, 2)
    again = load_deck().cards_for("article")
    assert len(again) == 1
    card = again[0]
    assert (card.word, card.syllables, card.meaning, card.explanation) == (
        "训练",
        ("xun4", "lian4"),
        "to train",
        "fitting a model's weights",
    )
    assert [c.sentence for c in card.contexts] == [S1, S2]
    assert card.created == T0
    assert card.is_new and card.due == T0
    assert card.context() is not None and card.context().before == ""


def test_file_is_versioned_readable_yaml() -> None:
    save(load_deck())
    text = deck_path().read_text(encoding="utf-8")
    assert "训练" in text  # not escaped
    data = yaml.safe_load(text)
    assert data["version"] == 2
    assert data["cards"][0]["fsrs"]["state"] == 1
    assert data["cards"][0]["contexts"][0] == {"sentence": S1, "start": 3, "end": 5}


@pytest.mark.parametrize(
    "content",
    [
        "version: 1\ncards: [\n",  # invalid YAML
        "",  # truncated to nothing
        "- just a list\n",
        "version: 99\ncards: []\n",
        "version: 1\ncards:\n- word: 训练\n",  # no doc_id
    ],
)
def test_damaged_file_raises_and_is_never_overwritten(content: str) -> None:
    path = deck_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_deck()
    assert str(path) in info.value.message
    assert path.read_text(encoding="utf-8") == content


def test_damage_found_before_a_write_is_not_overwritten() -> None:
    deck = load_deck()
    save(deck)
    path = deck_path()
    path.write_text("version: 1\ncards: {\n", encoding="utf-8")
    with pytest.raises(DataFileError):
        save(deck, S2, 0, 2)
    assert path.read_text(encoding="utf-8") == "version: 1\ncards: {\n"


def test_two_instances_merge_instead_of_losing_each_others_words() -> None:
    first, second = load_deck(), load_deck()
    save(first)
    second.save_word("article", "数据", ("shu4", "ju4"), "data", S1, 7, 9)
    first.save_word("article", "模型", ("mo2", "xing2"), "model", S1, 0, 2)
    assert sorted(c.word for c in load_deck().cards) == ["数据", "模型", "训练"]
    assert first.words() == {"数据", "模型", "训练"}


def test_held_cards_are_updated_in_place_on_reread(tmp_path: Path) -> None:
    first = load_deck()
    held = save(first)
    second = load_deck()
    second.save_word("article", "训练", ("xun4", "lian4"), "to train", S2, 0, 2)
    first.save_word("article", "模型", ("mo2", "xing2"), "model", S1, 0, 2)  # a change re-reads the file first
    assert held.contexts == [Context(S1, 3, 5), Context(S2, 0, 2)]
