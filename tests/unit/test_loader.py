"""Loading files: encodings, bad inputs with one-line errors, line endings, front matter."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.errors import ReaderError
from reader.text import loader
from reader.text.document import Document
from reader.text.loader import decode_bytes, load_path, read_text_file, split_front_matter

ARTICLE = Path(__file__).resolve().parents[2] / "content" / "article.md"
ARTICLE_TEXT = ARTICLE.read_text(encoding="utf-8")

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"


@pytest.fixture(scope="module")
def utf8_article() -> Document:
    return load_path(ARTICLE, doc_id="article")


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def one_line_error(path: Path) -> str:
    with pytest.raises(ReaderError) as info:
        load_path(path)
    message = info.value.message
    assert "\n" not in message and message
    return message


# -- encodings -----------------------------------------------------------------

ENCODINGS = {
    "utf-8": ARTICLE_TEXT.encode("utf-8"),
    "utf-8-bom": ARTICLE_TEXT.encode("utf-8-sig"),
    "utf-16-le-bom": ARTICLE_TEXT.encode("utf-16"),
    "utf-16-be-bom": b"\xfe\xff" + ARTICLE_TEXT.encode("utf-16-be"),
    "gb18030": ARTICLE_TEXT.encode("gb18030"),
    "gbk": ARTICLE_TEXT.encode("gbk"),
    "utf-8-crlf": ARTICLE_TEXT.replace("\n", "\r\n").encode("utf-8"),
    "gb18030-crlf": ARTICLE_TEXT.replace("\n", "\r\n").encode("gb18030"),
}


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_encoded_article_opens_to_the_same_text(tmp_path: Path, utf8_article: Document, encoding: str) -> None:
    doc = load_path(write(tmp_path, "article.md", ENCODINGS[encoding]), doc_id="article")
    assert doc.text == utf8_article.text


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_encoded_article_has_the_same_structure(tmp_path: Path, utf8_article: Document, encoding: str) -> None:
    doc = load_path(write(tmp_path, "article.md", ENCODINGS[encoding]), doc_id="article")
    assert doc.sections == utf8_article.sections
    assert (doc.title, doc.title_en, doc.keywords) == (utf8_article.title, utf8_article.title_en, utf8_article.keywords)


def test_gb18030_encoded_article_really_differs_from_utf8() -> None:
    assert ENCODINGS["gb18030"] != ENCODINGS["utf-8"]
    with pytest.raises(UnicodeDecodeError):
        ENCODINGS["gb18030"].decode("utf-8")


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"plain ascii", "plain ascii"),
        ("中文".encode(), "中文"),
        ("中文".encode("utf-8-sig"), "中文"),
        ("中文".encode("utf-16"), "中文"),
        ("中文".encode("gbk"), "中文"),
        ("𠀀中文".encode("gb18030"), "𠀀中文"),  # outside GBK: four-byte GB18030
    ],
)
def test_decode_bytes(raw: bytes, text: str) -> None:
    assert decode_bytes(raw, "x") == text


def test_bom_is_not_in_the_text(tmp_path: Path) -> None:
    doc = load_path(write(tmp_path, "a.txt", "正文。".encode("utf-8-sig")))
    assert doc.text == "正文。"


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_line_endings_normalised(tmp_path: Path, newline: str) -> None:
    path = write(tmp_path, "a.txt", newline.join(["第一段。", "", "第二段。", ""]).encode())
    assert read_text_file(path) == "第一段。\n\n第二段。\n"


def test_crlf_text_has_no_carriage_return(tmp_path: Path) -> None:
    doc = load_path(write(tmp_path, "a.md", b"## A\r\n\r\nline one\r\nline two\r\n"))
    assert "\r" not in doc.text and doc.sections[0].title == "A"


# -- bad inputs ------------------------------------------------------------------

BAD_FILES = {
    "png": PNG_HEADER + b"\x00" * 64,
    "nul-bytes": b"abc\x00def\x00ghi",
    "nul-in-utf8-text": "中文".encode() + b"\x00" + "中文".encode(),
    "empty": b"",
    "whitespace": b"  \n\n\t \r\n  ",
    "ideographic-space": "\u3000\u3000\n".encode(),
    "bom-only": b"\xef\xbb\xbf",
    "front-matter-only": b"---\ntitle: x\n---\n",
}


BAD_CASES = [(case, suffix) for case in sorted(BAD_FILES) for suffix in (".md", ".txt")]
BAD_CASES.remove(("front-matter-only", ".txt"))  # front matter is only read from Markdown


@pytest.mark.parametrize(("case", "suffix"), BAD_CASES)
def test_bad_file_is_a_one_line_error(tmp_path: Path, case: str, suffix: str) -> None:
    one_line_error(write(tmp_path, f"bad{suffix}", BAD_FILES[case]))


@pytest.mark.parametrize("case", ["png", "nul-bytes", "nul-in-utf8-text"])
def test_binary_file_message_says_binary(tmp_path: Path, case: str) -> None:
    assert "binary" in one_line_error(write(tmp_path, "bad.txt", BAD_FILES[case]))


def test_control_bytes_without_nul_are_binary(tmp_path: Path) -> None:
    data = bytes(range(1, 9)) * 50 + b"\x1b\x7f\x0e\x0f" * 20  # valid UTF-8, but no text
    assert "binary" in one_line_error(write(tmp_path, "bad.txt", data))


def test_gb18030_text_of_control_bytes_is_binary(tmp_path: Path) -> None:
    data = "中".encode("gbk") + bytes(range(1, 9)) * 50  # not UTF-8: decoded as GB18030, then refused
    assert "binary" in one_line_error(write(tmp_path, "bad.txt", data))


@pytest.mark.parametrize("case", ["empty", "whitespace", "bom-only", "front-matter-only"])
def test_empty_file_message_says_empty(tmp_path: Path, case: str) -> None:
    assert "empty" in one_line_error(write(tmp_path, "bad.md", BAD_FILES[case]))


def test_missing_file(tmp_path: Path) -> None:
    message = one_line_error(tmp_path / "nope.md")
    assert "no such file" in message and "nope.md" in message


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "folder.md"
    folder.mkdir()
    assert "directory" in one_line_error(folder)


def test_oversize_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_BYTES", 100)
    assert "too large" in one_line_error(write(tmp_path, "big.txt", "中".encode() * 100))


def test_file_at_the_size_limit_opens(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_BYTES", 9)
    assert load_path(write(tmp_path, "ok.txt", "中文。".encode())).text == "中文。"


def test_undecodable_bytes_are_an_error(tmp_path: Path) -> None:
    # 0x80 alone is invalid in both UTF-8 and GB18030.
    one_line_error(write(tmp_path, "bad.txt", b"abc \x80 def"))


def test_error_message_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "named.txt", b"")
    assert str(path) in one_line_error(path)


# -- front matter ----------------------------------------------------------------


@pytest.mark.parametrize(
    "block",
    [
        "title: [unclosed\n",
        "title: x\n  bad: indent\n",
        "a: b: c\n",
        "- a list\n- not a mapping\n",
        "just a string\n",
    ],
)
def test_invalid_front_matter_is_a_reader_error(tmp_path: Path, block: str) -> None:
    one_line_error(write(tmp_path, "fm.md", f"---\n{block}---\n正文。\n".encode()))


def test_invalid_front_matter_message_gives_the_line() -> None:
    with pytest.raises(ReaderError, match=r"invalid front matter at line \d+"):
        split_front_matter("---\ntitle: ok\nkeywords: [a, b\n---\n正文。\n", "fm.md")


def test_front_matter_split() -> None:
    meta, body = split_front_matter("---\ntitle: 题\n---\n正文。\n", "x")
    assert (meta, body) == ({"title": "题"}, "正文。\n")


def test_no_front_matter() -> None:
    assert split_front_matter("正文。\n", "x") == ({}, "正文。\n")


def test_unclosed_front_matter_is_body() -> None:
    text = "---\ntitle: x\n正文。\n"
    assert split_front_matter(text, "x") == ({}, text)


def test_txt_file_front_matter_is_not_parsed(tmp_path: Path) -> None:
    doc = load_path(write(tmp_path, "a.txt", "正文一。\n\n正文二。\n".encode()))
    assert doc.title == "a" and len(doc.paragraphs) == 2


def test_document_id_for_a_path_is_stable(tmp_path: Path) -> None:
    path = write(tmp_path, "我的 书.txt", "正文。".encode())
    first, second = load_path(path), load_path(path)
    assert first.id == second.id
    assert "/" not in first.id and " " not in first.id
    assert first.path == path
