"""The sense chooser: the one owner of what a word means in its sentence.

Every place that shows a meaning (the pop-up's headline, ``reader annotate``'s
``gloss``, the study card, the drill, the exports) takes it from
:meth:`SenseChooser.sense`, strongest source first:

1. **yours**: a meaning the learner chose or wrote, for this document or for
   every document (:class:`Choices`, filled from ``READER_HOME/meanings.yaml``);
2. **glossary**: a curated term keeps its curated gloss;
3. **learner**: the learner glosses of ``content/senses/*.yaml``
   (docs/SENSES.md): of the uses with the reading the word has here, the first
   whose context conditions hold;
4. **dictionary**: CC-CEDICT, the entry with this reading first, common
   words before proper nouns, and surnames, variants, archaic, classical and
   dialect senses only when nothing else is left (:func:`leading_sense`);
5. **composed**: a free phrase that no source knows (很难, 坐在, 三个) is read
   as its dictionary words and glossed part by part: "very + difficult",
   "three (+ classifier)".

Conditions look at the token's neighbours (their text and jieba's
dictionary part-of-speech tag, given by a ``tagger``) and at the clause
around it (:class:`Context`). Pure module: no UI; ``yaml`` only when a file
is read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache, partial
from pathlib import Path
from typing import Protocol

from reader.errors import ReaderError
from reader.text.cedict_entry import Entry
from reader.text.names import NameGuesser
from reader.text.numerals import NUMERAL_PREFIX
from reader.text.phrases import (
    TITLES,
    first_meaning,
    fraction_gloss,
    frame_of,
    meanings_of,
    numeral_gloss,
    split_phrase,
    surname_of,
    unit_of,
)

__all__ = [
    "CONDITION_KEYS",
    "Choices",
    "Context",
    "Sense",
    "SenseBook",
    "SenseChooser",
    "Use",
    "candidates",
    "context_at",
    "leading_sense",
    "load_sense_book",
    "ranked_senses",
    "sense_file_data",
]

#: The condition keys of a use's ``when`` (docs/SENSES.md).
CONDITION_KEYS = ("prev", "next", "before", "after", "prev_tag", "next_tag", "sentence_before")
#: Characters of the sentence before the word a ``sentence_before`` condition sees at most.
SENTENCE_CHARS = 60
#: Where a sentence ends for ``sentence_before``: commas do not end one (除了英语，他还会…).
_SENTENCE_BREAK = re.compile(r"[。！？!?；;\n]")
#: Characters of context a ``before`` / ``after`` condition sees at most.
CLAUSE_CHARS = 24
#: Where a clause ends for ``before`` / ``after`` (the enumeration comma 、 does not end one).
_CLAUSE_BREAK = re.compile(r"[，。！？；：,.!?;:\n“”「」『』（）()《》—…]")
#: Senses that never lead while another is left: surnames, variants, old, archaic, classical, dialect.
_BACKGROUND = re.compile(
    r"^(?:surname |(?:\()?(?:old|archaic|obsolete|ancient|classical|literary|dialect(?:al)?|Cantonese|Taiwanese|"
    r"Hokkien|onom\.|old name|euphemism|slang|vulgar|Buddhism|Taoism)\b|(?:old |archaic |ancient |erroneous |obsolete |"
    r"unofficial |non-standard |Japanese )?variant of|used in |see |see also |abbr\. for |CL:|(?:Taiwan |also )?pr\. |"
    r"(?:bound form)\s*$)",
    re.IGNORECASE,
)


# -- the data -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Condition:
    """The ``when`` of a use: ``(key, pattern source, negated)`` checks that must all hold.

    A pattern is compiled when a check first looks at it (:func:`_compiled`): the
    learner glosses hold some 900 distinct patterns, a tenth of a second to
    compile, and a text reaches only the few of its own words.
    """

    checks: tuple[tuple[str, str, bool], ...]

    def holds(self, context: Context) -> bool:
        """Tell whether every check holds in ``context`` (a pattern that does not compile never holds)."""
        for key, source, negated in self.checks:
            pattern = _compiled(source)
            if pattern is None or (pattern.search(context.get(key)) is not None) == negated:
                return False
        return True


@dataclass(frozen=True, slots=True)
class Use:
    """One use of a word in the learner glosses."""

    reading: tuple[str, ...]
    gloss: str
    when: Condition | None = None
    note: str = ""
    measure: bool = False
    bound: str = ""  # "suffix" / "prefix": a use only inside a longer word no dictionary lists


#: Where a bound use applies: as the last or the first character of a word glossed part by part.
BOUND_POSITIONS = ("suffix", "prefix")


@dataclass(frozen=True, slots=True)
class Sense:
    """The meaning chosen for a word here, where it came from, and its reading."""

    gloss: str
    source: str = "none"  # yours | glossary | learner | dictionary | name | composed | none
    reading: tuple[str, ...] = ()
    note: str = ""


@dataclass
class SenseBook:
    """The learner glosses: word → uses in file order; ``problems`` holds what could not be read."""

    uses: dict[str, tuple[Use, ...]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    #: (character, "suffix" / "prefix") → its bound uses: 性 "-ity" closing 可解释性.
    affixes: dict[tuple[str, str], tuple[Use, ...]] = field(default_factory=dict)
    _measures: dict[str, bool] = field(default_factory=dict, repr=False, compare=False)

    def get(self, word: str) -> tuple[Use, ...]:
        """The uses of ``word`` (empty when it is not covered)."""
        return self.uses.get(word, ())

    @cached_property
    def sentence_chars(self) -> frozenset[str]:
        """The characters of the words whose uses look at ``sentence_before`` (还, 又).

        Only a token holding one needs the sentence in the gloss memo's key. Asked for
        once the book is loaded.
        """
        return frozenset(
            char
            for word, uses in self.uses.items()
            if any(
                use.when is not None and any(key == "sentence_before" for key, _, _ in use.when.checks) for use in uses
            )
            for char in word
        )

    def is_measure(self, char: str) -> bool:
        """Tell whether a use of ``char`` is a classifier's (``measure``), memoised per character.

        Asked for the first character of nearly every token by the segmentation
        repair; the memo is cleared whenever a file adds words to the book.
        """
        memo = self._measures
        found = memo.get(char)
        if found is None:
            found = memo[char] = any(use.measure for use in self.uses.get(char, ()))
        return found

    def affix(self, char: str, position: str) -> tuple[Use, ...]:
        """The bound uses of ``char`` at ``position`` ("suffix" or "prefix") of a longer word."""
        return self.affixes.get((char, position), ())

    def contextual(self, word: str) -> bool:
        """Tell whether any use of ``word`` has conditions (its sense then depends on context)."""
        return any(use.when is not None for use in self.uses.get(word, ()))


def reading_key(syllables: Iterable[str]) -> tuple[str, ...]:
    """Lowercase syllables with ü as ``v``: the form readings are compared in.

    Memoised for tuples (the readings of tokens, shared by every occurrence of a word).
    """
    if isinstance(syllables, tuple):
        found = _READING_KEYS.get(syllables)
        if found is None:
            if len(_READING_KEYS) > 100_000:
                _READING_KEYS.clear()
            found = _READING_KEYS[syllables] = tuple(s.lower().replace("u:", "v").replace("ü", "v") for s in syllables)
        return found
    return tuple(s.lower().replace("u:", "v").replace("ü", "v") for s in syllables)


_READING_KEYS: dict[tuple[str, ...], tuple[str, ...]] = {}


def _same_but_neutral(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Tell whether two readings differ only where one of them has the neutral tone (笑话 hua4 / hua5)."""
    if len(one) != len(other) or not one:
        return False
    for a, b in zip(one, other, strict=True):
        if a != b and (a[:-1] != b[:-1] or "5" not in (a[-1:], b[-1:])):
            return False
    return True


