"""Compare the tokens of the two segmenter backends, rjieba and jieba, on real text.

Usage::

    python scripts/compare_segmenters.py [--cpp DIR] [--text FILE ...]

Texts: every bundled document, every Chinese string of the test tables
(``tests/**/*.py`` and ``tests/data``), the benchmark tables, and, when
given (or found at ``../shared/eval/cpp``), the CPP dev set's sentences
(read in place, never copied). Prints, per source, how many texts and
characters were compared and how many texts differed, with the first
differences; exits 1 on any difference.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_CHINESE_STRING = re.compile(r"[\"']([^\"'\n]*[\u4e00-\u9fff][^\"'\n]*)[\"']")


def bundled_texts() -> list[str]:
    """The text of every bundled document."""
    from reader.text.content import bundled_names, resolve_document

    return [resolve_document(name).text for name in bundled_names()]


def table_texts() -> list[str]:
    """Chinese string literals of the tests and benchmark tables."""
    out: list[str] = []
    for folder in (ROOT / "tests", ROOT / "benchmarks"):
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".py", ".yaml", ".yml", ".txt", ".md", ".tsv", ".json") and path.is_file():
                text = path.read_text(encoding="utf-8", errors="replace")
                out.extend(m.group(1) for m in _CHINESE_STRING.finditer(text))
                if path.suffix in (".txt", ".md", ".tsv"):
                    out.extend(line for line in text.splitlines() if re.search("[\u4e00-\u9fff]", line))
    return out


def cpp_texts(folder: Path) -> list[str]:
    """The CPP sentences (the ▁ marks around the polyphone removed)."""
    out: list[str] = []
    for name in ("dev.sent", "test.sent", "train.sent"):
        path = folder / name
        if path.is_file():
            out.extend(line.replace("▁", "") for line in path.read_text(encoding="utf-8").splitlines())
    return out


def compare(label: str, texts: list[str], fast: object, slow: object, shown: int = 5) -> int:
    """Print the comparison of one source; returns the number of texts that differ."""
    differ = 0
    t_fast = t_slow = 0.0
    for text in texts:
        t0 = time.perf_counter()
        a = fast.spans(text)  # type: ignore[attr-defined]
        t1 = time.perf_counter()
        b = slow.spans(text)  # type: ignore[attr-defined]
        t2 = time.perf_counter()
        t_fast += t1 - t0
        t_slow += t2 - t1
        if a != b:
            differ += 1
            if differ <= shown:
                print(f"  differs: {'|'.join(text[s:e] for s, e, _ in a)[:200]}")
                print(f"     jieba: {'|'.join(text[s:e] for s, e, _ in b)[:200]}")
    chars = sum(len(t) for t in texts)
    print(
        f"{label}: {len(texts):,} texts, {chars:,} characters, {differ} differ; "
        f"rjieba {t_fast * 1000:.0f} ms, jieba {t_slow * 1000:.0f} ms"
    )
    return differ


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cpp", type=Path, default=ROOT.parent.parent / "shared" / "eval" / "cpp")
    parser.add_argument("--text", type=Path, nargs="*", default=[])
    args = parser.parse_args()
    from reader.text.annotate import LanguageStack
    from reader.text.content import resolve_document
    from reader.text.glossary import glossary_for
    from reader.text.segment import Segmenter

    article = resolve_document("article")
    glossary = glossary_for(article.path)
    stack = LanguageStack(glossary, keywords=article.keywords)
    base = stack.segmenter  # the reader's own: glossary, keywords and segmentation rules
    fast = Segmenter(base.forced, base.extra_words, base.rules, backend="rjieba")
    slow = Segmenter(base.forced, base.extra_words, base.rules, backend="jieba")
    fast.load()
    slow.load()
    differ = compare("bundled documents", bundled_texts(), fast, slow)
    differ += compare("test and benchmark tables", table_texts(), fast, slow)
    if args.cpp.is_dir():
        differ += compare(f"CPP ({args.cpp})", cpp_texts(args.cpp), fast, slow)
    else:
        print(f"CPP: {args.cpp} not found, skipped")
    for path in args.text:
        differ += compare(str(path), [path.read_text(encoding="utf-8")], fast, slow)
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
