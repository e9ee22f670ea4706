"""Regenerate screenshots/ from the real ``reader`` in a real terminal: run after every UI change.

    python scripts/screenshots.py [NAME ...]

Each view runs the installed ``reader`` command in a detached tmux session
(120×40, truecolor, its own tmux server) against a throw-away READER_HOME,
drives it with the keys a person would press (``reader open --at OFFSET``
puts the cursor on a word), waits until the screen stops changing, and
captures the pane with its colours (``tmux capture-pane -e``). The capture is
drawn cell by cell into a PNG by ``scripts/ansi_png.py``: every character at
its own cell, so nothing drifts. ``browser`` runs ``reader serve`` and takes a
picture of headless Chromium's page after ``p``.

Needs tmux, Pillow, fonts-dejavu-core and fonts-noto-cjk; ``browser`` needs chromium too.
"""

from __future__ import annotations

import asyncio
import os
import re
import shlex
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "screenshots"
COLUMNS, ROWS = 120, 40
READER = Path(sys.executable).with_name("reader")
CACHE = Path(tempfile.gettempdir()) / "reader-shots-cache"  # the dictionary index, built once and reused

sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from ansi_png import parse, render  # noqa: E402

from reader.text.content import resolve_document  # noqa: E402

TEXT = resolve_document("article").text
#: The note editor's help line: it is open.
EDITOR = "ctrl+s save"
#: Status messages that mean the reader is still loading.
BUSY = ("building the dictionary index", "loading the dictionary", "segmenting the text")


def at(phrase: str, shift: int = 0) -> int:
    """The offset of ``phrase`` in the article (plus ``shift``)."""
    return TEXT.index(phrase) + shift


class Terminal:
    """One ``reader`` command in a detached tmux session on a private tmux server."""

    def __init__(self, home: Path, *args: str) -> None:
        self.socket = f"reader-shots-{uuid.uuid4().hex[:8]}"
        conf = home / "tmux.conf"
        conf.write_text("set -g status off\nset -g escape-time 0\nset -g default-terminal tmux-256color\n")
        env = {
            "READER_HOME": str(home),
            "READER_CACHE_DIR": str(CACHE),
            "COLORTERM": "truecolor",
            "LANG": "C.UTF-8",
        }
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        command = f"env {exports} {shlex.quote(str(READER))} {' '.join(shlex.quote(a) for a in args)}; sleep 60"
        self._tmux("-f", str(conf), "new-session", "-d", "-s", "shot", "-x", str(COLUMNS), "-y", str(ROWS), command)

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True)
        return done.stdout

    def capture(self, colours: bool = True) -> str:
        """The pane, with SGR colour sequences when ``colours``."""
        return self._tmux("capture-pane", "-p", *(["-e"] if colours else []), "-t", "shot")

    def keys(self, *keys: str, pause: float = 0.15) -> None:
        """Press keys (tmux key names)."""
        for key in keys:
            self._tmux("send-keys", "-t", "shot", key)
            time.sleep(pause)

    def type(self, text: str) -> None:
        """Type text literally."""
        self._tmux("send-keys", "-t", "shot", "-l", text)
        time.sleep(0.3)

    def settle(self, quiet: float = 1.5, timeout: float = 90) -> str:
        """Wait until the screen has not changed for ``quiet`` seconds and shows no loading message."""
        deadline = time.monotonic() + timeout
        last, since = "", time.monotonic()
        while time.monotonic() < deadline:
            now = self.capture()
            plain = self.capture(colours=False)
            if now != last:
                last, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet and not any(b in plain for b in BUSY):
                return now
            time.sleep(0.2)
        raise RuntimeError(f"the screen never settled:\n{self.capture(colours=False)}")

    def wait_for(self, text: str, timeout: float = 30) -> bool:
        """Wait until ``text`` is on screen; False if it never came."""
        deadline = time.monotonic() + timeout
        while text not in self.capture(colours=False):
            if time.monotonic() > deadline:
                return False
            time.sleep(0.2)
        return True

    def press_until(self, key: str, text: str) -> None:
        """Press ``key`` until ``text`` shows (a key pressed while the language stack settles can be missed)."""
        for _ in range(4):
            self.keys(key)
            if self.wait_for(text, timeout=4):
                return
        raise RuntimeError(f"{text!r} never appeared after {key}:\n{self.capture(colours=False)}")

    def open_editor(self) -> None:
        """Press ``n`` until the note editor is open."""
        self.press_until("n", EDITOR)

    def close(self) -> None:
        """Stop the tmux server."""
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


#: The status line once the language stack is loaded: the word under the cursor with its pinyin.
READY = re.compile(r"§ \d+/\d+ .*[\u4e00-\u9fff]+ [a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")


def session(home: Path, *args: str) -> Terminal:
    """Open the article (with ``args``) and wait for the language stack: pinyin of the cursor word in the status."""
    terminal = Terminal(home, "open", "article", *args)
    deadline = time.monotonic() + 120
    while not READY.search(terminal.capture(colours=False)):
        if time.monotonic() > deadline:
            raise RuntimeError(f"the language stack never loaded:\n{terminal.capture(colours=False)}")
        time.sleep(0.2)
    terminal.settle()
    return terminal


def once(home: Path, offset: int, *keys: str, text: str = "", after: tuple[str, ...] = (), wait: str = "") -> None:
    """A short session: open at ``offset``; press ``keys`` (until ``wait`` shows), or write the note ``text``; quit."""
    terminal = session(home, "--at", str(offset))
    try:
        if text:
            terminal.open_editor()
            terminal.type(text)
        else:
            terminal.keys(*keys)
            if wait and not terminal.wait_for(wait, timeout=10):
                raise RuntimeError(f"{wait!r} never appeared:\n{terminal.capture(colours=False)}")
        terminal.keys(*after)
        time.sleep(0.8)
        terminal.keys("escape", "q")
        time.sleep(1.0)
    finally:
        terminal.close()