@cache
def _pattern(source: str) -> re.Pattern[str]:
    """``re.compile(source)``, once per distinct pattern (a third of the files' 1,400 patterns repeat)."""
    return re.compile(source)


@cache
def _compiled(source: str) -> re.Pattern[str] | None:
    """The pattern of a condition's ``source``, compiled on first use; None when it does not compile."""
    try:
        return _pattern(source)
    except re.error:
        return None


def _condition(raw: object, where: str, check_patterns: bool = True) -> Condition:
    if not isinstance(raw, Mapping):
        raise ValueError(f"{where}: 'when' must be a mapping")
    checks = []
    for key, pattern in raw.items():
        negated = str(key).startswith("not_")
        base = str(key)[4:] if negated else str(key)
        if base not in CONDITION_KEYS:
            raise ValueError(f"{where}: unknown condition {key!r}")
        source = str(pattern)
        if check_patterns:
            try:
                _pattern(source)
            except re.error as error:
                raise ValueError(f"{where}: bad pattern for {key}: {error}") from error
        checks.append((base, source, negated))
    return Condition(tuple(checks))


def parse_sense_book(
    data: object, source: str, book: SenseBook | None = None, *, check_patterns: bool = True
) -> SenseBook:
    """Add the words of one parsed file to ``book`` (a new one by default); bad uses go to ``problems``.

    With ``check_patterns`` every condition's pattern is compiled now, and a use
    whose pattern does not compile is a problem; without, patterns compile on
    first use (the reader's own files are checked by the tests) and such a
    condition simply never holds.
    """
    book = book if book is not None else SenseBook()
    book._measures.clear()
    if not isinstance(data, Mapping) or not isinstance(data.get("words"), Mapping):
        book.problems.append(f"{source}: expected a mapping with 'words'")
        return book
    for word, raw_uses in data["words"].items():
        word = str(word)
        uses: list[Use] = []
        bound: dict[str, list[Use]] = {}
        for index, raw in enumerate(raw_uses if isinstance(raw_uses, list) else []):
            where = f"{source}: {word} use {index + 1}"
            try:
                if not isinstance(raw, Mapping):
                    raise ValueError(f"{where}: a use must be a mapping")
                reading = reading_key(str(raw.get("reading", "")).split())
                gloss = str(raw.get("gloss") or "").strip()
                if not gloss:
                    raise ValueError(f"{where}: empty gloss")
                when = _condition(raw["when"], where, check_patterns) if raw.get("when") else None
                position = str(raw.get("bound") or "")
                if position and (position not in BOUND_POSITIONS or len(word) != 1):
                    raise ValueError(f"{where}: bound must be suffix or prefix, on one character")
                use = Use(reading, gloss, when, str(raw.get("note") or ""), bool(raw.get("measure", False)), position)
                (bound.setdefault(position, []) if position else uses).append(use)
            except ValueError as error:
                book.problems.append(str(error))
        for position, affix_uses in bound.items():  # bound uses add to a word, they never replace its uses
            book.affixes[(word, position)] = tuple(affix_uses)
        if uses:
            book.uses[word] = tuple(uses)
        elif not bound:
            book.problems.append(f"{source}: {word} has no usable use")
    return book


