"""The Anki exports imported into a real collection with the official ``anki`` library.

Each test imports, edits on both sides (a field in Anki, a note in the reader),
adds a word, re-imports, and checks what a learner would see in Anki: how many
notes, their fields and tags, that the Anki edit survived and that nothing was
doubled. The ``.apkg`` is imported with the desktop importer's presets (update
notes if newer); the CSV with the metadata Anki itself reads from the file's
header, as its import dialog does.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from reader.study.deck import load_deck
from reader.study.export import export
from reader.study.notes import NoteStore
from reader.text.document import Document
from tests.unit.test_export import make_doc, span, tokenize

try:
    from anki import import_export_pb2 as pb
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
except ImportError as exc:  # pragma: no cover - the test extra installs anki
    pytest.skip(f"the anki package is not importable ({exc}); pip install '.[test]'", allow_module_level=True)


def import_apkg(col: Collection, path: Path) -> Any:
    """Import as Anki desktop's package importer does by default."""
    options = ImportAnkiPackageOptions(
        merge_notetypes=False,
        update_notes=pb.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
        update_notetypes=pb.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
        with_scheduling=False,
        with_deck_configs=False,
    )
    return col.import_anki_package(ImportAnkiPackageRequest(package_path=str(path), options=options))


def import_csv(col: Collection, path: Path, existing: int) -> Any:
    """Import with the metadata Anki reads from the header; ``existing`` is the "Existing notes" choice."""
    metadata = col.get_csv_metadata(str(path), None)
    metadata.dupe_resolution = existing  # type: ignore[assignment]
    return col.import_csv(pb.ImportCsvRequest(path=str(path), metadata=metadata))


def notes_by_word(col: Collection, first_field: str) -> dict[str, Any]:
    notes = [col.get_note(nid) for nid in col.find_notes("")]
    by_word = {note[first_field]: note for note in notes}
    assert len(by_word) == len(notes), "two notes for one word"
    return by_word


def save(doc: Document, word: str, meaning: str) -> None:
    s_start, s_end = doc.sentence_at(doc.text.index(word))
    sentence = doc.text[s_start:s_end]
    at = sentence.index(word)
    load_deck().save_word(doc.id, word, ("x1", "x1"), meaning, sentence, at, at + len(word))


@pytest.fixture
def doc() -> Document:
    return make_doc()


@pytest.fixture
def store(doc: Document) -> NoteStore:
    store = NoteStore.open(doc)
    store.add(*span(doc, "瓶颈"), "bottleneck; 瓶 = bottle #词汇 #hsk-4")
    store.add(*span(doc, "引擎"), "engine <b>not bold</b>")
    save(doc, "优势", "advantage")
    return store