def reading(home: Path) -> Terminal:
    """The article with the outline and highlighted keywords and terms."""
    terminal = session(home)
    terminal.keys("]", "]", "l", "l", "l")
    return terminal


def pinyin(home: Path) -> Terminal:
    """Interlinear pinyin in tone colours."""
    terminal = session(home)
    terminal.press_until("p", "·  pinyin")
    terminal.keys("]", "]", "]", "]")
    return terminal


def popup(home: Path) -> Terminal:
    """The pop-up on a glossary term."""
    terminal = session(home, "--at", str(at("混合专家系统")))
    terminal.press_until("Enter", "CC-CEDICT")
    return terminal


def meaning(home: Path) -> Terminal:
    """The pop-up on a common word: its meaning here first, marked, then the dictionary's."""
    terminal = session(home, "--at", str(at("公司在大规模预训练方面屡次受挫", 2)))
    terminal.press_until("Enter", "in this sentence")
    return terminal


def choose(home: Path) -> Terminal:
    """tab in the pop-up: choose another meaning, or write your own."""
    terminal = meaning(home)
    terminal.settle()
    terminal.press_until("Tab", "Meaning of")
    return terminal


def notes(home: Path) -> Terminal:
    """The notes pane with two notes."""
    once(home, at("预训练"), text="pretraining: 先在海量数据上训练 #术语", after=("C-s",))
    terminal = session(home, "--at", str(at("几近")))
    terminal.open_editor()
    terminal.type("jījìn: nearly, all but #读音")
    terminal.keys("C-s")
    time.sleep(4.0)  # let the toast go
    return terminal


def study(home: Path) -> Terminal:
    """A review card after space."""
    for word in ("框架", "收敛", "瓶颈"):
        once(home, at(word), "s", wait="to the deck")
    terminal = session(home)
    terminal.press_until("S", "What does")
    terminal.settle()
    terminal.keys("space")
    return terminal


def stats(home: Path) -> Terminal:
    """The stats screen."""
    once(home, at("框架"), "s", wait="to the deck")
    terminal = session(home)
    terminal.keys("C-p")
    terminal.type("Stats: reviews")
    terminal.wait_for("progress you can see")
    terminal.keys("Enter")
    return terminal


def search(home: Path) -> Terminal:
    """/ with toneless pinyin: every 预训练 highlighted, the count in the status line, sections marked."""
    terminal = session(home)
    terminal.keys("/")
    terminal.type("yuxunlian")
    terminal.wait_for("/12", timeout=30)
    terminal.keys("Enter", ">", ">")
    return terminal


def hsk(home: Path) -> Terminal:
    """The HSK layer (H) with its legend."""
    terminal = session(home, "--at", str(at("严峻")))
    terminal.press_until("H", "HSK 3.0")
    return terminal


def term_form(home: Path) -> Terminal:
    """+ on a word: your own glossary term, pinyin prefilled from the text."""
    terminal = session(home, "--at", str(at("技术挑战")))
    terminal.keys("v", "l")
    terminal.press_until("+", "glossary")
    return terminal


VIEWS: dict[str, Callable[[Path], Terminal]] = {
    "reading": reading,
    "pinyin": pinyin,
    "popup": popup,
    "meaning": meaning,
    "choose": choose,
    "notes": notes,
    "study": study,
    "stats": stats,
    "search": search,
    "hsk": hsk,
    "term_form": term_form,
}


def shoot(name: str, view: Callable[[Path], Terminal]) -> Path:
    """Run one view in tmux and draw its capture."""
    with tempfile.TemporaryDirectory(prefix="reader-shots-") as folder:
        terminal = view(Path(folder))
        try:
            capture = terminal.settle()
        finally:
            terminal.close()
    target = OUT / f"{name}.png"
    (OUT / f"{name}.txt").unlink(missing_ok=True)
    render(parse(capture, COLUMNS, ROWS), f"reader — {name}").save(target, optimize=True)
    return target


async def _browser_picture(target: Path) -> None:
    from tests.ui.browser import chromium

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    with tempfile.TemporaryDirectory(prefix="reader-shots-") as folder:
        env = {**os.environ, "READER_HOME": folder, "READER_CACHE_DIR": str(CACHE)}
        server = subprocess.Popen(
            [str(READER), "serve", "article", "--port", str(port)], env=env, stdout=subprocess.PIPE, text=True
        )
        try:
            assert server.stdout is not None
            server.stdout.readline()
            async with chromium(1400, 900) as page:
                await page.send("Page.navigate", url=f"http://127.0.0.1:{port}/")
                await page.wait_for_text(lambda text: "摘要" in text and "OpenAI" in text, timeout=90)
                await asyncio.sleep(4)  # the language stack: glossary highlighting
                await page.evaluate("window.__terminals[0].focus()")
                await page.press("p")
                await asyncio.sleep(2)
                await page.screenshot(target)
        finally:
            server.send_signal(2)
            server.wait(timeout=30)


def browser() -> Path:
    """``reader serve`` in headless Chromium, pinyin on."""
    target = OUT / "browser.png"
    asyncio.run(_browser_picture(target))
    return target


def main() -> int:
    """Shoot the views named on the command line (all by default)."""
    OUT.mkdir(exist_ok=True)
    CACHE.mkdir(exist_ok=True)
    names = sys.argv[1:] or [*VIEWS, "browser"]
    for name in names:
        path = browser() if name == "browser" else shoot(name, VIEWS[name])
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
