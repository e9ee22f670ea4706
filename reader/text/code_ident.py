"""A hash of the language code itself, for the keys of caches that hold its results.

The token cache, and any other cache of what the language stack worked out
(readings, glosses, segmentation), is keyed by the text and the data files it
was made from. The code that turns them into tokens matters as much: a reader
upgraded with a better sense rule must not go on showing the tokens its older
version stored. :func:`code_ident` hashes the bytes of every module of this
package (``reader/text``, about 0.4 MB: ≈ 1.5 ms, once per process, off the
first paint), so any change to it, and only that, makes those caches miss.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

__all__ = ["code_ident"]


@lru_cache(maxsize=1)
def code_ident() -> str:
    """Sixteen hex digits of the SHA-256 of this package's module names and bytes (``missing`` for unreadable ones)."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"missing")
        digest.update(b"\0")
    return digest.hexdigest()[:16]