def load_sense_book(paths: Iterable[Path], *, check_patterns: bool = False) -> SenseBook:
    """Load the learner-gloss files in order (a later file's word replaces an earlier one's).

    Patterns are compiled on first use unless ``check_patterns`` (see :func:`parse_sense_book`).
    """
    from reader.storage.yamlio import YAMLSyntaxError

    book = SenseBook()
    for path in paths:
        try:
            data = sense_file_data(path)
        except (OSError, UnicodeDecodeError, YAMLSyntaxError) as error:
            raise ReaderError(f"cannot read the learner glosses {path}: {error}") from error
        parse_sense_book(data, str(path), book, check_patterns=check_patterns)
    return book


def sense_file_data(path: Path) -> object:
    """The parsed YAML of one learner-gloss file, through the parse memo.

    The memo answers a file read before (PyYAML's constructor took ~0.7 s a run);
    on a first run the index's child process fills it (:mod:`reader.text.index_process`).
    Raises OSError, UnicodeDecodeError or :class:`~reader.storage.yamlio.YAMLSyntaxError`.
    """
    from reader.storage.yamlio import load_yaml_text

    return load_yaml_text(path.read_text(encoding="utf-8"), memo=f"learner glosses {path}")


# -- context ----------------------------------------------------------------------------------------


class Context:
    """What the conditions of a use may look at, for one token; tags are asked for only when needed."""

    __slots__ = ("_tags", "after", "before", "next", "prev", "sentence_before", "tagger")

    def __init__(
        self,
        prev: str,
        next: str,
        before: str,
        after: str,
        tagger: Callable[[str], str] | None = None,
        sentence_before: str = "",
    ) -> None:
        self.prev = prev
        self.next = next
        self.before = before
        self.after = after
        self.tagger = tagger
        self.sentence_before = sentence_before
        self._tags: dict[str, str] = {}

    def get(self, key: str) -> str:
        """The text a condition key matches against."""
        if key == "prev_tag":
            return self._tag(self.prev)
        if key == "next_tag":
            return self._tag(self.next)
        value: str = getattr(self, key)
        return value

    def _tag(self, word: str) -> str:
        if not word or self.tagger is None:
            return ""
        tag = self._tags.get(word)
        if tag is None:
            tag = self._tags[word] = self.tagger(word)
        return tag


