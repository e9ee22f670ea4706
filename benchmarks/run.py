"""The benchmark suite: ``python benchmarks/run.py``.

Every figure is measured the way a person experiences it. The real ``reader``
command (the ``reader`` script next to this Python) runs in a detached tmux
session of a fixed size, with ``READER_HOME`` and ``READER_CACHE_DIR`` in a
temp folder, and the suite polls ``tmux capture-pane`` every ~10 ms until the
expected text is on the screen. Start-up figures are medians of several runs,
interleaved with the runs of the baseline (``benchmarks/baseline_app.py``: a
bare Textual app showing the same text in one widget), and reported as ratios
to the baseline measured in the same run: the median of the ratios of each
round's runs, which are seconds apart.

The 1,000,000-character document is generated into the temp folder from the
article's paragraphs, under generated chapter headings (``第N章``).

Options: ``--runs N`` (start-up rounds, default 11), ``--presses N``
(key presses per key, default 15), ``--json PATH`` (also write the figures).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
READER = str(Path(sys.executable).with_name("reader"))
BASELINE = str(Path(__file__).resolve().parent / "baseline_app.py")
WIDTH, HEIGHT = 120, 40
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
        deadline = time.perf_counter() + timeout
        while True:
            tick = time.perf_counter()
            screen = self.capture(name)
            if predicate(screen):
                return time.perf_counter() - t0
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


def write_big_document(path: Path, paragraphs: list[str], keywords: tuple[str, ...]) -> int:
    """Write a Markdown book of at least BIG_CHARS characters; returns its text length.

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
    while total < BIG_CHARS:
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
    """Start ``command``; seconds until each predicate in turn holds for the screen."""
    name, t0 = tmux.start(command, env)
    try:
        return [tmux.wait(name, predicate, t0) for predicate in shown]
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


def open_loaded(tmux: Tmux, target: str, home: Path, needle: str, timeout: float = 60.0) -> str:
    """Start ``reader open target`` and wait until the language stack has loaded; returns the session."""
    name, t0 = tmux.start([READER, "open", target], env_for(home))
    tmux.wait(name, lambda s: needle in s, t0)
    tmux.wait(name, language_loaded, t0, timeout=timeout)
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


def key_figures(tmux: Tmux, home: Path, needle: str, presses: int) -> dict[str, list[float]]:
    """Key-to-screen times for ``]``, ``l`` and ``enter`` on the article."""
    name = open_loaded(tmux, "article", home, needle)
    times: dict[str, list[float]] = {"]": [], "l": [], "enter": []}
    try:
        press(tmux, name, "g", at_section(1))
        for _ in range(presses):
            current, total = section_of(tmux.capture(name))
            if current >= total:
                press(tmux, name, "g", at_section(1))
                current = 1
            times["]"].append(press(tmux, name, "]", at_section(current + 1)))
        press(tmux, name, "g", at_section(1))
        for _ in range(presses):
            before = status_line(tmux.capture(name))
            times["l"].append(press(tmux, name, "l", status_changed(before)))
        for _ in range(presses):
            corners = tmux.capture(name).count("╭")
            times["enter"].append(press(tmux, name, "Enter", borders(corners, more=True)))
            press(tmux, name, "Escape", borders(corners, more=False))
            press(tmux, name, "l", status_changed(status_line(tmux.capture(name))))
    finally:
        tmux.kill(name)
    return times


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


def paired(values: list[float], baseline: list[float]) -> float:
    """The median of the ratios ``values[i] / baseline[i]`` (runs of the same round)."""
    return statistics.median(v / b for v, b in zip(values, baseline, strict=True))


