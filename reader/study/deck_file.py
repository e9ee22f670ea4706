"""The deck file on disk: its format version, parsing, change detection and locking.

:mod:`reader.study.deck` keeps the cards in memory; this module owns what is
needed to read ``deck.yaml`` safely when several instances share it:

* :func:`parse_cards` turns the file's bytes into :class:`~reader.study.card.Card`
  objects, reporting any problem as a :class:`~reader.errors.DataFileError`;
* :func:`digest` fingerprints the bytes, so a change by another instance is seen;
* :func:`file_lock` (from :mod:`reader.storage.locking`) serialises re-read-and-write cycles.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from reader.errors import DataFileError
from reader.storage.locking import file_lock as file_lock
from reader.storage.yamlio import parse_yaml
from reader.study.card import Card

#: The newest deck file format this reader writes and understands.
DECK_VERSION = 1


def digest(raw: bytes) -> str:
    """Return the fingerprint of the deck file's bytes (SHA-256, hex)."""
    return hashlib.sha256(raw).hexdigest()


#: The top-level keys this reader writes; any other key of the file is kept as it is.
KNOWN_KEYS = ("version", "cards")


def parse_cards(raw: bytes, path: Path) -> list[Card]:
    """Parse the deck file's bytes into cards; any problem is a :class:`DataFileError`."""
    return parse_deck(raw, path)[0]


def parse_deck(raw: bytes, path: Path) -> tuple[list[Card], dict[str, object]]:
    """The cards and the top-level keys this version does not know (kept on the next save)."""
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
            word = item.get("word") if isinstance(item, dict) else None
            label = f"card {number}" + (f" ({word})" if isinstance(word, str) and word else "")
            raise DataFileError(path, f"{label}: {exc}") from exc
        if card.id in seen:
            raise DataFileError(path, f"card {number}: duplicate id {card.id}")
        seen.add(card.id)
        cards.append(card)
    return cards, {str(k): v for k, v in data.items() if k not in KNOWN_KEYS}