def _neighbour(text: str, spans: Sequence[tuple[int, int, str]], index: int, step: int) -> str:
    """The text of the nearest non-space span before (``step`` -1) or after (1) ``index``, in the same paragraph."""
    i = index + step
    while 0 <= i < len(spans):
        s, e, kind = spans[i]
        if kind != "space":
            return text[s:e]
        if "\n" in text[s:e]:
            return ""
        i += step
    return ""


def context_at(
    text: str, spans: Sequence[tuple[int, int, str]], index: int, tagger: Callable[[str], str] | None = None
) -> Context:
    """The :class:`Context` of span ``index`` of ``text``: neighbours in the same paragraph, and the clause."""
    start, end, _ = spans[index]
    prev = _neighbour(text, spans, index, -1)
    next_ = _neighbour(text, spans, index, 1)
    before = _CLAUSE_BREAK.split(text[max(0, start - CLAUSE_CHARS) : start])[-1]
    after = _CLAUSE_BREAK.split(text[end : end + CLAUSE_CHARS], maxsplit=1)[0]
    sentence = _SENTENCE_BREAK.split(text[max(0, start - SENTENCE_CHARS) : start])[-1]
    return Context(prev, next_, before, after, tagger, sentence)


# -- noun, verb or adjective: the slot a word fills ---------------------------------------------------

#: Words after which the next word is used as a verb (在工作, 不发展, 开始学习).
_VERB_AFTER = frozenset(
    "在 正在 正 会 要 能 能够 可以 可能 应该 应当 必须 不 没 没有 别 想 开始 继续 已经 已 曾经 曾 将 将要 并 都 也 还 "
    "就 才 又 再 一起 努力 认真 经常 常常 一直 仍然 依然 不断 共同 进一步 积极 得以 加以 去 来 很少 不再 正在 仍 均 皆 "
    "亦 便 即 即将 需要 希望 打算 准备 决定 继续 停止 学会 喜欢 愿意 敢 肯 该 得 被 把 让 使 很难 难 难以 容易 不易 便于 "
    "易于 善于 值得".split()
)
#: Words after which the next word is a noun (的生活, 这个决定, 一种阴谋).
_NOUN_AFTER = frozenset(
    "的 之 这 那 这个 那个 一个 这种 那种 各种 每个 某个 一种 该 其 各 每 整个 许多 很多 一些 这些 那些 某 某些 "
    "各项 一项 这项 各类 一切 所有 任何 哪个 哪些 什么 新 旧".split()
)
#: Degree words after which the next word is an adjective (很丰富, 非常骄傲).
_ADJECTIVE_AFTER = frozenset(
    "很 非常 太 比较 更 最 十分 特别 挺 有点 有点儿 越来越 相当 极其 如此 这么 那么 多么 格外 极 较 更加 最为 颇 "
    "真 好".split()
)
#: Demonstratives, alone or with a numeral or classifier: the next word is a noun (这一调整, 该公司, 此项).
_DEMONSTRATIVE = re.compile(r"(?:这|那|此|该|本|各|每|某)(?:一|项|种|个|些|类|次|位|批|条|件)?")
_ASPECT = frozenset({"了", "着", "过"})
#: Aspect particles after which the next word is the verb's object (找到了工作, 有过经验).
_OBJECT_AFTER = frozenset({"了", "过"})
#: 在 + a place just before the word's noun neighbour (在银行 | 工作): the word is the predicate.
_PLACE_BEFORE = re.compile(r"(?:^|[^现实存正])在[^在]{1,6}$")
#: Complements and prepositions that follow a verb (生活在, 发展到, 学习完).
_AFTER_VERB = frozenset("在 到 于 给 成 完 出 起 进 回 起来 下去 出来 过来 得".split())


