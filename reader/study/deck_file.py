"""The deck files on disk: their format, parsing, appending, change detection and the v1 migration.

:mod:`reader.study.deck` keeps the cards in memory; this module owns the two
files it is stored in (format version 2), both plain YAML that a person can
read, one record a line:

``deck.yaml``, the cards, one flow mapping each::

    version: 2
    # One card a line; a later line with the same id replaces an earlier one (compacted now and then).
    cards:
    - {"id": "3f1c0a9e2b7d", "word": "训练", "syllables": ["xun4", "lian4"], "meaning": "to train", ...}

``reviews.yaml``, the review log, append-only::

    version: 2
    # card id, time, rating (1 Again … 4 Easy), days since the previous review, seconds on the card
    reviews:
    - ["3f1c0a9e2b7d", "2025-01-02T03:04:05+00:00", 3, 0.0, 4.2]

A card saved from a document in traditional characters also has
``"written"``, the word as the text writes it (``"學習"`` beside ``"word": "学习"``).
The field is optional: a line without it (every card of a simplified text, and
every older deck) reads as before, and a reader that does not know it ignores
it, so it needs no new format version and no migration.

Each line is JSON as well as YAML (strings double-quoted, with every
character YAML would not take as it is escaped), so the reader parses lines
with :mod:`json` (a few microseconds each) and any YAML reader sees the same
values. One card's change is one line appended, and one answer one line in
each file: a save does not grow with the deck. ``deck.yaml`` is rewritten
whole (compacted, one line per card) when it is small, or when replaced lines
outnumber the live ones.

Appends are a single ``write`` of whole lines followed by ``fsync``; a last
line without its newline (a write cut short) is ignored and cut off before the
next append. Any other line that does not parse is a
:class:`~reader.errors.DataFileError`, and the file is left alone.

Version 1 (one block-YAML file with each card's reviews inside) is migrated on
first open: the old file is kept as ``deck.yaml.v1.bak`` and both new files
are written atomically, under the deck's lock.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from reader.errors import DataFileError
from reader.storage.atomic import atomic_write_bytes
from reader.storage.locking import file_lock as file_lock
from reader.storage.yamlio import parse_yaml
from reader.study.card import RATING_NAMES, Card, ReviewEntry, parse_time

#: The newest deck file format this reader writes and understands.
DECK_VERSION = 2

CARDS_HEADER = (
    f"version: {DECK_VERSION}\n"
    "# One card a line; a later line with the same id replaces an earlier one (compacted now and then).\n"
    "cards:\n"
).encode()
REVIEWS_HEADER = (
    f"version: {DECK_VERSION}\n"
    "# card id, time, rating (1 Again ... 4 Easy), days since the previous review, seconds on the card\n"
    "reviews:\n"
).encode()

#: Characters a YAML reader does not take as they are inside a double-quoted scalar
#: (non-printable ones, and the line breaks U+0085, U+2028, U+2029 it would fold).
_NOT_AS_IS = re.compile("[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def reviews_path_for(deck: Path) -> Path:
    """The review log beside the deck file ``deck``."""
    return deck.with_name("reviews.yaml")


def backup_path_for(deck: Path) -> Path:
    """Where a version-1 deck is kept when it is migrated."""
    return deck.with_name(deck.name + ".v1.bak")


def flow_line(value: Any) -> bytes:
    """One YAML sequence item (``- `` and a newline) in flow style that is also JSON."""
    text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    text = _NOT_AS_IS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return f"- {text}\n".encode()


def card_line(card: Card) -> bytes:
    """The line of ``card`` in ``deck.yaml`` (everything but its reviews)."""
    return flow_line(card.to_dict(reviews=False))


def review_line(card_id: str, review: ReviewEntry) -> bytes:
    """The line of one answer in ``reviews.yaml``."""
    return flow_line([card_id, review.time.isoformat(), review.rating, review.elapsed, review.duration])


# -- reading -------------------------------------------------------------------------------------


@dataclass
class Tail:
    """How far a file has been read: its identity, the bytes read and their last few bytes."""

    inode: int = -1
    offset: int = 0
    last: bytes = b""


def _values(body: bytes, path: Path, first_line: int, decode: bool = True) -> list[Any]:
    """The JSON values of the ``- `` lines of ``body`` (whole lines); other lines must be the header's.

    With ``decode`` false, the lines themselves (``- `` and all), decoded later.
    The usual file (a header, then only records) takes the fast path: no
    line of JSON holds a raw newline, so the records are one ``json.loads``
    of the body with each line break before a ``- `` turned into a comma.
    """
    text = body.decode("utf-8")
    start = 0
    if first_line == 1:  # a whole file: skip the header's lines
        while start < len(text) and not text.startswith("- ", start):
            if not _is_header(text[start : start + 12]) and text[start] != "\n":
                break
            newline = text.find("\n", start)
            start = len(text) if newline < 0 else newline + 1
    records = text[start:]
    if not records:
        return []
    if records.startswith("- ") and records.endswith("\n"):
        if not decode:
            # Every line a record: as many line breaks followed by "- " as there are lines after the first.
            if records.count("\n- ") == records.count("\n") - 1:
                return records[:-1].split("\n")
        else:
            try:
                values: list[Any] = json.loads("[" + records[2:-1].replace("\n- ", ",") + "]")
                if len(values) == records.count("\n"):
                    return values
            except ValueError:
                pass
    return _values_slowly(text, path, first_line, decode)


def _values_slowly(text: str, path: Path, first_line: int, decode: bool) -> list[Any]:
    """:func:`_values` line by line, naming the first line that is not a record."""
    values: list[Any] = []
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for number, line in enumerate(lines, start=first_line):
        if line.startswith("- "):
            if not decode:
                values.append(line)
                continue
            try:
                values.append(json.loads(line[2:]))
            except ValueError as exc:
                raise DataFileError(path, f"line {number} does not parse: {line[:40]!r}") from exc
        elif line.strip() and not _is_header(line):
            raise DataFileError(path, f"line {number} is not a record: {line[:40]!r}")
    return values


def _is_header(line: str) -> bool:
    return line.startswith(("#", "version:", "cards:", "reviews:"))


def _check_version(raw: bytes, path: Path) -> None:
    first = raw.split(b"\n", 1)[0].decode("utf-8", errors="replace")
    match = re.fullmatch(r"version: (\d+)", first.strip())
    if match is None:
        raise DataFileError(path, "no 'version: 2' line at the top")
    if int(match.group(1)) > DECK_VERSION:
        raise DataFileError(path, f"version {match.group(1)} is newer than this reader ({DECK_VERSION})")


def read_new(path: Path, tail: Tail, decode: bool = True) -> tuple[list[Any], bool] | None:
    """The values of the lines appended to ``path`` since ``tail`` (updated), and whether it was read whole.

    Returns None when the file does not exist. A file replaced or rewritten
    since (another instance compacted it, an edit by hand) is read whole; a
    last line without its newline is left for later.
    """
    try:
        with open(path, "rb") as handle:
            stat = os.fstat(handle.fileno())
            whole = True
            if tail.offset and stat.st_ino == tail.inode and stat.st_size >= tail.offset:
                handle.seek(tail.offset - len(tail.last))
                whole = handle.read(len(tail.last)) != tail.last
            if whole:
                handle.seek(0)
            raw = handle.read()
    except FileNotFoundError:
        return None
    except IsADirectoryError as exc:
        raise DataFileError(path, "is a directory") from exc
    except OSError as exc:
        raise DataFileError(path, exc.strerror or "cannot be read") from exc
    end = raw.rfind(b"\n") + 1
    try:
        if whole:
            if not raw:
                raise DataFileError(path, "empty file")
            _check_version(raw, path)
            values = _values(raw[:end], path, 1, decode)
            tail.offset = end
            tail.last = raw[max(0, end - 64) : end]
        else:
            values = _values(raw[:end], path, 0, decode)
            tail.offset += end
            tail.last = (tail.last + raw[:end])[-64:]
    except UnicodeDecodeError as exc:
        raise DataFileError(path, "not UTF-8 text") from exc
    tail.inode = stat.st_ino
    return values, whole


def cards_from(values: list[Any], path: Path) -> dict[str, Card]:
    """Cards by id from the values of ``deck.yaml``'s lines (a later line replaces an earlier one)."""
    cards: dict[str, Card] = {}
    for number, item in enumerate(values, start=1):
        try:
            card = Card.from_dict(item)
        except (ValueError, TypeError) as exc:
            raise DataFileError(path, f"card {number}: {exc}") from exc
        cards.pop(card.id, None)
        cards[card.id] = card
    return cards


