"""Layout: lazy rows per block, estimated and exact heights, y ↔ offset, pinyin rows."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path

import pytest

from reader.text.document import Document
from reader.text.layout import Layout, TokenSource
from reader.text.linebreak import CLOSING, text_cells
from reader.text.loader import load_path, parse_markdown
from reader.text.tokens import Token, basic_tokens

ARTICLE = Path(__file__).resolve().parents[2] / "content" / "article.md"
WIDTHS = [80, 40, 20]


@pytest.fixture(scope="module")
def article() -> Document:
    return load_path(ARTICLE, doc_id="article")


def height_of(layout: Layout, index: int) -> int:
    """The rows block ``index`` takes, as the layout has it now (estimated or exact), seen from its y positions."""
    following = layout.y_of_block(index + 1) if index + 1 < len(layout.blocks) else layout.height
    return following - layout.y_of_block(index)


def laid_out(document: Document, width: int, **kwargs: object) -> Layout:
    layout = Layout(document, width, **kwargs)  # type: ignore[arg-type]
    for index in range(len(layout.blocks)):
        layout.rows(index)
    return layout


def token_source(document: Document, reading_len: int) -> TokenSource:
    """Dictionary-free tokens; Han tokens get a reading of ``reading_len`` letters ('' for 0)."""

    def source(start: int, end: int) -> tuple[Sequence[Token], Sequence[str]]:
        tokens = basic_tokens(document.text[start:end], start)
        readings = ["x" * reading_len if t.kind == "han" else "" for t in tokens]
        return tokens, readings

    return source


# -- blocks and heights ----------------------------------------------------------


def test_blocks_are_heading_then_paragraphs(article: Document) -> None:
    layout = Layout(article, 80)
    assert len(layout.blocks) == len(article.sections) + len(article.paragraphs)
    assert layout.blocks[0].is_heading and not layout.blocks[1].is_heading


@pytest.mark.parametrize("width", WIDTHS)
def test_height_after_layout_is_the_sum_of_rows(article: Document, width: int) -> None:
    layout = laid_out(article, width)
    assert layout.height == sum(len(layout.rows(i)) for i in range(len(layout.blocks)))


@pytest.mark.parametrize("width", WIDTHS)
def test_estimate_is_close_to_exact(article: Document, width: int) -> None:
    estimate = Layout(article, width).height
    exact = laid_out(article, width).height
    assert abs(estimate - exact) <= exact * 0.1


def test_rows_updates_one_block_height(article: Document) -> None:
    layout = Layout(article, 20)
    before = layout.height
    rows = layout.rows(1)
    expected = before - height_of(Layout(article, 20), 1) + len(rows)
    assert layout.height == expected


def test_rows_are_cached(article: Document) -> None:
    layout = Layout(article, 40)
    assert layout.rows(3) is layout.rows(3)


def test_heading_heights_are_exact_before_layout(article: Document) -> None:
    estimate = Layout(article, 20)
    exact = laid_out(article, 20)
    for index, block in enumerate(estimate.blocks):
        if block.is_heading:
            assert height_of(estimate, index) == len(exact.rows(index))


@pytest.mark.parametrize("width", WIDTHS)
def test_paragraph_ends_with_one_blank_row(article: Document, width: int) -> None:
    layout = laid_out(article, width)
    for index in range(len(layout.blocks)):
        kinds = [r.kind for r in layout.rows(index)]
        assert kinds[-1] == "blank" and "blank" not in kinds[:-1]


@pytest.mark.parametrize("width", WIDTHS)
def test_text_rows_cover_each_paragraph(article: Document, width: int) -> None:
    layout = laid_out(article, width)
    for index, block in enumerate(layout.blocks):
        if block.paragraph is None:
            continue
        rows = [r for r in layout.rows(index) if r.kind == "text"]
        assert rows[0].start == block.paragraph.start and rows[-1].end == block.paragraph.end
        assert all(a.end <= b.start for a, b in itertools.pairwise(rows))


@pytest.mark.parametrize("width", WIDTHS)
def test_text_rows_fit_the_width(article: Document, width: int) -> None:
    layout = laid_out(article, width)
    for index in range(len(layout.blocks)):
        for row in layout.rows(index):
            if row.kind == "text":
                assert sum(a.width for a in row.atoms if not a.space or a is not row.atoms[-1]) <= width


@pytest.mark.parametrize("width", [80, 40])
def test_no_text_row_starts_with_closing_punctuation(article: Document, width: int) -> None:
    layout = laid_out(article, width)
    for index, block in enumerate(layout.blocks):
        if block.paragraph is None:
            continue
        display = layout.display(block.paragraph)
        for row in layout.rows(index):
            if row.kind == "text":
                assert display[row.start - block.paragraph.start] not in CLOSING


def test_width_is_at_least_four(article: Document) -> None:
    assert Layout(article, 0).width == 4


# -- positions -------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_y_of_offset_of_each_paragraph_start(article: Document, width: int) -> None:
    layout = laid_out(article, width)
    for index, block in enumerate(layout.blocks):
        if block.paragraph is not None:
            assert layout.y_of_offset(block.paragraph.start) == layout.y_of_block(index)


@pytest.mark.parametrize("width", WIDTHS)
def test_y_of_offset_lazily_matches_full_layout(article: Document, width: int) -> None:
    exact = laid_out(article, width)
    lazy = Layout(article, width)
    # Laying out in order keeps earlier blocks exact before later ones are asked for.
    for p in article.paragraphs:
        assert lazy.y_of_offset(p.start) == exact.y_of_offset(p.start)


@pytest.mark.parametrize("width", WIDTHS)
def test_y_of_offset_of_every_character_is_its_row(article: Document, width: int) -> None:
    layout = laid_out(article, width)
    paragraph = article.paragraphs[2]
    for offset in range(paragraph.start, paragraph.end):
        _index, row = layout.row_at(layout.y_of_offset(offset))
        assert row.kind == "text" and row.start <= offset < row.end


@pytest.mark.parametrize("width", WIDTHS)
def test_block_at_round_trip(article: Document, width: int) -> None:
    layout = laid_out(article, width)
    for index in range(len(layout.blocks)):
        y = layout.y_of_block(index)
        assert layout.block_at(y) == (index, 0)
        height = len(layout.rows(index))
        assert layout.block_at(y + height - 1) == (index, height - 1)


def test_block_at_clamps(article: Document) -> None:
    layout = laid_out(article, 40)
    assert layout.block_at(-10) == (0, 0)
    last = len(layout.blocks) - 1
    assert layout.block_at(layout.height + 50) == (last, len(layout.rows(last)) - 1)


def test_block_of_section_is_its_heading(article: Document) -> None:
    layout = Layout(article, 80)
    for section in article.sections:
        block = layout.blocks[layout.block_of_section(section.index)]
        assert block.is_heading and block.section is section


def test_block_of_offset_is_its_paragraph(article: Document) -> None:
    layout = Layout(article, 80)
    for p in article.paragraphs:
        assert layout.blocks[layout.block_of_offset(p.end - 1)].paragraph is p


# -- headings --------------------------------------------------------------------


def test_heading_rows_carry_the_heading_text(article: Document) -> None:
    layout = Layout(article, 80)
    rows = layout.rows(0)
    assert [r.kind for r in rows] == ["heading", "blank"]
    assert rows[0].text == article.sections[0].heading


def test_long_heading_wraps() -> None:
    doc = parse_markdown("## 一个非常非常长的中文标题 / A Very Long English Subtitle Indeed\n\n正文。\n", "h")
    layout = Layout(doc, 16)
    rows = [r for r in layout.rows(0) if r.kind == "heading"]
    assert len(rows) > 1
    assert all(text_cells(r.text.rstrip(" ")) <= 16 for r in rows)  # a break space may hang
    assert "".join(r.text for r in rows).replace(" ", "") == doc.sections[0].heading.replace(" ", "")


def test_heading_does_not_split_latin_words() -> None:
    doc = parse_markdown("## 关于OpenAI与Anthropic的竞争\n\n正文。\n", "h")
    rows = [r.text for r in Layout(doc, 12).rows(0) if r.kind == "heading"]
    assert any("OpenAI" in r for r in rows) and any("Anthropic" in r for r in rows)


# -- pinyin mode ------------------------------------------------------------------


def test_pinyin_without_tokens_falls_back_to_text_rows(article: Document) -> None:
    rows = Layout(article, 40, pinyin=True).rows(1)
    assert {r.kind for r in rows} == {"text", "blank"}


@pytest.mark.parametrize("reading_len", [0, 5])
def test_pinyin_rows_come_in_pairs(article: Document, reading_len: int) -> None:
    layout = Layout(article, 40, pinyin=True, tokens=token_source(article, reading_len))
    rows = layout.rows(1)
    kinds = [r.kind for r in rows]
    assert kinds[-1] == "blank"
    assert kinds[:-1] == ["pinyin", "text"] * ((len(kinds) - 1) // 2)
    for top, bottom in zip(rows[0:-1:2], rows[1:-1:2], strict=True):
        assert top.atoms == bottom.atoms and len(top.readings) == len(top.atoms)


@pytest.mark.parametrize("reading_len", [0, 5])
def test_pinyin_rows_cover_the_paragraph(article: Document, reading_len: int) -> None:
    layout = Layout(article, 40, pinyin=True, tokens=token_source(article, reading_len))
    paragraph = article.paragraphs[0]
    text_rows = [r for r in layout.rows(1) if r.kind == "text"]
    assert (text_rows[0].start, text_rows[-1].end) == (paragraph.start, paragraph.end)


def test_pinyin_empty_readings_keep_hanzi_widths(article: Document) -> None:
    layout = Layout(article, 40, pinyin=True, tokens=token_source(article, 0))
    atoms = [a for r in layout.rows(1) if r.kind == "text" for a in r.atoms]
    han = [a for a in atoms if article.text[a.start] in "最新报道显示"]
    assert han and all(a.width == 2 for a in han)


def test_pinyin_long_readings_widen_han_atoms(article: Document) -> None:
    layout = Layout(article, 40, pinyin=True, tokens=token_source(article, 5))
    atoms = [a for r in layout.rows(1) if r.kind == "text" for a in r.atoms]
    han = [i for i, a in enumerate(atoms) if article.text[a.start] in "最新报道显示"]

    def column(index: int) -> int:
        """A word's column: its atom and the closing punctuation hanging after it (显示，)."""
        width = atoms[index].width
        while index + 1 < len(atoms) and atoms[index + 1].glue_before:
            index += 1
            width += atoms[index].width
        return width

    assert han and all(column(i) == 6 for i in han)
    assert any(atoms[i].width == 2 and column(i) == 6 for i in han)  # 示 keeps its own width: the comma follows it


