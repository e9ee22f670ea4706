"""``reader annotate``'s JSON lines written from the token store's columns (issue 14: annotate throughput).

The store is written column by column, with no :class:`Token` per token; the
lines must be exactly those of the per-token writer, for a simplified and a
traditional document.
"""

from __future__ import annotations

import io

import pytest

from reader.commands.annotate import write_jsonl
from reader.text.annotate import LanguageStack
from reader.text.content import glossary_path, resolve_document
from reader.text.dictionary import Dictionary
from reader.text.document import Document
from reader.text.glossary import load_glossary
from reader.text.script import to_traditional
from reader.text.tokens import TokenStore


@pytest.fixture(scope="module")
def stack() -> LanguageStack:
    return LanguageStack(load_glossary(glossary_path()), Dictionary.open())


@pytest.fixture(scope="module")
def article() -> Document:
    return resolve_document("article")


def _lines(tokens: object, written: str | None = None) -> str:
    out = io.StringIO()
    write_jsonl(tokens, out, written)  # type: ignore[arg-type]
    return out.getvalue()


def test_the_columns_write_the_same_lines_as_the_tokens(stack: LanguageStack, article: Document) -> None:
    store = stack.annotate_document(article, use_cache=False)
    assert isinstance(store, TokenStore)
    lines = _lines(store)
    assert lines == _lines(list(store))
    assert lines.count("\n") == len(store)
    assert '"pinyin": ""' in lines and '"glossary": true' in lines  # tokens with and without facts


def test_a_traditional_text_keeps_its_written_form_and_the_simplified_one(
    stack: LanguageStack, article: Document
) -> None:
    store = stack.annotate_document(article, use_cache=False)
    written = to_traditional(store.text)
    assert written != store.text
    lines = _lines(store, written)
    assert lines == _lines(list(store), written)
    assert '"simplified": ' in lines


def test_an_empty_store_writes_nothing() -> None:
    assert _lines(TokenStore("")) == ""
