"""Deck storage at a learner's volume: save and load times with 1k / 10k cards and 100k reviews.

``python benchmarks/storage.py`` prints the figures; ``benchmarks/run.py`` calls
:func:`storage_figures` for its table. The decks are made through the reader's
own :class:`~reader.study.card.Card` model and written in the current layout
(``deck.yaml`` + ``reviews.yaml``) into a temp ``READER_HOME``. The baseline,
timed in the same run, are the floors any implementation pays (``json.loads`` of
``deck.yaml``'s bytes for a load, one fsync'd append of a line for a save) and the
version-1 way of saving: the whole deck dumped as one YAML document with libyaml's
``CSafeDumper`` (the faster of PyYAML's dumpers). ``--quick``: 3 rounds, the v1
dump at 1,000 cards only.
"""

from __future__ import annotations

import gc
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def make_cards(count: int, reviews: int, seed: int = 1) -> list:  # type: ignore[type-arg]
    """``count`` cards with ``reviews`` answers between them, with real-looking fields."""
    from reader.study.card import Card, Context, ReviewEntry, card_id_for

    rnd = random.Random(seed)
    t0 = datetime(2025, 1, 1, tzinfo=UTC)
    per = reviews // count
    cards = []
    for i in range(count):
        word = f"词{i}"
        cid = card_id_for(f"book{i % 40}", word)
        answers = [
            ReviewEntry(t0 + timedelta(days=k, seconds=i), rnd.randint(1, 4), float(k), round(rnd.random() * 9, 2))
            for k in range(per)
        ]
        fsrs = {
            "card_id": int(cid, 16),
            "state": 2,
            "step": None,
            "stability": 12.5,
            "difficulty": 5.1,
            "due": (t0 + timedelta(days=per + 3)).isoformat(),
            "last_review": answers[-1].time.isoformat() if answers else None,
        }
        sentence = f"这是书里第{i}个例句，里面有{word}这个词，用来测试保存的速度。"
        cards.append(
            Card(
                cid,
                word,
                ("ci2",),
                "word; term",
                f"book{i % 40}",
                [Context(sentence, 11, 11 + len(word))],
                "",
                t0,
                fsrs,
                answers,
            )
        )
    return cards


def write_deck(home: Path, cards: list) -> None:  # type: ignore[type-arg]
    """Write ``cards`` in the current layout under ``home``."""
    from reader.study.deck_file import CARDS_HEADER, REVIEWS_HEADER, card_line, review_line

    (home / "deck.yaml").write_bytes(CARDS_HEADER + b"".join(card_line(c) for c in cards))
    (home / "reviews.yaml").write_bytes(
        REVIEWS_HEADER + b"".join(review_line(c.id, r) for c in cards for r in c.reviews)
    )


def _floors(home: Path) -> tuple[float, float]:
    """Same-run baselines: ``json.loads`` of ``deck.yaml``'s bytes (what any parse of it costs at least), and
    one fsync'd append of a line to a scratch file (what any durable save costs at least)."""
    import json

    raw = (home / "deck.yaml").read_bytes()
    body = raw[raw.index(b"\n- ") + 1 :].decode("utf-8")
    t0 = time.perf_counter()
    json.loads("[" + body[2:-1].replace("\n- ", ",") + "]")
    parse = time.perf_counter() - t0
    scratch = home / "scratch.yaml"
    line = raw[-600:].split(b"\n")[-2] + b"\n"
    t0 = time.perf_counter()
    fd = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.write(fd, line)
    os.fsync(fd)
    os.close(fd)
    append = time.perf_counter() - t0
    return parse, append


def storage_figures(
    sizes: tuple[tuple[int, int], ...] = ((1000, 10000), (10000, 100000)), rounds: int = 5, v1_up_to: int = 10000
) -> dict:  # type: ignore[type-arg]
    """Median seconds of load (first, with no parsed copy cached; then cached), save a word, answer a card.

    Baselines of the same run: the floors of :func:`_floors`, and the version-1 whole-deck dump
    (libyaml's ``CSafeDumper``) for decks of up to ``v1_up_to`` cards (45 s at 10,000 on a loaded machine).
    """
    import yaml

    from reader.study.deck import load_deck

    out: dict[str, dict[str, float]] = {}
    for count, reviews in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            home = Path(tmp)
            os.environ["READER_HOME"] = str(home)
            os.environ["READER_CACHE_DIR"] = str(home / "cache")
            cards = make_cards(count, reviews)
            write_deck(home, cards)
            dicts = [c.to_dict() for c in cards] if count <= v1_up_to else []
            del cards
            loads, cpu, saves, answers, parses, appends = [], [], [], [], [], []
            first = first_cpu = 0.0
            for r in range(rounds + 1):
                parse, append = _floors(home)
                parses.append(parse)
                appends.append(append)
                deck = None
                gc.collect()  # the previous round's deck is garbage: not the next load's to pay for
                t0, c0 = time.perf_counter(), time.process_time()
                deck = load_deck(home / "deck.yaml")
                wall, used = time.perf_counter() - t0, time.process_time() - c0
                if r == 0:
                    first, first_cpu = wall, used  # no parsed copy yet: parses the file and writes the copy
                else:
                    loads.append(wall)
                    cpu.append(used)
                assert len(deck) == count + r
                touched = sum(len(c.reviews) for c in deck.cards)  # what the study screen reads first (untimed)
                assert touched >= reviews
                t0 = time.perf_counter()
                deck.save_word("book0", f"新词{r}", ("xin1", "ci2"), "new word", "一个新词的例句。", 2, 4)
                saves.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                deck.record_review(deck.cards[r].id, 3)
                answers.append(time.perf_counter() - t0)
            baseline = float("nan")
            if dicts:
                t0 = time.perf_counter()
                text = yaml.dump(
                    {"version": 1, "cards": dicts},
                    Dumper=yaml.CSafeDumper,
                    allow_unicode=True,
                    sort_keys=False,
                    width=100,
                )
                (home / "v1.yaml").write_text(text, encoding="utf-8")
                baseline = time.perf_counter() - t0
            out[f"{count}/{reviews}"] = {
                "load": statistics.median(loads),
                "load_cpu": statistics.median(cpu),
                "load_first": first,
                "load_first_cpu": first_cpu,
                "save": statistics.median(saves),
                "answer": statistics.median(answers),
                "json_parse": statistics.median(parses),
                "fsync_append": statistics.median(appends),
                "v1_save": baseline,
                "deck_bytes": (home / "deck.yaml").stat().st_size,
                "reviews_bytes": (home / "reviews.yaml").stat().st_size,
            }
    return out


def main() -> int:
    quick = "--quick" in sys.argv
    figures = storage_figures(rounds=3 if quick else 5, v1_up_to=1000 if quick else 10000)
    for size, f in figures.items():
        v1 = "" if f["v1_save"] != f["v1_save"] else f"; v1 whole-deck dump {f['v1_save'] * 1000:.0f} ms"
        print(
            f"{size} cards/reviews: load {f['load'] * 1000:.0f} ms ({f['load_cpu'] * 1000:.0f} ms CPU; "
            f"first, no parsed copy: {f['load_first'] * 1000:.0f} ms), json.loads of deck.yaml {f['json_parse'] * 1000:.0f} ms; "
            f"save a word {f['save'] * 1000:.1f} ms, answer {f['answer'] * 1000:.1f} ms, "
            f"one fsync'd append {f['fsync_append'] * 1000:.1f} ms{v1}; "
            f"files {f['deck_bytes'] / 1e6:.1f} + {f['reviews_bytes'] / 1e6:.1f} MB"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
