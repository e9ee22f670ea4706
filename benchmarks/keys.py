"""Keys on long books (100k / 1M / 5M characters), each paired with baselines timed in the same run.

For every size a book is generated from the article's paragraphs (``harness.write_big_document``)
and opened in the real ``reader`` in tmux, warm (its token cache made by a first open, whose peak
memory is recorded too). Each key is pressed ``presses`` times and timed from ``send-keys`` until
the screen shows its effect:

* ``p``: interlinear pinyin rows appear (and, on the next press, go);
* ``ctrl+p``: the command palette's prompt is drawn (``esc`` after, untimed);
* ``]``: the status line shows the next section; ``l``: the status line's word changes;
* ``j``: the text moves a row; ``G``: the book's last paragraph is on screen (``g`` after, untimed);
* ``enter``: a pop-up's border appears (``esc`` after, untimed).

Baselines in the same run: ``less`` on the same file (``j`` and ``G``, same tmux, same size), and
the bare Textual app of ``baseline_app.py`` (a ``Static`` in a ``VerticalScroll``, on the article:
a Static of millions of characters would take minutes to lay out) scrolling a line with ``down``.
Ratios are against the bare app's scroll key, the comparison issue 14 asks for.
"""

from __future__ import annotations

import re
import shutil
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from harness import (
    BASELINE,
    PYTHON,
    READER,
    SETTLE,
    TONE_MARKED,
    Tmux,
    at_section,
    borders,
    env_for,
    language_loaded,
    open_loaded,
    peak_memory_mb,
    press,
    section_of,
    status_changed,
    status_line,
)

SIZES = (100_000, 1_000_000, 5_000_000)
KEYS = ("p", "ctrl+p", "]", "j", "l", "G", "enter")
_HAN = re.compile(r"[\u4e00-\u9fff]")
#: The palette's prompt: the start of its input's placeholder, drawn in its first frame (the reader's own
#: palette: "Search for commands, sections and bookmarks…", with its list; Textual's: "Search for commands…").
_PALETTE = "Search for commands"


@dataclass
class SizeFigures:
    """The figures of one book size."""

    chars: int
    keys: dict[str, list[float]] = field(default_factory=dict)
    less: dict[str, list[float]] = field(default_factory=dict)
    memory_first_open: float = 0.0
    memory_warm: float = 0.0


def text_area(line: str) -> str:
    """The text view's part of a screen row (the widest of the pieces between box-drawing borders)."""
    return max(line.split("│"), key=len)


def pinyin_shown(screen: str) -> bool:
    """Interlinear pinyin is on the screen: rows of the text with tone-marked syllables and no hanzi."""
    rows = [text_area(line) for line in screen.splitlines()]
    return sum(1 for row in rows if not _HAN.search(row) and len(TONE_MARKED.findall(row)) >= 3) >= 3


def changed(before: str) -> Callable[[str], bool]:
    """Predicate: the screen differs from ``before``."""
    return lambda screen: screen != before


def next_sections(tmux: Tmux, name: str, presses: int) -> list[float]:
    """``]`` from section 1 on, ``presses`` times (back to 1 at the last section): each until the status moves."""
    times = []
    press(tmux, name, "g", at_section(1))
    for _ in range(presses):
        current, total = section_of(tmux.capture(name))
        if current >= total:
            press(tmux, name, "g", at_section(1))
            current = 1
        times.append(press(tmux, name, "]", at_section(current + 1)))
    return times


def next_words(tmux: Tmux, name: str, presses: int) -> list[float]:
    """``l``, ``presses`` times: each until the status line (the cursor's word) changes."""
    times = []
    for _ in range(presses):
        before = status_line(tmux.capture(name))
        times.append(press(tmux, name, "l", status_changed(before)))
    return times


def popups(tmux: Tmux, name: str, presses: int) -> list[float]:
    """``enter`` until a pop-up's border appears, ``presses`` times (then ``esc`` and ``l``, untimed)."""
    times = []
    for _ in range(presses):
        corners = tmux.capture(name).count("╭")
        times.append(press(tmux, name, "Enter", borders(corners, more=True)))
        press(tmux, name, "Escape", borders(corners, more=False))
        press(tmux, name, "l", status_changed(status_line(tmux.capture(name))))
    return times


