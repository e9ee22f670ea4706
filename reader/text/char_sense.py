"""A character's meaning inside a word: 注 in 注意 is "to pay attention", not "to inject".

The pop-up lists a word's characters, each with a gloss. CC-CEDICT's first
sense of a character is its meaning as a free word, often not the one it
carries in the compound: 干 gàn "tree trunk" in 干活 "to work", 请 "to ask" in
请客 "to invite", 月 "moon" in 正月 "first month". Learners read the breakdown
to see *why* a word means what it does, so each character should show the
sense the word draws on.

The mechanism is general and uses nothing but the dictionary: among the
character's senses in the reading it has in the word, the one sharing the most
content words with the word's own glosses (CC-CEDICT's, the glossary's, the
meaning in context) is shown; a tie keeps the earlier, commoner sense, and
with no shared word the character's leading sense stays. Words such as "to",
"sth" or "make" carry no meaning of their own in glosses ("to make a bet"
would otherwise give 打 "to make") and are not counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from reader.text.cedict_entry import Entry
from reader.text.sense_book import reading_key
from reader.text.sense_rank import background, leading_sense, ranked_entries

#: Words of English glosses that say nothing of a meaning: articles, prepositions,
#: CC-CEDICT's placeholders (sth, sb, fig., lit.) and light verbs ("to make a bet").
_EMPTY = frozenset(
    """a an the to of or and in on at by for with from into about as be is are one one's oneself
    it its sth sb etc fig lit esp used bound form also make take do get have give go come put set
    let very thing things person people something someone somebody kind sort way state act good
    up out off over""".split()
)
_WORD = re.compile(r"[a-z]+")
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
#: A gloss quoting Chinese is an example sentence's translation, not a meaning ("the reason why I dislike him").
_QUOTES_CHINESE = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=4096)
def content_words(sense: str) -> frozenset[str]:
    """The words of an English gloss that carry meaning, lower case, a plural -s dropped.

    Bracketed notes are left out: ``"to take (a picture)"`` gives ``{"take"}``
    less the light verb, that is nothing.
    """
    out = set()
    for word in _WORD.findall(_PAREN.sub(" ", sense.lower())):
        if len(word) < 3 or word in _EMPTY:
            continue
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        out.add(word)
    return frozenset(out)


def sense_in_word(entries: Sequence[Entry], syllable: str, word_glosses: Iterable[str]) -> str:
    """The sense of a character (its CC-CEDICT ``entries``) that the word glossed ``word_glosses`` draws on.

    ``syllable`` is the character's numbered reading in the word ("" if unknown):
    only its entries in that reading are weighed, when it has any.
    """
    wanted = reading_key([syllable]) if syllable else ()
    same = [e for e in entries if reading_key(e.pinyin.split()) == wanted]
    pool = same or list(entries)
    fallback = leading_sense(pool, (syllable,) if same else ())
    target: set[str] = set()
    for gloss in word_glosses:
        if not _QUOTES_CHINESE.search(gloss):
            target |= content_words(gloss)
    if not target:
        return fallback
    best, score = fallback, len(content_words(fallback) & target)
    for entry in ranked_entries(pool, (syllable,) if same else ()):
        if entry.pinyin[:1].isupper():  # a name's sense is never what a common word draws on
            continue
        for sense in entry.gloss_senses():
            if background(sense) or sense.startswith("classifier") or _QUOTES_CHINESE.search(sense):
                continue
            shared = len(content_words(sense) & target)
            if shared > score:
                best, score = sense, shared
    return best
