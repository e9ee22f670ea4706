"""What every benchmark shares: a private tmux server, generated documents, screen predicates, the table.

Used by ``benchmarks/run.py`` and ``benchmarks/keys.py``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
READER = str(Path(sys.executable).with_name("reader"))
BASELINE = str(Path(__file__).resolve().parent / "baseline_app.py")
WIDTH, HEIGHT = 120, 40
#: Seconds to wait before reading a peak: the reader's warm-up loads its later parts (the pinyin reader,
#: g2pM) once no key has come for 0.5 s, and the peak must count them.
SETTLE = 2.0
POLL = 0.010
BIG_CHARS = 1_000_000
TONE_MARKED = re.compile(r"[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*")


# -- tmux -----------------------------------------------------------------------------------


class Tmux:
    """A private tmux server (its own socket) for the suite's sessions."""

    def __init__(self) -> None:
        self.socket = f"reader-bench-{os.getpid()}"
        self._count = 0
        self.run("new-session", "-d", "-s", "keepalive", "-x", "20", "-y", "5", "sleep", "86400")
        self.run("set-option", "-g", "remain-on-exit", "on")

    def run(self, *args: str) -> str:
        """Run one tmux command on the private server and return its stdout."""
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def start(self, command: list[str], env: dict[str, str]) -> tuple[str, float]:
        """Start ``command`` in a new session of the fixed size; returns (name, start time)."""
        self._count += 1
        name = f"s{self._count}"
        env_args = [arg for key, value in env.items() for arg in ("-e", f"{key}={value}")]
        t0 = time.perf_counter()
        self.run("new-session", "-d", "-s", name, "-x", str(WIDTH), "-y", str(HEIGHT), *env_args, *command)
        return name, t0

    def capture(self, name: str, escapes: bool = False) -> str:
        """The visible screen of session ``name`` (with colour escapes when asked)."""
        args = ["capture-pane", "-p", "-t", name]
        if escapes:
            args.insert(2, "-e")
        return self.run(*args)

    def send(self, name: str, key: str) -> float:
        """Send one key; returns the time just before sending it."""
        t0 = time.perf_counter()
        self.run("send-keys", "-t", name, key)
        return t0

    def wait(self, name: str, predicate: Callable[[str], bool], t0: float, timeout: float = 20.0) -> float:
        """Poll the screen until ``predicate(screen)``; returns seconds since ``t0``."""
        return self.wait_each(name, (predicate,), t0, timeout)[0]

    def wait_each(
        self, name: str, predicates: tuple[Callable[[str], bool], ...], t0: float, timeout: float = 20.0
    ) -> list[float]:
        """Poll the screen until every predicate has held; returns, for each, seconds since ``t0`` to the first capture it held on.

        Each predicate is timed on its own: one that comes true before an earlier
        one is not reported late (waiting for them in turn would give the later
        one the earlier one's time whenever it came first).
        """
        deadline = time.perf_counter() + timeout
        times: list[float | None] = [None] * len(predicates)
        while True:
            tick = time.perf_counter()
            screen = self.capture(name)
            held = [i for i, predicate in enumerate(predicates) if times[i] is None and predicate(screen)]
            now = time.perf_counter() - t0  # after the checks, as a single wait has always counted
            for i in held:
                times[i] = now
            if all(t is not None for t in times):
                return [t for t in times if t is not None]
            if tick > deadline:
                raise TimeoutError(f"session {name}: screen never matched; last screen:\n{screen}")
            time.sleep(max(0.0, POLL - (time.perf_counter() - tick)))

    def pids(self, name: str) -> list[int]:
        """The pane's process and its descendants."""
        root = int(self.run("list-panes", "-t", name, "-F", "#{pane_pid}").split()[0])
        pids = [root]
        for pid in pids:
            try:
                children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            except OSError:
                children = []
            pids.extend(int(c) for c in children)
        return pids

    def kill(self, name: str) -> None:
        """End one session (its process gets SIGHUP)."""
        try:
            self.run("kill-session", "-t", name)
        except RuntimeError:
            pass

    def close(self) -> None:
        """Stop the private server."""
        try:
            self.run("kill-server")
        except RuntimeError:
            pass


# -- documents ------------------------------------------------------------------------------