def test_apkg_reimport_keeps_anki_edits_and_takes_reader_edits(doc: Document, store: NoteStore, tmp_path: Path) -> None:
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        first = export(doc, store.notes, load_deck(), "anki", tmp_path / "one.apkg", tokens=tokenize(doc))
        log = import_apkg(col, first).log
        assert (len(log.new), len(log.updated), len(log.duplicate)) == (3, 0, 0)
        notes = notes_by_word(col, "Hanzi")
        assert set(notes) == {"瓶颈", "引擎", "优势"}
        bottleneck = notes["瓶颈"]
        assert sorted(bottleneck.tags) == ["hsk-4", "词汇"]
        assert bottleneck["English"] == "bottleneck"
        assert (
            bottleneck["Context"] == "技术<b>瓶颈</b>导致研发进程停滞，削弱了其领先优势。"
        )  # full-width, as displayed
        assert "&lt;b&gt;not bold&lt;/b&gt;" in notes["引擎"]["Note"]
        assert {d.name for d in col.decks.all_names_and_ids()} >= {"reader::样本文章"}

        # An export of unchanged notes changes nothing, however often it is imported.
        again = export(doc, store.notes, load_deck(), "anki", tmp_path / "again.apkg", tokens=tokenize(doc))
        log = import_apkg(col, again).log
        assert (len(log.new), len(log.updated)) == (0, 0)

        time.sleep(1.05)  # Anki keeps modification times in whole seconds
        engine = notes["引擎"]
        engine["English"] = "engine (my own words)"
        col.update_note(engine)
        note = next(n for n in store.notes if n.quote == "瓶颈")
        store.edit(note.id, "narrow neck of a bottle #词汇 #metaphor")
        save(doc, "领先", "leading")

        second = export(doc, store.notes, load_deck(), "anki", tmp_path / "two.apkg", tokens=tokenize(doc))
        log = import_apkg(col, second).log
        # Anki's log calls the notes it found and left alone "duplicate"; no copy is made of them.
        assert (len(log.new), len(log.updated), len(log.duplicate)) == (1, 1, 2)
        notes = notes_by_word(col, "Hanzi")
        assert set(notes) == {"瓶颈", "引擎", "优势", "领先"}
        assert notes["引擎"]["English"] == "engine (my own words)"  # the Anki edit survived
        assert notes["瓶颈"]["Note"] == "narrow neck of a bottle #词汇 #metaphor"  # the reader's edit arrived
        assert sorted(notes["瓶颈"].tags) == ["metaphor", "词汇"]
        assert notes["领先"]["English"] == "leading"
        assert col.card_count() == 4
    finally:
        col.close()


def test_anki_csv_imports_into_a_fresh_collection_and_reimports(
    doc: Document, store: NoteStore, tmp_path: Path
) -> None:
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        first = export(doc, store.notes, load_deck(), "anki-csv", tmp_path / "one.csv", tokens=tokenize(doc))
        assert first.read_text(encoding="utf-8").splitlines()[:3] == ["#separator:tab", "#html:true", "#notetype:Basic"]
        log = import_csv(col, first, pb.CsvMetadata.PRESERVE).log
        assert (len(log.new), len(log.updated), len(log.duplicate)) == (3, 0, 0)
        notes = notes_by_word(col, "Front")
        assert set(notes) == {"瓶颈", "引擎", "优势"}
        assert all(n.note_type()["name"] == "Basic" for n in notes.values())
        back = notes["瓶颈"]["Back"]
        assert ">píng</span>" in back and ">jǐng</span>" in back and "bottleneck" in back
        assert "技术<b>瓶颈</b>导致研发进程停滞，削弱了其领先优势。" in back
        assert sorted(notes["瓶颈"].tags) == ["hsk-4", "词汇"]
        assert {d.name for d in col.decks.all_names_and_ids()} >= {"reader::样本文章"}

        engine = notes["引擎"]
        engine["Back"] = "engine (my own words)"
        col.update_note(engine)
        note = next(n for n in store.notes if n.quote == "瓶颈")
        store.edit(note.id, "narrow neck of a bottle #词汇 #metaphor")
        save(doc, "领先", "leading")
        second = export(doc, store.notes, load_deck(), "anki-csv", tmp_path / "two.csv", tokens=tokenize(doc))

        # "Existing notes: Preserve" keeps every edit made in Anki and adds the new word.
        log = import_csv(col, second, pb.CsvMetadata.PRESERVE).log
        assert len(log.new) == 1 and len(log.updated) == 0
        notes = notes_by_word(col, "Front")
        assert set(notes) == {"瓶颈", "引擎", "优势", "领先"}
        assert notes["引擎"]["Back"] == "engine (my own words)"

        # "Update" takes the reader's text instead, still without a duplicate.
        log = import_csv(col, second, pb.CsvMetadata.UPDATE).log
        assert len(log.new) == 0
        notes = notes_by_word(col, "Front")
        assert len(notes) == 4 and col.card_count() == 4
        assert "narrow neck of a bottle" in notes["瓶颈"]["Back"]
        assert sorted(notes["瓶颈"].tags) == ["metaphor", "词汇"]
    finally:
        col.close()
