"""Caches heal themselves: a damaged dictionary index is rebuilt, never a traceback (issue 15)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reader.errors import ReaderError
from reader.text.dictionary import Dictionary, default_index_path

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test, holding a copy of the session's (good) index."""
    shared = Dictionary.open()
    shared.close()
    cache = tmp_path / "cache"
    cache.mkdir()
    shutil.copy2(default_index_path(), cache / "cedict.sqlite3")
    monkeypatch.setenv("READER_CACHE_DIR", str(cache))
    return cache


def damage(index: Path, blocks: int = 200, size: int = 4096, start: int | None = None) -> None:
    """Overwrite ``blocks`` blocks of ``size`` bytes: spread over the middle half of the file
    (the issue's repro), or one run from ``start``."""
    length = index.stat().st_size
    if start is None:
        step = max(size, (length // 2) // blocks // size * size)
        offsets = [length // 4 // size * size + n * step for n in range(blocks)]
    else:
        offsets = [start + n * size for n in range(blocks)]
    with index.open("r+b") as handle:
        for offset in offsets:
            handle.seek(offset)
            handle.write(bytes([0xA5]) * size)


def test_a_damaged_index_is_rebuilt_when_opened(own_cache: Path) -> None:
    index = own_cache / "cedict.sqlite3"
    damage(index)
    with Dictionary.open() as dictionary:
        assert dictionary.lookup("技术")[0].pinyin == "ji4 shu4"
    conn = sqlite3.connect(index)
    assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]  # rebuilt, not just lucky
    conn.close()


def test_damage_after_the_check_is_healed_on_the_first_failing_lookup(own_cache: Path) -> None:
    dictionary = Dictionary.open()
    size = dictionary.path.stat().st_size
    damage(dictionary.path, blocks=(size - 8192) // 4096, start=8192)  # every page but the first two
    found = [dictionary.lookup(word) for word in ("技术", "挑战", "模型", "训练", "严峻")]
    assert all(found)
    dictionary.close()


def test_annotate_on_a_damaged_index_rebuilds_it(own_cache: Path, tmp_path: Path, reader_home: Path) -> None:
    damage(own_cache / "cedict.sqlite3")
    env = dict(os.environ, READER_HOME=str(reader_home), READER_CACHE_DIR=str(own_cache), PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-m", "reader", "annotate", "article"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert '"text": "技术"' in result.stdout


def test_an_index_that_cannot_be_built_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "not-a-folder"
    cache.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("READER_CACHE_DIR", str(cache))
    with pytest.raises(ReaderError, match="cannot be built or opened"):
        Dictionary.open()
