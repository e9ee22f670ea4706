"""EPUB and HTML: an EPUB built here from the bundled article's real chapters, opened as a learner would."""

from __future__ import annotations

import html
import zipfile
from pathlib import Path

import pytest

from reader.cli import main
from reader.errors import ReaderError
from reader.text.content import resolve_document
from reader.text.document import Document
from reader.text.html_text import extract
from reader.text.loader import load_path

CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"""


def chapter_xhtml(title: str, paragraphs: list[str]) -> str:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        f"<head><title>{html.escape(title)}</title><style>p {{ margin: 0 }}</style></head>"
        f'<body><h2 id="top">{html.escape(title)}</h2>\n{body}</body></html>'
    )


def build_epub(path: Path, article: Document, *, nav: bool = True, drm: bool = False) -> list[str]:
    """An EPUB 3 book: one chapter file per article section, under two parts in a nested table of contents."""
    sections = article.sections
    half = len(sections) // 2
    chapters = []
    for number, section in enumerate(sections, start=1):
        paragraphs = [article.text[p.start : p.end] for p in section.paragraphs]
        chapters.append((f"ch{number}.xhtml", section.title, paragraphs))
    manifest = "".join(
        f'<item id="c{n}" href="text/{name}" media-type="application/xhtml+xml"/>'
        for n, (name, _, _) in enumerate(chapters, start=1)
    )
    spine = "".join(f'<itemref idref="c{n}"/>' for n in range(1, len(chapters) + 1))
    items = [f'<li><a href="text/{name}#top">{html.escape(t)}</a></li>' for name, t, _ in chapters]
    toc = (
        f"<li><span>第一部分</span><ol>{''.join(items[:half])}</ol></li>"
        f"<li><span>第二部分</span><ol>{''.join(items[half:])}</ol></li>"
    )
    nav_doc = (
        '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml" '
        'xmlns:epub="http://www.idpf.org/2007/ops"><body>'
        f'<nav epub:type="toc"><ol>{toc}</ol></nav></body></html>'
    )
    ncx_points = "".join(
        f'<navPoint id="n{n}"><navLabel><text>{html.escape(t)}</text></navLabel><content src="text/{name}"/></navPoint>'
        for n, (name, t, _) in enumerate(chapters, start=1)
    )
    ncx = (
        '<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">'
        f"<navMap>{ncx_points}</navMap></ncx>"
    )
    opf = (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{html.escape(article.title)}</dc:title><dc:creator>某作者</dc:creator>"
        "<dc:language>zh-CN</dc:language></metadata>"
        f'<manifest>{manifest}<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>'
        + ('<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>' if nav else "")
        + f'</manifest><spine toc="ncx">{spine}</spine></package>'
    )
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        book.writestr("META-INF/container.xml", CONTAINER)
        if drm:
            book.writestr(
                "META-INF/encryption.xml",
                '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
                'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
                '<enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>'
                '<enc:CipherData><enc:CipherReference URI="OEBPS/text/ch1.xhtml"/></enc:CipherData>'
                "</enc:EncryptedData></encryption>",
            )
        book.writestr("OEBPS/content.opf", opf)
        book.writestr("OEBPS/toc.ncx", ncx)
        if nav:
            book.writestr("OEBPS/nav.xhtml", nav_doc)
        for name, title, paragraphs in chapters:
            book.writestr(f"OEBPS/text/{name}", chapter_xhtml(title, paragraphs))
    return [title for _, title, _ in chapters]


@pytest.fixture(scope="module")
def article() -> Document:
    return resolve_document("article")


def test_epub_opens_with_its_table_of_contents_as_a_tree(tmp_path: Path, article: Document) -> None:
    titles = build_epub(tmp_path / "book.epub", article)
    doc = load_path(tmp_path / "book.epub")
    assert [s.title for s in doc.sections] == [
        "第一部分",
        *titles[: len(titles) // 2],
        "第二部分",
        *titles[len(titles) // 2 :],
    ]
    assert [s.level for s in doc.sections][:2] == [1, 2]
    assert doc.sections[0].paragraphs == ()  # a part: a node with no text of its own
    assert doc.title == article.title and doc.meta["author"] == "某作者"


def test_epub_text_is_the_article_text_in_spine_order(tmp_path: Path, article: Document) -> None:
    build_epub(tmp_path / "book.epub", article)
    doc = load_path(tmp_path / "book.epub")
    chapter_titles = "\n".join(s.title for s in article.sections)
    for section in article.sections:
        first = article.text[section.paragraphs[0].start : section.paragraphs[0].end]
        assert first in doc.text
    # each chapter's heading is its section's title line, shown once, and the body follows in order
    body = "\n".join(line for line in doc.text.split("\n") if line not in chapter_titles.split("\n"))
    assert body == article.text


def test_epub_2_ncx_is_the_outline_without_a_nav_document(tmp_path: Path, article: Document) -> None:
    titles = build_epub(tmp_path / "book.epub", article, nav=False)
    doc = load_path(tmp_path / "book.epub")
    assert [s.title for s in doc.sections] == titles


def test_drm_epub_is_one_line_and_exit_2(tmp_path: Path, article: Document, capsys: pytest.CaptureFixture[str]) -> None:
    build_epub(tmp_path / "locked.epub", article, drm=True)
    assert main(["annotate", str(tmp_path / "locked.epub")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "DRM" in err


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"PK\x03\x04 not really a zip", "not an EPUB"),
        (b"", "not an EPUB"),
    ],
)
def test_broken_epub_is_one_line(tmp_path: Path, data: bytes, words: str) -> None:
    path = tmp_path / "bad.epub"
    path.write_bytes(data)
    with pytest.raises(ReaderError, match=words):
        load_path(path)


def test_epub_without_container_is_broken(tmp_path: Path) -> None:
    path = tmp_path / "bad.epub"
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("mimetype", "application/epub+zip")
    with pytest.raises(ReaderError, match="broken EPUB"):
        load_path(path)


def test_ruby_reading_is_dropped_from_the_text_and_kept_as_given() -> None:
    _, blocks = extract(
        "<p>我们<ruby>行<rp>(</rp><rt>háng</rt><rp>)</rp></ruby>业的<ruby>长<rt>zhǎng</rt></ruby>辈。</p>"
    )
    assert [b.text for b in blocks] == ["我们行业的长辈。"]
    assert blocks[0].readings == [(2, 3, "háng"), (5, 6, "zhǎng")]


def test_html_file_verse_keeps_its_lines_and_headings_are_sections(tmp_path: Path) -> None:
    page = (
        "<html><head><title>唐诗</title><script>var x = 1;</script></head><body>"
        "<h1>五言</h1><h2>静夜思</h2><p>床前明月光，<br/>疑是地上霜。<br>举头望明月，<br>低头思故乡。</p>"
        "<h2>春晓</h2><p>春眠不觉晓，\n处处闻啼鸟。</p></body></html>"
    )
    path = tmp_path / "poems.html"
    path.write_text(page, encoding="utf-8")
    doc = load_path(path)
    assert doc.title == "唐诗"
    assert [(s.title, s.level) for s in doc.sections] == [("五言", 1), ("静夜思", 2), ("春晓", 2)]
    assert doc.text.split("\n")[:4] == ["床前明月光，", "疑是地上霜。", "举头望明月，", "低头思故乡。"]
    assert "春眠不觉晓，处处闻啼鸟。" in doc.text  # a source line break is not a <br>
    assert "var x" not in doc.text


def test_html_ruby_readings_are_given_readings_of_the_document(tmp_path: Path) -> None:
    path = tmp_path / "ruby.html"
    path.write_text("<p>银<ruby>行<rt>háng</rt></ruby>的<ruby>行<rt>xíng</rt></ruby>长。</p>", encoding="utf-8")
    doc = load_path(path)
    assert doc.text == "银行的行长。"
    assert doc.given_reading(1, 2) == "háng" and doc.given_reading(3, 4) == "xíng" and doc.given_reading(0, 1) == ""
