"""Notes: the YAML file, atomic saves, two writers, damaged files, re-anchoring on load."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from reader.errors import ReaderError
from reader.study.notes import NoteStore, check_notes, count_by_section, group_by_section, note_spans, parse_tags
from reader.text.document import Document, DocumentBuilder

INTRO = "最新报道显示,OpenAI正面临严峻的技术挑战。技术瓶颈导致研发进程停滞,削弱了其领先优势。"
BODY = "预训练作为生成式AI的核心引擎,其停滞意味着整个技术链条的动力衰减。团队多次尝试扩展模型规模。"


def make_doc(intro: str = INTRO, body: str = BODY) -> Document:
    builder = DocumentBuilder()
    builder.add_section("摘要", "Abstract", [intro], section_id="abstract")
    builder.add_section("预训练", "Pretraining", [body], section_id="pretraining")
    return builder.build(id="sample", title="样本文章", title_en="A sample")


def span(doc: Document, quote: str) -> tuple[int, int]:
    start = doc.text.index(quote)
    return start, start + len(quote)


@pytest.fixture
def doc() -> Document:
    return make_doc()


def test_tags_are_parsed_from_the_text() -> None:
    assert parse_tags("词汇 #语法 and #hsk-4, again #语法; C# is not, nor a#b") == ["语法", "hsk-4"]
    assert parse_tags("#标签。后面") == ["标签"]


def test_add_writes_readable_yaml_at_once(doc: Document, reader_home: Path) -> None:
    store = NoteStore.open(doc)
    note = store.add(*span(doc, "技术瓶颈"), "bottleneck 瓶颈 #词汇\nsecond line")
    path = reader_home / "notes" / "sample.yaml"
    assert store.path == path
    raw = path.read_text(encoding="utf-8")
    assert "技术瓶颈" in raw and "\\u" not in raw  # allow_unicode
    assert "text: |" in raw  # block style for multi-line text
    assert raw.index("version") < raw.index("document") < raw.index("notes")  # keys not sorted
    data = yaml.safe_load(raw)
    assert data["version"] == 1
    assert data["document"] == {"id": "sample", "title": "样本文章", "hash": doc.content_hash}
    (saved,) = data["notes"]
    assert saved["id"] == note.id and len(note.id) == 12
    assert saved["section"] == "abstract"
    assert saved["anchor"]["quote"]["exact"] == "技术瓶颈"
    assert saved["anchor"]["quote"]["prefix"] == doc.text[max(0, note.start - 32) : note.start]
    assert saved["anchor"]["quote"]["suffix"] == doc.text[note.end : note.end + 32]
    assert saved["anchor"]["position"] == {"start": note.start, "end": note.end}
    assert saved["tags"] == ["词汇"]
    assert saved["created"].endswith("Z") and saved["updated"] == saved["created"]
    assert list(saved) == ["id", "created", "updated", "section", "anchor", "text", "tags"]


def test_reopen_gives_the_same_notes(doc: Document) -> None:
    store = NoteStore.open(doc)
    store.add(*span(doc, "技术瓶颈"), "one")
    store.add(*span(doc, "核心引擎"), "two #术语")
    again = NoteStore.open(doc)
    assert again.notes == store.notes
    assert not again.read_only and not again.orphans


def test_edit_and_delete(doc: Document) -> None:
    store = NoteStore.open(doc)
    note = store.add(*span(doc, "技术瓶颈"), "one")
    edited = store.edit(note.id, "changed #新")
    assert edited.tags == ("新",) and edited.updated > note.updated and edited.created == note.created
    assert NoteStore.open(doc).get(note.id) == edited
    assert store.delete(note.id)
    assert not store.delete(note.id)
    assert NoteStore.open(doc).notes == []


def test_ui_helpers(doc: Document) -> None:
    store = NoteStore.open(doc)
    a = store.add(*span(doc, "核心引擎"), "b")
    b = store.add(*span(doc, "技术瓶颈"), "a")
    c = store.add(*span(doc, "团队"), "c")
    assert [n.id for n in store.notes] == [b.id, a.id, c.id]
    assert store.counts() == {"abstract": 1, "pretraining": 2} == count_by_section(store.notes)
    assert [n.id for n in group_by_section(store.notes)["pretraining"]] == [a.id, c.id]
    assert store.spans() == [(b.start, b.end, b.id), (a.start, a.end, a.id), (c.start, c.end, c.id)]
    assert note_spans(store.notes) == store.spans()


def test_interrupted_save_keeps_the_old_file(doc: Document, monkeypatch: pytest.MonkeyPatch) -> None:
    store = NoteStore.open(doc)
    store.add(*span(doc, "技术瓶颈"), "kept")
    before = store.path.read_bytes()

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(ReaderError, match=r"cannot save \(No space left on device; kept until the next change\)"):
        store.add(*span(doc, "核心引擎"), "kept in memory")
    monkeypatch.undo()
    assert store.path.read_bytes() == before
    assert not [p for p in store.path.parent.iterdir() if p.name.endswith(".tmp")]
    # Not lost: shown from memory, and written with the next change (issue 15).
    assert [n.text for n in store.notes] == ["kept", "kept in memory"] and store.unsaved
    store.add(*span(doc, "停滞"), "next")
    assert not store.unsaved
    again = NoteStore.open(doc, store.path)
    assert sorted(n.text for n in again.notes) == ["kept", "kept in memory", "next"]


def test_two_writers_merge_by_id(doc: Document) -> None:
    one = NoteStore.open(doc)
    two = NoteStore.open(doc)
    a = one.add(*span(doc, "技术瓶颈"), "from one")
    b = two.add(*span(doc, "核心引擎"), "from two")
    assert {n.id for n in two.notes} == {a.id, b.id}
    c = one.add(*span(doc, "团队"), "one again")
    assert {n.id for n in one.notes} == {a.id, b.id, c.id}
    assert {n.id for n in NoteStore.open(doc).notes} == {a.id, b.id, c.id}


def test_later_edit_wins_for_the_same_id(doc: Document) -> None:
    one = NoteStore.open(doc)
    note = one.add(*span(doc, "技术瓶颈"), "v1")
    two = NoteStore.open(doc)
    two.edit(note.id, "v2 from two")
    one.add(*span(doc, "团队"), "other")  # one never saw v2, but must not undo it
    assert one.get(note.id) is not None and one.get(note.id).text == "v2 from two"  # type: ignore[union-attr]
    one.edit(note.id, "v3 from one")
    assert NoteStore.open(doc).get(note.id).text == "v3 from one"  # type: ignore[union-attr]


def test_deleted_note_is_not_resurrected_by_a_merge(doc: Document) -> None:
    one = NoteStore.open(doc)
    note = one.add(*span(doc, "技术瓶颈"), "to delete")
    two = NoteStore.open(doc)
    one.delete(note.id)
    two.add(*span(doc, "团队"), "two writes")  # two still holds the note in memory
    assert two.get(note.id) is None
    one.add(*span(doc, "核心引擎"), "one writes")
    assert {n.text for n in NoteStore.open(doc).notes} == {"two writes", "one writes"}


def test_delete_here_survives_an_edit_elsewhere_read_before(doc: Document) -> None:
    one = NoteStore.open(doc)
    note = one.add(*span(doc, "技术瓶颈"), "v1")
    two = NoteStore.open(doc)
    two.edit(note.id, "v2")
    one.delete(note.id)
    assert one.get(note.id) is None
    assert NoteStore.open(doc).get(note.id) is None


DAMAGED = {
    "invalid YAML": b"version: 1\nnotes: [unclosed\n",
    "empty file": b"",
    "not a mapping": b"- just\n- a list\n",
    "wrong version": b"version: 7\nnotes: []\n",
    "no version": b"notes: []\n",
    "wrong schema": b"version: 1\ndocument: {id: sample}\nnotes: {a: 1}\n",
    "bad note": "version: 1\ndocument: {id: sample}\nnotes:\n- id: x\n  created: yesterday\n  updated: now\n  text: 坏\n".encode(),
    "not UTF-8": b"version: 1\nnotes: []\n\xff\xfe",
}


@pytest.mark.parametrize("content", DAMAGED.values(), ids=DAMAGED.keys())
def test_damaged_file_is_read_only_and_untouched(doc: Document, reader_home: Path, content: bytes) -> None:
    path = reader_home / "notes" / "sample.yaml"
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    store = NoteStore.open(doc)
    assert store.read_only
    assert store.problem is not None and str(path) in store.problem and "\n" not in store.problem
    with pytest.raises(ReaderError, match="read-only"):
        store.add(*span(doc, "技术瓶颈"), "x")
    with pytest.raises(ReaderError):
        store.delete("x")
    assert path.read_bytes() == content
    problems = check_notes(path)
    assert problems and all(str(path) in p and "\n" not in p for p in problems)


def test_file_damaged_by_another_writer_stops_writes(doc: Document) -> None:
    store = NoteStore.open(doc)
    store.add(*span(doc, "技术瓶颈"), "x")
    store.path.write_bytes(b"version: 1\nnotes: [")
    with pytest.raises(ReaderError, match="invalid YAML"):
        store.add(*span(doc, "团队"), "y")
    assert store.read_only
    assert store.path.read_bytes() == b"version: 1\nnotes: ["


def test_check_notes_is_quiet_for_good_and_absent_files(doc: Document, reader_home: Path) -> None:
    store = NoteStore.open(doc)
    assert check_notes(store.path) == []
    store.add(*span(doc, "技术瓶颈"), "x")
    assert check_notes(store.path) == []


def test_changed_text_reanchors_without_rewriting_on_open(doc: Document) -> None:
    store = NoteStore.open(doc)
    moved = store.add(*span(doc, "核心引擎"), "moves")
    gone = store.add(*span(doc, "技术瓶颈导致研发进程停滞"), "passage deleted")
    raw = store.path.read_bytes()
    changed = make_doc(intro="新的开头。" + INTRO.replace("技术瓶颈导致研发进程停滞,", ""))
    reopened = NoteStore.open(changed)
    assert store.path.read_bytes() == raw  # never rewritten on open
    now = reopened.get(moved.id)
    assert now is not None and not now.orphan
    assert changed.text[now.start : now.end] == "核心引擎" and now.start != moved.start
    assert [n.id for n in reopened.orphans] == [gone.id]
    assert reopened.spans() == [(now.start, now.end, moved.id)]
    assert "Orphaned" not in reopened.counts()
    # the next user write stores the new hash and positions, and keeps the orphan
    reopened.edit(moved.id, "moved, edited")
    data = yaml.safe_load(store.path.read_text(encoding="utf-8"))
    assert data["document"]["hash"] == changed.content_hash
    by_id = {n["id"]: n for n in data["notes"]}
    assert by_id[moved.id]["anchor"]["position"] == {"start": now.start, "end": now.end}
    assert by_id[gone.id]["anchor"]["quote"]["exact"] == "技术瓶颈导致研发进程停滞"
    assert [n.id for n in NoteStore.open(changed).orphans] == [gone.id]


def test_one_line_flattens_a_quote_and_cuts_it_with_an_ellipsis() -> None:
    from reader.study.notes_model import one_line

    assert one_line("预训练\n  是 关键", 20) == "预训练 是 关键"
    assert one_line("一二三四五六", 4) == "一二三…"
    assert one_line("一二三四", 4) == "一二三四"
