"""``reader serve`` in a real browser: headless Chromium opens the page, reads the article, presses ``p``."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .browser import chromium, chromium_path

pytestmark = pytest.mark.skipif(
    chromium_path() is None, reason="chromium is not installed (.ci/run installs it: apt-get install chromium)"
)

#: Tone-marked pinyin syllables, as the interlinear rows show them.
TONED = re.compile(r"[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def pinyin_rows(text: str) -> int:
    """Rows that are mostly tone-marked pinyin (an interlinear row, not a word in the status line)."""
    return sum(1 for row in text.splitlines() if len(TONED.findall(row)) >= 4)


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


async def test_serve_shows_the_article_in_chromium_and_p_shows_pinyin(tmp_path: Path, reader_home: Path) -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "reader.cli", "serve", "article", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=dict(os.environ),
    )
    try:
        assert server.stdout is not None
        first = server.stdout.readline()
        assert first.startswith("reader: serving ") and f"http://127.0.0.1:{port}" in first, first
        assert "this machine only" in first
        async with chromium() as page:
            await page.send("Page.navigate", url=f"http://127.0.0.1:{port}/")
            before = await page.wait_for_text(lambda text: "摘要" in text and "OpenAI" in text, timeout=90)
            assert pinyin_rows(before) == 0
            await page.evaluate("window.__terminals[0].focus()")
            await page.press("p")
            after = await page.wait_for_text(lambda text: pinyin_rows(text) >= 5, timeout=30)
            assert "OpenAI" in after
            # What has been on screen for two seconds is saved at once, not on the way out:
            # the tab can be closed (or the server stopped) at any moment after that.
            # (The position alone may be written first, on a resize: wait for what was seen.)
            state = reader_home / "state.yaml"
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and not (state.exists() and "seen" in state.read_text(encoding="utf-8")):
                await asyncio.sleep(0.2)
            assert state.exists() and "seen" in state.read_text(encoding="utf-8"), (
                "the tab's reader did not save what it showed"
            )
            app_processes = children(server.pid)
            assert app_processes, "no reader process was started for the tab"
    finally:
        server.send_signal(signal.SIGINT)
        try:
            output, _ = server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            raise
    assert server.returncode == 0, output
    assert "reader: stopped" in output
    assert "Traceback" not in output
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in app_processes):
        time.sleep(0.1)
    assert not [pid for pid in app_processes if Path(f"/proc/{pid}/stat").exists()], "a reader outlived the server"
    assert "seen" in (reader_home / "state.yaml").read_text(encoding="utf-8")  # still there, still readable


def test_serve_refuses_a_bad_document_and_a_taken_port(tmp_path: Path) -> None:
    bad = subprocess.run(
        [sys.executable, "-m", "reader.cli", "serve", "no-such-document"], capture_output=True, text=True, timeout=60
    )
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        busy = subprocess.run(
            [sys.executable, "-m", "reader.cli", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert busy.returncode == 2
    assert busy.stderr.strip().splitlines() == [f"reader: cannot listen on 127.0.0.1:{port}: Address already in use"]
