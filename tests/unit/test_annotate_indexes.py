"""The indexes that make annotation fast give the answers of the plain scans they replace."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from reader.text.content import content_dir
from reader.text.dictionary import Dictionary
from reader.text.headwords import load_headwords
from reader.text.pinyin import _NEUTRAL_CARRIERS, PinyinReader, load_pinyin_rules


def _rules_reader() -> PinyinReader:
    return PinyinReader(load_pinyin_rules(content_dir() / "pinyin_rules.yaml"))


def _scanned_neutral_position(neutral: frozenset[str], han: str) -> int | None:
    """The plain scan: neutral words longest first, an ending before a start at each length."""
    for length in sorted({len(w) for w in neutral if len(w) > 1}, reverse=True):
        same = sorted(w for w in neutral if len(w) == length)
        for word in same:
            if han.endswith(word):
                return len(han) - 1
        for word in same:
            if han.startswith(word) and han[length:] in _NEUTRAL_CARRIERS:
                return length - 1
    return None


def test_neutral_position_is_the_scan_over_every_rule() -> None:
    reader = _rules_reader()
    neutral = reader.rules.neutral
    assert len(neutral) > 100  # the real rules file
    words = sorted(neutral) + sorted(reader.rules.words)
    cases = set(words) | {"大" + w for w in words} | {"", "的", "很好", "了", "一下"}
    cases |= {w + c for w in words for c in _NEUTRAL_CARRIERS}
    cases |= {"好" + w + c for w in words[:40] for c in _NEUTRAL_CARRIERS}
    found = 0
    for han in sorted(cases):
        expected = _scanned_neutral_position(neutral, han)
        assert reader.neutral_position(han) == expected, han
        found += expected is not None
    assert found > len(neutral)  # the cases do exercise the rules
    assert reader.neutral_position("漂亮起来") == 3  # both 漂亮+起来 and …起来 match: the ending wins


# --- the headword set -----------------------------------------------------------------------


def _sql_contains(conn: sqlite3.Connection, word: str) -> bool:
    query = "SELECT EXISTS(SELECT 1 FROM entries WHERE simp = ?1) OR EXISTS(SELECT 1 FROM entries WHERE trad = ?1)"
    return bool(conn.execute(query, (word,)).fetchone()[0])


def test_headwords_are_the_index_headwords() -> None:
    cedict = Dictionary.open()
    heads = cedict.headwords()
    conn = sqlite3.connect(cedict.path)
    every = {row[0] for row in conn.execute("SELECT simp FROM entries UNION SELECT trad FROM entries")}
    assert len(heads) == len(every) > 150_000
    assert all(word in heads for word in every)
    # Non-words: every headword with a character more or less, checked against SQL itself.
    probes = sorted(every)[::97]
    others = {w[:-1] for w in probes} | {w + "的" for w in probes} | {"", "x", "不是词啊", "\U00020000"}
    for word in sorted(others):
        assert (word in heads) == _sql_contains(conn, word), word
    assert cedict.contains("中国") and cedict.contains("預訓練") is False and cedict.contains("中國")
    assert cedict.lookup("不是词啊") == [] and cedict.lookup("中国")
    conn.close()


def test_headwords_file_is_stamped_with_its_index(tmp_path: Path) -> None:
    index = tmp_path / "index.sqlite3"
    conn = sqlite3.connect(index)
    conn.execute("CREATE TABLE entries(simp TEXT, trad TEXT)")
    conn.executemany("INSERT INTO entries VALUES (?, ?)", [("行", "行"), ("银行", "銀行"), ("𠀀字", "𠀀字")])
    conn.commit()
    calls: list[int] = []

    def rows() -> list[str]:
        calls.append(1)
        return [str(r[0]) for r in conn.execute("SELECT simp FROM entries UNION SELECT trad FROM entries")]

    first = load_headwords(index, rows)
    probes = ["行", "银行", "銀行", "𠀀字", "银", "行行", "𠀀"]
    assert [w for w in probes if w in first] == ["行", "银行", "銀行", "𠀀字"]
    again = load_headwords(index, rows)  # from the file beside the index
    assert len(calls) == 1 and "銀行" in again and "银" not in again
    conn.execute("INSERT INTO entries VALUES ('新词', '新詞')")
    conn.commit()
    os.utime(index, ns=(1, 1))  # the index changed: its stamp with it
    assert "新詞" in load_headwords(index, rows) and len(calls) == 2
    (tmp_path / "index.sqlite3.heads").write_bytes(b"\x00 damaged")
    assert "新词" in load_headwords(index, rows) and len(calls) == 3
