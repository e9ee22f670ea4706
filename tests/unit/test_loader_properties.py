"""Properties of loading that must hold for any bytes (issue 15): a Document or one ReaderError.

* any bytes decode to text or raise :class:`ReaderError` (never another exception);
* text written as UTF-8, UTF-8 with BOM or UTF-16 with BOM reads back exactly;
* any file gives a Document whose paragraphs are spans of its text, in order, or a
  ReaderError; the text shown of it is always safe for a terminal.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.errors import ReaderError
from reader.text.linebreak import display_text
from reader.text.loader import decode_bytes, load_path
from reader.text.sanitise import is_safe

_TEXT = st.text(
    st.one_of(
        st.sampled_from(list("最新报道显示技术挑战。，：！？（）「」")),
        st.sampled_from(list("# \n\n\t-*>abcAB12")),
        st.characters(blacklist_categories=["Cs"]),
    ),
    max_size=120,
)


@given(st.binary(max_size=300))
def test_any_bytes_decode_or_give_one_reader_error(raw: bytes) -> None:
    try:
        text = decode_bytes(raw, "x")
    except ReaderError as exc:
        assert "\n" not in exc.message
    else:
        assert isinstance(text, str)


@given(_TEXT.filter(lambda t: "\x00" not in t))
def test_unicode_encodings_read_back_exactly(text: str) -> None:
    for raw in (text.encode("utf-8"), b"\xef\xbb\xbf" + text.encode("utf-8"), text.encode("utf-16")):
        try:
            assert decode_bytes(raw, "x") == text
        except ReaderError as exc:  # only for text that is mostly control characters
            assert "binary" in exc.message


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=st.one_of(_TEXT.map(lambda t: t.encode("utf-8")), st.binary(max_size=200)),
    suffix=st.sampled_from([".md", ".txt"]),
)
def test_any_file_is_a_document_of_spans_or_one_error(tmp_path: Path, body: bytes, suffix: str) -> None:
    path = tmp_path / f"doc{suffix}"
    path.write_bytes(body)
    try:
        doc = load_path(path)
    except ReaderError as exc:
        assert "\n" not in exc.message
        return
    last = 0
    for paragraph in doc.paragraphs:
        assert last <= paragraph.start <= paragraph.end <= len(doc.text)
        last = paragraph.end
        assert is_safe(display_text(doc.text[paragraph.start : paragraph.end]))
