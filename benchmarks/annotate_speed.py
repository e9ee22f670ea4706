"""Annotation throughput: ``python benchmarks/annotate_speed.py`` (issue 14: ``reader annotate`` ≥ 1M characters/s).

Times the real ``reader annotate FILE > /dev/null`` (a subprocess, start-up
included) on two texts, with the dictionary index warm, in three cases that are
reported apart (they measure different things):

- **cold**: no token cache and no word table (``cache/tokens`` and ``cache/words``
  removed): every distinct word is met for the first time;
- **word table**: no token cache, but the word table a run over the same text
  left (``cache/words``, :mod:`reader.text.word_table`): segmentation, the context
  rules, the polyphone model and the glosses in context run, but no word is
  planned again. The best case of a table: a table left by *other* documents
  holds only the words they share with this one;
- **warm tokens**: the token cache of this very text (the reader re-opening a
  document): only reading the cache and writing the output, in JSON lines and,
  as ``warm text``, in ``--format text``.

The texts:

- **diverse**: real, non-repeating prose, where per-word memos rarely hit: the
  CPP polyphone corpus's dev sentences (``shared/eval/cpp/dev.sent`` in a folder
  above the checkout, read at run time, never copied), else the Chinese fortune
  files the machine has (``/usr/share/games/fortunes``);
- **book**: the bundled article repeated into a book (``--book-chars``).

Each case is timed ``--runs`` times, alternating with two baselines on the same text:
``python -c`` reading and writing it (the floor of any command), and plain
``jieba.lcut`` over it (segmentation alone, in its own process, import included).
Prints characters per second (median) and the ratios to the baselines.

``--baseline SRC`` also times another checkout's ``reader`` package (``SRC``
put first on ``PYTHONPATH``, e.g. ``git archive COMMIT | tar -x -C SRC``) in the
same alternation, checks that its output is byte-identical to this checkout's,
and prints the speed-up. Every command runs in the scratch folder, so that the
current directory never shadows ``PYTHONPATH``.
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


#: The cases: (label, cache folders removed before the run, extra arguments).
CASES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("cold", ("tokens", "words"), ()),
    ("word table", ("tokens",), ()),
    ("warm tokens", (), ()),
    ("warm text", (), ("--format", "text")),
)


def timed(
    command: list[str], env: dict[str, str], cache: Path, out: Path | None = None, clear: tuple[str, ...] = ("tokens",)
) -> tuple[float, float]:
    """(wall, CPU) seconds for ``command`` with stdout to ``out`` (else /dev/null), after removing ``clear`` from the cache.

    The CPU time (user + system of the child) is the steadier figure on a loaded machine.
    """
    for folder in clear:
        shutil.rmtree(cache / folder, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(out if out is not None else os.devnull, "wb") as sink:
        subprocess.run(command, env=env, stdout=sink, check=True, cwd=cache.parent)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(
    name: str, path: Path, chars: int, runs: int, env: dict[str, str], cache: Path, baseline: Path | None = None
) -> None:
    """Time the reader in each case, and the two baselines, on ``path``, alternating; print one block per case.

    Each case's run of the reader follows a run that leaves the caches it needs
    (a cold run before the word table case, any run before the warm ones); the
    baseline checkout, which has no word table, is timed in the same
    alternation, each of its runs in the same state of its own cache folder.
    """
    annotate = [sys.executable, "-m", "reader", "annotate", str(path)]
    floors = {
        "python read+write": [sys.executable, "-c", COPY, str(path)],
        "jieba.lcut": [sys.executable, "-c", JIEBA, str(path)],
    }
    trees: dict[str, dict[str, str]] = {"reader": env}
    if baseline is not None:
        trees["baseline"] = {
            **env,
            "PYTHONPATH": os.pathsep.join([str(baseline), env.get("PYTHONPATH", "")]),
            "READER_CACHE_DIR": str(cache.parent / "base-cache"),
        }
        shutil.copytree(cache, cache.parent / "base-cache", dirs_exist_ok=True)  # the built dictionary index
    times: dict[str, list[tuple[float, float]]] = {}
    outputs: dict[tuple[str, str], Path] = {}
    for _ in range(runs):
        for label, command in floors.items():
            times.setdefault(label, []).append(timed(command, env, cache, clear=()))
        for case, clear, extra in CASES:
            for tree, tree_env in trees.items():
                out = cache.parent / f"{tree}-{case.replace(' ', '-')}.out"
                outputs[(tree, case)] = out
                where = Path(tree_env["READER_CACHE_DIR"])
                times.setdefault(f"{tree} {case}", []).append(timed([*annotate, *extra], tree_env, where, out, clear))
    wall = {label: statistics.median(w for w, _ in values) for label, values in times.items()}
    cpu = {label: statistics.median(c for _, c in values) for label, values in times.items()}
    print(f"\n{name}: {chars:,} characters, {runs} runs (median)")
    for label in floors:
        print(
            f"  {label:<22} wall {wall[label]:7.2f} s {chars / wall[label]:>11,.0f} chars/s"
            f"   CPU {cpu[label]:7.2f} s {chars / cpu[label]:>11,.0f} chars/s"
        )
    for case, _, _ in CASES:
        for tree in trees:
            label = f"{tree} {case}"
            print(
                f"  {label:<22} wall {wall[label]:7.2f} s {chars / wall[label]:>11,.0f} chars/s"
                f"   CPU {cpu[label]:7.2f} s {chars / cpu[label]:>11,.0f} chars/s"
            )
        if baseline is not None:
            same = outputs[("reader", case)].read_bytes() == outputs[("baseline", case)].read_bytes()
            print(
                f"    {case}: output {'byte-identical to' if same else 'DIFFERENT from'} the baseline's;"
                f" speed-up wall {wall[f'baseline {case}'] / wall[f'reader {case}']:.2f}×,"
                f" CPU {cpu[f'baseline {case}'] / cpu[f'reader {case}']:.2f}×"
            )
    reader = cpu["reader cold"]
    print(
        f"  cold, CPU: reader / read+write = {reader / cpu['python read+write']:.1f}×,"
        f"  reader / jieba.lcut = {reader / cpu['jieba.lcut']:.2f}×"
    )


def main() -> int:
    """Run the benchmark (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--chars", type=int, default=1_000_000, help="at most this much diverse text")
    parser.add_argument("--book-chars", type=int, default=1_000_000)
    parser.add_argument("--baseline", type=Path, help="another checkout's source folder to time alongside")
    args = parser.parse_args()
    baseline = args.baseline.resolve() if args.baseline else None
    if baseline is not None and not (baseline / "reader" / "__init__.py").is_file():
        print(f"annotate_speed: {baseline} has no reader package", file=sys.stderr)
        return 2
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
        measure(name, diverse, len(text), args.runs, env, cache, baseline)
        measure("repeated-article book", book, book_chars, args.runs, env, cache, baseline)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
