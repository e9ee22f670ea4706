"""``reader annotate`` and ``reader lookup`` run as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One READER_HOME for the module, so the dictionary index is built once."""
    return tmp_path_factory.mktemp("home")


def reader(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, READER_HOME=str(home), PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def jsonl(home: Path) -> list[dict[str, object]]:
    result = reader(home, "annotate", "article", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_lookup_lists_both_readings_of_hang(home: Path) -> None:
    result = reader(home, "lookup", "行")
    assert result.returncode == 0, result.stderr
    assert "háng" in result.stdout and "xíng" in result.stdout
    assert "HSK" in result.stdout
    assert "\x1b[" not in result.stdout  # plain text when not a terminal


def test_lookup_shows_glossary_entry(home: Path) -> None:
    result = reader(home, "lookup", "预训练")
    assert result.returncode == 0, result.stderr
    assert "Glossary" in result.stdout and "pretraining" in result.stdout


def test_lookup_of_a_phrase_reads_it_as_its_longest_words(home: Path) -> None:
    result = reader(home, "lookup", "我们的")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("我们的 is not one dictionary word; read as 我们 + 的")
    assert "wǒ men" in result.stdout and "possessive" in result.stdout


def test_lookup_of_a_phrase_prefers_a_glossary_term_and_lists_repeats_once(home: Path) -> None:
    result = reader(home, "lookup", "OpenAI的预训练的")
    assert result.returncode == 0, result.stderr
    assert "read as OpenAI + 的 + 预训练 + 的" in result.stdout
    assert "pretraining" in result.stdout
    assert result.stdout.count("(possessive particle)") == 1


@pytest.mark.parametrize("word", ["xyzzy", "\U00020000\U00020001"])
def test_lookup_unknown_word_exits_1_without_traceback(home: Path, word: str) -> None:
    result = reader(home, "lookup", word)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("reader:")


def test_annotate_jsonl_fields_for_every_token(jsonl: list[dict[str, object]]) -> None:
    fields = {"text", "start", "end", "pinyin", "kind", "gloss", "hsk", "glossary"}
    kinds = {"han", "latin", "number", "punct", "space"}
    for record in jsonl:
        assert fields <= set(record)
        assert record["kind"] in kinds
        if record["kind"] != "han":
            assert record["pinyin"] == ""
    pretrain = next(r for r in jsonl if r["text"] == "预训练")
    assert pretrain["pinyin"] == "yù xùn liàn"
    assert pretrain["glossary"] is True
    assert any(r["hsk"] is not None for r in jsonl)
    assert "训" not in [r["text"] for r in jsonl]


def test_annotate_offsets_cover_the_document(jsonl: list[dict[str, object]]) -> None:
    sys.path.insert(0, str(ROOT))
    from reader.text.content import resolve_document

    text = resolve_document("article").text
    pos = 0
    for record in jsonl:
        assert record["start"] == pos
        assert text[pos : record["end"]] == record["text"]  # type: ignore[misc]
        pos = record["end"]  # type: ignore[assignment]
    assert pos == len(text)


def test_annotate_text_puts_pinyin_under_hanzi(home: Path) -> None:
    result = reader(home, "annotate", "article", "--format", "text")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("最新"))
    # Word-level pinyin (Hanyu Pinyin orthography) under each word, aligned on cells.
    assert lines[index + 1].startswith("zuìxīn")
    column = lines[index + 1].index("bàodào")
    # 最新 takes 4 cells, so 报道 starts at (spaces before it) + 4 cells, where its pinyin starts.
    assert lines[index][: lines[index].index("报道")].count(" ") + 4 == column
    # Lines wrap at 80 cells when the output is not a terminal.
    from reader.text.linebreak import text_cells

    assert all(text_cells(line) <= 80 for line in lines)


def test_annotate_unknown_document_is_one_line_error(home: Path) -> None:
    result = reader(home, "annotate", "no-such-document")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
