"""Cards and exports from a text in traditional characters keep both forms: as written, and simplified.

The text is the bundled article converted by OpenCC (s2tw), as a Taiwanese copy
would be: 瓶颈 is written 瓶頸 there, 训练 訓練; 模型 is the same in both scripts.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.errors import DataFileError
from reader.storage.paths import deck_path
from reader.study.card import Card
from reader.study.deck import card_line, load_deck
from reader.study.drill import section_entries
from reader.study.export import export, render
from reader.study.notes import NoteStore
from reader.text.content import content_dir, resolve_document
from reader.text.document import Document
from reader.text.script import to_traditional
from reader.text.tokens import Token

ARTICLE_TEXT = (content_dir() / "article.md").read_text(encoding="utf-8")


@pytest.fixture
def hant(tmp_path: Path) -> Document:
    path = tmp_path / "tw" / "article.md"
    path.parent.mkdir()
    path.write_text(to_traditional(ARTICLE_TEXT), encoding="utf-8")
    doc = resolve_document(str(path))
    assert doc.traditional
    return doc


@pytest.fixture(scope="module")
def tokens(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Token]]:
    """The traditional article's tokens, made once (the real pipeline, with the dictionary)."""
    from reader.text.annotate import annotate_document
    from reader.text.dictionary import Dictionary
    from reader.text.glossary import glossary_for

    path = tmp_path_factory.mktemp("tw") / "article.md"
    path.write_text(to_traditional(ARTICLE_TEXT), encoding="utf-8")
    doc = resolve_document(str(path))
    return {doc.content_hash: list(annotate_document(doc, glossary_for(doc.path), Dictionary.open()))}


def save_as_read(doc: Document, written: str, simplified: str, syllables: tuple[str, ...], meaning: str) -> Card:
    """Save a word as the reading screen's ``s`` does: the token's (simplified) text, the form as written."""
    offset = doc.text.index(written)
    assert doc.lookup_text[offset : offset + len(written)] == simplified
    start, end = doc.sentence_at(offset)
    return load_deck().save_word(
        doc.id,
        simplified,
        syllables,
        meaning,
        doc.text[start:end],
        offset - start,
        offset - start + len(written),
        written=written,
    )


def test_a_card_keeps_the_form_as_written_and_the_deck_reloads_it(hant: Document) -> None:
    card = save_as_read(hant, "瓶頸", "瓶颈", ("ping2", "jing3"), "bottleneck")
    assert (card.word, card.written, card.shown) == ("瓶颈", "瓶頸", "瓶頸")
    lines = [json.loads(line[2:]) for line in deck_path().read_text(encoding="utf-8").splitlines() if line[:2] == "- "]
    assert [(c["word"], c["written"]) for c in lines] == [("瓶颈", "瓶頸")]
    again = load_deck().find(hant.id, "瓶颈")
    assert again is not None and again.written == "瓶頸" and again.id == card.id


def test_a_card_of_a_simplified_text_has_no_written_field() -> None:
    card = load_deck().save_word("article", "训练", ("xun4", "lian4"), "to train", "训练很贵。", 0, 2, written="训练")
    assert card.written == "" and card.shown == "训练"
    assert b'"written"' not in card_line(card) and b'"written"' not in deck_path().read_bytes()


def test_an_older_deck_line_without_the_field_loads_and_a_bad_one_is_refused() -> None:
    card = load_deck().save_word("article", "训练", ("xun4", "lian4"), "to train", "训练很贵。", 0, 2)
    data = json.loads(card_line(card)[2:])
    assert Card.from_dict(data).written == ""
    assert Card.from_dict({**data, "written": "訓練"}).written == "訓練"
    with pytest.raises(ValueError, match="written"):
        Card.from_dict({**data, "written": 3})
    path = deck_path()
    text = path.read_text(encoding="utf-8").replace('"word": "训练"', '"word": "训练", "written": ["訓練"]')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError):
        load_deck()
    assert path.read_text(encoding="utf-8") == text  # a deck that does not parse is left alone


def test_exports_show_both_forms_where_they_differ(
    hant: Document, tokens: dict[str, list[Token]], tmp_path: Path
) -> None:
    words = tokens[hant.content_hash]
    save_as_read(hant, "瓶頸", "瓶颈", ("ping2", "jing3"), "bottleneck")
    save_as_read(hant, "模型", "模型", ("mo2", "xing2"), "model")
    deck = load_deck()
    markdown = render(hant, [], deck, "markdown", tokens=words)
    rows = [line for line in markdown.splitlines() if line.startswith("| ") and "**" in line]
    assert rows[0].startswith("| 瓶頸 (瓶颈) | píngjǐng | bottleneck | ")
    assert rows[1].startswith("| 模型 | móxíng | model | ")
    csv = render(hant, [], deck, "anki-csv", tokens=words).splitlines()
    assert [line.split("\t")[0] for line in csv if not line.startswith("#")] == ["瓶頸 (瓶颈)", "模型"]
    tsv = render(hant, [], deck, "tsv", tokens=words).splitlines()
    assert [line.split("\t")[0] for line in tsv[1:]] == ["瓶颈[瓶頸]", "模型"]
    apkg = export(hant, [], deck, "anki", tmp_path / "cards.apkg", tokens=words)
    anki = pytest.importorskip("anki.collection", reason="the anki package (test extra) checks the .apkg")
    from tests.unit.test_anki_import import import_apkg

    col = anki.Collection(str(tmp_path / "collection.anki2"))
    try:
        import_apkg(col, apkg)
        fronts = sorted(col.get_note(nid)["Hanzi"] for nid in col.find_notes(""))
    finally:
        col.close()
    assert fronts == ["模型", "瓶頸 (瓶颈)"]


def test_a_note_and_a_card_on_one_traditional_word_are_one_flashcard(
    hant: Document, tokens: dict[str, list[Token]]
) -> None:
    store = NoteStore.open(hant)
    at = hant.text.index("瓶頸")
    store.add(at, at + 2, "瓶 = bottle")
    save_as_read(hant, "瓶頸", "瓶颈", ("ping2", "jing3"), "bottleneck")
    tsv = render(hant, store.notes, load_deck(), "tsv", tokens=tokens[hant.content_hash]).splitlines()
    assert len(tsv) == 2 and tsv[1].startswith("瓶颈[瓶頸]\tping2jing3\tbottleneck")


def test_the_drill_finds_a_traditional_texts_words_and_shows_them_as_written(hant: Document) -> None:
    section = hant.section_at(hant.text.index("瓶頸"))
    save_as_read(hant, "瓶頸", "瓶颈", ("ping2", "jing3"), "bottleneck")
    entries = section_entries(hant, section, load_deck())
    mine = [e for e in entries if e.word == "瓶颈"]
    assert mine and mine[0].written == "瓶頸" and mine[0].shown == "瓶頸"
