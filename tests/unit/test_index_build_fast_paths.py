"""The build's shortcuts give what the long way gives: rows, line count, headwords; and a build marks its index checked."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from reader.text.cedict_build import _parse_lines, _parse_text, check_stamp, default_source
from reader.text.dictionary import Dictionary, build_index
from reader.text.headwords import Headwords

_LINES = [
    "# comment",
    "#! date=2020-01-01",
    "",
    "中 中 [zhong1] /middle/",
    " 空 [kong1] /empty trad/",
    "無 无 [ wu2 ] / none / ",
    "not an entry",
    "A B [no close/",
    "C D no open] /y/",
    "E F [p] ",
    "甲 乙 [a]b] /z/ /",
    "\t丙 丁 [ ding ]  // q //",
]


@pytest.mark.parametrize("joined", ["\n".join(_LINES), "\n".join(_LINES) + "\n", "\r\n".join(_LINES) + "\r\n"])
def test_whole_text_parse_matches_the_line_parser(joined: str) -> None:
    lines = joined.splitlines()
    assert _parse_text(joined) == (_parse_lines(lines), len(lines))


@pytest.mark.parametrize("odd", ["\r", "\u2028", "\x0c", "\x85"])
def test_other_line_breaks_are_read_line_by_line(odd: str) -> None:
    joined = "\n".join(_LINES[:6]) + odd + "G H [g] /g/" + odd + "\n".join(_LINES[6:])
    lines = joined.splitlines()
    assert _parse_text(joined) == (_parse_lines(lines), len(lines))


def test_the_real_file_parses_alike() -> None:
    text = gzip.decompress(default_source().read_bytes()).decode("utf-8")
    lines = text.splitlines()
    assert _parse_text(text) == (_parse_lines(lines), len(lines))


def test_from_sorted_is_the_set_sorted() -> None:
    words = ["中国", "中", "中國", "a", "b", "ab", "𠀀", "中"]
    built = Headwords(words).dumps("x")
    assert Headwords.from_sorted(sorted(set(words))).dumps("x") == built


def test_a_fresh_build_is_not_checked_again(tmp_path: Path) -> None:
    small = tmp_path / "small.txt"
    small.write_text("\n".join(_LINES) + "\n", encoding="utf-8")
    path = build_index(path=tmp_path / "cedict.sqlite3", source=small)
    marker = tmp_path / "cedict.sqlite3.checked"
    assert marker.read_text(encoding="ascii") == check_stamp(path)  # what _checked takes as "passed before"
    before = marker.stat().st_mtime_ns
    with Dictionary.open(path, source=small) as cedict:
        assert cedict.contains("中") and cedict.contains("空") and cedict.contains("无")
    assert marker.stat().st_mtime_ns == before
