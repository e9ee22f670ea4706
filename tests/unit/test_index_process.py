"""The dictionary index built in a child process on a first run (reader.text.index_process)."""

from __future__ import annotations

from pathlib import Path

from reader.text.dictionary import Dictionary, index_is_current
from reader.text.index_process import start_build, wait_build

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
