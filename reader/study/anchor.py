"""Note anchors after the W3C Web Annotation model, and re-anchoring.

An :class:`Anchor` holds two selectors for the same passage:

* a :class:`TextQuoteSelector`: the exact quoted text plus up to
  :data:`CONTEXT` (32) characters of prefix and suffix;
* a :class:`TextPositionSelector`: the ``start``/``end`` code-point offsets
  into ``Document.text``.

When the document text changes, :func:`reanchor` finds the passage again:

1. **position**: the quote still sits at the old offsets;
2. **quote**: the exact quote elsewhere. Occurrences are ranked by their
   context: first those with one side of the stored prefix/suffix wholly intact,
   then by how many context characters agree, then by distance to the
   old position (so "closest to the old position" decides between equally
   well supported occurrences, and the old position itself wins a tie).
   A moved occurrence must keep one side of its context whole, or at least
   :data:`MIN_SUPPORT` characters of context, otherwise a short word that
   merely appears elsewhere would capture the note; such weak candidates are
   left to the fuzzy step, which weighs them properly;
3. **fuzzy**: diff-match-patch ``match_main`` (Bitap with a location hint)
   proposes candidates from the quote, the prefix and the suffix; each
   candidate is scored by similarity (1 - normalised Levenshtein distance) of
   the quote (weight 0.6), the prefix (0.2) and the suffix (0.2). It is
   accepted only if the quote alone is at least :data:`MIN_QUOTE_SIMILARITY`
   similar **and** the weighted score is at least :data:`MIN_SCORE`;
4. otherwise the note is an **orphan** (``method is None``).

Threshold choice: 0.75 quote similarity lets a 12-character quote survive
two changed characters, and a 4-character quote none; a word replaced by
another word is a different passage and is left orphaned. The combined score
of 0.7 means that a quote at the threshold (0.75 -> 0.45) still needs context
agreeing to about 60 %, so a lookalike sentence with the same words but other
surroundings is not taken. Pure module: no UI imports.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from diff_match_patch import diff_match_patch

#: Characters of prefix and suffix kept in a quote selector.
CONTEXT = 32
#: Minimum similarity of the quote itself for a fuzzy match.
MIN_QUOTE_SIMILARITY = 0.75
#: Minimum weighted score (quote 0.6, prefix 0.2, suffix 0.2) for a fuzzy match.
MIN_SCORE = 0.7
#: Context characters a moved exact quote needs unless one side is intact.
MIN_SUPPORT = 8

_QUOTE_WEIGHT = 0.6
_SIDE_WEIGHT = 0.2
#: Bitap pattern length: longer quotes are matched by their head and tail.
_CHUNK = 32

Method = Literal["position", "quote", "fuzzy"]


@dataclass(frozen=True)
class TextQuoteSelector:
    """The quoted text with its surroundings."""

    exact: str
    prefix: str = ""
    suffix: str = ""

    def to_dict(self) -> dict[str, str]:
        """Return a plain mapping for YAML."""
        return {"exact": self.exact, "prefix": self.prefix, "suffix": self.suffix}


@dataclass(frozen=True)
class TextPositionSelector:
    """Code-point offsets into the document text."""

    start: int
    end: int

    def to_dict(self) -> dict[str, int]:
        """Return a plain mapping for YAML."""
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True)
class Anchor:
    """Both selectors of one passage."""

    quote: TextQuoteSelector
    position: TextPositionSelector

    @property
    def exact(self) -> str:
        """The quoted text."""
        return self.quote.exact

    @property
    def start(self) -> int:
        """Start offset as stored."""
        return self.position.start

    @property
    def end(self) -> int:
        """End offset as stored."""
        return self.position.end

    def to_dict(self) -> dict[str, Any]:
        """Return a plain mapping for YAML: ``{quote: {...}, position: {...}}``."""
        return {"quote": self.quote.to_dict(), "position": self.position.to_dict()}

    @classmethod
    def from_dict(cls, data: Any) -> Anchor:
        """Parse the mapping written by :meth:`to_dict`; ``ValueError`` if malformed."""
        if not isinstance(data, dict):
            raise ValueError("anchor must be a mapping")
        quote = data.get("quote")
        position = data.get("position")
        if not isinstance(quote, dict) or not isinstance(position, dict):
            raise ValueError("anchor needs 'quote' and 'position' mappings")
        exact = quote.get("exact")
        if not isinstance(exact, str) or not exact:
            raise ValueError("anchor quote needs a non-empty 'exact' string")
        prefix = quote.get("prefix", "") or ""
        suffix = quote.get("suffix", "") or ""
        if not isinstance(prefix, str) or not isinstance(suffix, str):
            raise ValueError("anchor prefix and suffix must be strings")
        start = position.get("start")
        end = position.get("end")
        for value in (start, end):
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError("anchor position needs non-negative integer 'start' and 'end'")
        assert isinstance(start, int) and isinstance(end, int)
        if end <= start:
            raise ValueError("anchor position 'end' must be after 'start'")
        return cls(TextQuoteSelector(exact, prefix, suffix), TextPositionSelector(start, end))


@dataclass(frozen=True)
class Resolution:
    """Where an anchor landed in a text; ``method is None`` for an orphan."""

    start: int
    end: int
    method: Method | None
    score: float

    @property
    def orphan(self) -> bool:
        """True when the passage was not found."""
        return self.method is None


def make_anchor(text: str, start: int, end: int) -> Anchor:
    """Make the anchor of ``text[start:end]`` with 32 characters of context each side."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"bad span {start}..{end} for a text of {len(text)} characters")
    quote = TextQuoteSelector(text[start:end], text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT])
    return Anchor(quote, TextPositionSelector(start, end))


