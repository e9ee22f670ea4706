"""Chinese line breaking: cell widths, display forms, kinsoku rules and Latin words."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.text.document import Document
from reader.text.linebreak import CLOSING, OPENING, break_atoms, cell_width, display_text, plain_atoms, text_cells
from reader.text.loader import load_path


def break_text(text: str, width: int) -> list[str]:
    """The lines ``text`` is broken into at ``width`` cells, as shown (the layout's algorithm on plain atoms)."""
    display = display_text(text)
    atoms = plain_atoms(display)
    return [display[atoms[first].start : atoms[last - 1].end].rstrip() for first, last in break_atoms(atoms, width)]


ARTICLE = Path(__file__).resolve().parents[2] / "content" / "article.md"


def rebuild(display: str, lines: list[str]) -> str:
    """Walk ``display`` line by line, allowing only spaces between lines; return what is left."""
    pos = 0
    for line in lines:
        while pos < len(display) and display[pos] == " ":
            pos += 1
        assert display.startswith(line, pos), (line, display[pos:])
        pos += len(line)
    return display[pos:]


# -- cell widths ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("ch", "cells"),
    [
        ("中", 2),
        ("〇", 2),
        ("a", 1),
        ("7", 1),
        (" ", 1),
        ("\u0301", 0),  # combining acute accent
        ("\u200b", 0),  # zero-width space
        ("😀", 2),
        ("Ａ", 2),
        ("１", 2),
        ("，", 2),
        ("。", 2),
    ],
)
def test_cell_width(ch: str, cells: int) -> None:
    assert cell_width(ch) == cells


@pytest.mark.parametrize(
    ("text", "cells"),
    [("", 0), ("OpenAI", 6), ("中文", 4), ("GPT-4o的", 8), ("e\u0301", 1), ("😀a", 3), ("ＡＢＣ，１２３", 14)],
)
def test_text_cells(text: str, cells: int) -> None:
    assert text_cells(text) == cells


# -- display forms -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("中文,中文", "中文，中文"),
        ("中文:中文", "中文：中文"),
        ("最新报道显示,OpenAI正面临", "最新报道显示，OpenAI正面临"),
        ("唏嘘:GPT-5", "唏嘘：GPT-5"),
        ("OpenAI,谷歌", "OpenAI，谷歌"),
        ("a, b", "a, b"),
        ("a:b", "a:b"),
        ("1,000", "1,000"),
        ("GPT-4o, Claude", "GPT-4o, Claude"),
        ("中文，中文", "中文，中文"),
    ],
)
def test_display_text(text: str, shown: str) -> None:
    assert display_text(text) == shown


@pytest.mark.parametrize(
    ("text", "shown"),
    [("模型 GPT-5, Claude!", "模型 GPT-5, Claude!"), ("(GPT-4o) 模型", "(GPT-4o) 模型"), ("中文 a, b,", "中文 a, b,")],
)
def test_display_text_at_paragraph_edges(text: str, shown: str) -> None:
    assert display_text(text) == shown


@pytest.mark.parametrize("text", ["中文,中文:好", "a, b", "OpenAI,谷歌(Google)", "“你好,世界!”", ""])
def test_display_text_keeps_length(text: str) -> None:
    assert len(display_text(text)) == len(text)


def test_display_text_keeps_offsets_on_the_article() -> None:
    doc = load_path(ARTICLE, doc_id="article")
    shown = display_text(doc.text)
    assert len(shown) == len(doc.text)
    changed = {(a, b) for a, b in zip(doc.text, shown, strict=True) if a != b}
    assert changed <= {(",", "，"), (":", "："), (";", "；"), ("!", "！"), ("?", "？"), ("(", "（"), (")", "）")}