def test_pinyin_long_readings_need_more_rows(article: Document) -> None:
    short = Layout(article, 40, pinyin=True, tokens=token_source(article, 0))
    long = Layout(article, 40, pinyin=True, tokens=token_source(article, 5))
    assert len(long.rows(1)) > len(short.rows(1))


@pytest.mark.parametrize("reading_len", [0, 5])
def test_pinyin_rows_fit_the_width(article: Document, reading_len: int) -> None:
    layout = laid_out(article, 40, pinyin=True, tokens=token_source(article, reading_len))
    for index in range(len(layout.blocks)):
        for row in layout.rows(index):
            if row.kind == "text":
                assert sum(a.width for a in row.atoms if not a.space or a is not row.atoms[-1]) <= 40


def test_pinyin_y_of_offset_is_the_text_row(article: Document) -> None:
    layout = laid_out(article, 40, pinyin=True, tokens=token_source(article, 5))
    for index, block in enumerate(layout.blocks):
        if block.paragraph is not None:
            y = layout.y_of_offset(block.paragraph.start)
            assert y == layout.y_of_block(index) + 1
            assert layout.row_at(y)[1].kind == "text"


@pytest.mark.parametrize("pinyin", [False, True], ids=["plain", "pinyin"])
def test_heights_stay_exact_whatever_order_the_blocks_are_laid_out_in(
    article: Document, pinyin: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Blocks laid out in any order (a jump, then another): every y position and lookup matches summing the rows again.

    Far more blocks change height than the corrections kept before the sums are built again, so both ways are checked.
    """
    import random

    import reader.text.layout as layout_module

    monkeypatch.setattr(layout_module, "_CHANGES_KEPT", 16)
    book = parse_markdown("\n\n".join([article.text] * 6), doc_id="six-articles")
    layout = Layout(book, 30, pinyin=pinyin, tokens=token_source(book, 4) if pinyin else None)
    order = list(range(len(layout.blocks)))
    random.Random(7).shuffle(order)
    assert len(order) > 2 * layout_module._CHANGES_KEPT
    for step, index in enumerate(order):
        layout.rows(index)
        if step % 3 and step != len(order) - 1:
            continue
        heights = [len(layout._rows[i]) if i in layout._rows else layout._heights[i] for i in range(len(order))]
        sums = [0, *itertools.accumulate(heights)]
        assert layout.height == sums[-1]
        for block in range(len(order)):
            assert layout.y_of_block(block) == sums[block]
            y = sums[block] + heights[block] // 2
            found, inner = layout.block_at(y)
            assert sums[found] <= y < sums[found + 1] or heights[found] == 0
            assert sums[found] + inner == y
    assert layout.complete
