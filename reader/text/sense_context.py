"""The context a use's conditions look at, and the slot (noun, verb, adjective) a word fills there.

:func:`context_at` gives a token's :class:`Context`: its neighbours in the
paragraph (their text, and jieba's part-of-speech tag through a ``tagger``,
asked for only when a condition needs it), the clause around it and the
sentence before it. :func:`slot` tells from the neighbours what part of
speech the word is used as, and :func:`narrowed` keeps the part of a mixed
gloss ("life; to live") that fits. Pure module: no UI.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from reader.text.phrases import meanings_of

__all__ = [
    "CLAUSE_CHARS",
    "SENTENCE_CHARS",
    "Context",
    "context_at",
    "is_verb_sense",
    "mixed",
    "narrowed",
    "slot",
]

#: Characters of the sentence before the word a ``sentence_before`` condition sees at most.
SENTENCE_CHARS = 60
#: Where a sentence ends for ``sentence_before``: commas do not end one (除了英语，他还会…).
_SENTENCE_BREAK = re.compile(r"[。！？!?；;\n]")
#: Characters of context a ``before`` / ``after`` condition sees at most.
CLAUSE_CHARS = 24
#: Where a clause ends for ``before`` / ``after`` (the enumeration comma 、 does not end one).
_CLAUSE_BREAK = re.compile(r"[，。！？；：,.!?;:\n“”「」『』（）()《》—…]")


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


def is_verb_sense(sense: str) -> bool:
    """Tell whether a sense is a verb's ("to live", "(of a car) to run"), but not the preposition "to (sb)"."""
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
    verbs = [part for part in senses if is_verb_sense(part)]
    others = [part for part in senses if not is_verb_sense(part)]
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
    kinds = {is_verb_sense(part) for part in senses}
    return len(kinds) == 2