# -- a table of tricky breaks --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("这是OpenAI的模型", 10, ["这是OpenAI", "的模型"]),
        ("这是OpenAI的模型", 8, ["这是", "OpenAI的", "模型"]),
        ("在GPT-4o之后", 9, ["在GPT-4o", "之后"]),
        ("增长了12%和30%的份额", 8, ["增长了", "12%和30%", "的份额"]),
        ("等等……然后", 7, ["等等……", "然后"]),
        ("表情😀😀😀和", 6, ["表情😀", "😀😀和"]),
        ("ＡＢＣ，１２３", 6, ["ＡＢ", "Ｃ，", "１２３"]),
        ("他说：“你好。”我们", 8, ["他说：", "“你好。”", "我们"]),
        ("a, b", 20, ["a, b"]),
        ("hello world", 5, ["hello", "world"]),
    ],
)
def test_break_text_table(text: str, width: int, lines: list[str]) -> None:
    assert break_text(text, width) == lines


@pytest.mark.parametrize("width", range(6, 21))
@pytest.mark.parametrize("word", ["OpenAI", "GPT-4o", "Anthropic", "GLM-4", "12%", "30%", "1,000", "3.5"])
def test_latin_word_at_line_end_is_not_split(word: str, width: int) -> None:
    text = "中文" * 7 + word + "的发展"
    lines = break_text(text, width)
    assert sum(line.count(word) for line in lines) == 1


@pytest.mark.parametrize("width", range(6, 21))
@pytest.mark.parametrize("run", ["——", "……"])
def test_dash_and_ellipsis_are_not_split(run: str, width: int) -> None:
    text = "一场颠覆性的智能革命" + run + "一个真正意义上的模型"
    lines = break_text(text, width)
    assert sum(line.count(run) for line in lines) == 1


@pytest.mark.parametrize("width", range(4, 16))
@pytest.mark.parametrize("punct", sorted("。，、；：！？）」』】》”"))
def test_closing_punctuation_never_starts_a_line(punct: str, width: int) -> None:
    text = "甲乙丙丁戊己庚辛" + punct + "壬癸"
    assert all(line[0] != punct for line in break_text(text, width))


@pytest.mark.parametrize("width", range(4, 16))
@pytest.mark.parametrize("punct", sorted("（「『【《“"))
def test_opening_punctuation_never_ends_a_line(punct: str, width: int) -> None:
    text = "甲乙丙丁戊己庚" + punct + "辛壬癸"
    assert all(line[-1] != punct for line in break_text(text, width))


def test_emoji_takes_two_cells_when_breaking() -> None:
    assert [text_cells(line) for line in break_text("😀" * 7, 6)] == [6, 6, 2]


def test_word_wider_than_the_line_sits_alone_on_its_line() -> None:
    # Allowed by the spec: a word wider than the whole line may overflow (it is one atom).
    assert break_text("中文Supercalifragilistic中文", 6) == ["中文", "Supercalifragilistic", "中文"]


def test_closing_punctuation_after_a_space_never_starts_a_line() -> None:
    assert all(line[0] not in CLOSING for line in break_text("中文中文 。中文", 8))


def test_opening_quote_before_a_space_never_ends_a_line() -> None:
    # The article itself has this: 标志着从“ brute force scaling”
    assert all(line[-1] not in OPENING for line in break_text("这些尝试标志着从“ brute force", 20))


def test_ideographic_space_counts_two_cells() -> None:
    lines = break_text("中\u3000中\u3000中\u3000中\u3000中", 6)
    assert all(text_cells(line) <= 6 for line in lines)


# -- the real article at content widths -----------------------------------------


@pytest.fixture(scope="module")
def article() -> Document:
    return load_path(ARTICLE, doc_id="article")


def article_lines(article: Document, width: int) -> list[str]:
    return [line for p in article.paragraphs for line in break_text(article.text[p.start : p.end], width)]


@pytest.mark.parametrize("width", [80, 40])
def test_article_no_line_starts_with_full_stop_or_comma(article: Document, width: int) -> None:
    assert [line for line in article_lines(article, width) if line[0] in "。，"] == []


