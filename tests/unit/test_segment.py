"""Segmentation: glossary terms whole, Latin/number runs whole, exact coverage."""

from __future__ import annotations

import re

import pytest

from reader.text.content import glossary_path, resolve_document
from reader.text.glossary import load_glossary
from reader.text.segment import Segmenter, load_segmentation_rules
from reader.text.tokens import is_han


@pytest.fixture(scope="module")
def glossary():  # type: ignore[no-untyped-def]
    return load_glossary(glossary_path())


@pytest.fixture(scope="module")
def article():  # type: ignore[no-untyped-def]
    return resolve_document("article")


@pytest.fixture(scope="module")
def segmenter(glossary, article, tmp_path_factory):  # type: ignore[no-untyped-def]
    from reader.text.content import content_dir

    rules = load_segmentation_rules(content_dir() / "segmentation.yaml")
    seg = Segmenter(glossary.entries, article.keywords, rules, cache_dir=tmp_path_factory.mktemp("jieba"))
    seg.load()
    return seg


@pytest.fixture(scope="module")
def tokens(segmenter, article):  # type: ignore[no-untyped-def]
    return segmenter.segment(article.text)


def _occurrences(text: str, terms: list[str]) -> list[tuple[int, int, str]]:
    """Leftmost-longest occurrences; a Latin edge must not cut a Latin word (GPT in GPT-4o)."""
    ordered = sorted(terms, key=len, reverse=True)
    found = []
    pos = 0
    while pos < len(text):
        for term in ordered:
            end = pos + len(term)
            if text.startswith(term, pos):
                if re.match(r"[A-Za-z0-9]", term[0]) and pos > 0 and re.match(r"[A-Za-z0-9.\-]", text[pos - 1]):
                    continue
                if re.match(r"[A-Za-z0-9]", term[-1]) and re.match(r"[A-Za-z0-9]|-[A-Za-z0-9]", text[end : end + 2]):
                    continue
                found.append((pos, end, term))
                pos = end
                break
        else:
            pos += 1
    return found


def test_every_glossary_term_is_one_token_everywhere(glossary, article, tokens) -> None:
    spans = {(t.start, t.end) for t in tokens}
    occurrences = _occurrences(article.text, list(glossary.entries))
    assert len(occurrences) > 100
    missing = [(term, start) for start, end, term in occurrences if (start, end) not in spans]
    assert missing == []


@pytest.mark.parametrize("term", ["预训练", "混合专家系统"])
def test_named_terms_never_split(term: str, article, tokens) -> None:
    count = article.text.count(term)
    assert count > 0
    assert sum(1 for t in tokens if t.text == term) == count


@pytest.mark.parametrize(
    ("word", "kind"),
    [("GPT-4o", "latin"), ("GLM-4", "latin"), ("12%", "number"), ("Llama", "latin"), ("GPT-5", "latin")],
)
def test_latin_and_numbers_are_single_tokens(word: str, kind: str, article, tokens) -> None:
    matching = [t for t in tokens if t.text == word]
    assert matching, word
    assert all(t.kind == kind for t in matching)
    assert not [t for t in tokens if t.text != word and word in t.text and not is_han(t.text[0])]


def test_offsets_cover_the_text_exactly(article, tokens) -> None:
    pos = 0
    for token in tokens:
        assert token.start == pos
        assert token.end > token.start
        assert article.text[token.start : token.end] == token.text
        pos = token.end
    assert pos == len(article.text)


def test_offset_argument_shifts_tokens(segmenter) -> None:
    tokens = segmenter.segment("预训练和GPT-4o。", offset=100)
    assert [(t.text, t.start) for t in tokens] == [("预训练", 100), ("和", 103), ("GPT-4o", 104), ("。", 110)]


def test_forced_term_wins_over_jieba(tmp_path) -> None:
    seg = Segmenter(["训练范", "专家系"], cache_dir=tmp_path)
    words = seg.words("模型训练范式与专家系统")
    assert "训练范" in words and "专家系" in words


def test_split_rules_apply(segmenter) -> None:
    assert "非技术" not in segmenter.words("而非技术演进的自然成果")


def test_private_tokenizer_and_cache_location(glossary, article, tmp_path) -> None:
    import jieba

    seg = Segmenter(glossary.entries, article.keywords, cache_dir=tmp_path, backend="jieba")
    seg.load()
    assert seg._tokenizer is not jieba.dt
    assert (tmp_path / "jieba.cache").is_file()


def test_rjieba_instance_is_private(tmp_path) -> None:
    import rjieba

    seg = Segmenter((), ["量子纠缠态制备"], cache_dir=tmp_path, backend="rjieba")
    seg.load()
    assert seg._tokenizer.has_word("量子纠缠态制备")
    assert not rjieba.has_word("量子纠缠态制备")  # the module's shared instance is left alone