def reader_keys(tmux: Tmux, home: Path, book: Path, needle: str, last: str, presses: int) -> SizeFigures:
    """Open ``book`` warm in the reader and time every key of :data:`KEYS`."""
    figures = SizeFigures(0)
    name = open_loaded(tmux, str(book), home, needle, timeout=900)
    times: dict[str, list[float]] = {key: [] for key in KEYS}
    try:
        time.sleep(0.5)
        for _ in range(presses):
            times["p"].append(press(tmux, name, "p", pinyin_shown))
            times["p"].append(press(tmux, name, "p", lambda s: not pinyin_shown(s)))
        for _ in range(presses):
            times["ctrl+p"].append(press(tmux, name, "C-p", lambda s: _PALETTE in s))
            press(tmux, name, "Escape", lambda s: _PALETTE not in s)
        times["]"] += next_sections(tmux, name, presses)
        press(tmux, name, "g", at_section(1))
        for _ in range(presses):
            times["j"].append(press(tmux, name, "j", changed(tmux.capture(name))))
        times["l"] += next_words(tmux, name, presses)
        for _ in range(presses):
            press(tmux, name, "g", at_section(1))
            times["G"].append(press(tmux, name, "G", lambda s: last in s))
        press(tmux, name, "g", at_section(1))
        times["enter"] += popups(tmux, name, presses)
        time.sleep(SETTLE)  # the warm-up's later parts load once the keys rest: the peak counts them
        figures.memory_warm = peak_memory_mb(tmux, name)
    finally:
        tmux.kill(name)
    figures.keys = times
    return figures


def key_figures(tmux: Tmux, home: Path, needle: str, presses: int) -> dict[str, list[float]]:
    """Key-to-screen times for ``]``, ``l`` and ``enter`` on the article."""
    name = open_loaded(tmux, "article", home, needle)
    times: dict[str, list[float]] = {"]": [], "l": [], "enter": []}
    try:
        times["]"] += next_sections(tmux, name, presses)
        press(tmux, name, "g", at_section(1))
        times["l"] += next_words(tmux, name, presses)
        times["enter"] += popups(tmux, name, presses)
    finally:
        tmux.kill(name)
    return times


def first_open_memory(tmux: Tmux, home: Path, book: Path, needle: str) -> float:
    """Open ``book`` with no token cache (segmenting it all) and return the peak memory (MB) once loaded."""
    name = open_loaded(tmux, str(book), home, needle, timeout=900)
    try:
        time.sleep(SETTLE)
        return peak_memory_mb(tmux, name)
    finally:
        tmux.kill(name)


def less_keys(tmux: Tmux, book: Path, presses: int) -> dict[str, list[float]]:
    """``less`` on ``book`` in the same tmux: ``j`` (a line down) and ``G`` (the end), from ``g``."""
    env = {"LANG": "C.UTF-8", "LESSCHARSET": "utf-8", "TERM": "xterm-256color", "LESS": ""}
    name, t0 = tmux.start(["less", str(book)], env)
    out: dict[str, list[float]] = {"j": [], "G": []}
    try:
        tmux.wait(name, lambda s: "title:" in s, t0)
        for _ in range(presses):
            out["j"].append(press(tmux, name, "j", changed(tmux.capture(name))))
        for _ in range(presses):
            top = tmux.capture(name)
            tmux.send(name, "g")
            tmux.wait(name, lambda s: "title:" in s, time.perf_counter(), timeout=5)
            top = tmux.capture(name)

            def at_end(screen: str, top: str = top) -> bool:
                return screen != top and "(END)" in screen

            out["G"].append(press(tmux, name, "G", at_end))
    finally:
        tmux.kill(name)
    return out