@pytest.mark.parametrize("width", [80, 40])
def test_article_kinsoku(article: Document, width: int) -> None:
    bad = [ln for ln in article_lines(article, width) if ln[0] in CLOSING or ln[-1] in OPENING]
    assert bad == []


@pytest.mark.parametrize("width", [80, 40])
def test_article_lines_fit(article: Document, width: int) -> None:
    assert max(text_cells(line) for line in article_lines(article, width)) <= width


@pytest.mark.parametrize("width", [80, 40])
@pytest.mark.parametrize("word", ["OpenAI", "GPT-4o", "Anthropic", "GPT-5"])
def test_article_latin_words_never_split(article: Document, width: int, word: str) -> None:
    expected = article.text.count(word)
    assert expected > 0
    assert sum(line.count(word) for line in article_lines(article, width)) == expected


@pytest.mark.parametrize("width", [80, 40])
def test_article_lines_rebuild_the_display_text(article: Document, width: int) -> None:
    for p in article.paragraphs:
        display = display_text(article.text[p.start : p.end])
        assert rebuild(display, break_text(article.text[p.start : p.end], width)).strip(" ") == ""


# -- property: random mixed-script text ------------------------------------------

HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"
LATIN = ["OpenAI", "GPT-4o", "Anthropic", "Claude", "AI", "GLM-4", "scaling", "a", "Qwen"]
NUMBERS = ["12%", "30%", "3.5", "2024", "1,000", "100%"]
EMOJI = ["😀", "🚀", "👍"]
FULL_WIDTH = ["ＡＢＣ", "１２３", "ｘ"]
OPENERS = ["", "", "", "（", "「", "“", "《", "【"]
CLOSERS = ["", "", "", "。", "，", "、", "！", "？", "）", "」", "”", "》", ",", ":", "——", "……"]

core = st.one_of(
    st.text(alphabet=HAN, min_size=1, max_size=8),
    st.sampled_from(LATIN),
    st.sampled_from(NUMBERS),
    st.sampled_from(EMOJI),
    st.sampled_from(FULL_WIDTH),
)
piece = st.tuples(st.sampled_from(OPENERS), core, st.sampled_from(CLOSERS)).map("".join)


def latinish(ch: str) -> bool:
    return ch.isascii() or "０" <= ch <= "９"


@st.composite
def mixed_text(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    """Words (opening? + core + closing?) joined by nothing or a space; returns the text and word spans.

    Punctuation is attached to a word (no space between), and two Latin words
    or numbers are always separated by a space so that they stay distinct
    words (``１２３OpenAI`` would be one number run).
    """
    pieces = draw(st.lists(piece, min_size=1, max_size=30))
    out = pieces[0]
    spans = [(0, len(out))]
    for nxt in pieces[1:]:
        latin_pair = latinish(out[-1]) and latinish(nxt[0])
        out += " " if latin_pair or draw(st.booleans()) else ""
        spans.append((len(out), len(out) + len(nxt)))
        out += nxt
    return out, spans


# Characters that merge with a neighbouring Latin word or number into one run
# (full-width digits do, full-width letters do not).
WORD_CH = "A-Za-z0-9０-９"


def whole_words(word: str, text: str) -> list[tuple[int, int]]:
    """Spans of ``word`` as a whole run, not inside a longer word or number."""
    pattern = rf"(?<![{WORD_CH}.,%\-]){re.escape(word)}(?![{WORD_CH}%\-])"
    return [m.span() for m in re.finditer(pattern, text)]


def line_spans(display: str, lines: list[str]) -> list[tuple[int, int]]:
    """Where each line sits in the display text."""
    spans, pos = [], 0
    for line in lines:
        while display[pos] == " ":
            pos += 1
        spans.append((pos, pos + len(line)))
        pos += len(line)
    return spans


@settings(max_examples=int(os.environ.get("LINEBREAK_EXAMPLES", "200")), deadline=None)
@given(sample=mixed_text(), width=st.integers(min_value=6, max_value=80))
def test_break_text_properties(sample: tuple[str, list[tuple[int, int]]], width: int) -> None:
    text, words = sample
    display = display_text(text)
    lines = break_text(text, width)

    # Lines rebuild the display text; only spaces are dropped at breaks.
    assert all(lines)
    assert rebuild(display, lines).strip(" ") == ""

    # Every line fits, unless it is one unbreakable atom wider than the line.
    for line in lines:
        if text_cells(line) > width:
            assert len(plain_atoms(line)) == 1, (line, width)

    # Kinsoku, when every word (with its attached punctuation) fits on a line.
    if max(text_cells(display[a:b]) for a, b in words) <= width:
        assert all(line[0] not in CLOSING for line in lines[1:]), lines
        assert all(line[-1] not in OPENING for line in lines), lines

    # Latin words and numbers that fit are never split.
    spans = line_spans(display, lines)
    for word in {p for p in LATIN + NUMBERS if text_cells(p) <= width}:
        for start, end in whole_words(word, display):
            assert any(a <= start and end <= b for a, b in spans), (word, lines)


ASCII_TO_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}


