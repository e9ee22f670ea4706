"""The issue-15 repros through the real ``reader`` command: one line and a status, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.study.notes import NoteStore
from reader.text.content import resolve_document

ROOT = Path(__file__).resolve().parents[2]


def reader(*args: str | bytes, home: Path, cwd: Path, **env: str) -> subprocess.CompletedProcess[bytes]:
    environ = dict(os.environ, READER_HOME=str(home), PYTHONPATH=str(ROOT), **env)
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        cwd=cwd,
        env=environ,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=120,
    )


def test_a_note_past_the_new_end_of_the_text_never_stops_the_document(tmp_path: Path, reader_home: Path) -> None:
    """The blocker: a note on the last 4 characters, then the final 。 deleted."""
    path = tmp_path / "tail.md"
    path.write_text("# 测试\n\n最新报道显示，OpenAI正面临严峻的技术挑战。", encoding="utf-8")
    doc = resolve_document(str(path))
    NoteStore.open(doc).add(len(doc.text) - 4, len(doc.text), "the last four")
    path.write_text("# 测试\n\n最新报道显示，OpenAI正面临严峻的技术挑战", encoding="utf-8")
    changed = resolve_document(str(path))
    store = NoteStore.open(changed)
    (note,) = store.notes
    assert note.orphan or 0 <= note.start < note.end <= len(changed.text)
    for args in (("notes", "list", str(path)), ("export", str(path), "-o", "-")):
        result = reader(*args, home=reader_home, cwd=tmp_path)
        assert result.returncode == 0, result.stderr.decode()
        assert b"Traceback" not in result.stderr and b"the last four" in result.stdout
    result = reader("stats", str(path), "--no-hsk", home=reader_home, cwd=tmp_path)
    assert result.returncode == 0 and b"Traceback" not in result.stderr


def test_lookup_of_an_argument_that_is_not_utf8_is_one_line(tmp_path: Path, reader_home: Path) -> None:
    result = reader("lookup", b"\xff\xfe\xe6\x8a", home=reader_home, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode() == "reader: the word is not valid UTF-8 text\n"


@pytest.mark.parametrize("command", [("lookup", "技术"), ("annotate", "article")])
def test_a_cache_that_cannot_be_created_is_one_line_and_exit_2(
    command: tuple[str, ...], tmp_path: Path, reader_home: Path
) -> None:
    blocker = tmp_path / "cache-is-a-file"
    blocker.write_text("x", encoding="utf-8")
    result = reader(*command, home=reader_home, cwd=tmp_path, READER_CACHE_DIR=str(blocker / "cache"))
    assert result.returncode == 2, result.stderr.decode()
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("reader: ") and "Traceback" not in lines[0]


def test_a_full_cache_disk_is_one_line_and_exit_2(tmp_path: Path, reader_home: Path) -> None:
    """A real tmpfs too small for the dictionary index: sqlite's "database or disk is full"."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root (.ci/run runs the suite as root)")
    cache = tmp_path / "tiny"
    cache.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(cache)]).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        result = reader("lookup", "技术", home=reader_home, cwd=tmp_path, READER_CACHE_DIR=str(cache))
    finally:
        subprocess.run(["umount", "-l", str(cache)], capture_output=True)
    assert result.returncode == 2
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1 and "cannot be built or opened" in lines[0], lines
