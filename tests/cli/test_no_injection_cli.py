"""The ``reader`` command never writes a control sequence from a document or user file to a terminal.

Every text command is run on a document, a note and a card full of ESC / OSC / CSI / C1 /
BEL / bidi controls: its stdout and stderr hold none of them (they are shown as ``␛`` and
the like). Data written to a file keeps the text as it is; ``export -o -`` keeps it for a
pipe and sanitises it for a terminal (a real pty).
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from reader.study.deck import load_deck
from reader.study.notes import NoteStore
from reader.text.content import resolve_document

ROOT = Path(__file__).resolve().parents[2]
EVIL = "\x1b]2;pwned\x07\x1b]52;c;aGk=\x07\x1b[2J\x9b31m\x9d0;t\x9c\u202e"
FILLER = "面对日益激烈的全球竞争，模型架构与训练方法亟需取得实质性突破。" * 30


def forbidden(text: str) -> list[str]:
    return [c for c in text if (ord(c) < 0x20 and c not in "\t\n") or 0x7F <= ord(c) < 0xA0 or c == "\u202e"]


def reader(*args: str, home: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, READER_HOME=str(home), PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )


def reader_on_a_terminal(*args: str, home: Path, cwd: Path) -> str:
    """Run ``reader`` with stdout on a pseudo-terminal; return what the terminal received."""
    master, slave = pty.openpty()
    env = dict(os.environ, READER_HOME=str(home), PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "reader", *args], cwd=cwd, env=env, stdout=slave, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture
def evil(tmp_path: Path, reader_home: Path) -> Path:
    path = tmp_path / "evil.md"
    path.write_text(
        f"# 标题{EVIL}\n\n最新报道显示，OpenAI正面临{EVIL}严峻的技术挑战。\n\n## 第二节{EVIL}\n\n{FILLER}\n",
        encoding="utf-8",
    )
    doc = resolve_document(str(path))
    at = doc.text.index("技术")
    NoteStore.open(doc).add(at, at + 2, f"note {EVIL} #tag")
    load_deck().save_word(doc.id, "技术", ["ji4", "shu4"], f"technology{EVIL}", doc.text, at, at + 2)
    return path


@pytest.mark.parametrize(
    "args",
    [
        ("annotate", "{doc}", "--format", "text"),
        ("notes", "list", "{doc}"),
        ("notes", "check", "{doc}"),
        ("export", "{doc}", "--format", "yaml", "-o", "out.yaml"),
        ("export", "{doc}", "--format", "tsv", "-o", "out.tsv"),
        ("stats", "{doc}", "--no-hsk"),
        ("stats",),
        ("lookup", f"技术{EVIL}"),
        ("open", f"{EVIL}.md"),
        ("annotate", f"missing{EVIL}.txt"),
    ],
    ids=lambda a: " ".join(a)[:40],
)
def test_no_control_character_reaches_stdout_or_stderr(args: tuple[str, ...], evil: Path, reader_home: Path) -> None:
    words = [a.replace("{doc}", str(evil)) for a in args]
    result = reader(*words, home=reader_home, cwd=evil.parent)
    assert "Traceback" not in result.stderr
    assert forbidden(result.stdout) == [] and forbidden(result.stderr) == [], (result.stdout, result.stderr)
    assert result.returncode in (0, 1, 2)


def test_a_pipe_gets_export_data_as_it_is_and_a_file_too(evil: Path, reader_home: Path) -> None:
    piped = reader("export", str(evil), "--format", "markdown", "-o", "-", home=reader_home, cwd=evil.parent)
    assert f"note {EVIL}" in piped.stdout
    reader("export", str(evil), "--format", "tsv", "-o", "out.tsv", home=reader_home, cwd=evil.parent)
    assert f"technology{EVIL}" in (evil.parent / "out.tsv").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args",
    [
        ("export", "{doc}", "--format", "markdown", "-o", "-"),
        ("export", "{doc}", "--format", "yaml", "-o", "-"),
        ("annotate", "{doc}"),
        ("notes", "list", "{doc}"),
        ("stats", "{doc}", "--no-hsk"),
        ("lookup", "技术"),
    ],
    ids=lambda a: " ".join(a)[:40],
)
def test_a_terminal_gets_data_sanitised(args: tuple[str, ...], evil: Path, reader_home: Path) -> None:
    shown = reader_on_a_terminal(*[a.replace("{doc}", str(evil)) for a in args], home=reader_home, cwd=evil.parent)
    assert "\x1b]" not in shown and "\x07" not in shown and "\x1b[2J" not in shown
    assert not [c for c in shown if 0x80 <= ord(c) < 0xA0 or c == "\u202e"]
    assert "Traceback" not in shown
