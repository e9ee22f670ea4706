"""The annotate pass's memos answer as the work they save would (issue 14: annotate throughput).

``Dictionary.longest_words`` stops at the longest word with entries and
remembers its last texts; ``SenseBook.is_measure`` remembers each character's
answer. Both are checked against the plain definitions on real text, and the
memos against changes that must clear them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.text.content import content_dir
from reader.text.dictionary import Dictionary, Entry
from reader.text.senses import SenseBook, parse_sense_book


@pytest.fixture(scope="module")
def cedict(shared_cache: Path) -> Iterator[Dictionary]:
    found = Dictionary.open(shared_cache / "cedict.sqlite3")
    yield found
    found.close()


def _plain_longest_words(cedict: Dictionary, text: str) -> list[tuple[str, list[Entry]]]:
    """The definition: at each point the first of ``lookup_at``'s words that has entries, else the character."""
    out: list[tuple[str, list[Entry]]] = []
    index = 0
    while index < len(text):
        known = [(word, entries) for word, entries in cedict.lookup_at(text, index) if entries]
        part, entries = known[0] if known else (text[index], [])
        out.append((part, entries))
        index += len(part)
    return out


def _article_runs() -> list[str]:
    text = (content_dir() / "article.md").read_text(encoding="utf-8")
    runs: list[str] = []
    for line in text.splitlines():
        for piece in line.replace("，", "。").split("。"):
            piece = "".join(c for c in piece if "\u4e00" <= c <= "\u9fff")
            if piece:
                runs.append(piece)
    return runs


def test_longest_words_is_the_pop_up_reading_on_the_article(cedict: Dictionary) -> None:
    runs = _article_runs()
    assert len(runs) > 100
    for run in [*runs, "国家银行", "预训练", "𠀀好", "x\n好"]:
        expected = _plain_longest_words(cedict, run)
        assert cedict.longest_words(run) == expected, run
        assert cedict.longest_words(run) == expected, run  # from the memo


def test_a_caller_changing_the_answer_does_not_change_the_memo(cedict: Dictionary) -> None:
    first = cedict.longest_words("国家银行")
    first[0][1].clear()
    first.append(("x", []))
    assert [part for part, _ in cedict.longest_words("国家银行")] == ["国家", "银行"]
    assert all(entries for _, entries in cedict.longest_words("国家银行"))


def test_terms_are_not_memoised(cedict: Dictionary) -> None:
    assert cedict.longest_words("OpenAI的预训练", lambda t: t == "OpenAI")[0][0] == "OpenAI"
    assert cedict.longest_words("OpenAI的预训练")[0][0] == "O"


def test_is_measure_follows_the_book() -> None:
    book = parse_sense_book({"words": {"本": [{"reading": "ben3", "gloss": "root"}]}}, "one")
    assert not book.is_measure("本")
    # A later file replaces the word: the memo must not keep the old answer.
    parse_sense_book({"words": {"本": [{"reading": "ben3", "gloss": "(classifier)", "measure": True}]}}, "two", book)
    assert book.is_measure("本")
    assert not book.is_measure("书")
    assert not SenseBook().is_measure("本")
