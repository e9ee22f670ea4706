"""The dictionary index built in a child process on a first run (reader.text.index_process)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from reader.storage import yamlio
from reader.text import index_process
from reader.text.annotate import sense_files
from reader.text.content import content_dir
from reader.text.dictionary import Dictionary, index_is_current
from reader.text.index_process import start_build, start_first_run, stop_priming, take_first_run, wait_build
from reader.text.pinyin_rules import load_pinyin_rules
from reader.text.senses import load_sense_book

LINES = """\
# CC-CEDICT sample
# a comment line
中國 中国 [Zhong1 guo2] /China/Middle Kingdom/
學習 学习 [xue2 xi2] /to learn/to study/
"""


def test_the_child_builds_an_index_that_opens_as_current(tmp_path: Path) -> None:
    source = tmp_path / "cedict.u8"
    source.write_text(LINES, encoding="utf-8")
    index = tmp_path / "cache" / "cedict.sqlite3"
    seen: list[tuple[int, int]] = []
    child = start_build(index, source)
    assert child is not None
    assert wait_build(child, lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1]  # the bar reaches 100%
    assert index_is_current(index, source)
    dictionary = Dictionary.open(index, source=source)
    assert [e.senses for e in dictionary.lookup("学习")] == [("to learn", "to study")]
    assert "中國" in dictionary.headwords()  # the headwords file was written beside it by the child


def test_a_child_that_cannot_build_says_so_and_leaves_no_index(tmp_path: Path) -> None:
    index = tmp_path / "cedict.sqlite3"
    child = start_build(index, tmp_path / "missing.u8")
    assert child is not None
    assert not wait_build(child, None)
    assert not index.exists()
    assert not list(tmp_path.glob("*.tmp*"))  # no temp file left behind


def test_a_first_run_starts_a_child_for_the_index_and_one_for_the_learner_glosses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "cedict.u8"
    source.write_text(LINES, encoding="utf-8")
    monkeypatch.setenv("READER_CEDICT", str(source))  # the child works out the default source: this one
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    start_first_run()
    waiting = index_process._first_run
    assert waiting is not None and None not in waiting
    for child in waiting:
        assert child is not None
        with pytest.raises(subprocess.TimeoutExpired):
            child.wait(timeout=0.5)  # each waits for its go (the reader's first frame) before any work
    assert not (tmp_path / "cache").exists()
    index_child, priming = take_first_run()  # says go
    assert (index_child, priming) == waiting
    assert take_first_run() == (None, None)  # taken once
    assert index_child is not None and priming is not None
    assert priming.wait(timeout=60) == 0
    stop_priming(priming)  # it ended: only reaped
    assert wait_build(index_child, None)
    assert index_is_current(tmp_path / "cache" / "cedict.sqlite3", source)

    def no_parsing(text: str) -> object:
        raise AssertionError("parsed again: the child did not fill the parse memo")

    monkeypatch.setattr(yamlio, "_safe_load", no_parsing)
    assert load_sense_book(sense_files()).uses  # every file answered by the memo
    assert load_pinyin_rules(content_dir() / "pinyin_rules.yaml").context  # and the pinyin rules
    start_first_run()  # an index is there: no child
    assert take_first_run() == (None, None)


def test_a_priming_child_still_at_work_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    child = index_process._spawn(["--prime"], told=True)  # never told to go: still waiting
    assert child is not None
    stop_priming(child)
    assert child.returncode is not None and child.returncode < 0  # killed, and reaped
    stop_priming(None)


def test_the_child_lists_the_learner_glosses_as_the_annotate_pass_does() -> None:
    assert index_process.sense_files() == sense_files()
    from reader.text.cedict_build import INDEX_NAME

    assert index_process._INDEX_NAME == INDEX_NAME
