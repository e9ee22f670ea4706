"""Huge inputs: ``python benchmarks/huge_line.py`` (issue 12's targets).

A single line of 10,000,000 characters (the article's paragraphs run together,
no newline) and a 50 MB text are opened with the real ``reader`` command in tmux
at 120x40, as ``benchmarks/run.py`` does, next to the bundled article in the
same run (the baseline). For each it reports:

- **first paint**: seconds until the document's opening is on the screen, and the
  ratio to the article's, measured alternately in the same run;
- **memory at first paint** (VmHWM of the reader's process) and the **peak** over
  the following ``--watch`` seconds, while the language stack loads;
- **quit**: seconds from pressing ``q`` (right after the first paint, while the
  language stack is still loading) until the process has gone.

Targets: the 10M-character line paints in ≤ 5 s within ≤ 500 MB; quitting is
immediate (well under a second) whatever the size.

Options: ``--runs N`` (default 3), ``--watch S`` (default 20), ``--chars N``,
``--only line`` (the line and the article, not the 50 MB text). The peak over the
whole language load (every token in memory) is ``benchmarks/memory.py``'s figure.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
import time
from pathlib import Path

_SPEC = importlib.util.spec_from_file_location("bench_run", Path(__file__).with_name("run.py"))
assert _SPEC is not None and _SPEC.loader is not None
bench = importlib.util.module_from_spec(_SPEC)
sys.modules["bench_run"] = bench
_SPEC.loader.exec_module(bench)


def write_line(path: Path, chars: int) -> str:
    """One line of ``chars`` characters from the article; returns its opening (the needle)."""
    paragraphs, _ = bench.article_paragraphs()
    text = "".join(paragraphs)
    line = (text * (chars // len(text) + 1))[:chars]
    path.write_text(line, encoding="utf-8")
    return bench.needle_of(line)


def write_text(path: Path, size: int) -> str:
    """A text of about ``size`` bytes: the article's paragraphs, blank-line separated."""
    paragraphs, _ = bench.article_paragraphs()
    block = "\n\n".join(paragraphs) + "\n\n"
    path.write_text(block * (size // len(block.encode()) + 1), encoding="utf-8")
    return bench.needle_of(paragraphs[0])


def gone(tmux: object, name: str) -> bool:
    """True once the session's pane process has exited (``remain-on-exit`` keeps the pane)."""
    out = tmux.run("list-panes", "-t", name, "-F", "#{pane_dead}")  # type: ignore[attr-defined]
    return out.strip() == "1"


def measure(tmux: object, target: str, needle: str, home: Path, watch: float) -> dict[str, float]:
    """One open: first paint, memory at paint and peak while loading, and quit latency."""
    name, t0 = tmux.start([bench.READER, "open", target], bench.env_for(home))  # type: ignore[attr-defined]
    try:
        paint = tmux.wait(name, lambda s: needle in s, t0, timeout=120)  # type: ignore[attr-defined]
        at_paint = bench.peak_memory_mb(tmux, name)
        deadline = time.perf_counter() + watch
        while time.perf_counter() < deadline and not bench.language_loaded(tmux.capture(name)):  # type: ignore[attr-defined]
            time.sleep(0.2)
        peak = bench.peak_memory_mb(tmux, name)
        q0 = tmux.send(name, "q")  # type: ignore[attr-defined]
        while not gone(tmux, name):
            if time.perf_counter() - q0 > 60:
                break
            time.sleep(0.01)
        quit_s = time.perf_counter() - q0
    finally:
        tmux.kill(name)  # type: ignore[attr-defined]
    return {"paint": paint, "mem_paint": at_paint, "mem_peak": peak, "quit": quit_s}


def main() -> int:
    """Run the measurements and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--watch", type=float, default=20.0)
    parser.add_argument("--chars", type=int, default=10_000_000)
    parser.add_argument("--only", choices=("line",), help="skip the 50 MB text")
    args = parser.parse_args()
    bench.ensure_bytecode()
    work = Path(tempfile.mkdtemp(prefix="reader-huge-"))
    line = work / "line.txt"
    big = work / "big.txt"
    line_needle = write_line(line, args.chars)
    big_needle = write_text(big, 50 * 1024 * 1024) if args.only is None else ""
    article_needle = bench.needle_of(bench.article_paragraphs()[0][0])
    tmux = bench.Tmux()
    rows: dict[str, list[dict[str, float]]] = {"article": [], "line": [], "50MB": []}
    try:
        for run in range(args.runs):
            for key, target, needle in (
                ("article", "article", article_needle),
                ("line", str(line), line_needle),
                ("50MB", str(big), big_needle),
            )[: 2 if args.only else 3]:
                home = work / f"home-{key}-{run}"
                home.mkdir()
                rows[key].append(measure(tmux, target, needle, home, args.watch))
                print(f"run {run + 1} {key}: {rows[key][-1]}", file=sys.stderr)
    finally:
        tmux.close()
    base = statistics.median(r["paint"] for r in rows["article"])
    print(f"{'document':<22}{'paint s':>9}{'× article':>11}{'MB@paint':>10}{'MB peak':>9}{'quit s':>8}")
    for key, label in (("article", "article"), ("line", f"{args.chars:,}-char line"), ("50MB", "50 MB text")):
        if not rows[key]:
            continue
        med = {f: statistics.median(r[f] for r in rows[key]) for f in ("paint", "mem_paint", "mem_peak", "quit")}
        print(
            f"{label:<22}{med['paint']:>9.2f}{med['paint'] / base:>11.2f}"
            f"{med['mem_paint']:>10.0f}{med['mem_peak']:>9.0f}{med['quit']:>8.2f}"
        )
    print(f"(peak: the highest VmHWM within {args.watch:.0f} s of the first paint, or until the language loaded)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
