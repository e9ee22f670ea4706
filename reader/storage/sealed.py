"""Cache payloads that carry their own checksum.

A cache file is ``MAGIC + CRC-32(body) + body`` (zlib's CRC: already loaded on the start-up
path, unlike hashlib, and enough to tell a damaged file from a good one). :func:`unseal` gives the body back
only when the checksum matches, so a cache entry damaged on disk (a torn write after a
power cut, a flipped block, another program's file) is a miss and is recomputed, never
trusted. Entries are also *keyed* by the hash of what they were made from (the token
cache by the document's content hash and the language stack, the YAML memo by the exact
text), so an entry never answers for a changed source.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from typing import Any

MAGIC = b"RDRC1\n"
_DIGEST = 4
#: Bytes before the body: the magic bytes and the checksum.
HEAD = len(MAGIC) + _DIGEST


def seal(body: bytes) -> bytes:
    """``body`` with the magic bytes and its checksum in front."""
    return MAGIC + zlib.crc32(body).to_bytes(_DIGEST, "big") + body


def unseal(data: bytes) -> bytes | None:
    """The body of sealed ``data``; ``None`` when it is not sealed or the checksum does not match."""
    head = len(MAGIC) + _DIGEST
    if len(data) < head or not data.startswith(MAGIC):
        return None
    body = memoryview(data)[head:]
    if zlib.crc32(body).to_bytes(_DIGEST, "big") != data[len(MAGIC) : head]:
        return None
    return bytes(body)


def seal_head(parts: Iterable[Any]) -> bytes:
    """The magic bytes and checksum to write before a body given in ``parts`` (buffers, never joined).

    For bodies of tens of megabytes (a book's token columns): the file is
    ``seal_head(parts)`` followed by each part, the same layout as :func:`seal`.
    """
    crc = 0
    for part in parts:
        crc = zlib.crc32(part, crc)
    return MAGIC + crc.to_bytes(_DIGEST, "big")


def expected_checksum(head: bytes) -> int | None:
    """The checksum a body must have after ``head`` (the first :data:`HEAD` bytes); None when not sealed."""
    if len(head) != HEAD or not head.startswith(MAGIC):
        return None
    return int.from_bytes(head[len(MAGIC) :], "big")
