"""Ruby readings a book gives (``<ruby>斜<rt>xiá</rt></ruby>``): kept by offset, read as pinyin, offered.

The poem is 杜牧's 山行; textbooks give 斜 the old rhyme reading xiá (ㄒㄧㄚˊ in
Taiwan's zhuyin), where the dictionary reads xié.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from reader.cli import main
from reader.text.html_text import extract
from reader.text.loader import load_path
from reader.text.ruby import GivenReadings, is_zhuyin, reading_syllables, zhuyin_syllables

POEM = ["远上寒山石径斜，", "白云生处有人家。", "停车坐爱枫林晚，", "霜叶红于二月花。"]
POEM_HANT = ["遠上寒山石徑斜，", "白雲生處有人家。", "停車坐愛楓林晚，", "霜葉紅於二月花。"]


def ruby_verse(lines: list[str], reading: str) -> str:
    """The poem as one verse block (``<br/>`` lines) with 斜 under ruby, and 枫林 / 楓林 as one ruby."""
    body = "<br/>\n".join(lines)
    body = body.replace("斜", f"<ruby>斜<rp>(</rp><rt>{reading}</rt><rp>)</rp></ruby>", 1)
    forest = "枫林" if "枫林" in body else "楓林"
    words = "ㄈㄥ ㄌㄧㄣˊ" if is_zhuyin(reading) else "fēnglín"
    return body.replace(forest, f"<ruby>{forest}<rt>{words}</rt></ruby>", 1)


def html_page(lines: list[str], reading: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>山行</title>'
        f"</head><body><h2>山行</h2><p>杜牧</p><p>{ruby_verse(lines, reading)}</p></body></html>"
    )


def build_epub(path: Path, lines: list[str], reading: str) -> None:
    """A one-chapter EPUB 3 with the poem in ruby."""
    opf = (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>唐诗</dc:title>'
        "<dc:language>zh</dc:language></metadata>"
        '<manifest><item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/>'
        '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/></manifest>'
        '<spine><itemref idref="c1"/></spine></package>'
    )
    nav = (
        '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml" '
        'xmlns:epub="http://www.idpf.org/2007/ops"><body><nav epub:type="toc"><ol>'
        '<li><a href="c1.xhtml">山行</a></li></ol></nav></body></html>'
    )
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        book.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
            '<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>",
        )
        book.writestr("OEBPS/content.opf", opf)
        book.writestr("OEBPS/nav.xhtml", nav)
        book.writestr("OEBPS/c1.xhtml", html_page(lines, reading))


@pytest.mark.parametrize(
    ("zhuyin", "pinyin"),
    [
        ("ㄒㄧㄚˊ", ("xia2",)),
        ("ㄏㄢˋ ㄗˋ", ("han4", "zi4")),
        ("ㄓㄨㄥㄍㄨㄛˊ", ("zhong1", "guo2")),  # run together, the first tone unmarked
        ("ㄊㄞˊㄨㄢ", ("tai2", "wan1")),
        ("˙ㄉㄜ", ("de5",)),  # the neutral tone's dot before the syllable
        ("ㄇㄚ˙", ("ma5",)),  # ... or after it
        ("ㄌㄩˋ", ("lu:4",)),  # ü written as CC-CEDICT does
        ("ㄦˊ", ("er2",)),
        ("ㄓ", ("zhi1",)),
        ("ㄒㄧㄚˊ note", ()),  # not all zhuyin: not a reading
    ],
)
def test_zhuyin_is_read_as_numbered_pinyin(zhuyin: str, pinyin: tuple[str, ...]) -> None:
    assert zhuyin_syllables(zhuyin) == pinyin
    assert reading_syllables(zhuyin) == pinyin


@pytest.mark.parametrize(
    ("given", "syllables"),
    [("xiá", ("xia2",)), ("fēnglín", ("feng1", "lin2")), ("feng1 lin2", ("feng1", "lin2")), ("lǜ", ("lu:4",))],
)
def test_pinyin_readings_are_split_into_numbered_syllables(given: str, syllables: tuple[str, ...]) -> None:
    assert reading_syllables(given) == syllables


def test_text_that_is_not_a_reading_gives_no_syllables() -> None:
    assert reading_syllables("see note 3") == () and reading_syllables("") == ()


def test_readings_in_a_verse_block_keep_their_offsets(tmp_path: Path) -> None:
    _, blocks = extract(f"<p>{ruby_verse(POEM, 'xiá')}</p>")
    assert blocks[0].text.split("\n")[0] == POEM[0]
    path = tmp_path / "山行.html"
    path.write_text(html_page(POEM, "xiá"), encoding="utf-8")
    doc = load_path(path)
    given = GivenReadings.of(doc)
    assert [(doc.text[g.start : g.end], g.text, g.syllables) for g in given.given] == [
        ("斜", "xiá", ("xia2",)),
        ("枫林", "fēnglín", ("feng1", "lin2")),
    ]
    at = doc.text.index("斜")
    assert given.syllable_at(at) == "xia2" and given.syllable_at(at - 1) is None
    # One syllable per Han character of a word: the book's where it gives one, the reader's own elsewhere.
    assert given.apply("径斜", at - 1, ("jing4", "xie2")) == ("jing4", "xia2")
    assert given.label(at - 1, at + 1) == "xiá"


def test_an_epub_in_zhuyin_gives_pinyin_readings(tmp_path: Path) -> None:
    path = tmp_path / "唐诗.epub"
    build_epub(path, POEM_HANT, "ㄒㄧㄚˊ")
    doc = load_path(path)
    assert doc.traditional and POEM_HANT[0] in doc.text
    given = GivenReadings.of(doc)
    xia = doc.text.index("斜")
    forest = doc.text.index("楓林")
    assert [(g.start, g.end, g.syllables) for g in given.given] == [
        (xia, xia + 1, ("xia2",)),
        (forest, forest + 2, ("feng1", "lin2")),
    ]
    assert given.label(xia, xia + 1) == "ㄒㄧㄚˊ (xiá)"
    assert given.label(forest, forest + 2, numbers=True) == "ㄈㄥ ㄌㄧㄣˊ (feng1 lin2)"


def test_a_reading_that_does_not_fit_its_base_is_shown_as_given_only(tmp_path: Path) -> None:
    path = tmp_path / "odd.html"
    path.write_text("<p><ruby>明天<rt>míng</rt></ruby>见。</p>", encoding="utf-8")
    doc = load_path(path)
    given = GivenReadings.of(doc)
    assert given.label(0, 2) == "míng"
    assert given.apply("明天", 0, ("ming2", "tian1")) == ("ming2", "tian1")


def test_annotate_gives_the_books_reading_as_a_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "唐诗.epub"
    build_epub(path, POEM_HANT, "ㄒㄧㄚˊ")
    assert main(["annotate", str(path)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    under = [r for r in rows if "given" in r]
    assert [(r["text"], r["given"], r["given_pinyin"]) for r in under] == [
        ("徑斜", "ㄒㄧㄚˊ", "xiá"),
        ("楓林晚", "ㄈㄥ ㄌㄧㄣˊ", "fēng lín"),  # the segmenter takes 枫林晚 as one word
    ]
    assert under[0]["pinyin"] == "jìng xié"  # the reader's own reading stays in its field
    assert all("given" not in r for r in rows if r["text"] in ("白雲", "人家"))
    assert main(["annotate", "--format", "text", str(path)]) == 0
    text = capsys.readouterr().out
    assert "jìngxiá" in text and "jìngxié" not in text  # the pinyin line follows the book


@pytest.mark.parametrize(
    "markup",
    [
        "<p>远上寒山石径\n  <ruby>斜<rt>xiá</rt></ruby>\n，白云生处有人家。</p>",  # pretty-printed: source breaks around it
        "<p>远上寒山石径<ruby><rb>斜</rb><rp>(</rp><rt>xiá</rt><rp>)</rp></ruby>，白云生处有人家。</p>",
        "<p>远上寒山石径<ruby>斜<rt> xiá </rt></ruby>，白云生处有人家。</p>",
    ],
)
def test_a_reading_stays_on_its_base_whatever_the_whitespace_around_it(markup: str) -> None:
    _, blocks = extract(markup)
    assert blocks[0].text == "远上寒山石径斜，白云生处有人家。"
    assert blocks[0].readings == [(6, 7, "xiá")]


def test_each_base_of_a_ruby_with_several_pairs_has_its_own_reading() -> None:
    _, blocks = extract(
        "<p><ruby><rb>枫</rb><rt>fēng</rt><rb>林</rb><rt>lín</rt></ruby>晚，<ruby>空<rt></rt></ruby>。</p>"
    )
    assert blocks[0].text == "枫林晚，空。"
    assert blocks[0].readings == [(0, 1, "fēng"), (1, 2, "lín")]  # an empty <rt> gives no reading