def bare_scroll(tmux: Tmux, text: Path, needle: str, presses: int) -> list[float]:
    """The bare Textual app (``baseline_app.py``) on ``text``: seconds for ``down`` to scroll a line."""
    return bare_keys(tmux, text, needle, presses)["down"]


def bare_keys(tmux: Tmux, text: Path, needle: str, presses: int, palette: bool = False) -> dict[str, list[float]]:
    """The bare Textual app on ``text``: ``down`` (a line), and with ``palette`` its own ``ctrl+p`` (``esc`` after)."""
    name, t0 = tmux.start([PYTHON, BASELINE, str(text)], env_for(text.parent / "bare-home"))
    out: dict[str, list[float]] = {"down": [], "ctrl+p": []}
    try:
        tmux.wait(name, lambda s: needle in s, t0)
        time.sleep(0.3)
        out["down"] = [press(tmux, name, "Down", changed(tmux.capture(name))) for _ in range(presses)]
        for _ in range(presses if palette else 0):
            out["ctrl+p"].append(press(tmux, name, "C-p", lambda s: _PALETTE in s))
            press(tmux, name, "Escape", lambda s: _PALETTE not in s)
        return out
    finally:
        tmux.kill(name)


def fit(sizes: list[int], values: list[float]) -> tuple[float, float]:
    """Least squares ``value = a + b * size``: ``(a, b)``."""
    slope, intercept = statistics.linear_regression(sizes, values)
    return intercept, slope


def scaling_table(results: list[SizeFigures], bare: list[list[float]]) -> str:
    """Median ms of each key at each size, the fitted line (ms at 0 and per 1M characters), vs the bare scroll."""
    sizes = [r.chars for r in results]
    bare_ms = 1000 * statistics.median(bare[-1])
    head = ["key", *[f"{n / 1e6:g}M" if n >= 1e6 else f"{n // 1000}k" for n in sizes], "fit: ms at 0", "ms / 1M chars"]
    head.append(f"{head[len(sizes)]} ÷ bare scroll")
    rows: list[list[str]] = []
    series: list[tuple[str, list[float]]] = [
        (f"`{k}`", [1000 * statistics.median(r.keys[k]) for r in results]) for k in KEYS
    ]
    series += [(f"less `{k}`", [1000 * statistics.median(r.less[k]) for r in results]) for k in ("j", "G")]
    for label, values in series:
        a, b = fit(sizes, values)
        rows.append(
            [label, *[f"{v:.1f}" for v in values], f"{a:.1f}", f"{b * 1e6:.2f}", f"{values[-1] / bare_ms:.2f}×"]
        )
    memory = [r.memory_first_open for r in results]
    a, b = fit(sizes, memory)
    rows.append(["peak MB, first open", *[f"{m:.0f}" for m in memory], f"{a:.0f}", f"{b * 1e6:.1f}", ""])
    memory = [r.memory_warm for r in results]
    a, b = fit(sizes, memory)
    rows.append(["peak MB, warm", *[f"{m:.0f}" for m in memory], f"{a:.0f}", f"{b * 1e6:.1f}", ""])
    widths = [max(len(c) for c in column) for column in zip(head, *rows, strict=True)]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) + " |" for line in [head, *rows]]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def volume(
    tmux: Tmux,
    work: Path,
    warm: Path,
    paragraphs: list[str],
    keywords: tuple[str, ...],
    presses: int,
    sizes: tuple[int, ...] = SIZES,
    log: Callable[[str], None] = print,
) -> tuple[list[SizeFigures], list[list[float]]]:
    """Every size's figures, and the bare app's scroll times measured just before each size's keys."""
    from harness import needle_of, write_big_document

    needle = needle_of(paragraphs[0])
    text = work / "article.txt"
    results: list[SizeFigures] = []
    bare: list[list[float]] = []
    for chars in sizes:
        book = work / f"book-{chars}.md"
        actual = write_big_document(book, paragraphs, keywords, chars)
        last = needle_of(book.read_text(encoding="utf-8").rstrip().rsplit("\n\n", 1)[-1])
        log(f"{actual:,} characters: first open (no token cache), peak memory…")
        # A home of its own with the warm caches but no token caches: a book of the same text
        # (the 1M one is run.py's) would otherwise find its tokens cached by content.
        fresh = work / f"first-open-{chars}"
        shutil.copytree(warm / "cache", fresh / "cache", ignore=shutil.ignore_patterns("tokens"))
        memory = first_open_memory(tmux, fresh, book, needle)
        tmux.kill(open_loaded(tmux, str(book), warm, needle, timeout=900))  # the warm home's token cache
        log(f"{actual:,} characters: bare app scroll, less, then {len(KEYS)} keys × {presses}…")
        bare.append(bare_scroll(tmux, text, needle, presses))
        figures = reader_keys(tmux, warm, book, needle, last, presses)
        figures.chars = actual
        figures.memory_first_open = memory
        figures.less = less_keys(tmux, book, presses)
        results.append(figures)
    return results, bare


