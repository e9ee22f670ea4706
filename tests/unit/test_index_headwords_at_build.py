"""A freshly built dictionary index comes with its headword set beside it, the same set SQLite holds."""

from __future__ import annotations

from pathlib import Path

from reader.text.dictionary import Dictionary, build_index
from reader.text.headwords import Headwords, index_stamp


def test_build_writes_the_headwords_of_the_index_beside_it(tmp_path: Path) -> None:
    index = build_index(path=tmp_path / "cedict.sqlite3")
    side = index.with_name(index.name + ".heads")
    heads = Headwords.loads(side.read_bytes(), index_stamp(index))
    assert heads is not None
    with Dictionary.open(index) as dictionary:
        from_sql = set(dictionary._headword_rows())
    assert len(heads) == len(from_sql) > 100_000
    assert all(word in heads for word in from_sql)
    assert "中国" in heads and "中國" in heads and "不是词的字串" not in heads
