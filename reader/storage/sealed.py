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

MAGIC = b"RDRC1\n"
_DIGEST = 4


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
