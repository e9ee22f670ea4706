"""Annotation throughput: ``python benchmarks/annotate_speed.py`` (issue 14: ``reader annotate`` ≥ 1M characters/s).

Times the real ``reader annotate FILE > /dev/null`` (a subprocess, start-up
included) on two texts, with the dictionary index warm and no token cache:

- **diverse**: real, non-repeating prose, where per-word memos rarely hit: the
  CPP polyphone corpus's dev sentences (``shared/eval/cpp/dev.sent`` in a folder
  above the checkout, read at run time, never copied), else the Chinese fortune
  files the machine has (``/usr/share/games/fortunes``);
- **book**: the bundled article repeated into a book (``--book-chars``).

Each is timed ``--runs`` times, alternating with two baselines on the same text:
``python -c`` reading and writing it (the floor of any command), and plain
``jieba.lcut`` over it (segmentation alone, in its own process, import included).
Prints characters per second (median) and the ratios to the baselines.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from harness import article_paragraphs, write_big_document  # noqa: E402

FORTUNES = Path("/usr/share/games/fortunes")
COPY = "import sys; sys.stdout.write(open(sys.argv[1], encoding='utf-8').read())"
JIEBA = (
    "import sys, jieba; jieba.setLogLevel(60); text = open(sys.argv[1], encoding='utf-8').read();"
    " sys.stdout.write('\\n'.join(' '.join(jieba.lcut(line)) for line in text.splitlines()))"
)


def diverse_text(limit: int) -> tuple[str, str]:
    """(name, text) of real non-repeating prose: CPP's dev sentences, else the fortune files."""
    for folder in [ROOT, *ROOT.parents]:
        sent = folder / "shared" / "eval" / "cpp" / "dev.sent"
        if sent.is_file():
            text = sent.read_text(encoding="utf-8").replace("\u2581", "")
            return f"CPP dev ({sent})", text[:limit]
    parts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(FORTUNES.glob("*.u8"))]
    text = "\n".join(parts)
    if not text:
        raise SystemExit("annotate_speed: no diverse text (no shared/eval/cpp, no Chinese fortune files)")
    return f"fortunes ({FORTUNES})", text[:limit]


def timed(command: list[str], env: dict[str, str], cache: Path) -> tuple[float, float]:
    """(wall, CPU) seconds for ``command`` with stdout to /dev/null, after removing the token cache.

    The CPU time (user + system of the child) is the steadier figure on a loaded machine.
    """
    shutil.rmtree(cache / "tokens", ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(name: str, path: Path, chars: int, runs: int, env: dict[str, str], cache: Path) -> None:
    """Time the reader and the two baselines on ``path``, alternating, and print one block."""
    commands = {
        "reader annotate": [sys.executable, "-m", "reader", "annotate", str(path)],
        "python read+write": [sys.executable, "-c", COPY, str(path)],
        "jieba.lcut": [sys.executable, "-c", JIEBA, str(path)],
    }
    times: dict[str, list[tuple[float, float]]] = {label: [] for label in commands}
    for _ in range(runs):
        for label, command in commands.items():
            times[label].append(timed(command, env, cache))
    wall = {label: statistics.median(w for w, _ in values) for label, values in times.items()}
    cpu = {label: statistics.median(c for _, c in values) for label, values in times.items()}
    print(f"\n{name}: {chars:,} characters, {runs} runs (median)")
    for label in commands:
        print(
            f"  {label:<18} wall {wall[label]:7.2f} s {chars / wall[label]:>11,.0f} chars/s"
            f"   CPU {cpu[label]:7.2f} s {chars / cpu[label]:>11,.0f} chars/s"
        )
    for figure, median in (("wall", wall), ("CPU", cpu)):
        reader = median["reader annotate"]
        print(
            f"  {figure}: reader / read+write = {reader / median['python read+write']:.1f}×,"
            f"  reader / jieba.lcut = {reader / median['jieba.lcut']:.2f}×"
        )


def main() -> int:
    """Run the benchmark (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--chars", type=int, default=1_000_000, help="at most this much diverse text")
    parser.add_argument("--book-chars", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="annotate-speed-") as folder:
        work = Path(folder)
        cache = work / "cache"
        env = {**os.environ, "READER_HOME": str(work / "home"), "READER_CACHE_DIR": str(cache)}
        name, text = diverse_text(args.chars)
        diverse = work / "diverse.txt"
        diverse.write_text(text, encoding="utf-8")
        paragraphs, doc = article_paragraphs()
        book = work / "book.md"
        book_chars = write_big_document(book, paragraphs, tuple(getattr(doc, "keywords", ())), args.book_chars)
        # A warm-up run builds the dictionary index (and its headword file) once.
        timed([sys.executable, "-m", "reader", "annotate", "article"], env, cache)
        measure(name, diverse, len(text), args.runs, env, cache)
        measure("repeated-article book", book, book_chars, args.runs, env, cache)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
