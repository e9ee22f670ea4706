"""``reader search`` and reverse ``reader lookup`` (pinyin, English), run in-process through ``main``."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main
from reader.text.content import resolve_document
from reader.text.dictionary import Dictionary
from reader.text.glossary import glossary_for
from reader.text.hsk import hsk_level
from reader.text.reverse import reverse_lookup


@pytest.mark.parametrize("query", ["yuxunlian", "yu4xun4lian4", "yùxùnliàn", "预训练", "pretraining"])
def test_search_prints_every_match_with_section_and_context(capsys: pytest.CaptureFixture[str], query: str) -> None:
    count = resolve_document("article").text.count("预训练")
    assert main(["search", "article", query]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1].startswith(f"{count} matches of {query!r}")
    matches = lines[:-1]
    assert len(matches) == count
    assert all("[预训练]" in line and line.startswith("§") for line in matches)
    assert matches[0].startswith("§1 摘要\t")


def test_search_of_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = tmp_path / "book.txt"
    book.write_text("我们喜欢学习。\n\n学习很好，学校也好。\n", encoding="utf-8")
    assert main(["search", str(book), "xuexi"]) == 0
    out = capsys.readouterr().out
    assert out.count("[学习]") == 2


def test_search_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "article", "  "]) == 2
    assert capsys.readouterr().err.startswith("reader: the query is empty")
    assert main(["search", "article", "zzzq"]) == 1
    assert main(["search", "no-such-document", "xuexi"]) == 2


@pytest.mark.parametrize(
    "query, how", [("yuxunlian", "pinyin"), ("yu4 xun4 lian4", "pinyin"), ("pretraining", "english")]
)
def test_reverse_lookup_finds_pretraining(capsys: pytest.CaptureFixture[str], query: str, how: str) -> None:
    assert main(["lookup", query]) == 0
    out = capsys.readouterr().out
    first = out.splitlines()[0]
    assert first.startswith(f"{query} read as {how}: 预训练")
    assert "Glossary: 预训练" in out


def test_reverse_lookup_ranks_exact_senses_and_common_words_first() -> None:
    glossary, dictionary = glossary_for(), Dictionary.open()
    eat = [f.word for f in reverse_lookup("to eat", glossary, dictionary, hsk_level)]
    assert eat[0] == "吃"
    data = [(f.word, f.source) for f in reverse_lookup("data", glossary, dictionary, hsk_level)]
    assert data[0] == ("数据", "dictionary")  # a sense that is "data" beats glossary terms that mention it
    assert all(source == "glossary" for _, source in data[3:])  # and glossary mentions beat dictionary ones
    cat = reverse_lookup("mao1", glossary, dictionary, hsk_level)
    assert cat[0].word == "猫"
    assert reverse_lookup("预训练", glossary, dictionary, hsk_level) == []  # hanzi is a forward lookup
