"""Check the in-context meaning table: ``python benchmarks/check_meanings_table.py [PATH]``.

The table (``benchmarks/data/meanings.yaml`` by default) lists word occurrences in
context and, for each, the keys an acceptable headline meaning must contain
(``expect``) and, optionally, misleading senses (``reject``). This script checks the
table itself, not the reader:

- the YAML parses, has ``version: 1`` and at least 340 items;
- ids are unique; every item has ``source`` (``article`` or ``everyday``),
  ``sentence``, ``word`` and a non-empty ``expect`` list of strings;
- ``word`` occurs in ``sentence`` at least ``occurrence`` times (default 1);
- every article sentence is a substring of the text of ``content/article.md``;
- no key is listed in both ``expect`` and ``reject`` of an item, and no key is one
  of the bare function words (``to``, ``of``, ``the`` …) that would match almost
  any English gloss.

Prints a summary (counts per source and per word) and exits 1 on any problem.
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "benchmarks" / "data" / "meanings.yaml"
ARTICLE = ROOT / "content" / "article.md"
MIN_ITEMS = 340
SOURCES = {"article", "everyday"}
TOO_GENERIC = {"to", "of", "the", "be", "do", "sb", "sth", "a (article)"}


def occurrences(word: str, sentence: str) -> int:
    """How many (possibly overlapping) times ``word`` occurs in ``sentence``."""
    count, start = 0, 0
    while (i := sentence.find(word, start)) != -1:
        count += 1
        start = i + 1
    return count


def check(path: Path) -> list[str]:
    """Return the problems found in the table at ``path``."""
    problems: list[str] = []
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("version") != 1:
        return [f"{path}: expected a mapping with version: 1"]
    items = data.get("items")
    if not isinstance(items, list):
        return [f"{path}: 'items' must be a list"]
    if len(items) < MIN_ITEMS:
        problems.append(f"only {len(items)} items (need at least {MIN_ITEMS})")
    article = ARTICLE.read_text(encoding="utf-8")
    seen: set[str] = set()
    for n, item in enumerate(items, 1):
        where = f"item {n} ({item.get('id', '?') if isinstance(item, dict) else '?'})"
        if not isinstance(item, dict):
            problems.append(f"{where}: not a mapping")
            continue
        unknown = set(item) - {"id", "source", "sentence", "word", "occurrence", "expect", "reject", "note"}
        if unknown:
            problems.append(f"{where}: unknown fields {sorted(unknown)}")
        ident = item.get("id")
        if not isinstance(ident, str) or not ident:
            problems.append(f"{where}: missing id")
        elif ident in seen:
            problems.append(f"{where}: duplicate id")
        else:
            seen.add(ident)
        source = item.get("source")
        if source not in SOURCES:
            problems.append(f"{where}: source must be one of {sorted(SOURCES)}")
        sentence, word = item.get("sentence"), item.get("word")
        if not isinstance(sentence, str) or not sentence:
            problems.append(f"{where}: missing sentence")
            continue
        if not isinstance(word, str) or not word:
            problems.append(f"{where}: missing word")
            continue
        occ = item.get("occurrence", 1)
        if not isinstance(occ, int) or occ < 1:
            problems.append(f"{where}: occurrence must be a positive integer")
        elif occurrences(word, sentence) < occ:
            problems.append(
                f"{where}: {word!r} occurs {occurrences(word, sentence)}× in the sentence, occurrence {occ} asked"
            )
        if source == "article" and sentence not in article:
            problems.append(f"{where}: sentence is not a substring of content/article.md")
        keys: dict[str, list] = {}
        for field in ("expect", "reject"):
            value = item.get(field, [] if field == "reject" else None)
            if not isinstance(value, list) or not all(isinstance(k, str) and k.strip() for k in value):
                problems.append(f"{where}: {field} must be a list of non-empty strings")
                value = []
            if field == "expect" and not value:
                problems.append(f"{where}: expect is empty")
            keys[field] = value
            for k in value:
                if k.strip().lower() in TOO_GENERIC:
                    problems.append(f"{where}: {field} key {k!r} is too generic")
        both = {k.lower() for k in keys["expect"]} & {k.lower() for k in keys["reject"]}
        if both:
            problems.append(f"{where}: keys in both expect and reject: {sorted(both)}")
    return problems


def summary(path: Path) -> str:
    """Counts per source and per word (most frequent first)."""
    items = yaml.safe_load(path.read_text(encoding="utf-8"))["items"]
    by_source = collections.Counter(i["source"] for i in items)
    lines = [f"{len(items)} items: " + ", ".join(f"{s} {c}" for s, c in sorted(by_source.items()))]
    per_word: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for i in items:
        per_word[i["word"]][i["source"]] += 1
    ranked = sorted(per_word.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    lines.append(
        "per word (article/everyday): "
        + ", ".join(f"{w} {c['article']}/{c['everyday']}" for w, c in ranked if sum(c.values()) > 1)
    )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    problems = check(path)
    for p in problems:
        print(p)
    if not problems:
        print(summary(path))
        print("OK")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