def slot(context: Context, word: str = "") -> str:
    """The part of speech the word at ``context`` is used as: "verb", "noun", "adjective" or "" (no sign).

    From its neighbours only: a modal, negation or adverb before it, or an
    aspect particle after it, makes it a verb (不发展, 发展了); 的, a
    demonstrative, a numeral or classifier, or an adjective before it makes
    it a noun (的生活, 这个决定, 新生活), as does a verb before it at the end of
    a clause (享受生活。); a degree word before it makes it an adjective
    (很丰富). A subject pronoun before it, or a complement after it (生活在),
    makes it a verb. A degree word (比较, 相当) before an adjective is an
    "adverb": its senses that are not verbs.
    """
    prev, next_ = context.prev, context.next
    if prev in _ADJECTIVE_AFTER:
        return "adjective"
    if word in _ADJECTIVE_AFTER and context.get("next_tag") == "a":
        return "adverb"  # 也比较便宜: a degree word before an adjective is its adverb, not the verb (to compare)
    if _DEMONSTRATIVE.fullmatch(prev):  # 这一调整, 该统计: a demonstrative (tagged r) before a noun
        return "noun"
    if prev in _VERB_AFTER or next_ in _ASPECT or next_ in _AFTER_VERB:
        return "verb"
    if prev in _NOUN_AFTER or prev in _OBJECT_AFTER:  # 的生活; 找到了工作: the object of a verb + 了
        return "noun"
    prev_tag = context.get("prev_tag")
    next_tag = context.get("next_tag")
    if prev_tag == "a" and next_tag[:1] in ("n", "r"):
        return "verb"  # 强烈支持德国统一: an adjective used as an adverb, then the object
    if prev_tag[:1] in ("m", "q") or prev_tag == "a":
        return "noun"
    if prev_tag[:1] in ("d", "r"):  # an adverb, or a subject pronoun (我们决定…)
        return "verb"
    if prev_tag[:1] == "v" and (not next_ or next_tag == "x"):
        return "noun"
    # The subject rules below are for words that are nouns as well as verbs (发展, 工作: tagged
    # vn or n); an adverb such as 就要 before a verb is no subject.
    own_tag = context.tagger(word) if word and context.tagger is not None else ""
    nominal = not word or context.tagger is None or own_tag[:1] == "n" or own_tag == "vn"
    if nominal and (not prev or prev_tag == "x" or prev_tag[:1] == "n") and next_ in _ADJECTIVE_AFTER:
        return "noun"  # 教育很重要: the subject before a degree word
    if nominal and prev_tag[:1] in ("n", "s") and next_tag == "f":
        return "noun"  # 在经济发展中: a noun phrase before a place word
    if (
        nominal
        and prev_tag[:1] in ("n", "s")
        and next_tag[:1] in ("v", "d")
        and word not in _VERB_AFTER  # 议会需要得到: 需要 takes a verb, it is not a subject
        and not _PLACE_BEFORE.search(context.before)
    ):
        return "noun"  # 经济发展离不开教育: a noun before it and a predicate after it, the head of a subject
    if prev_tag[:1] in ("n", "s") and (not next_ or next_tag == "x") and _PLACE_BEFORE.search(context.before):
        return "verb"  # 我在银行工作。: 在 + a place, then the predicate
    return ""


_TO_SOMEONE = re.compile(r"to \((?:sb|sth|someone|something)\)\s*$")


def _is_verb_sense(sense: str) -> bool:
    bare = re.sub(r"^\([^)]*\)\s*", "", sense.strip())
    # "to (sb)" is the preposition of 给你买 / 交给他, not a verb
    return bare.startswith("to ") and not _TO_SOMEONE.match(bare)


def narrowed(gloss: str, used_as: str) -> str:
    """The part of a gloss that fits the slot: "life; to live" is "life" as a noun and "to live" as a verb.

    A gloss whose senses are all verbs, or all not, is returned whole, and so
    is any gloss when the slot is unknown.
    """
    if not used_as or not mixed(gloss):
        return gloss
    senses = meanings_of(gloss)
    verbs = [part for part in senses if _is_verb_sense(part)]
    others = [part for part in senses if not _is_verb_sense(part)]
    if not verbs or not others:
        return gloss
    return "; ".join(verbs if used_as == "verb" else others)


@lru_cache(maxsize=65536)
def mixed(gloss: str) -> bool:
    """Tell whether a gloss lists both verb senses and others (so that its slot decides).

    A grammatical gloss, one that opens with a bracketed function ("(passive
    marker) by; to be …ed"), describes one use and is never split.
    """
    if gloss.lstrip().startswith("("):
        return False
    senses = meanings_of(gloss)
    kinds = {_is_verb_sense(part) for part in senses}
    return len(kinds) == 2


# -- the dictionary's order -----------------------------------------------------------------------------


def _background(sense: str) -> bool:
    return _BACKGROUND.match(sense) is not None


