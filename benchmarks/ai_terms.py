"""Are AI terms kept whole? ``python benchmarks/ai_terms.py [LIST.yaml ...] [--splits] [--json PATH]``.

Each term of a list (default: ``benchmarks/data/ai_terms_heldout.yaml``; the
format is ``terms: [[term, english, area], ...]``, see that file's header) is
put into neutral carrier sentences (:data:`CARRIERS`) and annotated by the
reader exactly as ``reader annotate`` does it: ``LanguageStack`` with the
bundled glossaries (``glossary_for(None)``) and CC-CEDICT. A term is **kept**
when, in every carrier, one token spans exactly its characters and that token
has a gloss of its own; it is **kept (glossary)** when that token comes from a
glossary entry, **kept (dictionary)** when its gloss is a CC-CEDICT entry's.
A whole token whose gloss is only its parts' glosses joined by `` + `` (jieba
knows 显存 as a word, CC-CEDICT does not: "to show + to store") is
**composed**, and counts as a miss. Otherwise the term is **split** (cut into
smaller tokens, or merged with a neighbour). ``--splits`` prints every miss.

The figure reported is the miss rate: (split + composed) / all terms. Split
terms are also counted by how they were cut: into words of two or more
characters only (训练 | 损失: each piece glossed as a word, the term's meaning
compositional), or with a single-character piece (自 | 适应 | 矩 | 估计), where
the learner gets character-level glosses.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_LIST = ROOT / "benchmarks" / "data" / "ai_terms_heldout.yaml"

#: Neutral sentences a term is put into; ``{term}`` is replaced by the term.
CARRIERS: tuple[str, ...] = (
    "我们讨论了{term}的问题。",
    "{term}是一个重要方向。",
    "这篇论文研究{term}。",
)


def load_list(path: Path) -> list[tuple[str, str, str]]:
    """``(term, english, area)`` rows of a term list."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(str(t), str(e), str(a)) for t, e, a in data["terms"]]


def judge(stack: object, term: str) -> tuple[str, list[str]]:
    """``("glossary" | "dictionary" | "composed" | "split", how each missed carrier was cut)``."""
    verdicts: list[str] = []
    shown: list[str] = []
    for carrier in CARRIERS:
        sentence = carrier.format(term=term)
        start = sentence.index(term)
        end = start + len(term)
        tokens = stack.annotate_text(sentence)  # type: ignore[attr-defined]
        whole = [t for t in tokens if t.start == start and t.end == end]
        if whole and whole[0].gloss:
            token = whole[0]
            if token.glossary:
                verdicts.append("glossary")
            elif " + " in token.gloss:
                verdicts.append("composed")
                shown.append(f"{token.text} ({' '.join(token.syllables)}: {token.gloss[:40]})")
            else:
                verdicts.append("dictionary")
        else:
            verdicts.append("split")
            inside = [t for t in tokens if t.end > start and t.start < end]
            shown.append(" | ".join(f"{t.text} ({' '.join(t.syllables)}: {t.gloss[:30]})" for t in inside))
    for miss in ("split", "composed"):
        if miss in verdicts:
            return miss, shown
    return ("glossary" if all(v == "glossary" for v in verdicts) else "dictionary"), shown


def pieces(stack: object, term: str) -> list[str]:
    """The tokens covering ``term`` in the first carrier sentence."""
    sentence = CARRIERS[0].format(term=term)
    start = sentence.index(term)
    tokens = stack.annotate_text(sentence)  # type: ignore[attr-defined]
    return [t.text for t in tokens if t.end > start and t.start < start + len(term)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lists", nargs="*", type=Path, help=f"term lists (default {DEFAULT_LIST.relative_to(ROOT)})")
    parser.add_argument("--splits", action="store_true", help="print every split term and how it was cut")
    parser.add_argument("--kept", action="store_true", help="also print every kept term with its reading and gloss")
    parser.add_argument("--json", type=Path, help="write the figures and verdicts here")
    args = parser.parse_args(argv)

    from reader.text.annotate import LanguageStack
    from reader.text.dictionary import Dictionary
    from reader.text.glossary import glossary_for

    stack = LanguageStack(glossary_for(None), Dictionary.open()).load()
    report: dict[str, object] = {}
    for path in args.lists or [DEFAULT_LIST]:
        rows = load_list(path)
        counts = {"glossary": 0, "dictionary": 0, "composed": 0, "split": 0}
        char_level = 0
        verdicts: dict[str, str] = {}
        for term, english, _area in rows:
            verdict, shown = judge(stack, term)
            counts[verdict] += 1
            if verdict == "split" and any(len(p) == 1 for p in pieces(stack, term)):
                char_level += 1
            verdicts[term] = verdict
            missed = verdict in ("split", "composed")
            if missed and args.splits:
                print(f"  {verdict.upper()} {term} ({english}): " + "  /  ".join(dict.fromkeys(shown)))
            elif not missed and args.kept:
                tokens = stack.annotate_text(CARRIERS[1].format(term=term))
                token = tokens[0]
                print(f"  {verdict:10} {term} {' '.join(token.syllables)}: {token.gloss[:60]}")
        total = len(rows)
        kept = counts["glossary"] + counts["dictionary"]
        missed = counts["split"] + counts["composed"]
        print(
            f"{path.name}: {total} terms; kept whole {kept} ({counts['glossary']} glossary, "
            f"{counts['dictionary']} dictionary); missed {missed} = {100 * missed / total:.1f}% "
            f"({counts['split']} split, {char_level} of them with a one-character piece; "
            f"{counts['composed']} whole but only a composed gloss)"
        )
        report[path.name] = {"total": total, **counts, "split_char_level": char_level, "verdicts": verdicts}
    if args.json is not None:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
