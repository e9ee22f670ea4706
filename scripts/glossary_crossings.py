"""Find where candidate glossary terms would cut across a word boundary in real text.

Usage::

    python scripts/glossary_crossings.py TERM ... [--file FILE] [--cpp DIR] [--text FILE ...]
                                         [--no-fortunes] [--shown N] [--context N]

Every glossary term becomes one token wherever its characters appear, so a term
is only safe if, in ordinary prose, its characters do not straddle two words
(核采样 in 审核采样: 审核|采样). For each term (given as arguments and/or one a
line in ``--file``) this script finds every occurrence in real text and cuts
each sentence that holds one with the reader's segmenter *without any glossary*
(jieba plus the bundled ``content/segmentation.yaml`` rules). An occurrence whose
start or end falls inside a jieba word is a *crossing*; it is printed with the
sentence's segmentation around it. Occurrences whose edges are word boundaries
are counted as clean.

Real text rarely holds a new term at all, so ``--overlaps`` also builds the
risky contexts from jieba's own dictionary: for every dictionary word that ends
with the start of the term (审核 for 核采样) or begins with its end, the word and
the term are run together (审核采样), cut without a glossary, and reported when
the cut crosses the term's edge, most frequent words first. These are
candidates to judge (is 审核采样 ordinary prose?), not verdicts.

Texts: the CPP polyphone corpus's dev sentences (``shared/eval/cpp/dev.sent``,
looked for beside the checkout and its parents, or ``--cpp DIR``; the ``▁``
marks removed; read in place, never copied), the bundled article
(``content/article.md``), the Chinese fortune files under
``/usr/share/games/fortunes`` if present, and any ``--text`` files.

Exits 1 when any term has a crossing, else 0.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FORTUNES = Path("/usr/share/games/fortunes")


class Cutter(Protocol):
    """What the check needs of a segmenter: ``(start, end, kind)`` spans covering a text."""

    def spans(self, text: str) -> list[tuple[int, int, str]]: ...


@dataclass(frozen=True)
class Occurrence:
    """One place a term's characters appear: where, and whether its edges are word boundaries."""

    term: str
    source: str
    line: int
    start: int
    text: str
    crossing: bool
    shown: str


def find_cpp() -> Path | None:
    """``shared/eval/cpp`` beside this checkout or one of its parents, if there is one."""
    for folder in [ROOT, *ROOT.parents]:
        cpp = folder / "shared" / "eval" / "cpp"
        if (cpp / "dev.sent").is_file():
            return cpp
    return None


def sources(cpp: Path | None, texts: Sequence[Path], fortunes: bool) -> list[tuple[str, list[str]]]:
    """``(name, lines)`` of every text to search."""
    out: list[tuple[str, list[str]]] = []
    if cpp is not None and (cpp / "dev.sent").is_file():
        sent = (cpp / "dev.sent").read_text(encoding="utf-8").replace("\u2581", "")
        out.append(("cpp-dev", sent.splitlines()))
    article = ROOT / "content" / "article.md"
    if article.is_file():
        out.append(("article", article.read_text(encoding="utf-8").splitlines()))
    if fortunes and FORTUNES.is_dir():
        for path in sorted(FORTUNES.glob("*.u8")):
            out.append((f"fortunes/{path.stem}", path.read_text(encoding="utf-8", errors="replace").splitlines()))
    for path in texts:
        out.append((str(path), path.read_text(encoding="utf-8", errors="replace").splitlines()))
    return out


def boundaries(spans: Iterable[tuple[int, int, str]]) -> set[int]:
    """Every offset where a token starts or ends."""
    out: set[int] = set()
    for start, end, _ in spans:
        out.add(start)
        out.add(end)
    return out


def crosses(cuts: set[int], start: int, end: int) -> bool:
    """True when the span ``[start, end)`` begins or ends inside a token (not on a boundary)."""
    return start not in cuts or end not in cuts


def show(text: str, spans: Sequence[tuple[int, int, str]], start: int, end: int, context: int) -> str:
    """The tokens around ``[start, end)`` joined by ``|``, the term's characters in brackets."""
    words = [text[a:b] for a, b, _ in spans if b > start - context and a < end + context]
    marked = text[max(0, start - context) : start] + "[" + text[start:end] + "]" + text[end : end + context]
    return f"{'|'.join(words)}    ({marked})"


