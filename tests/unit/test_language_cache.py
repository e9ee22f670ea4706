"""The parsed-data caches of the language stack (reader/text/language_cache.py) and the staged loading."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.text import language_cache
from reader.text.content import resolve_document
from reader.text.glossary import glossary_for as parse_glossary
from reader.text.loader import parse_markdown


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test's own (the session's shared one keeps the dictionary index)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("READER_CACHE_DIR", str(folder))
    return folder


def _files(kind: str) -> list[Path]:
    return sorted(language_cache.parsed_dir().glob(f"{kind}-*.marshal"))


def test_glossary_is_read_back_equal_and_a_damaged_file_is_rebuilt(own_cache: Path) -> None:
    doc = resolve_document("article")
    fresh = parse_glossary(doc.path)
    first = language_cache.glossary_for(doc.path)
    assert first == fresh
    (stored,) = _files("glossary")
    good = stored.read_bytes()
    assert language_cache.glossary_for(doc.path) == fresh  # from the file
    for damage in (good[: len(good) // 2], good[:-1] + bytes([good[-1] ^ 1]), b"", b"not a cache at all"):
        stored.write_bytes(damage)
        assert language_cache.glossary_for(doc.path) == fresh  # a miss: parsed again, never a crash
        assert stored.read_bytes() == good  # and written again


def test_the_cache_only_readers_answer_from_good_files_and_never_parse(own_cache: Path) -> None:
    doc = resolve_document("article")
    assert language_cache.cached_glossary(doc.path) is None  # nothing stored yet: None, nothing parsed
    assert not _files("glossary")
    fresh = language_cache.glossary_for(doc.path)
    assert language_cache.cached_glossary(doc.path) == fresh
    (stored,) = _files("glossary")
    stored.write_bytes(b"not a cache at all")
    assert language_cache.cached_glossary(doc.path) is None  # damaged: a miss, not trusted
    simplified, traditional = parse_markdown("我们今天学习。", "s"), parse_markdown("我們今天學習，這個問題很難。", "t")
    assert not language_cache.settled_simplified(simplified)  # no verdict stored yet
    for text in (simplified, traditional):
        language_cache.settle_script(text)
    again, hant = parse_markdown(simplified.text, "a"), parse_markdown(traditional.text, "b")
    assert language_cache.settled_simplified(again) and again.lookup_text is again.text
    assert not language_cache.settled_simplified(hant)  # traditional: converted by the worker, not here
    assert "_lookup" not in hant.meta


@pytest.mark.parametrize("doc_path", [None, "article", "/somewhere/book.txt"])
def test_the_cache_keys_on_every_file_the_glossary_reads(doc_path: str | None) -> None:
    from reader.text.glossary import bundled_glossary_paths, user_glossary_paths

    path = resolve_document("article").path if doc_path == "article" else doc_path
    assert language_cache.glossary_paths(path) == [*bundled_glossary_paths(), *user_glossary_paths(path)]


def test_a_changed_glossary_file_is_parsed_again(own_cache: Path, reader_home: Path) -> None:
    doc = resolve_document("article")
    before = language_cache.glossary_for(doc.path)
    assert "自造词" not in before.entries
    (reader_home / "glossary.yaml").write_text(
        "version: 1\nterms:\n  - term: 自造词\n    pinyin: zì zào cí\n    gloss: a made-up word\n"
        "    explanation: A word of mine.\n    definition_zh: 我造的词。\n    category: general\n",
        encoding="utf-8",
    )
    after = language_cache.glossary_for(doc.path)
    assert after == parse_glossary(doc.path)
    assert after.entries["自造词"].gloss == "a made-up word"
    assert len(_files("glossary")) == 2  # one per set of file contents


def test_a_glossary_problem_comes_back_with_its_line(own_cache: Path, reader_home: Path) -> None:
    (reader_home / "glossary.yaml").write_text("version: 1\nterms:\n  - term: 坏\n    pinyin: xyz\n", encoding="utf-8")
    fresh = parse_glossary(None)
    assert fresh.problems
    assert language_cache.glossary_for(None).problems == fresh.problems
    assert language_cache.glossary_for(None).problems == fresh.problems  # read back


def test_sense_book_through_the_memo_equals_the_direct_load(own_cache: Path) -> None:
    from reader.text.annotate import sense_files
    from reader.text.senses import load_sense_book

    direct = load_sense_book(sense_files())  # parsed (this cache folder is new), and kept in the memo
    for _ in range(2):  # answered by the memo
        cached = load_sense_book(sense_files())
        assert cached.uses == direct.uses
        assert cached.affixes == direct.affixes
        assert cached.problems == direct.problems


def test_a_broken_sense_file_is_one_clear_error(own_cache: Path, tmp_path: Path) -> None:
    from reader.errors import ReaderError
    from reader.text.senses import load_sense_book

    bad = tmp_path / "bad.yaml"
    bad.write_text("words: [unclosed\n", encoding="utf-8")
    with pytest.raises(ReaderError, match="cannot read the learner glosses"):
        load_sense_book([bad])


def test_script_verdict_is_remembered_and_a_damaged_one_worked_out_again(own_cache: Path) -> None:
    simplified = parse_markdown("我们今天学习语言模型。", "s")
    traditional = parse_markdown("我們今天學習語言模型，這個問題很難。", "t")
    for doc in (simplified, traditional):
        language_cache.settle_script(doc)
    assert simplified.lookup_text is simplified.text
    assert traditional.lookup_text == "我们今天学习语言模型，这个问题很难。"
    assert len(_files("script")) == 2
    again = parse_markdown(simplified.text, "again")
    language_cache.settle_script(again)  # answered by the file
    assert again.meta["_lookup"] is again.text
    for path in _files("script"):
        path.write_bytes(b"garbage")
    for text, expected in ((simplified.text, simplified.text), (traditional.text, traditional.lookup_text)):
        doc = parse_markdown(text, "doc")
        language_cache.settle_script(doc)
        assert doc.lookup_text == expected


def test_tokens_come_first_from_the_cache_and_the_rest_loads_after() -> None:
    """Staged loading: on a warm start the tokens are handed over before the sense chooser or pinyin reader load."""
    from reader.text import annotate
    from reader.text.language_loader import LoadedLanguage, load_language

    load_language(resolve_document("article"), lambda _: None)  # warms the token cache
    annotate._STACKS.clear()
    seen: list[tuple[bool, bool, int]] = []

    def ready(language: LoadedLanguage) -> None:
        stack = language.stack
        assert stack is not None
        seen.append((stack._chooser is None, stack._reader is None, len(language.tokens)))

    messages: list[str] = []
    loaded = load_language(resolve_document("article"), messages.append, ready)
    assert seen == [(True, True, len(loaded.tokens))]
    assert messages == []  # nothing to wait for: no "segmenting the text…"
    assert loaded.stack is not None and loaded.stack._chooser is not None and loaded.stack._reader is not None


def test_a_first_run_builds_the_index_beside_the_stack_and_reads_the_same_tokens(own_cache: Path) -> None:
    """No index, no token cache: the index is built in a thread while the stack loads; same tokens as in order."""
    from reader.text.annotate import LanguageStack
    from reader.text.dictionary import Dictionary, index_is_current
    from reader.text.language_loader import load_language

    doc = resolve_document("article")
    messages: list[str] = []
    loaded = load_language(doc, messages.append)
    assert index_is_current()
    assert any("building the dictionary index" in m for m in messages)
    assert loaded.stack is not None and loaded.stack.dictionary is loaded.dictionary
    with Dictionary.open() as dictionary:
        in_order = LanguageStack(parse_glossary(doc.path), dictionary).annotate_document(doc, use_cache=False)
    assert list(loaded.tokens) == list(in_order)


def test_an_index_that_cannot_be_built_is_an_error_of_the_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.errors import ReaderError
    from reader.text.language_loader import load_language

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("READER_CACHE_DIR", str(blocker / "cache"))
    with pytest.raises(ReaderError, match="dictionary index"):
        load_language(resolve_document("article"), lambda _: None)
