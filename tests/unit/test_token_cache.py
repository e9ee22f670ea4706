"""The token cache: what a later open reads instead of segmenting again."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.text.annotate import LanguageStack, load_token_cache, save_token_cache, token_cache_path
from reader.text.content import glossary_path, resolve_document
from reader.text.dictionary import Dictionary
from reader.text.document import Document
from reader.text.glossary import load_glossary
from reader.text.tokens import Token


@pytest.fixture(scope="module")
def stack() -> LanguageStack:
    return LanguageStack(load_glossary(glossary_path()), Dictionary.open())


@pytest.fixture(scope="module")
def article() -> Document:
    return resolve_document("article")


@pytest.fixture(scope="module")
def tokens(stack: LanguageStack, article: Document) -> list[Token]:
    return stack.annotate_document(article, use_cache=False)


def test_a_saved_cache_gives_back_every_token_exactly(tmp_path: Path, article: Document, tokens: list[Token]) -> None:
    path = tmp_path / "tokens.marshal"
    save_token_cache(path, "key", tokens)
    loaded = load_token_cache(path, article.text, "key")
    assert loaded == tokens
    assert any(t.glossary for t in loaded) and any(t.hsk for t in loaded) and any(t.gloss for t in loaded)
    assert "".join(t.text for t in loaded) == article.text


def test_a_cache_of_other_text_another_key_or_damaged_is_not_used(
    tmp_path: Path, article: Document, tokens: list[Token]
) -> None:
    path = tmp_path / "tokens.marshal"
    save_token_cache(path, "key", tokens)
    assert load_token_cache(path, article.text + "再加一句。", "key") is None
    assert load_token_cache(path, article.text, "another key") is None
    path.write_bytes(path.read_bytes()[:100])
    assert load_token_cache(path, article.text, "key") is None
    assert load_token_cache(tmp_path / "missing.marshal", article.text, "key") is None


def test_a_second_open_reads_the_cache_instead_of_segmenting(
    stack: LanguageStack, article: Document, tokens: list[Token], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = stack.annotate_document(article)
    assert first == tokens
    assert token_cache_path(stack.cache_key(article)).exists()

    def no_segmenting(*args: object) -> list[Token]:
        raise AssertionError("segmented again although the cache is current")

    monkeypatch.setattr(stack, "_annotate_chunks", no_segmenting)
    assert stack.annotate_document(article) == tokens