def percentile(values: list[float], fraction: float) -> float:
    """The ``fraction`` percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


# -- the suite ------------------------------------------------------------------------------


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


def main() -> int:
    """Run every benchmark and print the table."""
    parser = argparse.ArgumentParser(description="reader benchmarks")
    parser.add_argument("--runs", type=int, default=11, help="start-up rounds (default 11)")
    parser.add_argument("--presses", type=int, default=15, help="presses per key (default 15)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("benchmarks need tmux", file=sys.stderr)
        return 2

    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="reader-bench-"))
    tmux = Tmux()
    rows: list[Row] = []
    figures: dict[str, object] = {}

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f}s] {message}", file=sys.stderr, flush=True)

    try:
        compiled = ensure_bytecode()
        log(f"bytecode of the reader package: {compiled}")
        paragraphs, article = article_paragraphs()
        needle = needle_of(paragraphs[0])
        baseline_text = work / "article.txt"
        baseline_text.write_text("\n\n".join(paragraphs), encoding="utf-8")
        big = work / "big.md"
        big_chars = write_big_document(big, paragraphs, tuple(article.keywords))  # type: ignore[attr-defined]
        big_text = big.read_text(encoding="utf-8")
        last = big_text.rstrip().rsplit("\n\n", 1)[-1]
        big_last = needle_of(last)
        log(f"generated {big.name}: {big_chars:,} characters; first-paint needle {needle!r}, end needle {big_last!r}")

        warm = work / "warm"
        log("warming caches (dictionary index, jieba, token caches)…")
        for target in ("article", str(big)):
            tmux.kill(open_loaded(tmux, target, warm, needle, timeout=120))
        # One throw-away run of each program, so the OS file cache is warm for all of them.
        first_paint(tmux, [PYTHON, BASELINE, str(baseline_text)], env_for(warm), needle)
        first_paint(tmux, [READER, "open", "article"], env_for(warm), needle)

        base_t: list[float] = []
        warm_t: list[float] = []
        whole_t: list[float] = []
        cold_t: list[float] = []
        big_t: list[float] = []
        log(f"start-up: {args.runs} rounds of baseline / warm / first run / 1M document…")
        for i in range(args.runs):
            base_t.append(first_paint(tmux, [PYTHON, BASELINE, str(baseline_text)], env_for(warm), needle))
            first, whole = paint_times(
                tmux,
                [READER, "open", "article"],
                env_for(warm),
                lambda screen: needle in screen,
                lambda screen: needle in screen and whole_reading_screen(screen),
            )
            warm_t.append(first)
            whole_t.append(whole)
            cold_home = work / f"cold{i}"
            cold_t.append(first_paint(tmux, [READER, "open", "article"], env_for(cold_home), needle))
            big_t.append(first_paint(tmux, [READER, "open", str(big)], env_for(warm), needle))
        base, warm_m, cold_m, big_m = (statistics.median(v) for v in (base_t, warm_t, cold_t, big_t))
        # Ratios pair the runs of one round (seconds apart) and take the median of those:
        # a machine that slows down for a while slows both sides of a pair alike.
        warm_r, cold_r, big_r = (paired(v, w) for v, w in ((warm_t, base_t), (cold_t, base_t), (big_t, warm_t)))
        whole_r = paired(whole_t, base_t)
        figures.update(baseline=base_t, warm=warm_t, warm_whole=whole_t, first_run=cold_t, big_first_paint=big_t)
        rows.append(Row("baseline: bare Textual app, article in one Static", f"{base:.3f} s", "", "1.00×", None))
        rows.append(
            Row(
                "`reader open article`, warm caches",
                f"{warm_m:.3f} s",
                "≤ 1.2× baseline",
                f"{warm_r:.2f}×",
                warm_r <= 1.2,
            )
        )
        rows.append(
            Row(
                "  the same, until outline labels and footer are drawn",
                f"{statistics.median(whole_t):.3f} s",
                "(information)",
                f"{whole_r:.2f}×",
                None,
            )
        )
        rows.append(
            Row(
                "`reader open article`, first run (no caches)",
                f"{cold_m:.3f} s",
                "≤ 2× baseline",
                f"{cold_r:.2f}×",
                cold_r <= 2.0,
            )
        )

        log(f"keys: {args.presses} presses each of ], l, enter…")
        keys = key_figures(tmux, warm, needle, args.presses)
        figures["keys"] = keys
        for key, label in (("]", "`]` next section"), ("l", "`l` next word"), ("enter", "`enter` pop-up")):
            median_ms = 1000 * statistics.median(keys[key])
            rows.append(
                Row(
                    f"key to screen: {label} (median of {len(keys[key])})",
                    f"{median_ms:.1f} ms",
                    "≤ 50 ms",
                    f"{median_ms / 50:.2f}×",
                    median_ms <= 50,
                )
            )

        rows.append(
            Row(
                f"1M document ({big_chars:,} chars): first paint, warm",
                f"{big_m:.3f} s",
                "≤ 1.5× article",
                f"{big_r:.2f}×",
                big_r <= 1.5,
            )
        )
        log("1M document: G and peak memory…")
        name = open_loaded(tmux, str(big), warm, needle, timeout=120)
        try:
            time.sleep(1.0)
            g_times = []
            for _ in range(5):
                press(tmux, name, "g", lambda s: needle in s)
                g_times.append(press(tmux, name, "G", lambda s: big_last in s))
            time.sleep(0.5)
            memory = peak_memory_mb(tmux, name)
        finally:
            tmux.kill(name)
        g_ms = 1000 * statistics.median(g_times)
        figures.update(big_G=g_times, big_memory_mb=memory)
        rows.append(
            Row(
                "1M document: `G` to the last paragraph (median of 5)",
                f"{g_ms:.1f} ms",
                "≤ 200 ms",
                f"{g_ms / 200:.2f}×",
                g_ms <= 200,
            )
        )
        # Peak memory on the first open too: no token cache, so the whole book is segmented.
        cold_big = work / "cold-big"
        shutil.copytree(warm / "cache", cold_big / "cache", ignore=shutil.ignore_patterns("tokens"))
        name = open_loaded(tmux, str(big), cold_big, needle, timeout=180)
        try:
            time.sleep(0.5)
            memory_cold = peak_memory_mb(tmux, name)
        finally:
            tmux.kill(name)
        figures["big_memory_first_open_mb"] = memory_cold
        worst = max(memory, memory_cold)
        rows.append(
            Row(
                "1M document: peak memory (VmHWM; cached / first open)",
                f"{memory:.0f} / {memory_cold:.0f} MB",
                "≤ 300 MB",
                f"{worst / 300:.2f}×",
                worst <= 300,
            )
        )
        # Issue 14's memory targets at 5M characters (benchmarks/memory.py; also the 10M line there).
        log("5M book: peak memory on a first and a warm open…")
        spec = importlib.util.spec_from_file_location("bench_memory", Path(__file__).with_name("memory.py"))
        assert spec is not None and spec.loader is not None
        memory_bench = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(memory_bench)
        rows.extend(memory_bench.memory_rows(tmux, work, warm))

        log("dictionary: index build and lookups…")
        tokens_jsonl = subprocess.run(
            [READER, "annotate", "article"],
            env={**os.environ, **env_for(warm)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        words = lookup_words(paragraphs, tokens_jsonl)
        builds, calls, lookups = dictionary_figures(work, words)
        build_m = statistics.median(builds)
        figures.update(dict_build=builds, dict_progress_calls=calls)
        rows.append(
            Row(
                f"dictionary index build (median of {len(builds)}; {calls} progress calls)",
                f"{build_m:.2f} s",
                "≤ 10 s",
                f"{build_m / 10:.2f}×",
                build_m <= 10 and calls > 2,
            )
        )
        med_ms, p99_ms = 1000 * statistics.median(lookups), 1000 * percentile(lookups, 0.99)
        figures.update(lookup_median_ms=med_ms, lookup_p99_ms=p99_ms, lookup_words=len(words))
        rows.append(
            Row(
                f"dictionary lookup, {len(words):,} distinct words: median / p99",
                f"{med_ms:.3f} / {p99_ms:.3f} ms",
                "≤ 1 ms",
                f"{p99_ms:.2f}×",
                p99_ms <= 1.0,
            )
        )

        log("`reader annotate` on the 1M document…")
        fresh = work / "annotate"
        (fresh / "cache").mkdir(parents=True)
        shutil.copy(warm / "cache" / "cedict.sqlite3", fresh / "cache" / "cedict.sqlite3")
        t0 = time.perf_counter()
        with open(os.devnull, "w") as sink:
            subprocess.run(
                [READER, "annotate", str(big)], env={**os.environ, **env_for(fresh)}, stdout=sink, check=True
            )
        seconds = time.perf_counter() - t0
        rate = big_chars / seconds
        figures.update(annotate_seconds=seconds, annotate_rate=rate)
        rows.append(
            Row(
                "`reader annotate` on the 1M document (no token cache)",
                f"{rate:,.0f} chars/s",
                "≥ 150,000 chars/s (issue 14: 1M)",
                f"{rate / 150_000:.2f}×",
                rate >= 150_000,
            )
        )
        log("deck storage: save, answer and load at 1k and 10k cards…")
        from storage import storage_figures

        deck = storage_figures()
        figures.update(deck=deck)
        for size, f in deck.items():
            cards, answers = (int(n) for n in size.split("/"))
            rows.append(
                Row(
                    f"deck of {cards:,} cards / {answers:,} answers: save a word / an answer",
                    f"{f['save'] * 1000:.1f} / {f['answer'] * 1000:.1f} ms",
                    "≤ 50 ms",
                    f"{f['v1_save'] / max(f['save'], 1e-9):,.0f}× faster than a v1 save",
                    max(f["save"], f["answer"]) <= 0.050,
                )
            )
            rows.append(
                Row(
                    f"deck of {cards:,} cards / {answers:,} answers: load",
                    f"{f['load'] * 1000:.0f} ms",
                    "≤ 300 ms",
                    f"{f['load'] / 0.3:.2f}×",
                    f["load"] <= 0.300,
                )
            )
    finally:
        tmux.close()
        shutil.rmtree(work, ignore_errors=True)

    print_table(rows)
    total = time.perf_counter() - started
    print(
        f"\n{sum(1 for r in rows if r.ok)} of {sum(1 for r in rows if r.ok is not None)} targets met; "
        f"suite took {total:.0f} s; terminal {WIDTH}×{HEIGHT} (tmux); start-up figures are medians of {args.runs} rounds, ratios medians of per-round ratios."
    )
    if args.json:
        args.json.write_text(json.dumps({"rows": [r.__dict__ for r in rows], "figures": figures}, indent=1))
    return 0 if all(r.ok is not False for r in rows) else 1


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


if __name__ == "__main__":
    sys.exit(main())
