"""CC-CEDICT in the order a learner needs it: the leading sense, and the meanings offered to choose from.

Surnames, variants, archaic, classical and dialect senses, pointers and the
like are "background" (:func:`background`): they never lead while another
sense is left (:func:`leading_sense`), and come last in :func:`ranked_senses`.
Pure module: no UI.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.text.cedict_entry import Entry
from reader.text.sense_book import SenseBook, reading_key

__all__ = [
    "background",
    "brief",
    "candidates",
    "leading_sense",
    "ranked_entries",
    "ranked_senses",
]

#: Senses that never lead while another is left: surnames, variants, old, archaic, classical, dialect.
_BACKGROUND = re.compile(
    r"^(?:surname |(?:\()?(?:old|archaic|obsolete|ancient|classical|literary|dialect(?:al)?|Cantonese|Taiwanese|"
    r"Hokkien|onom\.|old name|euphemism|slang|vulgar|Buddhism|Taoism)\b|(?:old |archaic |ancient |erroneous |obsolete |"
    r"unofficial |non-standard |Japanese )?variant of|used in |see |see also |abbr\. for |CL:|(?:Taiwan |also )?pr\. |"
    r"(?:bound form)\s*$)",
    re.IGNORECASE,
)


# -- the dictionary's order -----------------------------------------------------------------------------


def background(sense: str) -> bool:
    """Tell whether a sense is background: a surname, variant, pointer, archaic or dialect sense and the like."""
    return _BACKGROUND.match(sense) is not None


def ranked_senses(entry: Entry) -> list[str]:
    """An entry's senses for display: the meaningful ones first, surnames, variants and the like after."""
    senses = list(entry.senses)
    return [s for s in senses if not background(s)] + [s for s in senses if background(s)]


def ranked_entries(entries: Sequence[Entry], syllables: Sequence[str] = ()) -> list[Entry]:
    """Entries in the order a learner needs them.

    The reading in context first; common words before proper nouns (pinyin
    written with a capital); entries with a meaningful sense before entries of
    nothing but surnames, variants and cross-references; then file order.
    """
    wanted = reading_key(syllables)

    def key(item: tuple[int, Entry]) -> tuple[bool, bool, bool, int]:
        position, entry = item
        reading = reading_key(entry.pinyin.split())
        return (
            bool(wanted) and reading != wanted,
            entry.pinyin[:1].isupper(),
            all(background(s) for s in entry.senses),
            position,
        )

    return [entry for _, entry in sorted(enumerate(entries), key=key)]


def leading_sense(entries: Sequence[Entry], syllables: Sequence[str] = ()) -> str:
    """The sense a learner should see first, from CC-CEDICT entries read as ``syllables`` ("" if none)."""
    ordered = ranked_entries(entries, syllables)
    for entry in ordered:
        for sense in entry.gloss_senses():
            if not background(sense):
                return brief(sense) if entry.pinyin[:1].isupper() else sense  # a name: its gazetteer note cut

    for entry in ordered:  # only pointers and background senses: follow the pointers
        for target in entry.see_also:
            for sense in target.gloss_senses():
                if not background(sense):
                    return sense
    for entry in ordered:
        for sense in entry.gloss_senses() or entry.senses:
            return sense
    return ""


#: A part's meaning longer than this is cut at its first comma inside a composed gloss.
_BRIEF_CHARS = 28


def brief(meaning: str) -> str:
    """A part's meaning short enough to sit in "a + b": an encyclopaedic sense cut at its first comma.

    尧 "Yao or Tang Yao (c. 2200 BC), one of Five legendary Emperors …" → "Yao or Tang Yao (c. 2200 BC)".
    """
    if len(meaning) <= _BRIEF_CHARS:
        return meaning
    depth = 0
    head = meaning
    for index, char in enumerate(meaning):  # the first comma outside brackets: "(classifier for songs, poems)" stays
        depth += (char in "([") - (char in ")]")
        if char == "," and depth == 0 and meaning[index + 1 : index + 2] == " ":
            head = meaning[:index]
            break
    return re.sub(r"\s*\S*\[[^\]]*\]", "", head).strip() or meaning


def candidates(
    word: str, syllables: Sequence[str], book: SenseBook, entries: Sequence[Entry], limit: int = 12
) -> list[str]:
    """The meanings a learner may choose from for ``word`` read as ``syllables``, each once.

    The learner-gloss uses of this reading first, then CC-CEDICT's senses of
    this reading (meaningful ones first), then the other readings' uses and
    senses; pointers, classifier lists and pronunciation notes are left out.
    """
    wanted = reading_key(syllables)
    uses = book.get(word)
    ordered = ranked_entries(entries, syllables)
    out: list[str] = []

    def add(gloss: str) -> None:
        gloss = gloss.strip()
        if gloss and gloss not in out and len(out) < limit:
            out.append(gloss)

    for use in uses:
        if use.reading == wanted:
            add(use.gloss)
    for entry in ordered:
        if reading_key(entry.pinyin.split()) == wanted:
            for sense in ranked_senses(entry):
                if sense in entry.gloss_senses():
                    add(sense)
    for use in uses:
        add(use.gloss)
    for entry in ordered:
        for sense in ranked_senses(entry):
            if sense in entry.gloss_senses():
                add(sense)
    return out
