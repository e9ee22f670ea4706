"""The smaller defects of issue 15, one test each (each failed before the fix)."""

from __future__ import annotations

import marshal
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import yaml

from reader.storage.yamlio import memo_path, read_yaml, write_yaml
from reader.study.deck import load_deck
from reader.study.notes import NoteStore, check_notes
from reader.text.document import Document, DocumentBuilder
from reader.text.pinyin import PinyinReader

ROOT = Path(__file__).resolve().parents[2]
TEXT = "最新报道显示,OpenAI正面临严峻的技术挑战。技术瓶颈导致研发进程停滞,削弱了其领先优势。"


def make_doc() -> Document:
    builder = DocumentBuilder()
    builder.add_section("摘要", "Abstract", [TEXT], section_id="abstract")
    return builder.build(id="sample", title="样本", title_en="Sample")


def test_extension_b_characters_get_no_question_mark_syllable() -> None:
    reader = PinyinReader()
    for char in "𠀂𫝀𬺰":
        (syllable,) = reader.word(char)
        assert "?" not in syllable
    assert reader.word("𠀂") == ("",)
    assert reader.word("好") == ("hao3",)


def test_note_text_with_u0085_and_line_separators_round_trips(reader_home: Path) -> None:
    doc = make_doc()
    texts = ["a\x85b", "\x85lead", "trail\x85", "x\x85\ny", "l1\n\x85l2\n", "p\u2028q", "a\x85 b\n  c"]
    for start, text in enumerate(texts):
        NoteStore.open(doc).add(start, start + 1, text)
    assert [n.text for n in NoteStore.open(doc).notes] == texts


def test_no_lock_files_are_left_in_the_data_folder(reader_home: Path) -> None:
    doc = make_doc()
    NoteStore.open(doc).add(0, 2, "a note")
    load_deck().save_word("sample", "技术", ["ji4", "shu4"], "technology", TEXT, 26, 28)
    assert not [p.name for p in reader_home.rglob("*.lock")]


def test_empty_lock_files_of_older_versions_are_removed_on_start(reader_home: Path) -> None:
    from reader.storage.cleanup import clean_on_start

    (reader_home / "notes").mkdir()
    (reader_home / "deck.yaml.lock").write_bytes(b"")
    (reader_home / "notes" / "sample.yaml.lock").write_bytes(b"")
    (reader_home / "mine.lock").write_text("not empty: not ours", encoding="utf-8")
    assert clean_on_start()["locks"] == 2
    assert sorted(p.name for p in reader_home.rglob("*.lock")) == ["mine.lock"]


def test_temp_files_left_by_a_killed_writer_are_cleaned_on_start(reader_home: Path) -> None:
    """A real SIGKILL in the middle of an atomic write, then a start."""
    from reader.storage.cleanup import clean_on_start

    script = (
        "import time\n"
        "from reader.storage.atomic import atomic_write_with\n"
        "def slow(name):\n"
        "    open(name, 'w').write('half')\n"
        "    print('writing', flush=True)\n"
        "    time.sleep(60)\n"
        f"atomic_write_with({str(reader_home / 'deck.yaml')!r}, slow)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, env=dict(os.environ, PYTHONPATH=str(ROOT))
    )
    assert proc.stdout is not None and proc.stdout.readline() == b"writing\n"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    (left,) = reader_home.glob(".deck.yaml.*.tmp")
    assert clean_on_start()["temp"] == 0  # a minute old at least: never a write in progress
    old = time.time() - 3600
    os.utime(left, (old, old))
    assert clean_on_start()["temp"] == 1
    assert not list(reader_home.glob("*.tmp"))


def test_a_symlinked_notes_file_stays_a_symlink(reader_home: Path, tmp_path: Path) -> None:
    doc = make_doc()
    elsewhere = tmp_path / "synced" / "sample.yaml"
    elsewhere.parent.mkdir()
    NoteStore(doc, elsewhere).add(0, 2, "first")
    link = reader_home / "notes" / "sample.yaml"
    link.parent.mkdir()
    link.symlink_to(elsewhere)
    NoteStore.open(doc).add(3, 5, "second")
    assert link.is_symlink() and link.resolve() == elsewhere
    assert sorted(n.text for n in NoteStore(doc, elsewhere).notes) == ["first", "second"]


