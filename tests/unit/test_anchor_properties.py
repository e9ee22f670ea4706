"""Properties of re-anchoring that must hold for any text and any edit (issue 15).

* A resolved anchor always lies within the text, and its text either equals the quote
  (position, quote) or is similar enough to it to pass the fuzzy minimum (fuzzy); anything
  else is an orphan.
* An intact passage wins over an identical copy inserted elsewhere whenever its context
  agrees with the stored context better than the copy's does.

A few hundred examples each in the suite; ``HYPOTHESIS_PROFILE=long`` runs many more (README,
"Reliability").
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.study.anchor import (
    CONTEXT,
    MIN_QUOTE_SIMILARITY,
    MIN_SCORE,
    Anchor,
    make_anchor,
    quote_scores,
    reanchor,
)

#: A small alphabet makes repeats, lookalikes and near matches common.
_SMALL = st.sampled_from(list("01"))
_HAN = st.sampled_from(list("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可"))
_CHARS = st.one_of(_SMALL, _HAN, st.sampled_from(list("。，A ")))


@st.composite
def _edited(draw: st.DrawFn) -> tuple[Anchor, str]:
    """An anchor on some text, and that text after a random set of edits.

    One alphabet per example: two letters (repeats everywhere: the hardest case for
    re-anchoring), common Han characters, or a mix with punctuation.
    """
    chars = draw(st.sampled_from([_SMALL, _HAN, _CHARS]))
    text = draw(st.text(chars, min_size=1, max_size=60))
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    anchor = make_anchor(text, start, end)
    changed = text
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["insert", "delete", "replace", "cut the end"]))
        at = draw(st.integers(0, len(changed)))
        if kind == "cut the end":  # the blocker's shape: the last characters of the text deleted
            changed = changed[: max(0, len(changed) - draw(st.integers(1, 3)))]
        elif kind == "insert":
            changed = changed[:at] + draw(st.text(chars, min_size=1, max_size=8)) + changed[at:]
        else:
            size = draw(st.integers(1, 8))
            middle = draw(st.text(chars, min_size=1, max_size=8)) if kind == "replace" else ""
            changed = changed[:at] + middle + changed[at + size :]
    return anchor, changed


def test_the_reported_minimal_case_is_an_orphan_or_inside_the_text() -> None:
    found = reanchor(make_anchor("0000", 0, 4), "000")
    assert found.orphan or 0 <= found.start < found.end <= 3


def test_the_reported_tail_case_stays_inside_the_text() -> None:
    text = "最新报道显示，OpenAI正面临严峻的技术挑战。"
    anchor = make_anchor(text, len(text) - 4, len(text))
    changed = text[:-1]
    found = reanchor(anchor, changed)
    assert found.orphan or 0 <= found.start < found.end <= len(changed)


@given(_edited())
def test_a_resolution_lies_within_the_text_and_matches_the_quote(case: tuple[Anchor, str]) -> None:
    anchor, text = case
    found = reanchor(anchor, text)
    if found.orphan:
        return
    assert 0 <= found.start < found.end <= len(text)
    passage = text[found.start : found.end]
    if found.method in ("position", "quote"):
        assert passage == anchor.exact
    else:
        quote, score = quote_scores(anchor, text, found.start, found.end)
        assert quote >= MIN_QUOTE_SIMILARITY and score >= MIN_SCORE


def _agreement(anchor: Anchor, text: str, start: int) -> int:
    """Context characters that agree with the stored context, counted outward from the quote.

    The edge of the text counts as one more character: a quote that was 3 characters from
    the start agrees better with a place 3 characters from the start than with one 10 in.
    """
    end = start + len(anchor.exact)
    edge = "\uffff"  # not in the alphabet
    stored_before = (edge if len(anchor.quote.prefix) < CONTEXT else "") + anchor.quote.prefix
    stored_after = anchor.quote.suffix + (edge if len(anchor.quote.suffix) < CONTEXT else "")
    before = (edge if start < CONTEXT else "") + text[max(0, start - CONTEXT) : start]
    after = text[end : end + CONTEXT] + (edge if end + CONTEXT > len(text) else "")
    p = 0
    for x, y in zip(reversed(stored_before), reversed(before), strict=False):
        if x != y:
            break
        p += 1
    s = 0
    for x, y in zip(stored_after, after, strict=False):
        if x != y:
            break
        s += 1
    return p + s


@given(
    before=st.text(_CHARS, max_size=50),
    quote=st.text(_CHARS, min_size=1, max_size=10),
    after=st.text(_CHARS, max_size=50),
    copy_context=st.tuples(st.text(_CHARS, max_size=6), st.text(_CHARS, max_size=6)),
    where=st.floats(0, 1),
)
def test_the_intact_passage_wins_over_an_inserted_copy_with_worse_context(
    before: str, quote: str, after: str, copy_context: tuple[str, str], where: float
) -> None:
    text = before + quote + after
    anchor = make_anchor(text, len(before), len(before) + len(quote))
    # Insert "x + quote + y" anywhere before or after the passage (never inside it).
    outside = [i for i in range(len(text) + 1) if i <= anchor.start or i >= anchor.end]
    at = outside[int(where * (len(outside) - 1))]
    copy = copy_context[0] + quote + copy_context[1]
    changed = text[:at] + copy + text[at:]
    original = anchor.start + (len(copy) if at <= anchor.start else 0)
    others = [i for i in range(len(changed)) if changed.startswith(quote, i) and i != original]
    if any(_agreement(anchor, changed, original) <= _agreement(anchor, changed, i) for i in others):
        return  # another occurrence (the copy) is as well supported: either answer is defensible
    found = reanchor(anchor, changed)
    assert (found.start, found.end) == (original, original + len(quote)), found