def ranked_senses(entry: Entry) -> list[str]:
    """An entry's senses for display: the meaningful ones first, surnames, variants and the like after."""
    senses = list(entry.senses)
    return [s for s in senses if not _background(s)] + [s for s in senses if _background(s)]


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
            all(_background(s) for s in entry.senses),
            position,
        )

    return [entry for _, entry in sorted(enumerate(entries), key=key)]


def leading_sense(entries: Sequence[Entry], syllables: Sequence[str] = ()) -> str:
    """The sense a learner should see first, from CC-CEDICT entries read as ``syllables`` ("" if none)."""
    ordered = ranked_entries(entries, syllables)
    for entry in ordered:
        for sense in entry.gloss_senses():
            if not _background(sense):
                return _brief(sense) if entry.pinyin[:1].isupper() else sense  # a name: its gazetteer note cut

    for entry in ordered:  # only pointers and background senses: follow the pointers
        for target in entry.see_also:
            for sense in target.gloss_senses():
                if not _background(sense):
                    return sense
    for entry in ordered:
        for sense in entry.gloss_senses() or entry.senses:
            return sense
    return ""


# -- the chooser ----------------------------------------------------------------------------------------


class Dictionary(Protocol):
    """The part of :class:`reader.text.dictionary.Dictionary` the chooser needs."""

    def lookup(self, word: str) -> list[Entry]:
        """Every entry of ``word``."""
        ...

    def longest_words(self, text: str, is_term: Callable[[str], bool] | None = None) -> list[tuple[str, list[Entry]]]:
        """``text`` as its longest dictionary words (and ``is_term`` words, where longer), left to right."""
        ...


class Glossed(Protocol):
    """A glossary entry: what the chooser reads of it."""

    @property
    def gloss(self) -> str:
        """The curated English gloss."""
        ...


class GlossaryLookup(Protocol):
    """The part of :class:`reader.text.glossary.Glossary` the chooser needs."""

    def get(self, term: str) -> Glossed | None:
        """The entry of ``term``, or None."""
        ...


@dataclass
class Choices:
    """The learner's own meanings: ``(word, reading) → gloss``, for every document and per document."""

    every: dict[tuple[str, tuple[str, ...]], str] = field(default_factory=dict)
    document: dict[tuple[str, tuple[str, ...]], str] = field(default_factory=dict)

    def get(self, word: str, syllables: Sequence[str]) -> str:
        """The learner's meaning for ``word`` read as ``syllables`` here, or ""."""
        key = (word, reading_key(syllables))
        return self.document.get(key) or self.every.get(key) or ""


