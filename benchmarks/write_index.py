"""Time :func:`reader.text.cedict_build.write_index` alone: ``python benchmarks/write_index.py [--runs 5]``.

Builds the bundled CC-CEDICT index into a fresh temp folder each run and
prints the wall and CPU seconds of each (median last). ``--tree DIR`` times
another source tree's ``write_index`` instead (a ``git archive`` of main,
say), in a child process with that tree first on ``sys.path``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

_CHILD = """
import sys, time
from pathlib import Path
from reader.text.cedict_build import bundled_source, write_index
folder = Path(sys.argv[1])
source = bundled_source()
cpu0 = time.process_time()
t0 = time.perf_counter()
write_index(None, folder / "cedict.sqlite3", source, "1")
print(time.perf_counter() - t0, time.process_time() - cpu0)
"""


def one_run(tree: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one build of the bundled source, in a fresh interpreter."""
    with tempfile.TemporaryDirectory(prefix="reader-wi-") as folder:
        out = subprocess.run(
            [sys.executable, "-P", "-c", _CHILD, folder],
            check=True, capture_output=True, text=True, env={"PYTHONPATH": str(tree)},
        )  # fmt: skip
    wall, cpu = map(float, out.stdout.split())
    return wall, cpu


def main() -> int:
    """Run the builds and print their times."""
    parser = argparse.ArgumentParser(description="time write_index alone")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tree", type=Path, action="append", default=[], help="another source tree to time too")
    args = parser.parse_args()
    trees = [Path(__file__).resolve().parents[1], *(t.resolve() for t in args.tree)]
    results: dict[Path, list[tuple[float, float]]] = {tree: [] for tree in trees}
    for i in range(args.runs):
        for tree in trees if i % 2 == 0 else trees[::-1]:
            results[tree].append(one_run(tree))
    for tree, runs in results.items():
        walls = ", ".join(f"{w:.3f}" for w, _ in runs)
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        print(f"{tree}: wall {walls}; median wall {wall:.3f} s, cpu {cpu:.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
