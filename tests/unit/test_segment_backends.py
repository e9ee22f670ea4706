"""rjieba (jieba-rs) and jieba cut the same tokens, with the reader's glossary, keywords and rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.text.annotate import LanguageStack
from reader.text.content import resolve_document
from reader.text.glossary import glossary_for
from reader.text.segment import Segmenter, backend_name, rjieba_available

pytest.importorskip("jieba")
pytestmark = pytest.mark.skipif(not rjieba_available(), reason="rjieba is not installed")

_CPP = Path(__file__).resolve().parents[3] / "shared" / "eval" / "cpp" / "dev.sent"


@pytest.fixture(scope="module")
def pair() -> tuple[Segmenter, Segmenter]:
    article = resolve_document("article")
    base = LanguageStack(glossary_for(article.path), keywords=article.keywords).segmenter
    fast = Segmenter(base.forced, base.extra_words, base.rules, backend="rjieba")
    slow = Segmenter(base.forced, base.extra_words, base.rules, backend="jieba")
    return fast, slow


def _texts() -> list[str]:
    texts = [resolve_document("article").text]
    import yaml

    table = yaml.safe_load((Path(__file__).parents[1] / "data" / "pinyin_sentences.yaml").read_text("utf-8"))
    texts += [
        str(v) for row in table.get("sentences", table) for v in (row.values() if isinstance(row, dict) else [row])
    ]
    # Rare characters: jieba hands anything outside U+4E00–U+9FD5 back alone, and so must rjieba's path.
    texts += ["他们在〇〇年代研究䶮字和𠀀字的读音", "鿐鿑鿒这几个字", "中华人民共和国成立了"]
    return texts


def test_rjieba_is_the_default() -> None:
    assert backend_name() == "rjieba"


def test_same_tokens_on_the_article_and_the_tables(pair: tuple[Segmenter, Segmenter]) -> None:
    fast, slow = pair
    for text in _texts():
        assert fast.spans(text) == slow.spans(text), text


def test_added_words_stay_identical(pair: tuple[Segmenter, Segmenter]) -> None:
    fast = Segmenter(pair[0].forced, pair[0].extra_words, pair[0].rules, backend="rjieba")
    slow = Segmenter(pair[1].forced, pair[1].extra_words, pair[1].rules, backend="jieba")
    text = "量子纠缠态制备是这家实验室的长项，量子纠缠态制备很难"
    for seg in (fast, slow):
        seg.add_words(["量子纠缠态制备"])
    assert fast.words(text) == slow.words(text)
    assert "量子纠缠态制备" in fast.words(text)


@pytest.mark.skipif(not _CPP.is_file(), reason="the CPP dev set (../shared/eval/cpp) is not on this machine")
def test_same_tokens_on_cpp_dev(pair: tuple[Segmenter, Segmenter]) -> None:
    fast, slow = pair
    lines = _CPP.read_text(encoding="utf-8").replace("▁", "").splitlines()[:3000]
    bad = [line for line in lines if fast.spans(line) != slow.spans(line)]
    assert not bad, bad[:3]