class SenseChooser:
    """Chooses the meaning of each word in context (see the module docstring)."""

    def __init__(
        self,
        book: SenseBook,
        dictionary: Dictionary | None = None,
        glossary: GlossaryLookup | None = None,
        tagger: Callable[[str], str] | None = None,
        names: NameGuesser | None = None,
    ) -> None:
        self.book = book
        self.dictionary = dictionary
        self.glossary = glossary
        self.tagger = tagger
        self.names = names
        self._plain: dict[tuple[str, tuple[str, ...]], Sense] = {}
        self._contextual: dict[str, bool] = {}

    def contextual(self, word: str) -> bool:
        """Tell whether the sense of ``word`` can depend on its context (memoised)."""
        found = self._contextual.get(word)
        if found is None:
            found = self._contextual[word] = self._depends_on_context(word)
        return found

    def _depends_on_context(self, word: str) -> bool:
        if self.book.contextual(word):
            return True
        if self.glossary is not None and self.glossary.get(word) is not None:
            return False
        uses = self.book.get(word)
        if uses:
            return any(mixed(use.gloss) for use in uses)
        if self.dictionary is None or len(word) < 2 or self.dictionary.lookup(word):
            return False
        # A free phrase is glossed part by part, each part in its place.
        return any(self.book.contextual(part) for part, _ in self.dictionary.longest_words(word))

    def sense(
        self, word: str, syllables: Sequence[str] = (), context: Context | None = None, choices: Choices | None = None
    ) -> Sense:
        """The meaning of ``word`` read as ``syllables`` in ``context`` (see the module docstring)."""
        if choices is not None:
            own = choices.get(word, syllables)
            if own:
                return Sense(own, "yours", tuple(syllables))
        if context is None or not self.contextual(word):
            key = (word, tuple(syllables))
            found = self._plain.get(key)
            if found is None:
                found = self._plain[key] = self._sense(word, reading_key(syllables), None)
            return found
        return self._sense(word, reading_key(syllables), context)

    def learner_use(self, word: str, syllables: Sequence[str] = (), context: Context | None = None) -> Use | None:
        """The learner-gloss use of ``word`` chosen here, or None when the word is not covered."""
        uses = self.book.get(word)
        if not uses:
            return None
        reading = reading_key(syllables)
        candidates = (
            [u for u in uses if u.reading == reading]
            or [u for u in uses if _same_but_neutral(u.reading, reading)]
            or list(uses)
        )
        for use in candidates:
            if use.when is None or (context is not None and use.when.holds(context)):
                return use
        return candidates[-1]

    def _sense(self, word: str, reading: tuple[str, ...], context: Context | None) -> Sense:
        entry = self.glossary.get(word) if self.glossary is not None else None
        if entry is not None and entry.gloss:
            return Sense(entry.gloss, "glossary", reading)
        use = self.learner_use(word, reading, context)
        if use is not None:
            gloss = narrowed(use.gloss, slot(context, word)) if context is not None and mixed(use.gloss) else use.gloss
            return Sense(gloss, "learner", reading, use.note)
        if self.dictionary is not None:
            entries = self.dictionary.lookup(word)
            if entries:
                gloss = leading_sense(entries, reading)
                if gloss:
                    return Sense(gloss, "dictionary", reading)
            named = self._named(word, reading)
            if named:
                return Sense(named, "name", reading)
            composed = self._composed(word, reading, context)
            if composed:
                return Sense(composed, "composed", reading)
        return Sense("", "none", reading)

    def _named(self, word: str, reading: tuple[str, ...]) -> str:
        """The headline of unknown ``word`` when it is probably a name (:mod:`reader.text.names`), else ""."""
        names = self.names
        if names is None or self.dictionary is None or len(word) < 2:
            return ""
        tag = self.tagger(word) if self.tagger is not None and len(word) == 3 else ""
        return names.gloss(word, reading, tag)

    def _affix_use(self, char: str, position: str, syllables: Sequence[str], context: Context | None) -> Use | None:
        """The bound use of ``char`` closing (or opening) a word glossed part by part, if its reading fits."""
        reading = reading_key(syllables)
        for use in self.book.affix(char, position):
            fits = not reading or use.reading == reading or _same_but_neutral(use.reading, reading)
            if fits and (use.when is None or (context is not None and use.when.holds(context))):
                return use
        return None

    def _common(self, word: str) -> bool:
        """Tell whether the learner glosses cover ``word`` (a word a learner meets often)."""
        return bool(self.book.get(word))

    def _known(self, word: str) -> bool:
        """Tell whether a learner gloss or the dictionary knows ``word``."""
        return self._common(word) or (self.dictionary is not None and bool(self.dictionary.lookup(word)))

    def _composed(self, word: str, reading: tuple[str, ...], context: Context | None) -> str:
        """A free phrase glossed part by part (:mod:`reader.text.phrases`): 很难 → "very + difficult".

        Each part is read in its place: its neighbours are the phrase's other
        parts (or the phrase's own neighbours at its edges), so 说得对 reads 得
        as the particle after a verb. A numeral phrase reads as English counts
        (十分钟 "ten minutes"), and a frame as its preposition (在实践中 "in
        practice").
        """
        if self.dictionary is None or len(word) < 2:
            return ""
        if NUMERAL_PREFIX.fullmatch(word):
            said = numeral_gloss(word, "")
            if said:
                return said.removesuffix(" (+ classifier)")
        share = fraction_gloss(word)
        if share:
            return share
        dictionary = self.dictionary
        common = self._common
        # A word the learner glosses know (很多, which CC-CEDICT lacks) is a part as a headword is;
        # not after a numeral, whose classifier comes next (两本书 is 两 + 本 + 书, not 两 + 本书 "this book").
        # A classifier closing the longest-first cut stays with what counts (好几 + 个, not 好 + 几个).
        longest = (
            dictionary.longest_words
            if NUMERAL_PREFIX.match(word)
            else partial(dictionary.longest_words, is_term=common)
        )
        parts = split_phrase(word, longest, self._known, common, keeps_cut=self.book.is_measure)
        if len(parts) < 2:
            return ""
        glossed: list[tuple[str, Use | None]] = []
        pos = 0
        for index, (part, entries) in enumerate(parts):
            syllables = reading[pos : pos + len(part)] if len(reading) == len(word) else ()
            where = None
            if context is not None:
                where = Context(
                    parts[index - 1][0] if index > 0 else context.prev,
                    parts[index + 1][0] if index + 1 < len(parts) else context.next,
                    context.before + word[:pos],
                    word[pos + len(part) :] + context.after,
                    context.tagger,
                    context.sentence_before + word[:pos],
                )
            pos += len(part)
            use = None
            if len(part) == 1 and not NUMERAL_PREFIX.fullmatch(part):
                position = "suffix" if index == len(parts) - 1 else "prefix" if index == 0 else ""
                if position == "suffix" and _COUNT.fullmatch(parts[index - 1][0]):
                    position = ""  # 一所, 这所: a classifier after a count, not 研究所's "institute"
                use = self._affix_use(part, position, syllables, where) if position else None
            if use is None:
                use = self.learner_use(part, syllables, where)
            gloss = use.gloss if use is not None else (leading_sense(entries, syllables) if entries else "")
            if not gloss and not NUMERAL_PREFIX.fullmatch(part):
                return ""
            glossed.append((gloss, use))
        texts = [part for part, _ in parts]
        if len(parts) == 2 and NUMERAL_PREFIX.fullmatch(texts[0]) and not _is_verb_sense(first_meaning(glossed[1][0])):
            gloss, use = glossed[1]  # a verb is not counted: 一到 is 一 + 到 (一…就 "as soon as"), not "one arrive"
            measure = use is not None and use.measure
            counted = numeral_gloss(texts[0], unit_of(gloss) if measure else first_meaning(gloss))
            if counted:
                return _with_kind(counted, gloss, texts[1]) if measure else counted
        if len(parts) == 2 and len(texts[0]) == 1 and texts[1] in TITLES and glossed[1][0]:
            surname = surname_of(parts[0][1], reading[:1])
            if surname:  # 王太太: "Wang (surname) + Mrs.", not "king + Mrs."
                return f"{surname} (surname) + {first_meaning(glossed[1][0])}"
        if any(not gloss for gloss, _ in glossed):
            return ""
        if len(parts) == 3 and NUMERAL_PREFIX.fullmatch(texts[0]) and glossed[1][1] is not None:
            counter = glossed[1][1]
            noun = first_meaning(glossed[2][0])
            unit = unit_of(glossed[1][0])
            if counter is not None and counter.measure and not _is_verb_sense(noun):
                # 两本书 "two books": a classifier without an English unit only counts the noun;
                # 一块蛋糕 "a piece of cake", 三杯咖啡 "three cups of coffee" with one
                counted = numeral_gloss(texts[0], unit.removesuffix(" (of)") if unit else noun)
                if counted:
                    return f"{counted} of {noun}" if unit and noun != "money" else counted  # 两块钱 "two yuan"
        pieces: list[str] = []
        for place, (gloss, use) in enumerate(glossed):
            if use is not None and use.measure and pieces:
                pieces[-1] = _with_kind(pieces[-1] + " (+ classifier)", gloss, texts[place])
            else:
                pieces.append(_brief(first_meaning(gloss)))
        preposition = frame_of(texts)
        if preposition and len(pieces) == len(parts):
            return f"{preposition} {' + '.join(pieces[1:-1])}"
        return " + ".join(pieces)


#: A numeral or a demonstrative before a classifier (一, 三十, 第二, 这, 每).
_COUNT = re.compile(r"(?:第?[0-9０-９一二两三四五六七八九十百千万几]+|这|那|哪|每|某|该|各|此|本)")
#: A part's meaning longer than this is cut at its first comma inside a composed gloss.
_BRIEF_CHARS = 28


def _brief(meaning: str) -> str:
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


#: Classifiers that count nearly anything: their kind says nothing.
_GENERAL_CLASSIFIERS = frozenset({"个", "個", "些"})
_CLASSIFIER_KIND = re.compile(r"^\(classifier for ([^)]+)\)")


def _with_kind(said: str, gloss: str, classifier: str) -> str:
    """Add what the classifier counts, from its gloss: "this (+ classifier)" → "this (+ classifier for films, books)".

    个, the general classifier, counts anything and is left bare ("seven (+ classifier)").
    """
    kind = _CLASSIFIER_KIND.match(gloss.strip())
    if kind is None or classifier in _GENERAL_CLASSIFIERS or not said.endswith(" (+ classifier)"):
        return said
    return f"{said[: -len(' (+ classifier)')]} (+ classifier for {kind.group(1).strip()})"


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
