"""Every CC-CEDICT headword, held compactly in memory, to tell words from non-words without SQL.

Annotating asks "is this a headword?" for every token and for the substrings a
pop-up reading tries (``lookup_at``): a few hundred thousand questions for a
novel, most of them answered "no". :class:`Headwords` answers them exactly, in a
few microseconds and without SQLite: the ~194,000 simplified and traditional
headwords sorted into one string with an array of offsets (about 4 MB, no object
per word), searched by bisection within the range of the word's first character.

It is built once from the index (about 0.3 s) and kept beside it as
``<index>.heads`` (a marshal file, loaded in a few milliseconds), stamped with the
index file's size, mtime and inode: a rebuilt or replaced index is read again.
"""

from __future__ import annotations

import marshal
import os
from array import array
from collections import Counter
from collections.abc import Callable
from itertools import accumulate
from operator import itemgetter
from pathlib import Path

__all__ = ["FORMAT_VERSION", "Headwords", "index_stamp", "load_headwords"]

#: Bump when the file's layout changes: every existing file is then rebuilt.
FORMAT_VERSION = 1

#: ``word[:1]``, called in C.
_FIRST = itemgetter(slice(0, 1))


class Headwords:
    """An exact, compact set of headwords (``word in headwords``)."""

    def __init__(self, words: list[str]) -> None:
        """The set of ``words`` (any order, duplicates allowed)."""
        self._fill(sorted(set(words)))

    @classmethod
    def from_sorted(cls, ordered: list[str]) -> Headwords:
        """The set of ``ordered``, words already sorted and each once (as SQLite lists them): not sorted again."""
        self = cls.__new__(cls)
        self._fill(ordered)
        return self

    def _fill(self, ordered: list[str]) -> None:
        """Hold ``ordered`` (sorted, unique) as one string and its offsets."""
        self._blob = "".join(ordered)
        offsets = array("I", [0])
        offsets.extend(accumulate(map(len, ordered)))
        # Sorted, the words of one first character are consecutive: each character's range
        # follows from how many there are (counted in C: a Python loop over 194,000 words took 0.15 s).
        firsts: dict[str, tuple[int, int]] = {}
        lo = 0
        for first, count in Counter(map(_FIRST, ordered)).items():
            firsts[first] = (lo, lo + count)
            lo += count
        self._offsets = offsets
        self._firsts = firsts
        self._count = len(ordered)

    def __len__(self) -> int:
        return self._count

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not word:
            return False
        span = self._firsts.get(word[0])
        if span is None:
            return False
        lo, hi = span
        blob = self._blob
        offsets = self._offsets
        while lo < hi:
            mid = (lo + hi) >> 1
            found = blob[offsets[mid] : offsets[mid + 1]]
            if found < word:
                lo = mid + 1
            elif found == word:
                return True
            else:
                hi = mid
        return False

    # -- the file beside the index -------------------------------------------------------

    def dumps(self, stamp: str) -> bytes:
        """The file's bytes, for an index whose stamp is ``stamp``."""
        return marshal.dumps((FORMAT_VERSION, stamp, self._blob, self._offsets.tobytes(), self._firsts))

    @classmethod
    def loads(cls, data: bytes, stamp: str) -> Headwords | None:
        """Read :meth:`dumps`'s bytes back; None when they are for another index, another format or damaged."""
        try:
            version, stored, blob, offsets_bytes, firsts = marshal.loads(data)
            if version != FORMAT_VERSION or stored != stamp:
                return None
            if not (isinstance(blob, str) and isinstance(offsets_bytes, bytes) and isinstance(firsts, dict)):
                return None
            offsets = array("I")
            offsets.frombytes(offsets_bytes)
        except (ValueError, TypeError, EOFError):
            return None
        if not offsets or offsets[0] != 0 or offsets[-1] != len(blob):
            return None
        self = cls.__new__(cls)
        self._blob = blob
        self._offsets = offsets
        self._firsts = firsts
        self._count = len(offsets) - 1
        return self


def index_stamp(index: Path) -> str:
    """What a ``.heads`` file records of its index: size, mtime, inode (and the offsets' item size)."""
    return _stamp(index)


def _stamp(index: Path) -> str:
    stat = os.stat(index)
    return f"{stat.st_size} {stat.st_mtime_ns} {stat.st_ino} {array('I').itemsize}"


def load_headwords(index: Path, rows: Callable[[], list[str]]) -> Headwords:
    """The headwords of the index at ``index``: from ``<index>.heads``, else built from ``rows()`` and saved.

    A cache folder that cannot be written only costs the build next time.
    """
    side = index.with_name(index.name + ".heads")
    try:
        found = Headwords.loads(side.read_bytes(), _stamp(index))
    except OSError:
        found = None
    if found is not None:
        return found
    heads = Headwords(rows())
    from reader.storage.atomic import atomic_write_with

    try:
        data = heads.dumps(_stamp(index))  # after rows(), which may have rebuilt a damaged index

        def write(name: str) -> None:
            Path(name).write_bytes(data)

        atomic_write_with(side, write, sync=False)
    except OSError:
        pass  # a read-only cache folder (or no index file): built again next time
    return heads