def article_paragraphs() -> tuple[list[str], object]:
    """The article's paragraph texts and the Document."""
    from reader.text.content import resolve_document

    doc = resolve_document("article")
    return [doc.text[p.start : p.end] for p in doc.paragraphs], doc


def write_big_document(path: Path, paragraphs: list[str], keywords: tuple[str, ...], chars: int = BIG_CHARS) -> int:
    """Write a Markdown book of at least ``chars`` characters; returns its text length.

    Every chapter holds all the article's paragraphs, so the book ends with the
    article's last paragraph, whose opening is not on the first screen.
    """
    lines = [
        "---",
        "title: 百万字长文（基准测试）",
        'title_en: "A Million Characters (benchmark)"',
        "keywords:",
        *[f"  - {k}" for k in keywords],
        "---",
        "",
    ]
    total = 0
    chapter = 0
    index = 0
    while total < chars:
        chapter += 1
        lines += [f"## 第{chapter}章 / Chapter {chapter} {{#ch{chapter}}}", ""]
        for _ in range(len(paragraphs)):
            text = paragraphs[index % len(paragraphs)]
            index += 1
            lines += [text, ""]
            total += len(text) + 1
    path.write_text("\n".join(lines), encoding="utf-8")
    return total


def needle_of(text: str) -> str:
    """The first run of Han characters of a paragraph (on its first row), to look for on screen."""
    return re.findall(r"[\u4e00-\u9fff]{4,}", text)[0][:7]


# -- measurements ---------------------------------------------------------------------------


@dataclass
class Row:
    """One line of the table."""

    what: str
    figure: str
    target: str
    ratio: str
    ok: bool | None


def env_for(home: Path) -> dict[str, str]:
    """Environment of a reader session: its own home and cache folder."""
    return {"READER_HOME": str(home), "READER_CACHE_DIR": str(home / "cache"), "TERM": "xterm-256color"}


def paint_times(tmux: Tmux, command: list[str], env: dict[str, str], *shown: Callable[[str], bool]) -> list[float]:
    """Start ``command``; seconds until each predicate first holds for the screen (each timed on its own)."""
    name, t0 = tmux.start(command, env)
    try:
        return tmux.wait_each(name, shown, t0)
    finally:
        tmux.kill(name)


def first_paint(tmux: Tmux, command: list[str], env: dict[str, str], needle: str) -> float:
    """Seconds from starting ``command`` until ``needle`` is on the screen."""
    return paint_times(tmux, command, env, lambda screen: needle in screen)[0]


def whole_reading_screen(screen: str) -> bool:
    """The outline's labels and the footer's keys are on the screen as well as the text."""
    return "期待落空" in screen and "Next §" in screen


def status_line(screen: str) -> str:
    """The reader's status line (``§ n/N · ...``)."""
    for line in screen.splitlines():
        if "§ " in line:
            return line
    return ""


def language_loaded(screen: str) -> bool:
    """True once the status line shows tone-marked pinyin (tokens came from the language stack)."""
    return bool(TONE_MARKED.search(status_line(screen)))


#: What the status line says while the language stack is still at work on the text.
LOADING = ("segmenting the text", "building the dictionary index")


def fully_loaded(screen: str) -> bool:
    """True once the whole text's tokens are in (and cached): pinyin in the status line, no loading message.

    The paragraphs on screen may be segmented first (:func:`language_loaded` then
    holds while the rest is segmented, the status line saying so).
    """
    line = status_line(screen)
    return language_loaded(screen) and not any(message in line for message in LOADING)


def open_loaded(tmux: Tmux, target: str, home: Path, needle: str, timeout: float = 60.0) -> str:
    """Start ``reader open target`` and wait until the language stack has loaded the whole text; returns the session."""
    name, t0 = tmux.start([READER, "open", target], env_for(home))
    tmux.wait(name, lambda s: needle in s, t0)
    tmux.wait(name, fully_loaded, t0, timeout=timeout)
    return name


def press(tmux: Tmux, name: str, key: str, predicate: Callable[[str], bool]) -> float:
    """Seconds from sending ``key`` until ``predicate(screen)``."""
    t0 = tmux.send(name, key)
    return tmux.wait(name, predicate, t0, timeout=5.0)


def section_of(screen: str) -> tuple[int, int]:
    """``(n, N)`` of the status line's ``§ n/N``."""
    match = re.search(r"§ (\d+)/(\d+)", status_line(screen))
    return (int(match.group(1)), int(match.group(2))) if match else (0, 0)