def largest_rows(results: list[SizeFigures], bare: list[list[float]]) -> list[tuple[str, str, str, str, bool | None]]:
    """Rows for the main table: each key on the largest book against the bare app's scroll of the same moment."""
    top, scroll = results[-1], 1000 * statistics.median(bare[-1])
    label = f"{top.chars / 1e6:.1f}M" if top.chars >= 1e6 else f"{top.chars // 1000}k"
    rows: list[tuple[str, str, str, str, bool | None]] = [
        (f"bare Textual app: `down` scrolls a line (median of {len(bare[-1])})", f"{scroll:.1f} ms", "", "1.00×", None),
        (
            f"less on the {label} book: `j` / `G` (medians)",
            f"{1000 * statistics.median(top.less['j']):.1f} / {1000 * statistics.median(top.less['G']):.1f} ms",
            "(baseline)",
            f"{statistics.median(top.less['j']) * 1000 / scroll:.2f}×",
            None,
        ),
    ]
    for key in KEYS:
        ms = 1000 * statistics.median(top.keys[key])
        ratio = ms / scroll
        rows.append(
            (
                f"{label} book: `{key}` (median of {len(top.keys[key])})",
                f"{ms:.1f} ms",
                "≤ 50 ms and ≤ 2× bare scroll",
                f"{ratio:.2f}× bare",
                ms <= 50 and ratio <= 2,
            )
        )
    rows.append(
        (
            f"{label} book: peak memory (VmHWM; first open / warm)",
            f"{top.memory_first_open:.0f} / {top.memory_warm:.0f} MB",
            "first open ≤ 400 MB",
            f"{top.memory_first_open / 400:.2f}×",
            top.memory_first_open <= 400,
        )
    )
    return rows


# -- A/B: the same keys on two (or more) versions of the code, alternating ------------------


def _timed_keys(tmux: Tmux, name: str, keys: list[str], last: str, presses: int) -> dict[str, list[float]]:
    """Time ``keys`` (a subset of :data:`KEYS`) in the open session ``name``."""
    times: dict[str, list[float]] = {key: [] for key in keys}
    if "p" in keys:
        for _ in range(presses):
            times["p"].append(press(tmux, name, "p", pinyin_shown))
            times["p"].append(press(tmux, name, "p", lambda s: not pinyin_shown(s)))
    if "ctrl+p" in keys:
        for _ in range(presses):
            times["ctrl+p"].append(press(tmux, name, "C-p", lambda s: _PALETTE in s))
            press(tmux, name, "Escape", lambda s: _PALETTE not in s)
    if "]" in keys:
        times["]"] += next_sections(tmux, name, presses)
    if "j" in keys:
        press(tmux, name, "g", at_section(1))
        for _ in range(presses):
            times["j"].append(press(tmux, name, "j", changed(tmux.capture(name))))
    if "l" in keys:
        times["l"] += next_words(tmux, name, presses)
    if "G" in keys:
        for _ in range(presses):
            press(tmux, name, "g", at_section(1))
            times["G"].append(press(tmux, name, "G", lambda s: last in s))
    if "enter" in keys:
        press(tmux, name, "g", at_section(1))
        times["enter"] += popups(tmux, name, presses)
    return times


