"""Time to ready, side by side with first paint and the bare Textual app: ``python benchmarks/ready.py``.

Each round runs, seconds apart and in this order: the bare Textual app
(``benchmarks/baseline_app.py``) on the article's text, ``reader open article``
with warm caches, and ``reader open article`` on a first run (a fresh home and
cache folder: the dictionary index is built, no token cache). For each reader
run it records first paint (the article's first words on screen) and ready
(the status line shows tone-marked pinyin: the tokens came from the language
stack, those of the paragraphs on screen at least; the rest of a text not segmented
before may follow, the status line saying "segmenting the text…" meanwhile), in
tmux exactly as ``benchmarks/run.py`` does; then ``enter`` is pressed
at once and the time until the word's pop-up is on screen is recorded (the
first look-up must not wait for a part of the stack still loading).

``--compare DIR`` (given once or more) adds, in every round and alternating with this checkout, the
same runs of another source tree (a ``git archive`` of an older commit, say):
its ``reader`` package is put first on ``PYTHONPATH`` and started with
``python -m reader``. The figures of both are then from the same minutes of the
same (shared, noisy) machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import (
    BASELINE,
    PYTHON,
    READER,
    Row,
    Tmux,
    article_paragraphs,
    borders,
    ensure_bytecode,
    env_for,
    first_paint,
    fully_loaded,
    language_loaded,
    needle_of,
    paired,
    press,
    print_table,
)


def _variant(name: str, source: Path | None) -> tuple[str, list[str], dict[str, str]]:
    """A label, the command that opens the article, and extra environment for one source tree."""
    if source is None:
        return name, [READER, "open", "article"], {}
    return name, [PYTHON, "-P", "-m", "reader", "open", "article"], {"PYTHONPATH": str(source.resolve())}


def open_ready_enter(tmux: Tmux, command: list[str], env: dict[str, str], needle: str) -> tuple[float, float, float]:
    """Seconds to first paint and to ready, then how long the first ``enter`` (pressed at ready) takes to show the pop-up."""
    name, t0 = tmux.start(command, env)
    try:
        paint = tmux.wait(name, lambda s: needle in s, t0)
        ready = tmux.wait(name, language_loaded, t0, timeout=60)
        corners = tmux.capture(name).count("╭")
        enter = press(tmux, name, "Enter", borders(corners, more=True))
        return paint, ready, enter
    finally:
        tmux.kill(name)


def main() -> int:
    """Run the rounds and print the table."""
    parser = argparse.ArgumentParser(description="time to ready against first paint and the bare app")
    parser.add_argument("--runs", type=int, default=7, help="rounds (default 7)")
    parser.add_argument(
        "--compare", type=Path, action="append", default=[],
        help="another source tree, run alternately with this one (may be given more than once)",
    )  # fmt: skip
    parser.add_argument("--no-first-run", action="store_true", help="warm runs only")
    args = parser.parse_args()
    variants = [_variant("this", None)]
    for tree in args.compare:
        if not (tree / "reader" / "__init__.py").is_file():
            print(f"--compare: no reader package in {tree}", file=sys.stderr)
            return 2
        variants.append(_variant(f"{tree.name}", tree))
    ensure_bytecode()
    for tree in args.compare:
        import compileall

        compileall.compile_dir(str(tree / "reader"), quiet=1)
    paragraphs, _ = article_paragraphs()
    needle = needle_of(paragraphs[0])
    work = Path(tempfile.mkdtemp(prefix="reader-ready-"))
    baseline_text = work / "article.txt"
    baseline_text.write_text("\n\n".join(paragraphs), encoding="utf-8")
    tmux = Tmux()

    def env(home: Path, extra: dict[str, str]) -> dict[str, str]:
        return {**env_for(home), **extra}

    try:
        for label, command, extra in variants:  # warm each variant's caches (they may differ in format)
            home = work / f"warm-{label}"
            name, t0 = tmux.start(command, env(home, extra))
            tmux.wait(name, fully_loaded, t0, timeout=120)  # the token cache written, not only the screen's part
            tmux.kill(name)
            first_paint(tmux, command, env(home, extra), needle)
        first_paint(tmux, [PYTHON, BASELINE, str(baseline_text)], env_for(work / "base"), needle)
        base: list[float] = []
        figures: dict[str, dict[str, list[float]]] = {
            label: {"paint": [], "ready": [], "enter": [], "cold_paint": [], "cold_ready": [], "cold_enter": []}
            for label, _, _ in variants
        }
        for i in range(args.runs):
            base.append(first_paint(tmux, [PYTHON, BASELINE, str(baseline_text)], env_for(work / "base"), needle))
            order = variants if i % 2 == 0 else variants[::-1]
            for label, command, extra in order:
                f = figures[label]
                paint, ready, enter = open_ready_enter(tmux, command, env(work / f"warm-{label}", extra), needle)
                f["paint"].append(paint)
                f["ready"].append(ready)
                f["enter"].append(enter)
            if args.no_first_run:
                continue
            for label, command, extra in order:
                f = figures[label]
                cold = work / f"cold-{label}-{i}"
                paint, ready, enter = open_ready_enter(tmux, command, env(cold, extra), needle)
                f["cold_paint"].append(paint)
                f["cold_ready"].append(ready)
                f["cold_enter"].append(enter)
            print(f"round {i + 1}/{args.runs} done", file=sys.stderr, flush=True)
        rows = [Row("bare Textual app: first paint", f"{statistics.median(base):.3f} s", "", "1.00×", None)]
        for label, _, _ in variants:
            f = figures[label]
            paint_r = paired(f["paint"], base)
            rows.append(
                Row(f"[{label}] first paint, warm", f"{statistics.median(f['paint']):.3f} s", "≤ 1.1× bare",
                    f"{paint_r:.2f}× bare", paint_r <= 1.1)
            )  # fmt: skip
            ready_r = paired(f["ready"], f["paint"])
            rows.append(
                Row(f"[{label}] time to ready, warm", f"{statistics.median(f['ready']):.3f} s", "≤ 1.3× first paint",
                    f"{ready_r:.2f}× paint", ready_r <= 1.3)
            )  # fmt: skip
            rows.append(
                Row(f"[{label}] first enter at ready: pop-up shown, warm", f"{statistics.median(f['enter']):.3f} s",
                    "", "", None)
            )  # fmt: skip
            if f["cold_ready"]:
                cold_r = statistics.median(f["cold_ready"])
                rows.append(
                    Row(f"[{label}] first paint, first run", f"{statistics.median(f['cold_paint']):.3f} s", "",
                        f"{paired(f['cold_paint'], base):.2f}× bare", None)
                )  # fmt: skip
                rows.append(
                    Row(f"[{label}] time to ready, first run", f"{cold_r:.3f} s", "≤ 2 s",
                        f"{paired(f['cold_ready'], f['cold_paint']):.2f}× paint", cold_r <= 2.0)
                )  # fmt: skip
                rows.append(
                    Row(f"[{label}] first enter at ready: pop-up shown, first run",
                        f"{statistics.median(f['cold_enter']):.3f} s", "", "", None)
                )  # fmt: skip
        print_table(rows)
        print(f"load average {os.getloadavg()[0]:.2f}", file=sys.stderr)
    finally:
        tmux.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
