"""The word table: each distinct word's facts out of context, kept between runs (reader.text.word_table)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.text.annotate import LanguageStack
from reader.text.content import glossary_path, resolve_document
from reader.text.dictionary import Dictionary
from reader.text.document import Document
from reader.text.glossary import load_glossary
from reader.text.tokens import Token
from reader.text.word_table import WordTable, load_table, save_table, table_path


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


def test_a_table_written_and_read_back_is_the_same(learnt: tuple[LanguageStack, list[Token]], tmp_path: Path) -> None:
    table = learnt[0]._table
    path = tmp_path / "words" / "k.marshal"
    save_table(path, "k", table)
    loaded = load_table(path, "k")
    assert loaded is not None and loaded == table and loaded.size() == table.size()


def test_a_damaged_foreign_or_malformed_table_is_not_used(
    learnt: tuple[LanguageStack, list[Token]], tmp_path: Path
) -> None:
    table = learnt[0]._table
    path = tmp_path / "k.marshal"
    save_table(path, "k", table)
    assert load_table(path, "another key") is None
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    assert load_table(path, "k") is None
    path.write_bytes(b"not a table")
    assert load_table(path, "k") is None
    assert load_table(tmp_path / "missing.marshal", "k") is None
    # Sealed and of the right key, but an entry of the wrong shape: the whole table is refused.
    bad = WordTable(first={"中国": ("zhong1", 2)})  # type: ignore[dict-item]
    save_table(path, "k", bad)
    assert load_table(path, "k") is None


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
    assert load_table(table_path(key), key) == first._table
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
    assert second._table == first._table


def test_a_damaged_table_is_rebuilt_by_the_next_run(
    dictionary: Dictionary,
    article: Document,
    learnt: tuple[LanguageStack, list[Token]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cache = _cache(tmp_path, monkeypatch)
    stack = _stack(dictionary)
    key = stack.word_table_key()
    path = table_path(key)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"RDRC1\n\x00\x00\x00\x00damaged")
    assert list(stack.annotate_document(article)) == learnt[1]
    rebuilt = load_table(path, key)
    assert rebuilt is not None and rebuilt == learnt[0]._table
    assert (cache / "tokens").is_dir()


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
