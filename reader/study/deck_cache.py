"""A parsed copy of ``deck.yaml`` in the cache folder, so that a big deck loads without parsing it again.

``deck.yaml`` stays the one source of truth, in the format the user sees. The
cache holds the cards as the deck held them after reading the file's first
``offset`` bytes, with the CRC-32 of exactly those bytes; it is sealed
(:mod:`reader.storage.sealed`) and written with :mod:`marshal`. On load it is
used only when the file's first ``offset`` bytes have that CRC (one ``crc32``
over the bytes: a few milliseconds for 10,000 cards, against a quarter of a
second of JSON and card checks), and the lines appended since (this
reader's own saves, another instance's) are then read as usual. Anything else
(no cache, damage, another format, a file compacted, edited or replaced) is a
miss: the file is parsed as before, and the cache written again.

The cards in the cache were checked when the file was parsed; they are built
back without the checks.
"""

from __future__ import annotations

import gc
import marshal
import os
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.storage.atomic import atomic_write_bytes
from reader.storage.paths import cache_dir
from reader.storage.sealed import seal, unseal
from reader.study.card import Card, Context
from reader.study.deck_file import Tail

if TYPE_CHECKING:
    from reader.study.deck import Deck

#: The layout of the cache's payload; a cache of another layout is a miss.
FORMAT = 2
#: A cache is written again once this many lines were read past it (and at least a tenth of the cards).
REWRITE_AFTER_LINES = 200


def cache_path_for(deck: Path) -> Path:
    """The cache file of the deck file ``deck`` (one per deck path)."""
    key = zlib.crc32(str(deck.resolve()).encode("utf-8", "surrogateescape"))
    return cache_dir() / "deck" / f"deck-{key:08x}.marshal"


def _record(card: Card) -> tuple[Any, ...]:
    return (
        card.id,
        card.word,
        tuple(card.syllables),
        card.meaning,
        card.doc_id,
        tuple(tuple(c) for c in card.contexts),
        card.explanation,
        card.created.isoformat(),
        card.fsrs,
        card.written,
    )


def _card(record: tuple[Any, ...], fromiso: Any = datetime.fromisoformat) -> Card:
    cid, word, syllables, meaning, doc_id, contexts, explanation, created, fsrs, written = record
    return Card(
        cid,
        word,
        syllables,
        meaning,
        doc_id,
        [Context(*c) for c in contexts],
        explanation,
        fromiso(created),
        fsrs,
        written=written,
    )


def load(deck: Path, raw: bytes) -> tuple[dict[str, Card], int, int] | None:
    """``(cards by id, bytes covered, lines covered)`` from the cache of ``deck``, whose bytes are ``raw``.

    ``None`` when there is no usable cache for these bytes.
    """
    try:
        body = unseal(cache_path_for(deck).read_bytes())
        if body is None:
            return None
        payload = marshal.loads(body)
        version, offset, crc, lines, records = payload
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if version != FORMAT or not isinstance(offset, int) or not 0 < offset <= len(raw):
        return None
    if raw[offset - 1 : offset] != b"\n" or zlib.crc32(memoryview(raw)[:offset]) != crc:
        return None
    try:
        cards = [_card(r) for r in records]
    except (TypeError, ValueError):
        return None
    return {c.id: c for c in cards}, offset, lines


def save(deck: Path, raw: bytes, offset: int, lines: int, cards: list[Card]) -> None:
    """Write the cache of ``deck``: ``cards`` as read from ``raw[:offset]`` (``lines`` record lines)."""
    payload = (FORMAT, offset, zlib.crc32(memoryview(raw)[:offset]), lines, [_record(c) for c in cards])
    try:
        atomic_write_bytes(cache_path_for(deck), seal(marshal.dumps(payload)), sync=False)
    except (OSError, ValueError):
        pass  # a cache that cannot be written costs the next load a parse, nothing else


def _read(path: Path) -> tuple[bytes, int] | None:
    """The bytes of ``path`` and its inode; ``None`` when it cannot be read (the deck's read reports why)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(), os.fstat(handle.fileno()).st_ino
    except OSError:
        return None


def prime(deck: Deck) -> int:
    """Fill a deck not read yet from the cache of its file; returns the record lines covered (0: no cache).

    The deck's next read then takes in only the lines after what the cache covers.
    """
    got = _read(deck.path)
    if got is None:
        return 0
    raw, inode = got
    cached = load(deck.path, raw)
    if cached is None:
        return 0
    cards, offset, lines = cached
    deck._cards = cards
    deck._lines = lines
    deck._cards_tail = Tail(inode, offset, raw[max(0, offset - 64) : offset])
    return lines


def refresh(deck: Deck, covered: int) -> None:
    """After a deck's first read: write its cache when it had none, or when many lines were read past it."""
    past = deck._lines - covered
    if covered and (past < REWRITE_AFTER_LINES or past * 10 < len(deck)):
        return
    tail = deck._cards_tail
    got = _read(deck.path)
    if got is None or tail.offset <= 0:
        return
    raw, inode = got
    if inode != tail.inode or raw[max(0, tail.offset - 64) : tail.offset] != tail.last:
        return  # replaced or rewritten since the read: the next load parses and caches it
    save(deck.path, raw, tail.offset, deck._lines, deck.cards)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the garbage collector (if it runs) for the block."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