def test_unknown_top_level_keys_of_the_deck_are_kept(reader_home: Path) -> None:
    (reader_home / "deck.yaml").write_text(
        "version: 1\nsync: {device: laptop, at: 3}\ncards: []\nnote_by_hand: keep me\n", encoding="utf-8"
    )
    load_deck().save_word("sample", "技术", ["ji4", "shu4"], "technology", TEXT, 26, 28)
    # The version-1 file is migrated to the line-per-card layout; the old file, with every key
    # a person or another tool put there, is kept whole beside it.
    backup = yaml.safe_load((reader_home / "deck.yaml.v1.bak").read_text(encoding="utf-8"))
    assert backup["sync"] == {"device": "laptop", "at": 3} and backup["note_by_hand"] == "keep me"
    data = yaml.safe_load((reader_home / "deck.yaml").read_text(encoding="utf-8"))
    assert [c["word"] for c in data["cards"]] == ["技术"]


def test_error_messages_have_one_prefix(reader_home: Path) -> None:
    path = reader_home / "notes" / "sample.yaml"
    path.parent.mkdir()
    path.write_text(
        "version: 1\ndocument: {id: sample, title: t, hash: h}\nnotes:\n"
        "- id: '12'\n  created: yesterday\n  updated: '2025-01-01T00:00:00Z'\n"
        "  anchor: {quote: {exact: 最新}, position: {start: 0, end: 2}}\n  text: x\n",
        encoding="utf-8",
    )
    (problem,) = check_notes(path)
    assert "note 1 (id 12): 'created'" in problem and "note 12:" not in problem


def test_a_poisoned_or_damaged_memo_is_not_trusted(reader_home: Path) -> None:
    from reader.storage.sealed import seal, unseal

    path = reader_home / "state.yaml"
    write_yaml(path, {"version": 1, "documents": {"doc": {"offset": 3, "furthest": 3}}})
    text = path.read_text(encoding="utf-8")
    memo = memo_path(str(path))
    # An entry whose text matches but whose payload is not what that text parses to.
    poisoned = marshal.dumps((2, str(path), text, {"version": 1, "documents": {"doc": {"furthest": 999}}}))
    memo.write_bytes(poisoned)
    assert read_yaml(path)["documents"]["doc"]["furthest"] == 3
    sealed = bytearray(seal(poisoned))
    sealed[-5] ^= 0xFF  # one damaged byte
    memo.write_bytes(bytes(sealed))
    assert read_yaml(path)["documents"]["doc"]["furthest"] == 3
    assert unseal(bytes(sealed)) is None and unseal(seal(b"ok")) == b"ok"


def test_cache_folders_are_pruned_to_the_most_recently_used(tmp_path: Path) -> None:
    from reader.storage.cleanup import prune_cache

    folder = tmp_path / "tokens"
    folder.mkdir()
    now = time.time()
    for n in range(6):
        entry = folder / f"{n}.marshal"
        entry.write_bytes(b"x")
        os.utime(entry, (now - n * 60, now - n * 60))
    (folder / "ancient.marshal").write_bytes(b"x")
    os.utime(folder / "ancient.marshal", (now - 400 * 86400, now - 400 * 86400))
    assert prune_cache(folder, max_entries=4, max_age_days=60) == 3
    assert sorted(p.name for p in folder.iterdir()) == ["0.marshal", "1.marshal", "2.marshal", "3.marshal"]


def test_a_saved_position_never_goes_past_the_text(reader_home: Path) -> None:
    from reader.storage.state import Position, ReadingState

    write_yaml(reader_home / "state.yaml", {"version": 1, "documents": {"doc": {"offset": 3, "furthest": 999}}})
    state = ReadingState()
    state.save("doc", Position(offset=5, furthest=5), length=40)
    assert ReadingState().position("doc").furthest == 39
