"""The output sanitiser: control characters become visible placeholders, one for one."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.text.sanitise import is_safe, sanitise, sanitise_line, unsafe_characters

HOSTILE = [
    "\x1b]2;pwned\x07",  # OSC: window title
    "\x1b]52;c;aGVsbG8=\x07",  # OSC 52: clipboard
    "\x1b[2J\x1b[H",  # CSI: clear screen
    "\x9b31m",  # C1 CSI
    "\x9d0;title\x9c",  # C1 OSC ... ST
    "\x07\x08\x0b\x0c\r\x00\x7f",
    "abc\u202eevil\u202c",  # bidi override
    "\u2066isolate\u2069\u200f",
    "\udcff",  # a byte that was not UTF-8
]


def _forbidden(text: str) -> list[str]:
    """What no terminal output may hold: ESC, BEL, any other C0 but tab/newline, DEL, C1, bidi."""
    bidi = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029")
    return [
        c
        for c in text
        if (ord(c) < 0x20 and c not in "\t\n") or 0x7F <= ord(c) < 0xA0 or c in bidi or 0xD800 <= ord(c) < 0xE000
    ]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_sequences_are_shown_not_obeyed(text: str) -> None:
    out = sanitise(text)
    assert _forbidden(out) == [] and len(out) == len(text)
    assert unsafe_characters(text) and not unsafe_characters(out)


def test_placeholders_are_the_control_pictures() -> None:
    assert sanitise("a\x1b[31mb\x07") == "a␛[31mb␇"
    assert sanitise("\x00\x7f") == "␀␡"
    assert sanitise("\u202e\x85") == "\ufffd\ufffd"


def test_tab_newline_and_ordinary_text_are_kept() -> None:
    text = "第一行\t制表\n第二行 OpenAI, “引号” é ñ 𠀀"
    assert sanitise(text) is text
    assert sanitise_line("a\tb\nc\x1b") == "a b c␛"


def test_the_check_and_the_table_agree_on_every_code_point() -> None:
    for code in [*range(0x3000), *range(0xD000, 0x11000), 0x20000, 0x2A6DF]:
        if 0xD800 <= code < 0xE000:
            continue
        ch = chr(code)
        assert is_safe(ch) == (sanitise(ch) == ch) == (not _forbidden(ch)), hex(code)


@given(st.text())
def test_any_text_comes_out_safe_same_length_and_idempotent(text: str) -> None:
    out = sanitise(text)
    assert _forbidden(out) == []
    assert len(out) == len(text)
    assert sanitise(out) == out
    assert is_safe(out)
    if is_safe(text):
        assert out == text