def reanchor(anchor: Anchor, text: str) -> Resolution:
    """Find ``anchor`` in ``text``: by position, by exact quote, by fuzzy quote, or not at all."""
    exact = anchor.quote.exact
    if not exact or not text:
        return _orphan(anchor)
    for step in (_exact, _fuzzy):
        found = step(anchor, text)
        if found is not None and _valid(anchor, text, found):
            return found
    return _orphan(anchor)


def _valid(anchor: Anchor, text: str, found: Resolution) -> bool:
    """The one gate every resolution passes: inside the text, and the quote or close enough to it."""
    if not 0 <= found.start < found.end <= len(text):
        return False
    if found.method != "fuzzy":
        return text[found.start : found.end] == anchor.quote.exact
    quote, score = _score(anchor, text, found.start, found.end)
    return quote >= MIN_QUOTE_SIMILARITY and score >= MIN_SCORE


def quote_scores(anchor: Anchor, text: str, start: int, end: int) -> tuple[float, float]:
    """``(quote similarity, weighted score)`` of ``text[start:end]`` as ``anchor``'s passage."""
    return _score(anchor, text, start, end)


def _orphan(anchor: Anchor) -> Resolution:
    return Resolution(anchor.start, anchor.end, None, 0.0)


# -- exact quote ---------------------------------------------------------------------------


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _support(anchor: Anchor, text: str, start: int, end: int) -> tuple[int, bool]:
    """Return ``(matching context characters, one side wholly intact)`` for a candidate span."""
    prefix, suffix = anchor.quote.prefix, anchor.quote.suffix
    before = text[max(0, start - CONTEXT) : start]
    after = text[end : end + CONTEXT]
    p = _common_suffix(prefix, before)
    s = _common_prefix(suffix, after)
    # A side is intact when all of it agrees; a stored side shorter than CONTEXT (the quote
    # was near the edge of the text) is intact only if the candidate is at the same edge,
    # and that edge counts as one more agreeing character.
    p_whole = p == len(prefix) and (len(prefix) == CONTEXT or len(before) == len(prefix) < CONTEXT)
    s_whole = s == len(suffix) and (len(suffix) == CONTEXT or len(after) == len(suffix) < CONTEXT)
    edges = int(p_whole and len(prefix) < CONTEXT) + int(s_whole and len(suffix) < CONTEXT)
    return p + s + edges, p_whole or s_whole


def _exact(anchor: Anchor, text: str) -> Resolution | None:
    exact = anchor.quote.exact
    size = len(exact)
    old = anchor.start
    # The best supported occurrence wins (an intact passage over an inserted copy with less
    # of its context); then one with a whole side; then the one nearest the old position.
    best: tuple[int, bool, int, int] | None = None  # (-support, not whole, distance, start)
    index = text.find(exact)
    while index != -1:
        support, whole = _support(anchor, text, index, index + size)
        key = (-support, not whole, abs(index - old), index)
        if best is None or key < best:
            best = key
        index = text.find(exact, index + 1)
    if best is None:
        return None
    best_whole, support, start = not best[1], -best[0], best[3]
    available = len(anchor.quote.prefix) + len(anchor.quote.suffix)
    if start == old:
        if best_whole or support >= min(MIN_SUPPORT, available) or available == 0:
            return Resolution(start, start + size, "position", 1.0)
        return None
    if best_whole or support >= min(MIN_SUPPORT, available):
        return Resolution(start, start + size, "quote", 1.0)
    return None


# -- fuzzy quote ---------------------------------------------------------------------------


