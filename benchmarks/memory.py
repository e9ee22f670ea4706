"""Peak memory of big documents: ``python benchmarks/memory.py`` (issue 14's and issue 12's memory targets).

Each document is opened with the real ``reader`` command in tmux at 120x40, as
``benchmarks/run.py`` does, and left until the language stack has loaded (tone-marked
pinyin in the status line: every token of the document is in memory). The figure is
``VmHWM`` of the reader's process, the highest resident size it ever had:

- **first open**: a home whose cache holds the dictionary index and jieba's cache but
  no token cache, so the whole document is segmented (and its token cache written);
- **warm**: the same document opened again, its tokens read from that cache.

Documents: the bundled article (the baseline, measured in the same run), books of
1M and 5M characters made of the article's paragraphs in chapters (as ``run.py``'s 1M
document), and a single line of 10M characters with no newline (issue 12).

Targets: the 5M book's first open ≤ 400 MB and warm open ≤ 250 MB (issue 14); the
10M-character line within ≤ 500 MB (issue 12); the 1M book within 300 MB (run.py).

Options: ``--runs N`` (default 1), ``--sizes`` (book sizes in characters),
``--line N`` (characters of the single line; 0 skips it), ``--timeout S``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import harness as bench  # the shared tmux harness of run.py and keys.py


def write_book(path: Path, chars: int) -> int:
    """A Markdown book of at least ``chars`` characters (``run.py``'s 1M document, longer)."""
    paragraphs, article = bench.article_paragraphs()
    return int(bench.write_big_document(path, paragraphs, tuple(article.keywords), chars))  # type: ignore[attr-defined]


def write_line(path: Path, chars: int) -> int:
    """One line of ``chars`` characters from the article's paragraphs run together."""
    paragraphs, _ = bench.article_paragraphs()
    text = "".join(paragraphs)
    path.write_text((text * (chars // len(text) + 1))[:chars], encoding="utf-8")
    return chars


def peak_after_load(tmux: object, target: str, home: Path, needle: str, timeout: float) -> tuple[float, float]:
    """Open ``target`` until its language stack has loaded; ``(VmHWM MB, seconds to loaded)``."""
    t0 = time.perf_counter()
    name = bench.open_loaded(tmux, target, home, needle, timeout=timeout)
    loaded = time.perf_counter() - t0
    try:
        time.sleep(bench.SETTLE)
        return bench.peak_memory_mb(tmux, name), loaded
    finally:
        tmux.kill(name)  # type: ignore[attr-defined]


def memory_rows(tmux: object, work: Path, seed: Path, chars: int = 5_000_000) -> list[object]:
    """``run.py``'s rows for a ``chars``-character book: peak memory on a first open and a warm one.

    ``seed`` is a home whose cache holds the dictionary index (its token caches are not copied).
    """
    paragraphs, _ = bench.article_paragraphs()
    needle = bench.needle_of(paragraphs[0])
    path = work / f"book-{chars}.md"
    made = write_book(path, chars)
    home = work / f"memory-{chars}"
    shutil.copytree(seed / "cache", home / "cache", ignore=shutil.ignore_patterns("tokens"))
    first, _ = peak_after_load(tmux, str(path), home, needle, 900.0)
    warm, _ = peak_after_load(tmux, str(path), home, needle, 900.0)
    label = f"{round(made / 1e6, 1):g}M book ({made:,} chars): peak memory"
    return [
        bench.Row(f"{label}, first open (VmHWM)", f"{first:.0f} MB", "≤ 400 MB", f"{first / 400:.2f}×", first <= 400),
        bench.Row(f"{label}, warm (VmHWM)", f"{warm:.0f} MB", "≤ 250 MB", f"{warm / 250:.2f}×", warm <= 250),
    ]


def main() -> int:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000_000, 5_000_000])
    parser.add_argument("--line", type=int, default=10_000_000)
    parser.add_argument("--timeout", type=float, default=900.0)
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("benchmarks need tmux", file=sys.stderr)
        return 2
    bench.ensure_bytecode()
    work = Path(tempfile.mkdtemp(prefix="reader-memory-"))
    paragraphs, _ = bench.article_paragraphs()
    needle = bench.needle_of(paragraphs[0])
    documents: list[tuple[str, str, str]] = [("article", "article", needle)]
    for chars in args.sizes:
        path = work / f"book-{chars}.md"
        made = write_book(path, chars)
        documents.append((f"{made / 1e6:.1f}M-char book", str(path), needle))
    if args.line:
        path = work / "line.txt"
        write_line(path, args.line)
        documents.append((f"{args.line / 1e6:.0f}M-char single line", str(path), needle))
    tmux = bench.Tmux()
    seed = work / "seed"
    results: dict[str, dict[str, list[float]]] = {
        label: {"first": [], "warm": [], "s": []} for label, _, _ in documents
    }
    try:
        # The dictionary index and jieba's cache, built once and copied into every home.
        tmux.kill(bench.open_loaded(tmux, "article", seed, needle, timeout=args.timeout))
        for run in range(args.runs):
            for label, target, shown in documents:
                home = work / f"home-{run}-{len(results[label]['first'])}-{label.split()[0]}"
                shutil.copytree(seed / "cache", home / "cache", ignore=shutil.ignore_patterns("tokens"))
                first, seconds = peak_after_load(tmux, target, home, shown, args.timeout)
                warm, _ = peak_after_load(tmux, target, home, shown, args.timeout)
                results[label]["first"].append(first)
                results[label]["warm"].append(warm)
                results[label]["s"].append(seconds)
                print(
                    f"run {run + 1} {label}: first {first:.0f} MB, warm {warm:.0f} MB, loaded in {seconds:.1f} s",
                    file=sys.stderr,
                    flush=True,
                )
    finally:
        tmux.close()
        shutil.rmtree(work, ignore_errors=True)
    base = statistics.median(results["article"]["first"])
    print(f"{'document':<26}{'first open MB':>15}{'× article':>11}{'warm MB':>9}{'loaded s':>10}")
    for label, _, _ in documents:
        first = statistics.median(results[label]["first"])
        warm = statistics.median(results[label]["warm"])
        loaded = statistics.median(results[label]["s"])
        print(f"{label:<26}{first:>15.0f}{first / base:>11.2f}{warm:>9.0f}{loaded:>10.1f}")
    print(f"(VmHWM after the language stack loaded; load average {os.getloadavg()[0]:.2f}; median of {args.runs})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
