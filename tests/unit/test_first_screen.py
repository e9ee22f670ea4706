"""The paragraphs on screen segmented first (a first stage of the language stack), then the whole text."""

from __future__ import annotations

from pathlib import Path

from reader.text.annotate import shared_stack, token_cache_path
from reader.text.content import resolve_document
from reader.text.dictionary import Dictionary
from reader.text.document import Document
from reader.text.language_cache import glossary_for
from reader.text.language_loader import LoadedLanguage, load_language, screen_span
from reader.text.token_index import TokenIndex
from reader.text.tokens import Token


def _article_tokens() -> tuple[Document, list[Token]]:
    doc = resolve_document("article")
    stack = shared_stack(glossary_for(doc.path), Dictionary.open())
    return doc, list(stack.annotate_document(doc))


def test_an_index_with_a_first_stage_has_basic_tokens_outside_it() -> None:
    doc, tokens = _article_tokens()
    second, third = doc.paragraphs[2], doc.paragraphs[3]
    covered = (second.start, third.end)
    part = [t for t in tokens if covered[0] <= t.start < covered[1]]
    basic = TokenIndex(doc)
    index = TokenIndex(doc)
    index.set_tokens(part, covered)
    assert not index.ready
    assert list(index.in_range(second.start, second.end)) == [t for t in part if t.start < second.end]
    first = doc.paragraphs[1]
    assert list(index.in_range(first.start, first.end)) == list(basic.in_range(first.start, first.end))
    across = list(index.in_range(first.start, second.end))  # a range over the edge: both kinds, in order
    assert across == [*basic.in_range(first.start, first.end), *[t for t in part if t.start < second.end]]
    assert index.at(first.start + 1) == basic.at(first.start + 1)
    assert index.at(second.start + 1) == next(t for t in part if t.start <= second.start + 1 < t.end)
    last_basic = [t for t in basic.in_range(first.start, first.end) if t.is_word][-1]
    assert index.next_word(last_basic.start) == next(t for t in part if t.is_word)  # the cursor walks into it
    index.set_tokens(tokens)
    assert index.ready
    assert list(index.in_range(first.start, first.end)) == [t for t in tokens if first.start <= t.start < first.end]


def test_the_span_is_whole_paragraphs_and_only_when_the_text_is_much_longer() -> None:
    doc = resolve_document("article")
    paragraphs = doc.paragraphs
    inside = (paragraphs[2].start + 3, paragraphs[3].start + 5)
    assert screen_span(doc, inside) == (paragraphs[2].start, paragraphs[4].end)  # and the next one
    assert screen_span(doc, (0, len(doc.text))) is None  # the whole text is on screen: one stage
    assert screen_span(doc, None) is None
    book = resolve_document(str(_long_book()))
    assert screen_span(book, (0, 100)) is not None
    assert screen_span(book, (0, 25_000)) is None  # more than one pass of the annotate pass: no stage of its own


def test_the_first_stage_holds_the_same_tokens_as_the_whole_pass(tmp_path: Path) -> None:
    text = resolve_document("article").text + "\n\n" + tmp_path.name + "\n"  # a text no other test segments
    (tmp_path / "own.txt").write_text(text, encoding="utf-8")
    doc = resolve_document(str(tmp_path / "own.txt"))
    stack = shared_stack(glossary_for(doc.path), Dictionary.open())
    assert not token_cache_path(stack.cache_key(doc)).exists()
    paragraphs = doc.paragraphs
    screen = (paragraphs[5].start, paragraphs[6].end)
    seen: list[LoadedLanguage] = []
    loaded = load_language(doc, lambda _: None, None, None, screen, seen.append)
    assert len(seen) == 1 and seen[0].covered == screen_span(doc, screen)
    start, end = screen_span(doc, screen) or (0, 0)
    assert list(seen[0].tokens) == [t for t in loaded.tokens if start <= t.start < end]
    assert loaded.covered is None
    info = seen[0].sense(next(t for t in seen[0].tokens if t.kind == "han"))
    assert info.gloss  # the pop-up has a meaning for a word on screen

    again: list[LoadedLanguage] = []
    load_language(resolve_document(str(tmp_path / "own.txt")), lambda _: None, None, None, screen, again.append)
    assert again == []  # tokens from the cache: no first stage


def _long_book() -> Path:
    """A text of 110,000 characters."""
    import tempfile

    path = Path(tempfile.mkdtemp()) / "long.txt"
    path.write_text("这是一个很长的段落。" * 3000 + "\n\n" + "短段落。" * 20000 + "\n", encoding="utf-8")
    return path


def test_a_text_read_before_comes_from_the_caches_alone(tmp_path: Path) -> None:
    """load_cached: the warm start without a worker; None (nothing parsed or segmented) on any miss."""
    from reader.text.language_loader import load_cached

    (tmp_path / "own.txt").write_text(resolve_document("article").text + "\n\n" + tmp_path.name + "\n", "utf-8")
    fresh = resolve_document(str(tmp_path / "own.txt"))
    assert load_cached(fresh) is None  # never segmented: the worker's job
    loaded = load_language(fresh, lambda _: None)
    again = load_cached(resolve_document(str(tmp_path / "own.txt")))
    assert again is not None and again.stack is not None
    assert list(again.tokens) == list(loaded.tokens)
    assert again.problems == loaded.problems
    stack = again.stack
    token_cache_path(stack.cache_key(again.document)).write_bytes(b"damaged")
    assert load_cached(resolve_document(str(tmp_path / "own.txt"))) is None  # a damaged cache is a miss
