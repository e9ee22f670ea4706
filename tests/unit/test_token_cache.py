"""The token cache: what a later open reads instead of segmenting again."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.text.annotate import LanguageStack, load_token_cache, save_token_cache, token_cache_path
from reader.text.content import glossary_path, resolve_document
from reader.text.dictionary import Dictionary
from reader.text.document import Document
from reader.text.glossary import load_glossary
from reader.text.tokens import Token, TokenStore


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


def test_the_tokens_are_columns_and_give_back_the_pipelines_tokens(
    stack: LanguageStack, article: Document, tokens: TokenStore
) -> None:
    made = stack.annotate_text(article.lookup_text)  # the article is one chunk
    assert isinstance(tokens, TokenStore)
    assert list(tokens) == made and tokens == made
    assert tokens[5] == made[5] and tokens[-1] == made[-1] and tokens[10:20] == made[10:20]
    # One table row per distinct reading/gloss/level, shared: far fewer rows than tokens.
    assert len(tokens.table) < len(tokens) // 2
    de = [i for i, t in enumerate(made) if t.text == "的"]
    assert len(de) > 2 and tokens[de[0]].syllables is tokens[de[-1]].syllables  # the table's one tuple
    glossary = [(t.start, t.end) for t in made if t.glossary]
    assert glossary and list(tokens.glossary_spans()) == glossary
    word = next(t for t in made if t.kind == "han" and len(t.text) > 1)
    assert tokens.index_at(word.start + 1) == made.index(word)


def test_a_cache_damaged_inside_its_columns_or_cut_short_is_not_used(
    tmp_path: Path, article: Document, tokens: TokenStore
) -> None:
    path = tmp_path / "tokens.marshal"
    save_token_cache(path, "key", tokens)
    data = bytearray(path.read_bytes())
    middle = len(data) - len(tokens) * 6  # inside the ends column
    data[middle] ^= 0x01
    path.write_bytes(bytes(data))
    assert load_token_cache(path, article.text, "key") is None
    data[middle] ^= 0x01
    path.write_bytes(bytes(data[:-3]))
    assert load_token_cache(path, article.text, "key") is None
    path.write_bytes(bytes(data) + b"x")
    assert load_token_cache(path, article.text, "key") is None
    path.write_bytes(bytes(data))
    assert load_token_cache(path, article.text, "key") == tokens


def test_a_line_longer_than_a_chunk_is_segmented_in_pieces_with_the_same_text(
    stack: LanguageStack, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.text import annotate

    line = "人工智能正在改变世界。" * 5000  # 55,000 characters, no newline
    seen: list[int] = []
    real = stack._annotate_into

    def counting(store: TokenStore, text: str, offset: int, plain_ids: dict[tuple[str, tuple[str, ...]], int]) -> None:
        seen.append(len(text))
        real(store, text, offset, plain_ids)

    monkeypatch.setattr(stack, "_annotate_into", counting)
    store = stack._annotate_chunks(line, None)
    assert len(seen) >= 3 and max(seen) <= 2 * annotate._CHUNK
    assert "".join(t.text for t in store) == line
    assert [t.text for t in store[:4]] == ["人工智能", "正在", "改变", "世界"]


def test_the_index_over_the_columns_answers_as_over_a_list(article: Document, tokens: TokenStore) -> None:
    from reader.text.token_index import TokenIndex

    columns, objects = TokenIndex(article, tokens), TokenIndex(article, list(tokens))
    for offset in range(0, len(article.text), 7):
        assert columns.at(offset) == objects.at(offset)
        assert columns.word_at_or_after(offset) == objects.word_at_or_after(offset)
        assert columns.next_word(offset) == objects.next_word(offset)
        assert columns.previous_word(offset) == objects.previous_word(offset)
    for paragraph in article.paragraphs:
        assert list(columns.in_range(paragraph.start, paragraph.end)) == list(
            objects.in_range(paragraph.start, paragraph.end)
        )


def test_the_index_makes_token_objects_only_for_what_is_asked(
    article: Document, tokens: TokenStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.text.token_index import TokenIndex

    index = TokenIndex(article, tokens)
    made: list[int] = []
    real = TokenStore._make

    def counting(self: TokenStore, position: int) -> Token:
        made.append(position)
        return real(self, position)

    monkeypatch.setattr(TokenStore, "_make", counting)
    paragraph = article.paragraphs[3]
    assert index.at(paragraph.start + 5) is not None and len(made) == 1
    made.clear()
    row = index.in_range(paragraph.start, paragraph.start + 30)
    assert len(made) == len(row) and all(paragraph.start <= t.start < paragraph.start + 30 for t in row)
    made.clear()
    assert index.next_word(paragraph.start) is not None and len(made) <= 3


def test_fact_index_gives_one_row_per_distinct_facts_and_none_for_no_facts() -> None:
    store = TokenStore("中国人")
    first = store.fact_index((("zhong1", "guo2"), "China", 1, False))
    assert store.fact_index((("zhong1", "guo2"), "China", 1, False)) == first == 0
    assert store.fact_index((("ren2",), "person", 1, False)) == 1
    assert store.fact_index(((), "", None, False)) == -1
    assert len(store.table) == 2
    store.starts.extend([0, 2])
    store.ends.extend([2, 3])
    store.kinds.extend([0, 0])
    store.ids.extend([first, 1])
    assert store[0] == Token("中国", 0, 2, "han", ("zhong1", "guo2"), "China", 1, False)
    assert store[1].gloss == "person"
