"""The real ``reader`` command in a real terminal (tmux): what only a terminal shows."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


#: Printed by the shell with the exit status once the command has ended.
EXITED = "reader exited with status "


class Terminal:
    """A detached tmux session running one command."""

    def __init__(self, command: list[str], env: dict[str, str], size: tuple[int, int]) -> None:
        self.name = f"reader-test-{uuid.uuid4().hex[:8]}"
        exports = " ".join(f"{key}={value}" for key, value in env.items())
        shell = f"env {exports} {' '.join(command)}; echo {EXITED}$?; sleep 30"
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", self.name, "-x", str(size[0]), "-y", str(size[1]), shell],
            check=True,
        )

    def screen(self) -> str:
        """The visible pane."""
        result = subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True)
        return result.stdout

    def history(self) -> str:
        """The pane with its scrollback (a traceback is longer than a screen)."""
        command = ["tmux", "capture-pane", "-p", "-J", "-S", "-", "-t", self.name]
        return subprocess.run(command, capture_output=True, text=True).stdout

    def keys(self, *keys: str) -> None:
        """Type keys (tmux key names)."""
        for key in keys:
            subprocess.run(["tmux", "send-keys", "-t", self.name, key], check=True)
            time.sleep(0.05)

    def wait_for(self, text: str, timeout: float = 30) -> str:
        """Poll until ``text`` is on screen; return the screen."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")

    def close(self) -> None:
        """Kill the session."""
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def _reader_command() -> list[str]:
    script = Path(sys.executable).with_name("reader")
    return [str(script)] if script.exists() else [sys.executable, "-m", "reader"]


@pytest.fixture
def terminal(reader_home: Path) -> Iterator[callable]:
    opened: list[Terminal] = []

    def start(*args: str, size: tuple[int, int] = (100, 30)) -> Terminal:
        env = {
            "READER_HOME": str(reader_home),
            "READER_CACHE_DIR": os.environ["READER_CACHE_DIR"],
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
        }
        term = Terminal([*_reader_command(), *args], env, size)
        opened.append(term)
        return term

    yield start
    for term in opened:
        term.close()


def test_open_article_navigate_and_quit(terminal, reader_home: Path) -> None:
    term = terminal("open", "article")
    term.wait_for("最新报道显示")
    screen = term.wait_for("§ 1/14")
    assert "Contents" in screen
    assert "摘要" in screen and "期待落空" in screen
    for _ in range(5):
        term.keys("]")
    screen = term.wait_for("§ 6/14")
    assert "预训练的寒冬" in screen
    term.keys("q")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not (reader_home / "state.yaml").exists():
        time.sleep(0.1)
    assert (reader_home / "state.yaml").exists()


def _fresh_home_reader(reader_home: Path, tmp_path: Path) -> Terminal:
    """``reader open article`` at 120x40 on a fresh home: no dictionary index, no caches."""
    env = {
        "READER_HOME": str(reader_home),
        "READER_CACHE_DIR": str(tmp_path / "fresh-cache"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
    }
    return Terminal([*_reader_command(), "open", "article"], env, (120, 40))


def test_q_during_start_up_on_a_fresh_home_quits_cleanly(reader_home: Path, tmp_path: Path) -> None:
    """``q`` right at the first paint, while the dictionary index is still building: exit 0, no traceback."""
    term = _fresh_home_reader(reader_home, tmp_path)
    try:
        term.wait_for("最新报道显示")
        subprocess.run(["tmux", "send-keys", "-t", term.name, "q"], check=True)
        screen = term.wait_for(EXITED, timeout=20)
        assert f"{EXITED}0" in screen and "Traceback" not in term.history(), term.history()
    finally:
        term.close()


def test_no_line_starts_with_closing_punctuation_at_80_columns(terminal) -> None:
    term = terminal("open", "article", size=(80, 24))
    term.wait_for("§ 1/14")
    term.keys("o")
    seen: list[str] = []
    for _ in range(30):
        time.sleep(0.15)
        seen.extend(term.screen().splitlines())
        term.keys("PageDown")
    text_rows = [line.strip("│ ") for line in seen if line.strip()]
    assert not any(row.startswith(("。", "，")) for row in text_rows)
    assert any("OpenAI" in row for row in text_rows)


def test_bad_input_prints_one_line_and_exits_2(tmp_path: Path, reader_home: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    env = {**os.environ, "READER_HOME": str(reader_home)}
    result = subprocess.run([*_reader_command(), "open", str(empty)], capture_output=True, text=True, env=env)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "empty" in result.stderr


def test_keys_typed_while_loading_are_not_lost(reader_home: Path, tmp_path: Path) -> None:
    """On a fresh home (no dictionary index, no caches): `n`, a note and ctrl+s within 0.3 s of the first paint."""
    term = _fresh_home_reader(reader_home, tmp_path)
    try:
        deadline = time.monotonic() + 30
        while "最新报道显示" not in term.screen():
            assert time.monotonic() < deadline, "the text never appeared"
            time.sleep(0.01)
        painted = time.monotonic()
        for key in ("n", "-l typed while loading", "C-s"):
            args = key.split(" ", 1) if key.startswith("-l ") else [key]
            subprocess.run(["tmux", "send-keys", "-t", term.name, *args], check=True)
        assert time.monotonic() - painted < 0.3
        notes = reader_home / "notes" / "article.yaml"
        deadline = time.monotonic() + 60  # the language stack may still be loading: the keys wait, not vanish
        while not (notes.exists() and "typed while loading" in notes.read_text(encoding="utf-8")):
            assert time.monotonic() < deadline, f"the note was lost; the screen was:\n{term.screen()}"
            time.sleep(0.1)
        text = notes.read_text(encoding="utf-8")
        assert "text: typed while loading" in text and "exact: 最" in text
        # and the reader still answers: the editor, closed within its first moments, has left
        subprocess.run(["tmux", "send-keys", "-t", term.name, "q"], check=True)
        screen = term.wait_for(EXITED, timeout=20)
        assert f"{EXITED}0" in screen, term.history()
    finally:
        term.close()
