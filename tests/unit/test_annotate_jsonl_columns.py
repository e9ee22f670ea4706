"""``reader annotate``'s JSON lines written from the token store's columns (issue 14: annotate throughput).

The store is written column by column, with no :class:`Token` per token; the
lines must be exactly those of the per-token writer, for a simplified and a
traditional document.
"""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.commands.annotate import write_jsonl
from reader.text.annotate import LanguageStack
from reader.text.content import glossary_path, resolve_document
from reader.text.dictionary import Dictionary
from reader.text.document import Document
from reader.text.glossary import load_glossary
from reader.text.script import to_traditional
from reader.text.tokens import Token, TokenStore


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


#: Characters JSON escapes, or leaves raw although they are unprintable or break lines elsewhere.
_AWKWARD = st.sampled_from('"\\\n\t\x00\x1f\x7f\x85\u2028\ud800\u200b 中a')
_TEXT = st.text(alphabet=st.one_of(_AWKWARD, st.characters()), max_size=4)


@settings(max_examples=200)
@given(
    st.lists(_TEXT.filter(bool), min_size=1, max_size=12),
    _TEXT,
    st.one_of(st.none(), st.integers(1, 7)),
    st.booleans(),
)
def test_each_line_is_json_dumps_of_its_record_whatever_the_characters(
    words: list[str], gloss: str, hsk: int | None, glossary: bool
) -> None:
    """Quotes, backslashes, control and unprintable characters are escaped as ``json.dumps`` escapes them."""
    text = "".join(words)
    tokens: list[Token] = []
    start = 0
    for index, word in enumerate(words):
        facts = (("ni3",) * len(word), gloss, hsk, glossary) if index % 2 else ((), "", None, False)
        tokens.append(Token(word, start, start + len(word), "han" if index % 2 else "punct", *facts))
        start += len(word)
    for sequence in (tokens, TokenStore.of(text, tokens)):
        lines = _lines(sequence).split("\n")[:-1]  # not splitlines: U+0085 and U+2028 are left raw, as json writes them
        assert len(lines) == len(tokens)
        for line, token in zip(lines, tokens, strict=True):
            record = {
                "text": token.text,
                "start": token.start,
                "end": token.end,
                "pinyin": " ".join("nǐ" for _ in token.syllables),
                "kind": token.kind,
                "gloss": token.gloss,
                "hsk": token.hsk,
                "glossary": token.glossary,
            }
            assert line == json.dumps(record, ensure_ascii=False)
