"""The word table: each distinct word's facts out of context, kept between runs (reader.text.word_table)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.text.annotate import LanguageStack
from reader.text.content import glossary_path, resolve_document
from reader.text.dictionary import Dictionary
from reader.text.document import Document
from reader.text.glossary import load_glossary
from reader.text.tokens import Token
from reader.text.word_table import WordStore, WordTable, decode_record, table_path


@pytest.fixture(scope="module")
def dictionary() -> Dictionary:
    return Dictionary.open()


def _stack(dictionary: Dictionary) -> LanguageStack:
    return LanguageStack(load_glossary(glossary_path()), dictionary)


@pytest.fixture(scope="module")
def article() -> Document:
    return resolve_document("article")


@pytest.fixture(scope="module")
def learnt(dictionary: Dictionary, article: Document) -> tuple[LanguageStack, list[Token]]:
    """A stack that annotated the article (no caches read or written), and its tokens."""
    stack = _stack(dictionary)
    return stack, list(stack.annotate_document(article, use_cache=False))


def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("READER_CACHE_DIR", str(cache))
    return cache


def test_every_entry_equals_what_a_fresh_stack_works_out(
    learnt: tuple[LanguageStack, list[Token]], dictionary: Dictionary
) -> None:
    stack, tokens = learnt
    table = stack._table
    words = {t.text for t in tokens if t.kind == "han"}
    assert words <= set(table.first) and words <= set(table.facts) and words <= set(table.contextual)
    assert table.plan and table.plain and table.known
    fresh = _stack(dictionary)
    context = fresh.context
    assert context is not None
    for word, first in table.first.items():
        assert fresh.reader.word(word) == first
    for (word, first), plan in table.plan.items():
        assert context._plan_word(word, first) == plan
    for (word, syllables), gloss in table.plain.items():
        assert fresh.chooser.sense(word, syllables, None).gloss == gloss
    for word, contextual in table.contextual.items():
        assert fresh.chooser.contextual(word) == contextual
    for word, facts in table.facts.items():
        assert fresh._facts(word) == facts
    for word, known in table.known.items():
        assert fresh._known(word) == known


def _saved(table: WordTable, path: Path, key: str = "k") -> WordStore:
    store = WordStore.open(path, key)
    assert store is not None
    store.fetch(table.first, WordTable())
    assert store.save(table) > 0
    return store


def test_a_table_written_and_read_back_is_the_same(learnt: tuple[LanguageStack, list[Token]], tmp_path: Path) -> None:
    table = learnt[0]._table
    path = tmp_path / "words" / "k.sqlite3"
    _saved(table, path).close()
    again = WordStore.open(path, "k")
    assert again is not None
    read = WordTable()
    assert again.fetch([*table.first, "不是一个词"], read) == len(table.first)
    # Every entry of a word the tokens had comes back (the repair's candidates are kept by word too).
    assert read.first == table.first and read.plan == table.plan and read.plain == table.plain
    assert read.facts == table.facts and read.contextual == table.contextual
    assert {w: k for w, k in table.known.items() if w in table.first} == read.known
    assert again.save(read) == 0  # nothing changed: nothing written
    again.close()


def test_a_damaged_or_foreign_table_file_is_made_afresh(
    learnt: tuple[LanguageStack, list[Token]], tmp_path: Path
) -> None:
    table = learnt[0]._table
    path = tmp_path / "k.sqlite3"
    _saved(table, path).close()
    other = WordStore.open(path, "another key")  # a file of another key (copied, renamed): not read
    assert other is not None
    assert other.fetch(table.first, WordTable()) == 0
    other.close()
    path.write_bytes(b"not a database" * 100)
    store = WordStore.open(path, "k")
    assert store is not None and store.fetch(table.first, WordTable()) == 0
    store.close()


def test_a_damaged_record_is_a_miss_and_rewritten(learnt: tuple[LanguageStack, list[Token]], tmp_path: Path) -> None:
    table = learnt[0]._table
    path = tmp_path / "k.sqlite3"
    _saved(table, path).close()
    word, other = [w for w in table.first if w != "的"][:2]
    with sqlite3.connect(path) as conn:
        (blob,) = conn.execute("SELECT record FROM words WHERE word = ?", (word,)).fetchone()
        flipped = bytearray(blob)
        flipped[-2] ^= 0x01  # one bit of a gloss or a reading: still marshal, caught by the checksum
        conn.execute("UPDATE words SET record = ? WHERE word = ?", (bytes(flipped), word))
        (of_de,) = conn.execute("SELECT record FROM words WHERE word = ?", ("的",)).fetchone()
        conn.execute("UPDATE words SET record = ? WHERE word = ?", (of_de, other))  # another word's record
        conn.execute("UPDATE words SET record = ? WHERE word = ?", (b"\x00\xff", "的"))
    assert decode_record(word, bytes(flipped)) is None and decode_record(word, blob) is not None
    assert decode_record(other, of_de) is None and decode_record("的", of_de) is not None
    store = WordStore.open(path, "k")
    assert store is not None
    read = WordTable()
    assert store.fetch(table.first, read) == len(table.first) - 3
    assert not {word, other, "的"} & set(read.first)
    assert store.save(table) == 3
    store.close()
    again = WordStore.open(path, "k")
    assert again is not None and again.fetch(table.first, WordTable()) == len(table.first)
    again.close()


def test_a_second_run_plans_no_word_again_and_gives_the_same_tokens(
    dictionary: Dictionary,
    article: Document,
    learnt: tuple[LanguageStack, list[Token]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cache = _cache(tmp_path, monkeypatch)
    first = _stack(dictionary)
    assert list(first.annotate_document(article)) == learnt[1]
    key = first.word_table_key()
    assert table_path(key).is_file()
    for path in (cache / "tokens").glob("*"):
        path.unlink()  # the next run segments again, with the word table only

    second = _stack(dictionary)
    context = second.context
    assert context is not None
    planned: list[str] = []
    plan_word = context._plan_word

    def counting(word: str, first_reading: tuple[str, ...]) -> object:
        planned.append(word)
        return plan_word(word, first_reading)

    monkeypatch.setattr(context, "_plan_word", counting)
    assert list(second.annotate_document(article)) == learnt[1]
    assert planned == []
    for name in ("first", "plan", "plain", "contextual", "facts", "known"):
        mine, theirs = getattr(second._table, name), getattr(first._table, name)
        assert mine.items() <= theirs.items(), name


def test_a_damaged_table_is_rebuilt_by_the_next_run(
    dictionary: Dictionary,
    article: Document,
    learnt: tuple[LanguageStack, list[Token]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _cache(tmp_path, monkeypatch)
    stack = _stack(dictionary)
    key = stack.word_table_key()
    path = table_path(key)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    assert list(stack.annotate_document(article)) == learnt[1]
    store = WordStore.open(path, key)
    assert store is not None
    read = WordTable()
    words = {t.text for t in learnt[1] if t.kind == "han"}
    assert store.fetch(words, read) == len(words)
    store.close()


def test_the_key_changes_with_the_glossary_and_the_dictionary(dictionary: Dictionary) -> None:
    stack = _stack(dictionary)
    other = LanguageStack({"中国": None}, dictionary)
    bare = LanguageStack(load_glossary(glossary_path()), None)
    keys = {stack.word_table_key(), other.word_table_key(), bare.word_table_key()}
    assert len(keys) == 3
    assert stack.word_table_key() == _stack(dictionary).word_table_key()


def test_a_new_dictionary_forgets_what_the_old_one_decided(dictionary: Dictionary) -> None:
    stack = _stack(dictionary)
    stack.annotate_text("银行家在国家银行工作。")
    assert stack._table.plan and stack._table.known
    stack.use_dictionary(dictionary)
    assert not stack._table.plan and not stack._table.known and not stack._table.plain
    assert stack._table.first  # the first reading does not depend on the dictionary