def occurrences(term: str, lines: Sequence[str], source: str, cut: Cutter, context: int = 6) -> Iterable[Occurrence]:
    """Every occurrence of ``term`` in ``lines``, cut by ``cut.spans`` (a Segmenter without a glossary)."""
    spans_of = cut.spans
    for number, line in enumerate(lines, 1):
        at = line.find(term)
        if at < 0:
            continue
        spans = spans_of(line)
        cuts = boundaries(spans)
        while at >= 0:
            end = at + len(term)
            crossing = crosses(cuts, at, end)
            yield Occurrence(term, source, number, at, line, crossing, show(line, spans, at, end, context))
            at = line.find(term, at + 1)


def dictionary_words(min_freq: int) -> list[tuple[str, int]]:
    """``(word, frequency)`` of jieba's dictionary, words of at least ``min_freq``, most frequent first."""
    import importlib.util

    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        return []
    out: list[tuple[str, int]] = []
    with open(Path(spec.origin).parent / "dict.txt", encoding="utf-8") as lines:
        for raw in lines:
            parts = raw.split()
            if len(parts) >= 2 and parts[1].isdigit() and int(parts[1]) >= min_freq:
                out.append((parts[0], int(parts[1])))
    out.sort(key=lambda wf: (-wf[1], wf[0]))
    return out


def overlap_contexts(term: str, words: Sequence[tuple[str, int]]) -> list[tuple[str, int, int, int]]:
    """``(text, frequency, start, end)``: a dictionary word run together with ``term`` across one of its edges.

    A word ``X+p`` where ``p`` is a proper prefix of the term gives ``X+term``; a word
    ``s+Y`` where ``s`` is a proper suffix gives ``term+Y``. ``start:end`` is where the
    term lies in the text.
    """
    out: list[tuple[str, int, int, int]] = []
    for word, freq in words:
        for i in range(1, len(term)):
            head, tail = term[:i], term[i:]
            if len(word) > len(head) and word.endswith(head):
                lead = word[: -len(head)]
                out.append((lead + term, freq, len(lead), len(lead) + len(term)))
            if len(word) > len(tail) and word.startswith(tail):
                out.append((term + word[len(tail) :], freq, 0, len(term)))
    return out


def plain_segmenter() -> Cutter:
    """The reader's segmenter without glossary terms: jieba and the bundled segmentation rules."""
    from reader.text.segment import Segmenter, load_segmentation_rules

    segmenter = Segmenter((), (), load_segmentation_rules(ROOT / "content" / "segmentation.yaml"))
    segmenter.load()
    return segmenter


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("terms", nargs="*", help="terms to check")
    parser.add_argument("--file", type=Path, help="more terms, one a line (# starts a comment)")
    parser.add_argument("--cpp", type=Path, help="folder with the CPP dev.sent (default: found beside the checkout)")
    parser.add_argument("--text", type=Path, action="append", default=[], help="another text file to search")
    parser.add_argument("--no-fortunes", action="store_true", help=f"do not search {FORTUNES}")
    parser.add_argument("--shown", type=int, default=5, help="crossings shown per term (default 5)")
    parser.add_argument("--overlaps", action="store_true", help="also cut jieba dictionary words run into the term")
    parser.add_argument("--min-freq", type=int, default=50, help="dictionary words at least this frequent (default 50)")
    parser.add_argument("--context", type=int, default=6, help="characters of context each side (default 6)")
    args = parser.parse_args(argv)
    terms = list(args.terms)
    if args.file is not None:
        for raw in args.file.read_text(encoding="utf-8").splitlines():
            word = raw.split("#", 1)[0].strip()
            if word:
                terms.append(word)
    if not terms:
        parser.error("no terms given")
    cpp = args.cpp if args.cpp is not None else find_cpp()
    texts = sources(cpp, args.text, not args.no_fortunes)
    print("texts: " + ", ".join(f"{name} ({len(lines)} lines)" for name, lines in texts))
    cut = plain_segmenter()
    words = dictionary_words(args.min_freq) if args.overlaps else []
    bad = 0
    for term in terms:
        found = [o for name, lines in texts for o in occurrences(term, lines, name, cut, args.context)]
        crossing = [o for o in found if o.crossing]
        status = "CROSSES" if crossing else "ok"
        print(f"{term}\t{status}\t{len(found)} occurrences, {len(crossing)} crossing")
        for o in crossing[: args.shown]:
            print(f"    {o.source}:{o.line}: {o.shown}")
        bad += bool(crossing)
        if words:
            risky = []
            for text, freq, start, end in overlap_contexts(term, words):
                spans = cut.spans(text)
                if crosses(boundaries(spans), start, end):
                    risky.append(f"{'|'.join(text[a:b] for a, b, _ in spans)} ({freq})")
            if risky:
                print(f"    overlaps: {len(risky)}: " + "  ".join(risky[: args.shown * 2]))
    print(f"{bad} of {len(terms)} terms cross a word boundary somewhere")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