def _similarity(a: str, b: str) -> float:
    """``1 - levenshtein / max(len)``: 1.0 for equal strings, 0.0 for nothing in common."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    from difflib import SequenceMatcher

    if len(a) * len(b) > 250_000:
        return SequenceMatcher(None, a, b, autojunk=False).ratio()
    distance = _levenshtein() or _plain_levenshtein
    # rapidfuzz: the same distance, 2.8 µs instead of 132 ms for a 450-character note
    return 1.0 - distance(a, b) / max(len(a), len(b))


def _plain_levenshtein(a: str, b: str) -> int:
    """The Levenshtein distance by a small DP, where rapidfuzz is not installed."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


@functools.cache
def _levenshtein() -> Callable[[str, str], int] | None:
    """The Levenshtein distance of rapidfuzz, or None where it is not installed."""
    try:
        from rapidfuzz.distance import Levenshtein
    except ImportError:
        return None
    return Levenshtein.distance


def _side_similarity(stored: str, found: str, *, prefix: bool) -> float:
    if not stored:
        return 1.0 if not found else 0.5
    if prefix:
        found = found[-len(stored) :] if len(found) > len(stored) else found
    else:
        found = found[: len(stored)]
    return _similarity(stored, found)


def _score(anchor: Anchor, text: str, start: int, end: int) -> tuple[float, float]:
    """``(quote similarity, weighted score)`` of ``text[start:end]`` as the anchor's passage."""
    q = _similarity(anchor.quote.exact, text[start:end])
    p = _side_similarity(anchor.quote.prefix, text[max(0, start - CONTEXT) : start], prefix=True)
    s = _side_similarity(anchor.quote.suffix, text[end : end + CONTEXT], prefix=False)
    return q, _QUOTE_WEIGHT * q + _SIDE_WEIGHT * (p + s)


def _matcher(text: str) -> diff_match_patch:
    from diff_match_patch import diff_match_patch

    dmp = diff_match_patch()
    dmp.Match_Threshold = 0.5
    # Proximity to the hint matters little: the scorer below decides, and text inserted
    # far before the passage must not push the true match out of reach.
    dmp.Match_Distance = max(1000, len(text))
    return dmp


def _candidates(anchor: Anchor, text: str, dmp: diff_match_patch) -> set[tuple[int, int]]:
    """Rough ``(start, end)`` spans where the passage may be, from quote, prefix and suffix."""
    exact, prefix, suffix = anchor.quote.exact, anchor.quote.prefix, anchor.quote.suffix
    size = len(exact)
    old = min(anchor.start, len(text))
    spans: set[tuple[int, int]] = set()

    def find(pattern: str, loc: int) -> int:
        if not pattern:
            return -1
        return int(dmp.match_main(text, pattern, max(0, min(loc, len(text)))))

    head = find(exact[:_CHUNK], old)
    if head >= 0:
        spans.add((head, head + size))
    if size > _CHUNK:
        tail = find(exact[-_CHUNK:], old + size - _CHUNK)
        if tail >= 0:
            spans.add((tail + _CHUNK - size, tail + _CHUNK))
            if head >= 0 and head < tail + _CHUNK:
                spans.add((head, tail + _CHUNK))
    before = prefix[-_CHUNK:]
    if len(before) >= 4:
        at = find(before, old - len(before))
        if at >= 0:
            spans.add((at + len(before), at + len(before) + size))
    after = suffix[:_CHUNK]
    if len(after) >= 4:
        at = find(after, anchor.end)
        if at >= 0:
            spans.add((at - size, at))
    return {(max(0, a), min(len(text), b)) for a, b in spans if b > 0 and a < len(text)}


def _refine(anchor: Anchor, text: str, span: tuple[int, int], dmp: diff_match_patch) -> tuple[int, int]:
    """Align the quote against a window around ``span`` and return the aligned span."""
    exact = anchor.quote.exact
    slack = max(4, len(exact) // 3)
    lo = max(0, span[0] - slack)
    hi = min(len(text), span[1] + slack)
    window = text[lo:hi]
    diffs = dmp.diff_main(exact, window, False)
    start = int(dmp.diff_xIndex(diffs, 0))
    end = min(int(dmp.diff_xIndex(diffs, len(exact) - 1)) + 1, len(window))
    if end <= start:
        return span
    return lo + start, lo + end


def _fuzzy(anchor: Anchor, text: str) -> Resolution | None:
    dmp = _matcher(text)
    best: tuple[float, int, int, int] | None = None  # (score, -distance, start, end)
    for span in _candidates(anchor, text, dmp):
        for start, end in {span, _refine(anchor, text, span, dmp)}:
            if end <= start:
                continue
            q, score = _score(anchor, text, start, end)
            if q < MIN_QUOTE_SIMILARITY or score < MIN_SCORE:
                continue
            key = (score, -abs(start - anchor.start), start, end)
            if best is None or key > best:
                best = key
    if best is None:
        return None
    return Resolution(best[2], best[3], "fuzzy", round(best[0], 4))