def main() -> None:
    """``python benchmarks/keys.py --tree old=/tmp/old --tree new=. --chars 5000000``: alternate versions.

    Each ``--tree`` is a folder holding a ``reader`` package (a checkout, or ``git archive``
    of a commit), put first on ``PYTHONPATH``; each gets a warm home of its own (its
    token cache made by a first open). Every round times the bare app's ``down``, then
    each tree's keys, in turn; the medians and ratios to the bare scroll are printed.
    """
    import argparse
    import os
    import tempfile

    from harness import article_paragraphs, needle_of, write_big_document

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--tree", action="append", default=[], help="NAME=FOLDER (default: this checkout)")
    parser.add_argument("--chars", type=int, default=5_000_000)
    parser.add_argument("--presses", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keys", default=",".join(KEYS))
    args = parser.parse_args()
    trees = [t.split("=", 1) for t in args.tree] or [["this", str(Path(__file__).resolve().parent.parent)]]
    keys = args.keys.split(",")
    paragraphs, article = article_paragraphs()
    needle = needle_of(paragraphs[0])
    tmux = Tmux()
    work = Path(tempfile.mkdtemp(prefix="keys-ab-"))
    try:
        text = work / "article.txt"
        text.write_text("\n\n".join(paragraphs), encoding="utf-8")
        book = work / "book.md"
        write_big_document(book, paragraphs, tuple(article.keywords), args.chars)  # type: ignore[attr-defined]
        last = needle_of(book.read_text(encoding="utf-8").rstrip().rsplit("\n\n", 1)[-1])
        homes = {}
        for tree_name, folder in trees:
            home = homes[tree_name] = work / f"home-{tree_name}"
            env = {**env_for(home), "PYTHONPATH": str(Path(folder).resolve())}
            for target in ("article", str(book)):  # the language cache, then the book's token cache
                name, t0 = tmux.start([READER, "open", target], env)
                tmux.wait(name, lambda s: needle in s, t0, timeout=900)
                tmux.wait(name, language_loaded, t0, timeout=900)
                tmux.kill(name)
        bare: list[float] = []
        bare_palette: list[float] = []
        results: dict[str, dict[str, list[float]]] = {t: {k: [] for k in keys} for t, _ in trees}
        for round_ in range(args.rounds):
            figures = bare_keys(tmux, text, needle, args.presses, palette="ctrl+p" in keys)
            bare += figures["down"]
            bare_palette += figures["ctrl+p"]
            order = trees if round_ % 2 == 0 else trees[::-1]
            for tree_name, folder in order:
                env = {**env_for(homes[tree_name]), "PYTHONPATH": str(Path(folder).resolve())}
                name, t0 = tmux.start([READER, "open", str(book)], env)
                tmux.wait(name, lambda s: needle in s, t0, timeout=900)
                tmux.wait(name, language_loaded, t0, timeout=900)
                time.sleep(0.5)
                try:
                    for key, values in _timed_keys(tmux, name, keys, last, args.presses).items():
                        results[tree_name][key] += values
                finally:
                    tmux.kill(name)
            print(f"round {round_ + 1} done; load {os.getloadavg()[0]:.2f}", flush=True)
        scroll = 1000 * statistics.median(bare)
        print(f"bare Textual app `down`: {scroll:.1f} ms (median of {len(bare)})")
        if bare_palette:
            ms = 1000 * statistics.median(bare_palette)
            print(f"bare Textual app `ctrl+p` (its own palette): {ms:.1f} ms ({ms / scroll:.2f}×)")
        for key in keys:
            cells = []
            for tree_name, _ in trees:
                ms = 1000 * statistics.median(results[tree_name][key])
                cells.append(f"{tree_name} {ms:6.1f} ms ({ms / scroll:.2f}×)")
            print(f"`{key}`".ljust(9) + "  ".join(cells))
    finally:
        tmux.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