@settings(max_examples=100, deadline=None)
@given(text=st.text(alphabet=HAN[:10] + "，。（）“”" + ",:;!?()" + "ab ", max_size=60))
def test_display_text_only_widens_ascii_punctuation(text: str) -> None:
    shown = display_text(text)
    assert len(shown) == len(text)
    assert all(a == b or ASCII_TO_FULL.get(a) == b for a, b in zip(text, shown, strict=True))


# -- interlinear pinyin: punctuation hangs with its word -----------------------------------


def _interlinear(text: str, words: list[tuple[str, str, str]]) -> tuple[str, str]:
    """``(hanzi row, pinyin row)`` of ``text`` cut into ``(token text, kind, reading)`` tokens."""
    from reader.text.linebreak import pinyin_line, word_atoms
    from reader.text.tokens import Token

    tokens, readings, at = [], [], 0
    for word, kind, reading in words:
        tokens.append(Token(word, at, at + len(word), kind))
        readings.append(reading)
        at += len(word)
    assert at == len(text)
    atoms = word_atoms(text, tokens, 0, readings)
    hanzi = "".join(text[a.start : a.end] + " " * (a.width - text_cells(text[a.start : a.end])) for a in atoms)
    return hanzi.rstrip(), pinyin_line(atoms, readings).rstrip()


def test_punctuation_hangs_with_the_word_before_it() -> None:
    hanzi, pinyin = _interlinear(
        "显示，OpenAI正",
        [("显示", "han", "xiǎnshì"), ("，", "punct", ""), ("OpenAI", "latin", ""), ("正", "han", "zhèng")],
    )
    assert hanzi.startswith("显示，")  # was "显示    ，OpenAI": the comma stuck to the next word
    assert hanzi == "显示，  OpenAI正"
    assert pinyin.startswith("xiǎnshì")
    # Each reading still starts over its own word.
    assert pinyin.index("zhèng") == text_cells(hanzi[: hanzi.index("正")])


def test_closing_quotes_follow_their_text() -> None:
    hanzi, pinyin = _interlinear(
        "“智能”，依然",
        [
            ("“", "punct", ""),
            ("智能", "han", "zhìnéng"),
            ("”", "punct", ""),
            ("，", "punct", ""),
            ("依然", "han", "yīrán"),
        ],
    )
    assert hanzi.startswith("“智能”，")  # was "“智能    ”，依然"
    assert pinyin.index("zhìnéng") == text_cells("“") and pinyin.index("yīrán") == text_cells(
        hanzi[: hanzi.index("依然")]
    )
    assert "zhìnéng " in pinyin  # a space always parts two readings