def reviews_from(values: list[Any], path: Path) -> list[tuple[str, ReviewEntry]]:
    """``(card id, review)`` pairs from the values of ``reviews.yaml``'s lines."""
    out: list[tuple[str, ReviewEntry]] = []
    append = out.append
    fromiso = datetime.fromisoformat
    for number, item in enumerate(values, start=1):
        try:
            cid, when, rating, elapsed, duration = item
            if (
                type(cid) is not str
                or type(rating) is not int
                or rating not in RATING_NAMES
                or type(elapsed) not in _NUMBER
                or type(duration) not in _DURATION
            ):
                raise ValueError("types")
            moment = fromiso(when) if type(when) is str and when.endswith("+00:00") else parse_time(when, cid)
        except (ValueError, TypeError) as exc:
            raise DataFileError(
                path, f"review {number}: expected [card id, time, rating 1-4, elapsed, duration], not {item!r:.60}"
            ) from exc
        append((cid, ReviewEntry(moment, rating, float(elapsed), None if duration is None else float(duration))))
    return out


_NUMBER = (float, int)
_DURATION = (float, int, type(None))


def group_reviews(lines: list[str], path: Path) -> dict[str, list[str]]:
    """The review log's lines by card id, undecoded (the id is read off the line's start)."""
    groups: dict[str, list[str]] = {}
    for line in lines:
        if line[16:17] == '"' and line[:4] == '- ["':  # a 12-character id, as this reader writes them
            cid = line[4:16]
        elif (end := line.find('"', 4) if line.startswith('- ["') else -1) > 4:
            cid = line[4:end]
        else:  # not as this reader writes it (an edit by hand): the line's own first value
            try:
                value = json.loads(line[2:])
            except ValueError as exc:
                raise DataFileError(path, f"a review line does not parse: {line[:40]!r}") from exc
            cid = str(value[0]) if isinstance(value, list) and value else ""
        groups.setdefault(cid, []).append(line)
    return groups


