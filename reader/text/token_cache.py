"""The token cache: a document's tokens kept on disk, as the columns of its token store.

``cache_dir()/tokens/<key>.marshal``, where the key is the one
:meth:`~reader.text.annotate.LanguageStack.cache_key` gives: a small marshal
header (key, count, the table of distinct readings and glosses), then the raw
arrays, read straight back into a :class:`~reader.text.tokens.TokenStore`.
Sealed (``storage.sealed``); a stale or damaged file is simply not used.
"""

from __future__ import annotations

import marshal
import sys
from array import array
from collections.abc import Sequence
from pathlib import Path

from reader.text.tokens import KINDS, Facts, Token, TokenStore

__all__ = ["FORMAT_VERSION", "load_token_cache", "save_token_cache", "token_cache_path"]

#: Bump whenever tokens, readings or the cache layout change.
FORMAT_VERSION = 9


def token_cache_path(key: str) -> Path:
    """Where the tokens of cache key ``key`` are stored."""
    from reader.storage.paths import cache_dir

    return cache_dir() / "tokens" / f"{key}.marshal"


#: Byte order and item sizes of the cache's arrays: a cache folder shared with another machine is skipped.
_ARRAY_LAYOUT = f"{sys.byteorder}-{array('I').itemsize}-{array('i').itemsize}"


#: The fixed-size number that gives the length of a cache file's header.
_HEADER_SIZE = 4


def save_token_cache(path: Path, key: str, tokens: Sequence[Token]) -> None:
    """Write ``tokens`` atomically: a small marshal header, then the store's columns as raw machine arrays.

    The file is sealed (``storage.sealed``: magic bytes and a CRC-32 of the
    body), the checksum computed over the columns in place: a book's columns are
    written from the arrays themselves, never copied into one payload, since this
    runs at the memory peak of a first open.
    """
    from reader.storage.atomic import atomic_write_with
    from reader.storage.sealed import seal_head

    store = tokens if isinstance(tokens, TokenStore) else TokenStore.of("", tokens)
    header = marshal.dumps(
        {
            "format": FORMAT_VERSION,
            "key": key,
            "layout": _ARRAY_LAYOUT,
            "count": len(store),
            "table": [(s, g, -1 if h is None else h, c) for s, g, h, c in store.table],
        }
    )
    parts: list[bytes | array[int]] = [
        len(header).to_bytes(_HEADER_SIZE, "big"),
        header,
        store.starts,
        store.ends,
        store.kinds,
        store.ids,
    ]
    head = seal_head(parts)

    def write(name: str) -> None:
        with open(name, "wb") as handle:
            handle.write(head)
            for part in parts:
                handle.write(part)

    atomic_write_with(path, write)


def load_token_cache(path: Path, text: str, key: str) -> TokenStore | None:
    """Tokens from the cache file, or None when it is missing, stale or damaged (checksum: ``storage.sealed``).

    The columns are read from the file straight into the arrays of a
    :class:`TokenStore` (no :class:`Token` is made, the file is never held whole);
    the checksum is checked over them as they come.
    """
    import zlib

    from reader.storage.sealed import HEAD, expected_checksum

    try:
        with open(path, "rb") as handle:
            expected = expected_checksum(handle.read(HEAD))
            if expected is None:
                return None
            size = handle.read(_HEADER_SIZE)
            header_bytes = handle.read(int.from_bytes(size, "big")) if len(size) == _HEADER_SIZE else b""
            crc = zlib.crc32(header_bytes, zlib.crc32(size))
            header = marshal.loads(header_bytes)
            if not isinstance(header, dict) or header.get("format") != FORMAT_VERSION or header.get("key") != key:
                return None
            if header.get("layout") != _ARRAY_LAYOUT:  # written on a machine of another byte order or int size
                return None
            count = header["count"]
            if not isinstance(count, int) or count < 0:
                return None
            # Each column is read into an array of its final size: no bytes object of the column's size
            # in between, which the allocator would keep after a first open's peak.
            columns: list[array[int]] = [array(code, [0]) * count for code in ("I", "I", "B", "i")]
            for column in columns:
                if handle.readinto(memoryview(column).cast("B")) != column.itemsize * count:
                    return None
                crc = zlib.crc32(column, crc)
            if handle.read(1) or crc != expected:
                return None
        table: list[Facts] = []
        for syllables, gloss, level, curated in header["table"]:
            if not (isinstance(gloss, str) and isinstance(level, int) and isinstance(curated, bool)):
                return None
            table.append((tuple(str(s) for s in syllables), gloss, None if level < 0 else level, curated))
    except (OSError, EOFError, ValueError, TypeError, KeyError, OverflowError):
        return None
    starts, ends, kinds, ids = columns
    if count:
        # Every token in order, end to end, over the whole text; kinds and table indexes in range.
        if starts[0] != 0 or ends[-1] != len(text) or memoryview(starts)[1:] != memoryview(ends)[:-1]:
            return None
        if max(kinds) >= len(KINDS) or min(ids) < -1 or max(ids) >= len(table):
            return None
    elif text:
        return None
    return TokenStore(text, starts, ends, kinds, ids, table)
