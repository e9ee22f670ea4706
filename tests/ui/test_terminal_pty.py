"""The real ``reader open`` on a pseudo-terminal: the bytes the terminal receives (issue 15)."""

from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EVIL = "\x1b]2;pwned\x07\x1b]52;c;aGk=\x07\x1b[2J\x9b31m\x9d0;t\x9c\u202e"
FILLER = "面对日益激烈的全球竞争，模型架构与训练方法亟需取得实质性突破。" * 30


class Pty:
    """``reader`` running on a pseudo-terminal of ``columns`` x 30 cells (100 by default)."""

    def __init__(self, args: list[str], home: Path, cwd: Path, columns: int = 100) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, columns, 0, 0))
        env = dict(os.environ, READER_HOME=str(home), PYTHONPATH=str(ROOT), TERM="xterm-256color", LANG="C.UTF-8")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "reader", *args],
            cwd=cwd,
            env=env,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            start_new_session=True,
        )
        os.close(slave)
        self.master = master
        self.output = bytearray()

    def read_until(self, needle: str, timeout: float = 60, since: int = 0) -> bool:
        """Read until ``needle`` is in the output (from byte ``since`` on), or ``timeout`` seconds have passed."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if needle.encode() in self.output[since:]:
                return True
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    return needle.encode() in self.output[since:]
                if not chunk:
                    break
                self.output += chunk
        return needle.encode() in self.output[since:]

    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def finish(self, timeout: float = 30) -> int:
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < deadline:
            self.read_until("\0never\0", timeout=0.2)
        self.read_until("\0never\0", timeout=0.3)
        if self.proc.poll() is None:
            self.proc.kill()
        code = self.proc.wait()
        os.close(self.master)
        return code

    @property
    def text(self) -> str:
        return self.output.decode("utf-8", "replace")


@pytest.fixture
def spawn() -> Iterator[Callable[..., Pty]]:
    """Start ``reader`` on a pseudo-terminal; one still running when the test ends (a failed assertion) is killed."""
    started: list[Pty] = []

    def start(args: list[str], home: Path, cwd: Path, columns: int = 100) -> Pty:
        started.append(Pty(args, home, cwd, columns))
        return started[-1]

    yield start
    for term in started:
        if term.proc.poll() is None:
            term.proc.kill()
            term.proc.wait()
            os.close(term.master)


@pytest.fixture
def evil(tmp_path: Path) -> Path:
    path = tmp_path / "evil.md"
    path.write_text(
        f"# 标题{EVIL}\n\n最新报道显示，OpenAI正面临{EVIL}严峻的技术挑战。\n\n## 第二节{EVIL}\n\n{FILLER}\n",
        encoding="utf-8",
    )
    return path


def test_reader_open_sends_no_hostile_sequence_to_the_terminal(
    evil: Path, reader_home: Path, spawn: Callable[..., Pty]
) -> None:
    term = spawn(["open", str(evil)], reader_home, evil.parent)
    assert term.read_until("OpenAI"), term.text[-2000:]
    assert term.read_until("zuìxīn"), term.text[-2000:]  # the language stack is loaded: the word under the cursor
    term.send("q")
    code = term.finish()
    shown = term.text
    assert "\x1b]2;pwned" not in shown and "\x1b]52;c;aGk" not in shown and "\x1b[2J\x9b" not in shown
    assert not [c for c in shown if 0x80 <= ord(c) < 0xA0 or c == "\u202e"]
    # No BEL but the one ending Textual's own pointer-shape sequence (OSC 22).
    assert "\x07" not in re.sub(r"\x1b\]22;[a-z-]*\x07", "", shown)
    assert "␛]52;c;aGk=" in shown  # shown as text instead
    assert code == 0 and "Traceback" not in shown


@pytest.fixture
def read_only_home(tmp_path: Path) -> Iterator[Path]:
    home = tmp_path / "home-ro"
    home.mkdir()
    (home / "deck.yaml").write_text("version: 1\ncards: []\n", encoding="utf-8")
    if os.geteuid() != 0:
        pytest.skip("a read-only bind mount needs root (.ci/run runs the suite as root)")
    if subprocess.run(["mount", "-o", "bind,ro", str(home), str(home)], capture_output=True).returncode != 0:
        pytest.skip("cannot mount here")
    try:
        yield home
    finally:
        subprocess.run(["umount", "-l", str(home)], capture_output=True)


def test_ending_with_an_unsaved_change_exits_1_with_one_line(
    read_only_home: Path, tmp_path: Path, spawn: Callable[..., Pty]
) -> None:
    # 160 columns: the read-only warning's toast (12 s, at the bottom right) then leaves the status
    # line's cursor word in view; at 100 it covers the word until it goes.
    term = spawn(["open", "article"], read_only_home, tmp_path, 160)
    assert term.read_until("READ-ONLY"), term.text[-2000:]
    assert term.read_until("zuìxīn"), term.text[-2000:]  # the language stack is loaded: "s" can save
    sent = len(term.output)
    term.send("s")  # save the word under the cursor: the write fails, the app goes on
    assert term.read_until("cannot", since=sent), term.text[-2000:]  # "…/deck.yaml: cannot save (…)"
    term.send("q")
    code = term.finish()
    assert code == 1
    assert "reader: not saved (a write failed):" in term.text and "deck.yaml" in term.text
    assert "Traceback" not in term.text