def decode_reviews(lines: list[str], path: Path) -> list[ReviewEntry]:
    """The answers of one card's review lines, in order."""
    try:
        values = json.loads("[" + ",".join(line[2:] for line in lines) + "]")
    except ValueError as exc:
        raise DataFileError(path, f"a review line does not parse among {lines[0][:40]!r}…") from exc
    return [review for _, review in reviews_from(values, path)]


def append_lines(path: Path, header: bytes, lines: bytes, tail: Tail) -> None:
    """Append whole ``lines`` to ``path`` (created with ``header``) in one write, then fsync; updates ``tail``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o666)
    try:
        stat = os.fstat(fd)
        size = stat.st_size
        data = lines
        if size == 0:
            data = header + lines
        else:
            # A last line cut short (a write interrupted) is dropped before appending.
            keep = tail.offset if tail.inode == stat.st_ino and tail.offset <= size else size
            if keep < size:
                os.ftruncate(fd, keep)
                size = keep
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    tail.inode = stat.st_ino
    tail.offset = size + len(data)
    tail.last = (tail.last + data)[-64:] if size else data[-64:]


def write_whole(path: Path, header: bytes, lines: bytes, tail: Tail) -> None:
    """Replace ``path`` atomically with ``header`` + ``lines``; updates ``tail``."""
    data = header + lines
    atomic_write_bytes(path, data)
    tail.inode = path.stat().st_ino
    tail.offset = len(data)
    tail.last = data[-64:]


# -- version 1 ---------------------------------------------------------------------------------


def parse_cards(raw: bytes, path: Path) -> list[Card]:
    """Parse a version-1 deck file's bytes into cards; any problem is a :class:`DataFileError`."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataFileError(path, "not UTF-8 text") from exc
    data = parse_yaml(text, path)
    if data is None:
        raise DataFileError(path, "empty deck file")
    if not isinstance(data, dict):
        raise DataFileError(path, f"deck file must be a mapping, not {type(data).__name__}")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise DataFileError(path, "deck file has no integer 'version'")
    if version > DECK_VERSION:
        raise DataFileError(path, f"deck file version {version} is newer than this reader ({DECK_VERSION})")
    raw_cards = data.get("cards") or []
    if not isinstance(raw_cards, list):
        raise DataFileError(path, "'cards' must be a list")
    cards: list[Card] = []
    seen: set[str] = set()
    for number, item in enumerate(raw_cards, start=1):
        try:
            card = Card.from_dict(item)
        except (ValueError, TypeError) as exc:
            raise DataFileError(path, f"card {number}: {exc}") from exc
        if card.id in seen:
            raise DataFileError(path, f"card {number}: duplicate id {card.id}")
        seen.add(card.id)
        cards.append(card)
    return cards


def is_version_2(raw_start: bytes) -> bool:
    """Tell whether a deck file's first bytes are those of the version-2 layout."""
    return raw_start.startswith(CARDS_HEADER[: CARDS_HEADER.index(b"\n") + 1])


def migrate_v1(path: Path) -> bool:
    """Turn a version-1 ``deck.yaml`` into the two version-2 files (call under the lock); True if it did.

    The old file is kept as ``deck.yaml.v1.bak``. A file that does not parse
    raises :class:`DataFileError` and nothing is written.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise DataFileError(path, exc.strerror or "cannot be read") from exc
    if is_version_2(raw):
        return False
    cards = parse_cards(raw, path)  # raises for damage: nothing is written then
    atomic_write_bytes(backup_path_for(path), raw)
    reviews = reviews_path_for(path)
    atomic_write_bytes(reviews, REVIEWS_HEADER + b"".join(review_line(c.id, r) for c in cards for r in c.reviews))
    atomic_write_bytes(path, CARDS_HEADER + b"".join(card_line(c) for c in cards))
    return True
