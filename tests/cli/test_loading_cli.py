"""Opening what a learner brings, through the real commands: encodings, traditional text, files that are not files."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from reader.cli import main
from reader.text import loader
from reader.text.content import content_dir, resolve_document
from reader.text.loader import load_path
from reader.text.script import to_traditional

ARTICLE = content_dir() / "article.md"
ARTICLE_TEXT = ARTICLE.read_text(encoding="utf-8")
#: The article in traditional characters (OpenCC s2tw), as a Taiwanese copy would be.
TRADITIONAL_TEXT = to_traditional(ARTICLE_TEXT)
READER = str(Path(sys.executable).with_name("reader"))

#: Commands that open a document, with the document's place in their arguments.
OPENING = [
    ["open", "{}"],
    ["annotate", "{}"],
    ["export", "{}", "--format", "markdown", "-o", "{out}"],
    ["notes", "list", "{}"],
    ["notes", "check", "{}"],
    ["stats", "{}"],
]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def one_line_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("reader: "), err
    return err


# -- encodings ------------------------------------------------------------------------


COPIES = {
    "utf-16-le without BOM": ("utf-16-le", ARTICLE_TEXT),
    "utf-16-be without BOM": ("utf-16-be", ARTICLE_TEXT),
    "utf-32-le without BOM": ("utf-32-le", ARTICLE_TEXT),
    "gb18030": ("gb18030", ARTICLE_TEXT),
    "big5 (traditional)": ("big5", TRADITIONAL_TEXT),
    "big5 crlf (traditional)": ("big5", TRADITIONAL_TEXT.replace("\n", "\r\n")),
    "gb18030 (traditional)": ("gb18030", TRADITIONAL_TEXT),
}


@pytest.mark.parametrize("copy", sorted(COPIES))
def test_encoded_copy_opens_exactly_like_the_utf8_one(tmp_path: Path, copy: str) -> None:
    encoding, text = COPIES[copy]
    utf8 = load_path(write(tmp_path, "utf8.md", text.replace("\r\n", "\n").encode("utf-8")), doc_id="a")
    doc = load_path(write(tmp_path, "copy.md", text.encode(encoding)), doc_id="a")
    assert doc.text == utf8.text
    assert doc.sections == utf8.sections and doc.title == utf8.title


def test_big5_is_not_opened_as_gb18030_garbage() -> None:
    raw = "測試臺灣的發展。".encode("big5")
    assert raw.decode("gb18030") != "測試臺灣的發展。"  # it would decode, as garbage
    assert loader.decode_bytes(raw, "x") == "測試臺灣的發展。"


def test_unsure_encoding_names_the_candidates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "short.txt", "測試".encode("big5"))  # 4 bytes: as GB18030 it reads 代刚
    err = one_line_exit_2(["annotate", str(path)], capsys)
    assert "GB18030" in err and "Big5" in err and "--encoding" in err


def test_encoding_option_forces_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "short.txt", "測試".encode("big5"))
    assert main(["annotate", str(path), "--encoding", "big5"]) == 0
    assert [json.loads(line)["text"] for line in capsys.readouterr().out.splitlines()] == ["測試"]


def test_unknown_encoding_name_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a.txt", "中文。".encode())
    assert "unknown encoding" in one_line_exit_2(["annotate", str(path), "--encoding", "klingon"], capsys)


def test_wrong_forced_encoding_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a.txt", "中文。".encode("gb18030"))
    assert "not valid" in one_line_exit_2(["annotate", str(path), "--encoding", "utf-8"], capsys)


# -- traditional characters -------------------------------------------------------------


def _tokens(argv: list[str], capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    assert main(argv) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_traditional_copy_reads_with_the_same_tokens_pinyin_meanings_and_hsk(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "tw"
    folder.mkdir()
    simplified = folder / "article.md"
    simplified.write_text(ARTICLE_TEXT, encoding="utf-8")
    traditional = write(tmp_path, "article.md", TRADITIONAL_TEXT.encode("big5"))
    plain = _tokens(["annotate", str(simplified)], capsys)
    read = _tokens(["annotate", str(traditional)], capsys)
    assert len(read) == len(plain)
    same = ("start", "end", "pinyin", "kind", "gloss", "hsk")
    assert [{k: t[k] for k in same} for t in read] == [{k: t[k] for k in same} for t in plain]
    doc_text = resolve_document(str(traditional)).text
    assert all(t["text"] == doc_text[int(str(t["start"])) : int(str(t["end"]))] for t in read)  # shown as written
    changed = [t for t in read if "simplified" in t]
    assert changed and all(t["simplified"] == p["text"] for t, p in zip(read, plain, strict=True) if "simplified" in t)
    assert sum(1 for t in read if t["hsk"] is not None) == sum(1 for t in plain if t["hsk"] is not None)


# -- what is not a regular file, and what is too large ------------------------------------


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("argv", OPENING, ids=[" ".join(a[:2]) for a in OPENING])
def test_fifo_is_refused_by_every_command(
    fifo: Path, tmp_path: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    args = [a.format(fifo, out=tmp_path / "out.md") for a in argv]
    done = threading.Event()
    timer = threading.Timer(20, lambda: None if done.is_set() else os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    timer.start()  # were the command to block on the FIFO, this unblocks it and the test fails instead of hanging
    try:
        err = one_line_exit_2(args, capsys)
    finally:
        done.set()
        timer.cancel()
    assert "FIFO" in err


def test_dev_zero_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert "character device" in one_line_exit_2(["annotate", "/dev/zero"], capsys)


def test_socket_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.txt"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        assert "socket" in one_line_exit_2(["annotate", str(path)], capsys)
    finally:
        server.close()


def test_over_limit_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(loader, "MAX_BYTES", 1000)
    path = write(tmp_path, "big.txt", ARTICLE_TEXT.encode())
    err = one_line_exit_2(["annotate", str(path)], capsys)
    assert "too large" in err and "limit" in err


def test_the_real_command_refuses_a_fifo_and_dev_zero_without_hanging(fifo: Path) -> None:
    for target in (str(fifo), "/dev/zero"):
        result = subprocess.run(
            [READER, "open", target], capture_output=True, text=True, timeout=30, env={**os.environ, "TERM": "dumb"}
        )
        assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr


def test_pleco_export_of_a_traditional_text_has_both_forms(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from reader.study.deck import load_deck

    path = write(tmp_path, "article.md", TRADITIONAL_TEXT.encode("utf-8"))
    doc = resolve_document(str(path))
    offset = doc.text.index("瓶頸")
    start, end = doc.sentence_at(offset)
    deck = load_deck()
    deck.save_word(
        doc.id, "瓶颈", ("ping2", "jing3"), "bottleneck", doc.text[start:end], offset - start, offset - start + 2
    )
    assert main(["export", str(path), "--format", "tsv", "-o", str(tmp_path / "cards.tsv")]) == 0
    rows = (tmp_path / "cards.tsv").read_text(encoding="utf-8").splitlines()
    assert "瓶颈[瓶頸]\tping2jing3\tbottleneck" in rows