def at_section(n: int) -> Callable[[str], bool]:
    """Predicate: the status line shows section ``n``."""
    return lambda screen: section_of(screen)[0] == n


def status_changed(before: str) -> Callable[[str], bool]:
    """Predicate: the status line differs from ``before``."""
    return lambda screen: status_line(screen) not in ("", before)


def borders(count: int, more: bool) -> Callable[[str], bool]:
    """Predicate: more rounded corners than ``count`` (a pop-up opened), or exactly ``count``."""
    return lambda screen: screen.count("╭") > count if more else screen.count("╭") == count


def peak_memory_mb(tmux: Tmux, name: str) -> float:
    """Largest VmHWM (MB) among the session's processes."""
    peak = 0
    for pid in tmux.pids(name):
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
        except OSError:
            pass
    return peak / 1024


def paired(values: list[float], baseline: list[float]) -> float:
    """The median of the ratios ``values[i] / baseline[i]`` (runs of the same round)."""
    return statistics.median(v / b for v, b in zip(values, baseline, strict=True))


def percentile(values: list[float], fraction: float) -> float:
    """The ``fraction`` percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


# -- the dictionary --------------------------------------------------------------------------


def dictionary_figures(work: Path, words: list[str]) -> tuple[list[float], int, list[float]]:
    """Index build times, progress calls of the last build, and per-word lookup times."""
    from reader.text.dictionary import Dictionary, build_index

    builds = []
    calls = 0
    for i in range(2):
        path = work / f"dict{i}" / "cedict.sqlite3"
        calls = 0

        def progress(done: int, total: int) -> None:
            nonlocal calls
            calls += 1

        t0 = time.perf_counter()
        build_index(progress, path=path)
        builds.append(time.perf_counter() - t0)
    lookups = []
    with Dictionary.open(path=work / "dict0" / "cedict.sqlite3") as dictionary:
        for word in words:
            t0 = time.perf_counter()
            dictionary.lookup(word)
            lookups.append(time.perf_counter() - t0)
    return builds, calls, lookups


def lookup_words(paragraphs: list[str], tokens_jsonl: str) -> list[str]:
    """Distinct words to look up: the article's Han tokens, characters and character pairs."""
    words: dict[str, None] = {}
    for line in tokens_jsonl.splitlines():
        record = json.loads(line)
        if record["kind"] == "han":
            words[record["text"]] = None
    for text in paragraphs:
        for run in re.findall(r"[\u4e00-\u9fff]+", text):
            for i in range(len(run)):
                words[run[i]] = None
                if i + 1 < len(run):
                    words[run[i : i + 2]] = None
    return list(words)


# -- the table and the bytecode ---------------------------------------------------------------


def print_table(rows: list[Row]) -> None:
    """The rows as a Markdown table."""
    header = ("What", "Figure", "Target", "Ratio", "Result")
    cells = [
        header,
        *[(r.what, r.figure, r.target, r.ratio, "" if r.ok is None else "PASS" if r.ok else "FAIL") for r in rows],
    ]
    widths = [max(len(c[i]) for c in cells) for i in range(len(header))]
    lines = ["| " + " | ".join(c[i].ljust(widths[i]) for i in range(len(header))) + " |" for c in cells]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    print("\n".join(lines))


def ensure_bytecode() -> str:
    """Give the ``reader`` package the bytecode files an install leaves, if it has none.

    ``pip install .`` compiles every module to ``__pycache__`` at install time, as it
    did for Textual; the bare Textual app is measured with those. A source checkout
    installed with ``pip install -e .`` under ``PYTHONDONTWRITEBYTECODE=1`` (set on some
    machines, this one included) never gets them, and then every start compiles the
    reader's modules from source again (about 50 ms here): a cost no installed copy pays.
    """
    import compileall

    import reader

    folder = Path(reader.__file__).resolve().parent

    def stale(source: Path) -> bool:
        cached = Path(importlib.util.cache_from_source(str(source)))
        return not cached.exists() or cached.stat().st_mtime < source.stat().st_mtime

    missing = [p for p in folder.rglob("*.py") if stale(p)]
    if not missing:
        return "present (as installed)"
    compileall.compile_dir(str(folder), quiet=1)
    return f"compiled {len(missing)} modules that had none or stale ones (pip install . compiles them)"
